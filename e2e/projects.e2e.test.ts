// Projects in a real browser, as the 和睦街道 officer: create a project on one compound,
// build its plan from the catalogue tree (the running total equals the exact fen sum),
// then fund it: city + district subsidy one fen above the cap (400 yuan/m² × floor area)
// is refused with the rule explained, and exactly the cap saves.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, signIn as signInAs } from './support.ts';

const suite = browserSuite();
const signIn = (username: string) => signInAs(suite.browser(), suite.url(), username);
const apiGet = <T>(page: Page, path: string) => apiCall<T>(page, 'GET', path);

// Exact money helpers (integer fen and hundredths), as the app computes them.
const hundredths = (d: string) => {
  const [whole, frac = ''] = d.split('.');
  return BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0'));
};
const decimal = (h: bigint) => `${h / 100n}.${String(h % 100n).padStart(2, '0')}`;
const yuan = (fen: bigint) => `¥${(fen / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(fen % 100n).padStart(2, '0')}`;
const lineAmount = (quantity: string, priceFen: bigint) => (hundredths(quantity) * priceFen + 50n) / 100n;

/** The <input> of an antd input whose data-testid sits on the input itself or on its wrapper. */
const input = (scope: ReturnType<Page['locator']>, testId: string) =>
  scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

async function pickOption(page: Page, select: ReturnType<Page['locator']>, label: string): Promise<void> {
  await select.click();
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${label}$`) });
  await option.first().click();
  // Let the dropdown close so the next select's options are not confused with these.
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

describe('projects UI', () => {
  it('creates a project, plans it from the catalogue and funds it up to the subsidy cap', async () => {
    const page = await signIn('hemu');

    // A compound in the officer's scope, and the price list in force for this year.
    const year = new Date().getFullYear();
    const compounds = await apiGet<{ items: { id: string; name: string; floorAreaM2: string }[] }>(page, '/compounds?limit=5');
    const compound = compounds.items[0]!;
    const prices = await apiGet<{ items: { indicatorCode: string; unitPriceFen: number }[] }>(page, `/prices?at=${year}-01-01`);
    const priceOf = (code: string) => BigInt(prices.items.find((p) => p.indicatorCode === code)!.unitPriceFen);

    // New project on that one compound.
    await page.getByRole('menuitem', { name: /改造项目/ }).click();
    await page.waitForURL(/\/projects$/);
    await page.getByTestId('new-project').click();
    const name = `E2E 改造 ${compound.name}`;
    await input(page.locator('.ant-modal'), 'new-project-name').fill(name);
    const compoundSelect = page
      .locator('.ant-modal .ant-select')
      .filter({ has: page.locator('.ant-select-selection-search, input') })
      .last();
    await compoundSelect.click();
    await page.keyboard.type(compound.name);
    await page.getByTestId('compound-option').filter({ hasText: compound.name }).first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('new-project-submit').click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('project-name').textContent()).toBe(name);
    expect(await page.getByTestId('stage-tag').first().getAttribute('data-stage')).toBe('planned');
    const area = (await page.getByTestId('project-floor-area').getAttribute('data-value'))!;
    expect(area).toBe(compound.floorAreaM2);
    await page.getByTestId('project-gates').waitFor();
    await page.screenshot({ path: 'test-results/projects-overview.png', fullPage: true });

    // Plan: two third-level indicators ticked in the tree, quantities typed.
    await page.getByTestId('tab-plan').click();
    await page.getByTestId('indicator-tree').waitFor();
    const lines = [
      { code: '01.01.01', quantity: decimal(hundredths(area) * 4n) }, // about 432 yuan/m²: the plan costs more than the cap
      { code: '01.01.02', quantity: '12.34' },
    ];
    for (const line of lines) {
      await page.getByPlaceholder('指标名称 / 英文名 / 编码').fill(line.code); // filtering opens the branches
      await page.locator(`[data-testid="indicator-node"][data-code="${line.code}"]`).click();
      const row = page.locator(`[data-testid="plan-row"][data-code="${line.code}"]`);
      await input(row, 'plan-quantity').fill(line.quantity);
    }
    const expected = lines.reduce((sum, l) => sum + lineAmount(l.quantity, priceOf(l.code)), 0n);
    const running = page.getByTestId('plan-running-total');
    await expect.poll(() => running.getAttribute('data-fen')).toBe(String(expected));
    expect(await running.textContent()).toBe(yuan(expected));
    await page.getByTestId('plan-save').click();
    await expect.poll(() => page.getByTestId('plan-server-total').getAttribute('data-fen')).toBe(String(expected));
    expect(await page.getByTestId('plan-status').getAttribute('data-status')).toBe('draft');
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'test-results/projects-plan.png', fullPage: true });

    // Funding: city + district one fen above the cap is refused, with the rule explained.
    const capFen = (40_000n * hundredths(area)) / 100n;
    const cityFen = capFen / 2n;
    await page.getByTestId('tab-funding').click();
    await page.getByTestId('funding-tab').waitFor();
    expect(await page.getByTestId('funding-cost').getAttribute('data-fen')).toBe(String(expected));
    const rows = page.getByTestId('funding-line');
    for (const [i, source, fen] of [
      [0, '市级补助', cityFen],
      [1, '区级补助', capFen - cityFen + 1n],
    ] as const) {
      await page.getByTestId('funding-add-line').click();
      await pickOption(page, rows.nth(i).locator('.ant-select'), source);
      await input(rows.nth(i), 'funding-amount').fill(decimal(fen));
    }
    await expect.poll(() => page.getByTestId('funding-lines-total').textContent()).toBe(yuan(capFen + 1n));
    await page.getByTestId('funding-save').click();
    const violation = page.locator('[data-testid="funding-violation"][data-rule="funding.subsidy_cap_per_m2"]');
    await violation.waitFor();
    const text = (await violation.textContent()) ?? '';
    // The server's words for funding.subsidy_cap_exceeded, in Chinese (amounts as yuan with two decimals).
    const plain = (fen: bigint) => `${yuan(fen).slice(1)} 元`;
    expect(await violation.getAttribute('data-code')).toBe('funding.subsidy_cap_exceeded');
    expect(text).toContain(`市、区两级补助合计 ${plain(capFen + 1n)}，超过上限 ${plain(capFen)}`);
    expect(text).toContain('市、区两级财政补助上限：400.00 元/平方米');
    expect(text).toContain('2021.1 版');
    expect(text).toContain('依据：');
    await page.screenshot({ path: 'test-results/projects-funding-violation.png', fullPage: true });

    // Exactly the cap saves.
    await input(rows.nth(1), 'funding-amount').fill(decimal(capFen - cityFen));
    await page.getByTestId('funding-save').click();
    await expect.poll(() => page.getByTestId('funding-funded').getAttribute('data-fen')).toBe(String(capFen));
    expect(await page.getByTestId('funding-violations').count()).toBe(0);
    expect(await page.getByTestId('funding-shortfall').getAttribute('data-fen')).toBe(String(expected - capFen));
    await page.waitForTimeout(600); // the chart's entry animation
    await page.screenshot({ path: 'test-results/projects-funding.png', fullPage: true });

    // Submitted to the residents, the plan is frozen; the officer then records their approval.
    await page.getByTestId('tab-plan').click();
    await page.getByTestId('plan-submit').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('plan-status').getAttribute('data-status')).toBe('submitted');
    await page.getByTestId('plan-frozen').waitFor();
    expect(await page.getByTestId('plan-quantity').count()).toBe(0);
    await page.getByTestId('plan-approve').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('plan-status').getAttribute('data-status')).toBe('approved');

    // The board lists the project under its stage.
    await page.goto(`${suite.url()}/projects?view=board`);
    const column = page.locator('[data-testid="board-column"][data-stage="planned"]');
    await expect.poll(() => column.getByTestId('board-card').filter({ hasText: name }).count()).toBe(1);
    await page.screenshot({ path: 'test-results/projects-board.png', fullPage: true });

    // The catalogue browser: 5 / 33 / 134 indicators with list prices; a search narrows it.
    await page.getByRole('menuitem', { name: /指标体系/ }).click();
    await expect.poll(() => page.getByTestId('catalogue-counts').textContent()).toContain('三级 134 项');
    await page.getByPlaceholder('指标名称 / 英文名 / 编码').fill('屋面防水');
    const node = page.locator('[data-testid="indicator-node"][data-code="01.01.01"]');
    await node.waitFor();
    expect(await node.getByTestId('indicator-price').textContent()).toBe(yuan(priceOf('01.01.01')));
    await page.screenshot({ path: 'test-results/projects-catalogue.png', fullPage: true });
    await page.context().close();
  });
});
