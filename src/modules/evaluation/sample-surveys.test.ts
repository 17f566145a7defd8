// R19: sample surveys by an outside agency, through the API. The draw is
// reproducible from its recorded seed, stratified by district in proportion to
// the frame; the agency's evaluator enters answers; the results agree with the
// rows; errors name the field; the draw is all or nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';

let t: TestApp;
let institutionId: string;
const q = (text: string, values: unknown[] = []) => t.ctx.database.pool.query(text, values);

beforeAll(async () => {
  t = await testApp();
  const res = await t.call('POST', '/api/v1/evaluation/institutions', 'evaluator', { name: '抽样调查评估所', kind: 'evaluation_agency' });
  expect(res.statusCode, res.body).toBe(201);
  institutionId = res.json().id;
  // The evaluator works for this institution from now on (evaluators answer their own institution's surveys only).
  const member = await t.call('POST', `/api/v1/evaluation/institutions/${institutionId}/members`, 'admin', { username: 'evaluator' });
  expect(member.statusCode, member.body).toBe(201);
});
afterAll(() => t.close());

const draw = (body: Record<string, unknown>, as = 'evaluator') =>
  t.call('POST', '/api/v1/sample-surveys', as, { kind: 'support', year: 2022, title: '2022年改造意愿抽样调查', institutionId, ...body });

/** The support frame of 2022 by direct SQL: households of the compounds of the city's 2022 projects, per district. */
async function frameByDistrict(kindFilter = '') {
  const { rows } = await q(
    `select c.district_code, count(*)::int as n
     from households h join compounds c on c.id = h.compound_id
     where h.compound_id in (select pc.compound_id from project_compounds pc join projects p on p.id = pc.project_id
                             where p.year = 2022 and p.city_code = '330100' ${kindFilter})
     group by c.district_code order by c.district_code`,
  );
  return rows as { district_code: string; n: number }[];
}

const sampleOf = async (id: string) =>
  (
    await q(`select district_code, household_id from sample_survey_households where survey_id = $1 order by district_code, draw_order`, [
      id,
    ])
  ).rows;

