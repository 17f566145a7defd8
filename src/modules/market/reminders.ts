// Reminders before a space grant ends: once a day, every active grant ending within the rule's number of days
// (market.space_grant_reminder_days, in force on that day) is marked reminded, audited, and announced as the domain
// event `market.space_grant_expiring` (for notices to the community's staff and the operator). Idempotent: a grant
// is reminded once, so a second sweep at the same `now` finds nothing.
import { sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { ruleAt } from '../../platform/policy.ts';
import { defineJob } from '../../platform/queue.ts';
import { shanghaiDay } from './subsidy.rules.ts';

export const REMINDER_RULE = 'market.space_grant_reminder_days';
export const EXPIRING_TOPIC = 'market.space_grant_expiring';

export interface Reminded {
  id: string;
  spaceId: string;
  operatorName: string;
  endsOn: string;
}

/** Reminds every active grant ending within the rule's days of `now` (Asia/Shanghai days) not reminded before. */
export async function remindExpiring(ctx: AppContext, now: Date): Promise<Reminded[]> {
  const today = shanghaiDay(now);
  const rule = await ruleAt<number>(ctx.db, REMINDER_RULE, today);
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ id: string; space_id: string; operator_name: string; ends_on: string }>(sql`
      update space_grants set reminded_at = ${now}
      where id in (
        select id from space_grants
        where status = 'active' and reminded_at is null
          and ends_on >= ${today}::date and ends_on <= ${today}::date + ${rule.value}::int
        for update skip locked)
      returning id, space_id, operator_name, ends_on::text`);
    const reminded = rows.map((r) => ({ id: r.id, spaceId: r.space_id, operatorName: r.operator_name, endsOn: r.ends_on }));
    for (const r of reminded)
      await audit(tx, undefined, 'market.space.reminded', 'space_grant', r.id, { endsOn: r.endsOn, days: rule.value });
    await ctx.events.recordMany(
      tx,
      EXPIRING_TOPIC,
      reminded.map((r) => ({ grantId: r.id, spaceId: r.spaceId, endsOn: r.endsOn })),
    );
    return reminded;
  });
}

/** Daily, early morning: the schedule passes the wall clock. */
export const grantReminderJob = defineJob<object, AppContext>({
  name: 'market.space_grant_reminders',
  options: { retryLimit: 2, timeoutSeconds: 300 },
  async run(ctx) {
    return { reminded: (await remindExpiring(ctx, new Date())).length };
  },
});
