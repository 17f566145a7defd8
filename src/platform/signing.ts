// A signing key kept outside the database: whoever can write the database but
// not read this key cannot make a signature that checks against its public
// key. Ed25519 (node:crypto), given as a setting (PEM, or base64 of the PKCS#8
// DER or of the 32-byte seed) or kept as a PEM file under DATA_DIR.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SigningKey {
  algorithm: 'Ed25519';
  /** The first 16 hex digits of SHA-256 over the raw 32-byte public key. */
  keyId: string;
  publicKeyPem: string;
  /** The raw 32-byte public key, base64url. */
  publicKeyRaw: string;
  /** Signs bytes; the signature is 64 bytes, base64url. */
  sign(message: Buffer): string;
  /** Whether the base64url signature checks against this key's public half. */
  verify(message: Buffer, signature: string): boolean;
}

// PKCS#8 DER of an Ed25519 private key is this prefix followed by the 32-byte seed.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function privateKeyOf(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.includes('-----BEGIN')) return createPrivateKey(trimmed);
  const der = Buffer.from(trimmed, trimmed.includes('+') || trimmed.includes('/') ? 'base64' : 'base64url');
  return createPrivateKey({ key: der.length === 32 ? Buffer.concat([PKCS8_PREFIX, der]) : der, format: 'der', type: 'pkcs8' });
}

export function signingKey(text: string): SigningKey {
  const privateKey = privateKeyOf(text);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new TypeError(`an ed25519 key is needed, not ${privateKey.asymmetricKeyType}`);
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return {
    algorithm: 'Ed25519',
    keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicKeyRaw: raw.toString('base64url'),
    sign: (message) => sign(null, message, privateKey).toString('base64url'),
    verify: (message, signature) => {
      const bytes = Buffer.from(signature, 'base64url');
      return bytes.length === 64 && verify(null, message, publicKey, bytes);
    },
  };
}

/**
 * The key's PEM from DATA_DIR/<name>, generated there on first use when `generate` allows.
 * Written to a temporary file and linked into place, so two processes starting at once
 * cannot each keep a different key: the second link fails and that process reads the first's.
 */
export function signingKeyFromDataDir(dataDir: string, name: string, generate: boolean): string | undefined {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  if (!generate) return undefined;
  mkdirSync(dataDir, { recursive: true });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, pem, { mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(temp);
  }
  return readFileSync(file, 'utf8');
}
