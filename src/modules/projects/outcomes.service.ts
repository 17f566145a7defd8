// Outcomes (R11): what each project delivered, and totals by district and year
// added up from those rows within the caller's scope, never typed in.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { exactDecimals, type DecimalShape } from '../../platform/decimal.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { list } from '../../platform/i18n/format.ts';
import { unprocessable } from '../../platform/http/problem.ts';
import { formatYuan, fromHundredths, hundredths, toNumber, type Fraction } from '../../platform/money.ts';
import { ruleName, ruleValueWords } from '../../platform/policy.messages.ts';
import { ruleAt } from '../../platform/policy.ts';
import { projectMessages as m } from './messages.ts';
import { implausibleAreas, PLAUSIBILITY_RULE } from './plausibility.ts';
import { projectRow, scopeSql } from './projects.service.ts';
import { divisionPrefix } from '../registry/index.ts';
import { projectOutcomes, projects } from './schema.ts';

export const countFields = ['parkingSpacesAdded', 'liftsInstalled', 'liftPositionsReserved', 'barrierFreeAgeFriendlyItems'] as const;
export const areaFields = ['publicServiceSpaceM2', 'fitnessSpaceM2', 'stateOwnedRoomsM2'] as const;

export type Outcomes = Record<(typeof countFields)[number], number> & Record<(typeof areaFields)[number], string>;
/** As given: areas as strings or exact JSON numbers. */
export type OutcomesInput = Record<(typeof countFields)[number], number> & Record<(typeof areaFields)[number], string | number>;
/** The area columns are numeric(12, 2). */
export const AREA: DecimalShape = { integerDigits: 10, scale: 2, example: '120.50' };

const zero: Outcomes = {
  parkingSpacesAdded: 0,
  liftsInstalled: 0,
  liftPositionsReserved: 0,
  barrierFreeAgeFriendlyItems: 0,
  publicServiceSpaceM2: '0.00',
  fitnessSpaceM2: '0.00',
  stateOwnedRoomsM2: '0.00',
};

function pick(row: Outcomes): Outcomes {
  const out = { ...zero };
  for (const f of countFields) out[f] = row[f];
  for (const f of areaFields) out[f] = fromHundredths(hundredths(row[f]));
  return out;
}

export async function getOutcomes(ctx: AppContext, user: AuthUser, projectId: string) {
  await projectRow(ctx, user, projectId);
  const [row] = await ctx.db.select().from(projectOutcomes).where(eq(projectOutcomes.projectId, projectId)).limit(1);
  return row
    ? { projectId, recorded: true, ...pick(row), updatedAt: row.updatedAt.toISOString() }
    : { projectId, recorded: false, ...zero, updatedAt: null };
}

export async function saveOutcomes(ctx: AppContext, user: AuthUser, actor: Actor | undefined, projectId: string, input: OutcomesInput) {
  const exact = exactDecimals(input, areaFields, AREA);
  const project = await projectRow(ctx, user, projectId);
  // Normalised to two places ("12.5" → "12.50") so the row reads back as it is summed.
  const values = pick(exact);
  await checkPlausible(ctx, project, values);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(projectOutcomes)
      .values({ projectId, ...values, updatedBy: user.id })
      .onConflictDoUpdate({ target: projectOutcomes.projectId, set: { ...values, updatedBy: user.id, updatedAt: new Date() } });
    await audit(tx, actor, 'project.outcomes', 'project', projectId, { fields: Object.keys(values).length });
  });
  return getOutcomes(ctx, user, projectId);
}

/** "9999999999.99" → "9,999,999,999.99" (hundredths of a m², grouped as money is). */
const m2 = (h: bigint) => formatYuan(h);

/** Refuses (422) any area above the project's floor area × the share of the rule in force in its year. */
async function checkPlausible(ctx: AppContext, project: { year: number; floorAreaM2: string }, values: Outcomes) {
  const rule = await ruleAt<Fraction>(ctx.db, PLAUSIBILITY_RULE, `${project.year}-01-01`);
  const areas = {
    publicServiceSpaceM2: values.publicServiceSpaceM2,
    fitnessSpaceM2: values.fitnessSpaceM2,
    stateOwnedRoomsM2: values.stateOwnedRoomsM2,
  };
  const bad = implausibleAreas(areas, project.floorAreaM2, rule.value);
  if (!bad.length) return;
  const name = ruleName(rule.key);
  throw unprocessable(
    m.msg('outcomes.implausible', {
      fields: list(bad.map((b) => m.msg(`outcome.${b.field}`))),
      rule: name,
      version: rule.version,
      value: ruleValueWords(rule.key, rule.value, rule.unit),
      limit: m2(bad[0]!.limit),
      floor: m2(hundredths(project.floorAreaM2)),
    }),
    bad.map((b) => ({
      path: `body.${b.field}`,
      message: m.msg('field.outcome_implausible', { given: m2(b.given), limit: m2(b.limit), rule: name }),
    })),
    { rule: { key: rule.key, version: rule.version, name } },
  );
}

type Totals = Outcomes & { projectCount: number };

function addUp(rows: Totals[]): Totals {
  const sum = { projectCount: 0, ...zero };
  const areas = new Map<string, bigint>(areaFields.map((f) => [f, 0n]));
  for (const r of rows) {
    sum.projectCount += r.projectCount;
    for (const f of countFields) sum[f] += r[f];
    for (const f of areaFields) areas.set(f, areas.get(f)! + hundredths(r[f]));
  }
  for (const f of areaFields) sum[f] = fromHundredths(areas.get(f)!);
  return sum;
}

/** Totals by district and year over the projects the caller may see. */
export async function outcomesSummary(ctx: AppContext, user: AuthUser, f: { year?: number; division?: string }) {
  const parts: SQL[] = [scopeSql(user)];
  if (f.year) parts.push(eq(projects.year, f.year));
  if (f.division)
    parts.push(sql`exists (select 1 from unnest(${projects.communityCodes}) c where c like ${`${divisionPrefix(f.division)}%`})`);
  const o = projectOutcomes;
  const rows = await ctx.db
    .select({
      districtCode: projects.districtCode,
      year: projects.year,
      projectCount: sql<number>`count(*)::int`,
      // Sums of integers and of numeric(…,2) are exact in PostgreSQL; they arrive as text.
      parkingSpacesAdded: sql<string>`sum(${o.parkingSpacesAdded})::text`,
      liftsInstalled: sql<string>`sum(${o.liftsInstalled})::text`,
      liftPositionsReserved: sql<string>`sum(${o.liftPositionsReserved})::text`,
      barrierFreeAgeFriendlyItems: sql<string>`sum(${o.barrierFreeAgeFriendlyItems})::text`,
      publicServiceSpaceM2: sql<string>`sum(${o.publicServiceSpaceM2})::text`,
      fitnessSpaceM2: sql<string>`sum(${o.fitnessSpaceM2})::text`,
      stateOwnedRoomsM2: sql<string>`sum(${o.stateOwnedRoomsM2})::text`,
    })
    .from(o)
    .innerJoin(projects, eq(projects.id, o.projectId))
    .where(and(...parts))
    .groupBy(projects.districtCode, projects.year)
    .orderBy(projects.districtCode, projects.year);
  const items = rows.map((r) => {
    const t: Totals = { projectCount: r.projectCount, ...zero };
    for (const k of countFields) t[k] = toNumber(BigInt(r[k]));
    for (const k of areaFields) t[k] = fromHundredths(hundredths(r[k]));
    return { districtCode: r.districtCode, year: r.year, ...t };
  });
  return { items, total: addUp(items) };
}
