// 示范案例评选 (/exemplary): the yearly selections, newest first, and (evaluation.manage) a new
// one; the selection chosen (kept in the URL) shows below with its cases, jurors and ranking.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { App, Button, Card, Form, Input, InputNumber, Modal, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useFormModal } from '../../app/useFormModal.ts';
import { useAuth } from '../accounts/index.ts';
import { createSelection, evaluationKeys, fetchSelections } from './api.ts';
import SelectionDetail from './SelectionDetail.tsx';
import type { Selection } from './types.ts';
import { usePaged } from './usePaged.ts';

export default function ExemplaryPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const chosen = params.get('selection');
  const choose = (id: string) => setParams({ selection: id }, { replace: true });
  const { query, rows } = usePaged(evaluationKeys.selections, fetchSelections);
  const columns: ColumnsType<Selection> = [
    { title: t('evaluation.exemplary.year'), key: 'year', width: 80, render: (_, s) => s.year },
    {
      title: t('evaluation.exemplary.selectionTitle'),
      key: 'title',
      render: (_, s) => (
        <Button
          type="link"
          size="small"
          style={{ paddingInline: 0 }}
          onClick={() => choose(s.id)}
          data-testid="selection-row"
          data-id={s.id}
        >
          {s.title}
        </Button>
      ),
    },
    {
      title: t('evaluation.exemplary.sheet'),
      key: 'sheet',
      render: (_, s) => s.sheet.map((i) => `${i.name} ${i.maxPoints}`).join('，'),
    },
    {
      title: t('evaluation.exemplary.status'),
      key: 'status',
      width: 100,
      render: (_, s) => <Tag color={s.status === 'awarded' ? 'green' : 'blue'}>{t(`evaluation.exemplary.statuses.${s.status}`)}</Tag>,
    },
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="exemplary-page">
      <Card
        title={t('evaluation.exemplary.title')}
        extra={
          <Space>
            {can('evaluation.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="selection-add">
                {t('evaluation.exemplary.add')}
              </Button>
            )}
          </Space>
        }
      >
        <CursorTable
          query={query}
          rows={rows}
          columns={columns}
          testId="selection-table"
          exportName={t('evaluation.exemplary.title')}
          emptyText={t('evaluation.exemplary.empty')}
          scrollX={800}
        />
      </Card>
      {chosen && <SelectionDetail id={chosen} />}
      {creating && <NewSelectionModal onClose={() => setCreating(false)} onCreated={(s) => choose(s.id)} />}
    </Space>
  );
}

type Values = { year: number; title: string };

function NewSelectionModal({ onClose, onCreated }: { onClose: () => void; onCreated: (s: Selection) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { form, save, modalProps } = useFormModal<Values, Values, Selection>({
    // The server's default scoring sheet is the published one; a custom sheet is not offered here.
    mutationFn: (v) => createSelection({ year: v.year, title: v.title.trim() }),
    onDone: (s) => {
      void message.success(t('evaluation.exemplary.added'));
      void client.invalidateQueries({ queryKey: evaluationKeys.selections });
      onCreated(s);
    },
    onClose,
    submitTestId: 'selection-submit',
  });
  return (
    <Modal open title={t('evaluation.exemplary.add')} {...modalProps}>
      <Form<Values> form={form} layout="vertical" initialValues={{ year: new Date().getFullYear() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="year" label={t('evaluation.exemplary.year')} rules={[{ required: true, message: t('evaluation.required') }]}>
          <InputNumber min={2000} max={2100} precision={0} data-testid="selection-year" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('evaluation.exemplary.selectionTitle')}
          rules={[{ required: true, whitespace: true, message: t('evaluation.required') }]}
        >
          <Input data-testid="selection-title" maxLength={200} />
        </Form.Item>
      </Form>
      {save.isError && <ProblemAlert title={t('evaluation.exemplary.addFailed')} error={save.error} testId="selection-problem" />}
    </Modal>
  );
}
