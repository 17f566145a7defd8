// 社区食堂 (/community/canteen): the canteens in my scope, a week of menus (set a meal's dishes, prices and
// places), the day's booking list for the kitchen, and the diners' records the meal subsidy reads.
import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import DivisionPicker from '../../app/DivisionPicker.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { parseHundredths } from '../../app/money.ts';
import { useAuth } from '../accounts/index.ts';
import {
  addDays,
  createCanteen,
  fetchCanteens,
  fetchDay,
  fetchMenus,
  setMenu,
  shanghaiToday,
  staffKeys,
  yuan,
  type Meal,
  type Menu,
} from './api.ts';
import CompoundPicker from './CompoundPicker.tsx';
import DinersTable from './DinersTable.tsx';
import { DateField } from '../../app/DateTimeField.tsx';

const MEALS: Meal[] = ['breakfast', 'lunch', 'dinner'];

function NewCanteenModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ communityCode: string; compoundId?: string; name: string; address: string; phone?: string }>();
  const save = useMutation({
    mutationFn: createCanteen,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: staffKeys.canteens });
      form.resetFields();
      onClose();
    },
  });
  const division = user?.scope.division ?? '';
  return (
    <Modal
      open={open}
      title={t('community.staff.newCanteen')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ communityCode: division.length === 12 ? division : undefined }}
        onFinish={(v) => save.mutate({ ...v, compoundId: v.compoundId || undefined, phone: v.phone || undefined })}
      >
        <Form.Item name="name" label={t('community.staff.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="communityCode" label={t('community.staff.community')} rules={[{ required: true, pattern: /^\d{12}$/ }]}>
          <DivisionPicker levels={['community']} testId="community-pick" />
        </Form.Item>
        <Form.Item name="compoundId" label={t('community.staff.onlyCompound')}>
          <CompoundPicker onChange={(id) => form.setFieldValue('compoundId', id)} testId="canteen-compound" />
        </Form.Item>
        <Form.Item name="address" label={t('community.staff.address')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('community.staff.phone')}>
          <Input />
        </Form.Item>
        {save.isError && <ProblemAlert title={t('community.common.loadError')} error={save.error} />}
      </Form>
    </Modal>
  );
}

interface MenuValues {
  capacity: number;
  dishes: { name: string; price: string }[];
}

