// The repairs' rules as data and plain functions: the categories with their due hours (the `repairs.categories`
// rule, "see repair-categories.json"), the days a finished repair may be rated (`repairs.rating_days`), when a
// request is due and overdue, and whether it may be rated now. No request and no database beyond reading the rules.
import { z } from 'zod';
import type { Db, Tx } from '../../platform/db/client.ts';
import { ruleAt } from '../../platform/policy.ts';
import { unfinishedStatuses, type RepairStatus } from './schema.ts';

export const CATEGORIES_RULE = 'repairs.categories';
export const RATING_DAYS_RULE = 'repairs.rating_days';

const category = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: z.object({ zh: z.string().min(1), en: z.string().min(1) }),
  dueHours: z
    .number()
    .int()
    .positive()
    .max(24 * 90),
});
const catalogue = z.object({ version: z.string(), categories: z.array(category).min(1) });
export type RepairCategory = z.infer<typeof category>;

export interface RepairCategories {
  /** The rule's version: what a request records beside its due time. */
  version: string;
  items: RepairCategory[];
  byCode: Map<string, RepairCategory>;
}

/** The categories in force (checked on read, so a malformed published version fails loudly). */
export async function repairCategoriesAt(db: Db | Tx): Promise<RepairCategories> {
  const rule = await ruleAt<unknown>(db, CATEGORIES_RULE);
  const parsed = catalogue.parse(rule.value);
  return { version: rule.version, items: parsed.categories, byCode: new Map(parsed.categories.map((c) => [c.code, c])) };
}

export async function ratingDaysAt(db: Db | Tx): Promise<number> {
  return z
    .number()
    .int()
    .min(0)
    .parse((await ruleAt<unknown>(db, RATING_DAYS_RULE)).value);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** When work filed at `filedAt` under a category is due. */
export const dueAt = (filedAt: Date, c: Pick<RepairCategory, 'dueHours'>): Date => new Date(filedAt.getTime() + c.dueHours * HOUR);

/** Overdue: flagged by the clock's sweep, or still unfinished past its due time at `now`. */
export function isOverdue(r: { status: RepairStatus; dueAt: Date; overdueAt: Date | null }, now: Date): boolean {
  return r.overdueAt !== null || (unfinishedStatuses.includes(r.status) && r.dueAt.getTime() <= now.getTime());
}

/** Until when a finished repair may be rated; null while it is not done. */
export const rateUntil = (completedAt: Date | null, days: number): Date | null =>
  completedAt ? new Date(completedAt.getTime() + days * DAY) : null;

export type RatingVerdict = 'ok' | 'not_done' | 'rated' | 'too_late';

/** Whether the resident may rate now: once, after the work is done, within the rule's days. */
export function mayRate(r: { status: RepairStatus; completedAt: Date | null; rated: boolean }, days: number, now: Date): RatingVerdict {
  if (r.status !== 'done' || !r.completedAt) return 'not_done';
  if (r.rated) return 'rated';
  if (now.getTime() > rateUntil(r.completedAt, days)!.getTime()) return 'too_late';
  return 'ok';
}
