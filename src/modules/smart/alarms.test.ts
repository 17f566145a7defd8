// The alarm engine against the real database (one open alarm per cause under concurrency, offline exactly once)
// and the duty console's API (contract shapes, scope, key-person invisibility, refusals).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { readFirstSheet } from '../../platform/xlsx-reader.ts';
import { applyEvents, devicesSilent, OFFLINE_CAUSE } from './alarms.engine.ts';
import { smartWorld, type SmartWorld } from './fixtures.ts';
import type { DeviceEvent } from './pipeline.ts';
import { profilesAt } from './profiles.ts';

let t: TestApp;
let world: SmartWorld;
beforeAll(async () => {
  t = await testApp();
  world = await smartWorld(t);
});
afterAll(() => t.close());

const event = (device: { id: string }, profile: string, type: string, at: Date, data: Record<string, unknown> = {}): DeviceEvent =>
  world.event(device, profile, type, at, data);
const apply = (events: DeviceEvent[]) => t.ctx.db.transaction((tx) => applyEvents(t.ctx, tx, events));
const openAlarms = async (deviceId: string) =>
  (await t.ctx.database.pool.query(`select * from alarms where device_id = $1 and status <> 'cleared' order by first_at`, [deviceId])).rows;

describe('one active alarm per cause', () => {
  it('two transactions raising the same cause at once, 1 ms apart: one alarm, count 2', async () => {
    const d = await world.device('sos_button');
    const at = new Date();
    const [a, b] = await Promise.all([
      apply([event(d, 'sos_button', 'sos.pressed', at, { room: '101' })]),
      apply([event(d, 'sos_button', 'sos.pressed', new Date(at.getTime() + 1), { room: '101' })]),
    ]);
    const open = await openAlarms(d.id);
    expect(open).toHaveLength(1);
    expect(open[0].count).toBe(2);
    expect(open[0].severity).toBe('critical');
    expect([...a, ...b].map((c) => c.change).sort()).toEqual(['raised', 'repeated']);
    // A critical raise also sends a job that notifies the duty level; its 'notified' steps may or may not be written yet.
    const steps = (
      await t.ctx.database.pool.query(
        `select action from alarm_steps where alarm_id = $1 and action in ('raised', 'repeated') order by at`,
        [open[0].id],
      )
    ).rows;
    expect(steps.map((s) => s.action).sort()).toEqual(['raised', 'repeated']);
    expect(open[0].escalate_at.getTime()).toBeGreaterThan(open[0].first_at.getTime());
  });

  it('repeats within one batch merge too, and a clear condition ends the alarm', async () => {
    const d = await world.device('smoke_detector');
    const rule = (await profilesAt(t.ctx.db)).byCode.get('smoke_detector')!.rules.find((r) => r.code === 'battery.low')!;
    const t0 = Date.now();
    const changes = await apply([
      event(d, 'smoke_detector', 'telemetry', new Date(t0), { batteryPercent: (rule.value as number) - 1 }),
      event(d, 'smoke_detector', 'telemetry', new Date(t0 + 10), { batteryPercent: (rule.value as number) - 2 }),
    ]);
    expect(changes).toHaveLength(1);
    const [open] = await openAlarms(d.id);
    expect(open.count).toBe(2);
    expect(open.detail.values.batteryPercent).toBe((rule.value as number) - 2);
    const cleared = await apply([
      event(d, 'smoke_detector', 'telemetry', new Date(t0 + 20), { batteryPercent: rule.clear!.value as number }),
    ]);
    expect(cleared.map((c) => c.change)).toEqual(['cleared']);
    expect(await openAlarms(d.id)).toHaveLength(0);
    // A later low battery is a new alarm, not the cleared one reopened.
    await apply([event(d, 'smoke_detector', 'telemetry', new Date(t0 + 30), { batteryPercent: 1 })]);
    const again = await openAlarms(d.id);
    expect(again).toHaveLength(1);
    expect(again[0].id).not.toBe(open.id);
  });
});

