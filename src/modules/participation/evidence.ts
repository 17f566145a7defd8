// The ballot's hash chain in the database. A vote's link is computed from its
// history row, so verification rebuilds the record from the row as it is now:
// a choice changed behind the application's back no longer hashes to the link
// stored when it was cast. Administrative actions keep their record in the chain.
// The electorate's hash is recomputed in SQL (chain.ts's electorateHash, where
// the ids are), and tested equal to it by every verification test.
import { desc, eq, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Tx } from '../../platform/db/client.ts';
import { GENESIS, link, linkVote, verifyChain, type Json, type StoredLink, type VoteFields } from './chain.ts';
import { ballotChain, type ballots, type ballotVoteHistory } from './schema.ts';
import { count, type Choice, type Tally } from './tally.ts';

// Receipts are read aloud and typed in: no 0/O or 1/I. 32 letters divide 256, so each is equally likely.
const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const receiptCode = () =>
  [...randomBytes(12)]
    .map((b) => alphabet[b % alphabet.length])
    .join('')
    .replace(/(.{4})(?=.)/g, '$1-');

type History = typeof ballotVoteHistory.$inferSelect;
type Ballot = typeof ballots.$inferSelect;

/** A vote link's fields, from its history row (encoding 2). */
export function voteFields(h: History): VoteFields {
  return {
    id: h.id,
    ballotId: h.ballotId,
    householdId: h.householdId,
    choice: h.choice,
    channel: h.channel,
    receipt: h.receipt,
    byUserId: h.byUserId,
    castAt: h.castAt.toISOString(),
    evidence: h.evidence as Json,
  };
}

/** A vote link's record as encoding 1 hashed it (canonical JSON); links appended before encoding 2 still verify by it. */
export function voteRecord(v: VoteFields): Json {
  return {
    type: 'vote',
    id: v.id,
    ballotId: v.ballotId,
    householdId: v.householdId,
    choice: v.choice,
    channel: v.channel,
    evidence: v.evidence,
    receipt: v.receipt,
    byUserId: v.byUserId,
    castAt: v.castAt,
  };
}

type Entry = { type: 'vote'; history: History } | { type: 'open' | 'paper_mismatch' | 'reconcile' | 'close'; record: Json };

/** Appends one link; the caller holds the ballot's row lock, so positions never race. */
export async function append(tx: Tx, ballotId: string, entry: Entry): Promise<string> {
  const [last] = await tx
    .select({ position: ballotChain.position, hash: ballotChain.hash })
    .from(ballotChain)
    .where(eq(ballotChain.ballotId, ballotId))
    .orderBy(desc(ballotChain.position))
    .limit(1);
  const previous = last?.hash ?? GENESIS;
  const record = entry.type === 'vote' ? null : { ...(entry.record as object), type: entry.type };
  const hash = entry.type === 'vote' ? linkVote(previous, voteFields(entry.history)) : link(previous, record);
  await tx.insert(ballotChain).values({
    ballotId,
    position: (last?.position ?? 0) + 1,
    type: entry.type,
    historyId: entry.type === 'vote' ? entry.history.id : null,
    record,
    encoding: entry.type === 'vote' ? 2 : 1,
    hash,
  });
  return hash;
}

export interface VerificationReport {
  ok: boolean;
  brokenAt?: number;
  chainHead: string | null;
  publishedHead: string | null;
  length: number;
  electorateHash: string;
  electorateOk: boolean;
  tallyOk?: boolean;
}

// Times as Date.toISOString() writes them, computed by the database: the chain
// is read in one pass of plain strings, with no Date made per row.
const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

type ChainRow = {
  position: number;
  history_id: string | null;
  record: Json | null;
  encoding: number;
  hash: string;
  household_id: string | null;
  choice: string | null;
  channel: string | null;
  evidence: Json;
  receipt: string | null;
  by_user_id: string | null;
  cast_at: string | null;
};

/**
 * Recomputes the chain, the electorate hash and (once closed) the tally from the
 * stored rows: the chain with each vote's history row in one query; the counted
 * votes that differ from their household's latest linked vote (compared where
 * they are, so only discrepancies travel); and the electorate's hash (canonical
 * JSON of its sorted ids, exactly as chain.ts's electorateHash).
 */
export async function verifyBallot(tx: Tx, ballot: Ballot): Promise<VerificationReport> {
  return checkEvidence(ballot, await readEvidence(tx, ballot.id));
}

