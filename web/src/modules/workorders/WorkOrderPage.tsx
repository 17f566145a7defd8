// One work order (/work-orders/:id): its facts, what may be done next by whoever looks (assign, take, start,
// complete with a photo, record the call-back, cancel), the completion with its photo, and the timeline.
import { Alert, Button, Card, Col, Descriptions, Image, Result, Row, Space, Spin, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import { formatAt } from '../participation/index.ts';
import { fetchWorkOrder, photoUrl, workOrderKeys, type WorkOrder } from './api.ts';
import { AssignForm, CallbackForm, CancelForm, CompleteForm, TakeStart } from './WorkOrderActions.tsx';
import StatusTag, { PriorityTag } from './StatusTag.tsx';

const unfinished = (o: WorkOrder) => o.status !== 'done' && o.status !== 'cancelled';

export default function WorkOrderPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { can, user } = useAuth();
  const query = useQuery({ queryKey: workOrderKeys.one(id), queryFn: () => fetchWorkOrder(id) });
  const back = (
    <Link to="/work-orders">
      <ArrowLeftOutlined /> {t('workOrders.back')}
    </Link>
  );
  if (query.isPending)
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404)
      return <Result status="404" title={t('workOrders.notFound')} extra={back} data-testid="workorder-not-found" />;
    return (
      <Card>
        <ProblemAlert title={t('common.error')} error={query.error} />
        <Button style={{ marginTop: 12 }} onClick={() => void query.refetch()}>
          {t('common.retry')}
        </Button>
      </Card>
    );
  }
  const o = query.data;
  const at = (iso: string | null | undefined) => formatAt(iso, i18n.language);
  const mine = !!user && o.assignee?.id === user.id;
  const handles = can('workorders.handle');
  const manages = can('workorders.manage');
  const needsCallback = o.callbackRequired && !o.callbackRecorded;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="workorder-page" data-status={o.status}>
      {back}
      <Card
        title={
          <Space wrap>
            <span data-testid="workorder-title">{o.title}</span>
            <StatusTag status={o.status} />
            <PriorityTag priority={o.priority} />
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('workOrders.fields.compound')}>{o.compoundName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('workOrders.fields.source')}>
            {t(`workOrders.sources.${o.sourceKind}`, { defaultValue: t('workOrders.sources.other') })}
          </Descriptions.Item>
          <Descriptions.Item label={t('workOrders.fields.assignee')}>
            <span data-testid="workorder-assignee">{o.assignee?.displayName ?? t('workOrders.unassigned')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('workOrders.fields.due')}>{at(o.dueAt)}</Descriptions.Item>
          <Descriptions.Item label={t('workOrders.fields.createdAt')}>
            {at(o.createdAt)} {o.createdBy?.displayName ?? ''}
          </Descriptions.Item>
          {o.callbackRequired && (
            <Descriptions.Item label={t('workOrders.fields.callback')}>
              <span data-testid="workorder-callback-state">
                {o.callbackRecorded ? t('workOrders.callbackDone') : t('workOrders.callbackPending')}
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
        {o.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{o.description}</Typography.Paragraph>}
        {o.cancelReason && <Alert type="info" showIcon title={t('workOrders.cancelledBecause', { reason: o.cancelReason })} />}
      </Card>
      <Row gutter={[16, 16]}>
        {unfinished(o) && (
          <Col xs={24} lg={12}>
            <Card title={t('workOrders.next')} data-testid="workorder-actions">
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                {needsCallback && (
                  <Alert type="warning" showIcon title={t('workOrders.callbackFirst')} data-testid="workorder-callback-warning" />
                )}
                {handles && <TakeStart order={o} mine={mine} />}
                {manages && (o.status === 'open' || o.status === 'assigned') && <AssignForm order={o} />}
                {handles && mine && (o.status === 'assigned' || o.status === 'in_progress') && <CompleteForm order={o} />}
                {handles && o.callbackRequired && <CallbackForm order={o} />}
                {manages && <CancelForm order={o} />}
              </Space>
            </Card>
          </Col>
        )}
        {o.completion && (
          <Col xs={24} lg={12}>
            <Card title={t('workOrders.completion')} data-testid="workorder-completion">
              <Typography.Paragraph>{o.completion.note}</Typography.Paragraph>
              <Typography.Text type="secondary">
                {at(o.completion.at)} {o.completion.by?.displayName ?? ''}
              </Typography.Text>
              {o.completion.photo && (
                <div style={{ marginTop: 12 }}>
                  <Image src={photoUrl(o.id)} alt={t('workOrders.photo')} width={240} data-testid="workorder-photo" />
                </div>
              )}
            </Card>
          </Col>
        )}
        {o.callbacks.length > 0 && (
          <Col xs={24} lg={12}>
            <Card title={t('workOrders.callbacks')} data-testid="workorder-callbacks">
              {o.callbacks.map((c) => (
                <div key={c.id} data-testid="workorder-callback" data-outcome={c.outcome}>
                  <Typography.Text strong>{t(`workOrders.outcomes.${c.outcome}`)}</Typography.Text> · {c.caller.displayName} ·{' '}
                  {at(c.calledAt)}
                  {c.note && <div>{c.note}</div>}
                </div>
              ))}
            </Card>
          </Col>
        )}
        <Col xs={24} lg={12}>
          <Card title={t('workOrders.timeline')}>
            <Timeline
              data-testid="workorder-timeline"
              items={o.steps.map((s) => ({
                content: (
                  <div data-testid="workorder-step" data-action={s.action}>
                    <Typography.Text strong>{t(`workOrders.actions.${s.action}`)}</Typography.Text> {s.actor?.displayName ?? ''}
                    {s.assignee && s.action === 'assigned' ? ` → ${s.assignee.displayName}` : ''}
                    <div>
                      <Typography.Text type="secondary">{at(s.at)}</Typography.Text>
                    </div>
                    {s.note && s.action !== 'called_back' && <div>{s.note}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
