import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { expectNoRawObjects } from '../../platform/testing/no-raw-objects.ts';
import { checkAgainstBasis } from './rules.ts';
import { demoCity, escapeRegExp, otherDistrict, shippedRule, yuanText } from '../../platform/testing/city.ts';

// The selected city pack's cap (杭州 400, 宁波 350 yuan/m²): every edge below follows it.
const cap = shippedRule<number>('funding.subsidy_cap_per_m2');
const capFen = (hundredthsM2: number) => cap.value * hundredthsM2;
const limit = capFen(1_234_567); // 12,345.67 m²
const half = Math.floor(limit / 2);

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, username: string, payload?: unknown) => t.call(method, url, username, payload);

let used = 0;

/** A project on one compound whose floor area is set to `area`, with a plan costing `costFen`. */
async function project(year: number, area: string, costFen: number, username = 'hemu') {
  const compounds = (await call('GET', '/api/v1/compounds?limit=50', username)).json().items as { id: string }[];
  const compound = compounds[used++ % compounds.length]!;
  await t.ctx.database.pool.query('update compounds set floor_area_m2 = $2 where id = $1', [compound.id, area]);
  const res = await call('POST', '/api/v1/projects', username, { name: `资金测试 ${year}`, year, compoundIds: [compound.id] });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const plan = await call('PUT', `/api/v1/projects/${id}/plan`, username, {
    items: [{ indicatorCode: '01.01.01', quantity: '1', unitPriceFen: costFen }],
  });
  expect(plan.json().totals.totalFen).toBe(costFen);
  return id;
}

