// 登记物业服务企业: name, unified social credit code (18 characters; the server checks its MOD 31
// check character), district and qualification. 409 (already registered), 422 (bad code) and 403
// (district outside the officer's scope) are explained, the 422 at its field.
import { App, Form, Input, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { ApiError } from '../../app/api.ts';
import { registerCompany } from './api.ts';
import { applyFieldErrors, unplacedError } from './fieldErrors.ts';
import type { NewCompany, PropertyCompany } from './types.ts';
import type { District } from './useDistricts.ts';

const FIELDS = ['name', 'creditCode', 'districtCode', 'qualification'] as const;

interface Props {
  open: boolean;
  districts: District[];
  onClose: () => void;
  onRegistered: (company: PropertyCompany) => void;
}

export default function RegisterCompanyModal({ open, districts, onClose, onRegistered }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewCompany>();
  const save = useMutation({
    mutationFn: (body: NewCompany) => registerCompany(body),
    onSuccess: (company) => {
      void message.success(t('companies.registered', { name: company.name }));
      form.resetFields();
      onRegistered(company);
    },
    onError: (err) => applyFieldErrors(form, err, FIELDS),
  });
  const err = save.error;
  const status = err instanceof ApiError ? err.status : 0;
  const why =
    status === 409 ? t('companies.duplicate') : status === 403 ? t('companies.forbidden') : status === 422 ? t('companies.badCode') : null;
  const unplaced = unplacedError(err, FIELDS);

  return (
    <Modal
      open={open}
      title={t('companies.registerTitle')}
      okText={t('companies.submit')}
      okButtonProps={{ 'data-testid': 'company-register-submit', loading: save.isPending }}
      onOk={() => form.submit()}
      onCancel={() => {
        save.reset();
        onClose();
      }}
      destroyOnHidden
      forceRender
    >
      <Form<NewCompany>
        form={form}
        layout="vertical"
        initialValues={{ districtCode: districts.length === 1 ? districts[0]!.code : undefined }}
        onValuesChange={() => save.isError && save.reset()}
        onFinish={(v) =>
          save.mutate({
            name: v.name.trim(),
            creditCode: v.creditCode.trim().toUpperCase(),
            districtCode: v.districtCode,
            qualification: v.qualification?.trim() || null,
          })
        }
      >
        <Form.Item
          name="name"
          label={t('companies.name')}
          rules={[{ required: true, whitespace: true, message: t('governance.facts.required') }]}
        >
          <Input data-testid="company-name-input" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('companies.creditCode')}
          extra={t('companies.creditCodeHint')}
          rules={[
            { required: true, message: t('governance.facts.required') },
            { len: 18, message: t('companies.creditCodeLength'), transform: (v: string) => v?.trim() },
          ]}
        >
          <Input data-testid="company-credit-code-input" maxLength={18} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item
          name="districtCode"
          label={t('companies.districtCode')}
          rules={[
            { required: true, message: t('governance.facts.required') },
            { pattern: /^\d{6}$/, message: t('companies.districtCodeInvalid') },
          ]}
        >
          <Select
            data-testid="company-district-select"
            showSearch={{ optionFilterProp: 'label' }}
            options={districts.map((d) => ({ value: d.code, label: d.name === d.code ? d.code : `${d.name}（${d.code}）` }))}
          />
        </Form.Item>
        <Form.Item name="qualification" label={t('companies.qualification')}>
          <Input data-testid="company-qualification-input" maxLength={100} />
        </Form.Item>
        {err && (unplaced || why) ? (
          <ProblemAlert title={why ?? t('companies.failed')} error={err} testId="company-register-problem" onClose={() => save.reset()} />
        ) : null}
      </Form>
    </Modal>
  );
}