describe('a silent device', () => {
  it('goes offline with exactly one offline alarm, cleared when it speaks again', async () => {
    const d = await world.device('lift');
    const lift = (await profilesAt(t.ctx.db)).byCode.get('lift')!;
    const seen = new Date(Date.now() - 1000);
    await apply([event(d, 'lift', 'heartbeat', seen)]);
    const deadline = seen.getTime() + (lift.heartbeatSeconds + lift.graceSeconds) * 1000;
    expect(await devicesSilent(t.ctx, [d.id], new Date(deadline - 1))).toEqual([]);
    const [first, second] = await Promise.all([
      devicesSilent(t.ctx, [d.id], new Date(deadline)),
      devicesSilent(t.ctx, [d.id], new Date(deadline + 5000)),
    ]);
    expect([...first, ...second].map((c) => c.type)).toEqual([OFFLINE_CAUSE]);
    expect(await devicesSilent(t.ctx, [d.id], new Date(deadline + 60_000))).toEqual([]);
    const open = await openAlarms(d.id);
    expect(open.map((a) => [a.type, a.count, a.severity])).toEqual([[OFFLINE_CAUSE, 1, lift.rules.find((r) => r.noData)!.severity]]);
    const status = (await t.ctx.database.pool.query(`select status from device_status where device_id = $1`, [d.id])).rows[0];
    expect(status.status).toBe('offline');

    const back = await apply([event(d, 'lift', 'heartbeat', new Date(deadline + 70_000))]);
    expect(back.map((c) => [c.type, c.change])).toEqual([[OFFLINE_CAUSE, 'cleared']]);
    expect(await openAlarms(d.id)).toHaveLength(0);
    const after = (await t.ctx.database.pool.query(`select status, offline_at from device_status where device_id = $1`, [d.id])).rows[0];
    expect(after.status).toBe('online');
    expect(after.offline_at.getTime()).toBe(deadline + 70_000 + (lift.heartbeatSeconds + lift.graceSeconds) * 1000);
  });
});

describe('device status', () => {
  it('an older batch arriving late does not move last seen back', async () => {
    const d = await world.device('perimeter');
    const now = Date.now();
    await apply([event(d, 'perimeter', 'heartbeat', new Date(now))]);
    await apply([event(d, 'perimeter', 'heartbeat', new Date(now - 30_000))]);
    const s = (await t.ctx.database.pool.query(`select status, last_seen_at from device_status where device_id = $1`, [d.id])).rows[0];
    expect(s.status).toBe('online');
    expect(s.last_seen_at.getTime()).toBe(now);
  });
});