describe('funding checks through the API', () => {
  it('accepts the subsidy cap to the fen and rejects one fen more, naming the rule, its value and source', async () => {
    const id = await project(2021, '12345.67', 800_000_000);
    const ok = await call('PUT', `/api/v1/projects/${id}/funding`, 'hemu', {
      lines: [
        { source: 'city_subsidy', amountFen: half },
        { source: 'district_subsidy', amountFen: limit - half },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().check).toMatchObject({ ok: true, costFen: 800_000_000, fundedFen: limit, shortfallFen: 800_000_000 - limit });
    const over = await call('PUT', `/api/v1/projects/${id}/funding`, 'hemu', {
      lines: [
        { source: 'city_subsidy', amountFen: half + 1 },
        { source: 'district_subsidy', amountFen: limit - half },
      ],
    });
    expect(over.statusCode).toBe(422);
    expect(over.headers['content-type']).toMatch(/problem\+json/);
    expect(over.json().violations).toEqual([
      {
        rule: 'funding.subsidy_cap_per_m2',
        value: cap.value,
        unit: 'yuan/m2',
        version: '2021.1',
        source: expect.stringMatching(new RegExp(`${cap.value}元`)),
        limitFen: limit,
        actualFen: limit + 1,
        code: 'funding.subsidy_cap_exceeded',
        name: 'City and district subsidy cap',
        valueText: `${cap.value}.00 yuan per m²`,
        message: expect.stringContaining(`exceed the limit of ${yuanText(limit)} yuan`),
      },
    ]);
    expect(over.json().code).toBe('funding.subsidy_cap_exceeded');
    expect(over.json().detail).toContain(yuanText(limit));
    // The rejected lines were not written.
    expect((await call('GET', `/api/v1/projects/${id}/funding`, 'hemu')).json().check.fundedFen).toBe(limit);
  });

  it('returns the basis of its check, and the shared rule code fed with it agrees with the server', async () => {
    const id = await project(2021, '12345.67', 800_000_000);
    const res = await call('GET', `/api/v1/projects/${id}/funding`, 'hemu');
    const basis = res.json().check.basis;
    expect(basis).toMatchObject({
      costFen: 800_000_000,
      floorAreaM2: '12345.67',
      subsidyCap: {
        key: 'funding.subsidy_cap_per_m2',
        version: cap.version,
        value: cap.value,
        unit: 'yuan/m2',
        valueText: `${cap.value}.00 yuan per m²`,
      },
      residentShare: { key: 'funding.resident_share_max', value: { numerator: 1, denominator: 10 } },
    });
    const lines = [{ source: 'city_subsidy' as const, channel: '', amountFen: BigInt(limit + 1) }];
    const live = checkAgainstBasis(basis, lines);
    const saved = await call('PUT', `/api/v1/projects/${id}/funding`, 'hemu', {
      lines: [{ source: 'city_subsidy', amountFen: limit + 1 }],
    });
    expect(saved.statusCode).toBe(422);
    expect(saved.json().violations.map((v: { limitFen: number }) => BigInt(v.limitFen))).toEqual(live.violations.map((v) => v.limitFen));
    const zh = await t.app.inject({
      method: 'GET',
      url: `/api/v1/projects/${id}/funding`,
      headers: { ...(await t.as('hemu')), 'accept-language': 'zh-CN' },
    });
    expect(zh.json().check.basis.subsidyCap.name).toMatch(/[\u4e00-\u9fff]/);
  });

  it('accepts a resident share of exactly 10% of the cost, and only through the channels of the rule', async () => {
    const id = await project(2021, '1000.00', 1_000_001);
    const at = await call('PUT', `/api/v1/projects/${id}/funding`, 'hemu', {
      lines: [{ source: 'resident', channel: 'common_revenue', amountFen: 100_000 }],
    });
    expect(at.statusCode, at.body).toBe(200);
    const over = await call('PUT', `/api/v1/projects/${id}/funding`, 'hemu', {
      lines: [{ source: 'resident', channel: 'common_revenue', amountFen: 100_001 }],
    });
    expect(over.json().violations.map((v: { rule: string }) => v.rule)).toEqual(['funding.resident_share_max']);
    // In Chinese, by code: the rule's name, value and limit in words, money as yuan, never a raw object.
    const zh = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/projects/${id}/funding`,
      headers: { ...(await t.as('hemu')), 'accept-language': 'zh-CN' },
      payload: { lines: [{ source: 'resident', channel: 'common_revenue', amountFen: 100_001 }] },
    });
    expect(zh.statusCode).toBe(422);
    expect(zh.json()).toMatchObject({
      code: 'funding.resident_share_exceeded',
      type: 'https://renova.dev/problems/funding.resident_share_exceeded',
      title: '超过居民出资比例上限',
    });
    expect(zh.json().detail).toMatch(
      new RegExp(
        `^居民出资 1,000\\.01 元，超过上限 1,000\\.00 元（居民出资比例上限：改造成本的 10%，2021\\.1 版；依据：${escapeRegExp(shippedRule('funding.resident_share_max').source)}）。$`,
      ),
    );
    expect(zh.json().errors[0]).toMatchObject({ path: 'body.lines', code: 'funding.resident_share_exceeded', message: zh.json().detail });
    expectNoRawObjects(zh.json());
    expectNoRawObjects(over.json());
    const noChannel = await call('PUT', `/api/v1/projects/${id}/funding`, 'hemu', { lines: [{ source: 'resident', amountFen: 1 }] });
    expect(noChannel.statusCode).toBe(422);
    expect(noChannel.json().errors[0].path).toBe('body.lines.0.channel');
  });

  it('keeps a 2021 project under the 2021 cap when a new cap is published from 2022, and says which version each used', async () => {
    const publish = await call('POST', '/api/v1/policy-rules', 'admin', {
      key: 'funding.subsidy_cap_per_m2',
      version: '2022.1',
      value: 450,
      unit: 'yuan/m2',
      source: `${demoCity().city.name} 2022 年补助标准调整（测试）`,
      effectiveFrom: '2022-01-01',
    });
    expect(publish.statusCode, publish.body).toBe(201);
    expect(
      (await call('POST', '/api/v1/policy-rules', 'hemu', { key: 'x', version: '1', value: 1, source: 's', effectiveFrom: '2022-01-01' }))
        .statusCode,
    ).toBe(403);
    const old = await project(2021, '100.00', 10_000_000);
    const fresh = await project(2022, '100.00', 10_000_000);
    const lines = { lines: [{ source: 'city_subsidy', amountFen: 4_500_000 }] }; // 450 yuan/m² × 100 m²
    expect((await call('PUT', `/api/v1/projects/${old}/funding`, 'hemu', lines)).json().violations[0]).toMatchObject({
      version: '2021.1',
      limitFen: capFen(10_000), // 100.00 m²
    });
    const accepted = await call('PUT', `/api/v1/projects/${fresh}/funding`, 'hemu', lines);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().check.rulesUsed).toContainEqual({
      key: 'funding.subsidy_cap_per_m2',
      name: 'City and district subsidy cap',
      version: '2022.1',
      source: expect.stringMatching(/2022/),
    });
    const { rows } = await t.ctx.database.pool.query(`select accepted, rules_used from funding_checks where project_id = $1 order by id`, [
      old,
    ]);
    expect(rows).toEqual([
      {
        accepted: false,
        rules_used: expect.arrayContaining([expect.objectContaining({ key: 'funding.subsidy_cap_per_m2', version: '2021.1' })]),
      },
    ]);
    const rules = (await call('GET', '/api/v1/policy-rules?key=funding.subsidy_cap_per_m2', 'hemu')).json().items;
    expect(rules.map((r: { version: string; effectiveFrom: string }) => [r.version, r.effectiveFrom])).toEqual([
      ['2022.1', '2022-01-01'],
      ['2021.1', '2019-01-01'],
    ]);
  });
});

describe('disbursement ledger', () => {
  it('pays up to the planned amount of a source, and beyond it only after an amendment', async () => {
    const id = await project(2021, '5000.00', 3_000_000);
    await call('PUT', `/api/v1/projects/${id}/funding`, 'hemu', {
      lines: [
        { source: 'central_subsidy', amountFen: 2_000_000 },
        { source: 'pipeline_utility', amountFen: 1_000_000 },
      ],
    });
    const pay = (amountFen: number) =>
      call('POST', `/api/v1/projects/${id}/disbursements`, 'gongshu', {
        date: '2021-08-01',
        source: 'central_subsidy',
        amountFen,
        payee: '施工单位',
        documentRef: '拨付单 001',
      });
    expect((await pay(1_500_000)).statusCode).toBe(201);
    const beyond = await pay(600_000);
    expect(beyond.statusCode).toBe(409);
    expect(beyond.json()).toMatchObject({ availableFen: 500_000, requestedFen: 600_000 });
    expect(
      (
        await call('POST', `/api/v1/projects/${id}/disbursements`, 'hemu', {
          date: '2021-08-01',
          source: 'central_subsidy',
          amountFen: 1,
          payee: 'x',
          documentRef: 'y',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call('POST', `/api/v1/projects/${id}/amendments`, 'gongshu', {
          source: 'central_subsidy',
          amountFen: 100_000,
          reason: '设计变更',
        })
      ).statusCode,
    ).toBe(201);
    expect((await pay(600_000)).statusCode).toBe(201);
    const view = (await call('GET', `/api/v1/projects/${id}/funding`, 'hemu')).json();
    expect(view.bySource).toContainEqual({
      source: 'central_subsidy',
      plannedFen: 2_000_000,
      amendedFen: 100_000,
      disbursedFen: 2_100_000,
    });
  });
});

describe('funding summary', () => {
  it('equals the sums over projects, by source and by district', async () => {
    const res = (await call('GET', '/api/v1/funding/summary?year=2021', 'admin')).json();
    const { rows } = await t.ctx.database.pool.query(
      `select source, sum(amount_fen)::bigint as fen from funding_lines where year = 2021 group by source`,
    );
    expect(new Map(res.bySource.map((s: { source: string; amountFen: number }) => [s.source, s.amountFen]))).toEqual(
      new Map(rows.map((r) => [r.source, Number(r.fen)])),
    );
    const total = res.byDivision.reduce((n: number, d: { totalFen: number }) => n + d.totalFen, 0);
    expect(total).toBe(rows.reduce((n, r) => n + Number(r.fen), 0));
    const { rows: districts } = await t.ctx.database.pool.query(
      `select district_code, sum(amount_fen)::bigint as fen from funding_lines where year = 2021 group by 1 order by 1`,
    );
    expect(res.byDivision.map((d: { code: string; totalFen: number }) => [d.code, d.totalFen])).toEqual(
      districts.map((r) => [r.district_code, Number(r.fen)]),
    );
    // The district officer sees their own district only; a division filter narrows to that district.
    expect(
      (await call('GET', '/api/v1/funding/summary?year=2021', 'gongshu')).json().byDivision.map((d: { code: string }) => d.code),
    ).toEqual([demoCity().district.code]);
    const other = otherDistrict();
    const xihu = (await call('GET', `/api/v1/funding/summary?year=2021&division=${other}`, 'admin')).json().byDivision;
    expect(xihu.map((d: { code: string }) => d.code)).toEqual(districts.some((r) => r.district_code === other) ? [other] : []);
  });
});
