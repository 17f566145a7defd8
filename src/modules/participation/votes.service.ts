// Casting votes. Every vote of a ballot is written under the ballot's row lock,
// so the one-vote rule, the revote policy and the chain's order are decided one
// request at a time; the primary key on (ballot, household) is the backstop.
// A retried request with the same Idempotency-Key gets the first answer back.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { conflict, forbidden, unprocessable } from '../../platform/http/problem.ts';
import { participationMessages as pm } from './messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { ruleAt } from '../../platform/policy.ts';
import { projectFacts, requireProject } from '../projects/index.ts';
import { registry } from '../registry/index.ts';
import { ballotFor, residentHouseholdsIn, type Ballot } from './ballots.service.ts';
import { canonical, sha256, type Json } from './chain.ts';
import { append, receiptCode } from './evidence.ts';
import { ballotElectorate, ballotIdempotency, ballotPaperKeyings, ballots, ballotVoteHistory, ballotVotes } from './schema.ts';
import type { Choice } from './tally.ts';

export interface VoteInput {
  householdId: string;
  choice: Choice;
  channel: 'online' | 'paper' | 'proxy';
  evidence?: { sheetNo?: string; scanRef?: string; mandateRef?: string; proxyResidentId?: string };
}

/** What a counted vote's receipt carries: the household's position in the chain, the head after its vote, and that head's signature. */
export interface Receipt {
  receipt: string;
  position: number;
  head: string;
  signature: string;
  keyId: string;
}

export interface VoteAnswer {
  statusCode: number;
  body: ({ status: 'counted' } & Receipt) | ({ receipt: null; status: 'pending_second_keying' | 'mismatch' } & KeyedSheet);
}

/** The sheet a paper keying recorded, named as the worker reads it off the paper. */
interface KeyedSheet {
  sheetNo?: string;
  household?: { compound: string; building: string; unit: string; room: string };
}

async function keyedSheet(tx: Tx, householdId: string, sheetNo: string): Promise<KeyedSheet> {
  const [h] = await registry.householdFrame(tx, { householdIds: [householdId] });
  return { sheetNo, ...(h ? { household: { compound: h.compound, building: h.building, unit: h.unit, room: h.room } } : {}) };
}

/** Who may use which channel: a verified resident of the household online; a worker in scope on paper. */
async function authorise(ctx: AppContext, user: AuthUser, ballot: Ballot, input: VoteInput) {
  if (input.channel === 'online') {
    const mine = user.residentId ? await residentHouseholdsIn(ctx, ballot.id, user.residentId) : [];
    if (!mine.includes(input.householdId)) throw forbidden(pm.msg('ballot.online_member_only'));
    return;
  }
  if (!user.permissions.has('ballots.enter_paper')) throw forbidden(pm.msg('ballot.paper_by_workers'));
  await requireProject(ctx, user, ballot.projectId);
  if (input.channel === 'proxy') {
    // The worker records a proxy vote after checking the written mandate, which is filed under mandateRef.
    const missing = (['mandateRef', 'proxyResidentId'] as const).filter((f) => !input.evidence?.[f]);
    if (missing.length)
      throw unprocessable(
        pm.msg('ballot.proxy_evidence'),
        missing.map((f) => ({ path: `body.evidence.${f}`, message: pm.msg('field.is_required') })),
      );
    return;
  }
  if (!input.evidence?.sheetNo)
    throw unprocessable(pm.msg('ballot.paper_sheet'), [{ path: 'body.evidence.sheetNo', message: pm.msg('field.is_required') }]);
}

async function countedVote(tx: Tx, ballotId: string, householdId: string) {
  const [row] = await tx
    .select({ id: ballotVotes.historyId, channel: ballotVotes.channel })
    .from(ballotVotes)
    .where(and(eq(ballotVotes.ballotId, ballotId), eq(ballotVotes.householdId, householdId)));
  return row;
}

/**
 * Whether a household that has a counted vote may vote again: a household that
 * votes itself overrides its proxy whatever the revote policy; a proxy never
 * overrides the household's own vote; otherwise the ballot's policy decides.
 */
function refuseRevote(ballot: Ballot, previous: string, next: string): void {
  if (previous === 'proxy' && next !== 'proxy') return;
  if (next === 'proxy' && previous !== 'proxy') throw conflict(pm.msg('ballot.own_vote_stands'));
  if (ballot.revote === 'none') throw conflict(pm.msg('ballot.revote_refused'));
}

