// The work run by the clock: scheduled with pg-boss in the city's time zone, and what each run deletes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './testing/harness.ts';
import { purgePlatform } from './maintenance.ts';
import { modules } from '../apps/modules.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const count = async (text: string) => (await t.ctx.database.pool.query<{ n: number }>(text)).rows[0]!.n;

describe('scheduled work', () => {
  it("is on pg-boss's schedule, every kind every module's manifest names", async () => {
    const { rows } = await t.ctx.database.pool.query<{ name: string; cron: string; timezone: string }>(
      'select name, cron, timezone from pgboss.schedule order by name',
    );
    const expected = modules.flatMap((m) => m.schedules ?? []).map((s) => ({ name: s.kind.name, cron: s.cron, timezone: 'Asia/Shanghai' }));
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(rows).toEqual(expect.arrayContaining(expected));
  });

  it('deletes handled-event marks past retention and closed request-limit windows, and nothing younger', async () => {
    const pool = t.ctx.database.pool;
    await pool.query(`insert into handled_events (handler, event_id, handled_at) values
      ('test.old', gen_random_uuid(), now() - interval '40 days'), ('test.young', gen_random_uuid(), now() - interval '2 days')`);
    await pool.query(`insert into rate_limits (key, window_start, hits) values
      ('old', now() - interval '3 days', 5), ('young', now(), 1)`);
    const id = await t.ctx.queue.enqueue(t.ctx.db, purgePlatform, {}, { createdBy: null });
    await t.settled();
    expect((await t.ctx.queue.get(id))!.status).toBe('succeeded');
    expect(await count(`select count(*)::int as n from handled_events where handler in ('test.old', 'test.young')`)).toBe(1);
    expect(await count(`select count(*)::int as n from rate_limits where key in ('old', 'young')`)).toBe(1);
  });

  it('deletes expired sessions and one-time codes, and keeps live ones', async () => {
    const pool = t.ctx.database.pool;
    const { rows } = await pool.query<{ id: string }>(`select id from users where username = 'hemu'`);
    await pool.query(
      `insert into sessions (token_hash, user_id, expires_at) values ('expired-token-hash', $1, now() - interval '1 hour'),
        ('live-token-hash', $1, now() + interval '1 hour')`,
      [rows[0]!.id],
    );
    const accounts = modules.find((m) => m.name === 'accounts')!;
    const kind = accounts.schedules![0]!.kind;
    const id = await t.ctx.queue.enqueue(t.ctx.db, kind, {}, { createdBy: null });
    await t.settled();
    expect((await t.ctx.queue.get(id))!.status).toBe('succeeded');
    expect(await count(`select count(*)::int as n from sessions where token_hash = 'expired-token-hash'`)).toBe(0);
    expect(await count(`select count(*)::int as n from sessions where token_hash = 'live-token-hash'`)).toBe(1);
  });
});
