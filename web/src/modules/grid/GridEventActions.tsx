// The next moves an event allows its reader, as buttons named as the work is (受理, 处理反馈, 审核通过, 办结,
// 自办自结…), plus 上报上级 and 合并. Each asks for a note; handling also takes photos, uploaded before the move.
import { useState } from 'react';
import { App, Button, Flex, Input, Modal, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import { addPhoto, escalate, fetchGridEvents, gridKeys, merge, transition, type GridEventDetail } from './api.ts';
import type { GridState } from './labels.ts';
import PhotoPicker, { MAX_PHOTOS } from './PhotoPicker.tsx';

type Action = { kind: 'move'; to: GridState } | { kind: 'escalate' } | { kind: 'merge' };

/** The words of a move, by where it goes from where it is. */
export function moveLabel(from: string, to: string): string {
  if (to === 'accepted') return from === 'reported' ? 'accept' : from === 'disputed' ? 'upholdDispute' : 'sendBack';
  if (to === 'handled') return 'handle';
  if (to === 'reviewed') return 'review';
  if (to === 'closed') return from === 'reported' ? 'selfResolve' : from === 'disputed' ? 'rejectDispute' : 'close';
  return 'dispute';
}

export default function GridEventActions({ event, compact = false }: { event: GridEventDetail; compact?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [duplicateId, setDuplicateId] = useState<string>();

  const close = () => {
    setAction(null);
    setNote('');
    setPhotos([]);
    setDuplicateId(undefined);
  };
  const run = useMutation({
    mutationFn: async (a: Action) => {
      if (a.kind === 'escalate') return escalate(event.id, note.trim());
      if (a.kind === 'merge') return merge(event.id, duplicateId!, note.trim());
      for (const p of photos) await addPhoto(event.id, p);
      return transition(event.id, a.to, note.trim());
    },
    onSuccess: async () => {
      close();
      void message.success(t('gridEvents.staff.done'));
      await queryClient.invalidateQueries({ queryKey: gridKeys.all });
    },
  });
  const candidates = useQuery({
    queryKey: [...gridKeys.list({ category: event.category }), 'merge'],
    queryFn: () => fetchGridEvents({ category: event.category }, 50, null),
    enabled: action?.kind === 'merge',
  });

  const moves = event.allowed.filter((s) => s !== 'disputed');
  const canEscalate = can('grid.handle') && event.state !== 'closed' && event.level !== 'city';
  const canMerge = can('grid.review') && event.state !== 'closed' && !event.mergedIntoId;
  if (!moves.length && !canEscalate && !canMerge)
    return <Typography.Text type="secondary">{t('gridEvents.staff.noActions')}</Typography.Text>;
  const title =
    action?.kind === 'move'
      ? t(`gridEvents.staff.moves.${moveLabel(event.state, action.to)}`)
      : action?.kind === 'escalate'
        ? t('gridEvents.staff.escalate')
        : t('gridEvents.staff.merge');
  const handling = action?.kind === 'move' && (action.to === 'handled' || (action.to === 'closed' && event.state === 'reported'));

  return (
    <>
      <Flex wrap gap={8} vertical={compact} data-testid="grid-actions">
        {moves.map((to) => (
          <Button
            key={to}
            type={to === moves[0] ? 'primary' : 'default'}
            block={compact}
            size={compact ? 'large' : 'middle'}
            onClick={() => setAction({ kind: 'move', to })}
            data-testid={`grid-move-${to}`}
          >
            {t(`gridEvents.staff.moves.${moveLabel(event.state, to)}`)}
          </Button>
        ))}
        {canEscalate && (
          <Button block={compact} onClick={() => setAction({ kind: 'escalate' })} data-testid="grid-escalate">
            {t('gridEvents.staff.escalate')}
          </Button>
        )}
        {canMerge && !compact && (
          <Button onClick={() => setAction({ kind: 'merge' })} data-testid="grid-merge">
            {t('gridEvents.staff.merge')}
          </Button>
        )}
      </Flex>
      <Modal
        open={!!action}
        title={title}
        okText={t('gridEvents.staff.confirm')}
        cancelText={t('gridEvents.resident.cancel')}
        onCancel={close}
        onOk={() => action && run.mutate(action)}
        okButtonProps={
          { loading: run.isPending, disabled: action?.kind === 'merge' && !duplicateId, 'data-testid': 'grid-action-ok' } as never
        }
        width={compact ? 360 : 520}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          {action?.kind === 'merge' && (
            <Select
              style={{ width: '100%' }}
              placeholder={t('gridEvents.staff.mergePick')}
              value={duplicateId}
              onChange={setDuplicateId}
              loading={candidates.isPending}
              data-testid="grid-merge-pick"
              options={(candidates.data?.items ?? [])
                .filter((e) => e.id !== event.id && e.state !== 'closed')
                .map((e) => ({ value: e.id, label: `${e.ref} · ${e.description.slice(0, 30)}` }))}
            />
          )}
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={handling ? t('gridEvents.staff.handleNote') : t('gridEvents.staff.note')}
            autoSize={{ minRows: 3, maxRows: 6 }}
            maxLength={2000}
            data-testid="grid-action-note"
          />
          {handling && (
            <div>
              <PhotoPicker
                photos={photos}
                onChange={setPhotos}
                label={t('gridEvents.staff.addPhotos', { max: MAX_PHOTOS })}
                color="#1558b0"
                testId="grid-action-photo"
              />
              <div data-testid="grid-action-photo-count" data-count={photos.length} />
            </div>
          )}
          {run.isError && <ProblemAlert title={t('gridEvents.staff.failed')} error={run.error} testId="grid-action-failed" />}
        </Space>
      </Modal>
    </>
  );
}
