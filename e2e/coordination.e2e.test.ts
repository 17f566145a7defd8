// Renovate once (综合改一次) in a real browser. As the city admin: make the demo year's (2022)
// timetable for the city (or open the one there is), see the Gantt chart drawn on its canvas,
// check from the API that every compound opens the ground exactly once in the coordinated plan,
// and export the timetable as .xlsx (a zip exceljs reads, with its header row) and the power
// department's packages as .ics. As the power company's liaison: the work packages are power's only.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, openCoordination, signIn as signInAs } from './support.ts';

const suite = browserSuite();
const signIn = (username: string) => signInAs(suite.browser(), suite.url(), username, { acceptDownloads: true });
const apiGet = <T>(page: Page, path: string) => apiCall<T>(page, 'GET', path);

const YEAR = 2022;

interface Window {
  compoundId: string;
  excavations: number;
}
interface Schedule {
  id: string;
  status: string;
  division: string;
  coordinated: { windows: Window[]; repeatedExcavations: number } | null;
  baseline: { windows: Window[] } | null;
}
interface ScheduledPackage {
  compoundId: string;
  compoundName: string;
  department: string;
  opensGround: boolean;
  durationDays: number;
}

/** Pixels of the chart's canvas(es) that are not fully transparent. */
async function drawnPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    let count = 0;
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>('[data-testid="gantt-chart"] canvas')) {
      const ctx = canvas.getContext('2d');
      if (!ctx || canvas.width === 0 || canvas.height === 0) continue;
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) count++;
    }
    return count;
  });
}

describe('renovate once UI', () => {
  it('makes the 2022 timetable, draws its Gantt chart and exports .xlsx and .ics', async () => {
    const page = await signIn('admin');
    const division = await openCoordination(page, YEAR);

    // The city's timetable for the year: open a finished one, else make it.
    const existing = await apiGet<{ items: { id: string; status: string }[] }>(page, `/schedules?year=${YEAR}&division=${division}`);
    const done = existing.items.find((s) => s.status === 'done');
    if (done) {
      await page.locator(`[data-testid="schedule-row"][data-id="${done.id}"] [data-testid="schedule-link"]`).click();
    } else {
      await page.getByTestId('make-timetable').click();
      const job = page.getByTestId('timetable-job');
      await expect.poll(() => job.getAttribute('data-phase'), { timeout: 180_000, interval: 1000 }).not.toBe('running');
      expect(await job.getAttribute('data-phase')).toBe('succeeded');
      await page.getByTestId('timetable-job-open').click();
    }
    await page.waitForURL(/\/coordination\/schedules\/[0-9a-f-]{36}$/);
    const scheduleId = page.url().split('/').pop()!;
    const schedulePage = page.getByTestId('schedule-page');
    await expect.poll(() => schedulePage.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');

    // The Gantt chart has drawn on its canvas.
    const chart = page.getByTestId('gantt-chart');
    await chart.locator('canvas').first().waitFor();
    await expect.poll(() => drawnPixels(page), { timeout: 15_000 }).toBeGreaterThan(20_000);

    // One disturbance window per compound with ground-opening work, each a single excavation.
    const schedule = await apiGet<Schedule>(page, `/schedules/${scheduleId}`);
    const { items: packages } = await apiGet<{ items: ScheduledPackage[] }>(page, `/schedules/${scheduleId}/packages`);
    expect(packages.length).toBeGreaterThan(0);
    const digging = new Set(packages.filter((p) => p.opensGround && p.durationDays > 0).map((p) => p.compoundId));
    const windows = schedule.coordinated!.windows;
    expect(windows.length).toBe(digging.size);
    expect(new Set(windows.map((w) => w.compoundId))).toEqual(digging);
    for (const w of windows) expect(w.excavations, `compound ${w.compoundId}`).toBe(1);
    expect(schedule.coordinated!.repeatedExcavations).toBe(0);
    // …and the chart draws exactly those bands, one row per compound.
    expect(Number(await chart.getAttribute('data-bands'))).toBe(digging.size);
    expect(Number(await chart.getAttribute('data-rows'))).toBe(new Set(packages.map((p) => p.compoundId)).size);
    expect(Number(await chart.getAttribute('data-bars'))).toBe(packages.length);
    await page.getByTestId('schedule-stats').waitFor();
    await page.screenshot({ path: 'test-results/coordination-gantt.png', fullPage: true });

    // The baseline toggle redraws the departments-alone plan.
    await page.getByTestId('gantt-plan').getByText('各自施工（对照）').click();
    await expect.poll(() => chart.getAttribute('data-bands')).toBe(String(schedule.baseline!.windows.length));
    await page.getByTestId('gantt-plan').getByText('统一编排').click();

    // Rows by department: every bar says its compound (the row already names the department).
    await page.getByTestId('gantt-rows').getByText('按部门').click();
    await expect.poll(() => chart.getAttribute('data-rows')).toBe(String(new Set(packages.map((p) => p.department)).size));
    expect(Number(await chart.getAttribute('data-labels'))).toBe(new Set(packages.map((p) => p.compoundName)).size);
    await page.getByTestId('gantt-rows').getByText('按小区').click();

    // Export .xlsx: a zip (PK…) that exceljs reads, with the expected header row.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = await readFile((await xlsx.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toEqual([
      '小区 Compound',
      '工程 Kind',
      '部门 Department',
      '动土 Opens ground',
      '工日 Days',
      '班组 Crews',
      '开始 Start',
      '结束 End',
      '各自安排开始 Alone start',
      '各自安排结束 Alone end',
      '状态 Status',
    ]);
    expect(sheet.actualRowCount).toBe(packages.length + 1);

    // Export .ics for the power department.
    await page.getByTestId('export-ics').click();
    const [ics] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ics-power').click()]);
    expect(ics.suggestedFilename()).toMatch(/\.ics$/);
    const calendar = await readFile((await ics.path())!, 'utf8');
    expect(calendar.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(calendar).toContain('BEGIN:VEVENT');
    const events = calendar.split('BEGIN:VEVENT').length - 1;
    expect(events).toBe(packages.filter((p) => p.department === 'power').length);
    await page.context().close();
  }, 300_000);

  it("shows a department liaison only their own department's work packages", async () => {
    const page = await signIn('power');
    await page.getByRole('menuitem', { name: /综合改一次/ }).click();
    await page.waitForURL(/\/coordination$/);
    await page.getByTestId('tab-packages').click();
    const table = page.getByTestId('packages-table');
    await table.locator('[data-testid="package-department"]').first().waitFor();
    const departments = await table
      .locator('[data-testid="package-department"]')
      .evaluateAll((tags) => tags.map((t) => t.getAttribute('data-department')));
    expect(departments.length).toBeGreaterThan(0);
    expect(new Set(departments)).toEqual(new Set(['power']));
    // No department filter: the liaison could not use it.
    expect(await page.getByTestId('packages-department').count()).toBe(0);
    // The API agrees: every package the liaison may see is power's.
    const listed = await apiGet<{ items: { department: string }[] }>(page, `/work-packages?year=${YEAR}&limit=200`);
    expect(listed.items.length).toBeGreaterThan(0);
    expect(listed.items.every((p) => p.department === 'power')).toBe(true);
    await page.screenshot({ path: 'test-results/coordination-packages-power.png', fullPage: true });
    await page.context().close();
  });
});
