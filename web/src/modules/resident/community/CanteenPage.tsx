// 社区食堂 on /m: the menus of the canteens serving my homes from today, each meal with its cut-off and places
// left; I pick dishes, see the price with my subsidy (quoted by the server, exact to the fen), choose pickup or
// delivery and book; my bookings below, cancellable until the cut-off.
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, InputNumber, Popconfirm, Radio, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../../app/ProblemAlert.tsx';
import { formatAt } from '../format.ts';
import { bookMeal, cancelMeal, communityKeys, fetchMyBookings, fetchMyCanteen, quoteMeal, type Booking, type CanteenMenu } from './api.ts';
import { dayLabel, reasonWords, yuan } from './format.ts';
import { QueryState } from './QueryState.tsx';

function MenuCard({ menu }: { menu: CanteenMenu }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [qty, setQty] = useState<Record<string, number>>({});
  const [mode, setMode] = useState<'pickup' | 'delivery'>('pickup');
  const items = Object.entries(qty)
    .filter(([, n]) => n > 0)
    .map(([dishId, n]) => ({ dishId, qty: n }));
  const quote = useQuery({
    queryKey: ['resident', 'community', 'quote', menu.id, JSON.stringify(items)],
    queryFn: () => quoteMeal({ menuId: menu.id, items }),
    enabled: items.length > 0 && menu.bookable,
  });
  const book = useMutation({
    mutationFn: () => bookMeal({ menuId: menu.id, items, mode }),
    onSuccess: (b) => {
      void message.success(t('community.resident.bookOk', { pay: yuan(b.payFen) }));
      setQty({});
      void queryClient.invalidateQueries({ queryKey: communityKeys.canteen });
      void queryClient.invalidateQueries({ queryKey: communityKeys.bookings });
    },
  });
  const status = menu.myBookingId
    ? { color: 'green', text: t('community.resident.booked') }
    : menu.left === 0
      ? { color: 'red', text: t('community.resident.full') }
      : !menu.bookable
        ? { color: 'default', text: t('community.resident.closed') }
        : { color: 'blue', text: t('community.resident.left', { n: menu.left }) };
  return (
    <Card size="small" data-testid={`m-menu-${menu.canteenId}-${menu.date}-${menu.meal}`} data-bookable={String(menu.bookable)}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong>{t(`community.meals.${menu.meal}`)}</Typography.Text>
        <Space size={4}>
          <Tag color={status.color}>{status.text}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('community.resident.cutoff', { at: formatAt(menu.cutoffAt, i18n.language) })}
          </Typography.Text>
        </Space>
      </Space>
      <div style={{ marginTop: 8 }}>
        {menu.dishes.map((d) => (
          <div key={d.id} style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '4px 0' }}>
            <Typography.Text>
              {d.name} <Typography.Text type="secondary">{yuan(d.priceFen)}</Typography.Text>
            </Typography.Text>
            {menu.bookable && (
              <InputNumber
                size="small"
                min={0}
                max={10}
                precision={0}
                value={qty[d.id] ?? 0}
                onChange={(v) => setQty((q) => ({ ...q, [d.id]: Number(v ?? 0) }))}
                data-testid={`m-dish-${d.id}`}
                style={{ width: 72 }}
              />
            )}
          </div>
        ))}
      </div>
      {menu.bookable && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'pickup' | 'delivery')} data-testid="m-menu-mode">
            <Radio.Button value="pickup">{t('community.modes.pickup')}</Radio.Button>
            <Radio.Button value="delivery">{t('community.modes.delivery')}</Radio.Button>
          </Radio.Group>
          {quote.data && (
            <Typography.Text data-testid="m-menu-quote" data-pay={quote.data.payFen}>
              {t('community.resident.quote', {
                total: yuan(quote.data.totalFen),
                subsidy: yuan(quote.data.subsidyFen),
                pay: yuan(quote.data.payFen),
              })}
            </Typography.Text>
          )}
          {book.isError && <ProblemAlert title={t('community.resident.bookFailed')} error={book.error} testId="m-book-problem" />}
          <Button
            type="primary"
            block
            disabled={!items.length}
            loading={book.isPending}
            onClick={() => book.mutate()}
            data-testid="m-menu-book"
          >
            {items.length ? t('community.resident.book') : t('community.resident.pickDishes')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

function MyBookings() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: communityKeys.bookings, queryFn: fetchMyBookings });
  const cancel = useMutation({
    mutationFn: (id: string) => cancelMeal(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: communityKeys.bookings });
      void queryClient.invalidateQueries({ queryKey: communityKeys.canteen });
    },
  });
  if (!q.data) return <QueryState pending={q.isPending} error={q.error} retry={() => void q.refetch()} testId="m-bookings-problem" />;
  if (!q.data.items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('community.resident.noBookings')} />;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="m-bookings">
      {cancel.isError && <ProblemAlert title={t('community.resident.cancelFailed')} error={cancel.error} testId="m-cancel-problem" />}
      {q.data.items.map((b: Booking) => (
        <Card key={b.id} size="small" data-testid={`m-booking-${b.id}`} data-status={b.status}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
            <div>
              <Typography.Text strong>
                {dayLabel(b.date, i18n.language)} {t(`community.meals.${b.meal}`)}
              </Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {b.items.map((i) => `${i.name}×${i.qty}`).join('、')} · {t(`community.modes.${b.mode}`)}
                </Typography.Text>
              </div>
              <Typography.Text style={{ fontSize: 13 }}>
                {t('community.resident.quote', { total: yuan(b.totalFen), subsidy: yuan(b.subsidyFen), pay: yuan(b.payFen) })}
              </Typography.Text>
            </div>
            {b.status === 'cancelled' ? (
              <Tag>{t('community.resident.cancelled')}</Tag>
            ) : (
              b.cancellable && (
                <Popconfirm
                  title={t('community.resident.cancelConfirm')}
                  onConfirm={() => cancel.mutate(b.id)}
                  okText={t('community.resident.cancelBooking')}
                >
                  <Button size="small" danger data-testid={`m-booking-cancel-${b.id}`}>
                    {t('community.resident.cancelBooking')}
                  </Button>
                </Popconfirm>
              )
            )}
          </Space>
        </Card>
      ))}
    </Space>
  );
}

