// 预约服务 (/m/services): for whom (myself, or an elder I am linked to as family), which service, which day and time,
// a note; the order goes at once to the best-ranked provider and the page moves to the order.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, Empty, Input, Radio, Select, Skeleton, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../../app/ProblemAlert.tsx';
import { fetchElders, nameIn, placeOrder, serviceKeys } from './api.ts';

const DAY = 86_400_000;
/** Shanghai's calendar day, n days from now (YYYY-MM-DD). */
const dayFromNow = (n: number) => new Date(Date.now() + n * DAY + 8 * 3_600_000).toISOString().slice(0, 10);
const TIMES: Record<string, string[]> = { meal_delivery: ['11:30', '17:30'], default: ['09:00', '14:00'] };

export default function OrderServicePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const elders = useQuery({ queryKey: serviceKeys.elders, queryFn: fetchElders });
  const [profileId, setProfileId] = useState<string>();
  const [kind, setKind] = useState('meal_delivery');
  const [day, setDay] = useState(dayFromNow(1));
  const [time, setTime] = useState<string>();
  const [note, setNote] = useState('');
  const times = TIMES[kind] ?? TIMES.default!;
  const chosenTime = time && times.includes(time) ? time : times[0]!;
  const order = useMutation({
    mutationFn: () =>
      placeOrder({
        profileId: profileId ?? elders.data!.elders[0]!.profileId,
        kind,
        startsAt: new Date(`${day}T${chosenTime}:00+08:00`).toISOString(),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: async (o) => {
      await queryClient.invalidateQueries({ queryKey: serviceKeys.all });
      void navigate(`/m/services/orders/${o.id}`);
    },
  });
  if (elders.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (elders.isError) return <ProblemAlert title={t('services.resident.loadFailed')} error={elders.error} testId="m-services-problem" />;
  const list = elders.data.elders;
  if (!list.length) return <Empty description={t('services.resident.noElders')} data-testid="m-services-none" />;
  const who = profileId ?? list[0]!.profileId;
  return (
    <div data-testid="m-services-form">
      <Typography.Title level={5} style={{ margin: '4px 4px 12px' }}>
        {t('services.resident.order')}
      </Typography.Title>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small" title={t('services.resident.forWhom')}>
          <Radio.Group value={who} onChange={(e) => setProfileId(e.target.value as string)} data-testid="m-services-elder">
            <Space orientation="vertical">
              {list.map((e) => (
                <Radio key={e.profileId} value={e.profileId}>
                  <span data-testid={`m-services-elder-${e.profileId}`}>
                    {e.nameMasked} · {t(`services.relation.${e.relation}`, { defaultValue: e.relation })} · {e.ageBand}
                    {t('services.resident.years')}
                  </span>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Card>
        <Card size="small" title={t('services.resident.kind')}>
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as string)} data-testid="m-services-kind">
            <Space wrap>
              {elders.data.catalogue.kinds.map((k) => (
                <Radio.Button key={k.code} value={k.code}>
                  <span data-testid={`m-services-kind-${k.code}`}>{nameIn(k.name, i18n.language, k.code)}</span>
                </Radio.Button>
              ))}
            </Space>
          </Radio.Group>
        </Card>
        <Card size="small" title={t('services.resident.when')}>
          <Space wrap>
            <Select
              value={day}
              onChange={setDay}
              style={{ width: 150 }}
              data-testid="m-services-day"
              options={Array.from({ length: 7 }, (_, i) => ({ value: dayFromNow(i), label: dayFromNow(i) }))}
            />
            <Select
              value={chosenTime}
              onChange={setTime}
              style={{ width: 110 }}
              data-testid="m-services-time"
              options={times.map((v) => ({ value: v, label: v }))}
            />
          </Space>
        </Card>
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={500}
          placeholder={t('services.resident.notePlaceholder')}
          data-testid="m-services-note"
        />
        {order.isError && <ProblemAlert title={t('services.resident.orderFailed')} error={order.error} testId="m-services-order-problem" />}
        <Button type="primary" block loading={order.isPending} onClick={() => order.mutate()} data-testid="m-services-submit">
          {t('services.resident.submit')}
        </Button>
      </Space>
    </div>
  );
}
