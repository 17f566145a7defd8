// Acceptance 5 against a real receiving platform (node:http on a free port) and the real queue: a platform that
// fails three deliveries gets the fourth, signed; a replay sends the same event id once more; N failures park a
// delivery; connectors are kept by city administrators with the secret shown once.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { authUserByUsername } from '../accounts/index.ts';
import { createGridEvent, escalateGridEvent, getGridEvent } from '../grid/index.ts';
import { startReceiver, type Receiver } from './receiver.testing.ts';

describe('exchange deliveries to a city platform', () => {
  let t: TestApp;
  let compoundId: string;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    t = await testApp();
    compoundId = (await authUserByUsername(t.ctx, 'property')).scope.compoundIds[0]!;
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await t.close();
  });

  async function connector(code: string, url: string, extra: Record<string, unknown> = {}) {
    const res = await t.call('POST', '/api/v1/exchange/connectors', 'admin', {
      code,
      name: `测试平台 ${code}`,
      endpointUrl: url,
      kinds: ['escalated'],
      maxTries: 5,
      backoffSeconds: 0,
      timeoutSeconds: 5,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { connector: { id: string; code: string }; secret: string };
  }

  /** A grid event escalated by hand, level by level, up to a city department (分级上报). */
  async function escalatedEvent(category = 'dumping', upTo = 'city') {
    const made = await createGridEvent(t.ctx, { category, description: '小区围墙外有人倾倒建筑垃圾', compoundId, source: 'staff' }, null);
    for (let level = (await getGridEvent(t.ctx, made.id))!.level; level !== upTo;)
      level = (await escalateGridEvent(t.ctx, made.id, null, '需上级处置')).level;
    return made.id;
  }

  const deliveriesOf = async (connectorId: string) =>
    (await t.call('GET', `/api/v1/exchange/deliveries?connectorId=${connectorId}`, 'admin')).json().items as {
      id: string;
      eventId: string;
      status: string;
      attempts: number;
      kind: string;
      gridEventId: string;
    }[];

  it('delivers on the fourth try to a platform that fails three, signed with the secret, and replays with the same event id', async () => {
    const receiver = await startReceiver((n) => (n <= 3 ? 500 : 200));
    receivers.push(receiver);
    const { connector: c, secret } = await connector('t_river', receiver.url);
    const gridEventId = await escalatedEvent();
    await t.settled();

    expect(receiver.received.map((r) => r.n)).toEqual([1, 2, 3, 4]);
    const eventIds = new Set(receiver.received.map((r) => r.eventId));
    expect(eventIds.size).toBe(1);
    const fourth = receiver.received[3]!;
    expect(receiver.validSignature(fourth, secret)).toBe(true);
    expect(receiver.validSignature(fourth, 'another secret')).toBe(false);
    expect(Math.abs(Number(fourth.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    const message = JSON.parse(fourth.body);
    expect(message).toMatchObject({ id: fourth.eventId, type: 'grid.event_escalated', platform: 't_river', change: { level: 'city' } });
    expect(message.event).toMatchObject({ id: gridEventId, category: 'dumping', level: 'city', description: '小区围墙外有人倾倒建筑垃圾' });

    const [delivery] = await deliveriesOf(c.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 4, eventId: fourth.eventId });
    const detail = (await t.call('GET', `/api/v1/exchange/deliveries/${delivery!.id}`, 'admin')).json();
    expect(detail.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500, 200]);
    expect(detail.attemptLog.map((a: { ok: boolean }) => a.ok)).toEqual([false, false, false, true]);
    expect(detail.attemptLog[0]).toMatchObject({ attempt: 1, error: 'HTTP 500', replay: false });
    for (const a of detail.attemptLog) expect(a.durationMs).toBeGreaterThanOrEqual(0);

    // Replay from the administrator's page: once more, the same event id, a fresh valid signature.
    const replay = await t.call('POST', `/api/v1/exchange/deliveries/${delivery!.id}/replay`, 'admin');
    expect(replay.statusCode, replay.body).toBe(202);
    await t.settled();
    expect(receiver.received).toHaveLength(5);
    const fifth = receiver.received[4]!;
    expect(fifth.eventId).toBe(fourth.eventId);
    expect(fifth.body).toBe(fourth.body);
    expect(receiver.validSignature(fifth, secret)).toBe(true);
    const after = (await t.call('GET', `/api/v1/exchange/deliveries/${delivery!.id}`, 'admin')).json();
    expect(after).toMatchObject({ status: 'delivered', attempts: 5, replays: 1 });
    expect(after.attemptLog.at(-1)).toMatchObject({ attempt: 5, replay: true, statusCode: 200, ok: true });

    // The domain event handled again (at-least-once) makes no second delivery.
    const { rows } = await t.ctx.database.pool.query<{ n: number }>(
      'select count(*)::int as n from exchange_deliveries where grid_event_id = $1',
      [gridEventId],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('parks a delivery after N tries, waiting the backoff between them, and a failed replay parks it again', async () => {
    const receiver = await startReceiver(() => 503);
    receivers.push(receiver);
    const { connector: c } = await connector('t_down', receiver.url, { maxTries: 2, backoffSeconds: 1 });
    await escalatedEvent();
    await t.settled();
    // pg-boss got the connector's retry options: N−1 retries, its delay, exponential backoff.
    const { rows: jobs } = await t.ctx.database.pool.query<{ retry_limit: number; retry_delay: number; retry_backoff: boolean }>(
      `select retry_limit, retry_delay, retry_backoff from pgboss.job where name = 'exchange.deliver' and data->>'deliveryId' = $1`,
      [(await deliveriesOf(c.id))[0]!.id],
    );
    expect(jobs[0]).toEqual({ retry_limit: 1, retry_delay: 1, retry_backoff: true });

    const [delivery] = await deliveriesOf(c.id);
    expect(delivery).toMatchObject({ status: 'parked', attempts: 2 });
    expect(receiver.received).toHaveLength(2);
    const detail = (await t.call('GET', `/api/v1/exchange/deliveries/${delivery!.id}`, 'admin')).json();
    expect(detail.parkedAt).not.toBeNull();
    const gap = Date.parse(detail.attemptLog[1].at) - Date.parse(detail.attemptLog[0].at);
    expect(gap).toBeGreaterThanOrEqual(1000);
    const parked = (await t.call('GET', `/api/v1/exchange/deliveries?status=parked&connectorId=${c.id}`, 'admin')).json();
    expect(parked.items.map((d: { id: string }) => d.id)).toEqual([delivery!.id]);

    expect((await t.call('POST', `/api/v1/exchange/deliveries/${delivery!.id}/replay`, 'admin')).statusCode).toBe(202);
    await t.settled();
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received[2]!.eventId).toBe(receiver.received[0]!.eventId);
    expect((await t.call('GET', `/api/v1/exchange/deliveries/${delivery!.id}`, 'admin')).json()).toMatchObject({
      status: 'parked',
      attempts: 3,
    });
  });

  it("hands over at once an event its city department answers for, only in the platform's categories and only at the city level", async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const { connector: c } = await connector('t_lamps', receiver.url, { categories: ['street_lamp'] });
    await escalatedEvent('dumping', 'subdistrict');
    await escalatedEvent('river_pollution');
    // A broken street lamp is the city management department's from the start: no escalation needed.
    const lamp = await createGridEvent(t.ctx, { category: 'street_lamp', description: '3幢旁路灯不亮', compoundId, source: 'staff' }, null);
    await t.settled();
    const sent = await deliveriesOf(c.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ status: 'delivered', kind: 'escalated', gridEventId: lamp.id });
    expect(receiver.received.map((r) => JSON.parse(r.body).event.id)).toEqual([lamp.id]);
  });

  it('keeps connectors for city administrators only, the secret shown once and sealed at rest', async () => {
    const res = await connector('t_admin', 'https://platform.example.cn/renova');
    expect(res.secret.length).toBeGreaterThanOrEqual(40);
    const got = await t.call('GET', `/api/v1/exchange/connectors/${res.connector.id}`, 'admin');
    expect(got.statusCode).toBe(200);
    expect(got.body).not.toContain(res.secret);
    const list = await t.call('GET', '/api/v1/exchange/connectors', 'admin');
    expect(list.json().items.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['city_management', 'smart_river', 't_admin']),
    );
    expect(list.body).not.toContain(res.secret);
    const { rows } = await t.ctx.database.pool.query<{ secret_sealed: string }>(
      'select secret_sealed from exchange_connectors where id = $1',
      [res.connector.id],
    );
    expect(rows[0]!.secret_sealed).not.toContain(res.secret);

    const rotated = await t.call('POST', `/api/v1/exchange/connectors/${res.connector.id}/rotate-secret`, 'admin');
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().secret).not.toBe(res.secret);

    expect((await t.call('GET', '/api/v1/exchange/connectors', 'hemu-worker')).statusCode).toBe(403);
    expect((await t.call('POST', `/api/v1/exchange/connectors/${res.connector.id}/rotate-secret`, 'hemu')).statusCode).toBe(403);

    const dup = await t.call('POST', '/api/v1/exchange/connectors', 'admin', {
      code: 't_admin',
      name: 'x',
      endpointUrl: 'https://a.example/x',
      kinds: [],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].path).toBe('body.code');
    const badUrl = await t.call('POST', '/api/v1/exchange/connectors', 'admin', {
      code: 't_bad',
      name: 'x',
      endpointUrl: 'ftp://a.example/x',
      kinds: [],
    });
    expect(badUrl.statusCode).toBe(422);
    expect(badUrl.json().errors[0].path).toBe('body.endpointUrl');
    const badCategory = await t.call('PATCH', `/api/v1/exchange/connectors/${res.connector.id}`, 'admin', {
      categories: ['no_such_category'],
    });
    expect(badCategory.statusCode).toBe(422);
    expect(badCategory.json().errors[0].path).toBe('body.categories.0');
    const tooMany = await t.call('PATCH', `/api/v1/exchange/connectors/${res.connector.id}`, 'admin', { maxTries: 99 });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].path).toBe('body.maxTries');
    const disabled = await t.call('PATCH', `/api/v1/exchange/connectors/${res.connector.id}`, 'admin', { enabled: false, maxTries: 3 });
    expect(disabled.json()).toMatchObject({ enabled: false, maxTries: 3, code: 't_admin' });
    expect(
      (
        await t.ctx.database.pool.query(`select 1 from audit_log where entity = 'exchange_connector' and entity_id = $1`, [
          res.connector.id,
        ])
      ).rowCount,
    ).toBe(3);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/exchange/connectors/${res.connector.id}`,
      headers: await t.as('admin'),
    });
    expect(del.statusCode).toBe(204);
  });

  it('pages deliveries newest first with an opaque cursor, and filters them', async () => {
    const first = (await t.call('GET', '/api/v1/exchange/deliveries?limit=2', 'admin')).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await t.call('GET', `/api/v1/exchange/deliveries?limit=2&cursor=${first.nextCursor}`, 'admin')).json();
    const all = (await t.call('GET', '/api/v1/exchange/deliveries?limit=500', 'admin')).json().items.map((d: { id: string }) => d.id);
    expect([...first.items, ...second.items].map((d: { id: string }) => d.id)).toEqual(
      all.slice(0, first.items.length + second.items.length),
    );
    expect([...all].sort().reverse()).toEqual(all);
    const bad = await t.call('GET', '/api/v1/exchange/deliveries?cursor=nonsense', 'admin');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.cursor');
    const parked = (await t.call('GET', '/api/v1/exchange/deliveries?status=parked&kind=escalated', 'admin')).json().items;
    expect(parked.length).toBeGreaterThan(0);
    expect(parked.every((d: { status: string; kind: string }) => d.status === 'parked' && d.kind === 'escalated')).toBe(true);
    expect((await t.call('GET', '/api/v1/exchange/deliveries?status=lost', 'admin')).json().errors[0].path).toBe('querystring.status');
  });

  it('answers 404 for an unknown delivery and refuses a replay while tries are still running', async () => {
    const missing = await t.call('POST', '/api/v1/exchange/deliveries/0190a000-0000-7000-8000-000000000000/replay', 'admin');
    expect(missing.statusCode).toBe(404);
    const { rows } = await t.ctx.database.pool.query<{ id: string }>(
      `update exchange_deliveries set status = 'retrying' where id = (select id from exchange_deliveries limit 1) returning id`,
    );
    const busy = await t.call('POST', `/api/v1/exchange/deliveries/${rows[0]!.id}/replay`, 'admin');
    expect(busy.statusCode).toBe(409);
    expect(busy.json().code).toBe('exchange.delivery_in_flight');
    await t.ctx.db.execute(sql`update exchange_deliveries set status = 'delivered' where id = ${rows[0]!.id}`);
  });
});
