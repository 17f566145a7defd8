// Devices in a real browser: a subdistrict officer registers a device, sees its secret once, finds it in the list
// as never seen (offline), and finds it on the compound's page under its building.
import ExcelJS from 'exceljs';
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

  it('imports devices: a bad row is reported by line with nothing written, a good file gives its credentials once', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'hemu', { acceptDownloads: true });
    const [compound] = (await apiCall<{ items: { id: string; name: string }[] }>(page, 'GET', '/compounds?limit=1')).items;
    const sheet = async (rows: string[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('devices');
      ws.addRow(['小区编号', '设备类型', '设备名称', '位置']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const tag = Date.now().toString(36);
    await page.goto(`${suite.url()}/devices/import`);
    const input = page.getByTestId('device-import-upload').locator('input[type=file]');
    await input.setInputFiles({
      name: 'bad.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await sheet([
        [compound!.id, '电梯', `导入电梯-${tag}`, '1单元'],
        [compound!.id, '烤面包机', `导入设备-${tag}`, ''],
      ]),
    });
    const errors = page.getByTestId('device-import-errors');
    await errors.waitFor();
    await expect.poll(() => errors.textContent()).toMatch(/设备类型.*没有设备类型“烤面包机”/);
    await expect.poll(() => errors.locator('td').first().textContent()).toBe('3');
    const none = await apiCall<{ items: unknown[] }>(page, 'GET', `/devices?q=${encodeURIComponent(tag)}`);
    expect(none.items).toHaveLength(0);

    await page.getByRole('button', { name: /再导入一份/ }).click();
    await input.setInputFiles({
      name: 'good.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await sheet([
        [compound!.id, '电梯', `导入电梯-${tag}`, '1单元'],
        [compound!.id, '一键报警', `导入报警-${tag}`, '门岗'],
      ]),
    });
    await page.getByTestId('device-import-done').waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('device-import-credentials').click();
    expect((await download).suggestedFilename()).toBe('device-credentials.xlsx');
    await expect.poll(() => page.getByTestId('device-import-credentials').count()).toBe(0);
    const made = await apiCall<{ items: { credentialsIssued: boolean }[] }>(page, 'GET', `/devices?q=${encodeURIComponent(tag)}`);
    expect(made.items.map((d) => d.credentialsIssued)).toEqual([true, true]);
  });
});
