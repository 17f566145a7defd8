// Issue 16, item 4: a work package says where it is (its district and subdistrict by name) in every list, and
// the list narrows to a division. The test makes its own compound, project and package in the demo community.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { demoCity } from '../../platform/testing/city.ts';
import { packagePlace } from './planned.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const COMMUNITY = demoCity().community.code;
const YEAR = 2033;

describe('packagePlace', () => {
  it('reads the district and subdistrict off the community code', () => {
    expect(packagePlace('330105004001')).toEqual({ districtCode: '330105', subdistrictCode: '330105004' });
  });
});

describe('work packages by place', () => {
  it('carry their district and subdistrict names, and the list narrows to a subdistrict', async () => {
    const tag = randomBytes(3).toString('hex');
    const compound = await t.call('POST', '/api/v1/compounds', 'hemu-worker', {
      name: `工作包地点-${tag}`,
      communityCode: COMMUNITY,
      address: `${demoCity().names.roads[0]}${tag}号`,
      yearBuilt: 1990,
      floorAreaM2: '3000.00',
    });
    expect(compound.statusCode, compound.body).toBe(201);
    const compoundId = compound.json().id as string;
    const project = await t.call('POST', '/api/v1/projects', 'hemu', { name: `工作包地点-${tag}`, year: YEAR, compoundIds: [compoundId] });
    expect(project.statusCode, project.body).toBe(201);
    const projectId = project.json().id as string;
    const made = await t.call('POST', `/api/v1/projects/${projectId}/work-packages`, 'admin', {
      compoundId,
      kind: 'water',
      durationDays: 10,
      crews: 1,
    });
    expect(made.statusCode, made.body).toBe(201);
    const { rows } = await t.ctx.database.pool.query<{ code: string; name: string }>(
      `select code, name from divisions where code = any($1)`,
      [[COMMUNITY.slice(0, 6), COMMUNITY.slice(0, 9)]],
    );
    const name = new Map(rows.map((r) => [r.code, r.name]));
    const expected = {
      districtCode: COMMUNITY.slice(0, 6),
      districtName: name.get(COMMUNITY.slice(0, 6)),
      subdistrictCode: COMMUNITY.slice(0, 9),
      subdistrictName: name.get(COMMUNITY.slice(0, 9)),
    };
    expect(expected.districtName).toBeTruthy();
    expect(expected.subdistrictName).toBeTruthy();
    expect(made.json()).toMatchObject(expected);

    const list = async (division: string) => {
      const res = await t.call('GET', `/api/v1/work-packages?year=${YEAR}&division=${division}&limit=100`, 'admin');
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as { id: string; districtName: string; subdistrictName: string }[];
    };
    const inSubdistrict = await list(COMMUNITY.slice(0, 9));
    expect(inSubdistrict.find((p) => p.id === made.json().id)).toMatchObject(expected);
    // Another subdistrict of the same district lists none of it.
    const { rows: others } = await t.ctx.database.pool.query<{ code: string }>(
      `select code from divisions where parent = $1 and code <> $2 limit 1`,
      [COMMUNITY.slice(0, 6), COMMUNITY.slice(0, 9)],
    );
    expect(others.length).toBe(1);
    expect((await list(others[0]!.code)).some((p) => p.id === made.json().id)).toBe(false);
    const ofProject = (await t.call('GET', `/api/v1/projects/${projectId}/work-packages`, 'admin')).json().items;
    expect(ofProject[0]).toMatchObject(expected);
  });
});
