// A juror's scores of one case, a whole number per sheet item up to its maximum. A juror from the
// nominating district may not score it: the server refuses with 422 (reason conflict_of_interest)
// and keeps the attempt, and the refusal is shown as such.
import { App, Alert, Form, InputNumber, Modal, Select, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useFormModal } from '../../app/useFormModal.ts';
import { evaluationKeys, scoreNomination } from './api.ts';
import type { Nomination, SelectionDetail } from './types.ts';

interface Props {
  selection: SelectionDetail;
  nomination: Nomination;
  /** The case's project name. */
  name: string;
  district: (code: string | null) => string;
  onClose: () => void;
}

type Values = { jurorId: string; points: Record<string, number> };

export default function ScoreModal({ selection: s, nomination: n, name, district, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { form, save, modalProps } = useFormModal<Values, Values, { total: number }>({
    mutationFn: (v) => scoreNomination(n.id, v.jurorId, v.points),
    onDone: (r) => {
      void message.success(t('evaluation.exemplary.scored', { total: r.total }));
      void client.invalidateQueries({ queryKey: evaluationKeys.ranking(s.id) });
    },
    onClose,
    submitTestId: 'score-submit',
  });
  const jurorId = Form.useWatch('jurorId', form);
  const juror = s.jurors.find((j) => j.id === jurorId);
  const sameDistrict = !!juror?.districtCode && juror.districtCode === n.districtCode;
  const conflict = save.error instanceof ApiError && save.error.problem.reason === 'conflict_of_interest';

  return (
    <Modal open title={t('evaluation.exemplary.scoreTitle', { name })} {...modalProps}>
      <Typography.Paragraph type="secondary">
        {t('evaluation.exemplary.caseDistrict', { district: district(n.districtCode) })}
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} onValuesChange={() => save.isError && save.reset()}>
        <Form.Item name="jurorId" label={t('evaluation.exemplary.juror')} rules={[{ required: true, message: t('evaluation.required') }]}>
          <Select
            data-testid="score-juror"
            options={s.jurors.map((j) => ({
              value: j.id,
              label: `${j.name} · ${t(`evaluation.jurorKinds.${j.kind}`)} · ${district(j.districtCode)}`,
            }))}
          />
        </Form.Item>
        {sameDistrict && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('evaluation.exemplary.conflictHint')} />}
        {s.sheet.map((item) => (
          <Form.Item
            key={item.code}
            name={['points', item.code]}
            label={`${item.name}（0–${item.maxPoints}）`}
            rules={[{ required: true, message: t('evaluation.required') }]}
          >
            <InputNumber min={0} max={item.maxPoints} precision={0} data-testid={`score-item-${item.code}`} />
          </Form.Item>
        ))}
      </Form>
      {save.isError && (
        <ProblemAlert
          title={conflict ? t('evaluation.exemplary.conflictTitle') : t('evaluation.exemplary.scoreFailed')}
          error={save.error}
          testId={conflict ? 'score-conflict' : 'score-problem'}
        />
      )}
    </Modal>
  );
}
