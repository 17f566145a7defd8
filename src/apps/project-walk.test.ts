// The whole project walk planned → handed_over through the API (projects
// acceptance 4, participation acceptance 6): one test per gate, each showing
// the stage refused while its fact is missing, naming that gate, and allowed
// once the fact is recorded. The tests run in order on one project.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBaselineSurvey, seedPassedBallot } from '../modules/participation/index.ts';
import { testApp, type TestApp } from '../platform/testing/harness.ts';

let t: TestApp;
let id: string;
let compoundId: string;
beforeAll(async () => {
  t = await testApp();
  compoundId = (await call('GET', '/api/v1/compounds?limit=3')).json().items[2].id;
  const created = await call('POST', '/api/v1/projects', { name: '全流程项目', year: 2021, compoundIds: [compoundId] });
  id = created.json().id;
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown, username = 'hemu') =>
  t.call(method, url, username, payload);
const move = (to: string) => call('POST', `/api/v1/projects/${id}/transitions`, { to });
const unmet = async (to: string) => (await move(to)).json().unmetGates?.map((g: { code: string }) => g.code) ?? [];
async function moves(to: string) {
  const res = await move(to);
  expect(res.statusCode, res.body).toBe(200);
}

describe('a project from planned to handed over, gate by gate', () => {
  it('surveyed: needs the baseline survey to reach every household', async () => {
    expect(await unmet('surveyed')).toEqual(['baseline_survey_coverage']);
    // Surveys are walked through the API in surveys.api.test.ts; here the baseline survey is recorded complete.
    await seedBaselineSurvey(t.ctx.db, { projectId: id });
    await moves('surveyed');
  });

  it('consented: needs a passed renovation consent ballot', async () => {
    expect(await unmet('consented')).toEqual(['consent_ballot']);
    // The ballot itself is walked through the API in participation.test.ts; here it is recorded passed.
    await seedPassedBallot(t.ctx.db, { projectId: id, year: 2021, kind: 'renovation_consent' });
    await moves('consented');
  });

  it('designed: needs a plan', async () => {
    expect(await unmet('designed')).toEqual(['plan_drafted']);
    await call('PUT', `/api/v1/projects/${id}/plan`, { items: [{ indicatorCode: '01.01.01', quantity: '100', unitPriceFen: 20_000 }] });
    await moves('designed');
  });

  it('plan_approved: needs the plan approved, and by a passed ballot on that very version', async () => {
    expect(await unmet('plan_approved')).toEqual(['plan_approved', 'plan_approval_ballot']);
    await call('POST', `/api/v1/projects/${id}/plan/submit`);
    await seedPassedBallot(t.ctx.db, { projectId: id, year: 2021, kind: 'plan_approval', planVersion: 1 });
    await call('POST', `/api/v1/projects/${id}/plan/approve`);
    await moves('plan_approved');
  });

  let consultationId: string;
  let steps: string[];
  it('consulted: needs the minutes of a joint consultation', async () => {
    expect(await unmet('consulted')).toEqual(['consultation_minutes']);
    steps = (await call('GET', `/api/v1/projects/${id}/approvals`)).json().steps.map((s: { code: string }) => s.code);
    const lines = steps.map((s, i) => `${i + 1}、${s} 简化办理。`);
    const consultation = await call('POST', `/api/v1/projects/${id}/consultations`, {
      date: '2021-05-10',
      leadDepartment: 'housing',
      departments: ['housing', 'finance', 'development_reform'],
      minutes: lines.join('\n'),
      decisions: steps.map((step, i) => ({ step, simplified: true, minute: lines[i] })),
    });
    expect(consultation.statusCode, consultation.body).toBe(201);
    consultationId = consultation.json().id;
    await moves('consulted');
  });

  it('approved: needs every step of the approval checklist done or simplified by a minute', async () => {
    expect(await unmet('approved')).toEqual(['approval_checklist']);
    for (const step of steps) {
      const res = await call('POST', `/api/v1/projects/${id}/approvals/${step}`, { status: 'simplified', consultationId });
      expect(res.statusCode, res.body).toBe(200);
    }
    await moves('approved');
  });

  it('tendered: needs complete funding within the rules', async () => {
    expect(await unmet('tendered')).toEqual(['funding_complete']);
    const funded = await call('PUT', `/api/v1/projects/${id}/funding`, {
      lines: [
        { source: 'central_subsidy', amountFen: 1_500_000 },
        { source: 'pipeline_utility', amountFen: 300_000 },
        { source: 'resident', channel: 'housing_maintenance_fund', amountFen: 200_000 },
      ],
    });
    expect(funded.json().check).toMatchObject({ ok: true, shortfallFen: 0 });
    await moves('tendered');
    await moves('under_construction');
  });

  it('accepted: needs a completion acceptance signed by residents, with no defect left open', async () => {
    expect(await unmet('accepted')).toEqual(['completion_acceptance']);
    const defect = await call('POST', `/api/v1/projects/${id}/defects`, {
      role: 'building_steward',
      building: '1幢',
      description: '楼道扶手松动',
    });
    expect(defect.statusCode, defect.body).toBe(201);
    const { rows: people } = await t.ctx.database.pool.query(
      `select resident_id from household_residents where compound_id = $1 and status = 'verified' limit 2`,
      [compoundId],
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
    await moves('accepted');
  });

  it('handed_over: needs the tripartite governance, the mode adopted by ballot and the rules documents', async () => {
    expect(await unmet('handed_over')).toEqual(['tripartite_governance']);
    const company = (await call('GET', '/api/v1/property-companies?status=active&limit=1')).json().items[0];
    const ballot = await seedPassedBallot(t.ctx.db, {
      projectId: id,
      year: 2021,
      kind: 'management_mode',
      proposal: 'professional_property',
    });
    const recorded = await call('PATCH', `/api/v1/projects/${id}/governance`, {
      partyOrganisation: '小区党支部',
      partyServiceStation: '小区党群服务站',
      ownersCommittee: { name: '业主委员会', electedOn: '2021-11-10', members: 7 },
      propertyCompanyId: company.id,
      managementModeBallotId: ballot,
    });
    expect(recorded.json().gaps).toEqual(['management_rules', 'meeting_rules']);
    // Still refused with one document of the two.
    const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
    await t.upload(
      `/api/v1/projects/${id}/governance/documents`,
      'hemu',
      { kind: 'management_rules' },
      { name: '管理规约.pdf', data: pdf('a') },
    );
    expect(await unmet('handed_over')).toEqual(['tripartite_governance']);
    await t.upload(
      `/api/v1/projects/${id}/governance/documents`,
      'hemu',
      { kind: 'meeting_rules' },
      { name: '议事规则.pdf', data: pdf('b') },
    );
    await moves('handed_over');

    const project = (await call('GET', `/api/v1/projects/${id}`)).json();
    expect(project).toMatchObject({ stage: 'handed_over', nextStage: null, gates: [] });
    expect(project.timeline.map((s: { to: string }) => s.to)).toHaveLength(11);
    expect(await unmet('handed_over')).toEqual(['stage_order']);
  });
});
