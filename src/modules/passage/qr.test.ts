// The gate's offline check (Acceptance 2), with nothing but the public key, the clock and the revocation list: a good
// code passes with its claims; expired, not yet valid, altered, another compound's and revoked codes are each refused
// with their own reason; any one character changed is refused.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gateKey, signAccessQr, verifyAccessQr, type AccessClaims } from './qr.ts';

function compound() {
  const pair = generateKeyPairSync('ed25519');
  const raw = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { privateKey: pair.privateKey, raw, publicKey: raw.toString('base64url'), compoundId: randomUUID() };
}

const a = compound();
const b = compound();
const now = new Date('2026-12-03T08:00:00.000Z');
const claims = (over: Partial<AccessClaims> = {}): AccessClaims => ({
  kind: 'resident',
  singleEntry: false,
  compoundId: a.compoundId,
  credentialId: randomUUID(),
  notBefore: now,
  expiresAt: new Date(now.getTime() + 300_000),
  ...over,
});
const none = new Set<string>();

describe('verifyAccessQr', () => {
  it('accepts a good code with only the public key, and reads its claims back', () => {
    const c = claims();
    const qr = signAccessQr(a.privateKey, a.raw, c);
    expect(qr).toMatch(/^RA1[A-Za-z0-9_-]{154}$/);
    const v = verifyAccessQr(a.publicKey, qr, new Date(now.getTime() + 1000), none);
    expect(v).toEqual({ ok: true, claims: c });
    // A prepared key gives the same answer (what a gate holds all day).
    expect(verifyAccessQr(gateKey(a.publicKey), qr, now, none)).toEqual(v);
  });

  it('refuses a code from its expiry on, and before its start', () => {
    const c = claims({ notBefore: new Date(now.getTime() + 60_000), expiresAt: new Date(now.getTime() + 120_000) });
    const qr = signAccessQr(a.privateKey, a.raw, c);
    expect(verifyAccessQr(a.publicKey, qr, new Date(now.getTime() + 59_999), none)).toEqual({ ok: false, reason: 'not_yet_valid' });
    expect(verifyAccessQr(a.publicKey, qr, new Date(now.getTime() + 60_000), none).ok).toBe(true);
    expect(verifyAccessQr(a.publicKey, qr, new Date(now.getTime() + 119_999), none).ok).toBe(true);
    expect(verifyAccessQr(a.publicKey, qr, new Date(now.getTime() + 120_000), none)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses an altered code: a later expiry written into the payload, or a changed signature', () => {
    const qr = signAccessQr(a.privateKey, a.raw, claims());
    const bytes = Buffer.from(qr.slice(3), 'base64url');
    bytes.writeUInt32BE(bytes.readUInt32BE(47) + 86_400, 47);
    expect(verifyAccessQr(a.publicKey, 'RA1' + bytes.toString('base64url'), now, none)).toEqual({ ok: false, reason: 'altered' });
    const sig = Buffer.from(qr.slice(3), 'base64url');
    sig[80]! ^= 1;
    expect(verifyAccessQr(a.publicKey, 'RA1' + sig.toString('base64url'), now, none)).toEqual({ ok: false, reason: 'altered' });
  });

  it("refuses another compound's code as wrong_compound, even re-signed claims naming this compound", () => {
    const other = signAccessQr(b.privateKey, b.raw, claims({ compoundId: b.compoundId }));
    expect(verifyAccessQr(a.publicKey, other, now, none)).toEqual({ ok: false, reason: 'wrong_compound' });
    const forged = signAccessQr(b.privateKey, b.raw, claims());
    expect(verifyAccessQr(a.publicKey, forged, now, none)).toEqual({ ok: false, reason: 'wrong_compound' });
    // The key id copied from a good code does not help: the signature is then another key's.
    const good = Buffer.from(signAccessQr(a.privateKey, a.raw, claims()).slice(3), 'base64url');
    const bad = Buffer.from(forged.slice(3), 'base64url');
    good.copy(bad, 3, 3, 11);
    expect(verifyAccessQr(a.publicKey, 'RA1' + bad.toString('base64url'), now, none)).toEqual({ ok: false, reason: 'altered' });
  });

  it('refuses a revoked code by its credential id', () => {
    const c = claims();
    const qr = signAccessQr(a.privateKey, a.raw, c);
    expect(verifyAccessQr(a.publicKey, qr, now, new Set([randomUUID()])).ok).toBe(true);
    expect(verifyAccessQr(a.publicKey, qr, now, new Set([c.credentialId]))).toEqual({ ok: false, reason: 'revoked' });
  });

  it('refuses what is not a code of ours as malformed', () => {
    const qr = signAccessQr(a.privateKey, a.raw, claims());
    for (const text of ['', 'hello', qr.slice(0, -1), qr + 'A', 'RB1' + qr.slice(3), qr.slice(0, 50) + '!' + qr.slice(51)])
      expect(verifyAccessQr(a.publicKey, text, now, none)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a code with any one character changed', () => {
    const qr = signAccessQr(a.privateKey, a.raw, claims());
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: qr.length - 1 }), fc.integer({ min: 1, max: 63 }), (i, shift) => {
        const c = i < 3 ? 'X' : alphabet[(alphabet.indexOf(qr[i]!) + shift) % 64]!;
        const changed = qr.slice(0, i) + c + qr.slice(i + 1);
        return verifyAccessQr(a.publicKey, changed, now, none).ok === false;
      }),
      { numRuns: 500 },
    );
  });

  it('tells a visitor’s single-entry code from a resident’s', () => {
    const c = claims({ kind: 'visitor', singleEntry: true });
    const v = verifyAccessQr(a.publicKey, signAccessQr(a.privateKey, a.raw, c), now, none);
    expect(v.ok && v.claims.kind === 'visitor' && v.claims.singleEntry).toBe(true);
  });
});
