// What the property staff may do to a request now, as buttons with their dialogs: take it (抢单), assign it (派单),
// start, mark it done with photos and a note, and record the follow-up call. Each button shows only when the
// request's status and the caller's permission allow it; a refused move shows the server's words.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Radio, Select, Space } from 'antd';
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import { assignRepair, completeRepair, fetchAssignees, followUp, repairKeys, startRepair, takeRepair, type Repair } from './api.ts';
import { FOLLOW_UP_OUTCOMES, outcomeName } from './labels.ts';

const MAX_PHOTOS = 9;
type Dialog = 'assign' | 'complete' | 'followUp' | null;

export default function RepairActions({ repair }: { repair: Repair }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user, can } = useAuth();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [assignee, setAssignee] = useState<string>();
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [outcome, setOutcome] = useState<(typeof FOLLOW_UP_OUTCOMES)[number]>('satisfied');
  const mine = !!user && repair.assignee?.id === user.id;
  const s = repair.status;

  const assignees = useQuery({
    queryKey: repairKeys.assignees(repair.id),
    queryFn: () => fetchAssignees(repair.id),
    enabled: dialog === 'assign',
  });

  const after = (text: string) => async (updated: Repair) => {
    void message.success(text);
    setDialog(null);
    setNote('');
    setPhotos([]);
    queryClient.setQueryData(repairKeys.one(repair.id), updated);
    await queryClient.invalidateQueries({ queryKey: repairKeys.all });
  };
  const take = useMutation({ mutationFn: () => takeRepair(repair.id), onSuccess: after(t('repairs.staff.taken')) });
  const start = useMutation({ mutationFn: () => startRepair(repair.id), onSuccess: after(t('repairs.staff.started')) });
  const assign = useMutation({
    mutationFn: () => assignRepair(repair.id, assignee!, note.trim()),
    onSuccess: after(t('repairs.staff.assigned')),
  });
  const complete = useMutation({
    mutationFn: () => completeRepair(repair.id, note.trim(), photos),
    onSuccess: after(t('repairs.staff.completed')),
  });
  const call = useMutation({
    mutationFn: () => followUp(repair.id, outcome, note.trim()),
    onSuccess: after(t('repairs.staff.followedUp')),
  });
  const failed = [take, start].find((m) => m.isError);

  const open = (d: Dialog) => {
    setNote('');
    setPhotos([]);
    setDialog(d);
  };

  return (
    <>
      <Space wrap>
        {s === 'open' && can('repairs.handle') && (
          <Button type="primary" loading={take.isPending} onClick={() => take.mutate()} data-testid="repair-take">
            {t('repairs.staff.take')}
          </Button>
        )}
        {(s === 'open' || s === 'assigned') && can('repairs.assign') && (
          <Button onClick={() => open('assign')} data-testid="repair-assign">
            {t('repairs.staff.assign')}
          </Button>
        )}
        {s === 'assigned' && mine && (
          <Button loading={start.isPending} onClick={() => start.mutate()} data-testid="repair-start">
            {t('repairs.staff.start')}
          </Button>
        )}
        {(s === 'assigned' || s === 'in_progress') && mine && (
          <Button type="primary" onClick={() => open('complete')} data-testid="repair-complete">
            {t('repairs.staff.complete')}
          </Button>
        )}
        {s === 'done' && can('repairs.handle') && (
          <Button type="primary" onClick={() => open('followUp')} data-testid="repair-follow-up">
            {t('repairs.staff.followUp')}
          </Button>
        )}
      </Space>
      {failed && <ProblemAlert title={t('repairs.staff.actionFailed')} error={failed.error} testId="repair-action-failed" />}

      <Modal
        open={dialog === 'assign'}
        title={t('repairs.staff.assignTitle')}
        okText={t('repairs.staff.ok')}
        cancelText={t('repairs.staff.cancel')}
        okButtonProps={{ disabled: !assignee, loading: assign.isPending, 'data-testid': 'repair-assign-ok' } as never}
        onOk={() => assign.mutate()}
        onCancel={() => setDialog(null)}
      >
        <Form layout="vertical">
          <Form.Item label={t('repairs.staff.assignTo')}>
            <Select
              data-testid="repair-assign-select"
              loading={assignees.isPending}
              value={assignee}
              onChange={setAssignee}
              options={(assignees.data?.items ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
            />
          </Form.Item>
          <Form.Item label={t('repairs.staff.assignNote')}>
            <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
        {assign.isError && <ProblemAlert title={t('repairs.staff.assignFailed')} error={assign.error} testId="repair-assign-failed" />}
      </Modal>

      <Modal
        open={dialog === 'complete'}
        title={t('repairs.staff.completeTitle')}
        okText={t('repairs.staff.ok')}
        cancelText={t('repairs.staff.cancel')}
        okButtonProps={
          { disabled: !note.trim() || !photos.length, loading: complete.isPending, 'data-testid': 'repair-complete-ok' } as never
        }
        onOk={() => complete.mutate()}
        onCancel={() => setDialog(null)}
      >
        <Form layout="vertical">
          <Form.Item label={t('repairs.staff.completeNote')} required>
            <Input.TextArea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t('repairs.staff.completeNotePlaceholder')}
              maxLength={2000}
              autoSize={{ minRows: 2, maxRows: 5 }}
              data-testid="repair-complete-note"
            />
          </Form.Item>
          <Form.Item label={t('repairs.staff.completePhotos')} required>
            <div data-testid="repair-complete-photo-count" data-count={photos.length}>
              <Space wrap size={6}>
                {photos.map((p, i) => (
                  <Button
                    key={`${p.name}-${i}`}
                    size="small"
                    icon={<CloseOutlined />}
                    onClick={() => setPhotos(photos.filter((_, j) => j !== i))}
                  >
                    {p.name}
                  </Button>
                ))}
              </Space>
              {photos.length < MAX_PHOTOS && (
                <label style={{ display: 'flex', gap: 6, alignItems: 'center', cursor: 'pointer', marginTop: 6, color: '#1558b0' }}>
                  <CameraOutlined /> {t('repairs.staff.addPhoto')}
                  <input
                    type="file"
                    accept="image/png,image/jpeg"
                    multiple
                    hidden
                    style={{ display: 'none' }}
                    data-testid="repair-complete-photo"
                    onChange={(e) => {
                      const picked = [...(e.target.files ?? [])].filter((f) => f.type === 'image/png' || f.type === 'image/jpeg');
                      setPhotos((ps) => [...ps, ...picked].slice(0, MAX_PHOTOS));
                      e.target.value = '';
                    }}
                  />
                </label>
              )}
            </div>
          </Form.Item>
        </Form>
        {complete.isError && (
          <ProblemAlert title={t('repairs.staff.completeFailed')} error={complete.error} testId="repair-complete-failed" />
        )}
      </Modal>

      <Modal
        open={dialog === 'followUp'}
        title={t('repairs.staff.followUpTitle')}
        okText={t('repairs.staff.ok')}
        cancelText={t('repairs.staff.cancel')}
        okButtonProps={{ loading: call.isPending, 'data-testid': 'repair-follow-up-ok' } as never}
        onOk={() => call.mutate()}
        onCancel={() => setDialog(null)}
      >
        <Form layout="vertical">
          <Form.Item label={t('repairs.staff.outcome')}>
            <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value)}>
              {FOLLOW_UP_OUTCOMES.map((o) => (
                <Radio key={o} value={o} data-testid={`repair-outcome-${o}`}>
                  {outcomeName(t, o)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('repairs.staff.followUpNote')}>
            <Input.TextArea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={1000}
              autoSize={{ minRows: 2 }}
              data-testid="repair-follow-up-note"
            />
          </Form.Item>
        </Form>
        {call.isError && <ProblemAlert title={t('repairs.staff.followUpFailed')} error={call.error} testId="repair-follow-up-failed" />}
      </Modal>
    </>
  );
}
