// A compound's parking spaces by their number: owned and rented ones with their household, shared and charging ones
// for anyone; a space added.
import { useState } from 'react';
import { Button, Empty, Flex, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert, { LoadFailure } from '../../app/ProblemAlert.tsx';
import { createSpace, fetchSpaces, parkingKeys, SPACE_KINDS, type NewSpace, type Space } from './api.ts';
import { useHouseholds } from './useHouseholds.ts';

const KIND_COLOR = { owned: 'purple', rented: 'blue', shared: 'green', charging: 'orange' } as const;

function NewSpaceModal({ compoundId, open, onClose }: { compoundId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewSpace>();
  const kind = Form.useWatch('kind', form);
  const households = useHouseholds(compoundId, open);
  const save = useMutation({
    mutationFn: (v: NewSpace) => createSpace(compoundId, v),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: parkingKeys.all(compoundId) });
      form.resetFields();
      onClose();
    },
  });
  const held = kind === 'owned' || kind === 'rented';
  return (
    <Modal
      open={open}
      title={t('parkingDesk.newSpace')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'space-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'shared' }}
        onFinish={(v) => save.mutate({ ...v, householdId: held ? v.householdId : undefined })}
      >
        <Form.Item
          name="code"
          label={t('parkingDesk.columns.code')}
          rules={[{ required: true, whitespace: true, message: t('parkingDesk.required') }]}
        >
          <Input maxLength={20} placeholder="A-012" data-testid="space-code" />
        </Form.Item>
        <Form.Item name="kind" label={t('parkingDesk.columns.kind')}>
          <Select data-testid="space-kind" options={SPACE_KINDS.map((k) => ({ value: k, label: t(`parkingDesk.spaceKind.${k}`) }))} />
        </Form.Item>
        {held && (
          <Form.Item name="householdId" label={t('parkingDesk.household')} rules={[{ required: true, message: t('parkingDesk.required') }]}>
            <Select
              data-testid="space-household"
              showSearch={{ optionFilterProp: 'label' }}
              loading={households.isPending}
              options={households.options}
            />
          </Form.Item>
        )}
        {save.isError && <ProblemAlert title={t('parkingDesk.spaceFailed')} error={save.error} testId="space-error" />}
      </Form>
    </Modal>
  );
}

export default function SpacesPanel({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const q = useQuery({ queryKey: parkingKeys.spaces(compoundId), queryFn: () => fetchSpaces(compoundId) });
  const households = useHouseholds(compoundId, true);
  if (q.isError)
    return (
      <LoadFailure
        error={q.error}
        title={t('parkingDesk.spacesFailed')}
        notFoundTitle={t('parkingDesk.notFound')}
        testId="parking-spaces"
        onRetry={() => void q.refetch()}
      />
    );
  return (
    <>
      <Flex justify="end" style={{ marginBottom: 8 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="space-new">
          {t('parkingDesk.newSpace')}
        </Button>
      </Flex>
      <Table<Space>
        data-testid="spaces-table"
        rowKey="id"
        size="middle"
        bordered
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('parkingDesk.total', { count: total }) }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('parkingDesk.noSpaces')} /> }}
        columns={[
          { title: t('parkingDesk.columns.code'), key: 'code', render: (_, s) => s.code },
          {
            title: t('parkingDesk.columns.kind'),
            key: 'kind',
            render: (_, s) => <Tag color={KIND_COLOR[s.kind]}>{t(`parkingDesk.spaceKind.${s.kind}`)}</Tag>,
          },
          {
            title: t('parkingDesk.household'),
            key: 'household',
            render: (_, s) => (s.householdId ? (households.name(s.householdId) ?? '—') : t('parkingDesk.public')),
          },
        ]}
      />
      <NewSpaceModal compoundId={compoundId} open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
