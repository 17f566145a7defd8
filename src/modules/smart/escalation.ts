// Escalation of unacknowledged alarms by the rule `smart.alarm_sla`: past its due time an alarm climbs one
// duty level (compound → community → subdistrict), each level is notified (a step, and live on the consoles
// through the alarms trigger), and at the top it is re-announced every `remindSeconds` while it persists.
// Two clocks run it: a pg-boss job due at the alarm's own `escalateAt` (precise), and a schedule every minute
// (the net under it). Both call escalateDue, which re-checks under a row lock, so running twice does nothing twice.
// At each step an alarm the rule `grid.alarm_handover` names may be handed over to grid governance (handover.ts).
import { and, asc, eq, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { ruleAt } from '../../platform/policy.ts';
import { defineJob } from '../../platform/queue.ts';
import { dutyAccounts, type Role } from '../accounts/index.ts';
import { lineage } from '../registry/index.ts';
import { systemNote, writeStep } from './alarms.service.ts';
import { handOverIfDue } from './handover.ts';
import { alarms, dutyLevels, severities, type DutyLevel, type Severity } from './schema.ts';

export const SLA_RULE = 'smart.alarm_sla';

const slaSchema = z.object({
  levels: z.array(z.enum(dutyLevels)).min(1),
  severities: z.record(
    z.enum(severities),
    z.object({ acknowledgeSeconds: z.number().int().positive(), remindSeconds: z.number().int().positive(), sms: z.boolean() }),
  ),
});
export type AlarmSla = z.infer<typeof slaSchema>;

export async function slaAt(db: AppContext['db'] | Tx): Promise<AlarmSla> {
  return slaSchema.parse((await ruleAt<unknown>(db, SLA_RULE)).value);
}

/** Who is on duty at each level: the role, and how far up from the compound its scope sits. */
const DUTY_ROLES: Record<DutyLevel, { role: Role; division: 'community' | 'subdistrict' | null }> = {
  compound: { role: 'property_manager', division: null },
  community: { role: 'community_worker', division: 'community' },
  subdistrict: { role: 'subdistrict_officer', division: 'subdistrict' },
};

/** When an alarm first raised at `firstAt` is due to escalate. */
export const firstEscalation = (sla: AlarmSla, severity: Severity, firstAt: Date): Date =>
  new Date(firstAt.getTime() + sla.severities[severity].acknowledgeSeconds * 1000);

/** Sends the job that re-checks the alarm at its due time (in the caller's transaction). */
export async function scheduleEscalation(ctx: AppContext, tx: Tx, alarmId: string, at: Date): Promise<void> {
  await ctx.queue.enqueue(tx, escalateAlarmJob, { alarmId, due: at.toISOString() }, { createdBy: null, startAfter: at });
}

export interface Escalation {
  alarmId: string;
  action: 'escalated' | 'reminded';
  level: DutyLevel;
  /** Handed over to grid governance at this step (the rule `grid.alarm_handover`). */
  handedOver: boolean;
}

/** Every unacknowledged alarm due by `now` (or only `alarmId`) climbs a level or is re-announced at the top. */
export async function escalateDue(ctx: AppContext, now: Date, only?: string): Promise<Escalation[]> {
  const sla = await slaAt(ctx.db);
  const done: Escalation[] = [];
  for (;;) {
    const batch = await ctx.db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(alarms)
        .where(and(eq(alarms.status, 'active'), lte(alarms.escalateAt, now), only ? eq(alarms.id, only) : undefined))
        .orderBy(asc(alarms.escalateAt))
        .limit(100)
        .for('update', { skipLocked: true });
      for (const a of due) done.push(await escalateOne(ctx, tx, sla, a, now));
      return due.length;
    });
    if (batch < 100) return done;
  }
}

async function escalateOne(ctx: AppContext, tx: Tx, sla: AlarmSla, a: typeof alarms.$inferSelect, now: Date): Promise<Escalation> {
  const s = sla.severities[a.severity];
  const at = sla.levels.indexOf(a.level);
  const top = at < 0 || at >= sla.levels.length - 1;
  const level = top ? a.level : sla.levels[at + 1]!;
  // Below the top the next level gets its own time to acknowledge; at the top, reminders follow.
  const atTop = sla.levels.indexOf(level) >= sla.levels.length - 1;
  const next = new Date(now.getTime() + (atTop ? s.remindSeconds : s.acknowledgeSeconds) * 1000);
  const action: Escalation['action'] = top ? 'reminded' : 'escalated';
  await tx.update(alarms).set({ level, escalateAt: next }).where(eq(alarms.id, a.id));
  await writeStep(tx, a.id, action, null, { level, at: now });
  await notifyLevel(ctx, tx, a, level, now, s.sms);
  await scheduleEscalation(ctx, tx, a.id, next);
  return { alarmId: a.id, action, level, handedOver: await handOverSafely(ctx, tx, sla, a, level, now) };
}

