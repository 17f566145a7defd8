// Issue 16, acceptance 3 and 4 in a real browser: an implausible outcome is refused in the outcomes dialog with the
// rule named in Chinese (and the overview does not move); the wall display at 1440×900 and 1920×1080 shows every KPI
// whole (no text wider than its box, no card off screen), even with figures in the 亿, marks a figure that changed
// sharply since last month, and its 数据截至 time advances as it refreshes itself (?refresh=1).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, signIn } from './support.ts';

const suite = browserSuite();
const COMMUNITY = '330105004001'; // 和睦社区

interface Overview {
  asOf: string;
  households: number;
  serviceSpaceM2: string;
  floorAreaM2: string;
  changes: { items: { figure: string }[] };
}

/** Its own compound of the given floor area and a project on it, made through the API as the page's account. */
async function compoundProject(page: Page, floorAreaM2: string) {
  const tag = randomBytes(3).toString('hex');
  const compound = await apiCall<{ id: string }>(page, 'POST', '/compounds', {
    name: `核验小区-${tag}`,
    communityCode: COMMUNITY,
    address: `和睦路核验${tag}号`,
    yearBuilt: 1991,
    floorAreaM2,
  });
  return apiCall<{ id: string; name: string }>(page, 'POST', '/projects', {
    name: `核验项目-${tag}`,
    year: 2024,
    compoundIds: [compound.id],
  });
}

const zeroOutcomes = {
  parkingSpacesAdded: 0,
  liftsInstalled: 0,
  liftPositionsReserved: 0,
  barrierFreeAgeFriendlyItems: 0,
  publicServiceSpaceM2: '0.00',
  fitnessSpaceM2: '0.00',
  stateOwnedRoomsM2: '0.00',
};

describe('outcomes a bureau can trust', () => {
  it('refuses 9,999,999,999.99 m² on a 5,000 m² compound in the dialog, naming the rule in Chinese; the overview is unchanged', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'hemu');
    const project = await compoundProject(page, '5000.00');
    const before = await apiCall<Overview>(page, 'GET', '/stats/overview?division=330105004');

    await page.goto(`${suite.url()}/projects/${project.id}?tab=outcomes`);
    await page.getByTestId('tab-outcomes').click();
    await page.getByTestId('outcomes-edit').click();
    await page.locator('input[data-testid="outcome-input-publicServiceSpaceM2"]').fill('9999999999.99');
    await page.getByTestId('outcomes-submit').click();

    const error = page.getByTestId('outcomes-error');
    await error.waitFor();
    expect(await error.getAttribute('data-status')).toBe('422');
    expect(await page.getByTestId('outcomes-error-rule').textContent()).toBe('依据规则：成效面积合理性上限');
    expect(await page.getByTestId('outcomes-error-detail').textContent()).toContain('成效面积合理性上限');
    // The field itself says what is wrong, in Chinese.
    const fieldError = page.locator('.ant-form-item-has-error .ant-form-item-explain-error');
    await expect
      .poll(() => fieldError.allTextContents())
      .toEqual([expect.stringContaining('9,999,999,999.99 平方米超过规则“成效面积合理性上限”')]);
    await page.screenshot({ path: 'test-results/trust-outcomes-refused.png' });

    const after = await apiCall<Overview>(page, 'GET', '/stats/overview?division=330105004');
    expect(after.serviceSpaceM2).toBe(before.serviceSpaceM2);
    expect({ ...after, asOf: null }).toEqual({ ...before, asOf: null });
    expect((await apiCall<{ recorded: boolean }>(page, 'GET', `/projects/${project.id}/outcomes`)).recorded).toBe(false);
  });
});

