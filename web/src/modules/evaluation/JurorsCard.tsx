// The jurors of a selection (experts, NPC deputies, CPPCC members, resident representatives, each
// with their district) and adding one (evaluation.manage), optionally linked to an account so the
// juror enters their own scores.
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useFormModal } from '../../app/useFormModal.ts';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { useDistricts } from '../governance/index.ts';
import { addJuror, evaluationKeys } from './api.ts';
import { JUROR_KINDS, type Juror, type JurorKind, type NewJuror, type SelectionDetail } from './types.ts';

interface Props {
  selection: SelectionDetail;
  district: (code: string | null) => string;
}

export default function JurorsCard({ selection: s, district }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [adding, setAdding] = useState(false);
  const columns: ColumnsType<Juror> = [
    {
      title: t('evaluation.exemplary.jurorName'),
      key: 'name',
      render: (_, j) => (
        <span data-testid="juror-row" data-id={j.id}>
          {j.name}
        </span>
      ),
    },
    {
      title: t('evaluation.exemplary.jurorKind'),
      key: 'kind',
      width: 140,
      render: (_, j) => <Tag>{t(`evaluation.jurorKinds.${j.kind}`)}</Tag>,
    },
    { title: t('evaluation.exemplary.district'), key: 'district', width: 140, render: (_, j) => district(j.districtCode) },
    {
      title: t('evaluation.exemplary.linkedUser'),
      key: 'linked',
      width: 110,
      render: (_, j) => (j.linkedUser ? t('common.yes') : t('common.no')),
    },
  ];
  return (
    <Card
      size="small"
      title={t('evaluation.exemplary.jurors')}
      extra={
        <>
          <ExportXlsxButton
            fileName={`${s.title} ${t('evaluation.exemplary.jurors')}`}
            columns={xlsxColumnsFrom(columns)}
            rows={s.jurors}
            testId="jurors-export"
          />
          {can('evaluation.manage') && s.status === 'open' && (
            <Button icon={<PlusOutlined />} style={{ marginInlineStart: 8 }} onClick={() => setAdding(true)} data-testid="juror-add">
              {t('evaluation.exemplary.addJuror')}
            </Button>
          )}
        </>
      }
    >
      <Table<Juror>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={s.jurors}
        columns={columns}
        locale={{ emptyText: t('evaluation.exemplary.noJurors') }}
      />
      {adding && <JurorModal selectionId={s.id} onClose={() => setAdding(false)} />}
    </Card>
  );
}

type Values = { name: string; kind: JurorKind; districtCode?: string; username?: string };

function JurorModal({ selectionId, onClose }: { selectionId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { districts } = useDistricts();
  const { form, save, modalProps } = useFormModal<Values, NewJuror, Juror>({
    mutationFn: (body) => addJuror(selectionId, body),
    onDone: () => {
      void message.success(t('evaluation.exemplary.jurorAdded'));
      void client.invalidateQueries({ queryKey: evaluationKeys.selection(selectionId) });
    },
    onClose,
    submitTestId: 'juror-submit',
  });
  const submit = (v: Values) =>
    save.mutate({ name: v.name.trim(), kind: v.kind, districtCode: v.districtCode ?? null, username: v.username?.trim() || null });
  return (
    <Modal open title={t('evaluation.exemplary.addJuror')} {...modalProps}>
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'expert' }} onFinish={submit}>
        <Form.Item
          name="name"
          label={t('evaluation.exemplary.jurorName')}
          rules={[{ required: true, whitespace: true, message: t('evaluation.required') }]}
        >
          <Input data-testid="juror-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('evaluation.exemplary.jurorKind')} rules={[{ required: true }]}>
          <Select options={JUROR_KINDS.map((k) => ({ value: k, label: t(`evaluation.jurorKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="districtCode" label={t('evaluation.exemplary.district')} extra={t('evaluation.exemplary.districtHint')}>
          <Select allowClear data-testid="juror-district" options={districts.map((d) => ({ value: d.code, label: d.name }))} />
        </Form.Item>
        <Form.Item name="username" label={t('evaluation.exemplary.username')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
      {save.isError && <ProblemAlert title={t('evaluation.exemplary.jurorFailed')} error={save.error} testId="juror-problem" />}
    </Modal>
  );
}
