// 周边商户 on /m: shops near my compound, nearest first, open now (Shanghai time), with current offers.
import { useState } from 'react';
import { Card, Empty, Segmented, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { communityKeys, fetchMyShops, type Shop } from './api.ts';
import { yuan } from './format.ts';
import { QueryState } from './QueryState.tsx';

const CATEGORIES = ['grocery', 'restaurant', 'pharmacy', 'barber', 'laundry', 'repair', 'housekeeping', 'other'] as const;

export default function ShopsPage() {
  const { t } = useTranslation();
  const [category, setCategory] = useState<Shop['category'] | ''>('');
  const q = useQuery({ queryKey: communityKeys.shops(category), queryFn: () => fetchMyShops(category || undefined) });
  return (
    <div data-testid="m-shops">
      <Typography.Title level={5} style={{ margin: '4px 4px 8px' }}>
        {t('community.resident.shopsTitle')}
        {q.data && <Typography.Text type="secondary"> · {q.data.compound.name}</Typography.Text>}
      </Typography.Title>
      <div style={{ overflowX: 'auto', marginBottom: 8 }}>
        <Segmented
          value={category}
          onChange={(v) => setCategory(v as Shop['category'] | '')}
          options={[
            { value: '', label: t('community.resident.allCategories') },
            ...CATEGORIES.map((c) => ({ value: c, label: t(`community.categories.${c}`) })),
          ]}
        />
      </div>
      {!q.data ? (
        <QueryState pending={q.isPending} error={q.error} retry={() => void q.refetch()} testId="m-shops-problem" />
      ) : q.data.items.length === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('community.resident.noShops')} data-testid="m-shops-empty" />
        </Card>
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {q.data.items.map((s) => (
            <Card key={s.id} size="small" data-testid={`m-shop-${s.id}`} data-open={String(s.openNow)}>
              <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
                <div>
                  <Typography.Text strong>{s.name}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`community.categories.${s.category}`)} · {s.address}
                      {s.distanceM !== null ? ` · ${t('community.resident.distance', { m: s.distanceM })}` : ''}
                    </Typography.Text>
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.hours.map((h) => `${h.days.map((d) => t(`community.weekdays.${d}`)).join(' ')} ${h.open}–${h.close}`).join('；')}
                  </Typography.Text>
                  {s.offers.map((o) => (
                    <div key={o.id}>
                      <Tag color="volcano" style={{ marginTop: 4 }}>
                        {o.title}
                        {o.priceFen !== null ? ` ${yuan(o.priceFen)}` : ''}
                      </Tag>
                    </div>
                  ))}
                </div>
                <Tag color={s.openNow ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
                  {s.openNow ? t('community.resident.open') : t('community.resident.shut')}
                </Tag>
              </Space>
            </Card>
          ))}
        </Space>
      )}
    </div>
  );
}
