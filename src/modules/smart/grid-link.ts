// An alarm handed over to grid governance and the grid event it became: the event's ref and state beside the
// alarm, and the alarm cleared once that event is closed. Smart asks the grid through its index; the grid never
// imports smart (it learns of alarms only from the `smart.alarm_unhandled` payload), so the two form no cycle.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineHandler } from '../../platform/events.ts';
import { findGridEventBySource, getGridEvent } from '../grid/index.ts';
import { clearAlarmFrom } from './handover.ts';

export interface AlarmGridEvent {
  id: string;
  ref: string;
  state: string;
}

/** The grid event an alarm was handed over as, if any. */
export async function gridEventOfAlarm(ctx: AppContext, alarmId: string): Promise<AlarmGridEvent | null> {
  const id = await findGridEventBySource(ctx, 'alarm', null, alarmId);
  const event = id ? await getGridEvent(ctx, id) : null;
  return event ? { id: event.id, ref: event.ref, state: event.state } : null;
}

/** A grid event raised from an alarm is closed: the alarm is cleared with the event's closing note. */
export const clearOnGridClosure = defineHandler<{ id: string; to: string; source: string }, AppContext>({
  name: 'smart.clear_alarm_on_grid_closure',
  topic: 'grid.event_transitioned',
  async handle(ctx, event, tx) {
    if (event.payload.to !== 'closed' || event.payload.source !== 'alarm') return;
    const grid = await getGridEvent(ctx, event.payload.id);
    // Only refs that are alarm ids of ours (a test or a partner may file `alarm` events with refs of its own).
    if (!grid?.sourceRef || !z.uuid().safeParse(grid.sourceRef).success) return;
    const closing = [...grid.steps].reverse().find((s) => s.to === 'closed');
    await clearAlarmFrom(ctx, tx, grid.sourceRef, closing?.note || grid.ref, grid.ref);
  },
});
