// The overview's memory: today's figures kept per division and period, and the last ones of the previous month read
// back to mark sharp changes (sharp.ts). One row a day per (division, year); rewritten at most every ten minutes so a
// wall display refreshing every few seconds does not write on each read.
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { ruleAt } from '../../platform/policy.ts';
import type { Fraction } from '../../platform/money.ts';
import { cityDay, monthStart, sharpChanges, type Figures } from './sharp.ts';
import { statsSnapshots } from './schema.ts';

export const SHARP_RULE = 'stats.sharp_change';

/** The figures of the latest snapshot before this month, and those that moved sharply since. */
export async function compareWithLastMonth(db: Db, division: string, year: number | null, figures: Figures, now: Date) {
  const day = cityDay(now);
  const period = year ?? 0;
  const [rule, [previous]] = await Promise.all([
    ruleAt<Fraction>(db, SHARP_RULE, day),
    db
      .select({ day: statsSnapshots.day, figures: statsSnapshots.figures })
      .from(statsSnapshots)
      .where(and(eq(statsSnapshots.division, division), eq(statsSnapshots.year, period), lt(statsSnapshots.day, monthStart(day))))
      .orderBy(desc(statsSnapshots.day))
      .limit(1),
  ]);
  await db
    .insert(statsSnapshots)
    .values({ division, year: period, day, figures, takenAt: now })
    .onConflictDoUpdate({
      target: [statsSnapshots.division, statsSnapshots.year, statsSnapshots.day],
      set: { figures, takenAt: now },
      setWhere: sql`${statsSnapshots.takenAt} < ${new Date(now.getTime() - 10 * 60_000).toISOString()}::timestamptz`,
    });
  return {
    since: previous?.day ?? null,
    items: previous ? sharpChanges(figures, previous.figures, rule.value) : [],
    rule: { key: rule.key, version: rule.version },
  };
}
