// 公共空间 (/public-spaces): the register of compounds' public spaces with the grant in force today; staff register
// a space and grant it to an operator for a term (an overlapping grant is refused and explained); the grants ending
// soonest, with those already reminded before expiry marked.
import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import GrantDetail from './GrantDetail.tsx';
import { formatFen, parseYuanToFen } from '../../app/money.ts';
import { useFormModal } from '../../app/useFormModal.ts';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { fetchCompounds } from '../registry/index.ts';
import {
  fetchGrants,
  fetchSpaces,
  grantSpace,
  marketKeys,
  registerSpace,
  spaceKinds,
  today,
  type NewGrant,
  type NewSpace,
  type PublicSpace,
  type SpaceGrant,
} from './api.ts';
import { DateField } from '../../app/DateTimeField.tsx';

const PAGE = 50;

interface GrantForm {
  operatorName: string;
  startsOn: string;
  endsOn: string;
  feeYuan: string;
  concessionYuan?: string;
  terms?: string;
}

/** Compounds in the account's scope, searched by name. */
function CompoundSelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: ['public-spaces', 'compounds', q], queryFn: () => fetchCompounds({ q: q || undefined }, 20) });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder={t('market.spaces.compoundHint')}
      loading={found.isLoading}
      options={(found.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
      data-testid="space-compound"
    />
  );
}

function RegisterSpaceModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { form, save, modalProps } = useFormModal<NewSpace, NewSpace, unknown>({
    mutationFn: registerSpace,
    onDone,
    onClose,
    submitTestId: 'space-register-ok',
  });
  return (
    <Modal open={open} title={t('market.spaces.register')} {...modalProps}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate({ ...v, areaM2: v.areaM2 || undefined })}>
        <Form.Item name="compoundId" label={t('market.spaces.compound')} rules={[{ required: true, message: t('market.required') }]}>
          <CompoundSelect />
        </Form.Item>
        <Form.Item name="kind" label={t('market.spaces.kind')} rules={[{ required: true, message: t('market.required') }]}>
          <Select options={spaceKinds.map((k) => ({ value: k, label: t(`market.spaces.kinds.${k}`) }))} data-testid="space-kind" />
        </Form.Item>
        <Form.Item name="name" label={t('market.spaces.name')} rules={[{ required: true, message: t('market.required') }]}>
          <Input data-testid="space-name" />
        </Form.Item>
        <Form.Item name="areaM2" label={t('market.spaces.area')}>
          <Input addonAfter="m²" />
        </Form.Item>
      </Form>
      {save.isError && <ProblemAlert title={t('market.spaces.registerFailed')} error={save.error} />}
    </Modal>
  );
}

