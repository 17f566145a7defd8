// The property-service subsidy's use cases: the month's eligible compounds with their caps; the subdistrict's
// application (checked to the fen against the month's rule); the district's approval or rejection; payment into the
// funding ledger; the city's totals by district and month. Every step is audited.
import { and, desc, eq, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, notFound, problem, unprocessable } from '../../platform/http/problem.ts';
import { yuan } from '../../platform/i18n/format.ts';
import { verbatim } from '../../platform/i18n/messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { pgArray } from '../../platform/db/sql.ts';
import { toNumber } from '../../platform/money.ts';
import { ruleName, ruleValueWords } from '../../platform/policy.messages.ts';
import { recordSubsidyDisbursement } from '../funding/index.ts';
import { servingCompanies } from '../governance/index.ts';
import { compoundInScope, divisionPrefix, registry } from '../registry/index.ts';
import { marketMessages as m } from './messages.ts';
import { propertySubsidies, type SubsidyStatus } from './schema.ts';
import { CAP_RULE, compoundsOfMonth, monthRules, type CompoundMonth, type MonthRules } from './subsidy.facts.ts';
import { overCap, parseMonth, shanghaiMonth, type MonthCheck } from './subsidy.rules.ts';

const ruleView = (r: MonthRules['cap']) => ({ key: r.key, version: r.version, value: r.value, unit: r.unit, source: r.source });

function requireMonth(month: string, path: string): void {
  if (!parseMonth(month)) throw unprocessable(m.msg('subsidy.month_invalid'), [{ path, message: m.msg('field.month') }]);
}

/** The month's renovated compounds in scope that qualify, with their caps (GET /property-subsidies/eligible). */
export async function eligibleCompounds(ctx: AppContext, user: AuthUser, month: string) {
  requireMonth(month, 'querystring.month');
  const rules = await monthRules(ctx.db, month);
  const all = await compoundsOfMonth(ctx, user, rules);
  return {
    month,
    rule: ruleView(rules.cap),
    items: all
      .filter((c) => !c.ineligible)
      .map((c) => ({
        compoundId: c.compoundId,
        compoundName: c.compoundName,
        communityCode: c.communityCode,
        floorAreaM2: c.floorAreaM2,
        capFen: toNumber(c.capFen),
        propertyCompany: c.company!.name,
      })),
  };
}

/** One compound's facts for a month, after the scope check (404 outside it, as if it did not exist). */
async function compoundMonth(ctx: AppContext, user: AuthUser, compoundId: string, rules: MonthRules): Promise<CompoundMonth | null> {
  const place = (await registry.compoundPlaces(ctx.db, [compoundId])).get(compoundId);
  if (!place || !compoundInScope(user.scope, { id: compoundId, communityCode: place.communityCode }))
    throw notFound(m.msg('compound.entity', { id: compoundId }));
  const [facts] = await compoundsOfMonth(ctx, user, rules, [compoundId]);
  return facts ?? null;
}

/** The 422 of an amount over the month's cap: it names the rule, its version and source, the limit and the amount. */
function overCapProblem(rules: MonthRules, floorAreaM2: string, limitFen: bigint, amountFen: bigint) {
  const r = rules.cap;
  const message = m.msg(CAP_RULE, {
    actual: yuan(amountFen),
    limit: yuan(limitFen),
    rule: ruleName(r.key),
    value: ruleValueWords(r.key, r.value, r.unit),
    version: r.version,
    area: verbatim(floorAreaM2),
    source: r.source,
  });
  return problem(422, message, {
    rule: r.key,
    version: r.version,
    value: r.value,
    unit: r.unit,
    source: r.source,
    floorAreaM2,
    limitFen: toNumber(limitFen),
    amountFen: toNumber(amountFen),
    errors: [{ path: 'body.amountFen', message: m.msg('field.over_cap', { limit: yuan(limitFen) }), rule: r.key }],
  });
}

type Row = typeof propertySubsidies.$inferSelect;
const view = (r: Row) => ({
  id: r.id,
  compoundId: r.compoundId,
  month: r.month,
  districtCode: r.districtCode,
  subdistrictCode: r.subdistrictCode,
  communityCode: r.communityCode,
  floorAreaM2: r.floorAreaM2,
  capFen: toNumber(r.capFen),
  amountFen: toNumber(r.amountFen),
  ruleVersion: r.ruleVersion,
  status: r.status,
  appliedAt: r.appliedAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
  decisionNote: r.decisionNote,
  disbursementId: r.disbursementId,
  disbursedAt: r.disbursedAt?.toISOString() ?? null,
});
export type SubsidyView = ReturnType<typeof view>;

