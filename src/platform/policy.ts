// Rules are data (R3): every threshold, cap, tier and weight the software
// applies is a versioned row with its source document and effective dates.
// Code asks for a rule by key and date, never writes the value itself.
import { and, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { isDeepStrictEqual } from 'node:util';
import { readCityJson } from './city.ts';
import type { Db, Tx } from './db/client.ts';
import { conflict, unprocessable } from './http/problem.ts';
import { platformMessages as pm } from './i18n/platform.messages.ts';
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

// The assessment scheme is one rule whose value is the whole scheme (aspects, indicators, weights, bonus cap).
const schemeKey = 'assessment.scheme';
// The first programme year the shipped rules govern (the seed report covers 2019–2021).
const SHIPPED_EFFECTIVE_FROM = '2019-01-01';

interface RuleFile {
  version: string;
  /** A pack may take the rules it does not list from another pack, each then cited by `inheritedSource`. */
  inherits?: string;
  inheritedSource?: string;
  /** A rule changed after the set was published carries its own `version`: the set's is the default. */
  rules: { key: string; version?: string; value: unknown; unit?: string; source: string }[];
}

/** A shipped (key, version) whose value or unit differs from what this database published under that version. */
export class ShippedRuleEdited extends Error {
  constructor(readonly edited: { key: string; version: string }[]) {
    super(
      `The shipped policy rules change ${edited.map((e) => `${e.key}@${e.version}`).join(', ')} in place, but this database ` +
        'already published those versions with another value. A published version never changes: ship the new value under ' +
        'a new "version" on the rule in reference/cities/<city>/policy-rules.json (and say what changed in its source).',
    );
    this.name = 'ShippedRuleEdited';
  }
}

/** The rules of a city pack's policy-rules.json, with those it inherits from another pack (cited as its own). */
function packRules(city?: string): RuleFile {
  const file = readCityJson<RuleFile>('policy-rules.json', city);
  if (!file.inherits) return file;
  const base = packRules(file.inherits);
  const own = new Set(file.rules.map((r) => r.key));
  const inherited = base.rules
    .filter((r) => !own.has(r.key))
    .map((r) => ({ ...r, version: r.version ?? base.version, source: file.inheritedSource ?? r.source }));
  return { ...file, rules: [...file.rules, ...inherited] };
}

/** The rule set as shipped: the selected city pack's files (reference/cities/<code>/), each rule with its version and resolved value. */
export function shippedRules(city?: string): (NewRuleVersion & { unit: string | null })[] {
  const file = packRules(city);
  const scheme = readCityJson<{ version: string }>('assessment-scheme.json', city);
  return file.rules.map((r) => {
    const base = { key: r.key, version: r.version ?? file.version, unit: r.unit ?? null, effectiveFrom: SHIPPED_EFFECTIVE_FROM };
    if (r.key === schemeKey) return { ...base, value: scheme, source: `${r.source}（考核指标体系 ${scheme.version} 版）` };
    // A rule whose value is a whole document of its own (device profiles) names its file: "see <file>.json".
    const seeFile = typeof r.value === 'string' && /^see ([\w-]+\.json)$/.exec(r.value);
    const value = seeFile ? readCityJson<unknown>(seeFile[1]!, city) : r.value;
    return { ...base, value, source: r.source };
  });
}

/**
 * Loads the shipped rule set: a (key, version) this database lacks is published, so `npm start` on an existing
 * database brings in every rule and every new version shipped since it was seeded. An existing (key, version)
 * keeps its value, unit and dates as published. Only its `source` follows the shipped file: it is the citation a
 * reader sees (the document's title, number and article), not part of what the version says, so a corrected
 * citation reaches existing databases without a new version. A shipped value that differs from the published one
 * of the same version is an edit in place, which would leave every existing database on the old value without a
 * word: the load refuses (ShippedRuleEdited) before writing anything.
 */
export async function loadShippedRules(tx: Db | Tx, rules = shippedRules()): Promise<number> {
  const stored = await tx
    .select({ key: policyRules.key, version: policyRules.version, value: policyRules.value, unit: policyRules.unit })
    .from(policyRules)
    .where(inArray(policyRules.key, [...new Set(rules.map((r) => r.key))]));
  const published = new Map(stored.map((r) => [`${r.key}@${r.version}`, r]));
  const edited = rules.filter((r) => {
    const was = published.get(`${r.key}@${r.version}`);
    // Through JSON both sides compare alike (jsonb keeps neither key order nor a number's spelling).
    return was && (!isDeepStrictEqual(was.value, JSON.parse(JSON.stringify(r.value))) || was.unit !== r.unit);
  });
  if (edited.length) throw new ShippedRuleEdited(edited.map((r) => ({ key: r.key, version: r.version })));
  const rows = rules.map((r) => ({ id: uuidv7(), ...r }));
  const written = await tx
    .insert(policyRules)
    .values(rows)
    .onConflictDoUpdate({
      target: [policyRules.key, policyRules.version],
      set: { source: sql`excluded.source` },
      setWhere: sql`${policyRules.source} is distinct from excluded.source`,
    })
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  clearRuleCache();
  return written.filter((r) => r.inserted).length;
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

function toRule(row: typeof policyRules.$inferSelect) {
  return {
    key: row.key,
    version: row.version,
    value: row.value,
    unit: row.unit,
    source: row.source,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    publishedAt: row.publishedAt.toISOString(),
  };
}

export async function listRules(db: Db | Tx, key?: string) {
  const rows = await db
    .select()
    .from(policyRules)
    .where(key ? eq(policyRules.key, key) : undefined)
    .orderBy(policyRules.key, desc(policyRules.effectiveFrom));
  return rows.map(toRule);
}

export interface NewRuleVersion {
  key: string;
  version: string;
  value: unknown;
  unit?: string | null;
  source: string;
  effectiveFrom: string;
}

/** A new version of an existing rule, in force from its date; older versions stay for what they governed. */
export async function publishRule(tx: Tx, input: NewRuleVersion) {
  const existing = await tx.select().from(policyRules).where(eq(policyRules.key, input.key)).limit(1);
  if (!existing.length)
    throw unprocessable(pm.msg('policy.rule_unknown', { key: input.key }), [{ path: 'body.key', message: pm.msg('field.unknown_rule') }]);
  const [row] = await tx
    .insert(policyRules)
    .values({
      id: uuidv7(),
      key: input.key,
      version: input.version,
      value: input.value,
      unit: input.unit ?? existing[0]!.unit,
      source: input.source,
      effectiveFrom: input.effectiveFrom,
    })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw conflict(pm.msg('policy.version_exists', { key: input.key, version: input.version }), {
      errors: [{ path: 'body.version', message: pm.msg('field.already_published') }],
    });
  clearRuleCache();
  return toRule(row);
}
