// Watch-list alerts are kept briefly: after `smart.keyperson_retention_days` their alarms, the alarms'
// history and the watch-list cameras' events are deleted by the clock, every night.
import { sql } from 'drizzle-orm';
import { pgArray } from '../../platform/db/sql.ts';
import type { AppContext } from '../../platform/context.ts';
import { ruleAt } from '../../platform/policy.ts';
import { defineJob } from '../../platform/queue.ts';
import { profilesAt } from './profiles.ts';

export const KEYPERSON_RETENTION_RULE = 'smart.keyperson_retention_days';

export async function purgeKeyperson(ctx: AppContext, now: Date): Promise<{ alarms: number; events: number }> {
  const days = (await ruleAt<number>(ctx.db, KEYPERSON_RETENTION_RULE)).value;
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const restricted = [...(await profilesAt(ctx.db)).byCode.values()].filter((p) => p.restricted).map((p) => p.code);
  return ctx.db.transaction(async (tx) => {
    const gone = await tx.execute<{ id: string }>(sql`
      delete from alarms where restricted = 'keyperson' and last_at < ${cutoff}::timestamptz returning id`);
    const ids = gone.rows.map((r) => r.id);
    if (ids.length) await tx.execute(sql`delete from alarm_steps where alarm_id = any(${pgArray(ids)}::uuid[])`);
    const events = restricted.length
      ? await tx.execute(sql`
          delete from device_events
          where at < ${cutoff}::timestamptz
            and device_id in (select id from devices where profile = any(${pgArray(restricted)}::text[]))`)
      : { rowCount: 0 };
    return { alarms: ids.length, events: events.rowCount ?? 0 };
  });
}

export const keypersonPurge = defineJob<object, AppContext>({
  name: 'smart.keyperson_purge',
  options: { timeoutSeconds: 600 },
  run: (ctx) => purgeKeyperson(ctx, new Date()),
});
