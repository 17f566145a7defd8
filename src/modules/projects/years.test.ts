// Issue 16, item 4: the years that have projects, newest first, within the caller's scope and an asked division;
// what year-scoped pages open on and list. The projects asserted on are made here, in years no demo project has.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { demoCity } from '../../platform/testing/city.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const COMMUNITY = demoCity().community.code;
const years = async (who: string, query = '') => {
  const res = await t.call('GET', `/api/v1/projects/years${query}`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().years as number[];
};

describe('GET /api/v1/projects/years', () => {
  it('lists every year with a project in scope, newest first, and narrows to a division', async () => {
    const tag = randomBytes(3).toString('hex');
    const compound = await t.call('POST', '/api/v1/compounds', 'hemu-worker', {
      name: `年份测试-${tag}`,
      communityCode: COMMUNITY,
      address: `${demoCity().names.roads[0]}${tag}号`,
      yearBuilt: 1990,
      floorAreaM2: '3000.00',
    });
    expect(compound.statusCode, compound.body).toBe(201);
    for (const year of [2094, 2096]) {
      const made = await t.call('POST', '/api/v1/projects', 'hemu', {
        name: `年份测试-${tag}-${year}`,
        year,
        compoundIds: [compound.json().id],
      });
      expect(made.statusCode, made.body).toBe(201);
    }
    const { rows } = await t.ctx.database.pool.query<{ year: number }>('select distinct year from projects order by year desc');
    const all = await years('admin');
    expect(all).toEqual(rows.map((r) => r.year));
    expect(all.slice(0, 2)).toEqual([2096, 2094]);
    expect((await years('hemu')).slice(0, 2)).toEqual([2096, 2094]);
    expect((await years('admin', `?division=${COMMUNITY.slice(0, 9)}`)).slice(0, 2)).toEqual([2096, 2094]);
    const { rows: other } = await t.ctx.database.pool.query<{ code: string }>(
      `select code from divisions where parent = $1 and code <> $2 limit 1`,
      [COMMUNITY.slice(0, 6), COMMUNITY.slice(0, 9)],
    );
    const elsewhere = await years('admin', `?division=${other[0]!.code}`);
    expect(elsewhere).not.toContain(2096);
    expect(elsewhere).not.toContain(2094);
  });

  it('refuses a malformed division, naming the field', async () => {
    const res = await t.call('GET', '/api/v1/projects/years?division=33x', 'admin');
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().errors)).toContain('division');
  });
});
