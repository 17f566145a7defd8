// Closing a finding (findings.close) with a note; only the responsible office may (403 otherwise).
import { App, Form, Input, Modal, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useFormModal } from '../../app/useFormModal.ts';
import { closeFinding, evaluationKeys } from './api.ts';
import type { Finding } from './types.ts';

export default function CloseFindingModal({ finding, onClose }: { finding: Finding; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { form, save, modalProps } = useFormModal<{ note: string }, string, Finding>({
    mutationFn: (note) => closeFinding(finding.id, note),
    onDone: (f) => {
      void message.success(t('evaluation.findings.closed'));
      void client.invalidateQueries({ queryKey: evaluationKeys.allFindings });
      void client.invalidateQueries({ queryKey: evaluationKeys.engagement(f.engagementId) });
    },
    onClose,
    submitTestId: 'finding-close-submit',
  });
  return (
    <Modal open title={t('evaluation.findings.closeTitle')} {...modalProps}>
      <Typography.Paragraph>{finding.text}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v.note.trim())}>
        <Form.Item
          name="note"
          label={t('evaluation.findings.note')}
          rules={[{ required: true, whitespace: true, message: t('evaluation.required') }]}
        >
          <Input.TextArea data-testid="finding-close-note" rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      {save.isError && <ProblemAlert title={t('evaluation.findings.closeFailed')} error={save.error} testId="finding-close-problem" />}
    </Modal>
  );
}
