// Funding editing (issue 16, item 7), as the 和睦街道 officer on a compound and project made here through
// the API: typing a subsidy over the cap shows the rule's Chinese message on the row before saving (the
// server's checkFunding, run in the page), the totals follow the table as it is typed, and saving the
// corrected plan gives the figures the page showed.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, signIn as signInAs } from './support.ts';

const suite = browserSuite();
const api = <T>(page: Page, method: string, path: string, body?: unknown) => apiCall<T>(page, method, path, body);
const yuan = (fen: bigint) => `¥${(fen / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(fen % 100n).padStart(2, '0')}`;
const decimal = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
const input = (scope: ReturnType<Page['locator']>, testId: string) =>
  scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

describe('funding editing', () => {
  it('checks the cap as the officer types, totals follow, and the save agrees', async () => {
    const page = await signInAs(suite.browser(), suite.url(), 'hemu');
    const tag = Math.random().toString(36).slice(2, 8);
    const compound = await api<{ id: string }>(page, 'POST', '/compounds', {
      name: `资金编辑小区-${tag}`,
      communityCode: '330105004001',
      address: `和睦路${tag}号`,
      yearBuilt: 1990,
      floorAreaM2: '1000.00',
    });
    const project = await api<{ id: string }>(page, 'POST', '/projects', {
      name: `资金编辑-${tag}`,
      year: 2021,
      compoundIds: [compound.id],
    });
    const costFen = 100_000_000n;
    await api(page, 'PUT', `/projects/${project.id}/plan`, {
      items: [{ indicatorCode: '01.01.01', quantity: '1', unitPriceFen: Number(costFen) }],
    });
    const capFen = 40_000n * 1000n; // 400 yuan/m² × 1,000 m²

    await page.goto(`${suite.url()}/projects/${project.id}?tab=funding`);
    await page.getByTestId('funding-tab').waitFor();
    await page.getByTestId('funding-add-line').click();
    const row = page.getByTestId('funding-line').first();
    await row.locator('.ant-select').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: /^市级补助$/ })
      .click();

    // Over the cap by one fen: the rule's message on the row, before any save.
    await input(row, 'funding-amount').fill(decimal(capFen + 1n));
    await expect
      .poll(() => row.getByTestId('funding-row-error').textContent())
      .toContain(`市、区两级补助合计 ${yuan(capFen + 1n)}，超过上限 ${yuan(capFen)}`);
    expect(await row.getByTestId('funding-row-error').textContent()).toContain('2021.1 版');
    await expect.poll(() => page.getByTestId('funding-funded').getAttribute('data-fen')).toBe(String(capFen + 1n));
    await expect.poll(() => page.getByTestId('funding-shortfall').getAttribute('data-fen')).toBe(String(costFen - capFen - 1n));

    // At the cap the message goes, and the totals follow.
    await input(row, 'funding-amount').fill(decimal(capFen));
    await expect.poll(() => row.getByTestId('funding-row-error').count()).toBe(0);
    await expect.poll(() => page.getByTestId('funding-funded').getAttribute('data-fen')).toBe(String(capFen));
    await page.getByTestId('funding-save').click();
    // The server saved what the page showed.
    await page.getByText('资金方案已保存').waitFor();
    const saved = await api<{ check: { fundedFen: number; shortfallFen: number; ok: boolean } }>(
      page,
      'GET',
      `/projects/${project.id}/funding`,
    );
    expect(saved.check).toMatchObject({ ok: true, fundedFen: Number(capFen), shortfallFen: Number(costFen - capFen) });
    expect(await page.getByTestId('funding-funded').getAttribute('data-fen')).toBe(String(capFen));
    await page.close();
  });
});
