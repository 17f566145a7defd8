// The overview (总览) in a real browser, as the city admin: the KPI cards show the API's figures, the
// three ECharts canvases have drawn, clicking bars drills from the city through 拱墅区 and 和睦街道 to a
// community and on to a compound's page, and the wall display (大屏) fills the viewport.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, signIn } from './support.ts';

const suite = browserSuite();

const DISTRICT = '330105'; // 拱墅区
const SUBDISTRICT = '330105004'; // 和睦街道

interface Overview {
  division: string;
  level: string;
  compounds: number;
  households: number;
  floorAreaM2: string;
  fundingFen: Record<string, number>;
  byStage: Record<string, number>;
  years: number[];
  support: { rate: string | null; percent: string | null };
  satisfaction: { rate: string | null; percent: string | null };
}
interface Division {
  code: string;
  name: string;
}

/** Pixels of a chart's canvas(es) that are not fully transparent. */
async function drawnPixels(page: Page, testId: string): Promise<number> {
  return page.evaluate((id) => {
    let count = 0;
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>(`[data-testid="${id}"] canvas`)) {
      const ctx = canvas.getContext('2d');
      if (!ctx || canvas.width === 0 || canvas.height === 0) continue;
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) count++;
    }
    return count;
  }, testId);
}

/** Clicks the children chart's bar for `index` on the canvas, where the chart says the bar is drawn. */
async function clickBar(page: Page, index: number, chartId = 'chart-children'): Promise<void> {
  const chart = page.getByTestId(chartId);
  await expect.poll(() => chart.getAttribute('data-bars'), { timeout: 15_000 }).toBeTruthy();
  const bars = JSON.parse((await chart.getAttribute('data-bars'))!) as { i: number; x: number; y: number }[];
  const bar = bars.find((b) => b.i === index);
  expect(bar, `bar ${index}`).toBeTruthy();
  await chart.click({ position: { x: bar!.x, y: bar!.y } });
}

/** Waits for the overview of `division` and its three charts to be drawn. */
async function overviewShown(page: Page, division: string, charts = ['chart-funding', 'chart-stages', 'chart-children']) {
  await page.waitForURL(new RegExp(`/overview/${division}(\\?|$)`));
  const root = page.getByTestId('overview-page');
  await expect.poll(() => root.getAttribute('data-division')).toBe(division);
  await page.getByTestId('overview-kpis').waitFor();
  for (const id of charts) await chartDrawn(page, id);
}

/** Waits until a chart's animation has settled and its canvas shows a fair number of drawn pixels. */
async function chartDrawn(page: Page, id: string) {
  await page.getByTestId(id).locator('canvas').first().waitFor();
  await expect.poll(() => page.getByTestId(id).getAttribute('data-rendered'), { timeout: 15_000 }).toBe('true');
  await expect.poll(() => drawnPixels(page, id), { timeout: 15_000 }).toBeGreaterThan(2_000);
}