export default function CanteenPage() {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: communityKeys.canteen, queryFn: fetchMyCanteen });
  if (!q.data) return <QueryState pending={q.isPending} error={q.error} retry={() => void q.refetch()} testId="m-canteen-problem" />;
  const { canteens, menus, diner } = q.data;
  const reasons = diner.reasons;
  return (
    <div data-testid="m-canteen">
      <Typography.Title level={5} style={{ margin: '4px 4px 8px' }}>
        {t('community.resident.canteenTitle')}
      </Typography.Title>
      {canteens.length === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('community.resident.noCanteen')} data-testid="m-canteen-none" />
        </Card>
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Alert
            type={reasons.length ? 'success' : 'info'}
            showIcon
            data-testid="m-canteen-entitlement"
            title={
              reasons.length
                ? t('community.resident.entitlement', { reasons: reasonWords(reasons, t, i18n.language) })
                : t('community.resident.noEntitlement')
            }
          />
          {canteens.map((c) => {
            const mine = menus.filter((m) => m.canteenId === c.id);
            const days = [...new Set(mine.map((m) => m.date))];
            return (
              <section key={c.id} data-testid={`m-canteen-${c.id}`}>
                <Typography.Text strong style={{ display: 'block', margin: '0 4px' }}>
                  {c.name}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', margin: '0 4px 8px', fontSize: 12 }}>
                  {c.address}
                  {c.phone ? ` · ${c.phone}` : ''}
                </Typography.Text>
                {days.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('community.resident.noMenus')} />}
                {days.map((day) => (
                  <div key={day} style={{ marginBottom: 12 }}>
                    <Typography.Text style={{ display: 'block', margin: '0 4px 6px' }}>{dayLabel(day, i18n.language)}</Typography.Text>
                    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                      {mine
                        .filter((m) => m.date === day)
                        .map((m) => (
                          <MenuCard key={m.id} menu={m} />
                        ))}
                    </Space>
                  </div>
                ))}
              </section>
            );
          })}
        </Space>
      )}
      <Typography.Title level={5} style={{ margin: '16px 4px 8px' }}>
        {t('community.resident.myBookings')}
      </Typography.Title>
      <MyBookings />
    </div>
  );
}
