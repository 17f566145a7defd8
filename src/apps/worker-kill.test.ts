// Acceptance 2 of the platform: a worker killed with SIGKILL while it runs a household import and a timetable.
// Real worker processes (`renova serve --role worker`) on this test file's database; the API runs here with no
// workers of its own. The test holds table locks so both jobs are certainly in flight when the worker dies.
import { spawn, type ChildProcess } from 'node:child_process';
import ExcelJS from 'exceljs';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../platform/testing/harness.ts';
import { testSettings } from '../platform/testing/settings.ts';
import { until as waitUntil } from '../platform/testing/until.ts';

// A worker's takeover waits out pg-boss's lease, so these waits are longer than the default.
const until = async <T>(what: string, fn: () => Promise<T | false | undefined>) => {
  try {
    return await waitUntil(what, fn, 60_000);
  } catch (err) {
    const { rows } = await t.ctx.database.pool.query(
      `select id, name, state, retry_count, started_on, start_after, now() as now from pgboss.job where name not like '\\_\\_%'`,
    );
    const workerLines = outputs.map((o, i) => `worker ${i + 1}:\n${o.slice(-3000)}`).join('\n');
    throw new Error(`${(err as Error).message}\npg-boss jobs: ${JSON.stringify(rows)}\n${workerLines}`);
  }
};

let t: TestApp;
const workers: ChildProcess[] = [];
// What each worker printed, shown when a wait fails: the takeover happens in another process.
const outputs: string[] = [];

function startWorker(): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['bin/renova.mjs', 'serve', '--role', 'worker'], {
    env: { ...process.env, ...testSettings, DATABASE_URL: t.url, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.push(proc);
  const n = outputs.push('') - 1;
  return new Promise((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      outputs[n] += d.toString();
      if (outputs[n]!.includes('Renova worker is running')) resolve(proc);
    });
    proc.stderr!.on('data', (d: Buffer) => (outputs[n] += d.toString()));
    proc.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${outputs[n]!.slice(-2000)}`)));
  });
}

const job = async (id: string) =>
  (await t.call('GET', `/api/v1/jobs/${id}`, 'admin')).json() as { status: string; attempts: number; error: unknown };
const activeJobs = async () =>
  (await t.ctx.database.pool.query<{ id: string; retry_count: number }>(`select id, retry_count from pgboss.job where state = 'active'`))
    .rows;

beforeAll(async () => {
  t = await testApp({ IMPORT_BACKGROUND_ROWS: '10' }, { role: 'api' });
});
afterAll(async () => {
  const running = workers.filter((w) => w.exitCode === null && w.signalCode === null);
  await Promise.all(running.map((w) => new Promise((r) => (w.once('exit', r), w.kill('SIGTERM')))));
  await t.close();
});

describe('a worker killed mid-job', () => {
  it('leaves both jobs to the other worker, which finishes them; nothing half-written, nothing running for ever', async () => {
    const [compound] = (await t.call('GET', '/api/v1/compounds?division=330105004001&limit=1', 'hemu')).json().items as {
      name: string;
      communityCode: string;
    }[];
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('households');
    sheet.addRow(['社区代码', '小区名称', '楼栋', '单元', '房号', '建筑面积', '产权证号']);
    for (let i = 0; i < 60; i++) sheet.addRow([compound!.communityCode, compound!.name, '88幢', '1单元', String(2000 + i), '50.00', '']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    // Hold the tables both jobs write, so each blocks inside its transaction.
    let ids: string[] = [];
    let scheduleId = '';
    const holder: pg.PoolClient = await t.ctx.database.pool.connect();
    await holder.query('begin');
    await holder.query('lock table households, schedule_packages in exclusive mode');
    try {
      const first = await startWorker();
      const imp = await t.upload('/api/v1/imports/households', 'hemu', {}, { name: 'kill.xlsx', data: file });
      expect(imp.statusCode, imp.body).toBe(202);
      const sched = await t.call('POST', '/api/v1/schedules', 'admin', { year: 2022 });
      expect(sched.statusCode, sched.body).toBe(202);
      ids = [imp.json().jobId as string, sched.json().jobId as string];
      scheduleId = sched.json().scheduleId as string;

      await until('both jobs blocked in the first worker', async () => {
        const { rows } = await t.ctx.database.pool.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        return rows[0]!.n >= 2;
      });
      expect((await Promise.all(ids.map(job))).map((j) => j.status)).toEqual(['running', 'running']);

      await startWorker();
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      // The supervisor leaves young jobs to their worker for a grace period: move their clock past it.
      await t.ctx.database.pool.query(
        `update pgboss.job set started_on = started_on - interval '1 minute' where state = 'active' and id = any($1)`,
        [ids],
      );
      // The second worker finds the dead worker's locks free and takes both jobs over (their second attempt).
      await until('both jobs taken over', async () => {
        // Only these two: the worker's clock-driven jobs may be active at the same moment.
        const active = (await activeJobs()).filter((a) => ids.includes(a.id));
        return active.length === 2 && active.every((a) => a.retry_count === 1) && active;
      });
      const { rows: written } = await t.ctx.database.pool.query<{ n: number }>(
        `select count(*)::int as n from schedule_packages where schedule_id = $1`,
        [scheduleId],
      );
      expect(written[0]!.n).toBe(0);
    } finally {
      await holder.query('rollback');
      holder.release();
    }

    const done = await until('both jobs finished', async () => {
      const js = await Promise.all(ids.map(job));
      return js.every((j) => j.status === 'succeeded' || j.status === 'failed') && js;
    });
    expect(done.map((j) => j.status)).toEqual(['succeeded', 'succeeded']);
    expect(done.map((j) => j.attempts)).toEqual([2, 2]);
    // The user's view is settled in the job's own transaction; pg-boss marks the job complete just after it.
    await until('pg-boss has both jobs complete', async () => (await activeJobs()).filter((a) => ids.includes(a.id)).length === 0);
    const { rows } = await t.ctx.database.pool.query<{ n: number }>(
      `select count(*)::int as n from households h join units u on u.id = h.unit_id join buildings b on b.id = u.building_id where b.name = '88幢'`,
    );
    expect(rows[0]!.n).toBe(60);
    const sched = (await t.call('GET', `/api/v1/schedules/${scheduleId}`, 'admin')).json();
    expect(sched.status).toBe('done');
    // Two worker processes start and one waits out a lease: on a loaded machine this takes longer than the default.
  }, 240_000);
});
