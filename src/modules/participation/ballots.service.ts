// Ballots: opening freezes the electorate (the project's households that day)
// and publishes its hash; results stay sealed until close, when the tally is
// judged by the policy rule of the project's year and the chain head published.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { pgArray } from '../../platform/db/sql.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { conflict, notFound, unprocessable } from '../../platform/http/problem.ts';
import { participationMessages as pm } from './messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Fraction } from '../../platform/money.ts';
import { ruleAt } from '../../platform/policy.ts';
import { currentPlan, projectCompoundIds, projectFacts, requireProject } from '../projects/index.ts';
import { registry } from '../registry/index.ts';
import { anchorLog, publicAnchor } from './anchors.ts';
import { electorateHash } from './chain.ts';
import { anchor, append, readEvidence, verifyBallot, type Appended } from './evidence.ts';
import { ballotElectorate, ballotPaperKeyings, ballots, ballotVotes, revotePolicies, type BallotKind } from './schema.ts';
import { count, passes, type Choice } from './tally.ts';

export type Ballot = typeof ballots.$inferSelect;

// No separate rule is shipped for general ballots, so they are held to the consent threshold.
const ruleKeys: Record<BallotKind, string> = {
  renovation_consent: 'consent.renovation.threshold',
  plan_approval: 'consent.plan_approval.threshold',
  management_mode: 'consent.renovation.threshold',
  other: 'consent.renovation.threshold',
};

/** The rule in force on 1 January of the project's year, as every other rule of a project is read. */
const ruleFor = (ctx: AppContext, key: string, year: number) => ruleAt<Fraction>(ctx.db, key, `${year}-01-01`);

/**
 * A ballot the account may see: staff within the project's scope, or a resident
 * verified in a household of its electorate. Anything else answers 404.
 */
export async function ballotFor(ctx: AppContext, user: AuthUser, id: string): Promise<Ballot> {
  const [ballot] = await ctx.db.select().from(ballots).where(eq(ballots.id, id)).limit(1);
  if (!ballot) throw notFound(pm.msg('ballot.entity', { id }));
  if (user.permissions.has('projects.read')) {
    await requireProject(ctx, user, ballot.projectId).catch(() => {
      throw notFound(pm.msg('ballot.entity', { id }));
    });
    return ballot;
  }
  if (user.residentId && (await residentHouseholdsIn(ctx, ballot.id, user.residentId)).length) return ballot;
  throw notFound(pm.msg('ballot.entity', { id }));
}

/** The resident's verified households that are in the ballot's electorate. */
export async function residentHouseholdsIn(ctx: AppContext, ballotId: string, residentId: string): Promise<string[]> {
  const mine = await registry.householdIdsOfResident(ctx.db, residentId);
  if (!mine.length) return [];
  const rows = await ctx.db
    .select({ id: ballotElectorate.householdId })
    .from(ballotElectorate)
    .where(and(eq(ballotElectorate.ballotId, ballotId), inArray(ballotElectorate.householdId, mine)));
  return rows.map((r) => r.id);
}

export interface NewBallot {
  kind: BallotKind;
  title: string;
  closesAt: string;
  /** Omitted: the default of the rule `consent.revote.default` in force on 1 January of the project's year. */
  revote?: RevotePolicy;
  proposal?: string | null;
}

export const REVOTE_DEFAULT_RULE = 'consent.revote.default';
type RevotePolicy = (typeof revotePolicies)[number];

