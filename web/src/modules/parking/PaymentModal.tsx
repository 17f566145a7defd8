// Record a payment of a stay: the amount in yuan (at most what is due; the stay's due amount by default), how it was
// paid and the till's or app's reference. No payment gateway: the desk writes down what was paid.
import { App, Descriptions, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { fenToYuanString, formatFen, parseYuanToFen } from '../../app/money.ts';
import { parkingKeys, PAYMENT_METHODS, recordPayment, type PaymentMethod, type Session } from './api.ts';

interface Values {
  amount: string;
  method: PaymentMethod;
  reference: string;
}

export default function PaymentModal({ session, onClose }: { session: Session | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      recordPayment(session!.id, { amountFen: Number(parseYuanToFen(v.amount)), method: v.method, reference: v.reference.trim() }),
    onSuccess: (paid) => {
      void message.success(t('parkingDesk.paid', { amount: formatFen(paid.amountFen), due: formatFen(paid.sessionDueFen) }));
      void queryClient.invalidateQueries({ queryKey: parkingKeys.all(session!.compoundId) });
      onClose();
    },
  });
  return (
    <Modal
      open={!!session}
      title={t('parkingDesk.recordPayment')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'payment-submit' }}
      destroyOnHidden
    >
      {session && (
        <>
          <Descriptions column={1} size="small" style={{ marginBottom: 12 }} data-testid="payment-session">
            <Descriptions.Item label={t('parkingDesk.columns.plate')}>{session.plate}</Descriptions.Item>
            <Descriptions.Item label={t('parkingDesk.columns.fee')}>
              <span data-testid="payment-fee">{formatFen(session.feeFen ?? session.quotedFen)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('parkingDesk.columns.paid')}>{formatFen(session.paidFen)}</Descriptions.Item>
            <Descriptions.Item label={t('parkingDesk.columns.due')}>
              <span data-testid="payment-due">{formatFen(session.dueFen)}</span>
            </Descriptions.Item>
          </Descriptions>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ amount: fenToYuanString(session.dueFen), method: 'wechat', reference: '' }}
            onFinish={(v) => save.mutate(v)}
          >
            <Form.Item
              name="amount"
              label={t('parkingDesk.amountYuan')}
              rules={[
                { required: true, message: t('parkingDesk.required') },
                {
                  validator: async (_, v: string) => {
                    const fen = parseYuanToFen(v);
                    if (fen === null || fen <= 0n) throw new Error(t('parkingDesk.amountInvalid'));
                  },
                },
              ]}
            >
              <Input prefix="¥" data-testid="payment-amount" />
            </Form.Item>
            <Form.Item name="method" label={t('parkingDesk.method')}>
              <Select
                data-testid="payment-method"
                options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`parkingDesk.methods.${m}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="reference"
              label={t('parkingDesk.reference')}
              rules={[{ required: true, whitespace: true, message: t('parkingDesk.required') }]}
            >
              <Input maxLength={64} data-testid="payment-reference" />
            </Form.Item>
            {save.isError && <ProblemAlert title={t('parkingDesk.paymentFailed')} error={save.error} testId="payment-error" />}
          </Form>
        </>
      )}
    </Modal>
  );
}
