// Test factories for market participation: each call makes its own compound in 和睦社区 with the floor area asked,
// a renovation project on it moved to the stage asked, and (unless told otherwise) a registered property company
// recorded in its governance, so no test leans on the demo city's compounds or another test's applications.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../platform/testing/harness.ts';
import { upsertAccount } from '../accounts/index.ts';
import { creditCheckChar } from '../../platform/credit-code.ts';

export const HEMU_COMMUNITY = '330105004001';

export interface SubsidyCompound {
  compoundId: string;
  projectId: string;
  companyId: string | null;
}

let counter = 0;

/** A unified social credit code of the demo district, valid by its check character, unique per call. */
export function creditCode(): string {
  const n = (parseInt(randomBytes(3).toString('hex'), 16) * 100 + counter++) % 1_000_000_000;
  const first17 = `91330105${String(n).padStart(9, '0')}`;
  return first17 + creditCheckChar(first17);
}

export async function subsidyCompound(
  t: TestApp,
  opts: { floorAreaM2?: string; stage?: string; company?: 'active' | 'suspended' | null } = {},
): Promise<SubsidyCompound> {
  const tag = randomBytes(3).toString('hex');
  const compound = await t.call('POST', '/api/v1/compounds', 'hemu-worker', {
    name: `补助测试小区-${tag}`,
    communityCode: HEMU_COMMUNITY,
    address: `和睦路补助${tag}号`,
    yearBuilt: 1990,
    floorAreaM2: opts.floorAreaM2 ?? '9876.54',
  });
  expect(compound.statusCode, compound.body).toBe(201);
  const compoundId = compound.json<{ id: string }>().id;
  const project = await t.call('POST', '/api/v1/projects', 'hemu', { name: `补助测试-${tag}`, year: 2025, compoundIds: [compoundId] });
  expect(project.statusCode, project.body).toBe(201);
  const projectId = project.json<{ id: string }>().id;
  // Walking a project through every gate is the projects module's own test; here it only needs to be done.
  await t.ctx.database.pool.query('update projects set stage = $2 where id = $1', [projectId, opts.stage ?? 'handed_over']);
  let companyId: string | null = null;
  if (opts.company !== null) {
    const company = await t.call('POST', '/api/v1/property-companies', 'gongshu', {
      name: `补助测试物业-${tag}`,
      creditCode: creditCode(),
      districtCode: '330105',
    });
    expect(company.statusCode, company.body).toBe(201);
    companyId = company.json<{ id: string }>().id;
    const gov = await t.call('PATCH', `/api/v1/projects/${projectId}/governance`, 'hemu', { propertyCompanyId: companyId });
    expect(gov.statusCode, gov.body).toBe(200);
    if (opts.company === 'suspended') {
      const s = await t.call('PATCH', `/api/v1/property-companies/${companyId}`, 'gongshu', { status: 'suspended' });
      expect(s.statusCode, s.body).toBe(200);
    }
  }
  return { compoundId, projectId, companyId };
}

/**
 * A closed satisfaction survey of the project with its frozen tally: `satisfied` of `answered` households answered
 * "satisfied" to the overall question (written as participation freezes it; its own tests cover how a tally is made).
 */
export async function satisfactionSurvey(t: TestApp, projectId: string, satisfied: number, answered: number): Promise<void> {
  const tally = { answered, refused: 0, answers: { overall: { satisfied, dissatisfied: answered - satisfied } } };
  await t.ctx.database.pool.query(
    `insert into surveys (id, project_id, kind, title, questions, status, opened_by, opened_at, closed_at, tally)
     values (gen_random_uuid(), $1, 'satisfaction', '满意度调查（测试）', '[]'::jsonb, 'closed', gen_random_uuid(), now(), now(), $2)`,
    [projectId, JSON.stringify(tally)],
  );
}

/** An account of another role or place (password Demo@2026). */
export async function account(
  t: TestApp,
  role: 'subdistrict_officer' | 'district_officer' | 'community_worker' | 'contractor',
  scopeDivision: string,
): Promise<string> {
  const username = `market-${role}-${randomBytes(3).toString('hex')}`;
  await t.ctx.db.transaction((tx) =>
    upsertAccount(tx, { username, displayName: `测试${username}`, password: 'Demo@2026', role, scopeDivision }),
  );
  return username;
}

/** The month of now in Asia/Shanghai and the months around it, 'yyyy-mm'. */
export function months(now = new Date()) {
  const here = new Date(now.getTime() + 8 * 3_600_000);
  const y = here.getUTCFullYear();
  const mo = here.getUTCMonth() + 1;
  const fmt = (yy: number, mm: number) => `${yy}-${String(mm).padStart(2, '0')}`;
  return {
    year: y,
    current: fmt(y, mo),
    next: mo === 12 ? fmt(y + 1, 1) : fmt(y, mo + 1),
    nextJanuary: fmt(y + 1, 1),
  };
}
