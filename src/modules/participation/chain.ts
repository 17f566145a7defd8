// The ballot's evidence: every vote, replacement and administrative action is
// a record whose hash covers the previous hash, so changing, dropping or
// reordering any stored record breaks every link after it. The encoding is
// canonical (sorted keys, no spaces) so the same record always hashes alike,
// whatever order a database or a client hands its fields back in.
import { createHash } from 'node:crypto';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * JSON with object keys sorted at every level; refuses what JSON cannot carry
 * exactly. Written as plain loops, and a sort only when keys come unsorted:
 * verification encodes every link's evidence this way.
 */
export function canonical(value: Json): string {
  // The fast path: what is already in canonical order (evidence as jsonb hands it back, mostly) is
  // written by the engine's own JSON.stringify, byte for byte what the loops below would write.
  if (typeof value === 'object' && value !== null && inCanonicalOrder(value)) return JSON.stringify(value);
  return canonicalSlow(value);
}

/**
 * Whether JSON.stringify would write `value` exactly as canonicalSlow: every object's keys, in the
 * order the engine lists them (integer-like keys first), already sorted as strings, and nothing
 * canonicalSlow refuses (a non-finite number, an undefined value).
 */
function inCanonicalOrder(value: Json): boolean {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (!(typeof v === 'object' && v !== null ? inCanonicalOrder(v) : plain(v))) return false;
    }
    return true;
  }
  const o = value as { [key: string]: Json };
  const keys = Object.keys(o);
  for (let i = 0; i < keys.length; i++) {
    if (i && keys[i - 1]! > keys[i]!) return false;
    const v = o[keys[i]!];
    if (!(typeof v === 'object' && v !== null ? inCanonicalOrder(v) : plain(v))) return false;
  }
  return true;
}

const plain = (v: unknown) =>
  typeof v === 'string' || typeof v === 'boolean' || v === null || (typeof v === 'number' && Number.isFinite(v));

/** canonical() without the fast path: exported for the test that holds the two equal. */
export function canonicalSlow(value: Json): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('a non-finite number has no canonical encoding');
      return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalSlow(value[i]!);
    return out + ']';
  }
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i++)
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = value[k];
    if (v === undefined) throw new TypeError(`${k} is undefined`);
    out += (i ? ',' : '') + JSON.stringify(k) + ':' + canonicalSlow(v);
  }
  return out + '}';
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash before the first record. */
export const GENESIS = '0'.repeat(64);

/** The next link: SHA-256 over the previous hash, a newline, and the record's canonical encoding. */
export function link(previous: string, record: Json): string {
  return sha256(`${previous}\n${canonical(record)}`);
}

/** What a vote link covers: everything about the vote, the choice included (the chain itself is never published). */
export interface VoteFields {
  id: string;
  ballotId: string;
  householdId: string;
  choice: string;
  channel: string;
  receipt: string;
  byUserId: string;
  /** ISO 8601, as Date.toISOString() writes it. */
  castAt: string;
  evidence: Json;
}

/**
 * Encoding 2 of a vote link's record: a fixed tag, then the fields one per line
 * in a fixed order, the evidence last as canonical JSON. Votes fill nearly the
 * whole chain, and this encodes one in a single template instead of sorting
 * keys at every level. No field but the last can hold a newline (ids, enums,
 * receipt letters, an ISO time), so the lines cannot be shifted into each other.
 */
export function voteInput(v: VoteFields): string {
  return `vote/2\n${v.id}\n${v.ballotId}\n${v.householdId}\n${v.choice}\n${v.channel}\n${v.receipt}\n${v.byUserId}\n${v.castAt}\n${canonical(v.evidence)}`;
}

/** The previous hash, a newline and voteInput(v), written as one string (verification's hot loop). */
export function linkVote(previous: string, v: VoteFields): string {
  return sha256(
    `${previous}\nvote/2\n${v.id}\n${v.ballotId}\n${v.householdId}\n${v.choice}\n${v.channel}\n${v.receipt}\n${v.byUserId}\n${v.castAt}\n${canonical(v.evidence)}`,
  );
}

/** The hash of a frozen electorate: its household ids, sorted, so the order they were read in does not matter. */
export function electorateHash(householdIds: readonly string[]): string {
  return sha256(canonical([...householdIds].sort()));
}

/**
 * A link as read back: its 1-based position, the hash stored when it was
 * appended, and what it covers as rebuilt from the stored rows now: a record
 * (canonical JSON: administrative actions, and votes linked before encoding 2)
 * or a vote's fields (encoding 2).
 */
export type StoredLink = { position: number; hash: string } & ({ record: Json } | { vote: VoteFields });

export type Verification =
  { ok: true; head: string; length: number } | { ok: false; brokenAt: number; head: string | null; length: number };

/**
 * Recomputes every link; the first whose hash differs (or is out of place) is
 * reported. Each link is checked against the stored hash before it, so a
 * broken link is found at its own position and not blamed on the ones after.
 */
export function verifyChain(links: readonly StoredLink[]): Verification {
  let previous = GENESIS;
  for (const [i, l] of links.entries()) {
    const hash = 'vote' in l ? linkVote(previous, l.vote) : link(previous, l.record);
    if (l.position !== i + 1 || hash !== l.hash) {
      return { ok: false, brokenAt: i + 1, head: links.at(-1)?.hash ?? null, length: links.length };
    }
    previous = l.hash;
  }
  return { ok: true, head: previous, length: links.length };
}
