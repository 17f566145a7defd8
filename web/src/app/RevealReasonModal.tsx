// Asked before every full read of a resident's personal data (issue 16, item 8): why. The reason goes with the
// request and into the audit log beside the read; a usual reason is one click, any other is written out.
import { useState } from 'react';
import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';

const choices = ['visit', 'identity', 'emergency', 'other'] as const;
type Choice = (typeof choices)[number];

interface Props {
  open: boolean;
  onCancel: () => void;
  /** Called with the reason (2–200 characters); the modal stays busy until it settles. */
  onConfirm: (reason: string) => void | Promise<unknown>;
  okTestId?: string;
  /** The usual reason of the page, chosen at first. */
  initial?: Choice;
}

export default function RevealReasonModal({ open, onCancel, onConfirm, okTestId = 'reveal-reason-ok', initial = 'identity' }: Props) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<Choice>(initial);
  const [other, setOther] = useState('');
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const reason = choice === 'other' ? other.trim() : t(`forms.reveal.choices.${choice}`);
  const valid = reason.length >= 2 && reason.length <= 200;

  const confirm = async () => {
    setTouched(true);
    if (!valid) return;
    setBusy(true);
    try {
      await onConfirm(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('forms.reveal.title')}
      okText={t('forms.reveal.confirm')}
      onOk={() => void confirm()}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': okTestId } as never}
      destroyOnHidden
      data-testid="reveal-reason-modal"
    >
      <Alert type="warning" showIcon title={t('forms.reveal.intro')} style={{ marginBottom: 16 }} />
      <Form layout="vertical">
        <Form.Item label={t('forms.reveal.reason')} required>
          <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value as Choice)} data-testid="reveal-reason-choice">
            {choices.map((c) => (
              <Radio.Button key={c} value={c} data-testid={`reveal-reason-${c}`}>
                {t(`forms.reveal.choices.${c}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {choice === 'other' && (
          <Form.Item
            validateStatus={touched && !valid ? 'error' : undefined}
            help={touched && !valid ? t('forms.reveal.otherRequired') : undefined}
          >
            <Input.TextArea
              value={other}
              onChange={(e) => setOther(e.target.value)}
              maxLength={200}
              showCount
              placeholder={t('forms.reveal.other')}
              data-testid="reveal-reason-text"
              autoFocus
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