/** The subdistrict applies for a compound's subsidy of a month that has begun, at most the month's cap. */
export async function applySubsidy(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  compoundId: string,
  month: string,
  amountFen: number,
  now = new Date(),
): Promise<SubsidyView> {
  requireMonth(month, 'params.month');
  if (month > shanghaiMonth(now))
    throw unprocessable(m.msg('subsidy.month_not_started', { month }), [{ path: 'params.month', message: m.msg('field.month') }]);
  const rules = await monthRules(ctx.db, month);
  const facts = await compoundMonth(ctx, user, compoundId, rules);
  if (!facts || facts.ineligible) {
    const why = facts?.ineligible ?? 'not_renovated';
    const reason =
      why === 'satisfaction_tier'
        ? m.msg('reason.satisfaction_tier', { min: rules.minTier.value, rule: ruleName(rules.minTier.key), version: rules.minTier.version })
        : m.msg(`reason.${why}`);
    throw problem(422, m.msg('subsidy.not_eligible', { reason }), { reason: why });
  }
  const amount = BigInt(amountFen);
  if (amount > facts.capFen) throw overCapProblem(rules, facts.floorAreaM2, facts.capFen, amount);
  const id = uuidv7();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(propertySubsidies)
      .values({
        id,
        compoundId,
        month,
        projectId: facts.projectId,
        propertyCompanyId: facts.company!.id,
        districtCode: facts.districtCode,
        subdistrictCode: facts.subdistrictCode,
        communityCode: facts.communityCode,
        floorAreaM2: facts.floorAreaM2,
        capFen: facts.capFen,
        amountFen: amount,
        ruleVersion: rules.cap.version,
        appliedBy: user.id,
        appliedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      const [existing] = await tx
        .select({ status: propertySubsidies.status })
        .from(propertySubsidies)
        .where(and(eq(propertySubsidies.compoundId, compoundId), eq(propertySubsidies.month, month)));
      throw conflict(m.msg('subsidy.already_applied', { month, status: m.msg(`status.${existing?.status ?? 'applied'}`) }));
    }
    await audit(tx, actor, 'market.subsidy.apply', 'compound', compoundId, {
      month,
      amountFen,
      capFen: toNumber(facts.capFen),
      rule: CAP_RULE,
      version: rules.cap.version,
    });
    return view(row);
  });
}

/** An application in scope, or 404. */
async function requireSubsidy(ctx: AppContext, user: AuthUser, compoundId: string, month: string): Promise<Row> {
  const [row] = await ctx.db
    .select()
    .from(propertySubsidies)
    .where(and(eq(propertySubsidies.compoundId, compoundId), eq(propertySubsidies.month, month)));
  if (!row || !compoundInScope(user.scope, { id: compoundId, communityCode: row.communityCode }))
    throw notFound(m.msg('subsidy.entity', { id: `${compoundId}/${month}` }));
  return row;
}

/** Moves an application from one status to the next, once (a second decision finds the status changed: 409). */
async function decide(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  compoundId: string,
  month: string,
  action: 'approve' | 'reject',
  note: string | null,
): Promise<SubsidyView> {
  const row = await requireSubsidy(ctx, user, compoundId, month);
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(propertySubsidies)
      .set({ status: action === 'approve' ? 'approved' : 'rejected', decidedBy: user.id, decidedAt: new Date(), decisionNote: note })
      .where(and(eq(propertySubsidies.id, row.id), eq(propertySubsidies.status, 'applied')))
      .returning();
    if (!updated)
      throw conflict(m.msg('subsidy.not_in_status', { status: m.msg(`status.${row.status}`), action: m.msg(`action.${action}`) }));
    await audit(tx, actor, `market.subsidy.${action}`, 'compound', compoundId, { month, amountFen: toNumber(row.amountFen) });
    return view(updated);
  });
}

export const approveSubsidy = (
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  compoundId: string,
  month: string,
  note?: string,
) => decide(ctx, user, actor, compoundId, month, 'approve', note ?? null);
export const rejectSubsidy = (
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  compoundId: string,
  month: string,
  reason: string,
) => decide(ctx, user, actor, compoundId, month, 'reject', reason);

/** Pays an approved subsidy: a disbursement in the funding ledger against the compound's renovation project. */
export async function disburseSubsidy(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  compoundId: string,
  month: string,
  input: { paidOn: string; payee?: string; documentRef: string },
): Promise<SubsidyView> {
  const row = await requireSubsidy(ctx, user, compoundId, month);
  // The payee is the property company serving the compound, unless the payment order names another.
  const payee = input.payee ?? (await servingCompanies(ctx.db, [row.projectId])).get(row.projectId)?.name ?? '';
  return ctx.db.transaction(async (tx) => {
    // Lock the row first, so two payments of one approval cannot both reach the ledger.
    const [locked] = await tx.select().from(propertySubsidies).where(eq(propertySubsidies.id, row.id)).for('update');
    if (locked!.status !== 'approved')
      throw conflict(m.msg('subsidy.not_in_status', { status: m.msg(`status.${locked!.status}`), action: m.msg('action.disburse') }));
    const disbursementId = await recordSubsidyDisbursement(tx, {
      projectId: locked!.projectId,
      amountFen: locked!.amountFen,
      paidOn: input.paidOn,
      payee,
      documentRef: input.documentRef,
      createdBy: user.id,
    });
    const [updated] = await tx
      .update(propertySubsidies)
      .set({ status: 'disbursed', disbursementId, disbursedAt: new Date() })
      .where(eq(propertySubsidies.id, row.id))
      .returning();
    await audit(tx, actor, 'market.subsidy.disburse', 'compound', compoundId, {
      month,
      amountFen: toNumber(locked!.amountFen),
      disbursementId,
    });
    return view(updated!);
  });
}

