// The signature both directions use (plain functions, no database): HMAC-SHA256 with the connector's shared
// secret over "<unix seconds>.<body>", sent as `X-Renova-Signature: sha256=<hex>` beside `X-Renova-Timestamp`
// and `X-Renova-Event-Id`. The timestamp bounds replays of a captured request to the rule's window.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const HEADER_EVENT_ID = 'x-renova-event-id';
export const HEADER_TIMESTAMP = 'x-renova-timestamp';
export const HEADER_SIGNATURE = 'x-renova-signature';

/** 256 random bits: nothing to guess, shown once. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

export function sign(secret: string, timestamp: number, body: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return `sha256=${mac.digest('hex')}`;
}

export function signedHeaders(secret: string, eventId: string, body: string, now: Date): Record<string, string> {
  const ts = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json; charset=utf-8',
    'X-Renova-Event-Id': eventId,
    'X-Renova-Timestamp': String(ts),
    'X-Renova-Signature': sign(secret, ts, body),
  };
}

export type Verdict = 'ok' | 'missing' | 'stale' | 'bad';

/** Checks a request's signature in constant time, and that its timestamp lies within `windowSeconds` of now. */
export function verify(
  secret: string,
  headers: { timestamp?: string; signature?: string },
  body: Buffer,
  now: Date,
  windowSeconds: number,
): Verdict {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return 'missing';
  if (!/^\d{1,12}$/.test(timestamp)) return 'bad';
  const ts = Number(timestamp);
  if (Math.abs(Math.floor(now.getTime() / 1000) - ts) > windowSeconds) return 'stale';
  const expected = Buffer.from(sign(secret, ts, body));
  const given = Buffer.from(signature.trim());
  return expected.length === given.length && timingSafeEqual(expected, given) ? 'ok' : 'bad';
}

/**
 * When pg-boss retries after the `retry`-th failure (1 = after the first attempt): with backoff it waits between
 * base·2^(retry−1) and base·2^retry seconds (its own formula, jitter included), capped at 2^16 doublings.
 */
export function backoffWindow(baseSeconds: number, retry: number): { min: number; max: number } {
  const half = (baseSeconds * 2 ** Math.min(16, retry)) / 2;
  return { min: half, max: half * 2 };
}
