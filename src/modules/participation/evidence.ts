// The ballot's hash chain in the database. A vote's link is computed from its
// history row, so verification rebuilds the record from the row as it is now:
// a choice changed behind the application's back no longer hashes to the link
// stored when it was cast. Administrative actions keep their record in the chain.
import { asc, desc, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Tx } from '../../platform/db/client.ts';
import { electorateHash, GENESIS, link, verifyChain, type Json, type StoredLink } from './chain.ts';
import { ballotChain, ballotElectorate, type ballots, ballotVoteHistory, ballotVotes } from './schema.ts';
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

/** What a vote's link covers: everything about it, the choice included (the chain itself is never published). */
export function voteRecord(h: History): Json {
  return {
    type: 'vote',
    id: h.id,
    ballotId: h.ballotId,
    householdId: h.householdId,
    choice: h.choice,
    channel: h.channel,
    evidence: h.evidence as Json,
    receipt: h.receipt,
    byUserId: h.byUserId,
    castAt: h.castAt.toISOString(),
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
  const record = entry.type === 'vote' ? voteRecord(entry.history) : { ...(entry.record as object), type: entry.type };
  const hash = link(last?.hash ?? GENESIS, record);
  await tx.insert(ballotChain).values({
    ballotId,
    position: (last?.position ?? 0) + 1,
    type: entry.type,
    historyId: entry.type === 'vote' ? entry.history.id : null,
    record: entry.type === 'vote' ? null : record,
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

/** Recomputes the chain, the electorate hash and (once closed) the tally from the stored rows. */
export async function verifyBallot(tx: Tx, ballot: Ballot): Promise<VerificationReport> {
  const [chain, history, counted, electorate] = await Promise.all([
    tx.select().from(ballotChain).where(eq(ballotChain.ballotId, ballot.id)).orderBy(asc(ballotChain.position)),
    tx.select().from(ballotVoteHistory).where(eq(ballotVoteHistory.ballotId, ballot.id)),
    tx.select().from(ballotVotes).where(eq(ballotVotes.ballotId, ballot.id)),
    tx.select({ id: ballotElectorate.householdId }).from(ballotElectorate).where(eq(ballotElectorate.ballotId, ballot.id)),
  ]);
  const byId = new Map(history.map((h) => [h.id, h]));
  const positionOf = new Map<string, number>();
  const links: StoredLink[] = chain.map((c) => {
    if (c.historyId) positionOf.set(c.historyId, c.position);
    const h = c.historyId ? byId.get(c.historyId) : undefined;
    return { position: c.position, hash: c.hash, record: c.historyId ? (h ? voteRecord(h) : null) : (c.record as Json) };
  });
  const result = verifyChain(links);
  const broken: number[] = result.ok ? [] : [result.brokenAt];

  // The counted vote of each household must be its latest linked vote, unchanged.
  const latest = new Map<string, { h: History; position: number }>();
  for (const c of chain) {
    const h = c.historyId ? byId.get(c.historyId) : undefined;
    if (h) latest.set(h.householdId, { h, position: c.position });
  }
  for (const v of counted) {
    const l = latest.get(v.householdId);
    const same =
      l &&
      l.h.id === v.historyId &&
      l.h.choice === v.choice &&
      l.h.channel === v.channel &&
      l.h.receipt === v.receipt &&
      l.h.castAt.getTime() === v.castAt.getTime();
    if (!same) broken.push(positionOf.get(v.historyId) ?? l?.position ?? chain.length + 1);
  }
  if (counted.length !== latest.size) broken.push(chain.length + 1);

  const opened = chain[0]?.record as { electorateHash?: string } | undefined;
  const recomputed = electorateHash(electorate.map((e) => e.id));
  const electorateOk =
    recomputed === ballot.electorateHash && opened?.electorateHash === recomputed && electorate.length === ballot.eligible;

  let tallyOk: boolean | undefined;
  if (ballot.status === 'closed') {
    const t = count(
      electorate.length,
      [...latest.values()].map((l) => l.h.choice as Choice),
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
