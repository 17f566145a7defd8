// Households of a compound, paged by cursor (previous / next), optionally one building.
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { EyeOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import { collectPages, MAX_EXPORT_ROWS, xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { fetchHouseholds, registryKeys, verifyBinding } from './api.ts';
import { formatArea } from './format.ts';
import PersonalModal from './PersonalModal.tsx';
import type { Household, MaskedResident } from './types.ts';

const PAGE_SIZE = 20;
/** The server's largest page: an export walks every household in as few requests as it can. */
const EXPORT_PAGE_SIZE = 500;
const statusColor: Record<string, string> = { pending: 'warning', verified: 'success', rejected: 'error' };

interface Props {
  compoundId: string;
  buildings: string[];
}

export default function HouseholdsTable({ compoundId, buildings }: Props) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
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
  const client = useQueryClient();
  // Confirming takes a second person (the server says so, naming the rule, when it is the one who added the binding).
  const decide = useMutation({
    mutationFn: (v: { householdId: string; residentId: string; decision: 'verified' | 'rejected' }) =>
      verifyBinding(v.householdId, v.residentId, v.decision),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['registry', 'households', compoundId] }),
    onError: (err) => void message.error(errorMessage(err)),
  });

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

  const relation = (r: MaskedResident) => t(`compound.relations.${r.relation}`, { defaultValue: r.relation });
  const status = (r: MaskedResident) => t(`compound.status.${r.status}`, { defaultValue: r.status });
  const renderResident = (householdId: string) => (r: MaskedResident) => (
    <Flex key={r.id} align="center" gap={8} wrap data-testid="resident">
      <Typography.Text>{r.name}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
        {r.phone ?? '—'}
      </Typography.Text>
      <Tag style={{ marginInlineEnd: 0 }}>{relation(r)}</Tag>
      <Tag color={statusColor[r.status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
        {status(r)}
      </Tag>
      {r.status === 'pending' && can('residents.bind') && (
        <Space size={0} data-testid="binding-decision" title={t('compound.verifyHint')}>
          {(['verified', 'rejected'] as const).map((decision) => (
            <Button
              key={decision}
              size="small"
              type="link"
              danger={decision === 'rejected'}
              data-testid={`binding-${decision}`}
              loading={decide.isPending && decide.variables?.residentId === r.id && decide.variables.decision === decision}
              onClick={() => decide.mutate({ householdId, residentId: r.id, decision })}
            >
              {t(decision === 'verified' ? 'compound.verify' : 'compound.reject')}
            </Button>
          ))}
        </Space>
      )}
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
      render: (list: MaskedResident[], h: Household) =>
        list.length === 0 ? (
          <Typography.Text type="secondary">{t('compound.noResidents')}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={4}>
            {list.map(renderResident(h.id))}
          </Space>
        ),
    },
  ];

  // Residents as the screen shows them (names and phones masked by the server), without the buttons.
  const exportColumns = xlsxColumnsFrom(columns, {
    residents: (h) => h.residents.map((r) => [r.name, r.phone ?? '—', relation(r), status(r)].join(' ')).join('；'),
  });
  /** Every household of the compound (of the chosen building), not only the page shown. */
  const allHouseholds = async (): Promise<Household[]> => {
    let cursor: string | null = null;
    const rows: Household[] = [];
    const all = await collectPages(rows, true, async () => {
      const page = await fetchHouseholds(compoundId, EXPORT_PAGE_SIZE, cursor, building);
      rows.push(...page.items);
      cursor = page.nextCursor;
      return { rows, more: cursor !== null };
    });
    if (all.capped) void message.warning(t('common.exportCapped', { count: MAX_EXPORT_ROWS }));
    return all.rows;
  };

  return (
    <Card
      title={t('compound.householdsTitle')}
      size="small"
      extra={
        <Space>
          {buildings.length > 0 && (
            <Select
              allowClear
              data-testid="household-building"
              placeholder={t('compound.allBuildings')}
              style={{ width: 160 }}
              value={building}
              onChange={(v: string | undefined) => chooseBuilding(v)}
              options={buildings.map((b) => ({ value: b, label: b }))}
            />
          )}
          <ExportXlsxButton<Household>
            fileName={[t('compound.householdsTitle'), building].filter(Boolean).join(' ')}
            columns={exportColumns}
            rows={(query.data?.items.length ?? 0) === 0 ? [] : allHouseholds}
          />
        </Space>
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
