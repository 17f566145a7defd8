import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { expectNoRawObjects } from '../../platform/testing/no-raw-objects.ts';
import { account, months, satisfactionSurvey, subsidyCompound } from './fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const { year, current, nextJanuary, next } = months();
const apply = (compoundId: string, amountFen: unknown, as = 'hemu', month = current) =>
  t.call('POST', `/api/v1/property-subsidies/${compoundId}/${month}`, as, { amountFen });
const eligible = async (month: string, as = 'hemu') => {
  const res = await t.call('GET', `/api/v1/property-subsidies/eligible?month=${month}`, as);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ rule: { key: string; version: string }; items: { compoundId: string; floorAreaM2: string; capFen: number }[] }>();
};

describe('acceptance 4: a compound of 9,876.54 m²', () => {
  it('is eligible this month with a cap of 296,296 fen; 296,297 is refused naming the rule, 296,296 (2,962.96 yuan) accepted', async () => {
    const c = await subsidyCompound(t, { floorAreaM2: '9876.54' });
    const list = await eligible(current);
    expect(list.rule).toMatchObject({ key: 'property.subsidy_cap_per_m2_month', version: '2021.1' });
    expect(list.items.find((i) => i.compoundId === c.compoundId)).toMatchObject({ floorAreaM2: '9876.54', capFen: 296_296 });

    const over = await apply(c.compoundId, 296_297);
    expect(over.statusCode, over.body).toBe(422);
    expect(over.headers['content-type']).toMatch(/problem\+json/);
    expect(over.json()).toMatchObject({
      code: 'property.subsidy_cap_per_m2_month',
      type: 'https://renova.dev/problems/property.subsidy_cap_per_m2_month',
      rule: 'property.subsidy_cap_per_m2_month',
      version: '2021.1',
      limitFen: 296_296,
      amountFen: 296_297,
      floorAreaM2: '9876.54',
    });
    expect(over.json().detail).toMatch(
      /2,962\.97 yuan exceeds this month’s limit of 2,962\.96 yuan \(Property-service subsidy cap: 0\.30 yuan per m² a month/,
    );
    expect(over.json().errors[0]).toMatchObject({ path: 'body.amountFen', rule: 'property.subsidy_cap_per_m2_month' });
    expectNoRawObjects(over.json());

    const at = await apply(c.compoundId, 296_296);
    expect(at.statusCode, at.body).toBe(201);
    expect(at.json()).toMatchObject({ compoundId: c.compoundId, month: current, amountFen: 296_296, capFen: 296_296, status: 'applied' });
    // One application a compound a month.
    expect((await apply(c.compoundId, 100)).statusCode).toBe(409);
  });

  it('answers in Chinese by code, naming the rule and the amounts in yuan', async () => {
    const c = await subsidyCompound(t, { floorAreaM2: '9876.54' });
    const zh = await t.app.inject({
      method: 'POST',
      url: `/api/v1/property-subsidies/${c.compoundId}/${current}`,
      headers: { ...(await t.as('hemu')), 'accept-language': 'zh-CN' },
      payload: { amountFen: 296_297 },
    });
    expect(zh.statusCode).toBe(422);
    expect(zh.json()).toMatchObject({ code: 'property.subsidy_cap_per_m2_month', title: '超过物业服务补助上限' });
    expect(zh.json().detail).toMatch(
      /^申请补助 2,962\.97 元，超过本月上限 2,962\.96 元（物业服务补助上限：0\.30 元\/平方米·月，2021\.1 版；建筑面积 9876\.54 平方米；依据：.*0\.3元）。$/,
    );
  });

  it('keeps this year’s months under the rule in force in them when next year’s rule is published', async () => {
    const c = await subsidyCompound(t, { floorAreaM2: '9876.54' });
    const publish = await t.call('POST', '/api/v1/policy-rules', 'admin', {
      key: 'property.subsidy_cap_per_m2_month',
      version: `${year + 1}.1`,
      value: 0.35,
      unit: 'yuan/m2/month',
      source: `杭州市 ${year + 1} 年物业服务补助标准调整（测试）`,
      effectiveFrom: `${year + 1}-01-01`,
    });
    expect(publish.statusCode, publish.body).toBe(201);
    // This month: unchanged, still refused one fen over the old cap.
    const now = await eligible(current);
    expect(now.rule.version).toBe('2021.1');
    expect(now.items.find((i) => i.compoundId === c.compoundId)?.capFen).toBe(296_296);
    const over = await apply(c.compoundId, 296_297);
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ version: '2021.1', limitFen: 296_296 });
    // Next January: 9,876.54 × 35 fen = 345,678.9 → 345,678.
    const later = await eligible(nextJanuary);
    expect(later.rule.version).toBe(`${year + 1}.1`);
    expect(later.items.find((i) => i.compoundId === c.compoundId)?.capFen).toBe(345_678);
    expect((await apply(c.compoundId, 296_296)).statusCode).toBe(201);
  });
});

