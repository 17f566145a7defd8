// An event's steps, oldest first: what was done (in words), by whom (a role, never a person), when, the note
// and the photos of the step.
import { Image, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatAt, roleName, stepName, type StepLike } from './labels.ts';

export interface TimelineStep extends StepLike {
  at: string;
  actorRole: string | null;
  note: string | null;
  photos?: { id: string; url: string }[];
}

const COLOR: Record<string, string> = { closed: 'green', disputed: 'red', handled: 'blue', reported: 'gray' };

export default function EventTimeline({ steps, testId = 'grid-timeline' }: { steps: TimelineStep[]; testId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Timeline
      data-testid={testId}
      items={steps.map((s, i) => ({
        key: i,
        color: s.action === 'overdue' ? 'red' : (COLOR[s.to ?? ''] ?? 'blue'),
        content: (
          <div data-testid={`${testId}-step`} data-action={s.action} data-to={s.to ?? ''}>
            <Space size={6} wrap>
              <Typography.Text strong>{stepName(t, s)}</Typography.Text>
              <Typography.Text type="secondary">{roleName(t, s.actorRole)}</Typography.Text>
            </Space>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatAt(s.at, i18n.language)}
              </Typography.Text>
            </div>
            {s.note && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{s.note}</Typography.Paragraph>}
            {!!s.photos?.length && (
              <Image.PreviewGroup>
                <Space size={4} wrap style={{ marginTop: 4 }}>
                  {s.photos.map((p) => (
                    <Image
                      key={p.id}
                      src={p.url}
                      width={64}
                      height={64}
                      style={{ objectFit: 'cover', borderRadius: 4 }}
                      data-testid={`${testId}-photo`}
                    />
                  ))}
                </Space>
              </Image.PreviewGroup>
            )}
          </div>
        ),
      }))}
    />
  );
}
