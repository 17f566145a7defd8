// The SLA sweep's figures for bench:grid: sweeps a minute apart, an hour on, a month on, each beside the sweep's
// flagging UPDATE alone on the same rows (in a transaction rolled back, measured first).
import type { Pool } from 'pg';
import { slaSweep } from '../../src/modules/grid/index.ts';
import { latency, type Latency } from './latency.ts';
import { log } from './run.ts';

const ms = (l: Latency) => `p99 ${l.p99.toFixed(1)} ms (p50 ${l.p50.toFixed(1)})`;

/** The sweep's flagging UPDATE alone for what is due at `at`, rolled back: the physical reference. */
async function rawFlagging(pool: Pool, at: Date): Promise<{ ms: number; rows: number }> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const t0 = performance.now();
    const r = await client.query(
      `update grid_events set overdue_since = due_at where state <> 'closed' and overdue_since is null and due_at <= $1`,
      [at],
    );
    return { ms: performance.now() - t0, rows: r.rowCount ?? 0 };
  } finally {
    await client.query('rollback');
    client.release();
  }
}

export interface SweepCase {
  open: number;
  /** A month on: every open event due at once (the worst case), beside the raw UPDATE of the same rows. */
  all: { ms: number; flagged: number; escalated: number; rawMs: number; rawRows: number };
  steady: Latency & { flagged: number; escalated: number };
  catchUp: { ms: number; flagged: number; escalated: number };
  rawUpdateMs: number;
  rawFlagged: number;
}

/** Sweeps a minute apart (steady state), then one an hour on (after an outage); the raw UPDATE first, rolled back. */
export async function measureSweep(ctx: Parameters<typeof slaSweep>[0], pool: Pool, minutes: number): Promise<SweepCase> {
  const open = (await pool.query<{ n: number }>(`select count(*)::int as n from grid_events where state <> 'closed'`)).rows[0]!.n;
  const start = Date.now();
  const hour = new Date(start + 3_600_000);
  const { ms: rawUpdateMs, rows: rawFlagged } = await rawFlagging(pool, hour);
  let flagged = 0;
  let escalated = 0;
  const samples: number[] = [];
  for (let m = 1; m <= minutes; m++) {
    const t0 = performance.now();
    const res = await slaSweep(ctx, new Date(start + m * 60_000));
    samples.push(performance.now() - t0);
    flagged += res.flagged;
    escalated += res.escalated.length;
  }
  const t0 = performance.now();
  const res = await slaSweep(ctx, hour);
  const catchUp = { ms: performance.now() - t0, flagged: res.flagged, escalated: res.escalated.length };
  const month = new Date(start + 30 * 86_400_000);
  const { ms: rawMs, rows: rawRows } = await rawFlagging(pool, month);
  const a0 = performance.now();
  const everything = await slaSweep(ctx, month);
  const all = { ms: performance.now() - a0, flagged: everything.flagged, escalated: everything.escalated.length, rawMs, rawRows };
  log(
    `SLA sweep over ${open} open events: each minute ${ms(latency(samples))} (${flagged} flagged, ${escalated} escalated); ` +
      `an hour on ${catchUp.ms.toFixed(0)} ms (${catchUp.flagged} flagged, ${catchUp.escalated} escalated); raw UPDATE ${rawUpdateMs.toFixed(0)} ms (${rawFlagged} rows)`,
  );
  log(
    `SLA sweep a month on: ${all.ms.toFixed(0)} ms (${all.flagged} flagged, ${all.escalated} escalated); raw UPDATE ${rawMs.toFixed(0)} ms (${rawRows} rows)`,
  );
  return { open, all, steady: { ...latency(samples), flagged, escalated }, catchUp, rawUpdateMs, rawFlagged };
}
