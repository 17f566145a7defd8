// 编排规则: the city's precedence rules, department crews and blackout periods; everyone on staff
// reads them, users with coordination.configure change them.
import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import {
  addBlackout,
  addRule,
  coordinationKeys,
  deleteRule,
  fetchBlackouts,
  fetchCrews,
  fetchRules,
  saveCrews,
  searchCompounds,
} from './api.ts';
import { departmentColor } from './gantt.ts';
import { useKinds, useLabels } from './hooks.ts';
import type { Blackout, DepartmentCrews, NewPrecedenceRule, PrecedenceRule } from './types.ts';
import { DateField } from '../../app/DateTimeField.tsx';

/** Field errors of a problem onto an antd form (paths like `body.lagDays` or `/lagDays`); true when some error named no field. */
function placeErrors(form: ReturnType<typeof Form.useForm>[0], err: unknown, fields: readonly string[]): boolean {
  if (!(err instanceof ApiError) || !err.problem.errors?.length) return true;
  let rest = false;
  const placed: { name: string; errors: string[] }[] = [];
  for (const e of err.problem.errors) {
    const name = (e.path ?? '').replace(/^\/?(body[./])?/, '').split(/[./]/)[0] ?? '';
    if (fields.includes(name)) placed.push({ name, errors: [e.message] });
    else rest = true;
  }
  form.setFields(placed);
  return rest;
}

function LoadError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.error')}
      description={errorMessage(error)}
      action={<Button onClick={retry}>{t('common.retry')}</Button>}
    />
  );
}

export default function RulesTab({ year }: { year: number }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canEdit = can('coordination.configure');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="rules-tab">
      {!canEdit && <Alert type="info" showIcon title={t('coordination.rules.readOnly')} />}
      <PrecedenceCard canEdit={canEdit} />
      <CrewsCard canEdit={canEdit} />
      <BlackoutsCard canEdit={canEdit} year={year} />
    </Space>
  );
}

/** The shipped rules' notes read "中文 / English": each language shows its own half; a note typed by a person shows as typed. */
export function noteIn(note: string | null, language: string): string {
  if (!note) return '';
  const [zh, en, ...rest] = note.split(' / ');
  if (en === undefined || rest.length > 0 || !/[\u4e00-\u9fff]/.test(zh!) || /[\u4e00-\u9fff]/.test(en)) return note;
  return language === 'en' ? en : zh!;
}

const RULE_FIELDS = ['beforeKind', 'afterKind', 'lagDays', 'note'] as const;