/** The cap on mandates one proxy holder may use in a ballot, from the policy rule of the project's year. */
async function checkProxyCap(ctx: AppContext, tx: Tx, ballot: Ballot, year: number, proxyResidentId: string, householdId: string) {
  const rule = await ruleAt<number>(ctx.db, 'consent.proxy.max_mandates', `${year}-01-01`);
  const { rows } = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from ${ballotVotes} v join ${ballotVoteHistory} h on h.id = v.history_id
    where v.ballot_id = ${ballot.id} and v.channel = 'proxy' and v.household_id <> ${householdId}
      and h.evidence ->> 'proxyResidentId' = ${proxyResidentId}`);
  if (rows[0]!.n >= rule.value) {
    throw conflict(pm.msg('ballot.proxy_limit', { count: rows[0]!.n, limit: rule.value }), {
      rule: { key: rule.key, value: rule.value, version: rule.version, source: rule.source },
    });
  }
}

/** Counts a vote: a history row (kept for good), the household's counted vote, and its link in the chain. */
export async function countVote(
  ctx: AppContext,
  tx: Tx,
  actor: Actor | undefined,
  ballot: Ballot,
  v: { householdId: string; choice: Choice; channel: 'online' | 'paper' | 'proxy'; evidence: Json; byUserId: string },
) {
  const previous = await countedVote(tx, ballot.id, v.householdId);
  if (previous) refuseRevote(ballot, previous.channel, v.channel);
  const [history] = await tx
    .insert(ballotVoteHistory)
    .values({ id: uuidv7(), ballotId: ballot.id, ...v, receipt: receiptCode(), castAt: new Date() })
    .returning();
  const h = history!;
  const row = { historyId: h.id, choice: h.choice, channel: h.channel, receipt: h.receipt, castAt: h.castAt };
  if (previous)
    await tx
      .update(ballotVotes)
      .set(row)
      .where(and(eq(ballotVotes.ballotId, ballot.id), eq(ballotVotes.householdId, v.householdId)));
  else await tx.insert(ballotVotes).values({ ballotId: ballot.id, householdId: v.householdId, ...row });
  const linked = await append(tx, ctx.signingKey, ballot.id, { type: 'vote', history: h });
  // Never the choice: ballots are secret.
  await audit(tx, actor, 'ballot.vote', 'ballot', ballot.id, { householdId: v.householdId, channel: v.channel, replaced: !!previous });
  return { receipt: h.receipt, position: linked.position, head: linked.hash, signature: linked.signature, keyId: linked.keyId };
}

async function paperKeying(
  ctx: AppContext,
  tx: Tx,
  actor: Actor | undefined,
  user: AuthUser,
  ballot: Ballot,
  input: VoteInput,
): Promise<VoteAnswer['body']> {
  const sheetNo = input.evidence!.sheetNo!;
  const scanRef = input.evidence?.scanRef ?? null;
  const keyed = await tx
    .select()
    .from(ballotPaperKeyings)
    .where(
      and(
        eq(ballotPaperKeyings.ballotId, ballot.id),
        eq(ballotPaperKeyings.householdId, input.householdId),
        eq(ballotPaperKeyings.sheetNo, sheetNo),
        inArray(ballotPaperKeyings.status, ['pending_second_keying', 'mismatch']),
      ),
    );
  if (keyed.some((k) => k.status === 'mismatch')) throw conflict(pm.msg('ballot.keyings_differ'));
  if (keyed.some((k) => k.keyedBy === user.id)) throw conflict(pm.msg('ballot.second_keyer'));
  const first = keyed[0];
  const keying = {
    id: uuidv7(),
    ballotId: ballot.id,
    householdId: input.householdId,
    sheetNo,
    choice: input.choice,
    scanRef,
    keyedBy: user.id,
  };
  if (!first) {
    const counted = await countedVote(tx, ballot.id, input.householdId);
    if (counted) refuseRevote(ballot, counted.channel, 'paper');
    await tx.insert(ballotPaperKeyings).values({ ...keying, status: 'pending_second_keying' });
    await audit(tx, actor, 'ballot.paper_keyed', 'ballot', ballot.id, { householdId: input.householdId, sheetNo });
    return { receipt: null, status: 'pending_second_keying', ...(await keyedSheet(tx, input.householdId, sheetNo)) };
  }
  if (first.choice !== input.choice) {
    await tx.insert(ballotPaperKeyings).values({ ...keying, status: 'mismatch' });
    await tx.update(ballotPaperKeyings).set({ status: 'mismatch' }).where(eq(ballotPaperKeyings.id, first.id));
    // The mismatch is evidence too, but without the two choices.
    await append(tx, ctx.signingKey, ballot.id, {
      type: 'paper_mismatch',
      record: { ballotId: ballot.id, householdId: input.householdId, sheetNo, keyings: [first.id, keying.id] },
    });
    await audit(tx, actor, 'ballot.paper_mismatch', 'ballot', ballot.id, { householdId: input.householdId, sheetNo });
    return { receipt: null, status: 'mismatch', ...(await keyedSheet(tx, input.householdId, sheetNo)) };
  }
  await tx.insert(ballotPaperKeyings).values({ ...keying, status: 'counted' });
  await tx.update(ballotPaperKeyings).set({ status: 'counted' }).where(eq(ballotPaperKeyings.id, first.id));
  const receipt = await countVote(ctx, tx, actor, ballot, {
    householdId: input.householdId,
    choice: input.choice,
    channel: 'paper',
    evidence: { sheetNo, scanRef: scanRef ?? first.scanRef, keyedBy: [first.keyedBy, user.id] },
    byUserId: user.id,
  });
  return { ...receipt, status: 'counted' };
}

/** Locks the ballot for writing. */
async function lock(tx: Tx, id: string): Promise<Ballot> {
  const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, id)).for('update');
  return ballot!;
}

/** Votes are taken while the ballot is open and before its closing time. */
function mustBeOpen(ballot: Ballot): Ballot {
  if (ballot.status !== 'open' || ballot.closesAt.getTime() <= Date.now()) throw conflict(pm.msg('ballot.closed'));
  return ballot;
}

async function inElectorate(tx: Tx, ballotId: string, householdId: string) {
  const [row] = await tx
    .select({ id: ballotElectorate.householdId })
    .from(ballotElectorate)
    .where(and(eq(ballotElectorate.ballotId, ballotId), eq(ballotElectorate.householdId, householdId)));
  if (!row)
    throw unprocessable(pm.msg('ballot.not_in_electorate'), [{ path: 'body.householdId', message: pm.msg('field.not_in_electorate') }]);
}

export async function castVote(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  id: string,
  key: string,
  input: VoteInput,
): Promise<VoteAnswer> {
  const ballot = await ballotFor(ctx, user, id);
  await authorise(ctx, user, ballot, input);
  const requestHash = sha256(canonical({ ballotId: id, ...input } as unknown as Json));
  return ctx.db.transaction(async (tx) => {
    const locked = await lock(tx, id);
    const [seen] = await tx
      .select()
      .from(ballotIdempotency)
      .where(and(eq(ballotIdempotency.userId, user.id), eq(ballotIdempotency.key, key)));
    if (seen) {
      if (seen.requestHash !== requestHash)
        throw unprocessable(pm.msg('request.idempotency_key_reused'), [
          { path: 'headers.idempotency-key', message: pm.msg('field.reused') },
        ]);
      return { statusCode: seen.statusCode, body: seen.response as VoteAnswer['body'] };
    }
    // A replay answers even after the close; a new vote does not.
    mustBeOpen(locked);
    await inElectorate(tx, id, input.householdId);
    if (input.channel === 'proxy') {
      const { year } = await projectFacts(ctx, user, locked.projectId);
      await checkProxyCap(ctx, tx, locked, year, input.evidence!.proxyResidentId!, input.householdId);
    }
    const body: VoteAnswer['body'] =
      input.channel === 'paper'
        ? await paperKeying(ctx, tx, actor, user, locked, input)
        : {
            ...(await countVote(ctx, tx, actor, locked, {
              householdId: input.householdId,
              choice: input.choice,
              channel: input.channel,
              evidence:
                input.channel === 'proxy'
                  ? { mandateRef: input.evidence!.mandateRef!, proxyResidentId: input.evidence!.proxyResidentId! }
                  : {},
              byUserId: user.id,
            })),
            status: 'counted',
          };
    await tx.insert(ballotIdempotency).values({ userId: user.id, key, ballotId: id, requestHash, statusCode: 201, response: body });
    return { statusCode: 201, body };
  });
}

/** An officer reads the scan of a sheet whose keyings differ and records its choice, which then counts. */
export async function reconcilePaper(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  id: string,
  input: { householdId: string; sheetNo: string; choice: Choice },
) {
  const ballot = await ballotFor(ctx, user, id);
  await requireProject(ctx, user, ballot.projectId);
  return ctx.db.transaction(async (tx) => {
    const locked = mustBeOpen(await lock(tx, id));
    const mismatched = await tx
      .select()
      .from(ballotPaperKeyings)
      .where(
        and(
          eq(ballotPaperKeyings.ballotId, id),
          eq(ballotPaperKeyings.householdId, input.householdId),
          eq(ballotPaperKeyings.sheetNo, input.sheetNo),
          eq(ballotPaperKeyings.status, 'mismatch'),
        ),
      );
    if (!mismatched.length) throw conflict(pm.msg('ballot.nothing_to_reconcile'));
    if (!mismatched.some((k) => k.choice === input.choice)) {
      throw unprocessable(pm.msg('ballot.reconcile_choice'), [{ path: 'body.choice', message: pm.msg('field.neither_keying') }]);
    }
    await tx
      .update(ballotPaperKeyings)
      .set({ status: 'reconciled' })
      .where(
        inArray(
          ballotPaperKeyings.id,
          mismatched.map((k) => k.id),
        ),
      );
    await append(tx, ctx.signingKey, id, {
      type: 'reconcile',
      record: { ballotId: id, householdId: input.householdId, sheetNo: input.sheetNo, byUserId: user.id },
    });
    const receipt = await countVote(ctx, tx, actor, locked, {
      householdId: input.householdId,
      choice: input.choice,
      channel: 'paper',
      evidence: { sheetNo: input.sheetNo, scanRef: mismatched.find((k) => k.scanRef)?.scanRef ?? null, reconciledBy: user.id },
      byUserId: user.id,
    });
    return { ...receipt, status: 'counted' as const };
  });
}

/**
 * The paper sheets of a ballot by status, for the officer who reconciles them:
 * household, sheet, scan and keying times, never the choices keyed (so a
 * mismatch is settled from the scan, not from what either worker typed).
 */
export async function paperSheets(
  ctx: AppContext,
  user: AuthUser,
  ballotId: string,
  status: 'pending_second_keying' | 'mismatch' | 'counted' | 'reconciled',
) {
  const ballot = await ballotFor(ctx, user, ballotId);
  const rows = await ctx.db
    .select({
      householdId: ballotPaperKeyings.householdId,
      sheetNo: ballotPaperKeyings.sheetNo,
      scanRef: ballotPaperKeyings.scanRef,
      keyedAt: ballotPaperKeyings.keyedAt,
    })
    .from(ballotPaperKeyings)
    .where(and(eq(ballotPaperKeyings.ballotId, ballot.id), eq(ballotPaperKeyings.status, status)))
    .orderBy(asc(ballotPaperKeyings.sheetNo), asc(ballotPaperKeyings.keyedAt));
  const sheets = new Map<string, { householdId: string; sheetNo: string; scanRefs: string[]; keyings: number; lastKeyedAt: string }>();
  const frame = new Map(
    (await registry.householdFrame(ctx.db, { householdIds: [...new Set(rows.map((r) => r.householdId))] })).map((h) => [h.id, h]),
  );
  for (const r of rows) {
    const key = `${r.householdId}/${r.sheetNo}`;
    const s = sheets.get(key) ?? { householdId: r.householdId, sheetNo: r.sheetNo, scanRefs: [], keyings: 0, lastKeyedAt: '' };
    s.keyings += 1;
    if (r.scanRef && !s.scanRefs.includes(r.scanRef)) s.scanRefs.push(r.scanRef);
    s.lastKeyedAt = r.keyedAt.toISOString();
    sheets.set(key, s);
  }
  return {
    items: [...sheets.values()].map((s) => {
      const h = frame.get(s.householdId);
      return { ...s, compound: h?.compound ?? '', building: h?.building ?? '', unit: h?.unit ?? '', room: h?.room ?? '' };
    }),
  };
}
