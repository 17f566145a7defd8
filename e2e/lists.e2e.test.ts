// Issue 16, acceptance 5 in a real browser: the project and compound lists show their total (the server's, for the
// filters), sort by a click on a column title (the server sorts; the address keeps it), the project list filters
// by district and subdistrict and shows each project's district, subdistrict and compounds, and each table has
// exactly one export button.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, pick, signIn } from './support.ts';

const suite = browserSuite();

/** The numbers in a column's cells (data-value, else the text without grouping), in the order shown. */
const values = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll((els) => els.map((e) => Number((e.getAttribute('data-value') ?? e.textContent ?? '').replace(/,/g, ''))));

const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! <= x);
const descending = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! >= x);

async function total(page: Page, testId: string) {
  const el = page.getByTestId(`${testId}-total`);
  await el.waitFor();
  return { value: Number(await el.getAttribute('data-total')), text: await el.textContent() };
}

describe('the project list', () => {
  it('shows its total, filters by district and subdistrict, names where each project is, and sorts by a column', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'admin');
    await page.goto(`${suite.url()}/projects`);
    await page.getByTestId('project-link').first().waitFor();
    const all = await apiCall<{ total: number }>(page, 'GET', '/projects?limit=1');
    await expect.poll(async () => (await total(page, 'project-table')).value).toBe(all.total);
    expect((await total(page, 'project-table')).text).toBe(`共 ${all.total} 条`);
    // One export button for the table.
    expect(await page.locator('[data-testid="projects-page"] [data-testid$="-export"]').count()).toBe(1);

    // District: 拱墅区; the total follows the server's for that division, and every row says 拱墅区.
    await pick(page, 'project-filter-district', '拱墅');
    await page.waitForURL(/division=330105(&|$)/);
    const gongshu = await apiCall<{ total: number }>(page, 'GET', '/projects?limit=1&division=330105');
    await expect.poll(async () => (await total(page, 'project-table')).value).toBe(gongshu.total);
    expect(gongshu.total).toBeLessThan(all.total);
    await expect.poll(async () => new Set(await page.getByTestId('project-district').allTextContents())).toEqual(new Set(['拱墅区']));

    // Subdistrict: 和睦街道.
    await pick(page, 'project-filter-subdistrict', '和睦');
    await page.waitForURL(/division=330105004(&|$)/);
    const hemu = await apiCall<{ total: number; items: { compoundNames: string[] }[] }>(
      page,
      'GET',
      '/projects?limit=500&division=330105004',
    );
    await expect.poll(async () => (await total(page, 'project-table')).value).toBe(hemu.total);
    await expect
      .poll(async () => (await page.getByTestId('project-subdistrict').allTextContents()).every((s) => s.includes('和睦街道')))
      .toBe(true);
    // Each row names its compounds, which tell same-name projects apart.
    expect(await page.getByTestId('project-compounds').first().textContent()).toBe(hemu.items[0]!.compoundNames.join('、'));

    // Sort by floor area: ascending, then descending; the address keeps the sort and the total stays.
    const header = page.locator('[data-testid="project-table"] th', { hasText: '建筑面积' });
    await header.click();
    await page.waitForURL(/sort=floorAreaM2&order=asc/);
    await expect.poll(async () => ascending(await values(page, '[data-testid="project-floor-area"]'))).toBe(true);
    await header.click();
    await page.waitForURL(/sort=floorAreaM2&order=desc/);
    await expect.poll(async () => descending(await values(page, '[data-testid="project-floor-area"]'))).toBe(true);
    const areas = await values(page, '[data-testid="project-floor-area"]');
    expect(areas[0]).toBeGreaterThan(areas[areas.length - 1]!);
    expect((await total(page, 'project-table')).value).toBe(hemu.total);
    await page.screenshot({ path: 'test-results/lists-projects.png', fullPage: true });
  });
});

describe('the compound list', () => {
  it('shows its total and sorts by households on the server', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'admin');
    await page.goto(`${suite.url()}/registry`);
    await page.getByTestId('compound-link').first().waitFor();
    const all = await apiCall<{ total: number }>(page, 'GET', '/compounds?limit=1');
    await expect.poll(async () => (await total(page, 'compound-table')).value).toBe(all.total);
    expect(await page.locator('[data-testid$="-export"]').count()).toBe(1);

    const header = page.locator('[data-testid="compound-table"] th', { hasText: '户数' });
    await header.click();
    await page.waitForURL(/sort=households&order=asc/);
    // The second click goes to the header of the sorted page, not to one the first answer is about to replace.
    await expect.poll(() => page.locator('[data-testid="compound-table"] th[aria-sort="ascending"]').count()).toBe(1);
    await page.getByTestId('compound-link').first().waitFor();
    await header.click();
    await page.waitForURL(/sort=households&order=desc/);
    // The first page is the largest compounds of the whole list (sorted by the server, not within the page).
    const top = await apiCall<{ items: { name: string; households: number }[] }>(
      page,
      'GET',
      '/compounds?limit=3&sort=households&order=desc',
    );
    await expect.poll(() => page.getByTestId('compound-link').first().textContent()).toBe(top.items[0]!.name);
    const shown = await page.locator('[data-testid="compound-table"] tbody tr td:nth-child(5)').allTextContents();
    expect(descending(shown.filter((s) => /\d/.test(s)).map((s) => Number(s.replace(/,/g, ''))))).toBe(true);
    expect((await total(page, 'compound-table')).value).toBe(all.total);
    await page.screenshot({ path: 'test-results/lists-compounds.png', fullPage: true });
  });
});

describe('the compound page', () => {
  it('links to the projects that renovate it, and from each to its ballots and surveys and its work packages', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'admin');
    const [compound] = (
      await apiCall<{ items: { id: string; communityCode: string }[] }>(page, 'GET', '/compounds?division=330105004&limit=1')
    ).items;
    const project = await apiCall<{ id: string }>(page, 'POST', '/projects', {
      name: '小区页链接（浏览器测试）',
      year: 2027,
      compoundIds: [compound!.id],
    });
    await page.goto(`${suite.url()}/compounds/${compound!.id}`);
    const mine = page.locator(`[data-testid="compound-project"][data-project-id="${project.id}"]`);
    await mine.waitFor();
    expect(await mine.textContent()).toContain('2027 年度');
    expect(await mine.getByTestId('compound-project-packages').getAttribute('href')).toBe(
      `/coordination?division=${compound!.communityCode}&year=2027&tab=packages`,
    );
    await mine.getByTestId('compound-project-participation').click();
    await page.waitForURL(new RegExp(`/projects/${project.id}\\?tab=participation$`));
    await page.getByTestId('project-tabs').waitFor();
    expect(await page.locator('[data-testid="project-tabs"] .ant-tabs-tab-active').textContent()).toBe('居民参与');
  });
});
