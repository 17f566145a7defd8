// Acceptance 1 of the evaluation issue: every figure of the overview equals the
// sum over the underlying records, at random divisions of every level and
// years; and the levels add up (a city is the sum of its districts).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';

let t: TestApp;
let divisions: string[];
beforeAll(async () => {
  t = await testApp();
  const { rows } = await t.ctx.database.pool.query<{ code: string }>(
    `select distinct u.code from projects, unnest(array[left(community_codes[1], 6), left(community_codes[1], 9), community_codes[1]]) as u(code)`,
  );
  divisions = ['330100', ...rows.map((r) => r.code)];
});
afterAll(() => t.close());

const overview = async (division: string, year?: number, who = 'admin') =>
  t.call('GET', `/api/v1/stats/overview?division=${division}${year ? `&year=${year}` : ''}`, who);

/** The same figures straight from the records, one query per table. */
async function fromRecords(division: string, year?: number) {
  const prefix = division.length === 6 && division.endsWith('00') ? division.slice(0, 4) : division;
  const where = `p.community_codes[1] like $1 || '%' and ($2::int is null or p.year = $2)`;
  const q = async (text: string) => (await t.ctx.database.pool.query(text, [prefix, year ?? null])).rows;
  // A compound counts once, with its latest project of the period (by year, then id), where that project counts.
  const [c] = await q(`with ranked as (
      select pc.*, p.community_codes, p.year, row_number() over (partition by pc.compound_id order by p.year desc, p.id desc) as n
      from project_compounds pc join projects p on p.id = pc.project_id where ($2::int is null or p.year = $2))
    select count(*)::int as compounds, coalesce(sum(floor_area_m2), 0)::numeric(16,2)::text as area, coalesce(sum(households), 0)::int as households
    from ranked p where n = 1 and ${where}`);
  const [o] = await q(`select coalesce(sum(o.parking_spaces_added), 0)::int as parking, coalesce(sum(o.lifts_installed), 0)::int as lifts,
      (coalesce(sum(o.state_owned_rooms_m2), 0) + (select coalesce(sum(s.area_m2), 0) from circle_space_resources s
        where s.kind = 'state_room' and s.status in ('converted', 'in_use') and s.division_code like $1 || '%'
          and ($2::int is null or extract(year from s.converted_at at time zone 'Asia/Shanghai') = $2)))::numeric(16,2)::text as rooms
      from project_outcomes o join projects p on p.id = o.project_id where ${where}`);
  const stages = await q(`select stage, count(*)::int as n from projects p where ${where} group by stage`);
  const funding = await q(
    `select f.source, sum(f.amount_fen)::text as fen from funding_lines f join projects p on p.id = f.project_id where ${where} group by f.source`,
  );
  const [support] = await q(`select coalesce(sum((b.result->>'agree')::int), 0)::int as agree, coalesce(sum(b.eligible), 0)::int as eligible
    from projects p join lateral (select * from ballots b where b.project_id = p.id and b.kind = 'renovation_consent' and b.status = 'closed'
      order by b.closed_at desc limit 1) b on true where ${where}`);
  const [satisfaction] = await q(`select count(r.household_id) filter (where r.channel <> 'refused')::int as answered,
      count(r.household_id) filter (where r.channel <> 'refused' and r.answers->>'overall' in ('very_satisfied', 'satisfied', 'basically_satisfied'))::int as satisfied
    from projects p join lateral (select * from surveys s where s.project_id = p.id and s.kind = 'satisfaction' order by s.opened_at desc limit 1) s on true
      left join survey_responses r on r.survey_id = s.id where ${where}`);
  const years = (
    await t.ctx.database.pool.query<{ year: number }>(
      `select distinct year from projects p where p.community_codes[1] like $1 || '%' order by year`,
      [prefix],
    )
  ).rows.map((r) => r.year);
  return { c, o, stages, funding, support, satisfaction, years };
}