describe('the alarms API', () => {
  let alarmId: string;
  let deviceId: string;
  beforeAll(async () => {
    const d = await world.device('sos_button');
    deviceId = d.id;
    const [c] = await apply([event(d, 'sos_button', 'sos.pressed', new Date(), { room: '302' })]);
    alarmId = c!.alarmId;
  });

  it('lists alarms in the contract shape, filtered by compound, status and severity', async () => {
    const res = await t.call('GET', `/api/v1/alarms?compoundId=${world.compoundId}&status=active&severity=critical`, 'hemu-worker');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['items', 'nextCursor']);
    const item = body.items.find((i: { id: string }) => i.id === alarmId);
    expect(item).toMatchObject({
      id: alarmId,
      deviceId,
      compoundId: world.compoundId,
      type: 'sos.pressed',
      severity: 'critical',
      status: 'active',
      count: 1,
      assignee: null,
    });
    expect(item.firstAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(item.lastAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(item.severityName).toBe('Critical');
    expect(item.typeName).toBe('Resident SOS');
    expect(body.items.every((i: { severity: string; status: string }) => i.severity === 'critical' && i.status === 'active')).toBe(true);
    const zh = await t.app.inject({
      method: 'GET',
      url: `/api/v1/alarms?compoundId=${world.compoundId}`,
      headers: { ...(await t.as('hemu-worker')), 'accept-language': 'zh-CN' },
    });
    expect(zh.json().items.find((i: { id: string }) => i.id === alarmId).severityName).toBe('紧急');
  });

  it('pages with a cursor', async () => {
    const first = (await t.call('GET', `/api/v1/alarms?compoundId=${world.compoundId}&limit=1`, 'hemu')).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await t.call('GET', `/api/v1/alarms?compoundId=${world.compoundId}&limit=1&cursor=${first.nextCursor}`, 'hemu')).json();
    expect(second.items[0].id).not.toBe(first.items[0].id);
  });

  it('refuses bad input naming the field, and hides alarms outside the scope', async () => {
    const bad = await t.call('GET', '/api/v1/alarms?severity=loud', 'hemu');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors[0].path).toBe('querystring.severity');
    const reversed = await t.call('GET', '/api/v1/alarms?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'hemu');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].path).toBe('querystring.from');
    const cursor = await t.call('GET', '/api/v1/alarms?cursor=nonsense', 'hemu');
    expect(cursor.statusCode).toBe(400);
    const outside = await t.call('GET', `/api/v1/alarms?compoundId=${world.compoundId}`, 'property');
    expect(outside.json().items).toEqual([]);
    expect((await t.call('GET', `/api/v1/alarms/${alarmId}`, 'property')).statusCode).toBe(404);
    expect((await t.call('GET', '/api/v1/alarms/not-a-uuid', 'hemu')).statusCode).toBe(400);
    expect((await t.call('GET', '/api/v1/alarms', 'hemu-resident')).statusCode).toBe(403);
    expect((await t.call('POST', `/api/v1/alarms/${alarmId}/acknowledge`, 'contractor')).statusCode).toBe(403);
  });

  it('acknowledges, assigns and clears, each step audited and in the history; conflicts are 409', async () => {
    const ack = await t.call('POST', `/api/v1/alarms/${alarmId}/acknowledge`, 'hemu-worker');
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', escalateAt: null });
    expect((await t.call('POST', `/api/v1/alarms/${alarmId}/acknowledge`, 'hemu-worker')).statusCode).toBe(409);

    const worker2 = (await t.call('GET', '/api/v1/auth/me', 'hemu-worker-2')).json();
    const assigneeId = (worker2.user ?? worker2).id as string;
    // The picker offers those who may handle it in scope: the community's workers, not the compound's property
    // company (its scope is other compounds) nor a contractor.
    const offered = await t.call('GET', `/api/v1/alarms/${alarmId}/assignees`, 'hemu-worker');
    expect(offered.statusCode, offered.body).toBe(200);
    const offeredIds = offered.json().items.map((i: { id: string }) => i.id);
    expect(offeredIds).toContain(assigneeId);
    const propertyMe = (await t.call('GET', '/api/v1/auth/me', 'property')).json();
    expect(offeredIds).not.toContain((propertyMe.user ?? propertyMe).id);
    const assigned = await t.call('POST', `/api/v1/alarms/${alarmId}/assign`, 'hemu-worker', { assigneeId });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().assignee).toMatchObject({ id: assigneeId });
    const property = (await t.call('GET', '/api/v1/auth/me', 'property')).json();
    const wrong = await t.call('POST', `/api/v1/alarms/${alarmId}/assign`, 'hemu-worker', { assigneeId: (property.user ?? property).id });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].path).toBe('body.assigneeId');

    const noNote = await t.call('POST', `/api/v1/alarms/${alarmId}/clear`, 'hemu-worker', { note: '  ' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().errors[0].path).toBe('body.note');
    const cleared = await t.call('POST', `/api/v1/alarms/${alarmId}/clear`, 'hemu-worker', { note: '已上门核实，误触' });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().status).toBe('cleared');
    const again = await t.call('POST', `/api/v1/alarms/${alarmId}/clear`, 'hemu-worker', { note: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');

    const detail = (await t.call('GET', `/api/v1/alarms/${alarmId}`, 'hemu')).json();
    // (A critical alarm's first notification, by a job, may land in between.)
    const handledSteps = detail.steps.filter((s: { action: string }) => s.action !== 'notified');
    expect(handledSteps.map((s: { action: string }) => s.action)).toEqual(['raised', 'acknowledged', 'assigned', 'cleared']);
    expect(detail.clearNote).toBe('已上门核实，误触');
    expect(detail.detail).toMatchObject({ values: { room: '302' } });
    const audits = (
      await t.ctx.database.pool.query(`select action from audit_log where entity = 'alarm' and entity_id = $1 order by at`, [alarmId])
    ).rows;
    expect(audits.map((a) => a.action)).toEqual(['alarm.acknowledge', 'alarm.assign', 'alarm.clear']);
  });

  it('exports the filtered history as .xlsx', async () => {
    const res = await t.call('GET', `/api/v1/alarms/export?compoundId=${world.compoundId}&type=sos.pressed`, 'hemu');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = readFirstSheet(res.rawPayload);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rows)).toContain('Resident SOS');
  });
});

