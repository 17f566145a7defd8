// Renovate once over the API, on the demo city's annual plan: the timetable is
// made by the real scheduler in its worker thread, then checked here against
// the rules independently of the scheduler's own verifier.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { PLAN_YEAR } from '../projects/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

interface Row {
  packageId: string;
  compoundId: string;
  kind: string;
  department: string;
  opensGround: boolean;
  durationDays: number;
  crews: number;
  start: number;
  end: number;
  startDate: string;
  baselineStart: number;
}

async function schedule(body: unknown, url = '/api/v1/schedules') {
  const res = await t.call('POST', url, 'admin', body);
  expect(res.statusCode, res.body).toBe(202);
  const { jobId, scheduleId } = res.json();
  for (let i = 0; i < 600; i++) {
    const job = (await t.call('GET', `/api/v1/jobs/${jobId}`, 'admin')).json();
    if (job.status !== 'running' && job.status !== 'queued') {
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const s = (await t.call('GET', `/api/v1/schedules/${scheduleId}`, 'admin')).json();
  const rows = (await t.call('GET', `/api/v1/schedules/${scheduleId}/packages`, 'admin')).json().items as Row[];
  return { s, rows };
}

/** Precedence, crews and city-wide blackouts, checked from the city's own settings over the API. */
async function violations(rows: Row[], startsOn: string) {
  const out: string[] = [];
  const rules = (await t.call('GET', '/api/v1/precedence-rules', 'admin')).json().items as {
    beforeKind: string;
    afterKind: string;
    lagDays: number;
  }[];
  for (const r of rules)
    for (const b of rows.filter((x) => x.kind === r.beforeKind))
      for (const a of rows.filter((x) => x.kind === r.afterKind && x.compoundId === b.compoundId))
        if (a.start < b.end + r.lagDays) out.push(`${a.kind} before ${b.kind} in ${a.compoundId}`);
  const crews = new Map(
    ((await t.call('GET', '/api/v1/department-crews', 'admin')).json().items as { department: string; crews: number }[]).map((c) => [
      c.department,
      c.crews,
    ]),
  );
  const use = new Map<string, number>();
  for (const r of rows)
    for (let d = r.start; d < r.end; d++) use.set(`${r.department}/${d}`, (use.get(`${r.department}/${d}`) ?? 0) + r.crews);
  for (const [key, n] of use) if (n > crews.get(key.split('/')[0]!)!) out.push(`${key}: ${n} crews`);
  const year = Number(startsOn.slice(0, 4));
  const stops = (await t.call('GET', `/api/v1/blackouts?year=${year}`, 'admin')).json().items as {
    compoundId: string | null;
    fromDate: string;
    toDate: string;
  }[];
  for (const r of rows)
    for (const b of stops)
      if (b.compoundId === null || b.compoundId === r.compoundId) {
        if (r.startDate >= b.fromDate && r.startDate <= b.toDate) out.push(`${r.kind} in ${r.compoundId} starts in a blackout`);
      }
  return out;
}

describe('the demo year, coordinated', () => {
  let first: Awaited<ReturnType<typeof schedule>>;

  it('gives every compound exactly one ground-opening window, and reports the baseline’s repeated excavations', async () => {
    first = await schedule({ year: PLAN_YEAR });
    const { s, rows } = first;
    expect(s.status).toBe('done');
    const groundCompounds = new Set(rows.filter((r) => r.opensGround).map((r) => r.compoundId));
    expect(groundCompounds.size).toBeGreaterThanOrEqual(60);
    expect(new Set(rows.map((r) => r.department)).size).toBeGreaterThanOrEqual(8);
    expect(s.coordinated.windows).toHaveLength(groundCompounds.size);
    expect(s.coordinated.windows.every((w: { excavations: number }) => w.excavations === 1)).toBe(true);
    expect(s.baseline.repeatedExcavations).toBeGreaterThan(0);
    expect(s.comparison.repeatedExcavationsAvoided).toBe(s.baseline.repeatedExcavations);
    expect(s.comparison.disturbanceDaysSaved).toBeGreaterThan(0);
    expect(await violations(rows, s.startsOn)).toEqual([]);
  });

  it('re-plans after a slip with started packages fixed, nothing else before today, and tells the liaisons what moved', async () => {
    const { s, rows } = first;
    const sorted = [...rows].sort((a, b) => a.start - b.start);
    const started = sorted[0]!;
    const slipped = sorted.find((r) => r.start > 20 && r.department !== started.department)!;
    expect((await t.call('PATCH', `/api/v1/work-packages/${started.packageId}`, 'admin', { status: 'started' })).statusCode).toBe(422);
    const mark = await t.call('PATCH', `/api/v1/work-packages/${started.packageId}`, 'admin', {
      status: 'started',
      startedOn: started.startDate,
    });
    expect(mark.statusCode, mark.body).toBe(200);
    await t.call('PATCH', `/api/v1/work-packages/${slipped.packageId}`, 'admin', { durationDays: slipped.durationDays + 10 });
    const today = sorted.find((r) => r.start >= 10)!.startDate;
    const next = await schedule({ today }, `/api/v1/schedules/${s.id}/replan`);
    expect(next.s).toMatchObject({ status: 'done', replanOf: s.id });
    const byId = new Map(next.rows.map((r) => [r.packageId, r]));
    expect(byId.get(started.packageId)!.start).toBe(started.start);
    expect(byId.get(slipped.packageId)!.end - byId.get(slipped.packageId)!.start).toBe(slipped.durationDays + 10);
    expect(next.rows.filter((r) => r.packageId !== started.packageId && r.start < next.s.today)).toEqual([]);
    expect(await violations(next.rows, next.s.startsOn)).toEqual([]);
    const moved = next.rows.filter((r) => r.start !== rows.find((x) => x.packageId === r.packageId)!.start);
    // The notices follow from the timetable's `schedule_finished` event.
    await t.settled();
    const notices = (await t.call('GET', '/api/v1/package-notices', 'power')).json().items as { department: string; scheduleId: string }[];
    expect(notices.every((n) => n.department === 'power')).toBe(true);
    expect(notices.filter((n) => n.scheduleId === next.s.id)).toHaveLength(moved.filter((r) => r.department === 'power').length);
    // A notice is kept by code and read in the reader's language: the kind of work in words, never its code.
    const headers = { ...(await t.as('power')), 'accept-language': 'zh-CN' };
    const zh = (await t.app.inject({ url: '/api/v1/package-notices', headers })).json().items as {
      scheduleId: string;
      code: string;
      message: string;
    }[];
    const ours = zh.filter((n) => n.scheduleId === next.s.id);
    expect(ours.length).toBeGreaterThan(0);
    for (const n of ours) {
      expect(n.code).toBe('coordination.package_moved');
      expect(n.message).toMatch(/^.+ · 电力：\d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2}$/);
    }
  });

  it('exports the timetable as .xlsx and a department’s packages as iCalendar', async () => {
    const { s, rows } = first;
    const xlsx = await t.app.inject({ url: `/api/v1/schedules/${s.id}/export.xlsx`, headers: await t.as('admin') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('小区 Compound');
    expect(sheet.rowCount).toBe(rows.length + 1);
    const ics = await t.app.inject({ url: `/api/v1/schedules/${s.id}/calendar.ics?department=power`, headers: await t.as('power') });
    expect(ics.headers['content-type']).toMatch(/text\/calendar/);
    expect(ics.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.body.match(/BEGIN:VEVENT/g)).toHaveLength(rows.filter((r) => r.department === 'power').length);
    expect(ics.body).toMatch(/DTSTART;VALUE=DATE:\d{8}\r\n/);
    expect(
      (await t.app.inject({ url: `/api/v1/schedules/${s.id}/calendar.ics?department=water`, headers: await t.as('power') })).statusCode,
    ).toBe(403);
  });
});

describe('department liaisons', () => {
  it('see and change only their own department’s packages (404 for any other)', async () => {
    const list = async (who: string, department = '') =>
      (await t.call('GET', `/api/v1/work-packages?year=${PLAN_YEAR}&limit=500${department && `&department=${department}`}`, who)).json()
        .items as { id: string; department: string; projectId: string }[];
    const mine = await list('power');
    expect(mine.map((p) => p.id).sort()).toEqual((await list('admin', 'power')).map((p) => p.id).sort());
    expect(mine.every((p) => p.department === 'power')).toBe(true);
    expect(await list('power', 'water')).toEqual([]);
    const water = (await list('admin', 'water'))[0]!;
    expect((await t.call('PATCH', `/api/v1/work-packages/${water.id}`, 'power', { durationDays: 3 })).statusCode).toBe(404);
    const ofProject = (await t.call('GET', `/api/v1/projects/${water.projectId}/work-packages`, 'power')).json().items as {
      department: string;
    }[];
    expect(ofProject.every((p) => p.department === 'power')).toBe(true);
    const power = mine[0]!;
    expect((await t.call('PATCH', `/api/v1/work-packages/${power.id}`, 'power', { crews: 1 })).statusCode).toBe(200);
  });

  it('are offered the years with their own department’s packages, as the city sees every year with packages', async () => {
    const years = async (who: string) => (await t.call('GET', '/api/v1/work-packages/years', who)).json().years as number[];
    const { rows } = await t.ctx.database.pool.query<{ year: number }>(`select distinct year from work_packages order by year desc`);
    expect(await years('admin')).toEqual(rows.map((r) => r.year));
    expect(await years('admin')).toContain(PLAN_YEAR);
    const { rows: own } = await t.ctx.database.pool.query<{ year: number }>(
      `select distinct year from work_packages where department = 'power' order by year desc`,
    );
    expect(await years('power')).toEqual(own.map((r) => r.year));
    expect((await t.call('GET', '/api/v1/work-packages/years?division=3301', 'admin')).statusCode).toBe(400);
  });
});

describe('bad input', () => {
  it('refuses a precedence rule that closes a cycle, naming the field', async () => {
    const res = await t.call('POST', '/api/v1/precedence-rules', 'admin', { beforeKind: 'roads', afterKind: 'water', lagDays: 0 });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'body.afterKind', message: 'closes a cycle' });
  });

  it('explains a package that needs more crews than its department has', async () => {
    const pkg = (await t.call('GET', `/api/v1/work-packages?year=${PLAN_YEAR}&department=civil_affairs&limit=1`, 'admin')).json().items[0];
    await t.call('PATCH', `/api/v1/work-packages/${pkg.id}`, 'admin', { crews: 5 });
    const res = await t.call('POST', '/api/v1/schedules', 'admin', { year: PLAN_YEAR });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain(pkg.compoundName);
    await t.call('PATCH', `/api/v1/work-packages/${pkg.id}`, 'admin', { crews: 1 });
  });
});

describe('the annual plan review', () => {
  it('is fixed only when housing, development-and-reform and finance approve every project', async () => {
    const view = (await t.call('GET', `/api/v1/annual-plans/${PLAN_YEAR}/reviews?division=330105`, 'admin')).json();
    expect(view.fixed).toBe(false);
    const p = view.items[0];
    expect(
      (await t.call('POST', `/api/v1/projects/${p.projectId}/plan-reviews`, 'admin', { department: 'finance', decision: 'return' }))
        .statusCode,
    ).toBe(422);
    expect(
      (await t.call('POST', `/api/v1/projects/${p.projectId}/plan-reviews`, 'power', { department: 'finance', decision: 'approve' }))
        .statusCode,
    ).toBe(403);
    for (const item of view.items)
      for (const department of ['housing', 'development_reform', 'finance'])
        await t.call('POST', `/api/v1/projects/${item.projectId}/plan-reviews`, 'admin', { department, decision: 'approve' });
    expect((await t.call('GET', `/api/v1/annual-plans/${PLAN_YEAR}/reviews?division=330105`, 'admin')).json().fixed).toBe(true);
    await t.call('POST', `/api/v1/projects/${p.projectId}/plan-reviews`, 'admin', {
      department: 'finance',
      decision: 'return',
      comments: '资金来源待落实',
    });
    const after = (await t.call('GET', `/api/v1/annual-plans/${PLAN_YEAR}/reviews?division=330105`, 'admin')).json();
    expect(after.fixed).toBe(false);
    expect(after.items.find((i: { projectId: string }) => i.projectId === p.projectId)).toMatchObject({
      status: 'returned',
      decisions: { finance: { comments: '资金来源待落实' } },
    });
  });
});
