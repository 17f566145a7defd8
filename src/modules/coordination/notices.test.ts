// Package notices are seen, and marked read, only by those they concern: a
// liaison their own department's, everyone else what lies in their scope.
// The packages and notices are made here, not taken from the demo's plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../platform/ids.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { upsertAccount } from '../accounts/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

interface Made {
  compoundId: string;
  noticeId: string;
}

/** A compound of the district, a package of the department in it, and a notice that a timetable moved it. */
async function noticeIn(district: string, department: string, kind: string): Promise<Made> {
  const pool = t.ctx.database.pool;
  const { rows } = await pool.query<{ id: string; name: string; community_code: string }>(
    `select id, name, community_code from compounds where district_code = $1 order by id limit 1`,
    [district],
  );
  const c = rows[0]!;
  const packageId = uuidv7();
  await pool.query(
    `insert into work_packages (id, project_id, compound_id, project_name, compound_name, community_code, year, kind, department,
       duration_days, crews, opens_ground)
     values ($1, $2, $3, '通知测试项目', $4, $5, 2030, $6, $7, 5, 1, true)`,
    [packageId, uuidv7(), c.id, c.name, c.community_code, kind, department],
  );
  const noticeId = uuidv7();
  await pool.query(`insert into package_notices (id, department, schedule_id, package_id, message) values ($1, $2, $3, $4, $5)`, [
    noticeId,
    department,
    uuidv7(),
    packageId,
    `${c.name} · ${kind}: 2030-03-01 → 2030-03-08`,
  ]);
  return { compoundId: c.id, noticeId };
}

const visible = async (username: string) =>
  ((await t.call('GET', '/api/v1/package-notices', username)).json().items as { id: string }[]).map((n) => n.id);
const markRead = (username: string, id: string) => t.call('POST', `/api/v1/package-notices/${id}/read`, username);

describe('package notices', () => {
  let gongshuPower: Made;
  let xihuWater: Made;
  beforeAll(async () => {
    gongshuPower = await noticeIn('330105', 'power', 'power');
    xihuWater = await noticeIn('330106', 'water', 'water');
    await t.ctx.db.transaction(async (tx) => {
      await upsertAccount(tx, {
        username: 'water-liaison',
        displayName: '水务联络员',
        password: 'Demo@2026',
        role: 'department_liaison',
        scopeDivision: '330100',
        department: 'water',
      });
      await upsertAccount(tx, {
        username: 'xihu',
        displayName: '西湖区住建局',
        password: 'Demo@2026',
        role: 'district_officer',
        scopeDivision: '330106',
      });
      await upsertAccount(tx, {
        username: 'gongshu-contractor',
        displayName: '施工单位乙',
        password: 'Demo@2026',
        role: 'contractor',
        scopeCompoundIds: [gongshuPower.compoundId],
      });
    });
  });

  it('shows a liaison their own department’s notices only', async () => {
    const power = await visible('power');
    expect(power).toContain(gongshuPower.noticeId);
    expect(power).not.toContain(xihuWater.noticeId);
    const water = await visible('water-liaison');
    expect(water).toContain(xihuWater.noticeId);
    expect(water).not.toContain(gongshuPower.noticeId);
  });

  it('shows everyone else what lies in their division or compounds', async () => {
    expect(await visible('admin')).toEqual(expect.arrayContaining([gongshuPower.noticeId, xihuWater.noticeId]));
    const gongshu = await visible('gongshu');
    expect(gongshu).toContain(gongshuPower.noticeId);
    expect(gongshu).not.toContain(xihuWater.noticeId);
    const xihu = await visible('xihu');
    expect(xihu).toContain(xihuWater.noticeId);
    expect(xihu).not.toContain(gongshuPower.noticeId);
    expect(await visible('gongshu-contractor')).toEqual([gongshuPower.noticeId]);
  });

  it('marks a notice read only for those who may see it; anyone else gets 404 and the notice stays unread', async () => {
    const unread = async (id: string) =>
      (await t.ctx.database.pool.query(`select read_at is null as unread from package_notices where id = $1`, [id])).rows[0].unread;
    for (const [username, id] of [
      ['water-liaison', gongshuPower.noticeId],
      ['power', xihuWater.noticeId],
      ['xihu', gongshuPower.noticeId],
      ['gongshu', xihuWater.noticeId],
      ['gongshu-contractor', xihuWater.noticeId],
    ] as const) {
      const res = await markRead(username, id);
      expect(res.statusCode, `${username} → ${id}`).toBe(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(await unread(id)).toBe(true);
    }
    expect((await markRead('xihu', xihuWater.noticeId)).statusCode).toBe(204);
    expect(await unread(xihuWater.noticeId)).toBe(false);
    expect((await markRead('power', gongshuPower.noticeId)).statusCode).toBe(204);
    expect(await unread(gongshuPower.noticeId)).toBe(false);
  });
});