/** Everything verification reads, in three queries run side by side. */
export async function readEvidence(tx: Tx, ballotId: string) {
  const [chainRows, mismatches, electorateRows] = await Promise.all([
    tx.execute<ChainRow>(sql`
      select c.position, c.history_id, c.record, c.encoding, c.hash, h.household_id, h.choice, h.channel, h.evidence, h.receipt,
        h.by_user_id, ${iso('h.cast_at')} as cast_at
      from ballot_chain c left join ballot_vote_history h on h.id = c.history_id
      where c.ballot_id = ${ballotId} order by c.position`),
    // A household's counted vote must be its latest linked vote, unchanged: any row here is a break.
    tx.execute<{ position: number | null }>(sql`
      with latest as (
        select distinct on (h.household_id) h.household_id, h.id, h.choice, h.channel, h.receipt, h.cast_at, c.position
        from ballot_chain c join ballot_vote_history h on h.id = c.history_id
        where c.ballot_id = ${ballotId} order by h.household_id, c.position desc),
      counted as (select * from ballot_votes where ballot_id = ${ballotId})
      select l.position from counted v full join latest l on l.household_id = v.household_id
      where l.id is distinct from v.history_id or l.choice is distinct from v.choice or l.channel is distinct from v.channel
        or l.receipt is distinct from v.receipt or l.cast_at is distinct from v.cast_at`),
    tx.execute<{ n: number; hash: string }>(sql`
      select count(*)::int as n, encode(sha256(convert_to(
        '[' || coalesce(string_agg('"' || household_id::text || '"', ',' order by household_id::text collate "C"), '') || ']', 'UTF8')), 'hex') as hash
      from ballot_electorate where ballot_id = ${ballotId}`),
  ]);
  return { chain: chainRows.rows, mismatches: mismatches.rows, electorate: electorateRows.rows[0]! };
}

function checkEvidence(ballot: Ballot, { chain, mismatches, electorate }: Awaited<ReturnType<typeof readEvidence>>): VerificationReport {
  const fieldsOf = (c: ChainRow): VoteFields => ({
    id: c.history_id!,
    ballotId: ballot.id,
    householdId: c.household_id!,
    choice: c.choice!,
    channel: c.channel!,
    receipt: c.receipt!,
    byUserId: c.by_user_id!,
    castAt: c.cast_at!,
    evidence: c.evidence,
  });
  const links: StoredLink[] = chain.map((c) => {
    if (!c.history_id) return { position: c.position, hash: c.hash, record: c.record };
    // A vote whose history row is gone rebuilds as nothing, and breaks its link.
    if (!c.household_id) return { position: c.position, hash: c.hash, record: null };
    const vote = fieldsOf(c);
    return c.encoding === 2
      ? { position: c.position, hash: c.hash, vote }
      : { position: c.position, hash: c.hash, record: voteRecord(vote) };
  });
  const result = verifyChain(links);
  const broken: number[] = result.ok ? [] : [result.brokenAt];

  // A counted vote with no linked vote behind it breaks the chain at its end.
  for (const m of mismatches) broken.push(m.position ?? chain.length + 1);
  const latest = new Map<string, ChainRow>();
  for (const c of chain) if (c.household_id) latest.set(c.household_id, c);

  const opened = chain[0]?.record as { electorateHash?: string } | undefined;
  const recomputed = electorate.hash;
  const electorateOk = recomputed === ballot.electorateHash && opened?.electorateHash === recomputed && electorate.n === ballot.eligible;

  let tallyOk: boolean | undefined;
  if (ballot.status === 'closed') {
    const t = count(
      electorate.n,
      [...latest.values()].map((l) => l.choice as Choice),
    );
    const sealed = ballot.result as Tally | null;
    tallyOk = !!sealed && (['eligible', 'agree', 'disagree', 'abstain', 'notVoted'] as const).every((k) => sealed[k] === t[k]);
  }
  const head = chain.at(-1)?.hash ?? null;
  const headOk = ballot.status === 'open' || ballot.chainHead === head;
  const ok = broken.length === 0 && electorateOk && tallyOk !== false && headOk;
  return {
    ok,
    ...(broken.length ? { brokenAt: Math.min(...broken) } : {}),
    chainHead: result.ok ? result.head : head,
    publishedHead: ballot.chainHead,
    length: chain.length,
    electorateHash: recomputed,
    electorateOk,
    ...(tallyOk === undefined ? {} : { tallyOk }),
  };
}