export async function openBallot(ctx: AppContext, user: AuthUser, actor: Actor | undefined, projectId: string, input: NewBallot) {
  const facts = await projectFacts(ctx, user, projectId);
  const closesAt = new Date(input.closesAt);
  if (!(closesAt.getTime() > Date.now()))
    throw unprocessable(pm.msg('ballot.closes_in_past'), [{ path: 'body.closesAt', message: pm.msg('field.not_in_future') }]);
  if (input.kind === 'management_mode' && !input.proposal)
    throw unprocessable(pm.msg('ballot.mode_required'), [{ path: 'body.proposal', message: pm.msg('field.required_for_management_mode') }]);
  let planVersion: number | null = null;
  if (input.kind === 'plan_approval') {
    const plan = await currentPlan(ctx, projectId);
    if (plan?.status !== 'submitted')
      throw conflict(pm.msg('ballot.plan_not_submitted'), {
        planStatus: plan?.status ?? null,
      });
    planVersion = plan.version;
  }
  const ruleKey = ruleKeys[input.kind];
  await ruleFor(ctx, ruleKey, facts.year); // fails now, not at close, if the rule is missing
  const revote = input.revote ?? (await ruleAt<RevotePolicy>(ctx.db, REVOTE_DEFAULT_RULE, `${facts.year}-01-01`)).value;
  if (!revotePolicies.includes(revote)) throw new Error(`Rule ${REVOTE_DEFAULT_RULE} holds ${String(revote)}, not a revote policy.`);
  const id = uuidv7();
  const opened = await ctx.db.transaction(async (tx) => {
    // One open ballot of a kind per project: lock the project's ballots while checking.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`ballots:${projectId}`}))`);
    const [open] = await tx
      .select({ id: ballots.id })
      .from(ballots)
      .where(and(eq(ballots.projectId, projectId), eq(ballots.kind, input.kind), eq(ballots.status, 'open')));
    if (open) throw conflict(pm.msg('ballot.already_open', { kind: pm.msg(`ballot.kind.${input.kind}`) }), { ballotId: open.id });
    const households = await registry.householdIdsOfCompounds(tx, await projectCompoundIds(tx, projectId));
    if (!households.length) throw conflict(pm.msg('ballot.no_households'));
    const hash = electorateHash(households);
    // The same facts go in the row and, as published evidence, in the chain's first record.
    const question = {
      projectId,
      kind: input.kind,
      title: input.title,
      planVersion,
      proposal: input.proposal ?? null,
      revote,
      ruleKey,
      electorateHash: hash,
      eligible: households.length,
    };
    await tx.insert(ballots).values({ id, ...question, closesAt, openedBy: user.id });
    for (let i = 0; i < households.length; i += 5000) {
      await tx.insert(ballotElectorate).values(households.slice(i, i + 5000).map((householdId) => ({ ballotId: id, householdId })));
    }
    const first = await append(tx, ctx.signingKey, id, {
      type: 'open',
      record: {
        ballotId: id,
        ...question,
        closesAt: closesAt.toISOString(),
        byUserId: user.id,
      },
    });
    await audit(tx, actor, 'ballot.open', 'ballot', id, { projectId, kind: input.kind, eligible: households.length });
    // Outside the database, the ballot is now known to be signed from its first link.
    await anchor(ctx, id, 'open', first, new Date());
    return { id, electorateHash: hash, eligible: households.length };
  });
  return opened;
}

export interface ClosedTally {
  status: 'closed';
  eligible: number;
  agree: number;
  disagree: number;
  abstain: number;
  notVoted: number;
  passed: boolean;
  rule: { key: string; numerator: number; denominator: number; version: string };
}

