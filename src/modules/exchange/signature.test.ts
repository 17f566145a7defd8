// The signature, the backoff and what goes where: plain rules, no database.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { outcomeOf, shouldSend, type ConnectorRule } from './rules.ts';
import { backoffWindow, sign, signedHeaders, verify } from './signature.ts';

describe('exchange signatures', () => {
  const secret = 's3cret-for-tests';
  const body = Buffer.from('{"externalId":"HD-1","description":"河道漂浮物"}');
  const now = new Date('2026-12-03T01:00:00Z');
  const ts = Math.floor(now.getTime() / 1000);

  it('is the hex HMAC-SHA256 of "<timestamp>.<body>" with the shared secret', () => {
    const expected = createHmac('sha256', secret).update(`${ts}.${body.toString()}`).digest('hex');
    expect(sign(secret, ts, body)).toBe(`sha256=${expected}`);
    const h = signedHeaders(secret, 'e-1', body.toString(), now);
    expect(h).toMatchObject({ 'X-Renova-Event-Id': 'e-1', 'X-Renova-Timestamp': String(ts), 'X-Renova-Signature': `sha256=${expected}` });
  });

  it('verifies only the right secret, body and a timestamp inside the window', () => {
    const signature = sign(secret, ts, body);
    expect(verify(secret, { timestamp: String(ts), signature }, body, now, 300)).toBe('ok');
    expect(verify('other', { timestamp: String(ts), signature }, body, now, 300)).toBe('bad');
    expect(verify(secret, { timestamp: String(ts), signature }, Buffer.from(body.toString() + ' '), now, 300)).toBe('bad');
    expect(verify(secret, { timestamp: String(ts), signature: signature.slice(0, -1) }, body, now, 300)).toBe('bad');
    expect(verify(secret, { timestamp: String(ts - 301), signature: sign(secret, ts - 301, body) }, body, now, 300)).toBe('stale');
    expect(verify(secret, { timestamp: String(ts + 300), signature: sign(secret, ts + 300, body) }, body, now, 300)).toBe('ok');
    expect(verify(secret, { timestamp: '12a', signature }, body, now, 300)).toBe('bad');
    expect(verify(secret, { signature }, body, now, 300)).toBe('missing');
  });

  it("mirrors pg-boss's exponential backoff window", () => {
    expect(backoffWindow(10, 1)).toEqual({ min: 10, max: 20 });
    expect(backoffWindow(10, 2)).toEqual({ min: 20, max: 40 });
    expect(backoffWindow(10, 3)).toEqual({ min: 40, max: 80 });
    expect(backoffWindow(0, 5)).toEqual({ min: 0, max: 0 });
  });
});

describe('what goes to which platform', () => {
  const river: ConnectorRule = { code: 'smart_river', enabled: true, kinds: ['escalated'], categories: ['river_pollution'] };
  const city: ConnectorRule = { code: 'city_management', enabled: true, kinds: ['created', 'escalated'], categories: [] };
  const m = (o: Partial<Parameters<typeof shouldSend>[1]>) => ({
    kind: 'escalated' as const,
    category: 'river_pollution',
    level: 'city',
    platform: null,
    escalatedToIt: false,
    ...o,
  });

  it('sends escalations to the city level in subscribed categories only', () => {
    expect(shouldSend(river, m({}))).toBe(true);
    expect(shouldSend(river, m({ level: 'subdistrict' }))).toBe(false);
    expect(shouldSend(river, m({ category: 'street_lamp' }))).toBe(false);
    expect(shouldSend(city, m({ category: 'street_lamp' }))).toBe(true);
    expect(shouldSend({ ...river, enabled: false }, m({}))).toBe(false);
    expect(shouldSend(river, m({ platform: 'smart_river' }))).toBe(false);
  });

  it('never echoes a creation to the platform that reported it, and always sends it its events’ status changes', () => {
    expect(shouldSend(city, m({ kind: 'created' }))).toBe(true);
    expect(shouldSend(city, m({ kind: 'created', platform: 'city_management' }))).toBe(false);
    expect(shouldSend(river, m({ kind: 'created' }))).toBe(false);
    expect(shouldSend(river, m({ kind: 'transitioned' }))).toBe(false);
    expect(shouldSend(river, m({ kind: 'transitioned', platform: 'smart_river', category: 'street_lamp' }))).toBe(true);
    expect(shouldSend(river, m({ kind: 'transitioned', escalatedToIt: true, category: 'street_lamp' }))).toBe(true);
  });

  it('parks after the last try only', () => {
    expect(outcomeOf(true, 3, 3)).toBe('delivered');
    expect(outcomeOf(false, 0, 3)).toBe('retrying');
    expect(outcomeOf(false, 2, 3)).toBe('retrying');
    expect(outcomeOf(false, 3, 3)).toBe('parked');
    expect(outcomeOf(false, 0, 0)).toBe('parked');
  });
});
