// The grid event categories and the grid's other rules, read from the versioned policy rules (grid.categories is
// "see grid-categories.json"). Checked on read, so a malformed published version fails loudly, not halfway.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { ruleAt } from '../../platform/policy.ts';
import type { EscalationRule, EventSla } from './lifecycle.ts';
import { gridLevels, responsibleBodies } from './schema.ts';

export const CATEGORIES_RULE = 'grid.categories';
export const SLA_RULE = 'grid.event_sla';
export const REOPEN_RULE = 'grid.reopen_days';
export const ESCALATION_RULE = 'grid.escalation';

const names = z.object({ zh: z.string().min(1), en: z.string().min(1) });
export const attributeDatatypes = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
const attribute = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  datatype: z.enum(attributeDatatypes),
  required: z.boolean(),
  description: names,
  values: z.array(z.object({ key: z.string().min(1), name: names })).optional(),
});
const category = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: names,
  group: z.string().min(1),
  responsible: z.enum(responsibleBodies),
  cityDepartment: z.string().optional(),
  duplicateRadiusM: z.number().int().min(0).max(5000),
  selfResolvable: z.boolean(),
  attributes: z.array(attribute),
});
const catalogue = z.object({ version: z.string(), categories: z.array(category).min(1) });

export type GridCategory = z.infer<typeof category>;
export type GridCategoryAttribute = z.infer<typeof attribute>;

const seconds = z.number().int().positive();
const stateSeconds = z.object({ reported: seconds, accepted: seconds, handled: seconds, reviewed: seconds, disputed: seconds });
const slaSchema = z.object({ default: stateSeconds, groups: z.record(z.string(), stateSeconds.partial()) });
const escalationSchema = z.object({
  levels: z.array(z.enum(gridLevels)).min(1),
  graceSeconds: z.number().int().min(0),
  levelSeconds: z.partialRecord(z.enum(gridLevels), seconds),
});

export interface CategorySet {
  /** The rule's version and the catalogue's own: what an event records as categoryVersion. */
  version: string;
  items: GridCategory[];
  byCode: Map<string, GridCategory>;
}

type Reader = AppContext['db'] | Tx;

export async function categoriesAt(db: Reader): Promise<CategorySet> {
  const rule = await ruleAt<unknown>(db, CATEGORIES_RULE);
  const parsed = catalogue.parse(rule.value);
  return { version: parsed.version, items: parsed.categories, byCode: new Map(parsed.categories.map((c) => [c.code, c])) };
}

export async function slaAt(db: Reader): Promise<EventSla> {
  return slaSchema.parse((await ruleAt<unknown>(db, SLA_RULE)).value);
}

export async function escalationAt(db: Reader): Promise<EscalationRule> {
  return escalationSchema.parse((await ruleAt<unknown>(db, ESCALATION_RULE)).value) as EscalationRule;
}

export async function reopenDaysAt(db: Reader): Promise<number> {
  return z
    .number()
    .int()
    .min(0)
    .parse((await ruleAt<unknown>(db, REOPEN_RULE)).value);
}

/** The index's answer: the catalogue in force and its version. */
export async function gridCategories(ctx: AppContext): Promise<{ version: string; items: GridCategory[] }> {
  const set = await categoriesAt(ctx.db);
  return { version: set.version, items: set.items };
}

/** Attribute values checked against the category's definitions: field paths of the problems, empty when fine. */
export function attributeProblems(
  c: GridCategory,
  values: Record<string, string | string[]> | undefined,
  path = 'body.attributes',
): { path: string; problem: 'unknown' | 'required' | 'invalid' }[] {
  const out: { path: string; problem: 'unknown' | 'required' | 'invalid' }[] = [];
  const given = values ?? {};
  for (const key of Object.keys(given))
    if (!c.attributes.some((a) => a.code === key)) out.push({ path: `${path}.${key}`, problem: 'unknown' });
  for (const a of c.attributes) {
    const v = given[a.code];
    if (v === undefined || v === '' || (Array.isArray(v) && !v.length)) {
      if (a.required) out.push({ path: `${path}.${a.code}`, problem: 'required' });
      continue;
    }
    if (!validValue(a, v)) out.push({ path: `${path}.${a.code}`, problem: 'invalid' });
  }
  return out;
}

function validValue(a: GridCategoryAttribute, v: string | string[]): boolean {
  const keys = new Set((a.values ?? []).map((x) => x.key));
  switch (a.datatype) {
    case 'multivaluelist':
      return (Array.isArray(v) ? v : [v]).every((x) => keys.has(x));
    case 'singlevaluelist':
      return typeof v === 'string' && keys.has(v);
    case 'number':
      return typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v));
    case 'datetime':
      return typeof v === 'string' && !Number.isNaN(Date.parse(v));
    case 'string':
      return typeof v === 'string' && v.length <= 200;
    case 'text':
      return typeof v === 'string' && v.length <= 4000;
  }
}
