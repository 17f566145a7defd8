// 通行 (/m/passage): the resident's access code, fetched again before it runs out; visitor passes (invite, approve
// what the property registered, show the visitor's code, revoke); registered vehicles; the car park's free spaces.
import { useEffect, useState } from 'react';
import { Button, Card, Empty, Form, Input, List, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../../app/ProblemAlert.tsx';
import { formatAt } from '../format.ts';
import QrImage from './QrImage.tsx';
import {
  addVehicle,
  decide,
  fetchParking,
  fetchPasses,
  fetchPassQr,
  fetchVehicles,
  invite,
  issueCode,
  passageKeys,
  removeVehicle,
  revokePass,
  type NewPass,
  type VisitorPass,
} from './api.ts';
import { cityIsoAt, DateTimeField } from '../../../app/DateTimeField.tsx';

/** Ask for a new code this long before the current one expires. */
const REFRESH_BEFORE_MS = 30_000;

/**
 * How long a code lasts, read from its own payload (bytes 43–50: not before, expires at, unix seconds, both from the
 * server's clock), so a phone whose clock is off still renews on time: counted from when the code arrived.
 */
function codeLifetimeMs(qr: string): number {
  const b64 = qr.slice(3).replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const u32 = (at: number) =>
    ((bin.charCodeAt(at) << 24) | (bin.charCodeAt(at + 1) << 16) | (bin.charCodeAt(at + 2) << 8) | bin.charCodeAt(at + 3)) >>> 0;
  return (u32(47) - u32(43)) * 1000;
}

function AccessCode() {
  const { t, i18n } = useTranslation();
  const code = useQuery({ queryKey: passageKeys.code, queryFn: issueCode, staleTime: Infinity, gcTime: 0 });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);
  // When this code runs out by the phone's clock: its arrival plus its lifetime.
  const endsAt = code.data ? code.dataUpdatedAt + codeLifetimeMs(code.data.qr) : null;
  const { refetch } = code;
  useEffect(() => {
    if (endsAt === null) return;
    const timer = setTimeout(() => void refetch(), Math.max(1000, endsAt - Date.now() - REFRESH_BEFORE_MS));
    return () => clearTimeout(timer);
  }, [endsAt, refetch]);
  if (code.error) return <ProblemAlert title={t('passage.codeFailed')} error={code.error} testId="m-access-problem" />;
  if (!code.data) return <Card size="small" loading />;
  const left = Math.max(0, Math.round(((endsAt ?? now) - now) / 1000));
  return (
    <Card size="small" data-testid="m-access-code">
      <QrImage text={code.data.qr} testId="m-access-qr" />
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center', margin: '8px 0 0', fontSize: 13 }} data-testid="m-access-expiry">
        {t('passage.validUntil', { at: formatAt(code.data.expiresAt, i18n.language), seconds: left })}
      </Typography.Paragraph>
      <Button block style={{ marginTop: 8 }} onClick={() => void refetch()} data-testid="m-access-refresh">
        {t('passage.refresh')}
      </Button>
    </Card>
  );
}

const statusColor: Record<VisitorPass['status'], string> = {
  pending: 'orange',
  approved: 'green',
  refused: 'default',
  revoked: 'red',
  used: 'blue',
};

function InviteForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ visitorName: string; plate?: string; from: string; until: string; entry: NewPass['entry'] }>();
  const create = useMutation({
    mutationFn: (v: { visitorName: string; plate?: string; from: string; until: string; entry: NewPass['entry'] }) =>
      invite({
        visitorName: v.visitorName,
        plate: v.plate || undefined,
        validFrom: new Date(v.from).toISOString(),
        validUntil: new Date(v.until).toISOString(),
        entry: v.entry,
      }),
    onSuccess: () => {
      form.resetFields();
      onDone();
    },
  });
  const start = new Date();
  return (
    <Form
      form={form}
      layout="vertical"
      size="small"
      initialValues={{ entry: 'single', from: cityIsoAt(start.getTime()), until: cityIsoAt(start.getTime() + 4 * 3_600_000) }}
      onFinish={(v) => create.mutate(v)}
      data-testid="m-invite-form"
    >
      {create.error && <ProblemAlert title={t('passage.inviteFailed')} error={create.error} testId="m-invite-problem" />}
      <Form.Item name="visitorName" label={t('passage.visitorName')} rules={[{ required: true, message: t('passage.required') }]}>
        <Input maxLength={40} data-testid="m-invite-name" />
      </Form.Item>
      <Form.Item name="plate" label={t('passage.visitorPlate')}>
        <Input maxLength={16} placeholder="浙A12345" data-testid="m-invite-plate" />
      </Form.Item>
      <Form.Item name="from" label={t('passage.from')} rules={[{ required: true, message: t('passage.required') }]}>
        <DateTimeField data-testid="m-invite-from" />
      </Form.Item>
      <Form.Item name="until" label={t('passage.until')} rules={[{ required: true, message: t('passage.required') }]}>
        <DateTimeField data-testid="m-invite-until" />
      </Form.Item>
      <Form.Item name="entry" label={t('passage.entry')}>
        <Radio.Group>
          <Radio value="single">{t('passage.single')}</Radio>
          <Radio value="multiple">{t('passage.multiple')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={create.isPending} data-testid="m-invite-submit">
        {t('passage.invite')}
      </Button>
    </Form>
  );
}

function PassQr({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qr = useQuery({ queryKey: passageKeys.passQr(id), queryFn: () => fetchPassQr(id) });
  return (
    <Modal open onCancel={onClose} footer={null} title={t('passage.visitorCode')} width={300}>
      {qr.error && <ProblemAlert title={t('passage.codeFailed')} error={qr.error} testId="m-pass-qr-problem" />}
      {qr.data && (
        <>
          <QrImage text={qr.data.qr} testId="m-pass-qr" />
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 8, fontSize: 13 }}>
            {t('passage.window', { from: formatAt(qr.data.validFrom, i18n.language), until: formatAt(qr.data.expiresAt, i18n.language) })}
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}

function VisitorPasses() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const passes = useQuery({ queryKey: passageKeys.passes, queryFn: fetchPasses });
  const [inviting, setInviting] = useState(false);
  const [showing, setShowing] = useState<string | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: passageKeys.passes });
  const act = useMutation({
    mutationFn: (a: { id: string; what: 'approved' | 'refused' | 'revoke' }) =>
      a.what === 'revoke' ? revokePass(a.id) : decide(a.id, a.what),
    onSuccess: refresh,
  });
  return (
    <Card size="small" data-testid="m-passes">
      {act.error && <ProblemAlert title={t('passage.actionFailed')} error={act.error} testId="m-pass-problem" />}
      {inviting ? (
        <InviteForm onDone={() => (setInviting(false), refresh())} />
      ) : (
        <Button block onClick={() => setInviting(true)} data-testid="m-invite-open">
          {t('passage.inviteVisitor')}
        </Button>
      )}
      {passes.error && <ProblemAlert title={t('passage.listFailed')} error={passes.error} testId="m-passes-problem" />}
      <List
        size="small"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('passage.noPasses')} /> }}
        dataSource={passes.data?.items ?? []}
        renderItem={(p) => (
          <List.Item data-testid="m-pass" data-id={p.id}>
            <div style={{ width: '100%' }}>
              <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                <Typography.Text strong>
                  {p.visitorName}
                  {p.plate ? ` · ${p.plate}` : ''}
                </Typography.Text>
                <Tag color={statusColor[p.status]}>{t(`passage.status.${p.status}`)}</Tag>
              </Space>
              <Typography.Paragraph type="secondary" style={{ margin: '2px 0', fontSize: 12 }}>
                {t('passage.window', { from: formatAt(p.validFrom, i18n.language), until: formatAt(p.validUntil, i18n.language) })} ·{' '}
                {t(p.entry === 'single' ? 'passage.single' : 'passage.multiple')}
              </Typography.Paragraph>
              <Space size={4}>
                {p.status === 'pending' && (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => act.mutate({ id: p.id, what: 'approved' })}
                      data-testid="m-pass-approve"
                    >
                      {t('passage.approve')}
                    </Button>
                    <Button size="small" onClick={() => act.mutate({ id: p.id, what: 'refused' })} data-testid="m-pass-refuse">
                      {t('passage.refuse')}
                    </Button>
                  </>
                )}
                {p.status === 'approved' && new Date(p.validUntil).getTime() > Date.now() && (
                  <>
                    <Button size="small" onClick={() => setShowing(p.id)} data-testid="m-pass-show">
                      {t('passage.showCode')}
                    </Button>
                    <Button size="small" danger onClick={() => act.mutate({ id: p.id, what: 'revoke' })} data-testid="m-pass-revoke">
                      {t('passage.revoke')}
                    </Button>
                  </>
                )}
              </Space>
            </div>
          </List.Item>
        )}
      />
      {showing && <PassQr id={showing} onClose={() => setShowing(null)} />}
    </Card>
  );
}

