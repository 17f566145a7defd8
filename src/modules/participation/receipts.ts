// A receipt checked by whoever holds it. The receipt code (60 random bits) is
// the bearer's proof: a paper voter has no account, so the check is public and
// answers only for that one receipt. It names the household's position, the
// head after its vote and that head's signature, and whether they still check
// against the key, the chain as stored now and the anchor log.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/http/problem.ts';
import { anchorLog, publicAnchor } from './anchors.ts';
import { verifyBallot, type Reason } from './evidence.ts';
import { participationMessages as pcm } from './messages.ts';
import { ballotChain, ballots, ballotVoteHistory, ballotVotes } from './schema.ts';
import { headSignatureValid } from './signatures.ts';

export type ReceiptReason = Reason | 'receipt_signature_invalid' | 'receipt_unsigned' | 'held_head_differs' | 'held_signature_differs';

export interface ReceiptCheck {
  ballotId: string;
  receipt: string;
  ballotStatus: 'open' | 'closed';
  position: number;
  head: string;
  signature: string | null;
  keyId: string | null;
  /** Whether this vote is the household's counted one (a revote under "last counts" supersedes it). */
  counted: boolean;
  castAt: string;
  signatureOk: boolean;
  /** The whole ballot's verification: chain, signatures, electorate, tally and anchor. */
  ballotOk: boolean;
  forgedAt?: number;
  anchoredHead: string | null;
  valid: boolean;
  reasons: ReceiptReason[];
}

/** Checks one receipt; `held` is the head and signature the resident kept from the moment of voting, when given. */
export async function checkReceipt(
  ctx: AppContext,
  ballotId: string,
  receipt: string,
  held: { head?: string; signature?: string } = {},
): Promise<ReceiptCheck> {
  const [ballot] = await ctx.db.select().from(ballots).where(eq(ballots.id, ballotId)).limit(1);
  if (!ballot) throw notFound(pcm.msg('ballot.entity', { id: ballotId }));
  const [row] = await ctx.db
    .select({
      historyId: ballotVoteHistory.id,
      castAt: ballotVoteHistory.castAt,
      position: ballotChain.position,
      head: ballotChain.hash,
      signature: ballotChain.signature,
      keyId: ballotChain.keyId,
      countedId: ballotVotes.historyId,
    })
    .from(ballotVoteHistory)
    .innerJoin(ballotChain, and(eq(ballotChain.ballotId, ballotVoteHistory.ballotId), eq(ballotChain.historyId, ballotVoteHistory.id)))
    .leftJoin(ballotVotes, eq(ballotVotes.historyId, ballotVoteHistory.id))
    .where(and(eq(ballotVoteHistory.ballotId, ballotId), eq(ballotVoteHistory.receipt, receipt)))
    .limit(1);
  if (!row) throw notFound(pcm.msg('receipt.entity', { id: receipt, ballot: ballotId }));
  const report = await verifyBallot(ctx, ballot);
  const signatureOk = headSignatureValid(ctx.signingKey, ballotId, row.position, row.head, row.signature, row.keyId);
  const reasons: ReceiptReason[] = [...report.reasons];
  if (!row.signature) reasons.push('receipt_unsigned');
  else if (!signatureOk) reasons.push('receipt_signature_invalid');
  if (held.head && held.head !== row.head) reasons.push('held_head_differs');
  if (held.signature && held.signature !== row.signature) reasons.push('held_signature_differs');
  const close = anchorLog(ctx.env.dataDir).find(ballotId).close;
  return {
    ballotId,
    receipt,
    ballotStatus: ballot.status,
    position: row.position,
    head: row.head,
    signature: row.signature,
    keyId: row.keyId,
    counted: row.countedId === row.historyId,
    castAt: row.castAt.toISOString(),
    signatureOk,
    ballotOk: report.ok,
    ...(report.forgedAt === undefined ? {} : { forgedAt: report.forgedAt }),
    anchoredHead: close?.head ?? null,
    // A receipt from before signing is unsigned; the ballot's check (which fails on an unsigned link after a signed one,
    // or in a ballot anchored at its opening) says whether the chain still covers it.
    valid: report.ok && reasons.every((r) => r === 'unanchored' || r === 'receipt_unsigned'),
    reasons,
  };
}

export interface AnchorCheckAnswer {
  ballotId: string;
  title: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  /** The close as the anchor log outside the database keeps it; null while open or for a ballot from before anchoring. */
  anchor: { position: number; head: string; signature: string; keyId: string; at: string; lineHash: string } | null;
  /** The log's signature over the log's head checks against the key. */
  signatureOk: boolean;
  ballotOk: boolean;
  forgedAt?: number;
  valid: boolean;
  reasons: (Reason | 'not_anchored' | 'held_head_differs' | 'held_signature_differs')[];
}

/** The public notice's QR code leads here: the close head from the anchor log, checked against the key and the chain as stored now. */
export async function checkAnchor(
  ctx: AppContext,
  ballotId: string,
  held: { head?: string; signature?: string } = {},
): Promise<AnchorCheckAnswer> {
  const [ballot] = await ctx.db.select().from(ballots).where(eq(ballots.id, ballotId)).limit(1);
  if (!ballot) throw notFound(pcm.msg('ballot.entity', { id: ballotId }));
  const report = await verifyBallot(ctx, ballot);
  const close = anchorLog(ctx.env.dataDir).find(ballotId).close;
  const signatureOk = !!close && headSignatureValid(ctx.signingKey, ballotId, close.position, close.head, close.signature, close.keyId);
  const reasons: AnchorCheckAnswer['reasons'] = [...report.reasons];
  if (!close) reasons.push('not_anchored');
  if (held.head && held.head !== close?.head) reasons.push('held_head_differs');
  if (held.signature && held.signature !== close?.signature) reasons.push('held_signature_differs');
  return {
    ballotId,
    title: ballot.title,
    status: ballot.status,
    closedAt: ballot.closedAt?.toISOString() ?? null,
    anchor: publicAnchor(close),
    signatureOk,
    ballotOk: report.ok,
    ...(report.forgedAt === undefined ? {} : { forgedAt: report.forgedAt }),
    valid: report.ok && signatureOk && reasons.every((r) => r === 'unanchored'),
    reasons,
  };
}
