// The live feed across processes: a second context (its own pool and listener, as another process would
// have) changes alarms; the SSE clients of the first receive them, each only what its reader may see.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../../apps/server.ts';
import { loadEnv } from '../../config/env.ts';
import type { AppContext } from '../../platform/context.ts';
import { createLogger } from '../../platform/logger.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { testSettings } from '../../platform/testing/settings.ts';
import { applyEvents } from './alarms.engine.ts';
import { smartWorld, type SmartWorld } from './fixtures.ts';

let t: TestApp;
let other: AppContext;
let world: SmartWorld;
let base: string;
const streams: http.ClientRequest[] = [];

beforeAll(async () => {
  t = await testApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  other = await openContext(loadEnv({ ...testSettings, DATABASE_URL: t.url }), createLogger('silent'), { role: 'api' });
  world = await smartWorld(t);
});
afterAll(async () => {
  await other?.database.close();
  // Streams still open: closing the server ends them rather than waiting on them.
  await t.close();
  for (const s of streams) s.destroy();
});

interface Received {
  events: { event: string; data: string }[];
  text: string;
}

/** Opens the stream as `username`; events are collected as they arrive. */
async function open(username: string, lang = 'en'): Promise<{ got: Received; headers: http.IncomingHttpHeaders }> {
  const auth = await t.as(username);
  const got: Received = { events: [], text: '' };
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/v1/alarms/stream`, { headers: { ...auth, 'accept-language': lang } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        got.text += chunk;
        let end: number;
        while ((end = got.text.indexOf('\n\n')) >= 0) {
          const block = got.text.slice(0, end);
          got.text = got.text.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event) got.events.push({ event, data: data ?? '' });
        }
      });
      resolve({ got, headers: res.headers });
    });
    req.on('error', reject);
    streams.push(req);
  });
}

async function until<T>(what: string, check: () => T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const alarmsIn = (r: Received) => r.events.filter((e) => e.event === 'alarm').map((e) => JSON.parse(e.data) as Record<string, unknown>);

async function raiseElsewhere(profile: string, type: string, data: Record<string, unknown> = {}): Promise<string> {
  const d = await world.device(profile);
  const [c] = await other.db.transaction((tx) => applyEvents(other, tx, [world.event(d, profile, type, new Date(), data)]));
  return c!.alarmId;
}

describe('the live alarm feed', () => {
  it('delivers alarms changed in another process, in the list item shape, filtered by scope and restriction', async () => {
    const worker = await open('hemu-worker');
    expect(worker.headers['content-type']).toContain('text/event-stream');
    // The first stream of a process starts its listener; it says so once listening.
    await until('the listener', () => worker.got.events.find((e) => e.event === 'resync'));
    const police = await open('police', 'zh-CN');
    const property = await open('property');

    const watch = await raiseElsewhere('keyperson_camera', 'keyperson.match', { vendorRef: 'V-LIVE' });
    const sos = await raiseElsewhere('sos_button', 'sos.pressed', { room: '501' });

    const item = await until('the SOS at the worker', () => alarmsIn(worker.got).find((a) => a.id === sos));
    expect(item).toMatchObject({
      id: sos,
      compoundId: world.compoundId,
      type: 'sos.pressed',
      severity: 'critical',
      status: 'active',
      count: 1,
      assignee: null,
      severityName: 'Critical',
    });
    expect(Object.keys(item)).toEqual(
      expect.arrayContaining(['id', 'deviceId', 'compoundId', 'type', 'severity', 'status', 'count', 'firstAt', 'lastAt', 'assignee']),
    );
    // The watch-list alert was raised first, so it would have arrived first: it did not.
    expect(alarmsIn(worker.got).map((a) => a.id)).not.toContain(watch);

    const seen = await until('both at the police', () => {
      const ids = alarmsIn(police.got).map((a) => a.id);
      return ids.includes(watch) && ids.includes(sos) ? alarmsIn(police.got) : undefined;
    });
    expect(seen.find((a) => a.id === sos)!.severityName).toBe('紧急');
    // Its delivery to public security is a read, audited (written just after the send: polled, bounded).
    const deadline = Date.now() + 5000;
    let reads = 0;
    while (!reads && Date.now() < deadline) {
      reads = (
        await t.ctx.database.pool.query<{ n: number }>(
          `select count(*)::int as n from audit_log where action = 'keyperson.read' and actor_username = 'police' and entity_id = $1 and detail->>'how' = 'stream'`,
          [watch],
        )
      ).rows[0]!.n;
      if (!reads) await new Promise((r) => setTimeout(r, 20));
    }
    expect(reads).toBe(1);

    // Handled through the API: the change reaches the stream by the same trigger.
    const ack = await t.call('POST', `/api/v1/alarms/${sos}/acknowledge`, 'hemu');
    expect(ack.statusCode).toBe(200);
    await until('the acknowledgement', () => alarmsIn(worker.got).find((a) => a.id === sos && a.status === 'acknowledged'));

    // The property manager's scope is other compounds: nothing of this one reached it.
    expect(alarmsIn(property.got).filter((a) => a.compoundId === world.compoundId)).toEqual([]);
  });

  it('refuses readers without the permission', async () => {
    const res = await fetch(`${base}/api/v1/alarms/stream`, { headers: await t.as('hemu-resident') });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
