// Cluster suggestions without the compounds already in a project (excludeInProject=true): three neighbours in a row
// (a, b 300 m east, c 600 m east) with c in a project are suggested together with c marked; asked to leave such
// compounds out, the suggestion is a and b only, and c appears in none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { circleWorld, type CircleWorld } from './fixtures.ts';
import { offset } from './reach.ts';

// A place of this file's own, far from the demo city and from the other tests' places.
const P = { lat: 35.1, lng: 122.4 };
const HEMU = '330105004';

type Suggestion = { compounds: { id: string; project: { id: string } | null }[] };

describe('cluster suggestions without compounds in a project', () => {
  let t: TestApp;
  let a: CircleWorld, b: CircleWorld, c: CircleWorld;
  let projectId: string;

  beforeAll(async () => {
    t = await testApp();
    a = await circleWorld(t, { at: P });
    b = await circleWorld(t, { at: offset(P, 0, 300) });
    c = await circleWorld(t, { at: offset(P, 0, 600) });
    const res = await t.call('POST', '/api/v1/projects', 'hemu', { name: '单独改造（测试）', year: 2031, compoundIds: [c.compoundId] });
    expect(res.statusCode, res.body).toBe(201);
    projectId = res.json().id;
  }, 120_000);
  afterAll(() => t.close());

  const suggestions = async (query: string) => {
    const res = await t.call('GET', `/api/v1/clusters/suggestions?division=${HEMU}${query}`, 'hemu');
    expect(res.statusCode, res.body).toBe(200);
    return res.json().suggestions as Suggestion[];
  };
  const ids = (s: Suggestion | undefined) => s?.compounds.map((x) => x.id).sort();

  it('marks the compound in a project by default', async () => {
    const mine = (await suggestions('')).find((s) => s.compounds.some((x) => x.id === a.compoundId));
    expect(ids(mine)).toEqual([a.compoundId, b.compoundId, c.compoundId].sort());
    expect(mine!.compounds.find((x) => x.id === c.compoundId)!.project).toMatchObject({ id: projectId });
    expect(await suggestions('&excludeInProject=false')).toEqual(await suggestions(''));
  });

  it('leaves it out when asked, the others still suggested together', async () => {
    const all = await suggestions('&excludeInProject=true');
    const mine = all.find((s) => s.compounds.some((x) => x.id === a.compoundId));
    expect(ids(mine)).toEqual([a.compoundId, b.compoundId].sort());
    expect(all.every((s) => s.compounds.every((x) => x.project === null))).toBe(true);
    expect(all.some((s) => s.compounds.some((x) => x.id === c.compoundId))).toBe(false);
  });

  it('refuses a value other than true or false, naming the field', async () => {
    const res = await t.call('GET', `/api/v1/clusters/suggestions?division=${HEMU}&excludeInProject=yes`, 'hemu');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toMatch(/excludeInProject/);
  });
});
