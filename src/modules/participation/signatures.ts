// Signed chain heads. Each link's head is signed when it is appended (a vote,
// the close, and every administrative action) with the key kept outside the
// database, over a fixed encoding with its own prefix, so no other signature
// the key makes can pass for a ballot head.
import type { SigningKey } from '../../platform/signing.ts';
import { verifyChain, type StoredLink, type Verification } from './chain.ts';

const PREFIX = 'renova/ballot-head/v1';

/** What is signed: the prefix, the ballot, the position and the head hash, one per line (none can hold a newline). */
export const headMessage = (ballotId: string, position: number, head: string): Buffer =>
  Buffer.from(`${PREFIX}\n${ballotId}\n${position}\n${head}`, 'utf8');

export const signHead = (key: SigningKey, ballotId: string, position: number, head: string): string =>
  key.sign(headMessage(ballotId, position, head));

// Signatures already checked in this process, with what they were checked over. Verification is a
// pure function of (key, message, signature), so a pair found valid once stays valid: a ballot
// verified again re-hashes its whole chain but checks only the signatures it has not seen (a
// rewritten link brings a new head, so it is checked). Oldest entries go first past the cap.
const checked = new Map<string, string>();
const CHECKED_MAX = 100_000;

/** Whether `signature` is the key's signature over this head; a signature by another key id does not check. */
export function headSignatureValid(
  key: SigningKey,
  ballotId: string,
  position: number,
  head: string,
  signature: string | null,
  keyId: string | null,
): boolean {
  if (!signature || (keyId !== null && keyId !== key.keyId)) return false;
  const what = `${key.keyId}\n${ballotId}\n${position}\n${head}`;
  if (checked.get(signature) === what) return true;
  if (!key.verify(headMessage(ballotId, position, head), signature)) return false;
  checked.set(signature, what);
  if (checked.size > CHECKED_MAX) checked.delete(checked.keys().next().value!);
  return true;
}

export interface SignedLink {
  position: number;
  hash: string;
  signature: string | null;
  keyId: string | null;
}

export interface SignatureCheck {
  /** Links carrying a signature. */
  signed: number;
  /** The first position whose signature is missing or does not check, from the first signed link on (or from 1 when `mustBeSigned`). */
  forgedAt?: number;
}

/**
 * Every link's signature. Links before the first signed one are from before
 * signing existed (a ballot opened earlier) and may carry none, unless the
 * anchor log says the ballot was signed from its opening: then an unsigned
 * link is a forged one (stripping signatures cannot pass for an old ballot).
 */
export function checkSignatures(key: SigningKey, ballotId: string, links: readonly SignedLink[], mustBeSigned: boolean): SignatureCheck {
  let signed = 0;
  let forgedAt: number | undefined;
  let started = mustBeSigned;
  for (const l of links) {
    if (l.signature) {
      signed++;
      started = true;
    }
    if (!started || forgedAt !== undefined) continue;
    if (!headSignatureValid(key, ballotId, l.position, l.hash, l.signature, l.keyId)) forgedAt = l.position;
  }
  return forgedAt === undefined ? { signed } : { signed, forgedAt };
}

/**
 * The whole chain re-hashed, and its signature checked per head rather than per
 * link: the last link's signature covers every link before it through the
 * hashes. What the in-process benchmark times over a million votes.
 */
export function verifySignedChain(
  key: SigningKey,
  ballotId: string,
  links: readonly (StoredLink & { signature: string | null })[],
): Verification & { headSigned: boolean } {
  const result = verifyChain(links);
  const last = links.at(-1);
  const headSigned = !!last && headSignatureValid(key, ballotId, last.position, last.hash, last.signature, null);
  return { ...result, headSigned };
}
