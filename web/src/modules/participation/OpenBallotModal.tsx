// 发起表决 (officers): kind, title, the proposal (required for a management-mode ballot: the mode
// proposed), closing time and revote policy. The server freezes the project's households as the
// electorate and answers its hash and size.
import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useFormModal } from '../../app/useFormModal.ts';
import { openBallot } from './api.ts';
import {
  BALLOT_KINDS,
  MANAGEMENT_MODES,
  REVOTE_POLICIES,
  type BallotKind,
  type NewBallot,
  type OpenedBallot,
  type RevotePolicy,
} from './types.ts';
import { DateTimeField } from '../../app/DateTimeField.tsx';

interface Values {
  kind: BallotKind;
  title: string;
  closesAt: string;
  revote: RevotePolicy;
  proposal?: string;
}

interface Props {
  projectId: string;
  open: boolean;
  onClose: () => void;
  onOpened: (ballot: OpenedBallot, input: NewBallot) => void;
}

export default function OpenBallotModal({ projectId, open, onClose, onOpened }: Props) {
  const { t } = useTranslation();
  const { form, save, modalProps } = useFormModal<Values, NewBallot, OpenedBallot>({
    mutationFn: (input) => openBallot(projectId, input),
    onDone: onOpened,
    onClose,
    submitTestId: 'ballot-open-submit',
  });
  const kind = Form.useWatch('kind', form);
  return (
    <Modal open={open} title={t('participation.ballots.openTitle')} okText={t('participation.ballots.open')} {...modalProps}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'renovation_consent', revote: 'last_counts' }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('kind' in changed) form.setFieldsValue({ proposal: undefined });
        }}
        onFinish={(v) => {
          const proposal = v.proposal?.trim();
          save.mutate({
            kind: v.kind,
            title: v.title.trim(),
            revote: v.revote,
            closesAt: new Date(v.closesAt).toISOString(),
            ...(proposal ? { proposal } : {}),
          });
        }}
      >
        <Form.Item name="kind" label={t('participation.ballots.fields.kind')} rules={[{ required: true }]}>
          <Select
            data-testid="ballot-kind"
            options={BALLOT_KINDS.map((k) => ({ value: k, label: t(`participation.ballots.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('participation.ballots.fields.title')}
          rules={[{ required: true, whitespace: true, message: t('participation.paper.required') }]}
        >
          <Input data-testid="ballot-title" maxLength={200} />
        </Form.Item>
        {kind === 'management_mode' ? (
          <Form.Item
            name="proposal"
            label={t('participation.ballots.proposalMode')}
            rules={[{ required: true, message: t('participation.paper.required') }]}
          >
            <Select
              data-testid="ballot-proposal"
              options={MANAGEMENT_MODES.map((m) => ({ value: m, label: t(`participation.ballots.modes.${m}`) }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="proposal" label={t('participation.ballots.proposal')} extra={t('participation.ballots.proposalHint')}>
            <Input.TextArea data-testid="ballot-proposal" maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        )}
        <Form.Item
          name="closesAt"
          label={t('participation.ballots.fields.closesAt')}
          rules={[{ required: true, message: t('participation.paper.required') }]}
        >
          <DateTimeField data-testid="ballot-closes-at" />
        </Form.Item>
        <Form.Item name="revote" label={t('participation.ballots.fields.revote')} rules={[{ required: true }]}>
          <Select
            data-testid="ballot-revote"
            options={REVOTE_POLICIES.map((k) => ({ value: k, label: t(`participation.ballots.revote.${k}`) }))}
          />
        </Form.Item>
      </Form>
      {save.isError && <ProblemAlert title={t('participation.ballots.openFailed')} error={save.error} testId="ballot-open-problem" />}
    </Modal>
  );
}
