// Acceptance 4 of the projects issue: from planned to handed_over through the
// API, each stage refused while its gates are unmet and allowed once they are.
// The participation issue adds its gates (survey, ballots, acceptance) to this walk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBaselineSurvey, seedPassedBallot } from '../modules/participation/index.ts';
import { testApp, type TestApp } from '../platform/testing/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, username = 'hemu') => t.call(method, url, username, payload);

describe('a project from planned to handed over', () => {
  it('walks every stage once each gate is met', async () => {
    const compound = (await call('GET', '/api/v1/compounds?limit=3')).json().items[2];
    const created = await call('POST', '/api/v1/projects', { name: '全流程项目', year: 2021, compoundIds: [compound.id] });
    const id = created.json().id as string;
    const move = (to: string) => call('POST', `/api/v1/projects/${id}/transitions`, { to });
    const unmet = async (to: string) => (await move(to)).json().unmetGates?.map((g: { code: string }) => g.code) ?? [];

    expect(await unmet('surveyed')).toEqual(['baseline_survey_coverage']);
    // Surveys are walked through the API in surveys.test.ts; here the baseline survey is recorded complete.
    await seedBaselineSurvey(t.ctx.db, { projectId: id });
    expect((await move('surveyed')).statusCode).toBe(200);
    expect(await unmet('consented')).toEqual(['consent_ballot']);
    // The ballot itself is walked through the API in participation.test.ts; here it is recorded passed.
    await seedPassedBallot(t.ctx.db, { projectId: id, year: 2021, kind: 'renovation_consent' });
    expect((await move('consented')).statusCode).toBe(200);
    expect(await unmet('designed')).toEqual(['plan_drafted']);
    await call('PUT', `/api/v1/projects/${id}/plan`, { items: [{ indicatorCode: '01.01.01', quantity: '100', unitPriceFen: 20_000 }] });
    expect((await move('designed')).statusCode).toBe(200);
    expect(await unmet('plan_approved')).toEqual(['plan_approved', 'plan_approval_ballot']);
    await call('POST', `/api/v1/projects/${id}/plan/submit`);
    await seedPassedBallot(t.ctx.db, { projectId: id, year: 2021, kind: 'plan_approval', planVersion: 1 });
    await call('POST', `/api/v1/projects/${id}/plan/approve`);
    expect((await move('plan_approved')).statusCode).toBe(200);

    expect(await unmet('consulted')).toEqual(['consultation_minutes']);
    const steps = (await call('GET', `/api/v1/projects/${id}/approvals`)).json().steps.map((s: { code: string }) => s.code) as string[];
    const lines = steps.map((s, i) => `${i + 1}、${s} 简化办理。`);
    const consultation = await call('POST', `/api/v1/projects/${id}/consultations`, {
      date: '2021-05-10',
      leadDepartment: 'housing',
      departments: ['housing', 'finance', 'development_reform'],
      minutes: lines.join('\n'),
      decisions: steps.map((step, i) => ({ step, simplified: true, minute: lines[i] })),
    });
    expect(consultation.statusCode, consultation.body).toBe(201);
    expect((await move('consulted')).statusCode).toBe(200);
    expect(await unmet('approved')).toEqual(['approval_checklist']);
    for (const step of steps) {
      const res = await call('POST', `/api/v1/projects/${id}/approvals/${step}`, {
        status: 'simplified',
        consultationId: consultation.json().id,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await move('approved')).statusCode).toBe(200);

    expect(await unmet('tendered')).toEqual(['funding_complete']);
    const funded = await call('PUT', `/api/v1/projects/${id}/funding`, {
      lines: [
        { source: 'central_subsidy', amountFen: 1_500_000 },
        { source: 'pipeline_utility', amountFen: 300_000 },
        { source: 'resident', channel: 'housing_maintenance_fund', amountFen: 200_000 },
      ],
    });
    expect(funded.json().check).toMatchObject({ ok: true, shortfallFen: 0 });
    for (const stage of ['tendered', 'under_construction']) expect((await move(stage)).statusCode).toBe(200);

    // Residents supervise the works and sign the completion acceptance; an open defect holds it up.
    expect(await unmet('accepted')).toEqual(['completion_acceptance']);
    const defect = await call('POST', `/api/v1/projects/${id}/defects`, {
      role: 'building_steward',
      building: '1幢',
      description: '楼道扶手松动',
    });
    expect(defect.statusCode, defect.body).toBe(201);
    const { rows: people } = await t.ctx.database.pool.query(
      `select resident_id from household_residents where compound_id = $1 and status = 'verified' limit 2`,
      [compound.id],
    );
    const signed = await call('POST', `/api/v1/projects/${id}/acceptances`, {
      heldOn: '2021-11-01',
      passed: true,
      signatories: [
        { role: 'resident_representative', residentId: people[0].resident_id },
        { role: 'building_steward', residentId: people[1].resident_id },
        { role: 'supervisor', organisation: '监理单位' },
      ],
    });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(await unmet('accepted')).toEqual(['completion_acceptance']);
    expect((await call('POST', `/api/v1/projects/${id}/defects/${defect.json().id}/close`)).statusCode).toBe(200);
    expect((await move('accepted')).statusCode).toBe(200);
    expect((await move('handed_over')).statusCode).toBe(200);

    const project = (await call('GET', `/api/v1/projects/${id}`)).json();
    expect(project).toMatchObject({ stage: 'handed_over', nextStage: null, gates: [] });
    expect(project.timeline.map((s: { to: string }) => s.to)).toHaveLength(11);
    expect(await unmet('handed_over')).toEqual(['stage_order']);
  });
});
