import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { secretMatches } from './credentials.ts';
import { smartWorld } from './fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const q = (text: string, values: unknown[] = []) => t.ctx.database.pool.query(text, values);

/** Adds buildings to a compound (through households, as the registry makes them) and answers their ids by name. */
async function buildings(compoundId: string, names: string[]): Promise<Record<string, string>> {
  const res = await t.call('POST', `/api/v1/compounds/${compoundId}/households`, 'hemu-worker', {
    items: names.map((building) => ({ building, unit: '1单元', room: '101', floorAreaM2: '60.00' })),
  });
  expect(res.statusCode, res.body).toBe(201);
  const detail = (await t.call('GET', `/api/v1/compounds/${compoundId}`, 'hemu')).json();
  return Object.fromEntries(detail.buildings.map((b: { id: string; name: string }) => [b.name, b.id]));
}

describe('registering a device', () => {
  it('keeps only hashes of the secret, and the device has never been seen', async () => {
    const world = await smartWorld(t);
    const d = await world.device('sos_button');
    const { rows } = await q(
      `select d.secret_hash, d.broker_hash, d.community_code, s.status from devices d join device_status s on s.device_id = d.id where d.id = $1`,
      [d.id],
    );
    expect(rows[0].status).toBe('never');
    expect(rows[0].community_code).toBe('330105004001');
    expect(secretMatches(d.secret, rows[0].secret_hash)).toBe(true);
    expect(secretMatches(d.secret + 'x', rows[0].secret_hash)).toBe(false);
    expect(JSON.stringify(rows[0])).not.toContain(d.secret);
    expect(rows[0].broker_hash).toMatch(/^\$7\$101\$/);
  });
});

describe('device profiles', () => {
  it('lists every profile with its event types, in the reader language', async () => {
    const en = (await t.call('GET', '/api/v1/device-profiles', 'hemu-worker')).json();
    const sos = en.items.find((p: { code: string }) => p.code === 'sos_button');
    expect(sos).toMatchObject({ name: 'One-key emergency alarm', heartbeatSeconds: 300 });
    expect(sos.eventTypes).toContainEqual({ type: 'sos.pressed', name: expect.any(String) });
    const zh = await t.app.inject({
      method: 'GET',
      url: '/api/v1/device-profiles',
      headers: { ...(await t.as('hemu')), 'accept-language': 'zh-CN' },
    });
    expect(zh.json().items.find((p: { code: string }) => p.code === 'sos_button').name).toBe('一键报警');
    expect((await t.call('GET', '/api/v1/device-profiles', 'evaluator')).statusCode).toBe(403);
  });
});