describe('eligibility', () => {
  it('leaves out compounds not renovated, without a company, or with a suspended one, and says why an application is refused', async () => {
    const building = await subsidyCompound(t, { stage: 'under_construction' });
    const none = await subsidyCompound(t, { company: null });
    const suspended = await subsidyCompound(t, { company: 'suspended' });
    const ids = (await eligible(current)).items.map((i) => i.compoundId);
    for (const c of [building, none, suspended]) expect(ids).not.toContain(c.compoundId);
    const reasons = await Promise.all([building, none, suspended].map(async (c) => (await apply(c.compoundId, 100)).json()));
    expect(reasons.map((r) => [r.code, r.reason])).toEqual([
      ['subsidy.not_eligible', 'not_renovated'],
      ['subsidy.not_eligible', 'no_property_company'],
      ['subsidy.not_eligible', 'company_suspended'],
    ]);
  });

  it('holds back a compound whose satisfaction tier starts below property.subsidy_min_satisfaction_percent (70), not one at it', async () => {
    const low = await subsidyCompound(t);
    const atFloor = await subsidyCompound(t);
    await satisfactionSurvey(t, low.projectId, 699, 1_000); // 69.9%: the bottom tier, from 0%
    await satisfactionSurvey(t, atFloor.projectId, 700, 1_000); // 70%: the tier from 70%
    const ids = (await eligible(current)).items.map((i) => i.compoundId);
    expect(ids).toContain(atFloor.compoundId);
    expect(ids).not.toContain(low.compoundId);
    const refused = await apply(low.compoundId, 100);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'subsidy.not_eligible', reason: 'satisfaction_tier' });
    expect(refused.json().detail).toMatch(/satisfaction tier is below 70%/);
    expect((await apply(atFloor.compoundId, 100)).statusCode).toBe(201);
  });

  it('refuses a month that has not begun', async () => {
    const c = await subsidyCompound(t);
    const res = await apply(c.compoundId, 100, 'hemu', next);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('subsidy.month_not_started');
  });
});

describe('validation, permissions and scope', () => {
  it('answers 400 naming the field for a bad month or amount, never a 5xx', async () => {
    const c = await subsidyCompound(t);
    for (const bad of [0, -1, 1.5, '296296', null, 2 ** 60]) {
      const res = await apply(c.compoundId, bad);
      expect(res.statusCode, `${JSON.stringify(bad)}: ${res.body}`).toBe(400);
      expect(res.json().errors[0].path).toMatch(/amountFen/);
    }
    const month = await apply(c.compoundId, 100, 'hemu', '2026-13');
    expect(month.statusCode).toBe(400);
    expect(month.json().errors[0].path).toMatch(/month/);
    const list = await t.call('GET', '/api/v1/property-subsidies/eligible?month=2026-1', 'hemu');
    expect(list.statusCode).toBe(400);
    const extra = await t.call('POST', `/api/v1/property-subsidies/${c.compoundId}/${current}`, 'hemu', { amountFen: 1, capFen: 10 });
    expect(extra.statusCode).toBe(400);
  });

  it('lets only the subdistrict apply and the district approve, each within its scope', async () => {
    const c = await subsidyCompound(t);
    expect((await apply(c.compoundId, 100, 'hemu-worker')).statusCode).toBe(403);
    expect((await apply(c.compoundId, 100, 'gongshu')).statusCode).toBe(403);
    expect((await t.call('GET', `/api/v1/property-subsidies/eligible?month=${current}`, 'contractor')).statusCode).toBe(403);
    const elsewhere = await account(t, 'subdistrict_officer', '330106001');
    expect((await apply(c.compoundId, 100, elsewhere)).statusCode).toBe(404);
    expect((await eligible(current, elsewhere)).items.map((i) => i.compoundId)).not.toContain(c.compoundId);
    expect((await apply(c.compoundId, 100)).statusCode).toBe(201);
    expect((await t.call('POST', `/api/v1/property-subsidies/${c.compoundId}/${current}/approve`, 'hemu', {})).statusCode).toBe(403);
    const otherDistrict = await account(t, 'district_officer', '330106');
    expect((await t.call('POST', `/api/v1/property-subsidies/${c.compoundId}/${current}/approve`, otherDistrict, {})).statusCode).toBe(404);
  });
});

