// Issue 15 acceptance 5: a second city from data alone. A database seeded with CITY=330200 (宁波市) runs under
// Ningbo's own rules — a renovation consent of 2/3 is not enough there (3/4), the subsidy cap is 350 yuan/m² — and
// none of the pages the web app reads names Hangzhou, its places or its division codes.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';

// Before any import reads the city: this file always runs the second city, whatever CITY the run has.
const previousCity = vi.hoisted(() => {
  const was = process.env.CITY;
  process.env.CITY = '330200';
  return was;
});

import { loadEnv } from '../../config/env.ts';
import { PLAN_YEAR } from '../projects/index.ts';
import { ballotWorld } from './fixtures.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { createLogger } from '../../platform/logger.ts';
import type { TestApp } from '../../platform/testing/harness.ts';
import { testSettings } from '../../platform/testing/settings.ts';
import { createHttpApp, openContext } from '../../apps/server.ts';
import { seedCity } from '../../apps/seed.ts';

// Hangzhou by name (city, district, the demo subdistrict) or by a division code of its own, as a JSON string.
const hangzhou = /杭州|Hangzhou|拱墅|和睦|"3301\d{2}(\d{3}){0,2}"/;

const name = `renova_t_city_${randomBytes(6).toString('hex')}`;
const admin = async (text: string) => {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
};

let ctx: AppContext;
let app: ZodApp;
const tokens = new Map<string, string>();
const as = async (username: string) => {
  if (!tokens.has(username)) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Demo@2026' } });
    expect(res.statusCode, res.body).toBe(200);
    tokens.set(username, res.json<{ token: string }>().token);
  }
  return { authorization: `Bearer ${tokens.get(username)!}` };
};
const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, username: string, payload?: unknown) =>
  app.inject({ method, url, headers: await as(username), ...(payload === undefined ? {} : { payload: payload as object }) });
const get = async (url: string, username = 'admin') => {
  const res = await app.inject({ method: 'GET', url, headers: { ...(await as(username)), 'accept-language': 'zh-CN' } });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res;
};

beforeAll(async () => {
  await admin(`create database ${name}`);
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${name}`;
  const env = loadEnv({ ...testSettings, DATABASE_URL: url.toString() });
  expect(env.CITY).toBe('330200');
  // The product's own start-up path: migrate, then seed the demo city of the pack.
  ctx = await openContext(env, createLogger('silent'));
  await seedCity(ctx, 'demo', env.SEED_VALUE);
  ({ app } = await createHttpApp(ctx));
  app.addHook('onRequest', async (req) => {
    req.headers['accept-language'] ??= 'en';
  });
  await app.ready();
}, 600_000);

afterAll(async () => {
  await app?.close();
  await ctx?.database.close();
  await admin(`drop database if exists ${name}`).catch(() => undefined);
  if (previousCity === undefined) delete process.env.CITY;
  else process.env.CITY = previousCity;
});

describe('CITY=330200: the second city from its pack alone', () => {
  it('has Ningbo’s divisions and demo places, and no page the web app reads names Hangzhou', async () => {
    const roots = (await get('/api/v1/divisions')).json().items;
    expect(roots).toEqual([expect.objectContaining({ code: '330200', name: '宁波市' })]);
    const districts = (await get('/api/v1/divisions?parent=330200')).json().items.map((d: { code: string }) => d.code);
    expect(districts).toContain('330203');
    expect(districts.every((c: string) => c.startsWith('3302'))).toBe(true);
    const compounds = (await get('/api/v1/compounds?limit=500')).json().items;
    expect(compounds.length).toBeGreaterThan(100);
    expect(compounds.every((c: { communityCode: string }) => c.communityCode.startsWith('3302'))).toBe(true);

    const pages = [
      '/api/v1/auth/me',
      '/api/v1/divisions',
      '/api/v1/divisions?parent=330200',
      '/api/v1/divisions?parent=330203',
      '/api/v1/divisions?parent=330203004',
      '/api/v1/stats/overview',
      '/api/v1/policy-rules?limit=500',
      '/api/v1/compounds?limit=500',
      `/api/v1/compounds/${compounds[0].id as string}`,
      '/api/v1/projects?limit=500',
      '/api/v1/funding/summary?year=2021',
      `/api/v1/blackouts?year=${PLAN_YEAR}`,
      '/api/v1/catalogue/versions',
      '/api/v1/evaluation/engagements',
      '/api/v1/evaluation/institutions',
    ];
    for (const page of pages) expect((await get(page)).body, page).not.toMatch(hangzhou);
    for (const who of ['gongshu', 'hemu', 'hemu-worker', 'power', 'grid'])
      expect((await get('/api/v1/auth/me', who)).body).not.toMatch(hangzhou);
  });

  it('publishes the pack’s own rules, each marked illustrative', async () => {
    const items = (await get('/api/v1/policy-rules?limit=500')).json().items as { key: string; value: unknown; source: string }[];
    const rule = (key: string) => items.find((r) => r.key === key)!;
    expect(rule('consent.renovation.threshold').value).toMatchObject({ numerator: 3, denominator: 4 });
    expect(rule('consent.plan_approval.threshold').value).toMatchObject({ numerator: 3, denominator: 4 });
    expect(rule('funding.subsidy_cap_per_m2').value).toBe(350);
    expect(rule('satisfaction.tiers').value).toEqual(expect.arrayContaining([expect.objectContaining({ min_percent: 95 })]));
    expect(items.filter((r) => !r.source.includes('示例'))).toEqual([]);
  });

  it('refuses a renovation consent of 2/3 (the first city’s threshold) and passes one of 3/4', async () => {
    const t = { app, ctx, as } as unknown as TestApp;
    const short = await ballotWorld(t, 12);
    const first = await short.open();
    for (const h of short.households.slice(0, 8)) await short.paperVote(first.id, h, 'agree');
    expect(await short.close(first.id)).toMatchObject({
      eligible: 12,
      agree: 8,
      passed: false,
      rule: { key: 'consent.renovation.threshold', numerator: 3, denominator: 4 },
    });
    const enough = await ballotWorld(t, 12);
    const second = await enough.open();
    for (const h of enough.households.slice(0, 9)) await enough.paperVote(second.id, h, 'agree');
    expect(await enough.close(second.id)).toMatchObject({ agree: 9, passed: true });
  });

  it('caps city and district subsidy at 350 yuan/m²: 400 yuan/m² is refused', async () => {
    const compound = (await get('/api/v1/compounds?limit=5', 'hemu')).json().items[4].id as string;
    await ctx.database.pool.query('update compounds set floor_area_m2 = $2 where id = $1', [compound, '100.00']);
    const created = await call('POST', '/api/v1/projects', 'hemu', { name: '资金测试', year: 2021, compoundIds: [compound] });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    await call('PUT', `/api/v1/projects/${id}/plan`, 'hemu', {
      items: [{ indicatorCode: '01.01.01', quantity: '1', unitPriceFen: 10_000_000 }],
    });
    const funding = (amountFen: number) =>
      call('PUT', `/api/v1/projects/${id}/funding`, 'hemu', { lines: [{ source: 'city_subsidy', amountFen }] });
    expect((await funding(3_500_000)).statusCode).toBe(200);
    const over = await funding(4_000_000);
    expect(over.statusCode).toBe(422);
    expect(over.json().violations[0]).toMatchObject({ rule: 'funding.subsidy_cap_per_m2', value: 350, limitFen: 3_500_000 });
  });
});
