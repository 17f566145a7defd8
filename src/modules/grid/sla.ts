// The SLA clock (grid.event_sla, grid.escalation): every minute, events whose state ran out of time are flagged
// overdue, and those whose escalation is due rise one level (grid → community → subdistrict → city), each with a
// step and, for a rise, the domain event `grid.event_escalated`. Set-based, so a sweep over every open event stays
// quick; idempotent: a rise moves escalate_at past `now`, and a flag sets overdue_since, so a second run at the same
// `now` finds nothing. Rows another transaction holds (a transition, a merge) are skipped, never waited for: the next
// minute takes them.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { defineJob } from '../../platform/queue.ts';
import { escalationAt } from './categories.ts';
import { purgePendingPhotos } from './photos.service.ts';
import { systemNote } from './events.queries.ts';
import { nextLevel } from './lifecycle.ts';
import type { GridLevel } from './schema.ts';

export interface SweepResult {
  flagged: number;
  escalated: { id: string; level: GridLevel; category: string }[];
}

/** Flags and escalates what is due at `now` (the tests move `now`; the schedule passes the wall clock). */
export async function slaSweep(ctx: AppContext, now: Date): Promise<SweepResult> {
  const rule = await escalationAt(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const flagged = await tx.execute(sql`
      with due as (
        select id from grid_events
        where state <> 'closed' and overdue_since is null and due_at <= ${now}
        for update skip locked
      ),
      f as (
        update grid_events e set overdue_since = e.due_at from due where e.id = due.id
        returning e.id, e.level, e.due_at
      )
      insert into grid_event_steps (id, event_id, action, actor_role, at, level, note)
      select gen_random_uuid(), f.id, 'overdue', 'system', f.due_at, f.level, ${systemNote('note.overdue')} from f`);
    // Each level's successor and the time it gets before rising again, from the rule, as SQL values.
    const pairs = rule.levels.flatMap((l) => {
      const up = nextLevel(l, rule.levels);
      if (!up) return [];
      const seconds = nextLevel(up, rule.levels) ? (rule.levelSeconds[up] ?? null) : null;
      return [sql`(${l}, ${up}, ${seconds}::int)`];
    });
    if (!pairs.length) return { flagged: flagged.rowCount ?? 0, escalated: [] };
    const rose = await tx.execute<{ id: string; level: GridLevel; category: string }>(sql`
      with ladder(from_level, to_level, seconds) as (values ${sql.join(pairs, sql`, `)}),
      due as (
        select e.id, l.to_level, l.seconds from grid_events e join ladder l on l.from_level = e.level
        where e.state <> 'closed' and e.escalate_at is not null and e.escalate_at <= ${now}
        order by e.escalate_at
        for update of e skip locked
      ),
      up as (
        update grid_events e set level = due.to_level, updated_at = ${now},
          escalate_at = case when due.seconds is null then null else ${now}::timestamptz + make_interval(secs => due.seconds) end
        from due where e.id = due.id
        returning e.id, e.level, e.category
      ),
      steps as (
        insert into grid_event_steps (id, event_id, action, actor_role, at, level, note)
        select gen_random_uuid(), up.id, 'escalated', 'system', ${now}, up.level,
          jsonb_build_object('code', 'note.escalated_clock', 'params', jsonb_build_object('level', up.level))::text
        from up
      )
      select id, level, category from up`);
    for (const e of rose.rows) await ctx.events.record(tx, 'grid.event_escalated', { id: e.id, level: e.level, category: e.category });
    // An event at the top of the ladder has nowhere to rise: its escalate_at is done with.
    await tx.execute(sql`
      update grid_events set escalate_at = null
      where state <> 'closed' and escalate_at is not null and escalate_at <= ${now}
        and level not in (select unnest(${sql.param(rule.levels.filter((l) => nextLevel(l, rule.levels)))}::text[]))`);
    return { flagged: flagged.rowCount ?? 0, escalated: rose.rows };
  });
}

/** Every minute: the wall clock's sweep. */
export const gridSlaSweep = defineJob<object, AppContext>({
  name: 'grid.sla_sweep',
  options: { timeoutSeconds: 120 },
  async run(ctx) {
    const r = await slaSweep(ctx, new Date());
    return { flagged: r.flagged, escalated: r.escalated.length };
  },
});

/** Daily: photos uploaded for a report that was never filed. */
export const purgePendingPhotosJob = defineJob<object, AppContext>({
  name: 'grid.purge_pending_photos',
  options: { retryLimit: 2, timeoutSeconds: 600 },
  async run(ctx) {
    return { purged: await purgePendingPhotos(ctx, new Date()) };
  },
});
