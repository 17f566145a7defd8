// 工作包: the year's work packages (a department liaison gets their own department's only: the
// server filters, and they see no department filter), with their planned dates from the latest timetable (a
// click opens them), filtered by department, and edited by users with packages.write.
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { EditOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import DivisionFilter from '../../app/DivisionFilter.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { ApiError } from '../../app/api.ts';
import { useAuth } from '../accounts/index.ts';
import { coordinationKeys, fetchWorkPackages, patchWorkPackage, type PackageFilters } from './api.ts';
import { departmentColor } from './gantt.ts';
import { useKinds, useLabels } from './hooks.ts';
import PackageDates from './PackageDates.tsx';
import type { PackageStatus, WorkPackage, WorkPackagePatch } from './types.ts';
import { DateField } from '../../app/DateTimeField.tsx';

const PAGE = 50;
const FIELDS = ['durationDays', 'crews', 'blocksAccess', 'status', 'startedOn'] as const;

export default function PackagesTab({ year, division }: { year: number; division: string | undefined }) {
  const { t } = useTranslation();
  const { can, user } = useAuth();
  const labels = useLabels();
  const kinds = useKinds();
  const [department, setDepartment] = useState<string | undefined>();
  // The page's division narrowed here to a district or subdistrict (issue 16, item 4), as the project list does; the
  // page remounts this tab when its division changes, so a narrowing never outlives it.
  const [narrowed, setNarrowed] = useState<string | undefined>();
  const shown = narrowed ?? division;
  const [editing, setEditing] = useState<WorkPackage | null>(null);
  const [dated, setDated] = useState<WorkPackage | null>(null);
  // A liaison sees their own department's packages only: a department filter would offer what they cannot use.
  const liaison = user?.role === 'department_liaison';
  const filters: PackageFilters = { year, division: shown, department };
  const query = useInfiniteQuery({
    queryKey: coordinationKeys.packages(filters),
    queryFn: ({ pageParam }) => fetchWorkPackages(filters, PAGE, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const canWrite = can('packages.write');

  const columns: ColumnsType<WorkPackage> = [
    { title: t('coordination.columns.compound'), dataIndex: 'compoundName', width: 170, fixed: 'left' },
    {
      title: t('trust.lists.district'),
      dataIndex: 'districtName',
      width: 100,
      render: (v: string) => <span data-testid="package-district">{v}</span>,
    },
    {
      title: t('trust.lists.subdistrict'),
      dataIndex: 'subdistrictName',
      width: 110,
      render: (v: string) => <span data-testid="package-subdistrict">{v}</span>,
    },
    { title: t('coordination.columns.project'), dataIndex: 'projectName', width: 200, ellipsis: true },
    {
      title: t('coordination.columns.kind'),
      dataIndex: 'kind',
      width: 130,
      render: (k: string, row) => (
        <span data-testid="package-kind" data-kind={k}>
          {labels.kind(k)}
          {row.opensGround && (
            <Tag color="orange" style={{ marginInlineStart: 6 }}>
              {t('coordination.columns.opensGround')}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: t('coordination.columns.department'),
      dataIndex: 'department',
      width: 110,
      render: (d: string) => (
        <Tag color={departmentColor(d)} data-testid="package-department" data-department={d}>
          {labels.department(d)}
        </Tag>
      ),
    },
    { title: t('coordination.columns.duration'), dataIndex: 'durationDays', width: 120, align: 'right' },
    { title: t('coordination.columns.crews'), dataIndex: 'crews', width: 80, align: 'right' },
    {
      title: t('coordination.columns.blocksAccess'),
      dataIndex: 'blocksAccess',
      width: 100,
      render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
    },
    {
      title: t('coordination.columns.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: string) => (
        <Tag color={s === 'done' ? 'success' : s === 'started' ? 'processing' : 'default'}>
          {t(`coordination.packageStatus.${s}`, { defaultValue: s })}
        </Tag>
      ),
    },
    {
      title: t('coordination.dates.planned'),
      key: 'planned',
      width: 210,
      render: (_: unknown, row) => (
        <a data-testid="package-dates-open" data-package-id={row.id} onClick={() => setDated(row)}>
          {row.planned ? `${row.planned.startDate} ~ ${row.planned.endDate}` : t('coordination.dates.open')}
        </a>
      ),
    },
    { title: t('coordination.columns.startedOn'), dataIndex: 'startedOn', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t('coordination.columns.planItems'),
      dataIndex: 'planItemCodes',
      width: 160,
      render: (codes: string[]) => (
        <Typography.Text type="secondary" ellipsis={{ tooltip: codes.join(', ') }} style={{ maxWidth: 150 }}>
          {codes.join(', ') || '—'}
        </Typography.Text>
      ),
    },
    ...(canWrite
      ? [
          {
            title: t('coordination.columns.actions'),
            key: 'actions',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, row: WorkPackage) => (
              <Button size="small" icon={<EditOutlined />} data-testid="package-edit" onClick={() => setEditing(row)}>
                {t('coordination.packages.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        {division && <DivisionFilter root={division} division={shown} onChange={setNarrowed} testIdPrefix="packages-filter" />}
        {!liaison && (
          <>
            <span>{t('coordination.department')}</span>
            <Select<string>
              data-testid="packages-department"
              allowClear
              placeholder={t('coordination.allDepartments')}
              value={department}
              onChange={(v) => setDepartment(v)}
              style={{ width: 180 }}
              loading={kinds.isPending}
              options={(kinds.data?.departments ?? []).map((d) => ({ value: d, label: labels.department(d) }))}
            />
          </>
        )}
        {liaison && <Typography.Text type="secondary">{t('coordination.packages.liaisonHint')}</Typography.Text>}
      </Space>
      <CursorTable<WorkPackage>
        query={query}
        rows={rows}
        columns={columns}
        testId="packages-table"
        emptyText={t('coordination.packages.empty')}
        scrollX={1610}
        exportName={t('coordination.tabs.packages')}
        exportColumns={xlsxColumnsFrom(columns, {
          actions: null,
          planned: (r) => (r.planned ? `${r.planned.startDate} ~ ${r.planned.endDate}` : ''),
        })}
      />
      {editing && <EditPackageModal pkg={editing} onClose={() => setEditing(null)} />}
      <PackageDates pkg={dated} onClose={() => setDated(null)} />
    </Space>
  );
}

interface FormValues {
  durationDays: number;
  crews: number;
  blocksAccess: boolean;
  status: PackageStatus;
  startedOn: string;
}

function EditPackageModal({ pkg, onClose }: { pkg: WorkPackage; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body: WorkPackagePatch = { durationDays: v.durationDays, crews: v.crews, blocksAccess: v.blocksAccess, status: v.status };
      if (v.startedOn) body.startedOn = v.startedOn;
      else if (pkg.startedOn) body.startedOn = null;
      return patchWorkPackage(pkg.id, body);
    },
    onSuccess: () => {
      void message.success(t('coordination.packages.saved'));
      void client.invalidateQueries({ queryKey: ['coordination', 'packages'] });
      onClose();
    },
    onError: (err) => {
      if (!(err instanceof ApiError)) return;
      const fields = (err.problem.errors ?? []).flatMap((e) => {
        const name = (e.path ?? '').replace(/^\/?(body[./])?/, '').split(/[./]/)[0] ?? '';
        return (FIELDS as readonly string[]).includes(name) ? [{ name: name as keyof FormValues, errors: [e.message] }] : [];
      });
      form.setFields(fields);
    },
  });
  const unplaced =
    save.error instanceof ApiError && (save.error.problem.errors ?? []).length > 0
      ? (save.error.problem.errors ?? []).some(
          (e) => !(FIELDS as readonly string[]).includes((e.path ?? '').replace(/^\/?(body[./])?/, '').split(/[./]/)[0] ?? ''),
        )
      : save.isError;

  return (
    <Modal
      open
      title={t('coordination.packages.editTitle', { compound: pkg.compoundName, kind: labels.kind(pkg.kind) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'package-save' }}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="package-form"
        initialValues={{
          durationDays: pkg.durationDays,
          crews: pkg.crews,
          blocksAccess: pkg.blocksAccess,
          status: pkg.status,
          startedOn: pkg.startedOn ?? '',
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Space size={16} wrap>
          <Form.Item name="durationDays" label={t('coordination.columns.duration')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} data-testid="package-duration" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="crews" label={t('coordination.columns.crews')} rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} data-testid="package-crews" style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="blocksAccess" valuePropName="checked">
          <Checkbox>{t('coordination.columns.blocksAccess')}</Checkbox>
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="status" label={t('coordination.columns.status')}>
            <Select
              style={{ width: 160 }}
              options={(['planned', 'started', 'done'] as const).map((s) => ({ value: s, label: t(`coordination.packageStatus.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="startedOn" label={t('coordination.columns.startedOn')}>
            <DateField style={{ width: 170 }} />
          </Form.Item>
        </Space>
      </Form>
      {save.isError && unplaced && <ProblemAlert title={t('errors.generic')} error={save.error} testId="package-error" />}
      {!save.isError && pkg.opensGround && (
        <Alert type="info" showIcon title={`${labels.kind(pkg.kind)} · ${t('coordination.tooltip.opensGround')}`} />
      )}
    </Modal>
  );
}
