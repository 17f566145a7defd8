// What would bring chain verification to the raw SHA-256 rate: a bench-local
// prototype, not the module's code. Nearly every link of a real chain is a
// vote, whose record always has voteRecord()'s ten keys; writing those keys in
// their sorted order straight into one template skips canonical()'s per-object
// Object.keys + sort + map + join. Non-vote records (open, close, …) fall back
// to canonical(). The output is asserted byte-identical to canonical() first.
import { createHash } from 'node:crypto';
import { canonical, GENESIS, type Json, type StoredLink, type Verification } from '../../src/modules/participation/chain.ts';

// voteRecord()'s keys in sorted order; all but `evidence` hold strings.
const VOTE_KEYS = ['ballotId', 'byUserId', 'castAt', 'channel', 'choice', 'evidence', 'householdId', 'id', 'receipt', 'type'] as const;

/** canonical(record), specialised for the vote record shape; anything else goes the general way. */
export function fastCanonical(record: Json): string {
  if (record === null || typeof record !== 'object' || Array.isArray(record) || record.type !== 'vote') return canonical(record);
  // Ten own keys, each of the ten names present: exactly the vote shape, checked without sorting.
  if (Object.keys(record).length !== VOTE_KEYS.length) return canonical(record);
  let out = '{';
  for (const k of VOTE_KEYS) {
    const v = record[k];
    if (v === undefined || (k !== 'evidence' && typeof v !== 'string')) return canonical(record);
    out += `${out.length > 1 ? ',' : ''}"${k}":${k === 'evidence' ? canonical(v) : JSON.stringify(v)}`;
  }
  return out + '}';
}

/** verifyChain with the specialised encoder: same inputs, same hashes, same answer. */
export function fastVerifyChain(links: readonly StoredLink[]): Verification {
  let previous = GENESIS;
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    const hash = createHash('sha256')
      .update(`${previous}\n${fastCanonical(l.record)}`, 'utf8')
      .digest('hex');
    if (l.position !== i + 1 || hash !== l.hash)
      return { ok: false, brokenAt: i + 1, head: links.at(-1)?.hash ?? null, length: links.length };
    previous = l.hash;
  }
  return { ok: true, head: previous, length: links.length };
}

/** Throws unless the prototype encodes every one of `links` exactly as canonical() does. */
export function assertSameEncoding(links: readonly StoredLink[]): void {
  for (const l of links) if (fastCanonical(l.record) !== canonical(l.record)) throw new Error(`fastCanonical differs at ${l.position}`);
}
