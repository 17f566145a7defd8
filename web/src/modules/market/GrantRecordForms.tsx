// The forms under an opened grant: a tax or fee relief the operator was given, and what it delivered in a period.
// Each field's mistake shows under that field: what the browser can tell at once (missing, a negative amount, a
// period that ends before it starts or lies outside the grant's term), and what the server refuses (its field errors
// by path, a period already reported); anything else shows above the button.
import { Button, Form, Input, InputNumber, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { parseYuanToFen } from '../../app/money.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { marketKeys, recordDelivery, recordRelief, reliefKinds, type GrantDetail, type NewDelivery, type NewRelief } from './api.ts';
import { DateField } from '../../app/DateTimeField.tsx';

interface ReliefValues {
  kind: NewRelief['kind'];
  amountYuan: string;
  basis: string;
  grantedOn: string;
}

interface DeliveryValues {
  periodStart: string;
  periodEnd: string;
  services: number;
  beneficiaries: number;
  summary: string;
}

/** Puts the server's field errors under their fields (`body.amountFen` under the yuan input). */
function showFieldErrors(form: FormInstance, err: unknown, fieldOf: Record<string, string>): void {
  if (!(err instanceof ApiError)) return;
  const errors = err.problem.errors ?? [];
  const placed = errors
    .map((e) => ({ name: fieldOf[(e.path ?? '').replace(/^body\./, '')], errors: [e.message] }))
    .filter((f): f is { name: string; errors: string[] } => !!f.name);
  form.setFields(placed);
}

function useRecord<V, B>(grantId: string, form: FormInstance<V>, send: (body: B) => Promise<unknown>, onError: (err: unknown) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      form.resetFields();
      void client.invalidateQueries({ queryKey: marketKeys.grant(grantId) });
    },
    onError,
  });
}

