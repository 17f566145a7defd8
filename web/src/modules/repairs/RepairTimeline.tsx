// A repair's steps, oldest first: what happened, by whom (a role for residents, a name for staff), when, and the
// note (a follow-up's outcome and a rating's stars in words).
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatAt, outcomeName } from './labels.ts';

export interface RepairStep {
  at: string;
  action: string;
  actorRole: 'resident' | 'staff' | 'system';
  actor: { id: string; displayName: string } | null;
  note: string | null;
}

const COLOR: Record<string, string> = { overdue: 'red', completed: 'green', rated: 'gold', cancelled: 'gray' };

export default function RepairTimeline({ steps, testId }: { steps: RepairStep[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const note = (s: RepairStep) => {
    if (!s.note) return null;
    if (s.action === 'followed_up') return outcomeName(t, s.note);
    if (s.action === 'rated') return t('repairs.stars', { stars: s.note });
    return s.note;
  };
  return (
    <Timeline
      data-testid={testId}
      items={steps.map((s, i) => ({
        key: `${s.at}-${i}`,
        color: COLOR[s.action] ?? 'blue',
        content: (
          <div data-testid={`${testId}-step`} data-action={s.action}>
            <Typography.Text strong>{t(`repairs.steps.${s.action}`, { defaultValue: t('repairs.unknownCategory') })}</Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`repairs.roles.${s.actorRole}`)}
                {s.actor ? ` ${s.actor.displayName}` : ''} · {formatAt(s.at, i18n.language)}
              </Typography.Text>
            </div>
            {note(s) && <div style={{ whiteSpace: 'pre-wrap' }}>{note(s)}</div>}
          </div>
        ),
      }))}
    />
  );
}
