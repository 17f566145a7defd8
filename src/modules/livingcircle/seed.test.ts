// The demo seed of the living circle (what `npm start` shows; the test template is seeded by the product's own
// start-up path): one accepted cluster of neighbouring demo compounds whose project has exactly those compounds,
// its checklist partly ticked, and space resources at several statuses, named from the city pack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityPack } from '../../platform/city.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';

describe('living circle demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('has an accepted cluster whose project holds its compounds, with the checklist partly ticked', async () => {
    const list = await t.call('GET', `/api/v1/clusters?division=${cityPack().demo.district.code}`, 'gongshu');
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as {
      id: string;
      projectId: string;
      compounds: { id: string }[];
      checklist: { done: number; total: number };
    }[];
    expect(items).toHaveLength(1);
    const c = items[0]!;
    expect(c.compounds.length).toBeGreaterThanOrEqual(2);
    expect(c.checklist.done).toBeGreaterThan(0);
    expect(c.checklist.done).toBeLessThan(c.checklist.total);
    const project = await t.call('GET', `/api/v1/projects/${c.projectId}`, 'gongshu');
    expect(project.statusCode, project.body).toBe(200);
    expect(new Set(project.json().compounds.map((p: { id: string }) => p.id))).toEqual(new Set(c.compounds.map((p) => p.id)));
    const detail = (await t.call('GET', `/api/v1/clusters/${c.id}`, 'gongshu')).json();
    expect(detail.checklist.filter((i: { done: boolean }) => i.done).length).toBe(c.checklist.done);
  });

  it('has space resources at several statuses in the demo community, named from the city pack', async () => {
    const { community, district } = cityPack().demo;
    const res = await t.call('GET', `/api/v1/spaces?division=${community.code}&limit=100`, 'hemu');
    expect(res.statusCode, res.body).toBe(200);
    const spaces = res.json().items as { status: string; owner: string }[];
    expect(new Set(spaces.map((s) => s.status)).size).toBeGreaterThanOrEqual(2);
    expect(spaces.some((s) => s.owner.startsWith(district.name))).toBe(true);
  });
});