describe('POST /api/v1/devices', () => {
  it('answers 201 with the key and the secret once; the device reads offline, never seen; the audit holds no secret', async () => {
    const world = await smartWorld(t);
    const b = await buildings(world.compoundId, ['1幢']);
    const res = await t.call('POST', '/api/v1/devices', 'hemu', {
      compoundId: world.compoundId,
      profile: 'smoke_detector',
      name: '1幢楼道烟感',
      buildingId: b['1幢'],
      location: '1单元3楼',
      vendor: '海曼',
      serial: `HM-${world.compoundId.slice(0, 8)}`,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const created = res.json();
    expect(created).toEqual({
      id: expect.any(String),
      key: expect.stringMatching(/^d-/),
      secret: expect.any(String),
      profile: 'smoke_detector',
      status: 'offline',
      neverSeen: true,
    });
    const one = (await t.call('GET', `/api/v1/devices/${created.id}`, 'hemu')).json();
    expect(one).toMatchObject({
      id: created.id,
      key: created.key,
      compoundId: world.compoundId,
      buildingId: b['1幢'],
      buildingName: '1幢',
      profileName: 'Smoke detector',
      status: 'offline',
      neverSeen: true,
      lastSeenAt: null,
      credentialsIssued: true,
      revoked: false,
    });
    expect(JSON.stringify(one)).not.toContain(created.secret);
    const audit = await q(`select action, detail from audit_log where entity_id = $1`, [created.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['device.create']);
    expect(JSON.stringify(audit.rows)).not.toContain(created.secret);
  });

  it('refuses an unknown profile, a compound out of scope, a building or gateway of another compound, with the field named', async () => {
    const world = await smartWorld(t);
    const other = await smartWorld(t);
    const otherBuildings = await buildings(other.compoundId, ['9幢']);
    const camera = await other.device('perimeter');
    const post = (body: object, user = 'hemu') =>
      t.call('POST', '/api/v1/devices', user, { compoundId: world.compoundId, profile: 'lift', name: '电梯', ...body });
    const paths = async (body: object, user?: string) => {
      const res = await post(body, user);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      return res.json().errors.map((e: { path: string }) => e.path);
    };
    expect(await paths({ profile: 'toaster' })).toEqual(['body.profile']);
    expect(await paths({ buildingId: otherBuildings['9幢'] })).toEqual(['body.buildingId']);
    // A gateway of another compound, and a device that is no gateway.
    const gateway = await other.device('gateway');
    expect(await paths({ gatewayId: gateway.id })).toEqual(['body.gatewayId']);
    expect(await paths({ compoundId: other.compoundId, gatewayId: camera.id })).toEqual(['body.gatewayId']);
    const ok = await post({ compoundId: other.compoundId, gatewayId: gateway.id });
    expect(ok.statusCode, ok.body).toBe(201);
    // The property manager's scope is three demo compounds: not this one.
    expect(await paths({}, 'property')).toEqual(['body.compoundId']);
    // Unknown compound answers like one out of scope.
    expect(await paths({ compoundId: '00000000-0000-4000-8000-000000000000' })).toEqual(['body.compoundId']);
    expect((await post({}, 'hemu-worker')).statusCode).toBe(403);
  });

  it('refuses a serial already registered for the vendor (409), NUL bytes and oversized text (400)', async () => {
    const world = await smartWorld(t);
    const serial = `SN-${world.compoundId}`;
    const post = (body: object) =>
      t.call('POST', '/api/v1/devices', 'hemu', { compoundId: world.compoundId, profile: 'lift', name: '电梯', ...body });
    expect((await post({ vendor: '奥的斯', serial })).statusCode).toBe(201);
    const again = await post({ vendor: '奥的斯', serial });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'device.serial_taken', errors: [expect.objectContaining({ path: 'body.serial' })] });
    expect((await post({ vendor: '三菱', serial })).statusCode).toBe(201);
    const nul = await post({ name: '电\u0000梯' });
    expect(nul.statusCode).toBe(400);
    const long = await post({ name: 'x'.repeat(101) });
    expect(long.statusCode).toBe(400);
    expect(JSON.stringify(long.json().errors)).toContain('name');
    expect((await post({ compoundId: 'not-a-uuid' })).statusCode).toBe(400);
  });
});

describe('GET /api/v1/devices', () => {
  it('lists offline first (then never seen, then online) by name, paged, filtered, within scope', async () => {
    const world = await smartWorld(t);
    const online = await world.device('lift', { name: 'A 电梯' });
    const offline = await world.device('lift', { name: 'Z 电梯' });
    const never = await world.device('water_pump', { name: 'M 水泵' });
    await q(`update device_status set status = 'online', last_seen_at = now() where device_id = $1`, [online.id]);
    await q(`update device_status set status = 'offline', last_seen_at = now() - interval '1 hour' where device_id = $1`, [offline.id]);
    const list = async (query: string, user = 'hemu') => {
      const res = await t.call('GET', `/api/v1/devices?compoundId=${world.compoundId}${query}`, user);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const all = await list('');
    expect(all.items.map((d: { id: string }) => d.id)).toEqual([offline.id, never.id, online.id]);
    expect(all.items.map((d: { status: string; neverSeen: boolean }) => [d.status, d.neverSeen])).toEqual([
      ['offline', false],
      ['offline', true],
      ['online', false],
    ]);
    expect(all.items[2].lastSeenAt).toEqual(expect.any(String));
    // Paged one at a time: the same order, then the end.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p = await list(`&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...p.items.map((d: { id: string }) => d.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toEqual([offline.id, never.id, online.id]);
    expect((await list('&status=offline')).items.map((d: { id: string }) => d.id)).toEqual([offline.id, never.id]);
    expect((await list('&status=online')).items.map((d: { id: string }) => d.id)).toEqual([online.id]);
    expect((await list('&profile=water_pump')).items.map((d: { id: string }) => d.id)).toEqual([never.id]);
    expect((await list('&q=' + encodeURIComponent('Z 电'))).items.map((d: { id: string }) => d.id)).toEqual([offline.id]);
    expect((await list('&division=330105004')).items).toHaveLength(3);
    expect((await list('&division=330106')).items).toHaveLength(0);
    // Outside the property manager's scope: an empty list and a 404, as if the devices did not exist.
    expect((await list('', 'property')).items).toHaveLength(0);
    expect((await t.call('GET', `/api/v1/devices/${online.id}`, 'property')).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/devices?cursor=garbage`, 'hemu')).statusCode).toBe(400);
  });

  it("shows a compound's buildings with their devices", async () => {
    const world = await smartWorld(t);
    const b = await buildings(world.compoundId, ['1幢', '2幢']);
    const lift = await world.device('lift', { buildingId: b['1幢'] });
    const pump = await world.device('water_pump');
    await q(`update device_status set status = 'online', last_seen_at = now() where device_id = $1`, [lift.id]);
    const res = await t.call('GET', `/api/v1/compounds/${world.compoundId}/devices`, 'hemu-worker');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.buildings.map((x: { name: string; online: number; offline: number }) => [x.name, x.online, x.offline])).toEqual([
      ['1幢', 1, 0],
      ['2幢', 0, 0],
    ]);
    expect(body.buildings[0].devices[0].id).toBe(lift.id);
    expect(body.unplaced.map((d: { id: string }) => d.id)).toEqual([pump.id]);
    expect((await t.call('GET', `/api/v1/compounds/${world.compoundId}/devices`, 'property')).statusCode).toBe(404);
  });
});

describe('credentials', () => {
  it('rotates to a new secret for the same key, revokes for good, and audits both without the secret', async () => {
    const world = await smartWorld(t);
    const d = await world.device('perimeter');
    const rotated = await t.call('POST', `/api/v1/devices/${d.id}/credentials`, 'hemu');
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { key, secret } = rotated.json();
    expect(key).toBe(d.key);
    expect(secret).not.toBe(d.secret);
    const row = async () => (await q(`select secret_hash, broker_hash, revoked_at from devices where id = $1`, [d.id])).rows[0];
    expect(secretMatches(secret, (await row()).secret_hash)).toBe(true);
    expect(secretMatches(d.secret, (await row()).secret_hash)).toBe(false);

    expect((await t.call('POST', `/api/v1/devices/${d.id}/revoke`, 'hemu-worker')).statusCode).toBe(403);
    const revoked = await t.call('POST', `/api/v1/devices/${d.id}/revoke`, 'hemu');
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await row()).revoked_at).not.toBeNull();
    expect((await t.call('GET', `/api/v1/devices/${d.id}`, 'hemu')).json()).toMatchObject({ revoked: true });
    expect((await t.call('POST', `/api/v1/devices/${d.id}/credentials`, 'hemu')).json()).toMatchObject({
      status: 409,
      code: 'device.revoked',
    });
    expect((await t.call('POST', `/api/v1/devices/${d.id}/revoke`, 'hemu')).statusCode).toBe(409);
    const audit = await q(`select action, detail from audit_log where entity_id = $1 order by id`, [d.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['device.create', 'device.rotate', 'device.revoke']);
    expect(JSON.stringify(audit.rows)).not.toContain(secret);
    // Another scope cannot touch it.
    expect((await t.call('POST', `/api/v1/devices/${d.id}/credentials`, 'property')).statusCode).toBe(404);
  });
});
