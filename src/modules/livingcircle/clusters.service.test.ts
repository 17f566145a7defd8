// Clusters through HTTP (acceptance 3): three compounds of 和睦 a few hundred metres apart are suggested together and
// a fourth 3 km away is not; the shared gaps leave out the need only one of them lacks; accepting the suggestion
// creates one project with exactly the cluster's compounds and keeps the cluster with its shared facility and its
// checklist of the nine future-community scenarios; bad input is problem+json naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { circleWorld, type CircleWorld } from './fixtures.ts';
import { offset } from './reach.ts';

let t: TestApp;
let a: CircleWorld, b: CircleWorld, c: CircleWorld, far: CircleWorld;
let busStop: string;
// A place of this file's own, far from the demo city and from circleWorld's default places.
const P = { lat: 34.5, lng: 121.3 };
const HEMU = '330105004';

beforeAll(async () => {
  t = await testApp();
  a = await circleWorld(t, { at: P, households: 120 });
  b = await circleWorld(t, { at: offset(P, 0, 300), households: 80 });
  c = await circleWorld(t, { at: offset(P, 0, 600), households: 50 });
  far = await circleWorld(t, { at: offset(P, 0, 3600), households: 500 });
  // 100 m west of a: a bus stop within the standard's 600 m walk of a (120 m) and b (480 m), beyond it for c (840 m).
  busStop = (await a.facility(100, { need: 'transport', kind: 'bus_stop', name: '片区测试公交站' }, { bearing: 270 })).id;
}, 120_000);
afterAll(async () => t?.close());

type Suggestion = {
  compounds: { id: string; name: string; households: number; project: { id: string; stage: string } | null }[];
  sharedGaps: { need: string; needName: string; compounds: number; households: number }[];
  households: number;
  score: number;
  why: string[];
};

async function suggestionOf(compoundId: string, as = 'hemu') {
  const res = await t.call('GET', `/api/v1/clusters/suggestions?division=${HEMU}`, as);
  expect(res.statusCode, res.body).toBe(200);
  const all = res.json().suggestions as Suggestion[];
  return { all, mine: all.find((s) => s.compounds.some((x) => x.id === compoundId)) };
}

