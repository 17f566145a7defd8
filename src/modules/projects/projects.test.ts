import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { seedBaselineSurvey, seedPassedBallot } from '../participation/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, username: string, payload?: unknown) => t.call(method, url, username, payload);
const hemuCompounds = async () =>
  (await call('GET', '/api/v1/compounds?limit=5', 'hemu')).json().items as { id: string; floorAreaM2: string; households: number }[];

describe('catalogue', () => {
  it('serves 5 / 33 / 134 indicators and a price for every third-level one', async () => {
    const res = await call('GET', '/api/v1/indicators', 'hemu-worker');
    const items = res.json().items as { level: number; code: string }[];
    expect([1, 2, 3].map((l) => items.filter((i) => i.level === l).length)).toEqual([5, 33, 134]);
    const prices = (await call('GET', '/api/v1/prices?at=2021-06-01', 'hemu')).json();
    expect(prices.items.length).toBe(134);
    expect(prices.items.every((p: { unitPriceFen: number }) => Number.isInteger(p.unitPriceFen) && p.unitPriceFen > 0)).toBe(true);
  });
});

describe('projects', () => {
  let projectId: string;

  it('creates a cluster project from compounds in scope, recording area and households', async () => {
    const [a, b] = await hemuCompounds();
    const res = await call('POST', '/api/v1/projects', 'hemu', {
      name: '和睦片区改造',
      year: 2021,
      compoundIds: [a!.id, b!.id],
      futureCommunity: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    projectId = p.id;
    const area = (BigInt(a!.floorAreaM2.replace('.', '')) + BigInt(b!.floorAreaM2.replace('.', ''))).toString();
    expect(p).toMatchObject({
      stage: 'planned',
      cluster: true,
      futureCommunity: true,
      households: a!.households + b!.households,
      nextStage: 'surveyed',
    });
    expect(p.floorAreaM2.replace('.', '')).toBe(area);
    expect(p.timeline).toEqual([expect.objectContaining({ from: null, to: 'planned', by: expect.objectContaining({ username: 'hemu' }) })]);
  });

  it('refuses compounds outside the scope, and keeps projects inside it', async () => {
    const other = (await call('GET', '/api/v1/compounds?division=330106&limit=1', 'admin')).json().items[0];
    const res = await call('POST', '/api/v1/projects', 'hemu', { name: 'x', year: 2021, compoundIds: [other.id] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('body.compoundIds.0');
    const mine = await call('POST', '/api/v1/projects', 'admin', { name: '西湖项目', year: 2021, compoundIds: [other.id] });
    expect(mine.statusCode).toBe(201);
    expect((await call('GET', `/api/v1/projects/${mine.json().id}`, 'hemu')).statusCode).toBe(404);
    const hemuList = (await call('GET', '/api/v1/projects?year=2021', 'hemu')).json().items.map((p: { id: string }) => p.id);
    expect(hemuList).toContain(projectId);
    const listed = (await call('GET', '/api/v1/projects?year=2021&q=%E5%92%8C%E7%9D%A6%E7%89%87%E5%8C%BA', 'hemu')).json().items;
    expect(listed).toEqual([expect.objectContaining({ id: projectId, compoundCount: 2, cluster: true })]);
    expect(hemuList).not.toContain(mine.json().id);
  });

  it('costs a plan exactly, totals it by level and shows its coverage', async () => {
    const res = await call('PUT', `/api/v1/projects/${projectId}/plan`, 'hemu', {
      items: [
        { indicatorCode: '01.01.01', quantity: '1200.5', unitPriceFen: 18_033 },
        { indicatorCode: '01.01.02', quantity: '3', unitPriceFen: 99 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    // 1200.50 × 180.33 = 216,486.165 → 216,486.17 yuan (half up); 3 × 0.99 = 2.97
    expect(plan.items.map((i: { amountFen: number }) => i.amountFen)).toEqual([21_648_617, 297]);
    expect(plan.totals.totalFen).toBe(21_648_914);
    expect(plan.totals.byLevel1).toEqual([{ code: '01', name: expect.any(String), amountFen: 21_648_914 }]);
    expect(plan.coverage.sixHaves.find((h: { covered: boolean }) => h.covered).name).toBe('有完善设施');
    expect(plan).toMatchObject({ version: 1, status: 'draft' });
    const listed = (await call('GET', '/api/v1/projects?year=2021&q=%E5%92%8C%E7%9D%A6%E7%89%87%E5%8C%BA', 'hemu')).json().items;
    expect(listed[0].planTotalFen).toBe(21_648_914);
  });

  it('takes prices from the price list when none is given, and names bad lines', async () => {
    const bad = await call('PUT', `/api/v1/projects/${projectId}/plan`, 'hemu', {
      items: [
        { indicatorCode: '01', quantity: '1' },
        { indicatorCode: '01.01.01', quantity: '1.234' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    const wrongCode = await call('PUT', `/api/v1/projects/${projectId}/plan`, 'hemu', { items: [{ indicatorCode: '01', quantity: '1' }] });
    expect(wrongCode.statusCode).toBe(422);
    expect(wrongCode.json().errors[0].path).toBe('body.items.0.indicatorCode');
    const priced = await call('PUT', `/api/v1/projects/${projectId}/plan`, 'hemu', {
      items: [{ indicatorCode: '01.01.01', quantity: '100' }],
    });
    const list = (await call('GET', '/api/v1/prices?at=2021-01-01', 'hemu')).json().items as {
      indicatorCode: string;
      unitPriceFen: number;
    }[];
    expect(priced.json().items[0].unitPriceFen).toBe(list.find((p) => p.indicatorCode === '01.01.01')!.unitPriceFen);
  });

  it('answers 409 listing every unmet gate, and walks forward once they are met', async () => {
    const move = (to: string) => call('POST', `/api/v1/projects/${projectId}/transitions`, 'hemu', { to });
    const skip = await move('designed');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().unmetGates[0].code).toBe('stage_order');
    // The participation module's gate: a baseline survey that reached every household.
    expect((await move('surveyed')).json().unmetGates.map((g: { code: string }) => g.code)).toEqual(['baseline_survey_coverage']);
    await seedBaselineSurvey(t.ctx.db, { projectId });
    expect((await move('surveyed')).statusCode).toBe(200);
    // The participation module's gate: consent by ballot (walked through the API in participation.test.ts).
    expect((await move('consented')).json().unmetGates.map((g: { code: string }) => g.code)).toEqual(['consent_ballot']);
    await seedPassedBallot(t.ctx.db, { projectId, year: 2021, kind: 'renovation_consent' });
    expect((await move('consented')).statusCode).toBe(200);
    await call('PUT', `/api/v1/projects/${projectId}/plan`, 'hemu', { items: [] });
    const designed = await move('designed');
    expect(designed.statusCode).toBe(409);
    expect(designed.json().unmetGates).toEqual([expect.objectContaining({ code: 'plan_drafted', satisfy: expect.any(String) })]);
    await call('PUT', `/api/v1/projects/${projectId}/plan`, 'hemu', { items: [{ indicatorCode: '02.01.01', quantity: '10' }] });
    expect((await move('designed')).statusCode).toBe(200);
    expect((await move('plan_approved')).json().unmetGates.map((g: { code: string }) => g.code)).toEqual([
      'plan_approved',
      'plan_approval_ballot',
    ]);
    expect((await call('POST', `/api/v1/projects/${projectId}/plan/submit`, 'hemu')).json().status).toBe('submitted');
    const frozen = await call('PUT', `/api/v1/projects/${projectId}/plan`, 'hemu', {
      items: [{ indicatorCode: '02.01.01', quantity: '11' }],
    });
    expect(frozen.json()).toMatchObject({ version: 2, status: 'draft' }); // a new draft; version 1 stays as submitted
    expect((await call('GET', `/api/v1/projects/${projectId}/plan?version=1`, 'hemu')).json()).toMatchObject({ status: 'submitted' });
    await call('POST', `/api/v1/projects/${projectId}/plan/submit`, 'hemu');
    await seedPassedBallot(t.ctx.db, { projectId, year: 2021, kind: 'plan_approval', planVersion: 2 });
    expect((await call('POST', `/api/v1/projects/${projectId}/plan/approve`, 'hemu')).json().status).toBe('approved');
    const moved = await move('plan_approved');
    expect(moved.statusCode).toBe(200);
    expect(moved.json().timeline.map((s: { to: string }) => s.to)).toEqual([
      'planned',
      'surveyed',
      'consented',
      'designed',
      'plan_approved',
    ]);
    // The approvals module guards "consulted": no consultation has been recorded.
    expect(moved.json().gates).toEqual([expect.objectContaining({ code: 'consultation_minutes', satisfied: false })]);
  });

  it('lets only the roles that may, move projects', async () => {
    expect((await call('POST', `/api/v1/projects/${projectId}/transitions`, 'hemu-worker', { to: 'consulted' })).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/projects/${projectId}`, 'hemu-resident')).statusCode).toBe(403);
  });
});
