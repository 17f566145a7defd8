// A compound's circle and the gap sums through the API against a real database: acceptance 1 (900 m in, 1,300 m
// out with the shipped rules; a new rule version moves the boundary and the answer names the version used), a new
// facility recomputing only the compounds near it, the sums per community with the households affected, and scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { circleWorld, HEMU_COMMUNITY, type CircleWorld } from './fixtures.ts';
import { needs } from './needs.ts';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('the living circle of a compound', () => {
  let t: TestApp;
  let w: CircleWorld;
  let near: string;
  let far: string;

  beforeAll(async () => {
    t = await testApp();
    w = await circleWorld(t, { households: 3 });
    near = (await w.facility(900, { need: 'food', kind: 'market' })).id;
    far = (await w.facility(1300, { need: 'food', kind: 'canteen' }, { bearing: 90 })).id;
  });
  afterAll(() => t.close());

  const circle = async (as = 'hemu-worker') => {
    const res = await t.call('GET', `/api/v1/compounds/${w.compoundId}/circle`, as);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      rules: { key: string; version: string }[];
      needs: { need: string; reached: { facilityId: string; distanceM: number }[]; nearestM: number | null; gap: boolean }[];
    };
  };
  const sums = async (division = HEMU_COMMUNITY, as = 'hemu-worker') => {
    const res = await t.call('GET', `/api/v1/circle/gaps?division=${division}`, as);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('reaches the facility 900 m away and not the one 1,300 m away, under the rules it names', async () => {
    const c = await circle();
    expect(Object.keys(c).sort()).toEqual(['needs', 'rules']);
    expect(c.rules).toEqual([
      { key: 'livingcircle.walk', version: '2021.1' },
      { key: 'livingcircle.detour_factor', version: '2021.1' },
      { key: 'livingcircle.service_standards', version: '2021.1' },
    ]);
    expect(c.needs.map((n) => n.need)).toEqual([...needs]);
    const food = c.needs.find((n) => n.need === 'food')!;
    expect(Object.keys(food).sort()).toEqual(['gap', 'nearestM', 'need', 'reached']);
    expect(food.reached).toEqual([{ facilityId: near, distanceM: 1080 }]);
    expect(food.reached.some((r) => r.facilityId === far)).toBe(false);
    expect(food.nearestM).toBe(1080);
    // The market is within the food standard's 1,200 m walking: no gap; nothing else is near: every other need is one.
    expect(food.gap).toBe(false);
    for (const n of c.needs.filter((x) => x.need !== 'food')) expect(n).toMatchObject({ reached: [], nearestM: null, gap: true });
  });

  it('sums the gaps of the community with the households affected, and a new facility updates only the compounds near it', async () => {
    const before = await sums();
    const mine = before.children.find((c: { code: string }) => c.code === w.compoundId);
    expect(mine).toMatchObject({ compounds: 1, compoundsWithGaps: 1, households: 3, householdsAffected: 3 });
    expect(mine.needs.find((n: { need: string }) => n.need === 'food')).toEqual({
      need: 'food',
      compoundsWithGap: 0,
      householdsAffected: 0,
    });
    expect(mine.needs.find((n: { need: string }) => n.need === 'medical')).toEqual({
      need: 'medical',
      compoundsWithGap: 1,
      householdsAffected: 3,
    });
    expect(before.rules.map((r: { version: string }) => r.version)).toEqual(['2021.1', '2021.1', '2021.1']);

    const added = await w.facility(400, { need: 'medical', kind: 'clinic' }, { bearing: 180 });
    expect(added.affectedCompounds).toBe(1);
    const after = await sums();
    const now = after.children.find((c: { code: string }) => c.code === w.compoundId);
    expect(now.needs.find((n: { need: string }) => n.need === 'medical')).toEqual({
      need: 'medical',
      compoundsWithGap: 0,
      householdsAffected: 0,
    });
    const medical = (s: typeof before) => s.total.needs.find((n: { need: string }) => n.need === 'medical');
    expect(medical(after).householdsAffected).toBe(medical(before).householdsAffected - 3);
    expect(medical(after).compoundsWithGap).toBe(medical(before).compoundsWithGap - 1);

    // The subdistrict and district sums hold the community's figures.
    const sub = await sums('330105004', 'hemu');
    expect(sub.childLevel).toBe('community');
    const community = sub.children.find((c: { code: string }) => c.code === HEMU_COMMUNITY);
    expect(community.householdsAffected).toBe(after.total.householdsAffected);
    expect(community.needs).toEqual(after.total.needs);
  });

  it('refuses divisions outside the scope and answers 404 for compounds outside it', async () => {
    const outside = await t.call('GET', '/api/v1/circle/gaps?division=330106', 'hemu-worker');
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].path).toBe('query.division');
    const { rows } = await t.ctx.database.pool.query<{ id: string }>(`select id from compounds where district_code <> '330105' limit 1`);
    const res = await t.call('GET', `/api/v1/compounds/${rows[0]!.id}/circle`, 'hemu-worker');
    expect(res.statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/compounds/${w.compoundId}/circle`, 'hemu-resident')).statusCode).toBe(403);
  });

  it('a new version of the walking rule moves the boundary, and the circle and the sums record it', async () => {
    const published = await t.call('POST', '/api/v1/policy-rules', 'admin', {
      key: 'livingcircle.walk',
      version: 'test-20-minutes',
      value: { minutes: 20, metresPerMinute: 80 },
      source: '测试：20 分钟步行圈',
      effectiveFrom: today(),
    });
    expect(published.statusCode, published.body).toBe(201);
    const c = await circle();
    expect(c.rules[0]).toEqual({ key: 'livingcircle.walk', version: 'test-20-minutes' });
    const food = c.needs.find((n) => n.need === 'food')!;
    expect(food.reached).toEqual([
      { facilityId: near, distanceM: 1080 },
      { facilityId: far, distanceM: 1560 },
    ]);
    const s = await sums();
    expect(s.rules[0]).toEqual({ key: 'livingcircle.walk', version: 'test-20-minutes' });
    const { rows } = await t.ctx.database.pool.query<{ rules: string }>(
      `select distinct rules from circle_compound_needs where community_code = $1`,
      [HEMU_COMMUNITY],
    );
    expect(rows.map((r) => r.rules)).toEqual([
      'livingcircle.walk@test-20-minutes;livingcircle.detour_factor@2021.1;livingcircle.service_standards@2021.1',
    ]);
  });
});