describe('cluster suggestions', () => {
  it('suggests the three neighbours together, without the far one, with the needs two or more lack', async () => {
    const { all, mine } = await suggestionOf(a.compoundId);
    expect(mine).toBeDefined();
    expect(mine!.compounds.map((x) => x.id).sort()).toEqual([a.compoundId, b.compoundId, c.compoundId].sort());
    expect(all.some((s) => s.compounds.some((x) => x.id === far.compoundId))).toBe(false);
    expect(mine!.households).toBe(250);
    // Only c lacks a bus stop within 600 m: transport is not shared; the six other needs are lacked by all three.
    expect(mine!.sharedGaps.map((g) => g.need).sort()).toEqual(['clothing', 'culture', 'elderly_care', 'food', 'medical', 'recreation']);
    expect(mine!.sharedGaps.every((g) => g.compounds === 3 && g.households === 250)).toBe(true);
    expect(mine!.score).toBe(6 * 250);
    expect(mine!.why.join(' ')).toMatch(/3 neighbouring compounds, the farthest neighbours 300 m apart/);
    expect(mine!.compounds.every((x) => x.project === null)).toBe(true);
  });

  it('answers in Chinese when asked', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/clusters/suggestions?division=${HEMU}`,
      headers: { ...(await t.as('hemu')), 'accept-language': 'zh-CN' },
    });
    const mine = (res.json().suggestions as Suggestion[]).find((s) => s.compounds.some((x) => x.id === a.compoundId))!;
    expect(mine.why[0]).toBe('3 个小区彼此相邻，相邻小区最远相距 300 米');
    expect(mine.why.join('')).toContain('3 个小区都缺少养');
  });

  it('refuses a division outside the account or not a district, subdistrict or community, naming the field', async () => {
    for (const division of ['330106', '330100', 'x']) {
      const res = await t.call('GET', `/api/v1/clusters/suggestions?division=${division}`, 'hemu');
      expect(res.statusCode, division).toBe(division === 'x' ? 400 : 422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors[0].path).toBe('querystring.division');
    }
  });
});

describe('a suggestion becomes a project (acceptance 3)', () => {
  let clusterId: string;
  let projectId: string;

  it('creates one project with exactly the cluster compounds, and keeps the cluster', async () => {
    const { mine } = await suggestionOf(a.compoundId);
    const ids = mine!.compounds.map((x) => x.id);
    const res = await t.call('POST', '/api/v1/clusters/suggestions/accept', 'hemu', { compoundIds: ids, year: 2027 });
    expect(res.statusCode, res.body).toBe(201);
    clusterId = res.json().id;
    projectId = res.json().project.id;
    const project = await t.call('GET', `/api/v1/projects/${projectId}`, 'hemu');
    expect(project.statusCode).toBe(200);
    expect(project.json().year).toBe(2027);
    expect(project.json().cluster).toBe(true);
    expect((project.json().compounds as { id: string }[]).map((x) => x.id).sort()).toEqual([...ids].sort());
    expect(project.json().households).toBe(250);

    // The suggestion now shows the compounds' stage.
    const again = await suggestionOf(a.compoundId);
    expect(again.mine!.compounds.every((x) => x.project?.id === projectId && x.project.stage === 'planned')).toBe(true);
  });

  it('keeps the cluster with its shared facility and the nine scenarios, and saves an item audited', async () => {
    const list = await t.call('GET', `/api/v1/clusters?division=${HEMU}`, 'hemu');
    expect(list.statusCode, list.body).toBe(200);
    const kept = (list.json().items as { id: string; projectId: string; checklist: { done: number; total: number } }[]).find(
      (x) => x.id === clusterId,
    );
    expect(kept).toMatchObject({ projectId, checklist: { done: 0, total: 9 } });

    const one = await t.call('GET', `/api/v1/clusters/${clusterId}`, 'hemu');
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().sharedFacilities).toEqual([expect.objectContaining({ id: busStop, need: 'transport', compounds: 3 })]);
    expect((one.json().checklist as { item: string }[]).map((i) => i.item)).toEqual([
      'neighbourhood',
      'education',
      'health',
      'enterprise',
      'architecture',
      'transport',
      'low_carbon',
      'services',
      'governance',
    ]);

    const set = await t.call('PUT', `/api/v1/clusters/${clusterId}/checklist/health`, 'hemu', { done: true, note: '共建卫生服务站' });
    expect(set.statusCode, set.body).toBe(200);
    const after = await t.call('GET', `/api/v1/clusters/${clusterId}`, 'hemu');
    expect((after.json().checklist as { item: string; done: boolean; note: string }[]).find((i) => i.item === 'health')).toMatchObject({
      done: true,
      note: '共建卫生服务站',
    });
    const { rows } = await t.ctx.database.pool.query(
      `select actor_username from audit_log where action = 'cluster.checklist' and entity_id = $1`,
      [clusterId],
    );
    expect(rows).toEqual([{ actor_username: 'hemu' }]);

    const unknown = await t.call('PUT', `/api/v1/clusters/${clusterId}/checklist/moon`, 'hemu', { done: true });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].path).toBe('params.item');
  });

  it('lets a community worker read the suggestions but not create the project', async () => {
    expect((await t.call('GET', `/api/v1/clusters/suggestions?division=330105004001`, 'hemu-worker')).statusCode).toBe(200);
    const res = await t.call('POST', '/api/v1/clusters/suggestions/accept', 'hemu-worker', {
      compoundIds: [a.compoundId, b.compoundId],
      year: 2027,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('refusing a cluster, naming the field', () => {
  const accept = (body: object) => t.call('POST', '/api/v1/clusters/suggestions/accept', 'hemu', body);

  it('refuses compounds that are not neighbours, and creates no project', async () => {
    const before = await t.ctx.database.pool.query(`select count(*)::int as n from projects`);
    const res = await accept({ compoundIds: [a.compoundId, far.compoundId], year: 2027 });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0].path).toBe('body.compoundIds');
    expect(res.json().errors[0].message).toMatch(/neighbours \(at most 500 m apart\)/);
    const after = await t.ctx.database.pool.query(`select count(*)::int as n from projects`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('refuses a bad year, a single compound, a repeated or unknown compound', async () => {
    const cases: [object, string][] = [
      [{ compoundIds: [a.compoundId, b.compoundId], year: 1999 }, 'body.year'],
      [{ compoundIds: [a.compoundId, b.compoundId], year: 2027.5 }, 'body.year'],
      [{ compoundIds: [a.compoundId, b.compoundId] }, 'body.year'],
      [{ compoundIds: [a.compoundId], year: 2027 }, 'body.compoundIds'],
      [{ compoundIds: [a.compoundId, a.compoundId], year: 2027 }, 'body.compoundIds'],
      [{ compoundIds: [a.compoundId, '00000000-0000-4000-8000-000000000000'], year: 2027 }, 'body.compoundIds'],
    ];
    for (const [body, path] of cases) {
      const res = await accept(body);
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, JSON.stringify(body)).toBeLessThan(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors[0].path, JSON.stringify(body)).toBe(path);
    }
  });
});
