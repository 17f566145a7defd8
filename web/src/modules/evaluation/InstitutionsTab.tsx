// 第三方机构: the institutions that may be engaged, and (evaluation.manage) listing a new one;
// each institution's evaluator accounts (set by the account administrator).
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useFormModal } from '../../app/useFormModal.ts';
import ManagedList from './ManagedList.tsx';
import MembersModal from './MembersModal.tsx';
import { useAuth } from '../accounts/index.ts';
import { formatAt } from '../participation/index.ts';
import { createInstitution, evaluationKeys, fetchInstitutions } from './api.ts';
import { INSTITUTION_KINDS, type Institution, type InstitutionKind } from './types.ts';
import { usePaged } from './usePaged.ts';

export default function InstitutionsTab() {
  const { t, i18n } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [membersOf, setMembersOf] = useState<Institution | null>(null);
  const { can } = useAuth();
  const { query, rows } = usePaged(evaluationKeys.institutions, fetchInstitutions);
  const columns: ColumnsType<Institution> = [
    {
      title: t('evaluation.institutions.name'),
      key: 'name',
      render: (_, r) => (
        <span data-testid="institution-row" data-id={r.id}>
          {r.name}
        </span>
      ),
    },
    {
      title: t('evaluation.institutions.kind'),
      key: 'kind',
      width: 140,
      render: (_, r) => <Tag>{t(`evaluation.institutionKinds.${r.kind}`)}</Tag>,
    },
    { title: t('evaluation.institutions.creditCode'), key: 'code', width: 200, render: (_, r) => r.creditCode ?? '—' },
    { title: t('evaluation.createdAt'), key: 'at', width: 180, render: (_, r) => formatAt(r.createdAt, i18n.language) },
    ...(can('evaluation.manage')
      ? [
          {
            title: t('evaluation.members.column'),
            key: 'members',
            width: 110,
            render: (_: unknown, r: Institution) => (
              <Button size="small" type="link" data-testid="institution-members" onClick={() => setMembersOf(r)}>
                {t('evaluation.members.open')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <ManagedList
      addLabel={t('evaluation.institutions.add')}
      addTestId="institution-add"
      onAdd={() => setAdding(true)}
      query={query}
      rows={rows}
      columns={columns}
      testId="institution-table"
      exportName={t('evaluation.institutions.title')}
      emptyText={t('evaluation.institutions.empty')}
      scrollX={870}
    >
      {adding && <InstitutionModal onClose={() => setAdding(false)} />}
      {membersOf && <MembersModal institution={membersOf} onClose={() => setMembersOf(null)} />}
    </ManagedList>
  );
}

type Values = { name: string; creditCode?: string; kind: InstitutionKind };

function InstitutionModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { form, save, modalProps } = useFormModal<Values, Values, Institution>({
    mutationFn: (v) => createInstitution({ name: v.name.trim(), kind: v.kind, creditCode: v.creditCode?.trim().toUpperCase() || null }),
    onDone: (r) => {
      void message.success(t('evaluation.institutions.added', { name: r.name }));
      void client.invalidateQueries({ queryKey: evaluationKeys.institutions });
    },
    onClose,
    submitTestId: 'institution-submit',
  });
  return (
    <Modal open title={t('evaluation.institutions.add')} {...modalProps}>
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'evaluation_agency' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="name"
          label={t('evaluation.institutions.name')}
          rules={[{ required: true, whitespace: true, message: t('evaluation.required') }]}
        >
          <Input data-testid="institution-name" maxLength={200} />
        </Form.Item>
        <Form.Item name="kind" label={t('evaluation.institutions.kind')} rules={[{ required: true }]}>
          <Select
            data-testid="institution-kind"
            options={INSTITUTION_KINDS.map((k) => ({ value: k, label: t(`evaluation.institutionKinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('evaluation.institutions.creditCode')}
          extra={<Typography.Text type="secondary">{t('evaluation.institutions.creditCodeHint')}</Typography.Text>}
          rules={[{ len: 18, message: t('evaluation.institutions.creditCodeLength'), transform: (v?: string) => v?.trim() || undefined }]}
        >
          <Input data-testid="institution-credit-code" maxLength={18} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Form>
      {save.isError && <ProblemAlert title={t('evaluation.institutions.addFailed')} error={save.error} testId="institution-problem" />}
    </Modal>
  );
}