function GrantModal({ space, onClose, onDone }: { space: PublicSpace | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { form, save, modalProps } = useFormModal<GrantForm, NewGrant, unknown>({
    mutationFn: (body) => grantSpace(space!.id, body),
    onDone,
    onClose,
    submitTestId: 'grant-ok',
  });
  const fen = (yuan?: string) => Number(parseYuanToFen(yuan ?? '0') ?? 0n);
  return (
    <Modal open={!!space} title={t('market.spaces.grantTitle', { name: space?.name ?? '' })} {...modalProps}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          save.mutate({
            operatorName: v.operatorName,
            startsOn: v.startsOn,
            endsOn: v.endsOn,
            feeFen: fen(v.feeYuan),
            concessionFen: fen(v.concessionYuan),
            terms: v.terms || undefined,
          })
        }
      >
        <Form.Item name="operatorName" label={t('market.spaces.operator')} rules={[{ required: true, message: t('market.required') }]}>
          <Input data-testid="grant-operator" />
        </Form.Item>
        <Space>
          <Form.Item name="startsOn" label={t('market.spaces.startsOn')} rules={[{ required: true, message: t('market.required') }]}>
            <DateField data-testid="grant-starts" />
          </Form.Item>
          <Form.Item name="endsOn" label={t('market.spaces.endsOn')} rules={[{ required: true, message: t('market.required') }]}>
            <DateField data-testid="grant-ends" />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name="feeYuan" label={t('market.spaces.fee')} rules={[{ required: true, message: t('market.required') }]}>
            <InputNumber<string> stringMode min="0" step="0.01" precision={2} addonAfter={t('market.yuan')} data-testid="grant-fee" />
          </Form.Item>
          <Form.Item name="concessionYuan" label={t('market.spaces.concession')}>
            <InputNumber<string> stringMode min="0" step="0.01" precision={2} addonAfter={t('market.yuan')} />
          </Form.Item>
        </Space>
        <Form.Item name="terms" label={t('market.spaces.terms')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {save.isError && <ProblemAlert title={t('market.spaces.grantFailed')} error={save.error} testId="grant-problem" />}
    </Modal>
  );
}

export default function SpacesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const client = useQueryClient();
  const [registering, setRegistering] = useState(false);
  const [granting, setGranting] = useState<PublicSpace | null>(null);
  const canManage = can('spaces.manage');
  const refresh = () => void client.invalidateQueries({ queryKey: marketKeys.spaces });

  const spaces = useInfiniteQuery({
    queryKey: marketKeys.spaceList,
    queryFn: ({ pageParam }) => fetchSpaces(PAGE, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const grants = useQuery({ queryKey: marketKeys.grants, queryFn: () => fetchGrants(today()) });

  const columns: ColumnsType<PublicSpace> = [
    { title: t('market.spaces.compound'), key: 'compound', render: (_, s) => s.compoundName },
    {
      title: t('market.spaces.name'),
      key: 'name',
      render: (_, s) => (
        <span data-testid="space-row" data-id={s.id}>
          {s.name}
        </span>
      ),
    },
    { title: t('market.spaces.kind'), key: 'kind', render: (_, s) => t(`market.spaces.kinds.${s.kind}`) },
    { title: t('market.spaces.area'), key: 'area', align: 'right', render: (_, s) => (s.areaM2 ? `${s.areaM2} m²` : '—') },
    {
      title: t('market.spaces.current'),
      key: 'current',
      render: (_, s) =>
        s.currentGrant ? (
          <span>
            {s.currentGrant.operatorName}（{s.currentGrant.startsOn} ~ {s.currentGrant.endsOn}）
          </span>
        ) : (
          <Tag>{t('market.spaces.free')}</Tag>
        ),
    },
    ...(canManage
      ? [
          {
            title: t('market.spaces.actions'),
            key: 'actions',
            render: (_: unknown, s: PublicSpace) => (
              <Button size="small" onClick={() => setGranting(s)} data-testid="space-grant">
                {t('market.spaces.grant')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const grantColumns: ColumnsType<SpaceGrant> = [
    { title: t('market.spaces.name'), key: 'space', render: (_, g) => `${g.spaceName}（${t(`market.spaces.kinds.${g.spaceKind}`)}）` },
    { title: t('market.spaces.operator'), key: 'op', render: (_, g) => g.operatorName },
    { title: t('market.spaces.term'), key: 'term', render: (_, g) => `${g.startsOn} ~ ${g.endsOn}` },
    { title: t('market.spaces.fee'), key: 'fee', align: 'right', render: (_, g) => formatFen(g.feeFen) },
    { title: t('market.spaces.concession'), key: 'con', align: 'right', render: (_, g) => formatFen(g.concessionFen) },
    {
      title: t('market.spaces.status'),
      key: 'status',
      render: (_, g) =>
        g.status === 'terminated' ? (
          <Tag>{t('market.spaces.terminated')}</Tag>
        ) : g.remindedAt ? (
          <Tag color="orange" data-testid="grant-reminded">
            {t('market.spaces.expiring')}
          </Tag>
        ) : (
          <Tag color="green">{t('market.spaces.active')}</Tag>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="spaces-page">
      <Card
        title={t('market.spaces.title')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="space-register">
              {t('market.spaces.register')}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('market.spaces.hint')}</Typography.Paragraph>
        <CursorTable
          query={spaces}
          rows={spaces.data?.pages.flatMap((p) => p.items) ?? []}
          columns={columns}
          testId="space-table"
          scrollX={900}
          emptyText={t('market.spaces.empty')}
          exportName={t('market.spaces.title')}
          exportColumns={xlsxColumnsFrom(columns, { actions: null })}
        />
      </Card>
      <Card title={t('market.spaces.grants')}>
        <Table
          rowKey="id"
          size="small"
          loading={grants.isLoading}
          dataSource={grants.data?.items ?? []}
          columns={grantColumns}
          expandable={{ expandedRowRender: (g) => <GrantDetail id={g.id} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="grant-table"
        />
      </Card>
      {canManage && (
        <>
          <RegisterSpaceModal
            open={registering}
            onClose={() => setRegistering(false)}
            onDone={() => {
              void message.success(t('market.spaces.registered'));
              refresh();
            }}
          />
          <GrantModal
            space={granting}
            onClose={() => setGranting(null)}
            onDone={() => {
              void message.success(t('market.spaces.granted'));
              refresh();
            }}
          />
        </>
      )}
    </Space>
  );
}