describe('approval, payment in the funding ledger, and the city’s totals', () => {
  it('approves, pays into the ledger once, rejects another, totals by district and month, and audits every step', async () => {
    const paid = await subsidyCompound(t, { floorAreaM2: '1000.00' });
    const refused = await subsidyCompound(t, { floorAreaM2: '2000.00' });
    expect((await apply(paid.compoundId, 30_000)).statusCode).toBe(201);
    expect((await apply(refused.compoundId, 50_000)).statusCode).toBe(201);
    const base = `/api/v1/property-subsidies/${paid.compoundId}/${current}`;

    const early = await t.call('POST', `${base}/disburse`, 'gongshu', { paidOn: `${current}-01`, payee: '物业', documentRef: 'X-1' });
    expect(early.statusCode).toBe(409);
    const approved = await t.call('POST', `${base}/approve`, 'gongshu', { note: '资料齐全' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
    expect((await t.call('POST', `${base}/approve`, 'gongshu', {})).statusCode).toBe(409);

    const payment = { paidOn: `${current}-01`, payee: '补助测试物业', documentRef: '拱财物补〔测试〕1号' };
    const [a, b] = await Promise.all([
      t.call('POST', `${base}/disburse`, 'gongshu', payment),
      t.call('POST', `${base}/disburse`, 'gongshu', payment),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const ledger = (await t.call('GET', `/api/v1/projects/${paid.projectId}/funding`, 'gongshu')).json();
    expect(ledger.disbursements).toEqual([
      expect.objectContaining({ source: 'property_subsidy', amountFen: 30_000, payee: '补助测试物业' }),
    ]);
    expect(ledger.bySource).toContainEqual({ source: 'property_subsidy', plannedFen: 0, amendedFen: 0, disbursedFen: 30_000 });

    const rejected = await t.call('POST', `/api/v1/property-subsidies/${refused.compoundId}/${current}/reject`, 'gongshu', {
      reason: '面积待核实',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionNote: '面积待核实' });
    expect(
      (await t.call('POST', `/api/v1/property-subsidies/${refused.compoundId}/${current}/reject`, 'gongshu', { reason: '' })).statusCode,
    ).toBe(400);

    const list = (await t.call('GET', `/api/v1/property-subsidies?month=${current}&status=disbursed`, 'hemu')).json();
    expect(list.items.map((i: { compoundId: string }) => i.compoundId)).toContain(paid.compoundId);
    expect(list.items.every((i: { status: string }) => i.status === 'disbursed')).toBe(true);

    const totals = (await t.call('GET', `/api/v1/property-subsidies/totals?year=${year}`, 'admin')).json();
    const row = totals.items.find((i: { districtCode: string; month: string }) => i.districtCode === '330105' && i.month === current);
    const { rows } = await t.ctx.database.pool.query<{ applied: string; approved: string; paid: string; n: number }>(
      `select sum(amount_fen)::text as applied, coalesce(sum(amount_fen) filter (where status in ('approved','disbursed')), 0)::text as approved,
              coalesce(sum(amount_fen) filter (where status = 'disbursed'), 0)::text as paid, count(*)::int as n
       from property_subsidies where district_code = '330105' and month = $1`,
      [current],
    );
    expect(row).toEqual({
      districtCode: '330105',
      month: current,
      compounds: rows[0]!.n,
      appliedFen: Number(rows[0]!.applied),
      approvedFen: Number(rows[0]!.approved),
      disbursedFen: Number(rows[0]!.paid),
    });
    expect(row.disbursedFen).toBeGreaterThanOrEqual(30_000);
    // A district officer elsewhere sees none of 拱墅区's figures.
    const other = await account(t, 'district_officer', '330106');
    const theirs = (await t.call('GET', `/api/v1/property-subsidies/totals?year=${year}`, other)).json();
    expect(theirs.items.filter((i: { districtCode: string }) => i.districtCode === '330105')).toEqual([]);

    const audit = await t.ctx.database.pool.query<{ action: string }>(
      `select action from audit_log where entity = 'compound' and entity_id = $1 and action like 'market.%' order by id`,
      [paid.compoundId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['market.subsidy.apply', 'market.subsidy.approve', 'market.subsidy.disburse']);
  });
});
