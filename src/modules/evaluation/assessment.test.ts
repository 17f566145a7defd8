// Acceptance 3 of the evaluation issue: the assessment of the demo city's 13
// districts is reproducible, each computed indicator links to the projects it
// came from, and a new scheme version leaves the published year intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRule } from '../../platform/policy.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { compare, exact, type Scheme } from './assessment.rules.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const YEAR = 2021;
const get = (who = 'admin', year = YEAR) => t.call('GET', `/api/v1/assessments/${year}`, who);

interface Indicator {
  code: string;
  score: string;
  numerator: number | null;
  denominator: number | null;
  provenance: {
    projectIds: string[];
    numeratorProjectIds?: string[];
    basis: string;
    rules: { key: string; version: string }[];
    tier?: { minPercent: number } | null;
  };
}
interface District {
  districtCode: string;
  score: string;
  scoreExact: string;
  rank: number;
  indicators: Indicator[];
  bonus: { ground: string; points: string; reason: string }[];
  bonusTotal: string;
}

const exactOf = (s: string) => {
  const [n, d] = s.split('/');
  return exact(BigInt(n!), BigInt(d ?? '1'));
};

describe('the annual district assessment', () => {
  it("assesses the demo city's 13 districts, ranked, each computed indicator naming its district's projects of the year", async () => {
    const res = await get();
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: YEAR, cityCode: '330100', status: 'draft', publishedAt: null, schemeVersion: '2021.1' });
    const { rows: districtRows } = await t.ctx.database.pool.query<{ code: string }>(
      `select code from divisions where parent = '330100' order by code`,
    );
    expect(districtRows).toHaveLength(13);
    const districts = body.districts as District[];
    expect(districts.map((d) => d.districtCode).sort()).toEqual(districtRows.map((r) => r.code));
    // Ranked by exact score, ties sharing a rank: a rank is one more than the districts scoring strictly higher.
    for (const d of districts) {
      const above = districts.filter((o) => compare(exactOf(o.scoreExact), exactOf(d.scoreExact)) > 0).length;
      expect(d.rank).toBe(above + 1);
    }
    expect(districts.map((d) => d.rank)).toEqual([...districts.map((d) => d.rank)].sort((a, b) => a - b));
    let linked = 0;
    for (const d of districts) {
      expect(d.indicators).toHaveLength(14);
      const { rows } = await t.ctx.database.pool.query<{ id: string }>(`select id from projects where year = $1 and district_code = $2`, [
        YEAR,
        d.districtCode,
      ]);
      const own = new Set(rows.map((r) => r.id));
      for (const i of d.indicators.filter((x) => x.provenance.basis !== 'entered')) {
        expect(i.numerator, `${d.districtCode} ${i.code}`).not.toBeNull();
        expect(i.provenance.rules.map((r) => r.key)).toContain('assessment.scheme');
        for (const id of i.provenance.projectIds) expect(own.has(id), `${d.districtCode} ${i.code} ${id}`).toBe(true);
        for (const id of i.provenance.numeratorProjectIds ?? []) expect(i.provenance.projectIds).toContain(id);
        linked += i.provenance.projectIds.length;
      }
      // Rate indicators count projects: the numerator and denominator are the lists' lengths.
      for (const code of ['A1.1', 'A1.2', 'A2.1', 'A2.2', 'A3.3', 'A4.3']) {
        const i = d.indicators.find((x) => x.code === code)!;
        expect(i.denominator).toBe(i.provenance.projectIds.length);
        expect(i.numerator).toBe(i.provenance.numeratorProjectIds!.length);
      }
      expect(d.indicators.find((x) => x.code === 'A1.1')!.denominator).toBe(own.size);
      // The gates guarantee the facts: a project at approved or later passed the approval checklist, one at
      // handed_over the governance gate, so each is in its indicator's numerator.
      const { rows: stages } = await t.ctx.database.pool.query<{ id: string; stage: string }>(
        `select id, stage from projects where year = $1 and district_code = $2`,
        [YEAR, d.districtCode],
      );
      const numerator = (code: string) => d.indicators.find((x) => x.code === code)!.provenance.numeratorProjectIds!;
      for (const p of stages) {
        if (['approved', 'tendered', 'under_construction', 'accepted', 'handed_over'].includes(p.stage))
          expect(numerator('A2.2')).toContain(p.id);
        if (p.stage === 'handed_over') expect(numerator('A3.3')).toContain(p.id);
      }
    }
    expect(linked).toBeGreaterThan(0);
  });

  it("takes satisfaction (A3.1) from the latest satisfaction survey of each of the district's projects, tiered", async () => {
    const districts = (await get()).json().districts as District[];
    // Independently: the latest satisfaction survey per project of the year, counted by the shipped rule.
    const { rows } = await t.ctx.database.pool.query<{ district_code: string; project_id: string; satisfied: number; answered: number }>(
      `with latest as (
         select distinct on (s.project_id) s.id, s.project_id, p.district_code from surveys s join projects p on p.id = s.project_id
         where s.kind = 'satisfaction' and p.year = $1 order by s.project_id, s.opened_at desc)
       select l.district_code, l.project_id,
         count(*) filter (where r.channel <> 'refused')::int as answered,
         count(*) filter (where r.channel <> 'refused' and r.answers ->> 'overall' in ('very_satisfied', 'satisfied', 'basically_satisfied'))::int as satisfied
       from latest l left join survey_responses r on r.survey_id = l.id group by 1, 2`,
      [YEAR],
    );
    expect(rows.length).toBeGreaterThan(0);
    let tiered = 0;
    for (const d of districts) {
      const own = rows.filter((r) => r.district_code === d.districtCode);
      const a31 = d.indicators.find((i) => i.code === 'A3.1')!;
      const satisfied = own.reduce((n, r) => n + r.satisfied, 0);
      const answered = own.reduce((n, r) => n + r.answered, 0);
      expect(a31, d.districtCode).toMatchObject({ numerator: satisfied, denominator: answered, provenance: { basis: 'computed' } });
      expect([...a31.provenance.projectIds].sort()).toEqual(own.map((r) => r.project_id).sort());
      expect(a31.provenance.rules.map((r) => r.key)).toEqual(['assessment.scheme', 'satisfaction.tiers', 'satisfaction.satisfied']);
      if (answered === 0) continue;
      // The tier's edges in integers (the shipped tiers 90/80/70/0): at or above its own, below the next one up.
      const { minPercent } = a31.provenance.tier!;
      const next = [0, 70, 80, 90, 101][[0, 70, 80, 90].indexOf(minPercent) + 1]!;
      expect(100 * satisfied).toBeGreaterThanOrEqual(minPercent * answered);
      expect(100 * satisfied).toBeLessThan(next * answered);
      tiered++;
    }
    expect(tiered).toBeGreaterThan(0);
  });

  it('is reproducible: computing twice gives identical JSON', async () => {
    const [a, b] = [await get(), await get('evaluator')];
    expect(a.statusCode).toBe(200);
    expect(b.body).toBe(a.body);
  });

  it('takes assessor entries with evidence, tiers satisfaction, caps the bonus, and refuses what is not enterable', async () => {
    expect((await t.call('PUT', `/api/v1/assessments/${YEAR}/entries`, 'gongshu', { indicators: [] })).statusCode).toBe(403);
    const bad = await t.call('PUT', `/api/v1/assessments/${YEAR}/entries`, 'evaluator', {
      indicators: [
        { districtCode: '330105', code: 'A2.3', score: '6.01', evidence: '检查记录' },
        { districtCode: '330105', code: 'A1.1', score: '1', evidence: '不可录入' },
        { districtCode: '339999', code: 'A5.1', score: '1', evidence: '不存在的区' },
        { districtCode: '330106', code: 'A3.1', score: '12', evidence: '满意度来自调查记录，不可录入' },
      ],
      bonus: [{ districtCode: '330105', ground: 'B9', points: '1', reason: '无此项' }],
    });
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining([
        'body.indicators.0.score',
        'body.indicators.1.code',
        'body.indicators.2.districtCode',
        'body.indicators.3.code',
        'body.bonus.0.ground',
      ]),
    );
    const ok = await t.call('PUT', `/api/v1/assessments/${YEAR}/entries`, 'evaluator', {
      indicators: [{ districtCode: '330105', code: 'A2.3', score: '5.5', evidence: '2021年度安全文明施工检查记录' }],
      bonus: [
        { districtCode: '330105', ground: 'B1', points: '3', reason: '改造规模居全市前列' },
        { districtCode: '330105', ground: 'B4', points: '2.5', reason: '红茶议事会机制' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const d = (ok.json().districts as District[]).find((x) => x.districtCode === '330105')!;
    const a23 = d.indicators.find((i) => i.code === 'A2.3')!;
    expect(a23).toMatchObject({
      score: '5.50',
      provenance: { basis: 'entered', entered: { by: 'evaluator', evidence: '2021年度安全文明施工检查记录' } },
    });
    expect(d.bonus.map((b) => [b.ground, b.points])).toEqual([
      ['B1', '3.00'],
      ['B4', '2.50'],
    ]);
    expect(d.bonusTotal).toBe('5.00');
    const sum = d.indicators.reduce((s, i) => s + Math.round(Number(i.score) * 100), 0) + 500;
    expect(Math.abs(Math.round(Number(d.score) * 100) - sum)).toBeLessThanOrEqual(14);
  });

  it('publishes the year once; a new scheme version leaves the published year byte-identical', async () => {
    expect((await t.call('POST', `/api/v1/assessments/${YEAR}/publish`, 'evaluator')).statusCode).toBe(403);
    const draft = (await get()).json();
    const published = await t.call('POST', `/api/v1/assessments/${YEAR}/publish`, 'admin');
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', schemeVersion: '2021.1' });
    expect({ ...published.json(), status: 'draft', publishedAt: null }).toEqual(draft);
    const before = await get();
    expect(before.body).toBe(published.body);
    // The snapshot keeps each method's code; its words come in the reader's language.
    type Indicator = { code: string; provenance: { noteCode?: string; note?: string } };
    const noteOf = (body: { districts: { indicators: Indicator[] }[] }) =>
      body.districts[0]!.indicators.find((i) => i.code === 'A1.3')!.provenance;
    expect(noteOf(before.json())).toMatchObject({ noteCode: 'A1.3', note: expect.stringMatching(/^households of projects at accepted/) });
    const zh = await t.app.inject({
      url: `/api/v1/assessments/${YEAR}`,
      headers: { ...(await t.as('admin')), 'accept-language': 'zh-CN' },
    });
    expect(noteOf(zh.json())).toMatchObject({ noteCode: 'A1.3', note: expect.stringMatching(/^已到“已验收”及以后阶段的项目户数/) });
    expect((await t.call('POST', `/api/v1/assessments/${YEAR}/publish`, 'admin')).statusCode).toBe(409);
    const late = await t.call('PUT', `/api/v1/assessments/${YEAR}/entries`, 'evaluator', {
      indicators: [{ districtCode: '330105', code: 'A5.1', score: '6', evidence: '发布之后' }],
    });
    expect(late.statusCode).toBe(409);

    const { rows } = await t.ctx.database.pool.query<{ value: Scheme }>(`select value from policy_rules where key = 'assessment.scheme'`);
    const scheme = structuredClone(rows[0]!.value);
    scheme.version = '2022.1';
    scheme.aspects[0]!.indicators[0]!.weight = 10;
    scheme.aspects[0]!.indicators[1]!.weight = 6;
    scheme.bonus.cap = 3;
    await t.ctx.db.transaction((tx) =>
      publishRule(tx, {
        key: 'assessment.scheme',
        version: '2022.1',
        value: scheme,
        source: 'test: a revised scheme',
        effectiveFrom: `${YEAR}-01-01`,
      }),
    );
    // The draft of the next year is computed under the new version; the published year is untouched.
    const next = await get('admin', YEAR + 1);
    expect(next.json()).toMatchObject({ status: 'draft', schemeVersion: '2022.1' });
    const after = await get();
    expect(after.body).toBe(before.body);
  });
});
