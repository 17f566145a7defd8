// A compound's visitor passes for the desk: newest first a page at a time (names masked), a visitor registered for
// a household (the host approves on /m), and a pass revoked.
import { useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Popconfirm, Radio, Select, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { cityTime } from '../../app/time.ts';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import {
  fetchHouseholds,
  fetchStaffPasses,
  householdText,
  passageDeskKeys,
  registerPass,
  staffRevokePass,
  type StaffVisitorPass,
} from './api.ts';
import { canRevoke, PASS_COLOR, passState, passStateName } from './labels.ts';
import { cityIsoAt, DateTimeField } from '../../app/DateTimeField.tsx';

const PAGE = 20;
const HOUR = 3_600_000;

interface PassValues {
  householdId: string;
  visitorName: string;
  plate?: string;
  from: string;
  until: string;
  entry: 'single' | 'multiple';
}

function RegisterModal({ compoundId, open, onClose }: { compoundId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PassValues>();
  const households = useQuery({
    queryKey: passageDeskKeys.households(compoundId),
    queryFn: () => fetchHouseholds(compoundId),
    enabled: open,
  });
  const save = useMutation({
    mutationFn: (v: PassValues) =>
      registerPass(compoundId, {
        householdId: v.householdId,
        visitorName: v.visitorName,
        plate: v.plate?.trim() || undefined,
        validFrom: new Date(v.from).toISOString(),
        validUntil: new Date(v.until).toISOString(),
        entry: v.entry,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: passageDeskKeys.passes(compoundId) });
      form.resetFields();
      onClose();
    },
  });
  const now = Date.now();
  return (
    <Modal
      open={open}
      title={t('passageDesk.register')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('passageDesk.registerOk')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'visitor-pass-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ entry: 'single', from: cityIsoAt(now), until: cityIsoAt(now + 4 * HOUR) }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="householdId" label={t('passageDesk.household')} rules={[{ required: true, message: t('passageDesk.required') }]}>
          <Select
            data-testid="visitor-pass-household"
            showSearch={{ optionFilterProp: 'label' }}
            loading={households.isPending}
            options={(households.data?.items ?? []).map((h) => ({ value: h.id, label: householdText(h) }))}
          />
        </Form.Item>
        <Form.Item name="visitorName" label={t('passageDesk.visitorName')} rules={[{ required: true, message: t('passageDesk.required') }]}>
          <Input maxLength={40} data-testid="visitor-pass-name" />
        </Form.Item>
        <Form.Item name="plate" label={t('passageDesk.plateOptional')}>
          <Input maxLength={16} placeholder="浙A12345" data-testid="visitor-pass-plate" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="from" label={t('passageDesk.from')} rules={[{ required: true }]}>
            <DateTimeField data-testid="visitor-pass-from" />
          </Form.Item>
          <Form.Item name="until" label={t('passageDesk.until')} rules={[{ required: true }]}>
            <DateTimeField data-testid="visitor-pass-until" />
          </Form.Item>
        </Flex>
        <Form.Item name="entry" label={t('passageDesk.entry')}>
          <Radio.Group
            options={[
              { value: 'single', label: t('passageDesk.entrySingle') },
              { value: 'multiple', label: t('passageDesk.entryMultiple') },
            ]}
          />
        </Form.Item>
        {households.isError && (
          <ProblemAlert title={t('passageDesk.householdsFailed')} error={households.error} testId="visitor-pass-households-error" />
        )}
        {save.isError && <ProblemAlert title={t('passageDesk.registerFailed')} error={save.error} testId="visitor-pass-error" />}
      </Form>
    </Modal>
  );
}

export default function VisitorPassesPanel({ compoundId }: { compoundId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [registering, setRegistering] = useState(false);
  const query = useInfiniteQuery({
    queryKey: passageDeskKeys.passes(compoundId),
    queryFn: ({ pageParam }) => fetchStaffPasses(compoundId, PAGE, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const revoke = useMutation({
    mutationFn: (id: string) => staffRevokePass(id),
    onSuccess: () => {
      void message.success(t('passageDesk.revoked'));
      void queryClient.invalidateQueries({ queryKey: passageDeskKeys.passes(compoundId) });
    },
  });

  const columns: ColumnsType<StaffVisitorPass> = [
    { title: t('passageDesk.columns.visitor'), key: 'visitor', width: 110, render: (_, p) => p.visitorName },
    { title: t('passageDesk.columns.plate'), key: 'plate', width: 120, render: (_, p) => p.plate ?? '—' },
    {
      title: t('passageDesk.columns.window'),
      key: 'window',
      width: 320,
      render: (_, p) => `${cityTime(p.validFrom, i18n.language)} – ${cityTime(p.validUntil, i18n.language)}`,
    },
    {
      title: t('passageDesk.columns.entry'),
      key: 'entry',
      width: 110,
      render: (_, p) =>
        `${t(p.entry === 'single' ? 'passageDesk.entrySingle' : 'passageDesk.entryMultiple')} · ${t('passageDesk.entries', { count: p.entries })}`,
    },
    {
      title: t('passageDesk.columns.requestedBy'),
      key: 'requestedBy',
      width: 100,
      render: (_, p) => t(p.requestedBy === 'host' ? 'passageDesk.byHost' : 'passageDesk.byStaff'),
    },
    {
      title: t('passageDesk.columns.status'),
      key: 'status',
      width: 110,
      render: (_, p) => {
        const s = passState(p);
        return (
          <Tag color={s === 'expired' ? 'default' : PASS_COLOR[s]} data-testid="visitor-pass-status">
            {passStateName(t, s)}
          </Tag>
        );
      },
    },
    {
      title: t('passageDesk.columns.actions'),
      key: 'actions',
      width: 100,
      render: (_, p) =>
        canRevoke(p) ? (
          <Popconfirm title={t('passageDesk.revokeConfirm')} onConfirm={() => revoke.mutate(p.id)} okText={t('passageDesk.revoke')}>
            <Button size="small" danger data-testid="visitor-pass-revoke" loading={revoke.isPending && revoke.variables === p.id}>
              {t('passageDesk.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <span>{t('passageDesk.passesHint')}</span>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="visitor-pass-new">
          {t('passageDesk.register')}
        </Button>
      </Flex>
      {revoke.isError && (
        <ProblemAlert
          title={t('passageDesk.revokeFailed')}
          error={revoke.error}
          testId="visitor-pass-revoke-error"
          onClose={() => revoke.reset()}
        />
      )}
      <CursorTable
        query={query}
        rows={rows}
        columns={columns}
        testId="visitor-passes-table"
        emptyText={t('passageDesk.passesEmpty')}
        scrollX={1100}
        exportName={t('passageDesk.tabs.visitors')}
        exportColumns={xlsxColumnsFrom(columns, { status: (p) => passStateName(t, passState(p)), actions: null })}
      />
      <RegisterModal compoundId={compoundId} open={registering} onClose={() => setRegistering(false)} />
    </>
  );
}
