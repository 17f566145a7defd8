import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../platform/testing/harness.ts';
import { roles as allRoles } from '../modules/accounts/index.ts';
import { DEMO_PASSWORD, seedCity } from './seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const q = async (text: string) => (await t.ctx.database.pool.query(text)).rows;

describe('demo city', () => {
  it('spreads 150 compounds over all 13 districts, 和睦街道 the richest subdistrict', async () => {
    const [{ n }] = await q('select count(*)::int as n from compounds');
    expect(n).toBe(150);
    const districts = await q(`select district_code, count(*)::int as n from compounds group by 1`);
    expect(districts.length).toBe(13);
    const [top] = await q(`select subdistrict_code from compounds group by 1 order by count(*) desc limit 1`);
    expect(top.subdistrict_code).toBe('330105004');
  });

  it('agrees with itself: declared buildings and households match the registry', async () => {
    const mismatched = await q(`
      select c.name from compounds c
      where c.buildings_count <> (select count(*) from buildings b where b.compound_id = c.id)
         or c.households_count <> (select count(*) from households h where h.compound_id = c.id)`);
    expect(mismatched).toEqual([]);
  });

  it('has one account per role with the demo password, and fake residents marked so', async () => {
    const roles = await q(`select distinct role from users`);
    expect(roles.length).toBe(allRoles.length);
    const [{ n }] = await q(`select count(*)::int as n from residents where fake = 0`);
    expect(n).toBe(0);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'hemu-resident', password: DEMO_PASSWORD },
    });
    expect(res.json().user.scope.compoundIds.length).toBe(1);
  });

  it('has projects at every stage, whose plans and funding agree with the gates and rules', async () => {
    const headers = await t.as('admin');
    const items: { id: string; stage: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; stage: string }[]; nextCursor: string | null } = (
        await t.app.inject({ method: 'GET', url: `/api/v1/projects?limit=100${cursor ? `&cursor=${cursor}` : ''}`, headers })
      ).json();
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const stages = (await t.app.inject({ method: 'GET', url: '/api/v1/projects/stages', headers }))
      .json()
      .items.map((s: { stage: string }) => s.stage);
    expect(new Set(items.map((p) => p.stage))).toEqual(new Set(stages));
    for (const p of items) {
      const at = stages.indexOf(p.stage);
      const plan = await t.app.inject({ method: 'GET', url: `/api/v1/projects/${p.id}/plan`, headers });
      if (at >= stages.indexOf('designed')) expect(plan.statusCode).toBe(200);
      if (at >= stages.indexOf('plan_approved')) expect(plan.json().status).toBe('approved');
      // The gates of the stages a project has passed hold for it, and the next stage's are reported.
      const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/projects/${p.id}`, headers })).json();
      expect(detail.gates.every((g: { code: string; satisfied: boolean }) => typeof g.satisfied === 'boolean')).toBe(true);
      if (at >= stages.indexOf('approved')) {
        const approvals = (await t.app.inject({ method: 'GET', url: `/api/v1/projects/${p.id}/approvals`, headers })).json();
        expect(approvals.steps.every((s: { satisfied: boolean }) => s.satisfied)).toBe(true);
      }
      if (at >= stages.indexOf('accepted')) {
        const supervision = (await t.app.inject({ method: 'GET', url: `/api/v1/projects/${p.id}/supervision`, headers })).json();
        expect(supervision.acceptances.some((a: { passed: boolean }) => a.passed)).toBe(true);
      }
      if (p.stage === 'handed_over') {
        const governance = (await t.app.inject({ method: 'GET', url: `/api/v1/projects/${p.id}/governance`, headers })).json();
        expect(governance.gaps).toEqual([]);
      }
      const funding = (await t.app.inject({ method: 'GET', url: `/api/v1/projects/${p.id}/funding`, headers })).json();
      expect(funding.check.violations).toEqual([]);
      if (at >= stages.indexOf('tendered')) expect(funding.check.shortfallFen).toBe(0);
    }
  });

  it('has a passed, verifiable consent ballot for every project past consented, and a plan ballot past plan_approved', async () => {
    const missing = await q(`
      select p.id, p.stage from projects p
      where p.stage not in ('planned', 'surveyed')
        and not exists (select 1 from ballots b where b.project_id = p.id and b.kind = 'renovation_consent' and (b.result ->> 'passed')::boolean)
         or p.stage not in ('planned', 'surveyed', 'consented', 'designed')
        and not exists (select 1 from ballots b where b.project_id = p.id and b.kind = 'plan_approval' and (b.result ->> 'passed')::boolean)`);
    expect(missing).toEqual([]);
    const [ballot] = await q(
      `select b.id from ballots b join projects p on p.id = b.project_id where p.subdistrict_codes @> array['330105004'] limit 1`,
    );
    const verified = await t.app.inject({ method: 'GET', url: `/api/v1/ballots/${ballot.id}/verification`, headers: await t.as('hemu') });
    expect(verified.json()).toMatchObject({ ok: true, electorateOk: true, tallyOk: true });
  });

  it('has a baseline survey that reached every household of each project past planned, whose needs reach the plan', async () => {
    const short = await q(`
      select p.id from projects p
      where p.stage <> 'planned'
        and not exists (
          select 1 from surveys s where s.project_id = p.id and s.kind = 'baseline'
            and (select count(*) from survey_responses r where r.survey_id = s.id)
              = (select count(*) from households h join project_compounds pc on pc.compound_id = h.compound_id where pc.project_id = p.id))`);
    expect(short).toEqual([]);
    const [{ refused, total }] = await q(
      `select count(*) filter (where channel = 'refused')::int as refused, count(*)::int as total from survey_responses`,
    );
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(total);
    const [designed] = await q(`
      select p.id from projects p where p.stage = 'designed' and p.subdistrict_codes @> array['330105004'] limit 1`);
    const headers = await t.as('hemu');
    const plan = (await t.app.inject({ method: 'GET', url: `/api/v1/projects/${designed.id}/plan`, headers })).json();
    const planned = new Set(plan.items.map((i: { indicatorCode: string }) => i.indicatorCode));
    const flagged = plan.basicNeedsLeftOut.map((i: { indicatorCode: string }) => i.indicatorCode) as string[];
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.every((c) => ['01.01.01', '01.02.01', '01.03.02', '01.06.02'].includes(c) && !planned.has(c))).toBe(true);
  });

  it('is reproducible: seeding again with the same seed value changes nothing', async () => {
    const before = await q(`select name, community_code, floor_area_m2, year_built from compounds order by 2, 1`);
    const [{ n: households }] = await q('select count(*)::int as n from households');
    await seedCity(t.ctx, 'demo', t.ctx.env.SEED_VALUE);
    expect(await q(`select name, community_code, floor_area_m2, year_built from compounds order by 2, 1`)).toEqual(before);
    expect((await q('select count(*)::int as n from households'))[0].n).toBe(households);
  });
});
