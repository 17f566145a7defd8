// One alarm in full: its facts, its steps (raised, repeated, escalated, acknowledged…) and the duty's actions.
// A handed-over alarm names its grid event (ref and state) with a link to it.
// Clearing by hand needs a note: the modal asks for it (also opened straight from an alarm card).
import { useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Flex, Form, Grid, Input, Modal, Skeleton, Tag, Timeline, Typography } from 'antd';
import { CheckOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import type { AlarmNames } from './ActiveAlarms.tsx';
import AlarmAssign from './AlarmAssign.tsx';
import { dutyKeys, fetchAlarm } from './dutyApi.ts';
import { alarmTypeLabel, beijingTime, personName, severityColor, severityLabel } from './dutyFormat.ts';
import type { Alarm, AlarmStep } from './dutyTypes.ts';

interface Props {
  alarm: Alarm | null;
  names: AlarmNames;
  canHandle: boolean;
  busy: boolean;
  onClose: () => void;
  onAcknowledge: (a: Alarm) => void;
  onClear: (a: Alarm) => void;
}

export default function AlarmDrawer({ alarm, names, canHandle, busy, onClose, onAcknowledge, onClear }: Props) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const detail = useQuery({
    queryKey: dutyKeys.alarm(alarm?.id ?? ''),
    queryFn: () => fetchAlarm(alarm!.id),
    enabled: !!alarm,
  });
  const a: Alarm | null = alarm ? { ...alarm, ...(detail.data ?? {}) } : null;
  const steps: AlarmStep[] = detail.data?.steps ?? [];
  const clearNote = detail.data?.clearNote;
  // Handed over to grid governance: the grid event it became, linked to its page.
  const gridEvent = detail.data?.gridEvent ?? null;

  return (
    <Drawer
      open={!!alarm}
      onClose={onClose}
      title={t('duty.drawer.title')}
      size={screens.md ? 520 : '100%'}
      data-testid="duty-drawer"
      destroyOnHidden
      extra={
        a &&
        canHandle &&
        a.status !== 'cleared' && (
          <Flex gap={8}>
            {a.status === 'active' && (
              <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={() => onAcknowledge(a)} data-testid="duty-drawer-ack">
                {t('duty.action.acknowledge')}
              </Button>
            )}
            <Button danger icon={<StopOutlined />} disabled={busy} onClick={() => onClear(a)} data-testid="duty-drawer-clear">
              {t('duty.action.clear')}
            </Button>
          </Flex>
        )
      }
    >
      {a && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('duty.field.type')}>{alarmTypeLabel(t, a)}</Descriptions.Item>
            <Descriptions.Item label={t('duty.field.severity')}>
              <Tag color={severityColor[a.severity]}>{severityLabel(t, a.severity)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('duty.field.status')}>
              <span data-testid="duty-drawer-status" data-status={a.status}>
                {t(`duty.status.${a.status}`)}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('duty.field.device')}>{names.device(a)}</Descriptions.Item>
            <Descriptions.Item label={t('duty.field.compound')}>{names.compound(a)}</Descriptions.Item>
            <Descriptions.Item label={t('duty.field.count')}>{a.count}</Descriptions.Item>
            <Descriptions.Item label={t('duty.field.firstAt')}>{beijingTime(a.firstAt)}</Descriptions.Item>
            <Descriptions.Item label={t('duty.field.lastAt')}>{beijingTime(a.lastAt)}</Descriptions.Item>
            {a.level && <Descriptions.Item label={t('duty.escalationLabel')}>{t(`duty.escalation.${a.level}`)}</Descriptions.Item>}
            <Descriptions.Item label={t('duty.field.assignee')}>
              <span data-testid="duty-drawer-assignee">{personName(a.assignee) ?? t('duty.unassigned')}</span>
            </Descriptions.Item>
            {gridEvent && (
              <Descriptions.Item label={t('duty.gridEvent.label')}>
                <Link to={`/grid-events/${gridEvent.id}`} data-testid="duty-drawer-grid-event" data-state={gridEvent.state}>
                  {gridEvent.ref}
                </Link>{' '}
                <Tag>{t(`duty.gridEvent.state.${gridEvent.state}`, { defaultValue: '' })}</Tag>
              </Descriptions.Item>
            )}
            {clearNote && (
              <Descriptions.Item label={t('duty.field.clearNote')}>
                <span data-testid="duty-drawer-clear-note">{clearNote}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          {canHandle && a.status !== 'cleared' && (
            <div style={{ marginTop: 12 }}>
              <AlarmAssign alarm={a} />
            </div>
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('duty.drawer.steps')}
          </Typography.Title>
          {detail.isLoading ? (
            <Skeleton active />
          ) : detail.error ? (
            <ProblemAlert title={t('common.error')} error={detail.error} />
          ) : steps.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />
          ) : (
            <Timeline
              data-testid="duty-steps"
              items={steps.map((s, i) => ({
                key: i,
                content: (
                  <>
                    <Typography.Text strong>{s.actionName}</Typography.Text> {s.level && <Tag>{t(`duty.escalation.${s.level}`)}</Tag>}
                    <div style={{ color: '#8c8c8c', fontSize: 12 }}>
                      {beijingTime(s.at)} {personName(s.actor) ?? ''}
                    </div>
                    {s.note && <div>{s.note}</div>}
                  </>
                ),
              }))}
            />
          )}
        </>
      )}
    </Drawer>
  );
}

/** Asks for the note that clearing by hand requires, then calls `onSubmit`. */
export function ClearAlarmModal({
  alarm,
  busy,
  onCancel,
  onSubmit,
}: {
  alarm: Alarm | null;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (a: Alarm, note: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const [, force] = useState(0);
  return (
    <Modal
      open={!!alarm}
      title={t('duty.action.clearTitle')}
      okText={t('duty.action.clear')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'duty-clear-submit' }}
      onCancel={onCancel}
      destroyOnHidden
      onOk={() =>
        void form
          .validateFields()
          .then((v) => alarm && onSubmit(alarm, v.note.trim()))
          .catch(() => force((n) => n + 1))
      }
      data-testid="duty-clear-modal"
    >
      {alarm && (
        <Typography.Paragraph type="secondary">
          {severityLabel(t, alarm.severity)} · {alarmTypeLabel(t, alarm)}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="note"
          label={t('duty.field.clearNote')}
          rules={[{ required: true, whitespace: true, message: t('duty.action.clearNoteRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('duty.action.clearNotePlaceholder')}
            data-testid="duty-clear-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
