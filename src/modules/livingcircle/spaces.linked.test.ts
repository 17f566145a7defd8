// A room counted once (docs/decisions.md): a state-owned room converted for a renovation project names the project,
// and the overview's "state rooms revitalised" counts it within the project's reported state rooms, not on top of
// them. Linked rooms count with their project (its division and year); only their area beyond the project's report
// is added. Also: a project outside the account's scope is refused naming the field. Plus the plain subtraction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { circleWorld, type CircleWorld } from './fixtures.ts';
import { spaceNear } from './spaces.fixtures.ts';
import { areaBeyond as beyond } from './spaces.match.ts';

const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const cents = (area: string) => BigInt(area.replace('.', ''));

describe('beyond', () => {
  it('is the area above the report, never below zero', () => {
    expect(beyond('150.00', '100.50')).toBe('49.50');
    expect(beyond('150.00', '150.00')).toBe('0.00');
    expect(beyond('80.00', '150.00')).toBe('0.00');
  });
});

describe('a converted room linked to a project', () => {
  let t: TestApp;
  let w: CircleWorld;
  let projectId: string;

  beforeAll(async () => {
    t = await testApp();
    w = await circleWorld(t, { households: 4 });
    const res = await t.call('POST', '/api/v1/projects', 'hemu', {
      name: '和睦片区综合改造（测试）',
      year: thisYear(),
      compoundIds: [w.compoundId],
    });
    expect(res.statusCode, res.body).toBe(201);
    projectId = res.json().id;
  });
  afterAll(() => t.close());

  const stateRooms = async (division: string, as: string) => {
    const res = await t.call('GET', `/api/v1/stats/overview?division=${division}&year=${thisYear()}`, as);
    expect(res.statusCode, res.body).toBe(200);
    return cents(res.json().stateRoomsM2 as string);
  };
  const convert = async (metres: number, areaM2: string, body: Record<string, unknown>) => {
    const room = await spaceNear(t, w.at, metres, { kind: 'state_room', areaM2, compoundId: w.compoundId }, { bearing: metres });
    expect((await t.call('POST', `/api/v1/spaces/${room.id}/allocate`, 'hemu', { allocatedTo: '和睦街道' })).statusCode).toBe(200);
    return t.call('POST', `/api/v1/spaces/${room.id}/convert`, 'hemu', {
      need: 'elderly_care',
      kind: 'elderly_day_care',
      name: `片区养老服务站${metres}`,
      ...body,
    });
  };

  it('refuses a project the account cannot see, naming the field', async () => {
    const res = await convert(150, '60.00', { projectId: '00000000-0000-7000-8000-000000000000' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('body.projectId');
  });

  it('counts a room reported in the project’s outcomes once', async () => {
    const before = { city: await stateRooms('330100', 'admin'), subdistrict: await stateRooms('330105004', 'hemu') };
    const raised = async () => ({
      city: (await stateRooms('330100', 'admin')) - before.city,
      subdistrict: (await stateRooms('330105004', 'hemu')) - before.subdistrict,
    });

    const res = await convert(200, '150.00', { projectId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().conversion).toMatchObject({ projectId });
    // Converted before the project reports anything: the room counts (the figure does not wait for the report).
    expect(await raised()).toEqual({ city: 15000n, subdistrict: 15000n });

    // The project reports the same room among its outcomes: still 150 m², not 300.
    const outcomes = {
      parkingSpacesAdded: 0,
      liftsInstalled: 0,
      liftPositionsReserved: 0,
      barrierFreeAgeFriendlyItems: 0,
      publicServiceSpaceM2: '150.00',
      fitnessSpaceM2: '0.00',
      stateOwnedRoomsM2: '150.00',
    };
    const put = await t.call('PUT', `/api/v1/projects/${projectId}/outcomes`, 'hemu', outcomes);
    expect(put.statusCode, put.body).toBe(200);
    expect(await raised()).toEqual({ city: 15000n, subdistrict: 15000n });

    // A second room for the project, beyond what it reported: only that excess is added.
    expect((await convert(400, '50.00', { projectId })).statusCode).toBe(200);
    expect(await raised()).toEqual({ city: 20000n, subdistrict: 20000n });

    // A room converted for no project adds its whole area, as before.
    expect((await convert(600, '30.00', {})).statusCode).toBe(200);
    expect(await raised()).toEqual({ city: 23000n, subdistrict: 23000n });
  });
});
