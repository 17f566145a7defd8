// Issue 16, item 4: the project and compound lists sort by their columns on the server (validated), page through
// the sorted order without loss or repeat, answer the total that matches the filters, and the project list names
// each project's district, subdistricts and compounds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

type Row = Record<string, unknown> & { id: string };

/** Every row of a list, followed page by page. */
async function all(url: string, who = 'admin', limit = 7) {
  const rows: Row[] = [];
  let cursor: string | null = null;
  let total = -1;
  do {
    const res = await t.call('GET', `${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, who);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ items: Row[]; nextCursor: string | null; total: number }>();
    rows.push(...page.items);
    total = page.total;
    cursor = page.nextCursor;
  } while (cursor);
  return { rows, total };
}

const sortedBy = (rows: Row[], key: string, desc: boolean, asNumber: boolean) => {
  const v = (r: Row) => (asNumber ? Number(r[key]) : String(r[key]));
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [v(rows[i - 1]!), v(rows[i]!)];
    expect(desc ? a >= b : a <= b, `${key} ${String(a)} then ${String(b)}`).toBe(true);
  }
};

describe('the project list', () => {
  it('sorts by each column, either way, over pages, with the total of the filters', async () => {
    const division = '330105';
    const unsorted = await all(`/api/v1/projects?division=${division}`);
    expect(unsorted.rows.length).toBe(unsorted.total);
    expect(unsorted.total).toBeGreaterThan(7);
    for (const [sort, numeric] of [
      ['floorAreaM2', true],
      ['households', true],
      ['year', true],
      ['compoundCount', true],
    ] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const got = await all(`/api/v1/projects?division=${division}&sort=${sort}&order=${order}`);
        expect(got.total).toBe(unsorted.total);
        expect(new Set(got.rows.map((r) => r.id))).toEqual(new Set(unsorted.rows.map((r) => r.id)));
        expect(got.rows.length).toBe(unsorted.total);
        sortedBy(got.rows, sort, order === 'desc', numeric);
      }
    }
    // By stage: in the order of the stages, not of their codes.
    const byStage = await all(`/api/v1/projects?division=${division}&sort=stage`);
    const stages = (await t.call('GET', '/api/v1/projects/stages', 'admin')).json<{ items: { stage: string }[] }>();
    const order = stages.items.map((s) => s.stage);
    const ranks = byStage.rows.map((r) => order.indexOf(String(r.stage)));
    expect(new Set(ranks).size).toBeGreaterThan(1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // Filters narrow the total too.
    const hemu = await all(`/api/v1/projects?division=330105004&sort=name`);
    expect(hemu.total).toBe(hemu.rows.length);
    expect(hemu.total).toBeLessThan(unsorted.total);
  });

  it('names the district, subdistricts and compounds of each project, so same-name projects are told apart', async () => {
    const compounds = (await t.call('GET', '/api/v1/compounds?division=330105004&limit=2', 'admin')).json<{
      items: { id: string; name: string }[];
    }>().items;
    for (const c of compounds) {
      const res = await t.call('POST', '/api/v1/projects', 'admin', { name: '同名项目（列表测试）', year: 2027, compoundIds: [c.id] });
      expect(res.statusCode, res.body).toBe(201);
    }
    const { rows } = await all(`/api/v1/projects?q=${encodeURIComponent('同名项目（列表测试）')}&sort=name`);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.districtName).toBe('拱墅区');
      expect(r.subdistricts).toEqual([{ code: '330105004', name: '和睦街道' }]);
    }
    expect(rows.map((r) => (r.compoundNames as string[])[0]).sort()).toEqual(compounds.map((c) => c.name).sort());
  });

  it("lists a compound's projects for its page: its own and the clusters it is part of, nothing else", async () => {
    const [a, b] = (await t.call('GET', '/api/v1/compounds?division=330105004&limit=2&sort=name&order=desc', 'admin')).json<{
      items: { id: string }[];
    }>().items;
    const made: string[] = [];
    for (const [name, compoundIds] of [
      ['本小区项目（小区页测试）', [a!.id]],
      ['片区项目（小区页测试）', [a!.id, b!.id]],
      ['邻小区项目（小区页测试）', [b!.id]],
    ] as const) {
      const res = await t.call('POST', '/api/v1/projects', 'admin', { name, year: 2027, compoundIds });
      expect(res.statusCode, res.body).toBe(201);
      made.push(res.json<{ id: string }>().id);
    }
    const ofA = await all(`/api/v1/projects?compoundId=${a!.id}&q=${encodeURIComponent('小区页测试')}`, 'admin', 1);
    expect(ofA.rows.map((r) => r.id).sort()).toEqual([made[0], made[1]].sort());
    expect(ofA.total).toBe(2);
    const bad = await t.call('GET', '/api/v1/projects?compoundId=not-a-compound', 'admin');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('querystring.compoundId');
  });

  it('refuses a sort it does not know and a cursor of another sort, naming the field (400)', async () => {
    const bad = await t.call('GET', '/api/v1/projects?sort=budget', 'admin');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('querystring.sort');
    expect((await t.call('GET', '/api/v1/projects?sort=name&order=up', 'admin')).json().errors[0].path).toBe('querystring.order');
    const page = (await t.call('GET', '/api/v1/projects?limit=1', 'admin')).json<{ nextCursor: string }>();
    const mixed = await t.call('GET', `/api/v1/projects?limit=1&sort=households&cursor=${page.nextCursor}`, 'admin');
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().errors[0].path).toBe('query.cursor');
  });
});

describe('the compound list', () => {
  it('sorts by each column, either way, over pages, with the total of the filters', async () => {
    const base = await all('/api/v1/compounds?division=330105');
    expect(base.rows.length).toBe(base.total);
    sortedBy(base.rows, 'name', false, false);
    for (const [sort, numeric] of [
      ['floorAreaM2', true],
      ['households', true],
      ['yearBuilt', true],
    ] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const got = await all(`/api/v1/compounds?division=330105&sort=${sort}&order=${order}`);
        expect(got.total).toBe(base.total);
        expect(got.rows.map((r) => r.id).sort()).toEqual(base.rows.map((r) => r.id).sort());
        sortedBy(got.rows, sort, order === 'desc', numeric);
      }
    }
    const eligible = await all('/api/v1/compounds?division=330105&eligible=true&sort=yearBuilt&order=desc');
    expect(eligible.total).toBe(eligible.rows.length);
    expect(eligible.total).toBeLessThanOrEqual(base.total);
    expect((await t.call('GET', '/api/v1/compounds?sort=address', 'admin')).json().errors[0].path).toBe('querystring.sort');
  });
});
