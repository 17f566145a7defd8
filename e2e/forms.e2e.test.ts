// Issue 16, item 8: one date and time picker (no native mm/dd/yyyy box, city time labelled), a full read of a
// resident's personal data asks why, and the audit-log page shows that read with its reason.
import { describe, expect, it } from 'vitest';
import { apiCall, browserSuite, signIn } from './support.ts';
import { fillPicker } from './pickers.ts';

const suite = browserSuite();

describe('forms', () => {
  it('asks the reason of a full read and shows it in the audit log, filtered with the shared picker', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'admin');
    const compounds = await apiCall<{ items: { id: string }[] }>(page, 'GET', '/compounds?limit=1&division=330105004001');
    await page.goto(`${suite.url()}/compounds/${compounds.items[0]!.id}`);
    await page.getByTestId('compound-page').waitFor();
    await page.getByTestId('show-personal').first().click();

    // The reason comes first; nothing personal is shown before it.
    await page.getByTestId('personal-reason-ok').waitFor();
    expect(await page.getByTestId('personal-name').count()).toBe(0);
    await page.locator('.ant-modal').getByText('其他', { exact: true }).click();
    await page.getByTestId('personal-reason-ok').click();
    await page.getByText('请填写事由，至少 2 个字').waitFor();
    await page.getByTestId('reveal-reason-text').fill('核对独居老人紧急联系人');
    await page.getByTestId('personal-reason-ok').click();
    await page.getByTestId('personal-name').waitFor();
    await page.keyboard.press('Escape');

    // The audit page (menu entry for audit.read) shows the read, in words, with the reason and the masked name.
    await page.locator('a[href="/audit"], [data-menu-id$="/audit"]').first().click();
    await page.getByTestId('audit-page').waitFor();
    expect(await page.locator('input[type="date"], input[type="datetime-local"]').count()).toBe(0);
    await expect.poll(() => page.getByTestId('city-time-zone').first().textContent()).toBe('北京时间');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await fillPicker(page, 'audit-filter-from', `${today} 00:00`);
    await page.getByTestId('audit-search').click();
    const row = page.getByTestId('audit-table').locator('tbody tr', { hasText: '核对独居老人紧急联系人' });
    await row.first().waitFor();
    const text = (await row.first().textContent()) ?? '';
    expect(text).toContain('查看个人完整信息');
    expect(text).toMatch(/居民 \p{Script=Han}\*+/u);
    expect(text).not.toContain('personal.read');

    // A time after the read leaves it out: the picker's value reached the API as the city's time.
    const tomorrow = new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10);
    await fillPicker(page, 'audit-filter-from', `${tomorrow} 00:00`);
    await page.getByTestId('audit-search').click();
    await expect.poll(() => row.count()).toBe(0);
    await page.screenshot({ path: 'test-results/forms-audit.png', fullPage: true });
    await page.context().close();
  });

  it('keeps the audit page and its menu entry from those without the permission', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'hemu');
    expect(await page.locator('a[href="/audit"]').count()).toBe(0);
    await page.context().close();
  });
});
