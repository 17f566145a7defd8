// 物业管理模式: the mode is never typed in; it is adopted from a closed, passed management_mode
// ballot of the project (GET /projects/{id}/ballots, each closed one's tally says whether it passed).
import { App, Button, Card, Descriptions, Form, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { fetchModeBallots, governanceKeys, patchGovernance } from './api.ts';
import { applyFieldErrors, unplacedError } from './fieldErrors.ts';
import { MANAGEMENT_MODES, type Governance } from './types.ts';

const FIELDS = ['managementModeBallotId'] as const;
const modeKey = (proposal: string | null) => (MANAGEMENT_MODES.find((m) => m === proposal) ? `governance.modes.${proposal}` : null);

interface Props {
  projectId: string;
  governance: Governance;
  canManage: boolean;
  onSaved: (next: Governance) => void;
}

export default function ModeCard({ projectId, governance: g, canManage, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ managementModeBallotId?: string }>();
  const ballots = useQuery({ queryKey: governanceKeys.modeBallots(projectId), queryFn: () => fetchModeBallots(projectId) });
  const save = useMutation({
    mutationFn: (ballotId: string) => patchGovernance(projectId, { managementModeBallotId: ballotId }),
    onSuccess: (next) => {
      onSaved(next);
      form.resetFields();
      void message.success(t('governance.mode.adopted'));
    },
    onError: (err) => applyFieldErrors(form, err, FIELDS),
  });
  const unplaced = unplacedError(save.error, FIELDS);
  const adoptedBy = ballots.data?.find((b) => b.id === g.managementModeBallotId);
  const label = (proposal: string | null) => {
    const key = modeKey(proposal);
    return key ? t(key) : (proposal ?? '—');
  };

  return (
    <Card size="small" title={t('governance.mode.title')} data-testid="governance-mode">
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
        <Descriptions.Item label={t('governance.mode.current')}>
          <span data-testid="governance-mode-value" data-mode={g.managementMode ?? ''}>
            {g.managementMode ? (
              <Tag color="blue">{t(`governance.modes.${g.managementMode}`)}</Tag>
            ) : (
              <Typography.Text type="secondary">{t('governance.mode.none')}</Typography.Text>
            )}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('governance.mode.ballot')}>
          {g.managementModeBallotId ? (
            <Link
              to={`/projects/${projectId}?tab=participation&part=ballots&ballot=${g.managementModeBallotId}`}
              data-testid="governance-mode-ballot"
              data-ballot-id={g.managementModeBallotId}
            >
              {adoptedBy?.title ?? g.managementModeBallotId.slice(0, 8)}
            </Link>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('governance.mode.adoptedOn')}>
          <span data-testid="governance-mode-adopted-on">{g.managementModeAdoptedOn ?? '—'}</span>
        </Descriptions.Item>
      </Descriptions>
      {canManage && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 12, maxWidth: 720 }}
          onFinish={(v) => v.managementModeBallotId && save.mutate(v.managementModeBallotId)}
        >
          <Form.Item
            name="managementModeBallotId"
            label={t('governance.mode.pick')}
            rules={[{ required: true, message: t('governance.facts.required') }]}
            extra={ballots.data && ballots.data.length === 0 ? t('governance.mode.noBallots') : undefined}
          >
            <Select
              data-testid="governance-mode-ballot-select"
              loading={ballots.isPending}
              placeholder={t('governance.mode.pickPlaceholder')}
              options={(ballots.data ?? []).map((b) => ({
                value: b.id,
                disabled: !b.passed,
                label: (
                  <Space>
                    <span>{b.title}</span>
                    <Typography.Text type="secondary">{t('governance.mode.proposal', { mode: label(b.proposal) })}</Typography.Text>
                    <Tag color={b.passed ? 'green' : 'default'}>
                      {b.passed ? t('governance.mode.passed') : t('governance.mode.notPassed')}
                    </Tag>
                  </Space>
                ),
              }))}
            />
          </Form.Item>
          {unplaced ? (
            <div style={{ marginBottom: 16 }}>
              <ProblemAlert
                title={t('governance.mode.failed')}
                error={unplaced}
                testId="governance-mode-problem"
                onClose={() => save.reset()}
              />
            </div>
          ) : null}
          <Button htmlType="submit" loading={save.isPending} data-testid="governance-mode-adopt">
            {t('governance.mode.adopt')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