function MenuModal({
  canteenId,
  slot,
  onClose,
}: {
  canteenId: string;
  slot: { date: string; meal: Meal; menu?: Menu } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MenuValues>();
  const save = useMutation({
    mutationFn: (v: MenuValues) =>
      setMenu(canteenId, slot!.date, slot!.meal, {
        capacity: v.capacity,
        dishes: v.dishes.map((d) => ({ name: d.name, priceFen: Number(parseHundredths(d.price) ?? -1n) })),
      }),
    onSuccess: () => {
      void message.success(t('community.common.saved'));
      void queryClient.invalidateQueries({ queryKey: staffKeys.menus(canteenId) });
      onClose();
    },
  });
  const initial: MenuValues = {
    capacity: slot?.menu?.capacity ?? 50,
    dishes: slot?.menu?.dishes.map((d) => ({ name: d.name, price: (d.priceFen / 100).toFixed(2) })) ?? [{ name: '', price: '' }],
  };
  return (
    <Modal
      open={!!slot}
      title={slot ? `${slot.date} ${t(`community.meals.${slot.meal}`)}` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'menu-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} preserve={false}>
        <Form.Item name="capacity" label={t('community.staff.capacity')} rules={[{ required: true }]}>
          <InputNumber min={0} max={10000} precision={0} />
        </Form.Item>
        <Form.List name="dishes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                    <Input placeholder={t('community.staff.dishName')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'price']} rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/ }]}>
                    <Input placeholder={t('community.staff.priceYuan')} style={{ width: 120 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', price: '' })}>
                {t('community.staff.addDish')}
              </Button>
            </>
          )}
        </Form.List>
        {save.isError && <ProblemAlert title={t('community.common.loadError')} error={save.error} testId="menu-problem" />}
      </Form>
    </Modal>
  );
}

function Week({ canteenId }: { canteenId: string }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(shanghaiToday());
  const [slot, setSlot] = useState<{ date: string; meal: Meal; menu?: Menu } | null>(null);
  const to = addDays(from, 6);
  const q = useQuery({ queryKey: [...staffKeys.menus(canteenId), from], queryFn: () => fetchMenus(canteenId, from, to) });
  const days = Array.from({ length: 7 }, (_, i) => addDays(from, i));
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <DateField value={from} onChange={(v) => v && setFrom(v)} allowClear={false} />
      </Space>
      {q.isError && <ProblemAlert title={t('community.common.loadError')} error={q.error} />}
      <Table
        rowKey={(d) => d}
        loading={q.isPending}
        pagination={false}
        dataSource={days}
        columns={[
          { title: t('community.staff.date'), render: (_, d) => d },
          ...MEALS.map((meal) => ({
            title: t(`community.meals.${meal}`),
            render: (_: unknown, date: string) => {
              const menu = q.data?.items.find((m) => m.date === date && m.meal === meal);
              return (
                <Space orientation="vertical" size={2}>
                  {menu ? (
                    <>
                      <Typography.Text style={{ fontSize: 12 }}>
                        {menu.dishes.map((d) => `${d.name} ${yuan(d.priceFen)}`).join('、')}
                      </Typography.Text>
                      <Tag>{t('community.staff.bookedOf', { booked: menu.booked, capacity: menu.capacity })}</Tag>
                    </>
                  ) : (
                    <Typography.Text type="secondary">—</Typography.Text>
                  )}
                  <Button size="small" onClick={() => setSlot({ date, meal, menu })}>
                    {t('community.staff.setMenu')}
                  </Button>
                </Space>
              );
            },
          })),
        ]}
      />
      <MenuModal canteenId={canteenId} slot={slot} onClose={() => setSlot(null)} />
    </>
  );
}

function DayList({ canteenId }: { canteenId: string }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(shanghaiToday());
  const q = useQuery({ queryKey: staffKeys.day(canteenId, date), queryFn: () => fetchDay(canteenId, date) });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <DateField value={date} onChange={(v) => v && setDate(v)} allowClear={false} style={{ width: 200 }} />
      {q.isError && <ProblemAlert title={t('community.common.loadError')} error={q.error} />}
      {q.data && q.data.meals.length === 0 && <Empty description={t('community.staff.noBookingsDay')} />}
      {q.data?.meals.map((m) => (
        <Card
          key={m.id}
          size="small"
          title={`${t(`community.meals.${m.meal}`)} · ${t('community.staff.bookedOf', { booked: m.booked, capacity: m.capacity })}`}
        >
          <Space wrap style={{ marginBottom: 8 }}>
            {m.dishTotals.map((d) => (
              <Tag key={d.dishId}>
                {d.name} × {d.qty}
              </Tag>
            ))}
            <Typography.Text>
              {t('community.staff.pay')} {yuan(m.payFen)} · {t('community.staff.subsidy')} {yuan(m.subsidyFen)}
            </Typography.Text>
          </Space>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={m.bookings}
            columns={[
              { title: t('community.staff.home'), dataIndex: 'home' },
              { title: t('community.staff.mode'), render: (_, b) => t(`community.modes.${b.mode}`) },
              { title: t('community.staff.items'), render: (_, b) => b.items.map((i) => `${i.name}×${i.qty}`).join('、') },
              { title: t('community.staff.pay'), render: (_, b) => yuan(b.payFen) },
              { title: t('community.staff.subsidy'), render: (_, b) => yuan(b.subsidyFen) },
            ]}
          />
        </Card>
      ))}
    </Space>
  );
}

export default function CanteenPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: staffKeys.canteens, queryFn: fetchCanteens });
  const [picked, setPicked] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [dinerCompound, setDinerCompound] = useState<string>();
  const canteenId = picked ?? q.data?.items[0]?.id;
  return (
    <Card
      title={t('community.staff.canteenTitle')}
      extra={
        <Space>
          <Select
            style={{ minWidth: 240 }}
            value={canteenId}
            onChange={setPicked}
            options={(q.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="canteen-pick"
          />
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('community.staff.newCanteen')}
          </Button>
        </Space>
      }
    >
      {q.isError && <ProblemAlert title={t('community.common.loadError')} error={q.error} />}
      {q.data && !canteenId && <Empty description={t('community.staff.noCanteens')} />}
      {canteenId && (
        <Tabs
          items={[
            { key: 'menus', label: t('community.staff.menus'), children: <Week canteenId={canteenId} /> },
            { key: 'day', label: t('community.staff.dayList'), children: <DayList canteenId={canteenId} /> },
            {
              key: 'diners',
              label: t('community.staff.diners'),
              children: (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <CompoundPicker value={dinerCompound} onChange={setDinerCompound} testId="diners-compound" />
                  {dinerCompound && <DinersTable compoundId={dinerCompound} />}
                </Space>
              ),
            },
          ]}
        />
      )}
      <NewCanteenModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
