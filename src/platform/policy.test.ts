// The shipped rule set meets databases seeded from an older one: a new version reaches them at the next start, and
// a published version edited in place is refused before anything is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../apps/server.ts';
import { loadEnv } from '../config/env.ts';
import { createLogger } from './logger.ts';
import { listRules, loadShippedRules, ruleAt, ShippedRuleEdited, shippedRules } from './policy.ts';
import { testApp, type TestApp } from './testing/harness.ts';
import { testSettings } from './testing/settings.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({}, { role: 'api' });
});
afterAll(() => t.close());

const PROFILES = 'smart.device_profiles';
type Profiles = { version: string; profiles: { code: string }[] };
const codes = (v: unknown) => (v as Profiles).profiles.map((p) => p.code);

describe('loading the shipped rules into an existing database', () => {
  it('brings device profiles shipped as a new version into a database seeded before them, at the next start', async () => {
    const shipped = shippedRules().find((r) => r.key === PROFILES)!;
    expect(shipped.version).not.toBe('2021.1');
    expect(codes(shipped.value)).toEqual(expect.arrayContaining(['gate', 'barrier']));
    // The database as issue 13 left it: the profiles of 2021.1, without gates and barriers, and nothing newer.
    const before = { ...(shipped.value as Profiles), version: '2026.1' };
    before.profiles = before.profiles.filter((p) => p.code !== 'gate' && p.code !== 'barrier');
    await t.ctx.database.pool.query(`delete from policy_rules where key = $1`, [PROFILES]);
    await t.ctx.database.pool.query(
      `insert into policy_rules (id, key, version, value, source, effective_from, published_at)
       values (gen_random_uuid(), $1, '2021.1', $2, 'seed §五.2', '2019-01-01', now() - interval '30 days')`,
      [PROFILES, JSON.stringify(before)],
    );

    // `npm start`: a process opening this database loads the shipped rules before anything else.
    const ctx = await openContext(loadEnv({ ...testSettings, DATABASE_URL: t.url }), createLogger('silent'), { role: 'api' });
    try {
      const rule = await ruleAt<Profiles>(ctx.db, PROFILES);
      expect(rule.version).toBe(shipped.version);
      expect(codes(rule.value)).toEqual(expect.arrayContaining(['gate', 'barrier']));
    } finally {
      await ctx.database.close();
    }
    // The old version stays as published, for the alarms it raised.
    const versions = await listRules(t.ctx.db, PROFILES);
    expect(versions.map((v) => v.version).sort()).toEqual(['2021.1', shipped.version].sort());
    expect(codes(versions.find((v) => v.version === '2021.1')!.value)).not.toContain('gate');
    // A second start finds nothing new.
    expect(await loadShippedRules(t.ctx.db)).toBe(0);
  });

  it('refuses a shipped value that differs from the published one of the same version, and writes nothing', async () => {
    const pool = t.ctx.database.pool;
    // As if the shipped file had edited 2021.1 in place after this database published it (400 → 450), with a
    // corrected citation beside it that would otherwise be written.
    await pool.query(
      `update policy_rules set value = '450', source = 'seed §二.1' where key = 'funding.subsidy_cap_per_m2' and version = '2021.1'`,
    );
    try {
      const err = await loadShippedRules(t.ctx.db).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ShippedRuleEdited);
      expect((err as ShippedRuleEdited).edited).toEqual([{ key: 'funding.subsidy_cap_per_m2', version: '2021.1' }]);
      expect((err as Error).message).toMatch(/funding\.subsidy_cap_per_m2@2021\.1/);
      const [rule] = await listRules(t.ctx.db, 'funding.subsidy_cap_per_m2');
      expect(rule).toMatchObject({ value: 450, source: 'seed §二.1' });
    } finally {
      await pool.query(`update policy_rules set value = '400' where key = 'funding.subsidy_cap_per_m2' and version = '2021.1'`);
    }
    // Same value again: only the citation follows the shipped file.
    await loadShippedRules(t.ctx.db);
    const [rule] = await listRules(t.ctx.db, 'funding.subsidy_cap_per_m2');
    expect(rule!.value).toBe(400);
    expect(rule!.source).toMatch(/^住房和城乡建设部建筑杂志社《杭州市/);
  });

  it('refuses a changed unit under the same version too', async () => {
    const rules = shippedRules().map((r) => (r.key === 'consent.proxy.max_mandates' ? { ...r, unit: 'households' } : r));
    await expect(loadShippedRules(t.ctx.db, rules)).rejects.toThrow(/consent\.proxy\.max_mandates@2021\.1/);
  });

  it('publishes the same change shipped under a new version, in force from then on', async () => {
    const rules = shippedRules().map((r) => (r.key === 'consent.proxy.max_mandates' ? { ...r, version: '2021.9', value: 5 } : r));
    expect(await loadShippedRules(t.ctx.db, rules)).toBe(1);
    expect(await ruleAt(t.ctx.db, 'consent.proxy.max_mandates')).toMatchObject({ version: '2021.9', value: 5 });
  });
});
