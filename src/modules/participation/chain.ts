// The ballot's evidence: every vote, replacement and administrative action is
// a record whose hash covers the previous hash, so changing, dropping or
// reordering any stored record breaks every link after it. The encoding is
// canonical (sorted keys, no spaces) so the same record always hashes alike,
// whatever order a database or a client hands its fields back in.
import { createHash } from 'node:crypto';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every level; refuses what JSON cannot carry exactly. */
export function canonical(value: Json): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('a non-finite number has no canonical encoding');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys
    .map((k) => {
      const v = value[k];
      if (v === undefined) throw new TypeError(`${k} is undefined`);
      return `${JSON.stringify(k)}:${canonical(v)}`;
    })
    .join(',')}}`;
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash before the first record. */
export const GENESIS = '0'.repeat(64);

/** The next link: SHA-256 over the previous hash, a newline, and the record's canonical encoding. */
export function link(previous: string, record: Json): string {
  return sha256(`${previous}\n${canonical(record)}`);
}

/** The hash of a frozen electorate: its household ids, sorted, so the order they were read in does not matter. */
export function electorateHash(householdIds: readonly string[]): string {
  return sha256(canonical([...householdIds].sort()));
}

export interface StoredLink {
  /** 1-based position in the chain. */
  position: number;
  /** The record as rebuilt from the stored rows now. */
  record: Json;
  /** The hash stored when the record was appended. */
  hash: string;
}

export type Verification =
  { ok: true; head: string; length: number } | { ok: false; brokenAt: number; head: string | null; length: number };

/** Recomputes every link from the records; the first whose hash differs (or is out of place) is reported. */
export function verifyChain(links: readonly StoredLink[]): Verification {
  let previous = GENESIS;
  for (const [i, l] of links.entries()) {
    if (l.position !== i + 1 || link(previous, l.record) !== l.hash) {
      return { ok: false, brokenAt: i + 1, head: links.at(-1)?.hash ?? null, length: links.length };
    }
    previous = l.hash;
  }
  return { ok: true, head: previous, length: links.length };
}