function PrecedenceCard({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const kinds = useKinds();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [unplaced, setUnplaced] = useState(false);
  const rules = useQuery({ queryKey: coordinationKeys.rules(), queryFn: fetchRules });
  const add = useMutation({
    mutationFn: (v: { beforeKind: string; afterKind: string; lagDays: number; note?: string }) =>
      addRule({
        beforeKind: v.beforeKind as NewPrecedenceRule['beforeKind'],
        afterKind: v.afterKind as NewPrecedenceRule['afterKind'],
        lagDays: v.lagDays ?? 0,
        note: v.note?.trim() || undefined,
      }),
    onSuccess: () => {
      form.resetFields();
      void client.invalidateQueries({ queryKey: coordinationKeys.rules() });
    },
    onError: (err) => setUnplaced(placeErrors(form, err, RULE_FIELDS)),
  });
  const remove = useMutation({
    mutationFn: deleteRule,
    onSuccess: () => void client.invalidateQueries({ queryKey: coordinationKeys.rules() }),
  });
  const kindOptions = (kinds.data?.kinds ?? []).map((k) => ({
    value: k.kind,
    label: `${labels.kind(k.kind)}（${labels.department(k.department)}）`,
  }));
  const columns: TableColumnsType<PrecedenceRule> = [
    { title: t('coordination.rules.before'), dataIndex: 'beforeKind', render: (k: string) => labels.kind(k) },
    { title: t('coordination.rules.after'), dataIndex: 'afterKind', render: (k: string) => labels.kind(k) },
    { title: t('coordination.rules.lag'), dataIndex: 'lagDays', width: 130, align: 'right' },
    { title: t('coordination.rules.note'), dataIndex: 'note', render: (v: string | null) => noteIn(v, i18n.language) },
    ...(canEdit
      ? [
          {
            title: '',
            key: 'delete',
            width: 80,
            render: (_: unknown, row: PrecedenceRule) => (
              <Popconfirm title={t('coordination.rules.deleteConfirm')} onConfirm={() => remove.mutate(row.id)}>
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  loading={remove.isPending && remove.variables === row.id}
                  aria-label={t('coordination.rules.delete')}
                />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={t('coordination.rules.precedence')}
      data-testid="precedence-card"
      extra={
        <ExportXlsxButton<PrecedenceRule>
          fileName={t('coordination.rules.precedence')}
          testId="precedence-export"
          columns={xlsxColumnsFrom(columns)}
          rows={rules.data ?? []}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('coordination.rules.precedenceHint')}</Typography.Paragraph>
      {rules.isError ? (
        <LoadError error={rules.error} retry={() => void rules.refetch()} />
      ) : (
        <Table<PrecedenceRule>
          data-testid="precedence-table"
          rowKey="id"
          size="small"
          bordered
          loading={rules.isPending}
          dataSource={rules.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coordination.rules.empty')} /> }}
          columns={columns}
        />
      )}
      {remove.isError && (
        <ProblemAlert title={t('errors.generic')} error={remove.error} testId="rule-delete-error" onClose={() => remove.reset()} />
      )}
      {canEdit && (
        <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} onFinish={(v) => add.mutate(v)} data-testid="rule-form">
          <Form.Item name="beforeKind" rules={[{ required: true, message: t('coordination.rules.before') }]}>
            <Select
              placeholder={t('coordination.rules.before')}
              options={kindOptions}
              style={{ width: 190 }}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Form.Item name="afterKind" rules={[{ required: true, message: t('coordination.rules.after') }]}>
            <Select
              placeholder={t('coordination.rules.after')}
              options={kindOptions}
              style={{ width: 190 }}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Form.Item name="lagDays" initialValue={0}>
            <InputNumber min={0} precision={0} placeholder={t('coordination.rules.lag')} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="note">
            <Input placeholder={t('coordination.rules.note')} style={{ width: 220 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} data-testid="rule-add">
            {t('coordination.rules.add')}
          </Button>
        </Form>
      )}
      {add.isError && unplaced && (
        <ProblemAlert title={t('errors.generic')} error={add.error} testId="rule-error" onClose={() => add.reset()} />
      )}
    </Card>
  );
}

function CrewsCard({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const client = useQueryClient();
  const crews = useQuery({ queryKey: coordinationKeys.crews(), queryFn: fetchCrews });
  const [draft, setDraft] = useState<Record<string, number | null>>({});
  useEffect(() => setDraft({}), [crews.data]);
  const save = useMutation({
    mutationFn: (v: { department: string; crews: number }) => saveCrews(v.department, v.crews),
    onSuccess: () => {
      void message.success(t('coordination.rules.saved'));
      void client.invalidateQueries({ queryKey: coordinationKeys.crews() });
    },
  });
  const columns: TableColumnsType<DepartmentCrews> = [
    {
      title: t('coordination.department'),
      dataIndex: 'department',
      render: (d: string) => <Tag color={departmentColor(d)}>{labels.department(d)}</Tag>,
    },
    {
      title: t('coordination.columns.crews'),
      dataIndex: 'crews',
      width: 260,
      render: (value: number, row) =>
        canEdit ? (
          <Space>
            <InputNumber
              min={0}
              precision={0}
              data-testid={`crews-${row.department}`}
              value={draft[row.department] !== undefined ? draft[row.department] : value}
              onChange={(v) => setDraft((d) => ({ ...d, [row.department]: v }))}
            />
            <Button
              size="small"
              disabled={draft[row.department] === undefined || draft[row.department] === null || draft[row.department] === value}
              loading={save.isPending && save.variables?.department === row.department}
              onClick={() => save.mutate({ department: row.department, crews: draft[row.department]! })}
            >
              {t('coordination.rules.save')}
            </Button>
          </Space>
        ) : (
          value
        ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('coordination.rules.crews')}
      data-testid="crews-card"
      extra={
        <ExportXlsxButton<DepartmentCrews>
          fileName={t('coordination.rules.crews')}
          testId="crews-export"
          // Editors see an input there: the sheet has the saved number, not a draft.
          columns={xlsxColumnsFrom(columns, { crews: (r) => r.crews })}
          rows={crews.data ?? []}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('coordination.rules.crewsHint')}</Typography.Paragraph>
      {crews.isError ? (
        <LoadError error={crews.error} retry={() => void crews.refetch()} />
      ) : (
        <Table<DepartmentCrews>
          data-testid="crews-table"
          rowKey="department"
          size="small"
          bordered
          loading={crews.isPending}
          dataSource={crews.data ?? []}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          columns={columns}
        />
      )}
      {save.isError && <ProblemAlert title={t('errors.generic')} error={save.error} testId="crews-error" onClose={() => save.reset()} />}
    </Card>
  );
}

const BLACKOUT_FIELDS = ['compoundId', 'fromDate', 'toDate', 'reason'] as const;

function BlackoutsCard({ canEdit, year }: { canEdit: boolean; year: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [unplaced, setUnplaced] = useState(false);
  const [q, setQ] = useState('');
  const blackouts = useQuery({ queryKey: coordinationKeys.blackouts(year), queryFn: () => fetchBlackouts(year) });
  const compounds = useQuery({
    queryKey: ['coordination', 'compound-search', q],
    queryFn: () => searchCompounds(q),
    enabled: canEdit,
    staleTime: 60_000,
  });
  const add = useMutation({
    mutationFn: (v: { compoundId?: string; fromDate: string; toDate: string; reason: string }) =>
      addBlackout({ compoundId: v.compoundId ?? null, fromDate: v.fromDate, toDate: v.toDate, reason: v.reason.trim() }),
    onSuccess: () => {
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['coordination', 'blackouts'] });
    },
    onError: (err) => setUnplaced(placeErrors(form, err, BLACKOUT_FIELDS)),
  });
  const columns: TableColumnsType<Blackout> = [
    { title: t('coordination.rules.from'), dataIndex: 'fromDate', width: 120 },
    { title: t('coordination.rules.to'), dataIndex: 'toDate', width: 120 },
    {
      title: t('coordination.rules.scope'),
      dataIndex: 'compoundName',
      render: (v: string | null, row) =>
        row.compoundId ? (v ?? row.compoundId) : <Tag color="red">{t('coordination.rules.cityWide')}</Tag>,
    },
    { title: t('coordination.rules.reason'), dataIndex: 'reason' },
  ];
  const title = `${t('coordination.rules.blackouts')} · ${t('coordination.yearN', { year })}`;

  return (
    <Card
      size="small"
      title={title}
      data-testid="blackouts-card"
      extra={
        <ExportXlsxButton<Blackout>
          fileName={title}
          testId="blackouts-export"
          columns={xlsxColumnsFrom(columns)}
          rows={blackouts.data ?? []}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('coordination.rules.blackoutsHint')}</Typography.Paragraph>
      {blackouts.isError ? (
        <LoadError error={blackouts.error} retry={() => void blackouts.refetch()} />
      ) : (
        <Table<Blackout>
          data-testid="blackouts-table"
          rowKey="id"
          size="small"
          bordered
          loading={blackouts.isPending}
          dataSource={blackouts.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coordination.rules.noBlackouts', { year })} /> }}
          columns={columns}
        />
      )}
      {canEdit && (
        <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} onFinish={(v) => add.mutate(v)} data-testid="blackout-form">
          <Form.Item name="fromDate" rules={[{ required: true, message: t('coordination.rules.from') }]}>
            <DateField aria-label={t('coordination.rules.from')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="toDate" rules={[{ required: true, message: t('coordination.rules.to') }]}>
            <DateField aria-label={t('coordination.rules.to')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="compoundId">
            <Select
              allowClear
              placeholder={t('coordination.rules.compound')}
              style={{ width: 230 }}
              showSearch={{ filterOption: false, onSearch: setQ }}
              loading={compounds.isFetching}
              options={(compounds.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
          <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: t('coordination.rules.reason') }]}>
            <Input placeholder={t('coordination.rules.reason')} style={{ width: 220 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} data-testid="blackout-add">
            {t('coordination.rules.addBlackout')}
          </Button>
        </Form>
      )}
      {add.isError && unplaced && (
        <ProblemAlert title={t('errors.generic')} error={add.error} testId="blackout-error" onClose={() => add.reset()} />
      )}
    </Card>
  );
}
