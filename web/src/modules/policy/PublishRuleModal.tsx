// 发布新版本: key, version, value (JSON), unit, source document and effective date; the
// server's validation errors are marked on the fields and listed in full.
import { Form, Input, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { publishRule, todayInCity } from './api.ts';
import type { PolicyRule } from './types.ts';
import { DateField } from '../../app/DateTimeField.tsx';

interface Draft {
  key: string;
  version: string;
  value: string;
  unit?: string;
  source: string;
  effectiveFrom: string;
}

interface Props {
  open: boolean;
  keys: string[];
  initialKey?: string;
  onClose: () => void;
  onPublished: (rule: PolicyRule) => void;
}

const FIELDS = ['key', 'version', 'value', 'unit', 'source', 'effectiveFrom'];

export default function PublishRuleModal({ open, keys, initialKey, onClose, onPublished }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Draft>();
  const publish = useMutation({
    mutationFn: (v: Draft) =>
      publishRule({
        key: v.key,
        version: v.version.trim(),
        value: JSON.parse(v.value) as unknown,
        unit: v.unit?.trim() || null,
        source: v.source.trim(),
        effectiveFrom: v.effectiveFrom,
      }),
    onSuccess: (rule) => {
      onPublished(rule);
      onClose();
    },
    onError: (err) => {
      if (!(err instanceof ApiError)) return;
      const fields = (err.problem.errors ?? [])
        .map((e) => ({ name: (e.path ?? '').replace(/^body\./, ''), errors: [e.message] }))
        .filter((f) => FIELDS.includes(f.name));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
    },
  });
  const required = { required: true, message: t('policy.form.required') };

  return (
    <Modal
      open={open}
      title={t('policy.publishTitle')}
      width={640}
      onCancel={onClose}
      destroyOnHidden
      okText={t('policy.publish')}
      okButtonProps={{ loading: publish.isPending, 'data-testid': 'publish-submit' }}
      onOk={() => form.submit()}
    >
      <Form<Draft>
        form={form}
        layout="vertical"
        data-testid="publish-form"
        initialValues={{ key: initialKey, effectiveFrom: todayInCity() }}
        onFinish={(v) => publish.mutate(v)}
      >
        <Form.Item name="key" label={t('policy.form.key')} rules={[required]}>
          <Select
            showSearch
            data-testid="publish-key"
            options={keys.map((k) => ({ value: k, label: `${t(`policy.keys.${k.replace(/\./g, '_')}`, { defaultValue: k })}（${k}）` }))}
          />
        </Form.Item>
        <Form.Item name="version" label={t('policy.form.version')} rules={[required]}>
          <Input data-testid="publish-version" placeholder={t('policy.form.versionPlaceholder')} maxLength={40} />
        </Form.Item>
        <Form.Item
          name="value"
          label={t('policy.form.value')}
          extra={t('policy.form.valueHint')}
          rules={[
            required,
            {
              validator: (_, v: string | undefined) => {
                if (!v?.trim()) return Promise.resolve();
                try {
                  JSON.parse(v);
                  return Promise.resolve();
                } catch {
                  return Promise.reject(new Error(t('policy.form.valueInvalid')));
                }
              },
            },
          ]}
        >
          <Input.TextArea data-testid="publish-value" autoSize={{ minRows: 2, maxRows: 8 }} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="unit" label={t('policy.form.unit')}>
          <Input data-testid="publish-unit" maxLength={40} />
        </Form.Item>
        <Form.Item name="source" label={t('policy.form.source')} rules={[required]}>
          <Input.TextArea
            data-testid="publish-source"
            placeholder={t('policy.form.sourcePlaceholder')}
            autoSize={{ minRows: 2 }}
            maxLength={500}
          />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('policy.form.effectiveFrom')} rules={[required]}>
          <DateField data-testid="publish-effective-from" style={{ width: 180 }} />
        </Form.Item>
        {publish.isError && <ProblemAlert testId="publish-error" title={t('policy.publishFailed')} error={publish.error} />}
      </Form>
    </Modal>
  );
}
