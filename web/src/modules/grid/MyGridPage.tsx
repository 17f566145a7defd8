// 网格员 (/grid/mine, a phone): my grids with a patrol check-in (the browser's position, or a note of where when
// the position cannot be had), then my grids' open events, the soonest due first, overdue ones marked.
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Empty, Input, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined, RightOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { checkIn, fetchCategories, fetchGridEvents, fetchGrids, gridKeys, type GridSummary } from './api.ts';
import { categoryName, formatAt } from './labels.ts';
import StateTag from './StateTag.tsx';

/** How long a check-in waits for the position, an unanswered permission prompt included. */
const POSITION_WAIT_MS = 8000;

/** The browser's position, or null when it is refused, absent or too slow. */
function position(): Promise<{ lat: number; lng: number } | null> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) return resolve(null);
    // The API's own timeout starts only once permission is given: a prompt nobody answers would wait forever.
    setTimeout(() => resolve(null), POSITION_WAIT_MS);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: POSITION_WAIT_MS, maximumAge: 60_000 },
    );
  });
}

function CheckIn({ grid }: { grid: GridSummary }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [manual, setManual] = useState(false);
  const [note, setNote] = useState('');
  const send = useMutation({
    mutationFn: (body: { lat?: number; lng?: number; note?: string }) => checkIn(grid.id, body),
    onSuccess: (c) => {
      setManual(false);
      setNote('');
      void message.success(c.lat !== null ? t('gridEvents.worker.checkedIn') : t('gridEvents.worker.checkedInManual'));
    },
  });
  const locate = useMutation({
    mutationFn: position,
    onSuccess: (p) => (p ? send.mutate(p) : setManual(true)),
  });
  return (
    <Space orientation="vertical" size={0} align="end">
      <Button
        icon={<EnvironmentOutlined />}
        loading={locate.isPending || (send.isPending && !manual)}
        onClick={() => locate.mutate()}
        data-testid={`gw-checkin-${grid.code}`}
      >
        {t('gridEvents.worker.checkIn')}
      </Button>
      <Button type="link" size="small" onClick={() => setManual(true)} data-testid={`gw-checkin-manual-${grid.code}`}>
        {t('gridEvents.worker.manual')}
      </Button>
      <Modal
        open={manual}
        title={t('gridEvents.worker.manualTitle')}
        okText={t('gridEvents.worker.checkIn')}
        cancelText={t('gridEvents.resident.cancel')}
        onCancel={() => setManual(false)}
        onOk={() => send.mutate({ note: note.trim() })}
        okButtonProps={{ disabled: !note.trim(), loading: send.isPending, 'data-testid': 'gw-checkin-manual-ok' } as never}
        width={360}
      >
        <Typography.Paragraph type="secondary">{t('gridEvents.worker.manualHint')}</Typography.Paragraph>
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={500}
          placeholder={t('gridEvents.worker.manualPlaceholder')}
          data-testid="gw-checkin-note"
        />
      </Modal>
      {send.isError && <ProblemAlert title={t('gridEvents.worker.checkInFailed')} error={send.error} testId="gw-checkin-failed" />}
    </Space>
  );
}

export default function MyGridPage() {
  const { t, i18n } = useTranslation();
  const categories = useQuery({ queryKey: gridKeys.categories, queryFn: fetchCategories });
  const grids = useQuery({ queryKey: gridKeys.grids(), queryFn: () => fetchGrids() });
  const events = useQuery({ queryKey: gridKeys.list({ mine: false }), queryFn: () => fetchGridEvents({}, 200, null) });
  if (grids.isPending || events.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  const failed = grids.error ?? events.error;
  if (failed)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ProblemAlert title={t('gridEvents.loadFailed')} error={failed} testId="gw-problem" />
        <Button block onClick={() => void Promise.all([grids.refetch(), events.refetch()])}>
          {t('common.retry')}
        </Button>
      </Space>
    );
  const due = (iso: string | null) => (iso ? new Date(iso).getTime() : Number.POSITIVE_INFINITY);
  const open = (events.data?.items ?? []).filter((e) => e.state !== 'closed').sort((a, b) => due(a.dueAt) - due(b.dueAt));
  return (
    <div data-testid="gw-home">
      <Link to="/grid/mine/report">
        <Button type="primary" block size="large" style={{ marginBottom: 12 }} data-testid="gw-report-new">
          {t('gridEvents.patrol.report')}
        </Button>
      </Link>
      <Typography.Title level={5} style={{ margin: '4px 4px 8px' }}>
        {t('gridEvents.worker.myGrids')}
      </Typography.Title>
      {grids.data?.items.length ? (
        <Space orientation="vertical" size={8} style={{ width: '100%', marginBottom: 16 }}>
          {grids.data.items.map((g) => (
            <Card key={g.id} size="small">
              <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                <div>
                  <Typography.Text strong>{g.name}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('gridEvents.worker.buildings', { count: g.buildingsCount })}
                    </Typography.Text>
                  </div>
                </div>
                <CheckIn grid={g} />
              </Space>
            </Card>
          ))}
        </Space>
      ) : (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gridEvents.worker.noGrids')} />
        </Card>
      )}
      <Typography.Title level={5} style={{ margin: '4px 4px 8px' }}>
        {t('gridEvents.worker.open', { count: open.length })}
      </Typography.Title>
      {open.length === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gridEvents.worker.noOpen')} />
        </Card>
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="gw-events">
          {open.map((e) => (
            <Link
              key={e.id}
              to={`/grid/mine/${e.id}`}
              style={{ display: 'block', color: 'inherit' }}
              data-testid={`gw-event-${e.id}`}
              data-overdue={e.overdue}
            >
              <Card size="small" hoverable style={e.overdue ? { borderColor: '#ff4d4f' } : undefined}>
                <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Space size={4} wrap>
                      <Typography.Text strong>{categoryName(categories.data?.items, e.category, i18n.language, t)}</Typography.Text>
                      <StateTag state={e.state} />
                      {e.overdue && <Tag color="red">{t('gridEvents.overdue')}</Tag>}
                    </Space>
                    <Typography.Paragraph ellipsis={{ rows: 1 }} style={{ margin: '4px 0 0' }}>
                      {e.description}
                    </Typography.Paragraph>
                    <Typography.Text type={e.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                      {t('gridEvents.worker.due', { at: formatAt(e.dueAt, i18n.language) })}
                      {e.addressText ? ` · ${e.addressText}` : ''}
                    </Typography.Text>
                  </div>
                  <RightOutlined style={{ color: '#bfbfbf' }} />
                </div>
              </Card>
            </Link>
          ))}
        </Space>
      )}
    </div>
  );
}