describe('drawing a sample survey', () => {
  it('draws the same households with the same seed, other households with another, strata in proportion to the frame', async () => {
    const a = await draw({ totalSize: 300, seed: 'r19-seed' });
    expect(a.statusCode, a.body).toBe(201);
    const survey = a.json();
    expect(survey).toMatchObject({
      kind: 'support',
      year: 2022,
      cityCode: '330100',
      seed: 'r19-seed',
      totalSize: 300,
      status: 'draft',
      rule: { key: 'sampling.survey', version: '2021.1' },
      institution: { id: institutionId },
    });
    const frame = await frameByDistrict();
    const N = frame.reduce((n, f) => n + f.n, 0);
    expect(survey.frameSize).toBe(N);
    const strata = survey.results.strata as { districtCode: string; frameSize: number; sampleSize: number }[];
    expect(strata.map((s) => [s.districtCode, s.frameSize])).toEqual(frame.map((f) => [f.district_code, f.n]));
    expect(strata.reduce((n, s) => n + s.sampleSize, 0)).toBe(300);
    for (const s of strata) {
      expect(s.sampleSize).toBeGreaterThanOrEqual(Math.min(2, s.frameSize));
      expect(s.sampleSize).toBeLessThanOrEqual(s.frameSize);
    }
    const rows = await sampleOf(survey.id);
    expect(rows).toHaveLength(300);
    // Every drawn household is in the frame and in its district.
    const { rows: wrong } = await q(
      `select s.household_id from sample_survey_households s join households h on h.id = s.household_id join compounds c on c.id = h.compound_id
       where s.survey_id = $1 and (c.district_code <> s.district_code or c.id <> s.compound_id)`,
      [survey.id],
    );
    expect(wrong).toEqual([]);

    const again = await draw({ totalSize: 300, seed: 'r19-seed', title: '复抽' });
    expect(again.statusCode).toBe(201);
    expect(await sampleOf(again.json().id)).toEqual(rows);
    const other = await draw({ totalSize: 300, seed: 'another-seed' });
    expect(await sampleOf(other.json().id)).not.toEqual(rows);
  });

  it('records a generated seed when none is given, and that seed draws the same sample again', async () => {
    const a = await draw({ totalSize: 50 });
    expect(a.statusCode, a.body).toBe(201);
    const seed = a.json().seed as string;
    expect(seed).toMatch(/^\d+$/);
    const b = await draw({ totalSize: 50, seed: Number.isSafeInteger(Number(seed)) ? Number(seed) : seed });
    expect(b.json().seed).toBe(seed);
    expect(await sampleOf(b.json().id)).toEqual(await sampleOf(a.json().id));
  });

  it('samples a satisfaction survey from the projects past acceptance', async () => {
    const res = await t.call('POST', '/api/v1/sample-surveys', 'evaluator', {
      kind: 'satisfaction',
      year: 2021,
      title: '2021年满意度抽样调查',
      totalSize: 40,
      seed: 7,
      institutionId,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { rows } = await q(
      `select count(*)::int as n from households h where h.compound_id in (
         select pc.compound_id from project_compounds pc join projects p on p.id = pc.project_id
         where p.year = 2021 and p.city_code = '330100' and p.stage in ('accepted', 'handed_over'))`,
    );
    expect(res.json().frameSize).toBe(rows[0].n);
    expect(res.json().seed).toBe('7');
  });

  it('validates with problem+json naming the field', async () => {
    const bad = await t.call('POST', '/api/v1/sample-surveys', 'evaluator', {
      kind: 'opinion',
      year: 2022,
      title: '',
      totalSize: 0,
      institutionId,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.kind', 'body.title', 'body.totalSize']),
    );
    const seed = await draw({ totalSize: 10, seed: 'no spaces' });
    expect(seed.statusCode).toBe(400);
    expect(seed.json().errors[0].path).toBe('body.seed');
    const frame = (await frameByDistrict()).reduce((n, f) => n + f.n, 0);
    const tooMany = await draw({ totalSize: frame + 1 });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().errors).toEqual([{ path: 'body.totalSize', code: 'field.at_most', message: `at most ${frame}` }]);
    const tooFew = await draw({ totalSize: 1 });
    expect(tooFew.statusCode).toBe(422);
    expect(tooFew.json().errors[0].path).toBe('body.totalSize');
    const noInstitution = await draw({ totalSize: 30, institutionId: '00000000-0000-7000-8000-000000000000' });
    expect(noInstitution.statusCode).toBe(422);
    expect(noInstitution.json().errors[0].path).toBe('body.institutionId');
    const emptyYear = await draw({ totalSize: 30, year: 2030 });
    expect(emptyYear.statusCode).toBe(422);
    expect(emptyYear.json().errors[0].path).toBe('body.year');
  });

  it('is drawn by a city-level account with evaluation.manage only', async () => {
    expect((await draw({ totalSize: 30 }, 'hemu')).statusCode).toBe(403);
    expect((await draw({ totalSize: 30 }, 'gongshu')).statusCode).toBe(403);
    expect((await draw({ totalSize: 30 }, 'admin')).statusCode).toBe(201);
  });

  it('writes nothing when the draw fails half-way', async () => {
    const before = (
      await q(`select (select count(*) from sample_surveys)::int as s, (select count(*) from sample_survey_strata)::int as st`)
    ).rows[0];
    await q(`create function fail_sample() returns trigger language plpgsql as $$ begin raise exception 'crash'; end $$`);
    await q(`create trigger fail_sample before insert on sample_survey_households for each statement execute function fail_sample()`);
    try {
      expect((await draw({ totalSize: 30, seed: 'crash' })).statusCode).toBe(500);
    } finally {
      await q(`drop trigger fail_sample on sample_survey_households; drop function fail_sample()`);
    }
    const after = (
      await q(`select (select count(*) from sample_surveys)::int as s, (select count(*) from sample_survey_strata)::int as st`)
    ).rows[0];
    expect(after).toEqual(before);
    const { rows } = await q(
      `select count(*)::int as n from audit_log where action = 'evaluation.sample_survey.draw' and detail ->> 'seedGiven' = 'true' and detail ->> 'totalSize' = '30'`,
    );
    expect(rows[0].n).toBe(0);
  });
});

describe('fielding and results', () => {
  it('takes the evaluator’s answers, counts them as the rows say, closes, and refuses answers after', async () => {
    const created = await draw({ totalSize: 120, seed: 'fielding' });
    const id = created.json().id as string;

    // The households list: address and door number only, in draw order, paged.
    const first = await t.call('GET', `/api/v1/sample-surveys/${id}/households?limit=50`, 'evaluator');
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(50);
    expect(Object.keys(page1.items[0]).sort()).toEqual(
      [
        'address',
        'answer',
        'building',
        'compound',
        'compoundId',
        'districtCode',
        'drawOrder',
        'enteredAt',
        'enteredBy',
        'householdId',
        'room',
        'unit',
      ].sort(),
    );
    expect(page1.items[0].room).toBeTruthy();
    const rest = [page1];
    let cursor = page1.nextCursor;
    while (cursor) {
      const next = (await t.call('GET', `/api/v1/sample-surveys/${id}/households?limit=50&cursor=${cursor}`, 'evaluator')).json();
      rest.push(next);
      cursor = next.nextCursor;
    }
    const all = rest.flatMap((p) => p.items) as { householdId: string; districtCode: string }[];
    expect(all).toHaveLength(120);
    expect(new Set(all.map((h) => h.householdId)).size).toBe(120);

    // The evaluator answers: yes, no, refused, unreachable in turn; the rest stay pending.
    const answers = ['yes', 'yes', 'no', 'refused', 'unreachable', 'yes', 'no'] as const;
    for (const [i, h] of all.slice(0, 70).entries()) {
      const res = await t.call('PUT', `/api/v1/sample-surveys/${id}/households/${h.householdId}`, 'evaluator', {
        answer: answers[i % answers.length],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ answer: answers[i % answers.length], enteredBy: 'evaluator' });
    }
    // A changed answer replaces the earlier one.
    expect(
      (await t.call('PUT', `/api/v1/sample-surveys/${id}/households/${all[0]!.householdId}`, 'evaluator', { answer: 'no' })).statusCode,
    ).toBe(200);

    const res = await t.call('GET', `/api/v1/sample-surveys/${id}/results`, 'evaluator');
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json();
    const { rows } = await q(
      `select district_code,
         count(*) filter (where answer = 'yes')::int as yes, count(*) filter (where answer = 'no')::int as no,
         count(*) filter (where answer = 'refused')::int as refused, count(*) filter (where answer = 'unreachable')::int as unreachable,
         count(*) filter (where answer is null)::int as pending, count(*)::int as sampled
       from sample_survey_households where survey_id = $1 group by district_code order by district_code`,
      [id],
    );
    expect(
      results.strata.map((s: Record<string, unknown>) => ({
        district_code: s.districtCode,
        yes: s.yes,
        no: s.no,
        refused: s.refused,
        unreachable: s.unreachable,
        pending: s.pending,
        sampled: s.sampleSize,
      })),
    ).toEqual(rows);
    const yes = rows.reduce((n, r) => n + r.yes, 0);
    const responded = rows.reduce((n, r) => n + r.yes + r.no, 0);
    expect(results).toMatchObject({ sampled: 120, responded, confidence: { percent: 95, z: '49/25' }, rule: { key: 'sampling.survey' } });
    expect(results.pooled).toMatchObject({ method: 'wilson', yes, responded });
    expect(results.estimate.method).toBe('stratified');
    // The estimate is the frame-weighted mean of the districts' rates, exactly.
    const answered = results.strata.filter((s: { responded: number }) => s.responded > 0);
    const frameAnswered = answered.reduce((n: number, s: { frameSize: number }) => n + s.frameSize, 0);
    const p = answered.reduce(
      (x: number, s: { frameSize: number; yes: number; responded: number }) => x + (s.frameSize / frameAnswered) * (s.yes / s.responded),
      0,
    );
    const [n, d] = (results.estimate.rate as string).split('/').map(Number);
    expect(n! / (d ?? 1)).toBeCloseTo(p, 12);
    expect(Number(results.estimate.interval.lower)).toBeLessThanOrEqual(Number(results.estimate.value));
    expect(Number(results.estimate.interval.upper)).toBeGreaterThanOrEqual(Number(results.estimate.value));
    expect(results.estimate.interval.lower).toMatch(/^\d\.\d{4}$/);
    expect(results.responseRate.rate).toBe(`${responded / gcd(responded, 120)}/${120 / gcd(responded, 120)}`);
    expect((await t.call('GET', `/api/v1/sample-surveys/${id}`, 'gongshu')).json()).toMatchObject({
      id,
      status: 'fielding',
      results: { sampled: 120 },
    });

    // Not every role answers; a household not drawn is not found.
    const forbidden = await t.call('PUT', `/api/v1/sample-surveys/${id}/households/${all[1]!.householdId}`, 'hemu-worker', {
      answer: 'yes',
    });
    expect(forbidden.statusCode).toBe(403);
    const stranger = await t.call('PUT', `/api/v1/sample-surveys/${id}/households/00000000-0000-7000-8000-000000000000`, 'evaluator', {
      answer: 'yes',
    });
    expect(stranger.statusCode).toBe(404);
    const badAnswer = await t.call('PUT', `/api/v1/sample-surveys/${id}/households/${all[1]!.householdId}`, 'evaluator', {
      answer: 'maybe',
    });
    expect(badAnswer.statusCode).toBe(400);
    expect(badAnswer.json().errors[0].path).toBe('body.answer');

    // Closing: by city-level staff; after it no answer is taken.
    expect((await t.call('POST', `/api/v1/sample-surveys/${id}/close`, 'gongshu')).statusCode).toBe(403);
    const closed = await t.call('POST', `/api/v1/sample-surveys/${id}/close`, 'evaluator');
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    const late = await t.call('PUT', `/api/v1/sample-surveys/${id}/households/${all[90]!.householdId}`, 'evaluator', { answer: 'yes' });
    expect(late.statusCode).toBe(409);
    expect(late.headers['content-type']).toContain('application/problem+json');
    expect((await t.call('POST', `/api/v1/sample-surveys/${id}/close`, 'evaluator')).statusCode).toBe(409);

    // Audited: the draw, each answer, the close.
    const { rows: audited } = await q(
      `select action, count(*)::int as n from audit_log where entity_id = $1 group by action order by action`,
      [id],
    );
    expect(audited).toEqual([
      { action: 'evaluation.sample_survey.answer', n: 71 },
      { action: 'evaluation.sample_survey.close', n: 1 },
      { action: 'evaluation.sample_survey.draw', n: 1 },
    ]);
    // Which household was answered is recorded, never what it answered.
    const { rows: details } = await q(`select detail from audit_log where entity_id = $1 and action = 'evaluation.sample_survey.answer'`, [
      id,
    ]);
    expect(
      details.every((r: { detail: Record<string, unknown> }) => !('answer' in r.detail) && typeof r.detail.householdId === 'string'),
    ).toBe(true);
  });

  it('lists the city’s surveys; a district officer sees its own district’s households only', async () => {
    const list = await t.call('GET', '/api/v1/sample-surveys?limit=2', 'evaluator');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(2);
    expect(list.json().nextCursor).toBeTruthy();
    const id = list.json().items[0].id;
    const mine = (await t.call('GET', `/api/v1/sample-surveys/${id}/households?limit=500`, 'gongshu')).json().items as {
      districtCode: string;
    }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((h) => h.districtCode))).toEqual(new Set(['330105']));
    expect((await t.call('GET', `/api/v1/sample-surveys/${id}/households`, 'hemu')).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/sample-surveys/${id}`, 'contractor')).statusCode).toBe(404);
  });
});

function gcd(a: number, b: number): number {
  return b ? gcd(b, a % b) : a;
}
