// The built web app under its Content-Security-Policy: the desktop app with its ECharts canvases and
// the residents' mobile web load and work with nothing refused, and the page's own cookie writes (which
// the browser sends with Origin) pass the same-origin check.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, newPhonePage, signIn } from './support.ts';

const suite = browserSuite();

/** Collects what the browser reports refusing under the page's CSP, from now on. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  page.on('pageerror', (err) => {
    if (/Content Security Policy|unsafe-eval/i.test(err.message)) seen.push(err.message);
  });
  return seen;
}

describe('the web app under its security headers', () => {
  it('draws the overview, writes through its cookie and serves the mobile web with nothing refused', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'admin');
    const refused = cspViolations(page);
    const document = await page.goto(`${suite.url()}/overview/330100`);
    expect(document!.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(document!.headers()['x-frame-options']).toBe('DENY');
    await page.getByTestId('overview-kpis').waitFor();
    for (const id of ['chart-funding', 'chart-stages', 'chart-children']) {
      await expect.poll(() => page.getByTestId(id).getAttribute('data-rendered'), { timeout: 15_000 }).toBe('true');
    }
    // antd's run-time styles apply: the menu is laid out, not a bare list.
    const menuWidth = await page
      .getByRole('menuitem')
      .first()
      .evaluate((el) => el.getBoundingClientRect().width);
    expect(menuWidth).toBeGreaterThan(50);

    // A write made by the page itself carries its Origin and passes.
    await apiCall(page, 'PUT', '/auth/me/locale', { locale: 'zh-CN' });

    const phone = await newPhonePage(suite.browser());
    const phoneRefused = cspViolations(phone);
    await phone.goto(`${suite.url()}/m`);
    await phone.waitForURL(/\/m\/login/);
    await phone.getByTestId('m-phone').waitFor();
    expect([...refused, ...phoneRefused]).toEqual([]);
  });
});