/**
 * The hand-over in a savepoint of its own: should it fail, the escalation of this alarm and of the rest of the
 * batch still commits, and the hand-over is tried again at the alarm's next step (it left no mark).
 */
async function handOverSafely(ctx: AppContext, tx: Tx, sla: AlarmSla, a: typeof alarms.$inferSelect, level: DutyLevel, now: Date) {
  try {
    return !!(await tx.transaction((sp) => handOverIfDue(ctx, sp, sla.levels, a, level, now)));
  } catch (err) {
    ctx.log.warn({ alarm: a.id, err: (err as Error).message }, 'alarm hand-over to the grid failed; tried again at its next step');
    return false;
  }
}

/** Notifies the duty accounts of a level: the step (the consoles see the alarm's change live), and an SMS for critical ones. */
async function notifyLevel(ctx: AppContext, tx: Tx, a: typeof alarms.$inferSelect, level: DutyLevel, now: Date, sms: boolean) {
  const duty = DUTY_ROLES[level];
  const chain = lineage(a.communityCode);
  const codes = duty.division === 'community' ? chain.slice(-1) : duty.division === 'subdistrict' ? chain.slice(-2, -1) : [];
  const accounts = await dutyAccounts(tx, duty.role, a.compoundId, codes);
  await writeStep(tx, a.id, 'notified', null, { level, at: now, note: systemNote('note.notified', { level, accounts: accounts.length }) });
  if (!sms) return;
  // Accounts keep no phone number, so there is nobody to text yet: say so in the history and the log rather than pretend.
  await writeStep(tx, a.id, 'notified', null, { level, at: now, note: systemNote('note.sms_nobody', { level }) });
  ctx.log.warn(
    { alarm: a.id, level, accounts: accounts.length },
    'critical alarm SMS not sent: no duty account of the level has a phone number',
  );
}

/** The precise clock: due at the alarm's escalateAt; idempotent (escalateDue re-checks under the row lock). */
export const escalateAlarmJob = defineJob<{ alarmId: string; due?: string }, AppContext>({
  name: 'smart.escalate_alarm',
  options: { retryLimit: 3, retryDelaySeconds: 5, timeoutSeconds: 60 },
  async run(ctx, data) {
    const done = await escalateDue(ctx, new Date(), data.alarmId);
    if (!done.length && data.due) await rescheduleIfEarly(ctx, data.alarmId, new Date(data.due));
    return { escalated: done.length };
  },
});

/**
 * A job started a little before its due time (the queue's clock and ours differ by milliseconds) is sent again
 * for the same time. Only while the alarm still waits for exactly that time: once another run moved it on,
 * that run has sent its own job, and a second chain would only do every step twice.
 */
async function rescheduleIfEarly(ctx: AppContext, alarmId: string, due: Date): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [a] = await tx
      .select({ escalateAt: alarms.escalateAt, status: alarms.status })
      .from(alarms)
      .where(eq(alarms.id, alarmId))
      .for('update');
    if (a?.status === 'active' && a.escalateAt?.getTime() === due.getTime() && due > new Date())
      await scheduleEscalation(ctx, tx, alarmId, due);
  });
}

/** A critical alarm's first level is texted as soon as it is raised, off the ingest's path (a job). */
export async function notifyRaised(ctx: AppContext, tx: Tx, sla: AlarmSla, alarmId: string, severity: Severity): Promise<void> {
  if (sla.severities[severity].sms) await ctx.queue.enqueue(tx, notifyRaisedJob, { alarmId }, { createdBy: null });
}

export const notifyRaisedJob = defineJob<{ alarmId: string }, AppContext>({
  name: 'smart.notify_raised',
  options: { retryLimit: 3, retryDelaySeconds: 5, timeoutSeconds: 60 },
  async run(ctx, data) {
    const sla = await slaAt(ctx.db);
    return ctx.db.transaction(async (tx) => {
      const [a] = await tx.select().from(alarms).where(eq(alarms.id, data.alarmId)).for('update');
      if (!a || a.status !== 'active') return { notified: false };
      await notifyLevel(ctx, tx, a, a.level, new Date(), sla.severities[a.severity].sms);
      return { notified: true };
    });
  },
});

/** The net under it: every minute, whatever is due (a job lost with a stopped worker included). */
export const escalationSweep = defineJob<object, AppContext>({
  name: 'smart.escalation_sweep',
  options: { timeoutSeconds: 120 },
  async run(ctx) {
    return { escalated: (await escalateDue(ctx, new Date())).length };
  },
});