/** Rows of the subsidy table within an account's scope, as a condition. */
function scopeSql(user: AuthUser): SQL {
  const parts: SQL[] = [];
  if (user.scope.division) parts.push(like(propertySubsidies.communityCode, `${divisionPrefix(user.scope.division)}%`));
  if (user.scope.compoundIds.length) parts.push(sql`${propertySubsidies.compoundId} = any(${pgArray(user.scope.compoundIds)}::uuid[])`);
  return parts.length ? or(...parts)! : sql`false`;
}

export interface SubsidyQuery {
  month?: string;
  status?: SubsidyStatus;
  limit: number;
  cursor?: string;
}

/** Applications newest month first, within scope. */
export async function listSubsidies(ctx: AppContext, user: AuthUser, q: SubsidyQuery) {
  const after = decodeCursor(q.cursor, z.tuple([z.string(), z.string()]));
  const rows = await ctx.db
    .select()
    .from(propertySubsidies)
    .where(
      and(
        scopeSql(user),
        q.month ? eq(propertySubsidies.month, q.month) : undefined,
        q.status ? eq(propertySubsidies.status, q.status) : undefined,
        after
          ? or(
              lt(propertySubsidies.month, after[0]),
              and(eq(propertySubsidies.month, after[0]), sql`${propertySubsidies.id} < ${after[1]}::uuid`),
            )
          : undefined,
      ),
    )
    .orderBy(desc(propertySubsidies.month), desc(propertySubsidies.id))
    .limit(q.limit + 1);
  const names = await registry.compoundPlaces(
    ctx.db,
    rows.map((r) => r.compoundId),
  );
  const p = page(rows, q.limit, (r) => [r.month, r.id]);
  return { items: p.items.map((r) => ({ ...view(r), compoundName: names.get(r.compoundId)?.name ?? '' })), nextCursor: p.nextCursor };
}

/** The totals by district and month of a year, within scope: asked, approved (or paid) and paid. */
export async function subsidyTotals(ctx: AppContext, user: AuthUser, year: number) {
  const rows = await ctx.db
    .select({
      districtCode: propertySubsidies.districtCode,
      month: propertySubsidies.month,
      compounds: sql<number>`count(*)::int`,
      appliedFen: sql<string>`sum(${propertySubsidies.amountFen})::text`,
      approvedFen: sql<string>`coalesce(sum(${propertySubsidies.amountFen}) filter (where ${propertySubsidies.status} in ('approved', 'disbursed')), 0)::text`,
      disbursedFen: sql<string>`coalesce(sum(${propertySubsidies.amountFen}) filter (where ${propertySubsidies.status} = 'disbursed'), 0)::text`,
    })
    .from(propertySubsidies)
    .where(and(scopeSql(user), like(propertySubsidies.month, `${year}-%`)))
    .groupBy(propertySubsidies.districtCode, propertySubsidies.month)
    .orderBy(propertySubsidies.districtCode, propertySubsidies.month);
  const fen = (s: string) => toNumber(BigInt(s));
  const items = rows.map((r) => ({
    districtCode: r.districtCode,
    month: r.month,
    compounds: r.compounds,
    appliedFen: fen(r.appliedFen),
    approvedFen: fen(r.approvedFen),
    disbursedFen: fen(r.disbursedFen),
  }));
  const sum = (k: 'appliedFen' | 'approvedFen' | 'disbursedFen') => items.reduce((s, i) => s + BigInt(i[k]), 0n);
  return {
    year,
    items,
    total: {
      appliedFen: toNumber(sum('appliedFen')),
      approvedFen: toNumber(sum('approvedFen')),
      disbursedFen: toNumber(sum('disbursedFen')),
    },
  };
}

/**
 * A month's subsidies for every renovated compound (no scope: the city's view, and the bench): each cap computed
 * from the month's rule, and the amounts asked checked against them. Answers the eligible count and those over cap.
 */
export async function checkMonth(ctx: { db: Db | Tx }, month: string, asked: ReadonlyMap<string, bigint>) {
  const rules = await monthRules(ctx.db, month);
  const all = await compoundsOfMonth(ctx, null, rules);
  const eligible = all.filter((c) => !c.ineligible);
  const checks: MonthCheck[] = eligible.flatMap((c) => {
    const amountFen = asked.get(c.compoundId);
    return amountFen === undefined ? [] : [{ compoundId: c.compoundId, capFen: c.capFen, amountFen }];
  });
  const refused = overCap(checks);
  return { rule: ruleView(rules.cap), compounds: all.length, eligible, checked: checks.length, refused };
}
