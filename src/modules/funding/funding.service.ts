import { and, asc, eq, ne, sql, type SQL } from 'drizzle-orm';
import { pgArray } from '../../platform/db/sql.ts';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { yuan } from '../../platform/i18n/format.ts';
import { words, type Message, type Words } from '../../platform/i18n/messages.ts';
import { conflict, problem, unprocessable, type FieldError } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { formatYuan, hundredths, MAX_EXACT_FEN, toNumber, type Fraction } from '../../platform/money.ts';
import { ruleAt } from '../../platform/policy.ts';
import { ruleName, ruleValueWords } from '../../platform/policy.messages.ts';
import { currentPlan, projectFacts, defineGate, requireProject } from '../projects/index.ts';
import { divisionLevelOf } from '../registry/index.ts';
import { checkFunding, type Line, type RuleRef, type Violation } from './rules.ts';
import { fundingMessages as m, fundingWords } from './messages.ts';
import { amendments, disbursements, fundingChecks, fundingLines, fundingSources, fundingTotals, type FundingSource } from './schema.ts';

export interface LineInput {
  source: FundingSource;
  channel?: string | null;
  amountFen: number;
}

/** The rules a project is checked under are those in force on 1 January of its year. */
async function rulesFor(ctx: AppContext, year: number) {
  const day = `${year}-01-01`;
  const [cap, residentShare, channels] = await Promise.all([
    ruleAt<number | string>(ctx.db, 'funding.subsidy_cap_per_m2', day),
    ruleAt<Fraction>(ctx.db, 'funding.resident_share_max', day),
    ruleAt<string[]>(ctx.db, 'funding.resident_channels', day),
  ]);
  return { cap, residentShare, channels };
}

const ruleRef = <T>(r: { key: string; version: string; value: T; unit: string | null; source: string }): RuleRef<T> => r;

