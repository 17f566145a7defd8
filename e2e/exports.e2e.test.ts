// Table exports in a real browser, as the city admin: the registry's compound list (a cursor
// list longer than one page), a project's approval steps and the 2022 work packages each download
// an .xlsx built in the browser. Read back with exceljs, its header row is the table's column
// titles and it has one row per item the API lists — for the cursor lists, every page of them.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { apiCall, browserSuite, openCoordination, signIn as signInAs } from './support.ts';

const suite = browserSuite();
const signIn = (username: string) => signInAs(suite.browser(), suite.url(), username, { acceptDownloads: true });
const apiGet = <T>(page: Page, path: string) => apiCall<T>(page, 'GET', path);

const YEAR = 2022;

/** Every item of a cursor list, following nextCursor to the end. */
async function listAll(page: Page, path: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const query: string = `${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res: { items: unknown[]; nextCursor: string | null } = await apiGet(page, query);
    items.push(...res.items);
    cursor = res.nextCursor;
  } while (cursor);
  return items;
}

/** The table's column titles as shown (antd adds an empty header cell over its scrollbar). */
async function columnTitles(table: Locator): Promise<string[]> {
  const titles = await table.locator('thead th').evaluateAll((ths) => ths.map((th) => (th.textContent ?? '').trim()));
  return titles.filter(Boolean);
}

/** Clicks the export button, and reads the downloaded workbook's first sheet. */
async function download(page: Page, testId: string): Promise<{ name: string; header: string[]; rows: number; sheet: ExcelJS.Worksheet }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const bytes = await readFile((await file.path())!);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  expect(sheet.getRow(1).font?.bold).toBe(true);
  return { name: file.suggestedFilename(), header, rows: sheet.actualRowCount - 1, sheet };
}

describe('table exports', () => {
  it('exports every page of the compound list', async () => {
    const page = await signIn('admin');
    await page.goto(`${suite.url()}/registry`);
    const table = page.getByTestId('compound-table');
    await table.locator('[data-testid="compound-link"]').first().waitFor();
    const all = (await listAll(page, '/compounds')) as { name: string; yearBuilt: number; households: number }[];
    // More compounds than one page: the export has to fetch the rest.
    expect(all.length).toBeGreaterThan(await table.locator('[data-testid="compound-link"]').count());
    await page.getByTestId('load-more').waitFor();

    const xlsx = await download(page, 'compound-table-export');
    expect(xlsx.name).toBe('小区列表.xlsx');
    expect(xlsx.header).toEqual(await columnTitles(table));
    expect(xlsx.rows).toBe(all.length);
    // Cells are the screen's texts, and its numbers stay numbers.
    const first = xlsx.sheet.getRow(2).values as unknown[];
    expect(first[1]).toBe(all[0]!.name);
    expect(first[3]).toBe(all[0]!.yearBuilt);
    expect(first[5]).toBe(all[0]!.households);
    // The pages fetched for the export are on screen too.
    await expect.poll(() => table.locator('[data-testid="compound-link"]').count()).toBe(all.length);
    await page.context().close();
  });

  it("exports a project's approval steps without the actions column", async () => {
    const page = await signIn('admin');
    const { items } = await apiGet<{ items: { id: string }[] }>(page, '/projects?limit=1');
    const project = items[0]!;
    const approvals = await apiGet<{ steps: unknown[] }>(page, `/projects/${project.id}/approvals`);
    await page.goto(`${suite.url()}/projects/${project.id}?tab=approvals`);
    const card = page.getByTestId('approval-steps');
    await card.locator('[data-testid="approval-step"]').first().waitFor();

    const xlsx = await download(page, 'approval-steps-export');
    // The actions column (buttons) is not data; every other title is the sheet's header.
    const titles = (await columnTitles(card)).filter((title) => title !== '操作');
    expect(xlsx.header).toEqual(titles);
    expect(xlsx.rows).toBe(approvals.steps.length);
    await page.context().close();
  });

  it("exports every page of the year's work packages", async () => {
    const page = await signIn('admin');
    const division = await openCoordination(page, YEAR);
    await page.getByTestId('tab-packages').click();
    const table = page.getByTestId('packages-table');
    await table.locator('[data-testid="package-department"]').first().waitFor();
    const all = await listAll(page, `/work-packages?year=${YEAR}&division=${division}`);
    expect(all.length).toBeGreaterThan(0);

    const xlsx = await download(page, 'packages-table-export');
    expect(xlsx.header).toEqual((await columnTitles(table)).filter((title) => title !== '操作'));
    expect(xlsx.rows).toBe(all.length);
    await page.context().close();
  });
});