export async function closeBallot(ctx: AppContext, user: AuthUser, actor: Actor | undefined, id: string): Promise<ClosedTally> {
  const ballot = await ballotFor(ctx, user, id);
  const facts = await projectFacts(ctx, user, ballot.projectId);
  const rule = await ruleFor(ctx, ballot.ruleKey, facts.year);
  return ctx.db.transaction(async (tx) => {
    // The row lock orders the close after every vote already being written, and every later vote after it.
    const [locked] = await tx.select().from(ballots).where(eq(ballots.id, id)).for('update');
    if (locked!.status !== 'open') throw conflict(pm.msg('ballot.already_closed'));
    const counted = await tx.select({ choice: ballotVotes.choice }).from(ballotVotes).where(eq(ballotVotes.ballotId, id));
    const t = count(
      locked!.eligible,
      counted.map((c) => c.choice as Choice),
    );
    const result: ClosedTally = {
      status: 'closed',
      ...t,
      passed: passes(t.agree, t.eligible, rule.value),
      rule: { key: rule.key, numerator: rule.value.numerator, denominator: rule.value.denominator, version: rule.version },
    };
    const closedAt = new Date();
    const head: Appended = await append(tx, ctx.signingKey, id, {
      type: 'close',
      record: { ballotId: id, result: { ...result }, closedAt: closedAt.toISOString(), byUserId: user.id },
    });
    await tx.update(ballots).set({ status: 'closed', closedAt, result, chainHead: head.hash }).where(eq(ballots.id, id));
    await audit(tx, actor, 'ballot.close', 'ballot', id, { passed: result.passed, turnout: counted.length });
    await anchor(ctx, id, 'close', head, closedAt);
    return result;
  });
}

/** Before close, turnout only: no role sees counts of choices while the ballot is open. */
export async function tally(ctx: AppContext, user: AuthUser, id: string) {
  const ballot = await ballotFor(ctx, user, id);
  if (ballot.status === 'closed') return ballot.result as ClosedTally;
  return { status: 'open' as const, turnout: (await countedVotes(ctx.db, [id])).get(id) ?? 0 };
}

