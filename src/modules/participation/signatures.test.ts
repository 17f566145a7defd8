import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signingKey } from '../../platform/signing.ts';
import { GENESIS, link } from './chain.ts';
import { checkSignatures, headSignatureValid, signHead, verifySignedChain } from './signatures.ts';

const pem = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const key = signingKey(pem());
const BALLOT = '0193a7c2-5d1e-7abc-8def-0123456789ab';

function chain(n: number, k = key) {
  let previous = GENESIS;
  return Array.from({ length: n }, (_, i) => {
    const record = { n: i };
    previous = link(previous, record);
    return { position: i + 1, hash: previous, record, signature: signHead(k, BALLOT, i + 1, previous) as string | null, keyId: k.keyId };
  });
}

describe('signed heads', () => {
  it('reads a key as PEM, base64 PKCS#8 DER or the base64url 32-byte seed, and names it by its public half', () => {
    const text = pem();
    const der = Buffer.from(text.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const a = signingKey(text);
    expect(signingKey(der.toString('base64')).keyId).toBe(a.keyId);
    expect(signingKey(der.subarray(-32).toString('base64url')).keyId).toBe(a.keyId);
    expect(a.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(() =>
      signingKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()),
    ).toThrow(/ed25519/);
  });

  it('binds a signature to its ballot, position and head', () => {
    const sig = signHead(key, BALLOT, 3, 'a'.repeat(64));
    expect(headSignatureValid(key, BALLOT, 3, 'a'.repeat(64), sig, key.keyId)).toBe(true);
    expect(headSignatureValid(key, BALLOT, 4, 'a'.repeat(64), sig, key.keyId)).toBe(false);
    expect(headSignatureValid(key, BALLOT, 3, 'b'.repeat(64), sig, key.keyId)).toBe(false);
    expect(headSignatureValid(key, BALLOT.replace('ab', 'ac'), 3, 'a'.repeat(64), sig, key.keyId)).toBe(false);
    expect(headSignatureValid(key, BALLOT, 3, 'a'.repeat(64), sig, 'another-key')).toBe(false);
    expect(headSignatureValid(signingKey(pem()), BALLOT, 3, 'a'.repeat(64), sig, null)).toBe(false);
  });

  it('names the first forged position; an unsigned prefix is allowed only when the ballot is not known to be signed from its opening', () => {
    const links = chain(6);
    expect(checkSignatures(key, BALLOT, links, true)).toEqual({ signed: 6 });
    const other = chain(6, signingKey(pem()));
    expect(checkSignatures(key, BALLOT, [...links.slice(0, 3), ...other.slice(3)], true)).toEqual({ signed: 6, forgedAt: 4 });
    const legacy = links.map((l, i) => (i < 2 ? { ...l, signature: null } : l));
    expect(checkSignatures(key, BALLOT, legacy, false)).toEqual({ signed: 4 });
    expect(checkSignatures(key, BALLOT, legacy, true)).toEqual({ signed: 4, forgedAt: 1 });
    const gap = links.map((l, i) => (i === 4 ? { ...l, signature: null } : l));
    expect(checkSignatures(key, BALLOT, gap, false)).toEqual({ signed: 5, forgedAt: 5 });
  });

  it('verifies a chain per head: every hash, and the last head’s signature', () => {
    const links = chain(20);
    expect(verifySignedChain(key, BALLOT, links)).toMatchObject({ ok: true, headSigned: true, length: 20 });
    const last = links.at(-1)!;
    expect(verifySignedChain(key, BALLOT, [...links.slice(0, -1), { ...last, signature: links[0]!.signature }]).headSigned).toBe(false);
  });
});
