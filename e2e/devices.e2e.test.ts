// Devices in a real browser: a subdistrict officer registers a device, sees its secret once, finds it in the list
// as never seen (offline), and finds it on the compound's page under its building.
import { describe, expect, it } from 'vitest';
import { apiCall, browserSuite, pick, signIn } from './support.ts';

const suite = browserSuite();

describe('devices UI', () => {
  it('registers a device, shows the secret once, lists it never seen, and shows it under its building', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'hemu');
    // A compound of the officer's scope that has buildings.
    const list = await apiCall<{ items: { id: string; name: string }[] }>(page, 'GET', '/compounds?limit=20');
    let target: { id: string; name: string; building: string } | undefined;
    for (const c of list.items) {
      const detail = await apiCall<{ buildings: { name: string }[] }>(page, 'GET', `/compounds/${c.id}`);
      if (detail.buildings.length) {
        target = { id: c.id, name: c.name, building: detail.buildings[0]!.name };
        break;
      }
    }
    expect(target).toBeDefined();
    const name = `浏览器测试一键报警-${Date.now().toString(36)}`;

    await page.getByRole('menuitem', { name: /设备/ }).click();
    await page.waitForURL(/\/devices$/);
    await page.getByTestId('devices-table').waitFor();
    await page.getByTestId('device-register').click();
    await pick(page, 'device-compound', target!.name);
    await pick(page, 'device-profile', '一键报警');
    await page.getByTestId('device-name').fill(name);
    await pick(page, 'device-building', target!.building);
    await page.getByTestId('device-location').fill('门岗');
    await page.getByTestId('device-submit').click();

    // The secret, once, with a warning; closing it leaves no trace of it on the page.
    await page.getByTestId('secret-warning').waitFor();
    await expect.poll(() => page.getByTestId('secret-warning').textContent()).toMatch(/只显示这一次/);
    const secret = (await page.getByTestId('secret-value').textContent())!.trim();
    const key = (await page.getByTestId('secret-key').textContent())!.trim();
    expect(secret.length).toBeGreaterThan(30);
    expect(key).toMatch(/^d-/);
    await page.getByTestId('secret-done').click();
    await expect.poll(() => page.getByTestId('secret-value').count()).toBe(0);

    // The list: the new device, never seen (offline in the contract).
    await page.getByTestId('devices-q').locator('input').fill(name);
    await page.getByTestId('devices-q').locator('input').press('Enter');
    const row = page.getByTestId('devices-table').locator('tr', { hasText: name });
    await row.waitFor();
    await expect.poll(() => row.getByTestId('device-status').textContent()).toBe('从未上线');
    await expect.poll(() => row.textContent()).toContain(key);

    // Its own page shows the key but never the secret.
    await row.getByTestId('device-link').click();
    await page.waitForURL(/\/devices\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('device-key').textContent()).toBe(key);
    expect(await page.content()).not.toContain(secret);

    // The compound's page: under its building, never seen.
    await page.goto(`${suite.url()}/compounds/${target!.id}`);
    const card = page.getByTestId('compound-devices');
    await card.waitFor();
    const building = card.locator('.ant-collapse-item', {
      has: page.getByTestId('compound-building').filter({ hasText: target!.building }),
    });
    const device = building.getByTestId('compound-device').filter({ hasText: name });
    await device.waitFor();
    await expect.poll(() => device.getByTestId('device-status').textContent()).toBe('从未上线');
  });
});