/** Every KPI's label and figure fit their box, and every card lies inside the viewport. */
async function kpisWhole(page: Page) {
  const report = await page.evaluate(() => {
    const cards = [...document.querySelectorAll<HTMLElement>('[data-testid="overview-kpis"] > [data-testid^="kpi-"]')];
    const clipped: string[] = [];
    for (const card of cards) {
      const id = card.dataset.testid!;
      for (const el of [card, ...card.querySelectorAll<HTMLElement>('*')]) {
        if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') clipped.push(`${id}: ${el.textContent}`);
      }
      const box = card.getBoundingClientRect();
      if (box.left < 0 || box.top < 0 || box.right > innerWidth || box.bottom > innerHeight) clipped.push(`${id}: off screen`);
      const line = card.querySelector<HTMLElement>('[data-testid$="-line"]');
      if (line) {
        const value = line.getBoundingClientRect();
        if (value.right > box.right || value.left < box.left) clipped.push(`${id}: value outside its card`);
        for (const span of line.querySelectorAll('span'))
          if (span.getBoundingClientRect().right > value.right + 1) clipped.push(`${id}: ${span.textContent} cut off`);
        // Whole and still large: a figure shrunk to fit keeps at least half of the wall's type size.
        const figure = card.querySelector<HTMLElement>('[data-testid$="-value"]')!;
        if (parseFloat(getComputedStyle(figure).fontSize) < 14) clipped.push(`${id}: figure shrunk below 14px`);
      }
    }
    return { cards: cards.length, clipped };
  });
  expect(report.cards).toBe(13);
  expect(report.clipped).toEqual([]);
}

describe('the wall display', () => {
  it('shows every KPI whole at 1440×900 and 1920×1080, marks a sharp change and refreshes its 数据截至 time', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'admin');
    // Figures in the 亿: a compound as large as the registry allows, with outcomes as large as it.
    const huge = await compoundProject(page, '9999999999.99');
    await apiCall(page, 'PUT', `/projects/${huge.id}/outcomes`, {
      ...zeroOutcomes,
      publicServiceSpaceM2: '9999999999.99',
      fitnessSpaceM2: '9999999999.99',
      stateOwnedRoomsM2: '9999999999.99',
    });
    // Last month the city had a third of today's households (a snapshot dated the last day of last month).
    const now = await apiCall<Overview>(page, 'GET', '/stats/overview?division=330100');
    const today = new Date(Date.parse(now.asOf) + 8 * 3_600_000).toISOString().slice(0, 10);
    const lastMonth = new Date(Date.parse(`${today.slice(0, 7)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await suite.ctx().database.pool.query(
      `insert into stats_snapshots (division, year, day, figures)
         select division, year, $2, figures || jsonb_build_object('households', $3::text) from stats_snapshots where division = $1 and year = 0 and day = $4`,
      ['330100', lastMonth, String(Math.floor(now.households / 3)), today],
    );

    await page.goto(`${suite.url()}/overview/330100/wall?refresh=1`);
    await page.getByTestId('overview-kpis').waitFor();
    await expect.poll(() => page.getByTestId('kpi-households').getAttribute('data-sharp')).toBe('true');
    expect(await page.getByTestId('kpi-households-sharp').textContent()).toContain('变化较大');
    expect(await page.getByTestId('kpi-compounds').getAttribute('data-sharp')).toBe('false');
    // The area figures are in the 亿 (over 10,000,000,000 m²), shown scaled, their exact value kept in data-value.
    expect(await page.getByTestId('kpi-serviceSpace-line').textContent()).toMatch(/^\d[\d,]*\.\d\d亿㎡$/);
    expect(await page.getByTestId('kpi-floorArea-line').textContent()).toMatch(/亿㎡$/);

    await kpisWhole(page);
    await page.screenshot({ path: 'test-results/trust-wall-1440.png' });

    // 数据截至 shows the city time and advances as the wall refreshes itself.
    const asOf = page.getByTestId('wall-as-of');
    expect(await asOf.textContent()).toMatch(/^数据截至 \d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}（北京时间）$/);
    const first = (await asOf.getAttribute('data-at'))!;
    await expect
      .poll(async () => Date.parse((await asOf.getAttribute('data-at'))!), { timeout: 15_000 })
      .toBeGreaterThan(Date.parse(first));
    const shownAt = Date.parse((await asOf.getAttribute('data-at'))!);
    const cityClock = new Date(shownAt + 8 * 3_600_000).toISOString().slice(11, 19);
    expect(await asOf.textContent()).toContain(cityClock);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(async () => (await page.getByTestId('overview-wall').boundingBox())!.width).toBe(1920);
    await kpisWhole(page);
    await page.screenshot({ path: 'test-results/trust-wall-1080p.png' });
  });
});
