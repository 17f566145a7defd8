// 周边商户 (/community/shops): the shops listed in my scope with opening hours (open now in Shanghai time) and
// offers; list a shop, add an offer.
import { useState } from 'react';
import { Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import DivisionPicker from '../../app/DivisionPicker.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { parseHundredths } from '../../app/money.ts';
import { useAuth } from '../accounts/index.ts';
import { addOffer, createShop, fetchShops, shanghaiToday, addDays, staffKeys, yuan, type NewShop, type StaffShop } from './api.ts';
import { DateField } from '../../app/DateTimeField.tsx';

const CATEGORIES = ['grocery', 'restaurant', 'pharmacy', 'barber', 'laundry', 'repair', 'housekeeping', 'other'] as const;
const DAYS = [1, 2, 3, 4, 5, 6, 7];

interface ShopValues {
  communityCode: string;
  name: string;
  category: NewShop['category'];
  address: string;
  phone?: string;
  lat: number;
  lng: number;
  days: number[];
  open: string;
  close: string;
}

function NewShopModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ShopValues>();
  const save = useMutation({
    mutationFn: (v: ShopValues) =>
      createShop({
        communityCode: v.communityCode,
        name: v.name,
        category: v.category,
        address: v.address,
        phone: v.phone || undefined,
        lat: v.lat,
        lng: v.lng,
        hours: [{ days: v.days, open: v.open, close: v.close }],
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: staffKeys.shops });
      form.resetFields();
      onClose();
    },
  });
  const division = user?.scope.division ?? '';
  return (
    <Modal
      open={open}
      title={t('community.staff.newShop')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          communityCode: division.length === 12 ? division : undefined,
          category: 'grocery',
          days: DAYS,
          open: '08:00',
          close: '20:00',
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('community.staff.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="communityCode" label={t('community.staff.community')} rules={[{ required: true, pattern: /^\d{12}$/ }]}>
          <DivisionPicker levels={['community']} testId="community-pick" />
        </Form.Item>
        <Form.Item name="category" label={t('community.staff.category')}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`community.categories.${c}`) }))} />
        </Form.Item>
        <Form.Item name="address" label={t('community.staff.address')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('community.staff.phone')}>
          <Input />
        </Form.Item>
        <Space>
          <Form.Item name="lat" label={t('community.staff.lat')} rules={[{ required: true }]}>
            <InputNumber min={-90} max={90} step={0.0001} />
          </Form.Item>
          <Form.Item name="lng" label={t('community.staff.lng')} rules={[{ required: true }]}>
            <InputNumber min={-180} max={180} step={0.0001} />
          </Form.Item>
        </Space>
        <Form.Item name="days" label={t('community.staff.days')}>
          <Checkbox.Group options={DAYS.map((d) => ({ value: d, label: t(`community.weekdays.${d}`) }))} />
        </Form.Item>
        <Space>
          <Form.Item name="open" label={t('community.staff.openAt')} rules={[{ required: true }]}>
            <Input type="time" />
          </Form.Item>
          <Form.Item name="close" label={t('community.staff.closeAt')} rules={[{ required: true }]}>
            <Input type="time" />
          </Form.Item>
        </Space>
        {save.isError && <ProblemAlert title={t('community.common.loadError')} error={save.error} />}
      </Form>
    </Modal>
  );
}

function OfferModal({ shop, onClose }: { shop: StaffShop | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ title: string; price?: string; validFrom: string; validUntil: string }>();
  const save = useMutation({
    mutationFn: (v: { title: string; price?: string; validFrom: string; validUntil: string }) =>
      addOffer(shop!.id, {
        title: v.title,
        priceFen: v.price ? Number(parseHundredths(v.price) ?? -1n) : undefined,
        validFrom: v.validFrom,
        validUntil: v.validUntil,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: staffKeys.shops });
      onClose();
    },
  });
  const today = shanghaiToday();
  return (
    <Modal
      open={!!shop}
      title={`${t('community.staff.addOffer')} · ${shop?.name ?? ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ validFrom: today, validUntil: addDays(today, 7) }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="title" label={t('community.staff.offerTitle')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="price" label={t('community.staff.priceYuan')} rules={[{ pattern: /^\d+(\.\d{1,2})?$/ }]}>
          <Input />
        </Form.Item>
        <Space>
          <Form.Item name="validFrom" label={t('community.staff.validFrom')} rules={[{ required: true }]}>
            <DateField />
          </Form.Item>
          <Form.Item name="validUntil" label={t('community.staff.validUntil')} rules={[{ required: true }]}>
            <DateField />
          </Form.Item>
        </Space>
        {save.isError && <ProblemAlert title={t('community.common.loadError')} error={save.error} />}
      </Form>
    </Modal>
  );
}

export default function ShopsPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: staffKeys.shops, queryFn: fetchShops });
  const [creating, setCreating] = useState(false);
  const [offering, setOffering] = useState<StaffShop | null>(null);
  return (
    <Card
      title={t('community.staff.shopsTitle')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('community.staff.newShop')}
        </Button>
      }
    >
      {q.isError && <ProblemAlert title={t('community.common.loadError')} error={q.error} />}
      <Table
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('community.staff.noShopsStaff') }}
        columns={[
          { title: t('community.staff.name'), dataIndex: 'name' },
          { title: t('community.staff.category'), render: (_, s) => t(`community.categories.${s.category}`) },
          { title: t('community.staff.address'), dataIndex: 'address' },
          {
            title: t('community.staff.hours'),
            render: (_, s) =>
              s.hours.map((h) => `${h.days.map((d) => t(`community.weekdays.${d}`)).join(' ')} ${h.open}–${h.close}`).join('；'),
          },
          {
            title: '',
            render: (_, s) => (
              <Tag color={s.openNow ? 'green' : 'default'}>{s.openNow ? t('community.staff.openNow') : t('community.staff.closedNow')}</Tag>
            ),
          },
          {
            title: t('community.staff.offers'),
            render: (_, s) => (
              <Space orientation="vertical" size={2}>
                {s.offers.map((o) => (
                  <Tag key={o.id} color="volcano">
                    {o.title}
                    {o.priceFen !== null ? ` ${yuan(o.priceFen)}` : ''} ({o.validFrom}–{o.validUntil})
                  </Tag>
                ))}
                <Button size="small" onClick={() => setOffering(s)}>
                  {t('community.staff.addOffer')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <NewShopModal open={creating} onClose={() => setCreating(false)} />
      <OfferModal shop={offering} onClose={() => setOffering(null)} />
    </Card>
  );
}
