// The residents of a compound with the canteen's record of each (age, living alone): community workers record a
// birth date after seeing the resident's papers, since the registry keeps none; the list shows the age only.
import { useState } from 'react';
import { Button, Checkbox, Form, Modal, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { fetchDiners, setDiner, staffKeys, type Diner } from './api.ts';
import { DateField } from '../../app/DateTimeField.tsx';

export default function DinersTable({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: staffKeys.diners(compoundId), queryFn: () => fetchDiners(compoundId) });
  const [editing, setEditing] = useState<Diner | null>(null);
  const [form] = Form.useForm<{ birthDate?: string; livesAlone: boolean }>();
  const save = useMutation({
    mutationFn: (v: { birthDate?: string; livesAlone: boolean }) =>
      setDiner(editing!.residentId, { birthDate: v.birthDate || null, livesAlone: v.livesAlone }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: staffKeys.diners(compoundId) });
      setEditing(null);
    },
  });
  return (
    <>
      {q.isError && <ProblemAlert title={t('community.common.loadError')} error={q.error} />}
      <Table
        rowKey={(d) => `${d.residentId}/${d.householdId}`}
        size="small"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        columns={[
          { title: t('community.staff.home'), dataIndex: 'home' },
          {
            title: t('community.staff.age'),
            render: (_, d) => (d.recorded ? (d.age ?? '—') : <Tag>{t('community.staff.notRecorded')}</Tag>),
          },
          { title: t('community.staff.livesAlone'), render: (_, d) => (d.livesAlone ? '✓' : '') },
          {
            title: '',
            render: (_, d) => (
              <Button size="small" onClick={() => (form.resetFields(), setEditing(d))}>
                {t('community.staff.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing?.home}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: save.isPending }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ livesAlone: editing?.livesAlone ?? false }} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="birthDate" label={t('community.staff.birthDate')}>
            <DateField />
          </Form.Item>
          <Form.Item name="livesAlone" valuePropName="checked">
            <Checkbox>{t('community.staff.livesAlone')}</Checkbox>
          </Form.Item>
          {save.isError && <ProblemAlert title={t('community.common.loadError')} error={save.error} />}
        </Form>
      </Modal>
    </>
  );
}
