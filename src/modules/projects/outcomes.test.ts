import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, username: string, payload?: unknown) => t.call(method, url, username, payload);

const counts = ['parkingSpacesAdded', 'liftsInstalled', 'liftPositionsReserved', 'barrierFreeAgeFriendlyItems'] as const;
const areas = ['publicServiceSpaceM2', 'fitnessSpaceM2', 'stateOwnedRoomsM2'] as const;
type Outcomes = Record<(typeof counts)[number], number> & Record<(typeof areas)[number], string>;

const outcomes = (n: number, area: string): Outcomes => ({
  parkingSpacesAdded: n,
  liftsInstalled: n + 1,
  liftPositionsReserved: n + 2,
  barrierFreeAgeFriendlyItems: n + 3,
  publicServiceSpaceM2: area,
  fitnessSpaceM2: area,
  stateOwnedRoomsM2: area,
});

async function project(username: string, division: string, year: number, pick: number) {
  const compound = (await call('GET', `/api/v1/compounds?division=${division}&limit=10`, username)).json().items[pick];
  const res = await call('POST', '/api/v1/projects', username, { name: `成效 ${year}`, year, compoundIds: [compound.id] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** Every project the account lists for a year, followed page by page. */
async function listed(username: string, year: number) {
  const all: { id: string; districtCode: string; year: number }[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: typeof all; nextCursor: string | null } = (
      await call('GET', `/api/v1/projects?year=${year}&limit=100${cursor ? `&cursor=${cursor}` : ''}`, username)
    ).json();
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** The totals a summary should show, added up here from each project's own outcomes (integers in hundredths). */
async function expectedTotals(username: string, years: number[]) {
  const groups = new Map<string, Record<string, bigint>>();
  for (const year of years) {
    for (const p of await listed(username, year)) {
      const o = (await call('GET', `/api/v1/projects/${p.id}/outcomes`, username)).json();
      if (!o.recorded) continue;
      const key = `${p.districtCode}/${p.year}`;
      const g = groups.get(key) ?? { projectCount: 0n };
      g.projectCount! += 1n;
      for (const c of counts) g[c] = (g[c] ?? 0n) + BigInt(o[c]);
      for (const a of areas) g[a] = (g[a] ?? 0n) + BigInt(o[a].replace('.', ''));
      groups.set(key, g);
    }
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]) => {
      const [districtCode, year] = key.split('/');
      const row: Record<string, unknown> = { districtCode, year: Number(year), projectCount: Number(g.projectCount) };
      for (const c of counts) row[c] = Number(g[c]);
      for (const a of areas) row[a] = `${g[a]! / 100n}.${String(g[a]! % 100n).padStart(2, '0')}`;
      return row;
    });
}

describe('outcomes', () => {
  it('records a project’s outcomes with exact areas and reads them back', async () => {
    const id = await project('hemu', '330105004', 2031, 0);
    expect((await call('GET', `/api/v1/projects/${id}/outcomes`, 'hemu')).json()).toMatchObject({ recorded: false, parkingSpacesAdded: 0 });
    const res = await call('PUT', `/api/v1/projects/${id}/outcomes`, 'hemu', outcomes(12, '120.5'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ recorded: true, ...outcomes(12, '120.50') });
  });

  it('refuses negative counts, fractions and areas with more than two decimals, naming the field', async () => {
    const id = await project('hemu', '330105004', 2031, 1);
    const negative = await call('PUT', `/api/v1/projects/${id}/outcomes`, 'hemu', { ...outcomes(1, '1'), liftsInstalled: -1 });
    expect(negative.statusCode).toBe(400);
    expect(negative.headers['content-type']).toMatch(/problem\+json/);
    expect(negative.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.liftsInstalled']);
    const fraction = await call('PUT', `/api/v1/projects/${id}/outcomes`, 'hemu', { ...outcomes(1, '1'), parkingSpacesAdded: 2.5 });
    expect(fraction.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.parkingSpacesAdded']);
    // Malformed strings are refused by the schema (400); JSON numbers are taken when exact (exact-numbers.test.ts).
    for (const bad of ['12.345', '-3.00', '1e3', true]) {
      const res = await call('PUT', `/api/v1/projects/${id}/outcomes`, 'hemu', { ...outcomes(1, '1'), fitnessSpaceM2: bad });
      expect(res.statusCode, String(bad)).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.fitnessSpaceM2']);
    }
    expect((await call('GET', `/api/v1/projects/${id}/outcomes`, 'hemu')).json().recorded).toBe(false);
  });

  it('totals by district and year equal the sums over the projects, within the caller’s scope', async () => {
    // Two districts, two years; areas whose float sum would not be exact (0.10 + 0.20).
    const plan: [string, string, number, number, Outcomes][] = [
      ['hemu', '330105004', 2031, 2, outcomes(3, '0.10')],
      ['hemu', '330105004', 2031, 3, outcomes(4, '0.20')],
      ['hemu', '330105004', 2032, 4, outcomes(5, '999.99')], // within every demo compound's floor area (outcomes.area_plausibility)
      ['admin', '330106', 2031, 0, outcomes(100, '1234.56')],
      ['admin', '330106', 2032, 1, outcomes(7, '0.01')],
    ];
    for (const [user, division, year, pick, o] of plan) {
      const id = await project(user, division, year, pick);
      expect((await call('PUT', `/api/v1/projects/${id}/outcomes`, user, o)).statusCode).toBe(200);
    }
    const city = (await call('GET', '/api/v1/outcomes/summary', 'admin')).json();
    const mine = city.items.filter((i: { year: number }) => i.year >= 2031);
    expect(mine).toEqual(await expectedTotals('admin', [2031, 2032]));
    const hemu2031 = mine.find((i: { districtCode: string; year: number }) => i.districtCode === '330105' && i.year === 2031);
    expect(hemu2031).toMatchObject({ projectCount: 3, parkingSpacesAdded: 19, publicServiceSpaceM2: '120.80' });
    // The grand total is the sum of the rows.
    expect(city.total.parkingSpacesAdded).toBe(
      city.items.reduce((n: number, i: { parkingSpacesAdded: number }) => n + i.parkingSpacesAdded, 0),
    );

    // Filters, and a subdistrict account sees only its own projects.
    const year = (await call('GET', '/api/v1/outcomes/summary?year=2032&division=330106', 'admin')).json();
    expect(year.items).toEqual([
      expect.objectContaining({ districtCode: '330106', year: 2032, projectCount: 1, stateOwnedRoomsM2: '0.01' }),
    ]);
    const hemu = (await call('GET', '/api/v1/outcomes/summary?year=2031', 'hemu')).json();
    expect(hemu.items.map((i: { districtCode: string }) => i.districtCode)).toEqual(['330105']);
    expect(hemu.items).toEqual(await expectedTotals('hemu', [2031]));
    expect(hemu.total).toMatchObject({ projectCount: 3, liftsInstalled: 13 + 4 + 5, fitnessSpaceM2: '120.80' });
  });

  it('answers 404 for a project outside the scope', async () => {
    const theirs = await project('admin', '330106', 2031, 2);
    expect((await call('GET', `/api/v1/projects/${theirs}/outcomes`, 'hemu')).statusCode).toBe(404);
    expect((await call('PUT', `/api/v1/projects/${theirs}/outcomes`, 'hemu', outcomes(1, '1'))).statusCode).toBe(404);
  });
});