/** Households with a counted vote, per ballot: the turnout the tally reports while a ballot is open. */
export async function countedVotes(db: Db | Tx, ballotIds: string[]): Promise<Map<string, number>> {
  if (!ballotIds.length) return new Map();
  const rows = await db
    .select({ id: ballotVotes.ballotId, n: sql<number>`count(*)::int` })
    .from(ballotVotes)
    .where(inArray(ballotVotes.ballotId, ballotIds))
    .groupBy(ballotVotes.ballotId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Sheets keyed once and waiting for a second keying, per ballot (a sheet is a household and its sheet number). */
async function sheetsPending(db: Db | Tx, ballotIds: string[]): Promise<Map<string, number>> {
  if (!ballotIds.length) return new Map();
  const rows = await db
    .select({
      id: ballotPaperKeyings.ballotId,
      n: sql<number>`count(distinct (${ballotPaperKeyings.householdId}, ${ballotPaperKeyings.sheetNo}))::int`,
    })
    .from(ballotPaperKeyings)
    .where(and(inArray(ballotPaperKeyings.ballotId, ballotIds), eq(ballotPaperKeyings.status, 'pending_second_keying')))
    .groupBy(ballotPaperKeyings.ballotId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function verification(ctx: AppContext, user: AuthUser, id: string) {
  // The reads start while the scope is checked; nothing read leaves unless the check passes.
  const evidence = readEvidence(ctx.database.pool, id);
  evidence.catch(() => undefined); // a refused caller never awaits it
  const ballot = await ballotFor(ctx, user, id);
  return verifyBallot(ctx, ballot, evidence);
}

/** The published list at close: receipt, channel and time, never the choice or the household. */
export async function receipts(ctx: AppContext, user: AuthUser, id: string) {
  const ballot = await ballotFor(ctx, user, id);
  if (ballot.status !== 'closed') throw conflict(pm.msg('ballot.receipts_after_close'));
  const rows = await ctx.db
    .select({ receipt: ballotVotes.receipt, channel: ballotVotes.channel, castAt: ballotVotes.castAt })
    .from(ballotVotes)
    .where(eq(ballotVotes.ballotId, id))
    .orderBy(ballotVotes.receipt);
  const close = anchorLog(ctx.env.dataDir).find(id).close;
  return {
    chainHead: ballot.chainHead,
    anchor: publicAnchor(close),
    items: rows.map((r) => ({ receipt: r.receipt, channel: r.channel, at: r.castAt.toISOString() })),
  };
}

/** What anyone who may see a ballot sees of it: never a choice, and the tally only after close. */
export function ballotView(b: Ballot) {
  return {
    id: b.id,
    projectId: b.projectId,
    kind: b.kind,
    title: b.title,
    proposal: b.proposal,
    status: b.status,
    revote: b.revote,
    eligible: b.eligible,
    electorateHash: b.electorateHash,
    closesAt: b.closesAt.toISOString(),
    openedAt: b.openedAt.toISOString(),
    closedAt: b.closedAt?.toISOString() ?? null,
    chainHead: b.status === 'closed' ? b.chainHead : null,
  };
}

export async function getBallot(ctx: AppContext, user: AuthUser, id: string) {
  return ballotView(await ballotFor(ctx, user, id));
}

export async function listBallots(ctx: AppContext, user: AuthUser, projectId: string) {
  await requireProject(ctx, user, projectId);
  const rows = await ctx.db.select().from(ballots).where(eq(ballots.projectId, projectId)).orderBy(desc(ballots.openedAt));
  const ids = rows.map((r) => r.id);
  const [counted, pending] = await Promise.all([countedVotes(ctx.db, ids), sheetsPending(ctx.db, ids)]);
  // Officers in scope see the turnout and, once closed, the sealed result with the rule it was judged by.
  return rows.map((b) => ({
    ...ballotView(b),
    counted: b.status === 'closed' ? (b.result as ClosedTally).eligible - (b.result as ClosedTally).notVoted : (counted.get(b.id) ?? 0),
    pendingSecondKeying: b.status === 'open' ? (pending.get(b.id) ?? 0) : 0,
    result: b.status === 'closed' ? (b.result as ClosedTally) : null,
  }));
}

/** A closed ballot's outcome, for modules that act on a decision (governance adopts a management mode). */
export async function ballotOutcome(ctx: AppContext, id: string) {
  const [b] = await ctx.db.select().from(ballots).where(eq(ballots.id, id)).limit(1);
  if (!b) return null;
  const passed = b.status === 'closed' && (b.result as { passed?: boolean } | null)?.passed === true;
  return { id: b.id, projectId: b.projectId, kind: b.kind, proposal: b.proposal, status: b.status, passed, closedAt: b.closedAt };
}

/** The closed, passed ballots of some projects by kind (the annual district assessment counts projects meeting both consent thresholds). */
export async function passedBallotKinds(db: AppContext['db'], projectIds: string[]): Promise<{ projectId: string; kind: BallotKind }[]> {
  if (!projectIds.length) return [];
  return db
    .selectDistinct({ projectId: ballots.projectId, kind: ballots.kind })
    .from(ballots)
    .where(and(inArray(ballots.projectId, projectIds), eq(ballots.status, 'closed'), sql`${ballots.result}->'passed' = 'true'::jsonb`));
}

/**
 * Residents' support for renovation over projects (R2's support rate): each
 * project's latest closed renovation_consent ballot, its agree votes and its
 * eligible households, summed. Projects without such a ballot are not counted.
 */
export async function consentSupport(db: Db | Tx, projectIds: string[]): Promise<{ ballots: number; agree: number; eligible: number }> {
  if (!projectIds.length) return { ballots: 0, agree: 0, eligible: 0 };
  const { rows } = await db.execute<{ ballots: number; agree: number; eligible: number }>(sql`
    with latest as (
      select distinct on (project_id) result from ballots
      where kind = 'renovation_consent' and status = 'closed' and project_id = any(${pgArray(projectIds)}::uuid[])
      order by project_id, closed_at desc)
    select count(*)::int as ballots, coalesce(sum((result ->> 'agree')::int), 0)::int as agree,
      coalesce(sum((result ->> 'eligible')::int), 0)::int as eligible
    from latest`);
  return rows[0]!;
}
