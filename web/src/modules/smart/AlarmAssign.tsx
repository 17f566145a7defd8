// The drawer's hand-over: assign the alarm to someone who may handle it in its scope, or raise a work order
// from it (an SOS order carries the duty to call the resident back).
import { useState } from 'react';
import { App, Button, Flex, Select } from 'antd';
import { FileAddOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { useAuth } from '../accounts/index.ts';
import { assignAlarm, dutyKeys } from './dutyApi.ts';
import type { Alarm } from './dutyTypes.ts';

export default function AlarmAssign({ alarm }: { alarm: Alarm }) {
  const { t } = useTranslation();
  const canRaiseOrder = useAuth().can('workorders.manage');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [assigneeId, setAssigneeId] = useState<string | undefined>(alarm.assignee?.id);
  const people = useQuery({
    queryKey: ['duty', 'assignees', alarm.id],
    queryFn: () => api.get('/api/v1/alarms/{id}/assignees', { params: { id: alarm.id } }),
  });
  const assign = useMutation({
    mutationFn: (id: string) => assignAlarm(alarm.id, id),
    onSuccess: () => {
      message.success(t('duty.action.assigned'));
      void queryClient.invalidateQueries({ queryKey: dutyKeys.all });
    },
    onError: () => message.error(t('duty.action.failed')),
  });
  const order = useMutation({
    mutationFn: () => api.post('/api/v1/alarms/{id}/work-order', { params: { id: alarm.id }, body: {} }),
    onSuccess: (wo) => navigate(`/work-orders/${wo.id}`),
    onError: () => message.error(t('duty.action.orderFailed')),
  });
  return (
    <Flex gap={8} wrap data-testid="duty-assign">
      <Select
        style={{ minWidth: 180, flex: 1 }}
        placeholder={t('duty.action.assignPick')}
        loading={people.isLoading}
        value={assigneeId}
        onChange={setAssigneeId}
        options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.displayName }))}
        notFoundContent={t('duty.action.nobodyToAssign')}
        data-testid="duty-assign-select"
      />
      <Button
        icon={<UserSwitchOutlined />}
        disabled={!assigneeId || assigneeId === alarm.assignee?.id}
        loading={assign.isPending}
        onClick={() => assigneeId && assign.mutate(assigneeId)}
        data-testid="duty-assign-submit"
      >
        {t('duty.action.assign')}
      </Button>
      {canRaiseOrder && (
        <Button icon={<FileAddOutlined />} loading={order.isPending} onClick={() => order.mutate()} data-testid="duty-raise-order">
          {t('duty.action.raiseOrder')}
        </Button>
      )}
    </Flex>
  );
}
