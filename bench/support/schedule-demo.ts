// The demo city's annual plan scheduled through the product: a fresh server
// with the demo seed, POST /api/v1/schedules as the city admin, the job
// followed to its end. Timed from the request to the stored, verified result
// (the worker checks both plans with verify.ts before anything is stored).
import { DEMO_PASSWORD } from '../../src/apps/seed.ts';
import { startTestServer } from '../../src/apps/test-server.ts';
import { PLAN_YEAR } from '../../src/modules/projects/index.ts';
import { postJson } from './ballot-setup.ts';
import { bearerToken, getJson } from './load.ts';
import { log } from './run.ts';

export interface DemoScheduleFigures {
  compounds: number;
  packages: number;
  departments: number;
  runs: number[];
  seconds: number;
  disturbanceDays: { coordinated: number; baseline: number };
  repeatedExcavations: { coordinated: number; baseline: number };
  oneWindowEach: boolean;
}

interface Summary {
  disturbanceDays: number;
  repeatedExcavations: number;
  windows: { excavations: number }[];
}

export async function benchDemoSchedule(runs = 3): Promise<DemoScheduleFigures> {
  log('schedule: starting a fresh demo server');
  const server = await startTestServer({ SEED_SCALE: 'demo', LOG_LEVEL: 'warn' });
  try {
    const token = await bearerToken(server.url, 'admin', DEMO_PASSWORD);
    const times: number[] = [];
    let last: { coordinated: Summary; baseline: Summary } | undefined;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const { jobId, scheduleId } = await postJson<{ jobId: string; scheduleId: string }>(
        `${server.url}/api/v1/schedules`,
        token,
        { year: PLAN_YEAR },
        202,
      );
      for (;;) {
        const job = await getJson<{ status: string; error: unknown }>(`${server.url}/api/v1/jobs/${jobId}`, token);
        if (job.status === 'failed') throw new Error(`schedule failed: ${JSON.stringify(job.error)}`);
        if (job.status === 'succeeded') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      times.push((performance.now() - t0) / 1000);
      last = await getJson(`${server.url}/api/v1/schedules/${scheduleId}`, token);
      log(`schedule: demo year ${PLAN_YEAR} in ${times.at(-1)!.toFixed(2)} s`);
    }
    const { rows } = await server.ctx.database.pool.query<{ compounds: number; packages: number; departments: number }>(
      `select count(distinct compound_id)::int as compounds, count(*)::int as packages, count(distinct department)::int as departments
       from work_packages where year = $1`,
      [PLAN_YEAR],
    );
    const c = last!.coordinated;
    const b = last!.baseline;
    return {
      ...rows[0]!,
      runs: times,
      seconds: Math.max(...times),
      disturbanceDays: { coordinated: c.disturbanceDays, baseline: b.disturbanceDays },
      repeatedExcavations: { coordinated: c.repeatedExcavations, baseline: b.repeatedExcavations },
      oneWindowEach: c.windows.every((w) => w.excavations === 1),
    };
  } finally {
    await server.close();
  }
}
