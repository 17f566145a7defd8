// Alarms nobody handled are handed over to grid governance (R20, R23): the rule `grid.alarm_handover` names which
// causes are handed over, under which grid category, and when: still unacknowledged on reaching a duty level, or a
// number of seconds after first raised. The escalation checks it at each of its steps (so "after N seconds" takes
// effect at the first escalation or reminder at or past that time), in its transaction under the alarm's row lock:
// the alarm gets its work order (found or raised), a `handed_over` step, and the domain event
// `smart.alarm_unhandled` that the grid module turns into a grid event. Once per alarm: the step is the mark.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { ruleAt } from '../../platform/policy.ts';
import { ensureWorkOrderForSource } from '../workorders/index.ts';
import { alarmOrder } from './alarm-orders.routes.ts';
import { systemNote, writeStep } from './alarms.service.ts';
import { smartMessages as sm } from './messages.ts';
import { profilesAt } from './profiles.ts';
import { alarms, alarmSteps, devices, dutyLevels, type DutyLevel, type Severity } from './schema.ts';

export const HANDOVER_RULE = 'grid.alarm_handover';

const handoverSchema = z.object({
  alarms: z.array(
    z
      .object({
        /** The alarm's cause (a rule's `cause` in the device profiles). */
        type: z.string().min(1),
        /** The grid event category it becomes (a code of `grid.categories`). */
        category: z.string().min(1),
        atLevel: z.enum(dutyLevels).optional(),
        afterSeconds: z.number().int().positive().optional(),
      })
      .refine((r) => r.atLevel !== undefined || r.afterSeconds !== undefined, 'atLevel or afterSeconds'),
  ),
});
export type AlarmHandover = z.infer<typeof handoverSchema>;

export async function handoverAt(db: AppContext['db']): Promise<AlarmHandover> {
  return handoverSchema.parse((await ruleAt<unknown>(db, HANDOVER_RULE)).value);
}

/** The domain event `smart.alarm_unhandled`: everything the grid needs to file the event, with no personal data. */
export interface AlarmUnhandled {
  alarmId: string;
  deviceId: string;
  compoundId: string;
  communityCode: string;
  buildingId: string | null;
  type: string;
  severity: Severity;
  level: DutyLevel;
  /** The level's name in Chinese (小区物业值班, 社区, 街道). */
  levelName: string;
  /** The grid category the rule names. */
  category: string;
  firstAt: string;
  handedOverAt: string;
  /** The device's kind (its profile's name), its name and where it is, in Chinese (what people read). */
  deviceKind: string;
  deviceName: string;
  location: string | null;
  /** The alarm's cause in words (its rule's name). */
  causeName: string;
  /** The alarm's work order, found or raised with the hand-over. */
  workOrderId: string | null;
}

/**
 * Pure: the category under which an alarm is handed over now, or null. Only alarms still unacknowledged, never
 * watch-list alerts (grid workers may not read them).
 */
export function handoverCategory(
  rule: AlarmHandover,
  levels: readonly DutyLevel[],
  alarm: { type: string; status: string; restricted: string; firstAt: Date },
  level: DutyLevel,
  now: Date,
): string | null {
  if (alarm.status !== 'active' || alarm.restricted !== 'no') return null;
  const r = rule.alarms.find((x) => x.type === alarm.type);
  if (!r) return null;
  const target = r.atLevel === undefined ? -1 : levels.indexOf(r.atLevel);
  const reached = target >= 0 && levels.indexOf(level) >= target;
  const late = r.afterSeconds !== undefined && now.getTime() - alarm.firstAt.getTime() >= r.afterSeconds * 1000;
  return reached || late ? r.category : null;
}

/**
 * Hands the alarm over when the rule says so and it was not handed over before. Called by the escalation in its
 * transaction while it holds the alarm's row lock (so two clocks cannot both hand it over).
 */
export async function handOverIfDue(
  ctx: AppContext,
  tx: Tx,
  levels: readonly DutyLevel[],
  a: typeof alarms.$inferSelect,
  level: DutyLevel,
  now: Date,
): Promise<AlarmUnhandled | null> {
  const category = handoverCategory(await handoverAt(ctx.db), levels, a, level, now);
  if (!category) return null;
  const [before] = await tx
    .select({ id: alarmSteps.id })
    .from(alarmSteps)
    .where(and(eq(alarmSteps.alarmId, a.id), eq(alarmSteps.action, 'handed_over')))
    .limit(1);
  if (before) return null;
  const [device] = await tx.select().from(devices).where(eq(devices.id, a.deviceId));
  if (!device) return null;
  const profiles = await profilesAt(ctx.db);
  const profile = profiles.byCode.get(device.profile);
  const order = alarmOrder(profiles, a, device);
  const { id: workOrderId } = await ensureWorkOrderForSource(ctx, tx, { ...order, communityCode: a.communityCode }, null);
  await writeStep(tx, a.id, 'handed_over', null, { level, at: now, note: systemNote('note.handed_over') });
  const event: AlarmUnhandled = {
    alarmId: a.id,
    deviceId: a.deviceId,
    compoundId: a.compoundId,
    communityCode: a.communityCode,
    buildingId: device.buildingId,
    type: a.type,
    severity: a.severity,
    level,
    levelName: sm.msg(`level.${level}`).in('zh-CN'),
    category,
    firstAt: a.firstAt.toISOString(),
    handedOverAt: now.toISOString(),
    deviceKind: profile?.name['zh-CN'] ?? device.profile,
    deviceName: device.name,
    location: device.location,
    causeName: profile?.rules.find((r) => r.code === a.rule)?.name['zh-CN'] ?? a.type,
    workOrderId,
  };
  await ctx.events.record(tx, 'smart.alarm_unhandled', event);
  return event;
}

/**
 * Clears an alarm because the grid event it was handed over as was closed: the closing note becomes the alarm's
 * clear note, and its history says which grid event cleared it. An alarm already cleared is left as it is.
 */
export async function clearAlarmFrom(ctx: AppContext, tx: Tx, alarmId: string, note: string, gridEventRef: string): Promise<boolean> {
  const [a] = await tx.select().from(alarms).where(eq(alarms.id, alarmId)).for('update');
  if (!a || a.status === 'cleared') return false;
  const now = new Date();
  await tx
    .update(alarms)
    .set({ status: 'cleared', clearedAt: now, clearedBy: null, clearNote: note, escalateAt: null })
    .where(eq(alarms.id, alarmId));
  await writeStep(tx, alarmId, 'cleared', null, {
    level: a.level,
    at: now,
    note: systemNote('note.cleared_by_grid_event', { ref: gridEventRef }),
  });
  await audit(tx, undefined, 'alarm.clear', 'alarm', alarmId, { type: a.type, by: 'grid_event', ref: gridEventRef });
  ctx.log.info({ alarm: alarmId, gridEvent: gridEventRef }, 'alarm cleared by its grid event');
  return true;
}