describe('the overview', () => {
  it('equals the sums over the records at random divisions and years', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...divisions),
        fc.option(fc.constantFrom(2019, 2020, 2021, 2022), { nil: undefined }),
        async (division, year) => {
          const res = await overview(division, year);
          expect(res.statusCode, res.body).toBe(200);
          const got = res.json();
          const want = await fromRecords(division, year);
          expect(got).toMatchObject({
            division,
            compounds: want.c.compounds,
            floorAreaM2: want.c.area,
            households: want.c.households,
            parkingSpaces: want.o.parking,
            liftsInstalled: want.o.lifts,
            stateRoomsM2: want.o.rooms,
          });
          for (const s of want.stages) expect(got.byStage[s.stage]).toBe(s.n);
          expect(got.years).toEqual(want.years);
          expect(Object.values(got.byStage as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(got.projects);
          for (const f of want.funding) expect(String(got.fundingFen[f.source])).toBe(f.fen);
          expect(got.support).toMatchObject({ agree: want.support.agree, eligible: want.support.eligible });
          expect(got.satisfaction).toMatchObject({ satisfied: want.satisfaction.satisfied, answered: want.satisfaction.answered });
          expect(got.satisfaction.rate).toBe(
            want.satisfaction.answered ? `${want.satisfaction.satisfied}/${want.satisfaction.answered}` : null,
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it('adds up across levels: the city is the sum of its districts', async () => {
    const city = (await overview('330100', 2021)).json();
    const districts = [...new Set(divisions.filter((d) => d.length === 6 && d !== '330100'))];
    const parts = await Promise.all(districts.map(async (d) => (await overview(d, 2021)).json()));
    const sum = (k: string) => parts.reduce((s, p) => s + p[k], 0);
    expect(sum('households')).toBe(city.households);
    expect(sum('compounds')).toBe(city.compounds);
    expect(city.support.eligible).toBeGreaterThan(0);
    expect(city.satisfaction.answered).toBeGreaterThan(0);
    expect(parts.reduce((s, p) => s + p.support.agree, 0)).toBe(city.support.agree);
    expect(parts.reduce((s, p) => s + p.satisfaction.answered, 0)).toBe(city.satisfaction.answered);
    expect(sum('projects')).toBe(city.projects);
    expect(sum('parkingSpaces')).toBe(city.parkingSpaces);
    const fen = (p: { fundingFen: Record<string, number> }) => Object.values(p.fundingFen).reduce((a, b) => a + b, 0);
    expect(parts.reduce((s, p) => s + fen(p), 0)).toBe(fen(city));
  });

  it('rates support and satisfaction exactly: 2/3 is 66.67 %, nothing to measure is null', async () => {
    const { percent } = await import('./stats.service.ts');
    expect(percent(2, 3)).toBe('66.67');
    expect(percent(1, 8)).toBe('12.50');
    expect(percent(1, 200000)).toBe('0.00');
    expect(percent(1, 20000)).toBe('0.01');
    expect(percent(5, 5)).toBe('100.00');
    expect(percent(0, 0)).toBeNull();
  });

  it('keeps each account to its scope: a subdistrict officer may not see the city (404), and sees its own by default', async () => {
    expect((await overview('330100', undefined, 'hemu')).statusCode).toBe(404);
    const own = await t.call('GET', '/api/v1/stats/overview', 'hemu');
    expect(own.json().division).toBe('330105004');
    expect((await overview('33010', undefined)).statusCode).toBe(400);
  });
  it('counts a compound renovated in two projects once over all years, with its latest project, and once in each year', async () => {
    const { rows } = await t.ctx.database.pool.query<{ compound_id: string; households: number; year: number }>(
      `select pc.compound_id, pc.households, p.year from project_compounds pc join projects p on p.id = pc.project_id
       where p.stage = 'handed_over' and p.community_codes[1] like '330105%' order by p.year, pc.compound_id limit 1`,
    );
    const { compound_id: compoundId, year } = rows[0]!;
    const before = (await overview('330105')).json();
    const again = await t.call('POST', '/api/v1/projects', 'admin', {
      name: '二次改造（电梯加装）',
      year: 2023,
      compoundIds: [compoundId],
    });
    expect(again.statusCode, again.body).toBe(201);
    const after = (await overview('330105')).json();
    expect(after.projects).toBe(before.projects + 1);
    expect(after.compounds).toBe(before.compounds);
    expect(after.households).toBe(before.households - rows[0]!.households + again.json().compounds[0].households);
    expect((await overview('330105', 2023)).json().compounds).toBe(1);
    // Within its first year the compound still counts, with that year's project.
    const first = (await overview('330105', year)).json();
    expect(first.compounds).toBe((await fromRecords('330105', year)).c.compounds);
    expect(first.households).toBe((await fromRecords('330105', year)).c.households);
    const want = await fromRecords('330105');
    expect(after).toMatchObject({ compounds: want.c.compounds, households: want.c.households, floorAreaM2: want.c.area });
  });
});
