// Rules are data (R3): every threshold, cap, tier and weight the software
// applies is a versioned row with its source document and effective dates.
// Code asks for a rule by key and date, never writes the value itself.
import { and, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Tx } from './db/client.ts';
import { uuidv7 } from './ids.ts';
import { policyRules } from './schema.ts';

export interface PolicyRule<T = unknown> {
  key: string;
  version: string;
  value: T;
  unit: string | null;
  source: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

const shipped = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../reference/catalogue/policy-rules.json');
// The first programme year the shipped rules govern (the seed report covers 2019–2021).
const SHIPPED_EFFECTIVE_FROM = '2019-01-01';

interface RuleFile {
  version: string;
  rules: { key: string; value: unknown; unit?: string; source: string }[];
}

/** Loads the shipped rule set once; an existing (key, version) is left as published. */
export async function loadShippedRules(tx: Tx): Promise<number> {
  const file = JSON.parse(readFileSync(shipped, 'utf8')) as RuleFile;
  const rows = file.rules.map((r) => ({
    id: uuidv7(),
    key: r.key,
    version: file.version,
    value: r.value,
    unit: r.unit ?? null,
    source: r.source,
    effectiveFrom: SHIPPED_EFFECTIVE_FROM,
  }));
  const inserted = await tx.insert(policyRules).values(rows).onConflictDoNothing().returning({ id: policyRules.id });
  clearRuleCache();
  return inserted.length;
}

// Rules change rarely: a minute's cache per database. Inside a transaction the
// cache is bypassed, so a rule published in it is seen at once.
const caches = new WeakMap<object, Map<string, { rule: PolicyRule; until: number }>>();
let generation = 0;
const isTransaction = (db: object) => 'rollback' in db;

/** The version of `key` in force on `at` (an ISO date, default today in Asia/Shanghai). */
export async function ruleAt<T>(db: Db | Tx, key: string, at?: string): Promise<PolicyRule<T>> {
  const day = at ?? new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const cacheKey = `${generation}/${key}@${day}`;
  let cache = caches.get(db);
  if (!cache && !isTransaction(db)) caches.set(db, (cache = new Map()));
  const hit = cache?.get(cacheKey);
  if (hit && hit.until > Date.now()) return hit.rule as PolicyRule<T>;
  const [row] = await db
    .select()
    .from(policyRules)
    .where(
      and(
        eq(policyRules.key, key),
        lte(policyRules.effectiveFrom, day),
        or(isNull(policyRules.effectiveTo), gt(policyRules.effectiveTo, day)),
      ),
    )
    .orderBy(desc(policyRules.effectiveFrom), desc(sql`${policyRules.publishedAt}`))
    .limit(1);
  if (!row) throw new Error(`No policy rule "${key}" is in force on ${day}; load the rule set first.`);
  const rule: PolicyRule<T> = {
    key: row.key,
    version: row.version,
    value: row.value as T,
    unit: row.unit,
    source: row.source,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
  };
  if (cache && cache.size > 1000) cache.clear();
  cache?.set(cacheKey, { rule, until: Date.now() + 60_000 });
  return rule;
}

export function clearRuleCache(): void {
  generation++;
}
