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
  const [c] =
    await q(`select count(distinct pc.compound_id)::int as compounds, coalesce(sum(pc.floor_area_m2), 0)::numeric(16,2)::text as area,
      coalesce(sum(pc.households), 0)::int as households from project_compounds pc join projects p on p.id = pc.project_id where ${where}`);
  const [o] = await q(`select coalesce(sum(o.parking_spaces_added), 0)::int as parking, coalesce(sum(o.lifts_installed), 0)::int as lifts,
      coalesce(sum(o.state_owned_rooms_m2), 0)::numeric(16,2)::text as rooms from project_outcomes o join projects p on p.id = o.project_id where ${where}`);
  const stages = await q(`select stage, count(*)::int as n from projects p where ${where} group by stage`);
  const funding = await q(
    `select f.source, sum(f.amount_fen)::text as fen from funding_lines f join projects p on p.id = f.project_id where ${where} group by f.source`,
  );
  return { c, o, stages, funding };
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
          expect(Object.values(got.byStage as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(got.projects);
          for (const f of want.funding) expect(String(got.fundingFen[f.source])).toBe(f.fen);
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
    expect(sum('projects')).toBe(city.projects);
    expect(sum('parkingSpaces')).toBe(city.parkingSpaces);
    const fen = (p: { fundingFen: Record<string, number> }) => Object.values(p.fundingFen).reduce((a, b) => a + b, 0);
    expect(parts.reduce((s, p) => s + fen(p), 0)).toBe(fen(city));
  });

  it('keeps each account to its scope: a subdistrict officer may not see the city (404), and sees its own by default', async () => {
    expect((await overview('330100', undefined, 'hemu')).statusCode).toBe(404);
    const own = await t.call('GET', '/api/v1/stats/overview', 'hemu');
    expect(own.json().division).toBe('330105004');
    expect((await overview('33010', undefined)).statusCode).toBe(400);
  });
});
