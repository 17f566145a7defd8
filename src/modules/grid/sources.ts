// Grid events from the smart community (issue 13, item 3): an alarm nobody handled in time (the domain event
// `smart.alarm_unhandled`, raised by smart's escalation under the rule `grid.alarm_handover`) and a work order
// handed up by hand (a repair the property company cannot do). Each grid event keeps the work order it carries;
// closing the event completes that order with the closing note (and smart clears the alarm, on the same event).
// An SOS order owes the resident a call-back: the grid event cannot be closed until it is recorded (409
// `grid.callback_required`), checked in the closing transition's own transaction, so no closed event ever
// leaves an order that cannot be completed.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { defineHandler } from '../../platform/events.ts';
import { conflict, problem } from '../../platform/http/problem.ts';
import type { AlarmUnhandled } from '../smart/index.ts';
import { closeWorkOrderFromSource, getWorkOrder, workOrderState } from '../workorders/index.ts';
import type { GridActor } from './access.ts';
import { findGridEventBySource, getGridEvent } from './events.queries.ts';
import { linkWorkOrder } from './events.actions.ts';
import { createGridEvent } from './events.service.ts';
import { gridMessages as gm } from './messages.ts';
import { gridEvents } from './schema.ts';

/** Asia/Shanghai wall time, as people in the city read it: 2026-12-03 08:40. */
const shanghai = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The event's text, in Chinese (what the grid worker reads): the device's kind, name and place, and how long it waited. */
export function alarmDescription(p: AlarmUnhandled): string {
  const place = p.location ? `（${p.location}）` : '';
  return (
    `${p.deviceKind}“${p.deviceName}”${place}${p.causeName}：自 ${shanghai(p.firstAt)} 起无人确认` +
    `（当前处置层级：${p.levelName}），${shanghai(p.handedOverAt)} 转为网格事件跟进处置。`
  );
}

/** The work order a grid event carries, if any. */
export async function workOrderOfGridEvent(db: Db | Tx, gridEventId: string): Promise<string | null> {
  const [row] = await db.select({ id: gridEvents.workOrderId }).from(gridEvents).where(eq(gridEvents.id, gridEventId));
  return row?.id ?? null;
}

/** `smart.alarm_unhandled` → a grid event (source `alarm`, ref the alarm's id: once per alarm) carrying its work order. */
export const alarmToGridEvent = defineHandler<AlarmUnhandled, AppContext>({
  name: 'grid.alarm_to_grid_event',
  topic: 'smart.alarm_unhandled',
  async handle(ctx, event, tx) {
    const p = event.payload;
    const made = await createGridEvent(
      ctx,
      {
        category: p.category,
        description: alarmDescription(p),
        compoundId: p.compoundId,
        buildingId: p.buildingId ?? undefined,
        source: 'alarm',
        sourceRef: p.alarmId,
      },
      null,
      tx,
    );
    if (p.workOrderId && made.created) await linkWorkOrder(ctx, made.id, p.workOrderId, tx);
  },
});

/**
 * Called by the grid event's transition to `closed`, in its transaction: refuses while the carried order owes
 * its SOS call-back (409 naming it), so the order can always be completed once the event is closed.
 */
export async function checkClosable(tx: Tx, gridEventId: string): Promise<void> {
  const orderId = await workOrderOfGridEvent(tx, gridEventId);
  const order = orderId ? await workOrderState(tx, orderId) : null;
  if (!order || order.status === 'done' || order.status === 'cancelled') return;
  if (order.callbackRequired && !order.callbackRecorded)
    throw problem(409, gm.msg('grid.callback_required', { title: order.title }), {
      errors: [{ path: 'callback', message: gm.msg('field.callback_missing') }],
      workOrderId: order.id,
    });
}

/** The grid event is closed: its work order is completed with the closing note. */
export const closeWorkOrderOnClosure = defineHandler<{ id: string; to: string }, AppContext>({
  name: 'grid.close_work_order_on_closure',
  topic: 'grid.event_transitioned',
  async handle(ctx, event, tx) {
    if (event.payload.to !== 'closed') return;
    const orderId = await workOrderOfGridEvent(tx, event.payload.id);
    if (!orderId) return;
    const grid = await getGridEvent(ctx, event.payload.id);
    // A duplicate merged into another event hands its incident on; its order is left to whoever holds it.
    if (!grid || grid.mergedIntoId) return;
    const closing = [...grid.steps].reverse().find((s) => s.to === 'closed');
    await closeWorkOrderFromSource(ctx, tx, {
      workOrderId: orderId,
      note: closing?.note || gm.msg('note.closed_by_grid_event', { ref: grid.ref }).in('zh-CN'),
      actor: null,
      by: `grid_event:${grid.ref}`,
    });
  },
});

/**
 * A work order handed up as a grid event (source `work_order`): once per order. An order raised from an alarm
 * that was already handed over answers the alarm's grid event, so one incident is one event.
 */
export async function handUpWorkOrder(
  ctx: AppContext,
  user: GridActor,
  workOrderId: string,
  input: { category: string; description?: string | null },
): Promise<{ id: string; ref: string; state: string; created: boolean }> {
  const order = await getWorkOrder(ctx, user, workOrderId);
  const known =
    (await findGridEventBySource(ctx, 'work_order', null, order.id)) ??
    (order.sourceKind === 'alarm' && order.sourceId ? await findGridEventBySource(ctx, 'alarm', null, order.sourceId) : null);
  if (known) return { ...(await brief(ctx, known)), created: false };
  if (order.status === 'done' || order.status === 'cancelled') throw conflict(gm.msg('grid.work_order_finished'));
  const made = await ctx.db.transaction(async (tx) => {
    const event = await createGridEvent(
      ctx,
      {
        category: input.category,
        description: [order.title, order.description, input.description].filter((x) => !!x?.trim()).join('\n'),
        compoundId: order.compoundId,
        source: 'work_order',
        sourceRef: order.id,
      },
      user,
      tx,
    );
    if (event.created) await linkWorkOrder(ctx, event.id, order.id, tx);
    return event;
  });
  return { ...(await brief(ctx, made.id)), created: made.created };
}

async function brief(ctx: AppContext, id: string) {
  const e = await getGridEvent(ctx, id);
  return { id, ref: e!.ref, state: e!.state };
}