function validateLines(input: LineInput[], channels: string[]): { lines: Line[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const lines = input.map((l, i) => {
    const channel = l.channel ?? '';
    if (l.source === 'resident' && !channels.includes(channel)) {
      errors.push({
        path: `body.lines.${i}.channel`,
        message: m.msg('funding.channel_required', { channels: channels.map(channelWords) }),
      });
    }
    if (l.source !== 'resident' && channel) errors.push({ path: `body.lines.${i}.channel`, message: m.msg('funding.channel_not_allowed') });
    if (l.source === 'exemplary_award') errors.push({ path: `body.lines.${i}.source`, message: m.msg('funding.award_not_in_plan') });
    if (l.source === 'property_subsidy')
      errors.push({ path: `body.lines.${i}.source`, message: m.msg('funding.property_subsidy_not_in_plan') });
    const key = `${l.source}/${channel}`;
    if (seen.has(key)) {
      const line: Words = channel
        ? { in: (lo) => `${sourceWords(l.source).in(lo)} · ${channelWords(channel).in(lo)}` }
        : sourceWords(l.source);
      errors.push({ path: `body.lines.${i}`, message: m.msg('funding.line_repeated', { line }) });
    }
    seen.add(key);
    return { source: l.source, channel, amountFen: BigInt(l.amountFen) };
  });
  if (lines.reduce((sum, l) => sum + l.amountFen, 0n) > MAX_EXACT_FEN)
    errors.push({ path: 'body.lines', message: m.msg('field.lines_exceed_max', { yuan: formatYuan(MAX_EXACT_FEN) }) });
  return { lines, errors };
}

/** A source or channel in words; one the catalogue does not know reads as its code. */
const sourceWords = (source: string): Words =>
  fundingWords.has(`source.${source}`) ? fundingWords.msg(`source.${source}` as 'source.resident') : words({ 'zh-CN': source, en: source });
const channelWords = (channel: string): Words =>
  fundingWords.has(`channel.${channel}`)
    ? fundingWords.msg(`channel.${channel}` as 'channel.common_revenue')
    : words({ 'zh-CN': channel, en: channel });

// What is kept in the checks table: codes and numbers, no words.
const violationJson = (v: Violation) => ({ ...v, limitFen: toNumber(v.limitFen), actualFen: toNumber(v.actualFen) });

const violationCodes: Record<string, 'funding.subsidy_cap_exceeded' | 'funding.resident_share_exceeded'> = {
  'funding.subsidy_cap_per_m2': 'funding.subsidy_cap_exceeded',
  'funding.resident_share_max': 'funding.resident_share_exceeded',
};

/** A broken rule explained: its code, the rule's name and value in words, the limit and the amount asked. */
function violationMessage(v: Violation) {
  const params = {
    rule: ruleName(v.rule),
    value: ruleValueWords(v.rule, v.value, v.unit),
    version: v.version,
    source: v.source,
    limit: yuan(v.limitFen),
    actual: yuan(v.actualFen),
  };
  return m.msg(violationCodes[v.rule] ?? 'funding.rule_broken', params);
}

/** A violation as the API shows it: the data, and the same in words (rendered in the request's language). */
const violationView = (v: Violation) => {
  const message = violationMessage(v);
  return { ...violationJson(v), code: message.code, name: ruleName(v.rule), valueText: ruleValueWords(v.rule, v.value, v.unit), message };
};

/** Checks lines against a project's plan cost and the rules of its year (the facts come scope-checked). */
async function checkProject(ctx: AppContext, project: { id: string; year: number; floorAreaM2: string }, lines: Line[]) {
  const plan = await currentPlan(ctx, project.id);
  const rules = await rulesFor(ctx, project.year);
  const check = checkFunding({
    lines,
    costFen: plan?.totalFen ?? 0n,
    floorAreaHundredths: hundredths(project.floorAreaM2),
    cap: ruleRef(rules.cap),
    residentShare: ruleRef(rules.residentShare),
  });
  const rulesUsed = [rules.cap, rules.residentShare, rules.channels].map((r) => ({
    key: r.key,
    name: ruleName(r.key),
    version: r.version,
    source: r.source,
  }));
  return { plan, rules, check, rulesUsed };
}

async function evaluate(ctx: AppContext, user: AuthUser, projectId: string, lines: Line[]) {
  const facts = await projectFacts(ctx, user, projectId);
  return { ...(await checkProject(ctx, facts, lines)), floorAreaM2: facts.floorAreaM2 };
}

/** What the check was fed, so an editor can run the same checkFunding (rules.ts) as the officer types. */
function basisView(rules: Awaited<ReturnType<typeof rulesFor>>, floorAreaM2: string, costFen: bigint) {
  const ref = <T>(r: RuleRef<T>) => ({
    key: r.key,
    version: r.version,
    value: r.value,
    unit: r.unit,
    source: r.source,
    name: ruleName(r.key),
    valueText: ruleValueWords(r.key, r.value, r.unit),
  });
  return { costFen: toNumber(costFen), floorAreaM2, subsidyCap: ref(rules.cap), residentShare: ref(rules.residentShare) };
}

export async function saveFunding(ctx: AppContext, user: AuthUser, actor: Actor | undefined, projectId: string, input: LineInput[]) {
  const facts = await projectFacts(ctx, user, projectId);
  const { channels } = await rulesFor(ctx, facts.year);
  const { lines, errors } = validateLines(input, channels.value);
  if (errors.length) throw unprocessable(m.msg('funding.lines_invalid'), errors);
  const { plan, check, rulesUsed } = await evaluate(ctx, user, projectId, lines);
  const record = (accepted: boolean) => ({
    projectId,
    accepted,
    costFen: check.costFen,
    fundedFen: check.fundedFen,
    // Codes and versions only: words are for readers, not for the record.
    rulesUsed: rulesUsed.map(({ key, version, source }) => ({ key, version, source })),
    violations: check.violations.map(violationJson),
    byUserId: user.id,
  });
  if (check.violations.length || check.excessFen > 0n) {
    await ctx.db.insert(fundingChecks).values(record(false));
    const reasons: (FieldError & { message: Message })[] = [
      ...check.violations.map((v) => ({ path: 'body.lines', message: violationMessage(v), rule: v.rule })),
      ...(check.excessFen > 0n ? [{ path: 'body.lines', message: m.msg('funding.exceeds_cost', { excess: yuan(check.excessFen) }) }] : []),
    ];
    // One reason is the problem itself (its code says which rule); several are listed under one code.
    const detail = reasons.length === 1 ? reasons[0]!.message : m.msg('funding.plan_refused', { reasons: reasons.map((r) => r.message) });
    throw problem(422, detail, {
      errors: reasons,
      violations: check.violations.map(violationView),
      planVersion: plan?.version ?? null,
    });
  }
  await ctx.db.transaction(async (tx) => {
    // A funding plan replaces the plan's lines; awards stay.
    await tx.delete(fundingLines).where(and(eq(fundingLines.projectId, projectId), ne(fundingLines.source, 'exemplary_award')));
    if (lines.length)
      await tx.insert(fundingLines).values(lines.map((l) => ({ ...l, projectId, year: facts.year, districtCode: facts.districtCode })));
    await tx.insert(fundingChecks).values(record(true));
    await audit(tx, actor, 'funding.save', 'project', projectId, { lines: lines.length, fundedFen: String(check.fundedFen) });
  });
  return getFunding(ctx, user, projectId);
}

async function ledger(ctx: AppContext, projectId: string) {
  const [lines, paid, amended] = await Promise.all([
    ctx.db
      .select()
      .from(fundingLines)
      .where(eq(fundingLines.projectId, projectId))
      .orderBy(asc(fundingLines.source), asc(fundingLines.channel)),
    ctx.db
      .select()
      .from(disbursements)
      .where(eq(disbursements.projectId, projectId))
      .orderBy(asc(disbursements.paidOn), asc(disbursements.createdAt)),
    ctx.db.select().from(amendments).where(eq(amendments.projectId, projectId)).orderBy(asc(amendments.createdAt)),
  ]);
  const total = (rows: { source: string; amountFen: bigint }[], s: string) =>
    rows.filter((r) => r.source === s).reduce((n, r) => n + r.amountFen, 0n);
  const bySource = fundingSources.map((source) => ({
    source,
    plannedFen: total(lines, source),
    amendedFen: total(amended, source),
    disbursedFen: total(paid, source),
  }));
  return { lines, paid, amended, bySource };
}

export async function getFunding(ctx: AppContext, user: AuthUser, projectId: string) {
  const l = await ledger(ctx, projectId);
  const { check, rulesUsed, rules, floorAreaM2 } = await evaluate(ctx, user, projectId, l.lines);
  return {
    lines: l.lines.map((x) => ({ source: x.source, channel: x.channel || null, amountFen: toNumber(x.amountFen) })),
    check: {
      ok: check.violations.length === 0 && check.excessFen === 0n,
      costFen: toNumber(check.costFen),
      fundedFen: toNumber(check.fundedFen),
      shortfallFen: toNumber(check.shortfallFen),
      violations: check.violations.map(violationView),
      rulesUsed,
      basis: basisView(rules, floorAreaM2, check.costFen),
    },
    bySource: l.bySource
      .filter((s) => s.plannedFen || s.amendedFen || s.disbursedFen)
      .map((s) => ({
        source: s.source,
        plannedFen: toNumber(s.plannedFen),
        amendedFen: toNumber(s.amendedFen),
        disbursedFen: toNumber(s.disbursedFen),
      })),
    disbursements: l.paid.map((d) => ({
      id: d.id,
      source: d.source,
      amountFen: toNumber(d.amountFen),
      date: d.paidOn,
      payee: d.payee,
      documentRef: d.documentRef,
    })),
    amendments: l.amended.map((a) => ({
      id: a.id,
      source: a.source,
      amountFen: toNumber(a.amountFen),
      reason: a.reason,
      at: a.createdAt.toISOString(),
    })),
  };
}

export interface NewDisbursement {
  date: string;
  source: FundingSource;
  amountFen: number;
  payee: string;
  documentRef: string;
}

/** A payment from a source; beyond what the source planned (plus amendments) it needs an amendment first. */
export async function disburse(ctx: AppContext, user: AuthUser, actor: Actor | undefined, projectId: string, input: NewDisbursement) {
  await requireProject(ctx, user, projectId);
  return ctx.db.transaction(async (tx) => {
    // One disbursement at a time per project, so two payments cannot both pass the check.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`disburse:${projectId}`}))`);
    const [row] = await tx
      .execute<{ planned: string; amended: string; paid: string }>(
        sql`
      select (select coalesce(sum(amount_fen), 0) from funding_lines where project_id = ${projectId} and source = ${input.source}) as planned,
             (select coalesce(sum(amount_fen), 0) from funding_amendments where project_id = ${projectId} and source = ${input.source}) as amended,
             (select coalesce(sum(amount_fen), 0) from disbursements where project_id = ${projectId} and source = ${input.source}) as paid`,
      )
      .then((r) => r.rows);
    const allowed = BigInt(row!.planned) + BigInt(row!.amended) - BigInt(row!.paid);
    if (BigInt(input.amountFen) > allowed) {
      throw conflict(m.msg('funding.disbursement_exceeds_plan', { available: yuan(allowed), source: sourceWords(input.source) }), {
        availableFen: toNumber(allowed),
        requestedFen: input.amountFen,
      });
    }
    const id = uuidv7();
    await tx.insert(disbursements).values({
      id,
      projectId,
      source: input.source,
      amountFen: BigInt(input.amountFen),
      paidOn: input.date,
      payee: input.payee,
      documentRef: input.documentRef,
      createdBy: user.id,
    });
    await audit(tx, actor, 'funding.disburse', 'project', projectId, { source: input.source, amountFen: input.amountFen });
    return { id, ...input };
  });
}

export async function amend(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  projectId: string,
  input: { source: FundingSource; amountFen: number; reason: string },
) {
  await requireProject(ctx, user, projectId);
  const id = uuidv7();
  await ctx.db.transaction(async (tx) => {
    // Planned plus amended must stay an exact amount, or the ledger could no longer be shown.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`disburse:${projectId}`}))`);
    const [row] = await tx
      .execute<{ fen: string }>(
        sql`select (select coalesce(sum(amount_fen), 0) from funding_lines where project_id = ${projectId} and source = ${input.source})
                 + (select coalesce(sum(amount_fen), 0) from funding_amendments where project_id = ${projectId} and source = ${input.source}) as fen`,
      )
      .then((r) => r.rows);
    if (BigInt(row!.fen) + BigInt(input.amountFen) > MAX_EXACT_FEN)
      throw unprocessable(
        m.msg('amendments.exceed_max', { source: fundingWords.msg(`source.${input.source}`), yuan: formatYuan(MAX_EXACT_FEN) }),
        [{ path: 'body.amountFen', message: m.msg('field.source_exceeds_max') }],
      );
    await tx
      .insert(amendments)
      .values({ id, projectId, source: input.source, amountFen: BigInt(input.amountFen), reason: input.reason, createdBy: user.id });
    await audit(tx, actor, 'funding.amend', 'project', projectId, { source: input.source, amountFen: input.amountFen });
  });
  return { id, ...input };
}

/** Planned funds by source and by district, for a year, within the account's division. */
export async function summary(ctx: AppContext, user: AuthUser, f: { year?: number; division?: string }) {
  const parts: SQL[] = [sql`${fundingTotals.amountFen} <> 0`];
  const scope = user.scope.division;
  const level = scope ? divisionLevelOf(scope) : undefined;
  // Summaries are by district: an account scoped below a district sees its own district's figures.
  if (!scope) parts.push(sql`false`);
  else if (level === 'city') parts.push(sql`${fundingTotals.districtCode} like ${`${scope.slice(0, 4)}%`}`);
  else if (level === 'province') parts.push(sql`${fundingTotals.districtCode} like ${`${scope.slice(0, 2)}%`}`);
  else parts.push(eq(fundingTotals.districtCode, scope.slice(0, 6)));
  if (f.year) parts.push(eq(fundingTotals.year, f.year));
  if (f.division)
    parts.push(
      sql`${fundingTotals.districtCode} like ${`${f.division.length === 6 && f.division.endsWith('00') ? f.division.slice(0, 4) : f.division.slice(0, 6)}%`}`,
    );
  const rows = await ctx.db
    .select({
      districtCode: fundingTotals.districtCode,
      source: fundingTotals.source,
      amountFen: sql<string>`sum(${fundingTotals.amountFen})`,
    })
    .from(fundingTotals)
    .where(and(...parts))
    .groupBy(fundingTotals.districtCode, fundingTotals.source)
    .orderBy(fundingTotals.districtCode, fundingTotals.source);
  const bySource = new Map<string, bigint>();
  const byDistrict = new Map<string, Map<string, bigint>>();
  for (const r of rows) {
    const fen = BigInt(r.amountFen);
    bySource.set(r.source, (bySource.get(r.source) ?? 0n) + fen);
    const d = byDistrict.get(r.districtCode) ?? new Map<string, bigint>();
    d.set(r.source, fen);
    byDistrict.set(r.districtCode, d);
  }
  return {
    bySource: [...bySource].map(([source, fen]) => ({ source, amountFen: toNumber(fen) })),
    byDivision: [...byDistrict].map(([code, sources]) => ({
      code,
      totalFen: toNumber([...sources.values()].reduce((a, b) => a + b, 0n)),
      bySource: [...sources].map(([source, fen]) => ({ source, amountFen: toNumber(fen) })),
    })),
  };
}

export const fundingCompleteGate = defineGate({
  stage: 'tendered',
  code: 'funding_complete',
  async check(ctx, project) {
    const lines = await ctx.db.select().from(fundingLines).where(eq(fundingLines.projectId, project.id));
    const { plan, check } = await checkProject(ctx, project, lines);
    const ok = !!plan && plan.totalFen > 0n && check.violations.length === 0 && check.shortfallFen === 0n && check.excessFen === 0n;
    return {
      satisfied: ok,
      message: ok
        ? m.msg('funding.gate.met')
        : m.msg('funding.gate.unmet', { funded: yuan(check.fundedFen), cost: yuan(check.costFen), broken: check.violations.length }),
      satisfy: m.msg('funding.gate.satisfy'),
    };
  },
});

/** Funding of some projects by source, exact to the fen (integers; a total beyond 2^53 fen would be refused, not rounded). */
export async function fundingBySource(db: AppContext['db'], projectIds: string[]): Promise<Record<FundingSource, number>> {
  const out = Object.fromEntries(fundingSources.map((s) => [s, 0])) as Record<FundingSource, number>;
  if (!projectIds.length) return out;
  const rows = await db
    .select({ source: fundingLines.source, fen: sql<string>`sum(${fundingLines.amountFen})::text` })
    .from(fundingLines)
    .where(sql`${fundingLines.projectId} = any(${pgArray(projectIds)}::uuid[])`)
    .groupBy(fundingLines.source);
  for (const r of rows) {
    const fen = Number(r.fen);
    if (!Number.isSafeInteger(fen)) throw new RangeError(`${r.source}: ${r.fen} fen is beyond exact integers`);
    out[r.source] = fen;
  }
  return out;
}

/** An exemplary-case award enters the project's funding as its own source, added to any earlier award, in the caller's transaction. */
export async function addAwardLine(tx: Tx, award: { projectId: string; year: number; districtCode: string; amountFen: bigint }) {
  const [line] = await tx
    .insert(fundingLines)
    .values({ ...award, source: 'exemplary_award', channel: '' })
    .onConflictDoUpdate({
      target: [fundingLines.projectId, fundingLines.source, fundingLines.channel],
      set: { amountFen: sql`${fundingLines.amountFen} + excluded.amount_fen` },
    })
    .returning({ amountFen: fundingLines.amountFen });
  if (line!.amountFen > MAX_EXACT_FEN)
    throw unprocessable(m.msg('awards.exceed_max', { yuan: formatYuan(MAX_EXACT_FEN) }), [
      { path: 'body.amountFen', message: m.msg('field.awards_exceed_max') },
    ]);
}

/** The sources with money (> 0 fen) on each of some projects' funding lines (the annual district assessment's resident co-funding). */
export async function fundedSourcesOfProjects(
  db: AppContext['db'],
  projectIds: string[],
): Promise<{ projectId: string; source: FundingSource }[]> {
  if (!projectIds.length) return [];
  return db
    .selectDistinct({ projectId: fundingLines.projectId, source: fundingLines.source })
    .from(fundingLines)
    .where(and(sql`${fundingLines.projectId} = any(${pgArray(projectIds)}::uuid[])`, sql`${fundingLines.amountFen} > 0`));
}
