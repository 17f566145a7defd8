// Acceptance 4 of issue 11: in the zh-CN interface, a funding plan over the subsidy cap is refused
// and explained in Chinese, in the server's words, by code (funding.subsidy_cap_exceeded): the
// page asks in Chinese (Accept-Language), the server words the problem, the page shows those words.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, signIn } from './support.ts';

const suite = browserSuite();

const hundredths = (d: string) => {
  const [whole, frac = ''] = d.split('.');
  return BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0'));
};
const decimal = (h: bigint) => `${h / 100n}.${String(h % 100n).padStart(2, '0')}`;
const grouped = (fen: bigint) => `${(fen / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(fen % 100n).padStart(2, '0')}`;
const input = (scope: ReturnType<Page['locator']>, testId: string) =>
  scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

describe('problems by code in the browser', () => {
  it('explains a subsidy over the cap in Chinese, from the server problem', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'hemu');
    const compounds = await apiCall<{ items: { id: string; floorAreaM2: string }[] }>(page, 'GET', '/compounds?limit=1');
    const compound = compounds.items[0]!;
    const project = await apiCall<{ id: string }>(page, 'POST', '/projects', {
      name: '超上限补助',
      year: 2024,
      compoundIds: [compound.id],
    });
    // A plan dearer than the cap, so only the cap is broken (not the cost).
    const area = hundredths(compound.floorAreaM2);
    await apiCall(page, 'PUT', `/projects/${project.id}/plan`, {
      items: [{ indicatorCode: '01.01.01', quantity: '1', unitPriceFen: Number((area * 50_000n) / 100n) }],
    });
    const capFen = (40_000n * area) / 100n;

    await page.goto(`${suite.url()}/projects/${project.id}`);
    await page.getByTestId('tab-funding').click();
    await page.getByTestId('funding-tab').waitFor();
    await page.getByTestId('funding-add-line').click();
    const row = page.getByTestId('funding-line').first();
    await row.locator('.ant-select').first().click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: /^市级补助$/ })
      .first()
      .click();
    await input(row, 'funding-amount').fill(decimal(capFen + 1n));

    const answer = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/projects/${project.id}/funding`) && r.request().method() === 'PUT',
    );
    await page.getByTestId('funding-save').click();
    const res = await answer;
    expect(res.request().headers()['accept-language']).toBe('zh-CN');
    expect(res.status()).toBe(422);
    const problem = (await res.json()) as {
      code: string;
      type: string;
      title: string;
      detail: string;
      violations: { code: string; message: string }[];
    };
    expect(problem.code).toBe('funding.subsidy_cap_exceeded');
    expect(problem.type).toMatch(/\/funding\.subsidy_cap_exceeded$/);
    expect(problem.title).toBe('超过财政补助上限');
    expect(problem.detail).toContain(`市、区两级补助合计 ${grouped(capFen + 1n)} 元，超过上限 ${grouped(capFen)} 元`);
    expect(problem.detail).toContain('市、区两级财政补助上限：400.00 元/平方米');
    expect(problem.detail).not.toMatch(/seed|\[object Object\]|\{"/);

    // The page shows the server's words for that code, not words of its own.
    const shown = page.locator('[data-testid="funding-violation"][data-code="funding.subsidy_cap_exceeded"]');
    await shown.waitFor();
    expect(await shown.textContent()).toBe(problem.violations[0]!.message);
    expect(problem.violations[0]!.message).toBe(problem.detail);
    await page.screenshot({ path: 'test-results/problem-codes-funding.png', fullPage: true });
  });
});