describe('key-person alerts', () => {
  let alarmId: string;
  beforeAll(async () => {
    const cam = await world.device('keyperson_camera');
    const [c] = await apply([
      event(cam, 'keyperson_camera', 'keyperson.match', new Date(), { vendorRef: 'HK-EVT-991', confidencePercent: 93 }),
    ]);
    alarmId = c!.alarmId;
  });

  it('are invisible to every role but public security, in lists, detail, export and figures', async () => {
    for (const who of ['admin', 'hemu', 'hemu-worker', 'gongshu']) {
      const list = (await t.call('GET', `/api/v1/alarms?compoundId=${world.compoundId}&limit=500`, who)).json();
      expect(list.items.map((i: { id: string }) => i.id)).not.toContain(alarmId);
      expect((await t.call('GET', `/api/v1/alarms/${alarmId}`, who)).statusCode).toBe(404);
      const summary = (await t.call('GET', `/api/v1/safety/summary?division=330105004`, who)).json();
      expect(summary.alarms.byType.map((x: { type: string }) => x.type)).not.toContain('keyperson.match');
      const xlsx = await t.call('GET', `/api/v1/alarms/export?compoundId=${world.compoundId}`, who);
      expect(JSON.stringify(readFirstSheet(xlsx.rawPayload))).not.toContain('Watch-list');
    }
  });

  it('are visible to public security in scope, and each read is audited', async () => {
    const before = Number(
      (await t.ctx.database.pool.query(`select count(*) from audit_log where action = 'keyperson.read'`)).rows[0].count,
    );
    const list = (await t.call('GET', `/api/v1/alarms?compoundId=${world.compoundId}&type=keyperson.match`, 'police')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([alarmId]);
    expect(list.items[0].restricted).toBe(true);
    const detail = await t.call('GET', `/api/v1/alarms/${alarmId}`, 'police');
    expect(detail.statusCode).toBe(200);
    expect(detail.json().detail).toEqual({
      messageId: expect.any(String),
      eventType: 'keyperson.match',
      values: { vendorRef: 'HK-EVT-991', confidencePercent: 93 },
    });
    const audits = (
      await t.ctx.database.pool.query(`select detail, actor_username from audit_log where action = 'keyperson.read' order by at`)
    ).rows.slice(before);
    expect(audits).toHaveLength(2);
    expect(audits.every((a) => a.actor_username === 'police' && a.detail.alarmIds.includes(alarmId))).toBe(true);

    // Public security handles its own alerts: only its accounts are offered, and it acknowledges.
    const police = (await t.call('GET', '/api/v1/auth/me', 'police')).json();
    const offered = (await t.call('GET', `/api/v1/alarms/${alarmId}/assignees`, 'police')).json().items;
    expect(offered.map((i: { id: string }) => i.id)).toEqual([(police.user ?? police).id]);
    const ack = await t.call('POST', `/api/v1/alarms/${alarmId}/acknowledge`, 'police');
    expect(ack.statusCode, ack.body).toBe(200);
    expect((await t.call('GET', `/api/v1/alarms/${alarmId}/assignees`, 'hemu')).statusCode).toBe(404);
  });
});

describe('safety figures', () => {
  it('count alarms by type and severity, mean times, and devices, at subdistrict and city level', async () => {
    const d = await world.device('sos_button');
    const at = new Date(Date.now() - 60_000);
    const [c] = await apply([event(d, 'sos_button', 'sos.pressed', at)]);
    await t.call('POST', `/api/v1/alarms/${c!.alarmId}/acknowledge`, 'hemu');
    for (const [who, division] of [
      ['hemu', '330105004'],
      ['admin', '330100'],
    ] as const) {
      const res = await t.call('GET', `/api/v1/safety/summary?division=${division}`, who);
      expect(res.statusCode, res.body).toBe(200);
      const s = res.json();
      expect(s.alarms.total).toBeGreaterThan(0);
      expect(s.alarms.bySeverity.find((x: { severity: string }) => x.severity === 'critical').count).toBeGreaterThan(0);
      expect(s.alarms.byType.find((x: { type: string }) => x.type === 'sos.pressed')).toMatchObject({ typeName: 'Resident SOS' });
      expect(Number.isInteger(s.meanSecondsToAcknowledge)).toBe(true);
      // Alarms acknowledged at once elsewhere in this file pull the mean down; this one took a minute.
      expect(s.meanSecondsToAcknowledge).toBeGreaterThan(0);
      expect(s.devices.total).toBeGreaterThanOrEqual(s.devices.online + s.devices.offline);
      expect(s.devices.online).toBeGreaterThan(0);
    }
    expect((await t.call('GET', '/api/v1/safety/summary?division=330106', 'hemu')).statusCode).toBe(404);
    expect((await t.call('GET', '/api/v1/safety/summary?division=12', 'hemu')).json().errors[0].path).toBe('querystring.division');
  });
});
