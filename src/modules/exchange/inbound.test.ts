// Inbound (Acceptance 5): a platform's signed event becomes one grid event however often it is posted; a bad or
// stale signature is a 401 problem; progress the platform reports moves our event where the lifecycle allows,
// and the status changes of its events flow back to it.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { getGridEvent, transitionGridEvent } from '../grid/index.ts';
import { startReceiver, type Receiver } from './receiver.testing.ts';

describe('events from a city platform', () => {
  let t: TestApp;
  let secret: string;
  let connectorId: string;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await testApp();
    receiver = await startReceiver();
    const res = await t.call('POST', '/api/v1/exchange/connectors', 'admin', {
      code: 'river_in',
      name: '智慧河道（测试）',
      endpointUrl: receiver.url,
      kinds: ['escalated'],
      backoffSeconds: 0,
    });
    expect(res.statusCode, res.body).toBe(201);
    secret = res.json().secret;
    connectorId = res.json().connector.id;
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  function signed(url: string, body: unknown, opts: { secret?: string; at?: number; tamper?: boolean } = {}) {
    const text = JSON.stringify(body);
    const ts = opts.at ?? Math.floor(Date.now() / 1000);
    const sig = createHmac('sha256', opts.secret ?? secret)
      .update(`${ts}.${text}`)
      .digest('hex');
    return t.app.inject({
      method: 'POST',
      url,
      payload: opts.tamper ? text.replace('倾倒', '堆放') : text,
      headers: { 'content-type': 'application/json', 'x-renova-timestamp': String(ts), 'x-renova-signature': `sha256=${sig}` },
    });
  }

  const dumping = {
    externalId: 'HD-2026-0042',
    kind: 'patrol_finding',
    category: 'river_pollution',
    description: '河道巡查发现小区旁岸边有人倾倒建筑垃圾',
    lat: 30.2905,
    lng: 120.1304,
    address: '和睦新村旁 余杭塘河南岸',
    occurredAt: '2026-12-03T08:30:00+08:00',
  };

  it('creates one grid event however often the same external id is posted', async () => {
    const first = await signed('/api/v1/exchange/river_in/events', dumping);
    expect(first.statusCode, first.body).toBe(201);
    const second = await signed('/api/v1/exchange/river_in/events', dumping);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect(second.json().created).toBe(false);
    const event = await getGridEvent(t.ctx, first.json().id);
    expect(event).toMatchObject({ source: 'platform', platform: 'river_in', sourceRef: 'HD-2026-0042', category: 'river_pollution' });
    // A creation is never echoed to the platform that reported it.
    await t.settled();
    expect(receiver.received).toHaveLength(0);
  });

  it('answers 401 problems for a bad, missing or stale signature and for an unknown platform', async () => {
    const url = '/api/v1/exchange/river_in/events';
    const wrong = await signed(url, { ...dumping, externalId: 'HD-X1' }, { secret: 'not the secret' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json().code).toBe('exchange.signature_invalid');
    expect((await signed(url, { ...dumping, externalId: 'HD-X2' }, { tamper: true })).statusCode).toBe(401);
    const stale = await signed(url, { ...dumping, externalId: 'HD-X3' }, { at: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().code).toBe('exchange.timestamp_outside_window');
    const unsigned = await t.app.inject({ method: 'POST', url, payload: dumping });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().code).toBe('exchange.signature_missing');
    expect((await signed('/api/v1/exchange/nobody_here/events', dumping)).json().code).toBe('exchange.signature_invalid');
    // Nothing was created by any of them.
    const { rows } = await t.ctx.database.pool.query(`select 1 from exchange_links where external_id like 'HD-X%'`);
    expect(rows).toHaveLength(0);
  });

  it('validates a signed body with problems naming the field', async () => {
    const missing = await signed('/api/v1/exchange/river_in/events', { ...dumping, externalId: undefined });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe('body.externalId');
    const unknown = await signed('/api/v1/exchange/river_in/events', { ...dumping, externalId: 'HD-C', category: 'no_such' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].path).toBe('body.category');
  });

  it("moves our event on the platform's progress where allowed, keeps a note otherwise, and sends status changes back", async () => {
    const made = await signed('/api/v1/exchange/river_in/events', { ...dumping, externalId: 'HD-2026-0043' });
    const id = made.json().id as string;
    const accepted = await signed('/api/v1/exchange/river_in/events/HD-2026-0043/status', { status: 'accepted', note: '已派河道保洁' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ eventId: id, state: 'accepted', applied: true });
    const closed = await signed('/api/v1/exchange/river_in/events/HD-2026-0043/status', { status: 'closed' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ eventId: id, state: 'accepted', applied: false });
    expect(closed.json().note).toBeTruthy();
    expect((await signed('/api/v1/exchange/river_in/events/HD-NOPE/status', { status: 'accepted' })).statusCode).toBe(404);
    const badStatus = await signed('/api/v1/exchange/river_in/events/HD-2026-0043/status', { status: 'done' });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().errors[0].path).toBe('body.status');

    // Our own handling of its event goes back to the platform, although it subscribed to escalations only.
    await transitionGridEvent(t.ctx, id, 'handled', null, '已清理');
    await t.settled();
    const back = receiver.received.map((r) => JSON.parse(r.body));
    expect(
      back.some((m) => m.type === 'grid.event_transitioned' && m.change.to === 'handled' && m.event.externalId === 'HD-2026-0043'),
    ).toBe(true);
    const deliveries = (await t.call('GET', `/api/v1/exchange/deliveries?connectorId=${connectorId}&kind=transitioned`, 'admin')).json();
    expect(deliveries.items.every((d: { status: string }) => d.status === 'delivered')).toBe(true);
    expect(deliveries.items.length).toBeGreaterThanOrEqual(1);
  });
});
