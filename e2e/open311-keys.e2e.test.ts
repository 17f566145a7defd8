// The Open311 partners page in a real browser: the city administrator issues a partner's key (shown once), the
// partner reports through GeoReport v2 with it, and once the key is revoked on the page the partner is refused.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiCall, browserSuite, signIn } from './support.ts';

const suite = browserSuite();

describe('Open311 partners page', () => {
  it('issues a key shown once, which reports a request, and refuses it once revoked', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'admin');
    await page.getByRole('menuitem', { name: 'Open311 接入' }).click();
    await page.getByTestId('open311-keys-page').waitFor();

    // A wrong partner code is explained in Chinese before anything is sent.
    await page.getByTestId('open311-issue').click();
    await page.getByTestId('open311-partner').fill('FixMyStreet 杭州');
    await page.getByTestId('open311-issue-submit').click();
    await page.getByText('只能使用小写字母、数字、- 和 _，2 至 40 位').waitFor();

    const partner = `fms-${randomBytes(3).toString('hex')}`;
    await page.getByTestId('open311-partner').fill(partner);
    await page.getByTestId('open311-issue-submit').click();
    const key = (await page.getByTestId('open311-key').textContent())!.trim();
    expect(key).toMatch(/^o311_/);
    await page.getByTestId('open311-key-done').click();
    const row = page.locator('[data-testid="open311-keys"] tr').filter({ hasText: partner });
    await expect.poll(() => row.getByTestId('open311-key-status').getAttribute('data-status')).toBe('active');
    // The list never shows the key again: only its first characters.
    expect(await page.getByTestId('open311-keys').textContent()).not.toContain(key);

    // The partner reports a street lamp at a compound, form-encoded, as GeoReport v2 says.
    const [compound] = (await apiCall<{ items: { id: string }[] }>(page, 'GET', '/compounds?limit=1')).items;
    const report = () =>
      fetch(`${suite.url()}/open311/v2/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: key, service_code: 'street_lamp', address_id: compound!.id, description: '路灯不亮' }),
      });
    const ok = await report();
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect(((await ok.json()) as { token: string }[])[0]!.token).toBeTruthy();

    // Revoked on the page: the partner's next request is refused with the specification's error list.
    await row.getByTestId('open311-revoke').click();
    await page.getByTestId('open311-revoke-confirm').click();
    await expect.poll(() => row.getByTestId('open311-key-status').getAttribute('data-status')).toBe('revoked');
    const refused = await report();
    expect(refused.status).toBe(403);
    const errors = (await refused.json()) as { code: number; description: string }[];
    expect(errors[0]!.code).toBe(403);
    await page.screenshot({ path: 'test-results/open311-keys-1440.png', fullPage: true });
  });
});
