// Day partitions of device_events (Shanghai days): made a week ahead, rows that reached the DEFAULT partition
// moved into their day's new partition, and days past the retention rule dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../platform/testing/harness.ts';
import { smartWorld } from '../fixtures.ts';
import { dayBounds, maintainPartitions, partitionName, shanghaiDay, wantedDays } from './partitions.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t?.close());

const partitions = async () =>
  (
    await t.ctx.database.pool.query<{ name: string }>(`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
      where p.relname = 'device_events' and c.relname ~ '^device_events_[0-9]{8}$' order by 1`)
  ).rows.map((r) => r.name);

describe('day partitions', () => {
  it('count days in Shanghai', () => {
    expect(shanghaiDay(new Date('2026-06-01T15:59:59Z'))).toBe('20260601');
    expect(shanghaiDay(new Date('2026-06-01T16:00:00Z'))).toBe('20260602');
    expect(dayBounds('20260602').from.toISOString()).toBe('2026-06-01T16:00:00.000Z');
    expect(wantedDays(new Date('2026-06-01T04:00:00Z'))).toEqual([
      '20260531',
      '20260601',
      '20260602',
      '20260603',
      '20260604',
      '20260605',
      '20260606',
      '20260607',
      '20260608',
    ]);
  });

  it('are made from yesterday to a week ahead, moving rows already in the default partition, and dropped after retention', async () => {
    const world = await smartWorld(t);
    const d = await world.device('lift');
    const now = new Date();
    const pool = t.ctx.database.pool;
    // A day far ahead of the running clock: its rows sit in the default partition until its partition is made.
    const later = new Date(now.getTime() + 400 * 86_400_000);
    await pool.query(`insert into device_events (device_id, message_id, at, compound_id, type) values ($1, 'early', $2, $3, 'heartbeat')`, [
      d.id,
      later.toISOString(),
      world.compoundId,
    ]);
    const first = await maintainPartitions(t.ctx, later);
    const day = shanghaiDay(later);
    expect(first.created).toContain(partitionName(day));
    const { rows } = await pool.query(`select message_id from ${partitionName(day)}`);
    expect(rows).toEqual([{ message_id: 'early' }]);
    expect((await pool.query(`select count(*)::int as n from device_events_default where device_id = $1`, [d.id])).rows[0].n).toBe(0);
    // Idempotent: nothing to do the second time.
    expect((await maintainPartitions(t.ctx, later)).created).toEqual([]);

    // 181 days on (retention 180 days): the partitions made above are dropped, with their rows.
    const afterRetention = new Date(later.getTime() + 190 * 86_400_000);
    const third = await maintainPartitions(t.ctx, afterRetention);
    expect(third.dropped).toContain(partitionName(day));
    expect(await partitions()).not.toContain(partitionName(day));
    expect(await partitions()).toEqual(expect.arrayContaining(wantedDays(afterRetention).map(partitionName)));
  });
});
