// A device's credentials: a public key (its MQTT username and HTTP key) and a
// secret shown once. The secret is 256 random bits, so a plain SHA-256 keeps it
// (nothing to guess); Mosquitto's own PBKDF2 form is kept beside it, so the
// product can write the broker's password file without ever holding the secret.
import { createHash, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export interface NewCredentials {
  key: string;
  /** Shown once to whoever registered the device; never stored. */
  secret: string;
  secretHash: string;
  brokerHash: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Keys are short and readable on a label (`d-` and 16 base32 characters); secrets are long. */
export function newCredentials(): NewCredentials {
  const key = `d-${randomBytes(10).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  return { key, secret, secretHash: sha256(secret), brokerHash: mosquittoHash(secret) };
}

export function secretMatches(secret: string, secretHash: string | null): boolean {
  if (!secretHash) return false;
  const a = Buffer.from(sha256(secret), 'hex');
  const b = Buffer.from(secretHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Mosquitto 2's password-file form: `$7$<iterations>$<salt, base64>$<PBKDF2-SHA512, base64>`. */
export function mosquittoHash(password: string, salt: Buffer = randomBytes(12), iterations = 101): string {
  const hash = pbkdf2Sync(password, salt, iterations, 64, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** `Authorization: Device <key>:<secret>` (the HTTP batch endpoint), or null when the header is not of that form. */
export function parseDeviceAuthorization(header: string | undefined): { key: string; secret: string } | null {
  const m = header && /^Device ([\w-]{1,64}):([\w-]{1,128})$/.exec(header.trim());
  return m ? { key: m[1]!, secret: m[2]! } : null;
}
