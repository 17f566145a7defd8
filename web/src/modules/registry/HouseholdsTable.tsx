// Households of a compound, paged by cursor (previous / next), optionally one building.
import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { EyeOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { useAuth } from '../accounts/AuthProvider.tsx';
import { fetchHouseholds, registryKeys } from './api.ts';
import { formatArea } from './format.ts';
import PersonalModal from './PersonalModal.tsx';
import type { Household, MaskedResident } from './types.ts';

const PAGE_SIZE = 20;
const statusColor: Record<string, string> = { pending: 'warning', verified: 'success', rejected: 'error' };

interface Props {
  compoundId: string;
  buildings: string[];
}

export default function HouseholdsTable({ compoundId, buildings }: Props) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const [building, setBuilding] = useState<string | undefined>(undefined);
  // cursors[i] is the cursor that fetches page i (page 0 has none).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [pageIndex, setPageIndex] = useState(0);
  const [personalOf, setPersonalOf] = useState<string | null>(null);
  const cursor = cursors[pageIndex] ?? null;

  const query = useQuery({
    queryKey: [...registryKeys.households(compoundId, building), cursor],
    queryFn: () => fetchHouseholds(compoundId, PAGE_SIZE, cursor, building),
    placeholderData: keepPreviousData,
  });
  const nextCursor = query.data?.nextCursor ?? null;
  const mayReadPersonal = can('personal.read');

  const goNext = () => {
    if (!nextCursor) return;
    setCursors((list) => [...list.slice(0, pageIndex + 1), nextCursor]);
    setPageIndex((i) => i + 1);
  };
  const chooseBuilding = (value: string | undefined) => {
    setBuilding(value);
    setCursors([null]);
    setPageIndex(0);
  };

  const renderResident = (r: MaskedResident) => (
    <Flex key={r.id} align="center" gap={8} wrap data-testid="resident">
      <Typography.Text>{r.name}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
        {r.phone ?? '—'}
      </Typography.Text>
      <Tag style={{ marginInlineEnd: 0 }}>{t(`compound.relations.${r.relation}`, { defaultValue: r.relation })}</Tag>
      <Tag color={statusColor[r.status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
        {t(`compound.status.${r.status}`, { defaultValue: r.status })}
      </Tag>
      {mayReadPersonal && (
        <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setPersonalOf(r.id)} data-testid="show-personal">
          {t('compound.showFull')}
        </Button>
      )}
    </Flex>
  );

  const columns: ColumnsType<Household> = [
    { title: t('compound.columns.building'), dataIndex: 'building', width: 100, fixed: 'left' },
    { title: t('compound.columns.unit'), dataIndex: 'unit', width: 90 },
    { title: t('compound.columns.room'), dataIndex: 'room', width: 80 },
    {
      title: t('compound.columns.floorArea'),
      dataIndex: 'floorAreaM2',
      width: 110,
      align: 'right',
      render: (v: string) => formatArea(v, i18n.language),
    },
    { title: t('compound.columns.deedRef'), dataIndex: 'deedRef', width: 170, render: (v: string | null) => v ?? '—' },
    {
      title: t('compound.columns.residents'),
      dataIndex: 'residents',
      render: (list: MaskedResident[]) =>
        list.length === 0 ? (
          <Typography.Text type="secondary">{t('compound.noResidents')}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={4}>
            {list.map(renderResident)}
          </Space>
        ),
    },
  ];

  return (
    <Card
      title={t('compound.householdsTitle')}
      size="small"
      extra={
        buildings.length > 0 && (
          <Select
            allowClear
            data-testid="household-building"
            placeholder={t('compound.allBuildings')}
            style={{ width: 160 }}
            value={building}
            onChange={(v: string | undefined) => chooseBuilding(v)}
            options={buildings.map((b) => ({ value: b, label: b }))}
          />
        )
      }
    >
      {query.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('common.error')}
          description={errorMessage(query.error)}
          action={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
        />
      ) : (
        <Table<Household>
          data-testid="households-table"
          rowKey="id"
          size="small"
          bordered
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} /> }}
        />
      )}
      <Flex justify="flex-end" align="center" gap={8} style={{ marginTop: 12 }}>
        <Button
          icon={<LeftOutlined />}
          disabled={pageIndex === 0}
          onClick={() => setPageIndex((i) => Math.max(0, i - 1))}
          data-testid="households-prev"
        >
          {t('common.prevPage')}
        </Button>
        <Typography.Text type="secondary" data-testid="households-page">
          {t('common.page', { page: pageIndex + 1 })}
        </Typography.Text>
        <Button disabled={!nextCursor || query.isPlaceholderData} onClick={goNext} data-testid="households-next">
          {t('common.nextPage')} <RightOutlined />
        </Button>
      </Flex>
      <PersonalModal residentId={personalOf} onClose={() => setPersonalOf(null)} />
    </Card>
  );
}