describe('overview UI', () => {
  it('shows the city figures, drills down to a compound and fills the screen on the wall', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'admin');

    // The first menu entry is the home (工作台), the next the overview; it opens on the admin's own scope, the city.
    expect(await page.getByRole('menuitem').first().textContent()).toContain('工作台');
    const first = page.getByRole('menuitem').nth(1);
    expect(await first.textContent()).toContain('总览');
    await first.click();
    await page.waitForURL(/\/overview\/\d{6}/);
    const city = await page.getByTestId('overview-page').getAttribute('data-division');
    expect(city).toBe('330100');
    await overviewShown(page, city!);

    // KPIs equal the API's figures (total funding exactly, in fen and as 万元).
    const api = await apiCall<Overview>(page, 'GET', `/stats/overview?division=${city}`);
    expect(api.compounds).toBeGreaterThan(0);
    expect(await page.getByTestId('kpi-compounds').getAttribute('data-value')).toBe(String(api.compounds));
    expect(await page.getByTestId('kpi-households').getAttribute('data-value')).toBe(String(api.households));
    expect(await page.getByTestId('kpi-floorArea').getAttribute('data-value')).toBe(api.floorAreaM2);
    const fundFen = Object.values(api.fundingFen).reduce((a, b) => a + BigInt(b), 0n);
    expect(await page.getByTestId('kpi-funding').getAttribute('data-value')).toBe(String(fundFen));
    const wan = (fundFen * 100n + 500_000n) / 1_000_000n;
    const wanText = `${String(wan / 100n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(wan % 100n).padStart(2, '0')}`;
    expect(await page.getByTestId('kpi-funding-value').textContent()).toBe(wanText);
    expect((await page.getByTestId('kpi-households-value').textContent())!.replace(/,/g, '')).toBe(String(api.households));
    // Support and satisfaction rates: the exact fraction behind the card, the percentage on it.
    expect(api.support.rate).toMatch(/^\d+\/\d+$/);
    expect(await page.getByTestId('kpi-support').getAttribute('data-value')).toBe(api.support.rate);
    expect(await page.getByTestId('kpi-support-value').textContent()).toBe(api.support.percent);
    expect(await page.getByTestId('kpi-satisfaction').getAttribute('data-value')).toBe(api.satisfaction.rate);
    expect(await page.getByTestId('kpi-satisfaction-value').textContent()).toBe(api.satisfaction.percent);
    await page.screenshot({ path: 'test-results/overview-city.png', fullPage: true });

    // A year: the figures follow the API's for that year.
    await page.getByTestId('overview-year').click();
    // The selector offers all years and each year the city has projects in, from the overview's `years`.
    expect(api.years.length).toBeGreaterThan(1);
    await expect
      .poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents())
      .toEqual(['全部年度', ...api.years.map((y) => `${y} 年`)]);
    await page.locator('.ant-select-item-option', { hasText: '2021' }).click();
    await page.waitForURL(/year=2021/);
    const api2021 = await apiCall<Overview>(page, 'GET', `/stats/overview?division=${city}&year=2021`);
    await expect.poll(() => page.getByTestId('kpi-compounds').getAttribute('data-value')).toBe(String(api2021.compounds));
    await page.getByTestId('overview-year').click();
    await page.locator('.ant-select-item-option', { hasText: '全部年度' }).click();
    await expect.poll(() => page.getByTestId('overview-page').getAttribute('data-year')).toBe('');

    // Drill down by clicking bars on the canvas: the city → 拱墅区 → 和睦街道 → its first community.
    const districts = await apiCall<{ items: Division[] }>(page, 'GET', `/divisions?parent=${city}`);
    await clickBar(
      page,
      districts.items.findIndex((d) => d.code === DISTRICT),
    );
    await overviewShown(page, DISTRICT);
    const subdistricts = await apiCall<{ items: Division[] }>(page, 'GET', `/divisions?parent=${DISTRICT}`);
    await clickBar(
      page,
      subdistricts.items.findIndex((d) => d.code === SUBDISTRICT),
    );
    await overviewShown(page, SUBDISTRICT);
    const crumbs = await page.getByTestId('overview-crumb').allTextContents();
    expect(crumbs.slice(-2)).toEqual(['拱墅区', '和睦街道']);
    await page.screenshot({ path: 'test-results/overview-subdistrict.png', fullPage: true });

    // A community of 和睦 with compounds (the first one that has any).
    const communities = await apiCall<{ items: Division[] }>(page, 'GET', `/divisions?parent=${SUBDISTRICT}`);
    let index = -1;
    for (const [i, c] of communities.items.entries()) {
      const compounds = await apiCall<{ items: unknown[] }>(page, 'GET', `/compounds?division=${c.code}&limit=1`);
      if (compounds.items.length) {
        index = i;
        break;
      }
    }
    expect(index).toBeGreaterThanOrEqual(0);
    const community = communities.items[index]!;
    await clickBar(page, index);
    await page.waitForURL(new RegExp(`/overview/${community.code}`));
    await expect.poll(() => page.getByTestId('overview-page').getAttribute('data-level')).toBe('community');
    const links = page.getByTestId('overview-compound-link');
    await links.first().waitFor();
    await page.screenshot({ path: 'test-results/overview-community.png', fullPage: true });
    const name = await links.first().textContent();
    await links.first().click();
    await page.waitForURL(/\/compounds\/[0-9a-f-]{36}$/);
    await page.getByText(name!).first().waitFor();

    // The wall display of the city: outside the shell, as large as the viewport, charts drawn.
    await page.goto(`${suite.url()}/overview/${city}`);
    await overviewShown(page, city!);
    await page.getByTestId('overview-wall').click();
    await page.waitForURL(new RegExp(`/overview/${city}/wall`));
    const wall = page.getByTestId('overview-wall');
    await wall.waitFor();
    // The wall's page is loaded lazily: until it replaces the shell, the shell (and its wall button) is still there.
    await expect.poll(() => page.getByTestId('current-user').count()).toBe(0);
    for (const id of ['wall-chart-funding', 'wall-chart-stages', 'wall-chart-children']) await chartDrawn(page, id);
    const viewport = page.viewportSize()!;
    const box = (await wall.boundingBox())!;
    expect(box).toEqual({ x: 0, y: 0, width: viewport.width, height: viewport.height });
    expect(await page.getByTestId('kpi-compounds').getAttribute('data-value')).toBe(String(api.compounds));
    await page.screenshot({ path: 'test-results/overview-wall.png' });

    // Resized (a different screen): still exactly the viewport, charts follow.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(async () => (await wall.boundingBox())!.width).toBe(1920);
    expect(await wall.boundingBox()).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    await expect
      .poll(() =>
        page
          .getByTestId('wall-chart-funding')
          .locator('canvas')
          .first()
          .evaluate((c) => c.getBoundingClientRect().height),
      )
      .toBeGreaterThan(300);
    // Full screen on a click where the browser allows it; the page stays usable either way.
    await page.getByTestId('wall-fullscreen').click();
    await page.screenshot({ path: 'test-results/overview-wall-1080p.png' });
    await page.getByTestId('wall-exit').click();
    await page.waitForURL(new RegExp(`/overview/${city}$`));
    await page.getByTestId('current-user').waitFor();
  });
});

describe('overview within a narrower scope', () => {
  it("opens on the officer's own subdistrict and answers not-found above it", async () => {
    const page = await signIn(suite.browser(), suite.url(), 'hemu');
    await page.goto(`${suite.url()}/overview`);
    await overviewShown(page, SUBDISTRICT);
    // The breadcrumb starts at the officer's scope.
    expect(await page.getByTestId('overview-crumb').allTextContents()).toEqual(['和睦街道']);
    const api = await apiCall<Overview>(page, 'GET', `/stats/overview?division=${SUBDISTRICT}&year=2022`);
    await page.goto(`${suite.url()}/overview/${SUBDISTRICT}?year=2022`);
    await expect.poll(() => page.getByTestId('kpi-households').getAttribute('data-value')).toBe(String(api.households));
    // The city is outside the scope: a 404 from the API, shown as not found.
    await page.goto(`${suite.url()}/overview/330100`);
    await page.getByTestId('overview-not-found').waitFor();
    await page.screenshot({ path: 'test-results/overview-not-found.png' });
  });
});
