// Day partitions of device_events. A day is a day in Asia/Shanghai (UTC+8, no daylight saving): the
// duty rooms, the figures and the retention rule all count local days, so a partition holds one of
// them. Partitions are made from yesterday to a week ahead at start and by a daily job, and dropped once
// older than the rule `smart.event_retention_days`. Rows of a day that reached the DEFAULT partition
// before its own partition existed are moved into it in the same transaction (PostgreSQL refuses to
// create a partition whose rows already sit in the default one).
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { ruleAt } from '../../../platform/policy.ts';
import { defineJob } from '../../../platform/queue.ts';

export const RETENTION_RULE = 'smart.event_retention_days';
const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000;
const AHEAD_DAYS = 7;
const LOCK = 7263012;

/** The Shanghai day of an instant, as YYYYMMDD. */
export const shanghaiDay = (at: Date): string => new Date(at.getTime() + OFFSET).toISOString().slice(0, 10).replaceAll('-', '');

/** The instants a Shanghai day starts and ends. */
export function dayBounds(day: string): { from: Date; to: Date } {
  const from = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))) - OFFSET);
  return { from, to: new Date(from.getTime() + DAY) };
}

/** The days to have a partition for: yesterday to a week ahead (Shanghai days). */
export function wantedDays(now: Date): string[] {
  const days: string[] = [];
  for (let d = -1; d <= AHEAD_DAYS; d++) days.push(shanghaiDay(new Date(now.getTime() + d * DAY)));
  return days;
}

export const partitionName = (day: string) => `device_events_${day}`;

async function existing(db: Db): Promise<string[]> {
  const { rows } = await db.execute<{ name: string }>(sql`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
    where p.relname = 'device_events' and c.relname ~ '^device_events_[0-9]{8}$'`);
  return rows.map((r) => r.name);
}

/** Makes the missing day partitions and drops those past retention; returns what it did. */
export async function maintainPartitions(ctx: AppContext, now: Date = new Date()): Promise<{ created: string[]; dropped: string[] }> {
  const retention = (await ruleAt<number>(ctx.db, RETENTION_RULE)).value;
  const cutoff = shanghaiDay(new Date(now.getTime() - retention * DAY));
  return ctx.db.transaction(async (tx) => {
    // One maintainer at a time across processes; the others find the work done.
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK})`);
    const have = new Set(await existing(tx as unknown as Db));
    const created: string[] = [];
    for (const day of wantedDays(now)) {
      const name = partitionName(day);
      if (have.has(name)) continue;
      const { from, to } = dayBounds(day);
      const range = sql.raw(`from ('${from.toISOString()}') to ('${to.toISOString()}')`);
      const { rows } = await tx.execute<{ n: number }>(
        sql`select count(*)::int as n from device_events_default where at >= ${from.toISOString()}::timestamptz and at < ${to.toISOString()}::timestamptz`,
      );
      if (rows[0]!.n === 0) {
        await tx.execute(sql`create table ${sql.identifier(name)} partition of device_events for values ${range}`);
      } else {
        // Inserts for that day wait on the lock until the partition is attached, then land in it.
        await tx.execute(sql`lock table device_events_default in share row exclusive mode`);
        await tx.execute(sql`create table ${sql.identifier(name)} (like device_events including defaults)`);
        await tx.execute(sql`
          with moved as (delete from device_events_default where at >= ${from.toISOString()}::timestamptz and at < ${to.toISOString()}::timestamptz returning *)
          insert into ${sql.identifier(name)} select * from moved`);
        await tx.execute(sql`alter table device_events attach partition ${sql.identifier(name)} for values ${range}`);
      }
      created.push(name);
    }
    const dropped: string[] = [];
    for (const name of have) {
      if (name.slice('device_events_'.length) >= cutoff) continue;
      await tx.execute(sql`drop table ${sql.identifier(name)}`);
      dropped.push(name);
    }
    await tx.execute(sql`delete from device_events_default where at < ${dayBounds(cutoff).from.toISOString()}::timestamptz`);
    return { created, dropped };
  });
}

export const eventPartitions = defineJob<object, AppContext>({
  name: 'smart.event_partitions',
  options: { retryLimit: 3, retryDelaySeconds: 60, timeoutSeconds: 10 * 60 },
  run: (ctx) => maintainPartitions(ctx),
});
/** 00:10 in Shanghai (16:10 UTC): the week ahead is always there, so the hour is not critical. */
export const eventPartitionsSchedule = { kind: eventPartitions, cron: '10 16 * * *' };
