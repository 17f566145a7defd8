// Issue 16, acceptance 3: an implausible outcome (9,999,999,999.99 m² on a 5,000 m² compound) is refused with the
// rule named in words, the field named, and the city's figures unchanged.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { implausibleAreas } from './plausibility.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const outcomes = (over: Record<string, string> = {}) => ({
  parkingSpacesAdded: 3,
  liftsInstalled: 1,
  liftPositionsReserved: 0,
  barrierFreeAgeFriendlyItems: 2,
  publicServiceSpaceM2: '120.00',
  fitnessSpaceM2: '80.50',
  stateOwnedRoomsM2: '0.00',
  ...over,
});

/** Its own 5,000 m² compound in 和睦社区 and a project on it. */
async function smallProject() {
  const tag = randomBytes(3).toString('hex');
  const compound = await t.call('POST', '/api/v1/compounds', 'hemu-worker', {
    name: `成效核验小区-${tag}`,
    communityCode: '330105004001',
    address: `和睦路核验${tag}号`,
    yearBuilt: 1992,
    floorAreaM2: '5000.00',
  });
  expect(compound.statusCode, compound.body).toBe(201);
  const project = await t.call('POST', '/api/v1/projects', 'hemu', {
    name: `成效核验-${tag}`,
    year: 2024,
    compoundIds: [compound.json<{ id: string }>().id],
  });
  expect(project.statusCode, project.body).toBe(201);
  return project.json<{ id: string; floorAreaM2: string }>();
}

describe('implausibleAreas (the rule alone)', () => {
  const one = { numerator: 1, denominator: 1 };
  it('allows an area up to the floor area × share, exactly, and names each area above it', () => {
    expect(implausibleAreas({ a: '5000.00', b: '0.00' }, '5000.00', one)).toEqual([]);
    expect(implausibleAreas({ a: '5000.01', b: '9999999999.99' }, '5000.00', one)).toEqual([
      { field: 'a', given: 500001n, limit: 500000n },
      { field: 'b', given: 999999999999n, limit: 500000n },
    ]);
    // A share of 1/3 of 100.00 m² allows 33.33 m² and not 33.34 m², compared in integers.
    expect(implausibleAreas({ a: '33.33' }, '100.00', { numerator: 1, denominator: 3 })).toEqual([]);
    expect(implausibleAreas({ a: '33.34' }, '100.00', { numerator: 1, denominator: 3 })).toHaveLength(1);
  });
});

describe('saving outcomes', () => {
  it('refuses 9,999,999,999.99 m² on a 5,000 m² compound (422, the field and the rule named), and the overview is unchanged', async () => {
    const project = await smallProject();
    expect(project.floorAreaM2).toBe('5000.00');
    const saved = await t.call('PUT', `/api/v1/projects/${project.id}/outcomes`, 'hemu', outcomes());
    expect(saved.statusCode, saved.body).toBe(200);
    const before = (await t.call('GET', '/api/v1/stats/overview?division=330105004', 'hemu')).json();
    const beforeSummary = (await t.call('GET', '/api/v1/outcomes/summary?division=330105004', 'hemu')).json();

    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/projects/${project.id}/outcomes`,
      headers: { ...(await t.as('hemu')), 'accept-language': 'zh-CN' },
      payload: outcomes({ publicServiceSpaceM2: '9999999999.99' }),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body.code).toBe('outcomes.implausible');
    expect(body.rule).toMatchObject({ key: 'outcomes.area_plausibility', name: '成效面积合理性上限' });
    expect(body.detail).toContain('成效面积合理性上限');
    expect(body.detail).toContain('新增公共服务空间');
    expect(body.detail).toContain('5,000.00');
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: 'body.publicServiceSpaceM2',
        code: 'field.outcome_implausible',
        message: expect.stringContaining('9,999,999,999.99'),
      }),
    ]);

    // Nothing was written: the outcomes read back as saved, and the city's figures did not move.
    const after = (await t.call('GET', `/api/v1/projects/${project.id}/outcomes`, 'hemu')).json();
    expect(after.publicServiceSpaceM2).toBe('120.00');
    const overview = (await t.call('GET', '/api/v1/stats/overview?division=330105004', 'hemu')).json();
    expect(overview.serviceSpaceM2).toBe(before.serviceSpaceM2);
    expect({ ...overview, asOf: null, changes: null }).toEqual({ ...before, asOf: null, changes: null });
    expect(overview.changes.items).toEqual(before.changes.items);
    expect((await t.call('GET', '/api/v1/outcomes/summary?division=330105004', 'hemu')).json()).toEqual(beforeSummary);
  });

  it('takes exactly the floor area and refuses a hundredth more, naming every implausible area in English too', async () => {
    const project = await smallProject();
    const edge = await t.call('PUT', `/api/v1/projects/${project.id}/outcomes`, 'hemu', outcomes({ fitnessSpaceM2: '5000.00' }));
    expect(edge.statusCode, edge.body).toBe(200);
    const over = await t.call(
      'PUT',
      `/api/v1/projects/${project.id}/outcomes`,
      'hemu',
      outcomes({ fitnessSpaceM2: '5000.01', stateOwnedRoomsM2: '6000' }),
    );
    expect(over.statusCode, over.body).toBe(422);
    expect(over.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.fitnessSpaceM2', 'body.stateOwnedRoomsM2']);
    expect(over.json().detail).toContain('Plausibility cap on outcome areas');
    expect((await t.call('GET', `/api/v1/projects/${project.id}/outcomes`, 'hemu')).json().fitnessSpaceM2).toBe('5000.00');
  });
});
