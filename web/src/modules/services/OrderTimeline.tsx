// An order's story, oldest first, put together from its record: ordered, each offer made and answered, accepted,
// checked in and out, rated, complaints filed, and how it ended when it did not complete.
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Order } from './api.ts';
import { answerName, complaintStatusName, formatAt } from './labels.ts';

interface Step {
  at: string;
  kind: string;
  title: string;
  detail?: string;
  color: string;
}

export default function OrderTimeline({ o }: { o: Order }) {
  const { t, i18n } = useTranslation();
  const steps: Step[] = [
    { at: o.createdAt, kind: 'created', title: t(`svc.timeline.created.${o.orderedAs}`), detail: o.note ?? undefined, color: 'blue' },
  ];
  for (const x of o.offers) {
    steps.push({
      at: x.offeredAt,
      kind: 'offered',
      title: t(x.byHand ? 'svc.timeline.offeredByHand' : 'svc.timeline.offered', { provider: x.providerName ?? '—', rank: x.rank }),
      color: 'gold',
    });
    if (x.answeredAt && x.answer !== 'accepted')
      steps.push({
        at: x.answeredAt,
        kind: `offer_${x.answer}`,
        title: t('svc.timeline.answered', { provider: x.providerName ?? '—', answer: answerName(t, x.answer) }),
        color: 'gray',
      });
  }
  if (o.acceptedAt)
    steps.push({
      at: o.acceptedAt,
      kind: 'accepted',
      title: t('svc.timeline.accepted', { provider: o.providerName ?? '—' }),
      color: 'blue',
    });
  if (o.checkIn) steps.push({ at: o.checkIn.at, kind: 'check_in', title: t('svc.timeline.checkIn'), color: 'blue' });
  if (o.checkOut)
    steps.push({
      at: o.checkOut.at,
      kind: 'check_out',
      title: t('svc.timeline.checkOut'),
      detail: o.serviceNote ?? undefined,
      color: 'green',
    });
  if (o.rating)
    steps.push({
      at: o.rating.at,
      kind: 'rated',
      title: t('svc.timeline.rated', { stars: o.rating.stars }),
      detail: o.rating.comment ?? undefined,
      color: 'gold',
    });
  for (const c of o.complaints)
    steps.push({
      at: c.filedAt,
      kind: 'complaint',
      title: t('svc.timeline.complaint', { status: complaintStatusName(t, c.status) }),
      detail: c.text,
      color: 'red',
    });
  if (o.closedAt && o.status !== 'completed')
    steps.push({ at: o.closedAt, kind: `closed_${o.status}`, title: t(`services.status.${o.status}`), color: 'gray' });
  steps.sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      data-testid="svc-order-timeline"
      items={steps.map((s, i) => ({
        key: `${s.at}-${i}`,
        color: s.color,
        content: (
          <div data-testid="svc-order-step" data-kind={s.kind}>
            <Typography.Text strong>{s.title}</Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatAt(s.at, i18n.language)}
              </Typography.Text>
            </div>
            {s.detail && <div style={{ whiteSpace: 'pre-wrap' }}>{s.detail}</div>}
          </div>
        ),
      }))}
    />
  );
}
