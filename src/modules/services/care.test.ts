// Acceptance 5: care profiles are masked in lists, read in full only with the permission, and every full read is
// audited (and a refused read leaves no record and no data).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { upsertAccount } from '../accounts/index.ts';
import { servicesWorld, type ServicesWorld } from './fixtures.ts';

let t: TestApp;
let w: ServicesWorld;

beforeAll(async () => {
  t = await testApp();
  w = await servicesWorld(t);
});
afterAll(async () => t?.close());

const personalValues = ['王桂英', '桂英', '13812345678', '1941-03-15', '高血压'];
// Every full read says why (issue 16, item 8).
const reason = encodeURIComponent('上门服务');
const leaks = (body: string) => personalValues.filter((v) => body.includes(v));

async function auditRows(profileId: string) {
  const { rows } = await t.ctx.database.pool.query<{ actor_username: string; detail: unknown }>(
    `select actor_username, detail from audit_log where action = 'personal.read' and entity = 'care_profile' and entity_id = $1 order by id`,
    [profileId],
  );
  return rows;
}

describe('care profiles (Acceptance 5)', () => {
  it('answers, lists and reads a profile masked: no name, phone, birth date or notes in full', async () => {
    const created = await t.call('POST', '/api/v1/services/care-profiles', 'hemu-worker', {
      name: '王桂英',
      phone: '13812345678',
      birthDate: '1941-03-15',
      gender: 'female',
      compoundId: w.compoundA,
      householdId: w.householdsA[0],
      livingAlone: true,
      careLevel: 'moderate',
      needs: ['meals', 'bathing'],
      carerGender: 'female',
      dialect: 'hangzhou',
      notes: '高血压，饮食少盐',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(leaks(created.body)).toEqual([]);
    const profile = created.json();
    expect(profile).toMatchObject({
      nameMasked: '王**',
      phoneMasked: '138****5678',
      livingAlone: true,
      careLevel: 'moderate',
      familyCount: 0,
    });
    expect(profile.ageBand).toMatch(/^\d+–\d+$/);

    const list = await t.call('GET', `/api/v1/services/care-profiles?compoundId=${w.compoundA}`, 'hemu-worker');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((p: { id: string }) => p.id)).toContain(profile.id);
    expect(leaks(list.body)).toEqual([]);

    const one = await t.call('GET', `/api/v1/services/care-profiles/${profile.id}`, 'hemu-worker');
    expect(one.statusCode).toBe(200);
    expect(leaks(one.body)).toEqual([]);

    // Sealed at rest: the table holds no personal value in clear.
    const { rows } = await t.ctx.database.pool.query(`select * from care_profiles where id = $1`, [profile.id]);
    expect(leaks(JSON.stringify(rows[0]))).toEqual([]);
    // Reading masked copies is not a full read: no audit record yet.
    expect(await auditRows(profile.id)).toEqual([]);
  });

  it('reads a profile in full only with personal.read, and records every full read before answering', async () => {
    const id = await w.elder();
    const first = await t.call('GET', `/api/v1/services/care-profiles/${id}/personal?reason=${reason}`, 'hemu-worker');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ name: '王桂英', phone: '13812345678', birthDate: '1941-03-15', notes: '高血压，饮食少盐' });
    expect(first.json().address).toContain('1幢1单元101');
    const second = await t.call('GET', `/api/v1/services/care-profiles/${id}/personal?reason=${reason}`, 'hemu-worker-2');
    expect(second.statusCode).toBe(200);
    const rows = await auditRows(id);
    expect(rows.map((r) => r.actor_username)).toEqual(['hemu-worker', 'hemu-worker-2']);
    // The audit log names the fields, never their values.
    expect(leaks(JSON.stringify(rows))).toEqual([]);
    expect(rows[0]!.detail).toMatchObject({
      fields: expect.arrayContaining(['name', 'phone', 'birthDate']),
      reason: '上门服务',
      subject: '王**',
    });
  });

  it('refuses the full read without the permission, or outside the scope, and records nothing', async () => {
    const id = await w.elder();
    // A grid worker and a service provider hold neither care.read nor personal.read.
    for (const who of ['grid', 'provider']) {
      const res = await t.call('GET', `/api/v1/services/care-profiles/${id}/personal?reason=${reason}`, who);
      expect(res.statusCode, who).toBe(403);
      expect(leaks(res.body)).toEqual([]);
      expect((await t.call('GET', '/api/v1/services/care-profiles', who)).statusCode).toBe(403);
    }
    // A community worker of another community holds the permission, but the profile is not in their scope.
    await t.ctx.db.transaction((tx) =>
      upsertAccount(tx, {
        username: `other-worker-${w.tag}`,
        displayName: '其他社区社工',
        password: 'Demo@2026',
        role: 'community_worker',
        scopeDivision: '330105004002',
      }),
    );
    const outside = await t.call('GET', `/api/v1/services/care-profiles/${id}/personal?reason=${reason}`, `other-worker-${w.tag}`);
    expect(outside.statusCode).toBe(404);
    expect(leaks(outside.body)).toEqual([]);
    const list = await t.call('GET', '/api/v1/services/care-profiles', `other-worker-${w.tag}`);
    expect(list.json().items.map((p: { id: string }) => p.id)).not.toContain(id);
    expect(await auditRows(id)).toEqual([]);
  });

  it('links a family member by phone, shown in the full read only', async () => {
    const id = await w.elder();
    const daughter = await w.resident(w.householdB);
    const linked = await t.call('POST', `/api/v1/services/care-profiles/${id}/family`, 'hemu-worker', {
      phone: daughter.phone,
      relation: 'daughter',
    });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json()).toEqual({ profileId: id, residentId: daughter.residentId, relation: 'daughter' });
    expect((await t.call('GET', `/api/v1/services/care-profiles/${id}`, 'hemu-worker')).json().familyCount).toBe(1);
    const full = await t.call('GET', `/api/v1/services/care-profiles/${id}/personal?reason=${reason}`, 'hemu-worker');
    expect(full.json().family).toEqual([expect.objectContaining({ residentId: daughter.residentId, relation: 'daughter' })]);
    const unknown = await t.call('POST', `/api/v1/services/care-profiles/${id}/family`, 'hemu-worker', {
      phone: '13000000000',
      relation: 'son',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].path).toBe('body.phone');
  });

  it('refuses bad input naming the field', async () => {
    const bad = async (patch: Record<string, unknown>) => {
      const res = await t.call('POST', '/api/v1/services/care-profiles', 'hemu-worker', {
        name: '测试',
        birthDate: '1940-01-01',
        gender: 'male',
        compoundId: w.compoundA,
        livingAlone: false,
        careLevel: 'mild',
        needs: [],
        ...patch,
      });
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
      return res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    };
    expect(await bad({ careLevel: 'sleepy' })).toContain('body.careLevel');
    expect(await bad({ needs: ['meals', 'flying'] })).toContain('body.needs.1');
    expect(await bad({ dialect: 'klingon' })).toContain('body.dialect');
    expect(await bad({ birthDate: '1940-02-30' })).toContain('body.birthDate');
    expect(await bad({ phone: '12345' })).toContain('body.phone');
    expect(await bad({ householdId: w.householdB })).toContain('body.householdId');
    expect(await bad({ compoundId: '00000000-0000-7000-8000-000000000000' })).toContain('body.compoundId');
  });
});