function Vehicles() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const vehicles = useQuery({ queryKey: passageKeys.vehicles, queryFn: fetchVehicles });
  const [plate, setPlate] = useState('');
  const refresh = () => void qc.invalidateQueries({ queryKey: passageKeys.vehicles });
  const add = useMutation({ mutationFn: addVehicle, onSuccess: () => (setPlate(''), refresh()) });
  const remove = useMutation({ mutationFn: removeVehicle, onSuccess: refresh });
  return (
    <Card size="small" data-testid="m-vehicles">
      {(add.error ?? remove.error) && (
        <ProblemAlert title={t('passage.actionFailed')} error={add.error ?? remove.error} testId="m-vehicle-problem" />
      )}
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={plate}
          onChange={(e) => setPlate(e.target.value)}
          placeholder="浙A12345 / 浙AD12345"
          maxLength={16}
          data-testid="m-vehicle-plate"
        />
        <Button
          type="primary"
          disabled={!plate.trim()}
          loading={add.isPending}
          onClick={() => add.mutate(plate)}
          data-testid="m-vehicle-add"
        >
          {t('passage.addVehicle')}
        </Button>
      </Space.Compact>
      <List
        size="small"
        dataSource={vehicles.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('passage.noVehicles')} /> }}
        renderItem={(v) => (
          <List.Item
            data-testid={`m-vehicle-${v.plate}`}
            actions={[
              <Button key="remove" size="small" type="link" danger onClick={() => remove.mutate(v.id)}>
                {t('passage.remove')}
              </Button>,
            ]}
          >
            {v.plate} {v.kind === 'new_energy' && <Tag color="green">{t('passage.newEnergy')}</Tag>}
          </List.Item>
        )}
      />
    </Card>
  );
}

function Parking() {
  const { t } = useTranslation();
  const parking = useQuery({ queryKey: passageKeys.parking, queryFn: fetchParking, refetchInterval: 60_000 });
  if (!parking.data) return null;
  return (
    <Card size="small" data-testid="m-parking">
      {parking.data.compounds.map((c) => (
        <Typography.Paragraph key={c.compoundId} style={{ margin: 0 }}>
          {t('passage.occupancy', { name: c.compoundName, free: c.free, spaces: c.spaces, charging: c.byKind.charging })}
        </Typography.Paragraph>
      ))}
      {parking.data.mySpaces.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }}>
          {t('passage.mySpaces', { codes: parking.data.mySpaces.map((s) => s.code).join('、') })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

export default function PassagePage() {
  const { t } = useTranslation();
  const section = (title: string, body: React.ReactNode) => (
    <div style={{ marginBottom: 16 }}>
      <Typography.Title level={5} style={{ margin: '0 4px 8px' }}>
        {title}
      </Typography.Title>
      {body}
    </div>
  );
  return (
    <div data-testid="m-passage">
      {section(t('passage.myCode'), <AccessCode />)}
      {section(t('passage.visitors'), <VisitorPasses />)}
      {section(t('passage.vehicles'), <Vehicles />)}
      {section(t('passage.parking'), <Parking />)}
    </div>
  );
}
