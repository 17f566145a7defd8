// The ballot's hash chain in the database. A vote's link is computed from its
// history row, so verification rebuilds the record from the row as it is now:
// a choice changed behind the application's back no longer hashes to the link
// stored when it was cast. Administrative actions keep their record in the chain.
// Every head is signed as it is appended, with a key the database does not hold,
// and the heads at opening and close go to the anchor log outside it (anchors.ts):
// a chain recomputed by someone who can only write the database is found out.
// The electorate's hash is recomputed in SQL (chain.ts's electorateHash, where
// the ids are), and tested equal to it by every verification test.
import { desc, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { SigningKey } from '../../platform/signing.ts';
import { anchorLog, type AnchorLine } from './anchors.ts';
import { GENESIS, link, linkVote, verifyChain, type Json, type StoredLink, type VoteFields } from './chain.ts';
import { ballotChain, type ballots, type ballotVoteHistory } from './schema.ts';
import { checkSignatures, signHead } from './signatures.ts';
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

export interface Appended {
  position: number;
  hash: string;
  signature: string;
  keyId: string;
}

/** Appends one link and signs its head; the caller holds the ballot's row lock, so positions never race. */
export async function append(tx: Tx, key: SigningKey, ballotId: string, entry: Entry): Promise<Appended> {
  const [last] = await tx
    .select({ position: ballotChain.position, hash: ballotChain.hash })
    .from(ballotChain)
    .where(eq(ballotChain.ballotId, ballotId))
    .orderBy(desc(ballotChain.position))
    .limit(1);
  const previous = last?.hash ?? GENESIS;
  const record = entry.type === 'vote' ? null : { ...(entry.record as object), type: entry.type };
  const hash = entry.type === 'vote' ? linkVote(previous, voteFields(entry.history)) : link(previous, record);
  const position = (last?.position ?? 0) + 1;
  const signature = signHead(key, ballotId, position, hash);
  await tx.insert(ballotChain).values({
    ballotId,
    position,
    type: entry.type,
    historyId: entry.type === 'vote' ? entry.history.id : null,
    record,
    encoding: entry.type === 'vote' ? 2 : 1,
    hash,
    signature,
    keyId: key.keyId,
  });
  return { position, hash, signature, keyId: key.keyId };
}

/**
 * Writes a signed head to the anchor log. Called as the last step of the opening's or the close's
 * transaction: a line whose transaction then fails names a ballot that never opened, or is
 * superseded by the close that does commit (the log keeps each ballot's last close).
 */
export async function anchor(
  ctx: Pick<AppContext, 'env'>,
  ballotId: string,
  event: 'open' | 'close',
  head: Appended,
  at: Date,
): Promise<AnchorLine> {
  const { position, hash, signature, keyId } = head;
  return anchorLog(ctx.env.dataDir).append({ event, ballotId, position, head: hash, signature, keyId, at: at.toISOString() });
}

export type Reason =
  | 'chain_broken'
  | 'head_mismatch'
  | 'electorate_mismatch'
  | 'tally_mismatch'
  | 'signature_forged'
  | 'anchor_missing'
  | 'anchor_mismatch'
  | 'unanchored';

export interface AnchorCheck {
  /** matched: the log's close line names this chain's last link; none: the ballot is open, or from before anchoring. */
  status: 'matched' | 'mismatch' | 'missing' | 'none';
  position?: number;
  head?: string;
  signature?: string;
  at?: string;
  lineHash?: string;
}

export interface ChainComposition {
  open: number;
  /** Every vote as cast, a changed vote included; `households` of them count (each household's latest). */
  votes: number;
  households: number;
  paperMismatches: number;
  reconciles: number;
  close: number;
}

/** Counts a chain's links by kind: a vote link has a history row, every other link names its type in its record. */
export function chainComposition(links: { historyId: string | null; record: Json | null; householdId: string | null }[]): ChainComposition {
  const c: ChainComposition = { open: 0, votes: 0, households: 0, paperMismatches: 0, reconciles: 0, close: 0 };
  const households = new Set<string>();
  for (const l of links) {
    if (l.historyId) {
      c.votes += 1;
      if (l.householdId) households.add(l.householdId);
      continue;
    }
    const type = (l.record as { type?: string } | null)?.type;
    if (type === 'open') c.open += 1;
    else if (type === 'close') c.close += 1;
    else if (type === 'paper_mismatch') c.paperMismatches += 1;
    else if (type === 'reconcile') c.reconciles += 1;
  }
  c.households = households.size;
  return c;
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
  /** The signing key's id; links signed, and the first position whose signature is missing or does not check. */
  keyId: string;
  signedLinks: number;
  forgedAt?: number;
  anchor: AnchorCheck;
  /** What the chain's links are: length = open + votes + paperMismatches + reconciles + close. */
  composition: ChainComposition;
  /** Every finding; 'unanchored' (a ballot from before signing: its hash chain alone is checked) does not make `ok` false. */
  reasons: Reason[];
}

// Times as Date.toISOString() writes them, computed by the database: the chain
// is read in one pass of plain strings, with no Date made per row.
const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// The chain row, in array mode (fewer objects per row): the indices below name its columns.
const CHAIN_SQL = `
  select c.position, c.history_id, c.record, c.encoding, c.hash, c.signature, c.key_id, h.household_id, h.choice, h.channel,
    h.evidence, h.receipt, h.by_user_id, ${iso('h.cast_at')}
  from ballot_chain c left join ballot_vote_history h on h.id = c.history_id
  where c.ballot_id = $1 order by c.position`;
type ChainRow = [
  position: number,
  historyId: string | null,
  record: Json | null,
  encoding: number,
  hash: string,
  signature: string | null,
  keyId: string | null,
  householdId: string | null,
  choice: string | null,
  channel: string | null,
  evidence: Json,
  receipt: string | null,
  byUserId: string | null,
  castAt: string | null,
];

// A household's counted vote must be its latest linked vote, unchanged: any row here is a break.
const MISMATCH_SQL = `
  with latest as (
    select distinct on (h.household_id) h.household_id, h.id, h.choice, h.channel, h.receipt, h.cast_at, c.position
    from ballot_chain c join ballot_vote_history h on h.id = c.history_id
    where c.ballot_id = $1 order by h.household_id, c.position desc),
  counted as (select * from ballot_votes where ballot_id = $1)
  select l.position from counted v full join latest l on l.household_id = v.household_id
  where l.id is distinct from v.history_id or l.choice is distinct from v.choice or l.channel is distinct from v.channel
    or l.receipt is distinct from v.receipt or l.cast_at is distinct from v.cast_at`;

const ELECTORATE_SQL = `
  select count(*)::int, encode(sha256(convert_to(
    '[' || coalesce(string_agg('"' || household_id::text || '"', ',' order by household_id::text collate "C"), '') || ']', 'UTF8')), 'hex')
  from ballot_electorate where ballot_id = $1`;

/**
 * Recomputes the chain, its signatures, the electorate hash and (once closed) the tally from the
 * stored rows, and holds the heads against the anchor log: the chain with each vote's history row
 * in one query; the counted votes that differ from their household's latest linked vote (compared
 * where they are, so only discrepancies travel); and the electorate's hash (canonical JSON of its
 * sorted ids, exactly as chain.ts's electorateHash).
 */
export async function verifyBallot(
  ctx: AppContext,
  ballot: Ballot,
  evidence?: Promise<Awaited<ReturnType<typeof readEvidence>>>,
): Promise<VerificationReport> {
  const read = await (evidence ?? readEvidence(ctx.database.pool, ballot.id));
  return checkEvidence(ctx.signingKey, ballot, read, anchorLog(ctx.env.dataDir).find(ballot.id));
}

/** Everything verification reads, in three queries run side by side straight on the pool, rows as arrays. */
export async function readEvidence(pool: pg.Pool, ballotId: string) {
  const q = <R extends unknown[]>(text: string) => pool.query<R>({ text, values: [ballotId], rowMode: 'array' });
  const [chainRows, mismatches, electorateRows] = await Promise.all([
    q<ChainRow>(CHAIN_SQL),
    q<[number | null]>(MISMATCH_SQL),
    q<[number, string]>(ELECTORATE_SQL),
  ]);
  const [n, hash] = electorateRows.rows[0]!;
  return { chain: chainRows.rows, mismatches: mismatches.rows.map((r) => r[0]), electorate: { n, hash } };
}

function checkEvidence(
  key: SigningKey,
  ballot: Ballot,
  { chain, mismatches, electorate }: Awaited<ReturnType<typeof readEvidence>>,
  anchored: { open?: AnchorLine; close?: AnchorLine },
): VerificationReport {
  const links: StoredLink[] = new Array(chain.length);
  const latest = new Map<string, string>();
  for (let i = 0; i < chain.length; i++) {
    const c = chain[i]!;
    const [position, historyId, record, encoding, hash] = c;
    if (!historyId) {
      links[i] = { position, hash, record };
      continue;
    }
    const householdId = c[7];
    // A vote whose history row is gone rebuilds as nothing, and breaks its link.
    if (!householdId) {
      links[i] = { position, hash, record: null };
      continue;
    }
    latest.set(householdId, c[8]!);
    const vote: VoteFields = {
      id: historyId,
      ballotId: ballot.id,
      householdId,
      choice: c[8]!,
      channel: c[9]!,
      receipt: c[11]!,
      byUserId: c[12]!,
      castAt: c[13]!,
      evidence: c[10],
    };
    links[i] = encoding === 2 ? { position, hash, vote } : { position, hash, record: voteRecord(vote) };
  }
  const result = verifyChain(links);
  const broken: number[] = result.ok ? [] : [result.brokenAt];
  // A counted vote with no linked vote behind it breaks the chain at its end.
  for (const m of mismatches) broken.push(m ?? chain.length + 1);

  const opened = chain[0]?.[2] as { electorateHash?: string } | undefined;
  const electorateOk =
    electorate.hash === ballot.electorateHash && opened?.electorateHash === electorate.hash && electorate.n === ballot.eligible;

  let tallyOk: boolean | undefined;
  if (ballot.status === 'closed') {
    const t = count(electorate.n, [...latest.values()] as Choice[]);
    const sealed = ballot.result as Tally | null;
    tallyOk = !!sealed && (['eligible', 'agree', 'disagree', 'abstain', 'notVoted'] as const).every((k) => sealed[k] === t[k]);
  }
  const last = chain.at(-1);
  const head = last?.[4] ?? null;
  const headOk = ballot.status === 'open' || ballot.chainHead === head;

  const signatures = checkSignatures(
    key,
    ballot.id,
    chain.map((c) => ({ position: c[0], hash: c[4], signature: c[5], keyId: c[6] })),
    !!anchored.open,
  );
  const unanchored = signatures.signed === 0 && !anchored.open && !anchored.close;
  let anchor: AnchorCheck = { status: 'none' };
  const close = anchored.close;
  if (close) {
    const matches =
      !!last && close.position === last[0] && close.head === last[4] && close.signature === last[5] && close.head === ballot.chainHead;
    anchor = {
      status: matches ? 'matched' : 'mismatch',
      position: close.position,
      head: close.head,
      signature: close.signature,
      at: close.at,
      lineHash: close.lineHash,
    };
  } else if (ballot.status === 'closed' && !unanchored) anchor = { status: 'missing' };

  const reasons: Reason[] = [];
  if (broken.length) reasons.push('chain_broken');
  if (!headOk) reasons.push('head_mismatch');
  if (!electorateOk) reasons.push('electorate_mismatch');
  if (tallyOk === false) reasons.push('tally_mismatch');
  if (signatures.forgedAt !== undefined) reasons.push('signature_forged');
  if (anchor.status === 'mismatch') reasons.push('anchor_mismatch');
  if (anchor.status === 'missing') reasons.push('anchor_missing');
  if (unanchored) reasons.push('unanchored');
  return {
    ok: reasons.every((r) => r === 'unanchored'),
    ...(broken.length ? { brokenAt: Math.min(...broken) } : {}),
    chainHead: result.ok ? result.head : head,
    publishedHead: ballot.chainHead,
    length: chain.length,
    electorateHash: electorate.hash,
    electorateOk,
    ...(tallyOk === undefined ? {} : { tallyOk }),
    keyId: key.keyId,
    signedLinks: signatures.signed,
    ...(signatures.forgedAt === undefined ? {} : { forgedAt: signatures.forgedAt }),
    anchor,
    composition: chainComposition(chain.map((c) => ({ historyId: c[1], record: c[2], householdId: c[7] }))),
    reasons,
  };
}