export function ReliefForm({ grant }: { grant: GrantDetail }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReliefValues>();
  const fields = { kind: 'kind', amountFen: 'amountYuan', basis: 'basis', grantedOn: 'grantedOn' };
  const save = useRecord(
    grant.id,
    form,
    (body: NewRelief) => recordRelief(grant.id, body),
    (err) => showFieldErrors(form, err, fields),
  );
  const required = { required: true, message: t('market.required') };
  return (
    <Form
      form={form}
      layout="inline"
      data-testid="relief-form"
      style={{ rowGap: 8, margin: '8px 0 16px' }}
      onFinish={(v) =>
        save.mutate({ kind: v.kind, amountFen: Number(parseYuanToFen(v.amountYuan)), basis: v.basis.trim(), grantedOn: v.grantedOn })
      }
    >
      <Form.Item name="kind" label={t('market.spaces.reliefKind')} rules={[required]}>
        <Select
          style={{ width: 130 }}
          data-testid="relief-kind"
          options={reliefKinds.map((k) => ({ value: k, label: t(`market.spaces.reliefKinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="amountYuan"
        label={t('market.spaces.reliefAmount')}
        rules={[
          required,
          {
            validator: (_, v: string | undefined) =>
              !v || (parseYuanToFen(v) ?? -1n) >= 0n ? Promise.resolve() : Promise.reject(new Error(t('market.records.amountInvalid'))),
          },
        ]}
      >
        <InputNumber<string> stringMode min="0" step="0.01" precision={2} addonAfter={t('market.yuan')} data-testid="relief-amount" />
      </Form.Item>
      <Form.Item
        name="basis"
        label={t('market.spaces.reliefBasis')}
        rules={[required, { whitespace: true, message: t('market.required') }]}
      >
        <Input maxLength={500} style={{ width: 240 }} placeholder={t('market.records.basisHint')} data-testid="relief-basis" />
      </Form.Item>
      <Form.Item name="grantedOn" label={t('market.spaces.grantedOn')} rules={[required]}>
        <DateField data-testid="relief-granted-on" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="relief-save">
          {t('market.records.addRelief')}
        </Button>
      </Form.Item>
      {save.isError && !showsOnFields(save.error, fields) && (
        <ProblemAlert title={t('market.records.reliefFailed')} error={save.error} testId="relief-problem" />
      )}
    </Form>
  );
}

/** Whether every field error of a refusal has a field of this form (then the alert would only repeat them). */
function showsOnFields(err: unknown, fieldOf: Record<string, string>): boolean {
  if (!(err instanceof ApiError)) return false;
  const errors = err.problem.errors ?? [];
  return errors.length > 0 && errors.every((e) => !!fieldOf[(e.path ?? '').replace(/^body\./, '')]);
}

export function DeliveryForm({ grant }: { grant: GrantDetail }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DeliveryValues>();
  const fields = {
    periodStart: 'periodStart',
    periodEnd: 'periodEnd',
    services: 'services',
    beneficiaries: 'beneficiaries',
    summary: 'summary',
  };
  const save = useRecord(
    grant.id,
    form,
    (body: NewDelivery) => recordDelivery(grant.id, body),
    (err) => {
      // A period already reported is the start date's fault, though the server names no field for it.
      if (err instanceof ApiError && err.problem.code === 'delivery.period_taken') {
        form.setFields([{ name: 'periodStart', errors: [err.problem.detail ?? err.message] }]);
      } else showFieldErrors(form, err, fields);
    },
  );
  const required = { required: true, message: t('market.required') };
  const withinTerm = (v: string | undefined) =>
    !v || (v >= grant.startsOn && v <= grant.endsOn)
      ? Promise.resolve()
      : Promise.reject(new Error(t('market.records.outsideTerm', { from: grant.startsOn, to: grant.endsOn })));
  const taken = save.error instanceof ApiError && save.error.problem.code === 'delivery.period_taken';
  return (
    <Form
      form={form}
      layout="inline"
      data-testid="delivery-form"
      style={{ rowGap: 8, margin: '8px 0 16px' }}
      onFinish={(v) => save.mutate({ ...v, summary: v.summary.trim() })}
    >
      <Form.Item
        name="periodStart"
        label={t('market.records.periodStart')}
        rules={[required, { validator: (_, v: string) => withinTerm(v) }]}
      >
        <DateField data-testid="delivery-start" />
      </Form.Item>
      <Form.Item
        name="periodEnd"
        label={t('market.records.periodEnd')}
        dependencies={['periodStart']}
        rules={[
          required,
          { validator: (_, v: string) => withinTerm(v) },
          ({ getFieldValue }) => ({
            validator: (_, v: string | undefined) => {
              const start = getFieldValue('periodStart') as string | undefined;
              return !v || !start || v >= start ? Promise.resolve() : Promise.reject(new Error(t('market.records.endBeforeStart')));
            },
          }),
        ]}
      >
        <DateField data-testid="delivery-end" />
      </Form.Item>
      <Form.Item name="services" label={t('market.spaces.services')} rules={[required]}>
        <InputNumber min={0} max={10_000_000} precision={0} data-testid="delivery-services" />
      </Form.Item>
      <Form.Item name="beneficiaries" label={t('market.spaces.beneficiaries')} rules={[required]}>
        <InputNumber min={0} max={10_000_000} precision={0} data-testid="delivery-beneficiaries" />
      </Form.Item>
      <Form.Item name="summary" label={t('market.spaces.summary')} rules={[required, { whitespace: true, message: t('market.required') }]}>
        <Input.TextArea rows={1} maxLength={2000} style={{ width: 280 }} data-testid="delivery-summary" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="delivery-save">
          {t('market.records.addDelivery')}
        </Button>
      </Form.Item>
      {save.isError && !taken && !showsOnFields(save.error, fields) && (
        <ProblemAlert title={t('market.records.deliveryFailed')} error={save.error} testId="delivery-problem" />
      )}
    </Form>
  );
}
