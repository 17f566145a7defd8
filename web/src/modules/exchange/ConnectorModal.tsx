// Add or edit a connector: which platform, where it receives, what it gets, and how deliveries are retried.
import { Checkbox, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useFormModal } from '../../app/useFormModal.ts';
import {
  categoryKeys,
  createConnector,
  fetchCategories,
  exchangeKeys,
  exchangeKinds,
  updateConnector,
  type Connector,
  type ConnectorSettings,
  type WithSecret,
} from './api.ts';

type Values = ConnectorSettings & { code: string };

interface Props {
  connector: Connector | null;
  open: boolean;
  onClose: () => void;
  onCreated: (r: WithSecret) => void;
}

export default function ConnectorModal({ connector, open, onClose, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const categories = useQuery({ queryKey: categoryKeys, queryFn: fetchCategories });
  const { form, save, modalProps } = useFormModal<Values, Values, WithSecret | Connector>({
    mutationFn: ({ code, ...settings }) => (connector ? updateConnector(connector.id, settings) : createConnector({ code, ...settings })),
    onDone: (r) => {
      void qc.invalidateQueries({ queryKey: exchangeKeys.all });
      if ('secret' in r) onCreated(r);
    },
    onClose,
    submitTestId: 'connector-save',
  });
  const initial: Values = connector
    ? { ...connector }
    : {
        code: '',
        name: '',
        endpointUrl: '',
        kinds: ['escalated'],
        categories: [],
        enabled: true,
        maxTries: 8,
        backoffSeconds: 10,
        timeoutSeconds: 10,
      };
  return (
    <Modal {...modalProps} open={open} title={connector ? t('exchange.editTitle') : t('exchange.addTitle')} width={640}>
      {save.isError && <ProblemAlert title={t('exchange.saveFailed')} error={save.error} testId="connector-problem" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        preserve={false}
        key={connector?.id ?? 'new'}
      >
        <Form.Item
          name="code"
          label={t('exchange.fields.code')}
          extra={t('exchange.fields.codeHint')}
          rules={[{ required: !connector, message: t('exchange.required') }]}
        >
          <Input disabled={!!connector} data-testid="connector-code" />
        </Form.Item>
        <Form.Item name="name" label={t('exchange.fields.name')} rules={[{ required: true, message: t('exchange.required') }]}>
          <Input data-testid="connector-name-input" />
        </Form.Item>
        <Form.Item
          name="endpointUrl"
          label={t('exchange.fields.endpointUrl')}
          rules={[{ required: true, message: t('exchange.required') }]}
        >
          <Input placeholder="https://" data-testid="connector-endpoint" />
        </Form.Item>
        <Form.Item name="kinds" label={t('exchange.fields.kinds')} extra={t('exchange.fields.kindsHint')}>
          <Checkbox.Group options={exchangeKinds.map((k) => ({ value: k, label: t(`exchange.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="categories" label={t('exchange.fields.categories')} extra={t('exchange.fields.categoriesHint')}>
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            loading={categories.isPending}
            options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: i18n.language === 'en' ? c.name.en : c.name.zh }))}
            data-testid="connector-categories"
          />
        </Form.Item>
        <Form.Item name="enabled" label={t('exchange.fields.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="maxTries" label={t('exchange.fields.maxTries')} extra={t('exchange.fields.maxTriesHint')}>
          <InputNumber min={1} max={20} />
        </Form.Item>
        <Form.Item name="backoffSeconds" label={t('exchange.fields.backoffSeconds')} extra={t('exchange.fields.backoffHint')}>
          <InputNumber min={0} max={3600} />
        </Form.Item>
        <Form.Item name="timeoutSeconds" label={t('exchange.fields.timeoutSeconds')}>
          <InputNumber min={1} max={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
