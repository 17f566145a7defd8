// Access credentials as QR codes (README "Access QR codes"): a compact binary payload signed with the compound's
// Ed25519 key, checked by a gate OFFLINE with only the compound's public key, the time and the revocation list it
// was last pushed. Nothing here touches the database or the network: gate software and tests use it as is.
//
//   qr = "RA1" + base64url(payload ‖ signature)          (51 + 64 bytes: 157 characters)
//   payload (51 bytes, big-endian):
//     0      version        0x01
//     1      kind           1 resident, 2 visitor
//     2      flags          bit 0: single entry
//     3..10  key id         the first 8 bytes of SHA-256 over the raw 32-byte public key that signs it
//     11..26 compound id    UUID, 16 bytes
//     27..42 credential id  UUID, 16 bytes (what revocation lists name)
//     43..46 not before     unix seconds
//     47..50 expires at     unix seconds (refused from this second on)
//   signature: Ed25519 over the 51 payload bytes.
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export const QR_PREFIX = 'RA1';
export const PAYLOAD_BYTES = 51;
const SIGNATURE_BYTES = 64;
const QR_CHARS = QR_PREFIX.length + Math.ceil(((PAYLOAD_BYTES + SIGNATURE_BYTES) * 4) / 3);
const VERSION = 1;

export const credentialKinds = ['resident', 'visitor'] as const;
export type CredentialKind = (typeof credentialKinds)[number];

export interface AccessClaims {
  kind: CredentialKind;
  singleEntry: boolean;
  compoundId: string;
  credentialId: string;
  notBefore: Date;
  expiresAt: Date;
}

/** Why a gate refuses a code: each reason distinct, so the gate's display and the passage log can tell them apart. */
export const refusalReasons = ['malformed', 'wrong_compound', 'altered', 'not_yet_valid', 'expired', 'revoked'] as const;
export type RefusalReason = (typeof refusalReasons)[number];

export type Verification = { ok: true; claims: AccessClaims } | { ok: false; reason: RefusalReason };

/** A compound's public key made ready for verifying many codes (the key object and its id computed once). */
export interface GateKey {
  readonly keyObject: KeyObject;
  readonly keyId: Buffer;
  readonly raw: string;
}

// SPKI DER of an Ed25519 public key is this prefix followed by the raw 32 bytes.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export const keyIdOf = (raw: Buffer): Buffer => createHash('sha256').update(raw).digest().subarray(0, 8);

/** The gate's key from the raw 32-byte public key, base64url (what `GET /compounds/{id}/access-key` answers). */
export function gateKey(publicKey: string): GateKey {
  const raw = Buffer.from(publicKey, 'base64url');
  if (raw.length !== 32) throw new TypeError('an Ed25519 public key is 32 bytes');
  const keyObject = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  return { keyObject, keyId: keyIdOf(raw), raw: publicKey };
}

// A gate verifies against one key all day: the last one prepared is kept.
let lastKey: GateKey | undefined;
const prepared = (key: GateKey | string): GateKey => {
  if (typeof key !== 'string') return key;
  if (lastKey?.raw !== key) lastKey = gateKey(key);
  return lastKey;
};

const uuidBytes = (id: string): Buffer => {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new TypeError(`not a UUID: ${id}`);
  return Buffer.from(hex, 'hex');
};
const uuidText = (b: Buffer, at: number): string => {
  const h = b.toString('hex', at, at + 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
// 115 bytes fill 153 characters and 2 bits of the last one; its 4 low bits must be zero, or two texts would decode to
// the same code (and an "altered" code would pass). The characters whose value is a multiple of 16: A Q g w.
const canonicalEnd = (c: number) => c === 65 || c === 81 || c === 103 || c === 119;
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** The payload's 51 bytes for these claims, under the key with this id. */
export function encodePayload(claims: AccessClaims, keyId: Buffer): Buffer {
  const p = Buffer.alloc(PAYLOAD_BYTES);
  p[0] = VERSION;
  p[1] = claims.kind === 'resident' ? 1 : 2;
  p[2] = claims.singleEntry ? 1 : 0;
  keyId.copy(p, 3, 0, 8);
  uuidBytes(claims.compoundId).copy(p, 11);
  uuidBytes(claims.credentialId).copy(p, 27);
  p.writeUInt32BE(seconds(claims.notBefore), 43);
  p.writeUInt32BE(seconds(claims.expiresAt), 47);
  return p;
}

/** Signs the claims with the compound's private key: the QR code's text. */
export function signAccessQr(privateKey: KeyObject, publicKeyRaw: Buffer, claims: AccessClaims): string {
  const payload = encodePayload(claims, keyIdOf(publicKeyRaw));
  const signature = sign(null, payload, privateKey);
  return QR_PREFIX + Buffer.concat([payload, signature]).toString('base64url');
}

/**
 * What a gate runs on a scanned code, offline: refused as `malformed` (not one of ours), `wrong_compound` (signed by
 * another compound's key), `altered` (the signature does not hold), `not_yet_valid`, `expired`, or `revoked` (its
 * credential id is on the list last pushed to the gate); else its claims. `now` is the gate's clock.
 */
export function verifyAccessQr(publicKey: GateKey | string, qr: string, now: Date, revokedIds: ReadonlySet<string>): Verification {
  if (qr.length !== QR_CHARS || !qr.startsWith(QR_PREFIX) || !canonicalEnd(qr.charCodeAt(QR_CHARS - 1)))
    return { ok: false, reason: 'malformed' };
  const bytes = Buffer.from(qr.slice(QR_PREFIX.length), 'base64url');
  if (bytes.length !== PAYLOAD_BYTES + SIGNATURE_BYTES || bytes[0] !== VERSION || (bytes[1] !== 1 && bytes[1] !== 2))
    return { ok: false, reason: 'malformed' };
  const key = prepared(publicKey);
  if (bytes.compare(key.keyId, 0, 8, 3, 11) !== 0) return { ok: false, reason: 'wrong_compound' };
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  if (!verify(null, payload, key.keyObject, bytes.subarray(PAYLOAD_BYTES))) return { ok: false, reason: 'altered' };
  const t = Math.floor(now.getTime() / 1000);
  const notBefore = bytes.readUInt32BE(43);
  const expiresAt = bytes.readUInt32BE(47);
  if (t < notBefore) return { ok: false, reason: 'not_yet_valid' };
  if (t >= expiresAt) return { ok: false, reason: 'expired' };
  const credentialId = uuidText(bytes, 27);
  if (revokedIds.has(credentialId)) return { ok: false, reason: 'revoked' };
  return {
    ok: true,
    claims: {
      kind: bytes[1] === 1 ? 'resident' : 'visitor',
      singleEntry: (bytes[2]! & 1) === 1,
      compoundId: uuidText(bytes, 11),
      credentialId,
      notBefore: new Date(notBefore * 1000),
      expiresAt: new Date(expiresAt * 1000),
    },
  };
}
