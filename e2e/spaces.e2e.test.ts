// Space resources in a real browser: a compound of 和睦 with nothing near and an allocated state-owned room 200 m
// away. The community worker's circle of the compound lists the room under its elderly-care gap with its coverage
// gain (and no convert button: the worker may not); the subdistrict's officer converts it from the 空间资源 tab,
// confirmed in a dialog, and puts it in use after a confirmation; the worker's circle then meets elderly care.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiCall, browserSuite, signIn } from './support.ts';

const suite = browserSuite();

describe('space resources UI', () => {
  it('shows a room matched to a compound’s gap with its gain, converts it with confirmation, and puts it in use', async () => {
    const tag = randomBytes(3).toString('hex');
    const page = await signIn(suite.browser(), suite.url(), 'hemu');
    const at = { lat: 31.65 + (parseInt(tag, 16) % 1000) / 100_000, lng: 121.1 };
    const compound = await apiCall<{ id: string; name: string }>(page, 'POST', '/compounds', {
      name: `空间资源浏览器小区${tag}`,
      communityCode: '330105004001',
      address: `和睦路空间${tag}号`,
      yearBuilt: 1990,
      floorAreaM2: '4000.00',
      latitude: at.lat.toFixed(6),
      longitude: at.lng.toFixed(6),
      householdsCount: 123,
    });
    const room = await apiCall<{ id: string }>(page, 'POST', '/spaces', {
      kind: 'state_room',
      name: `国有闲置用房${tag}`,
      areaM2: '333.30',
      owner: '区机关事务管理中心',
      lat: Number((at.lat + 200 / 111_195).toFixed(6)),
      lng: at.lng,
    });
    await apiCall(page, 'POST', `/spaces/${room.id}/allocate`, { allocatedTo: '和睦街道' });

    // The community's worker reads the matches (and may not convert).
    const worker = await signIn(suite.browser(), suite.url(), 'hemu-worker');
    await worker.getByRole('menuitem', { name: '生活圈' }).click();
    await worker.getByTestId('gap-total').waitFor();
    await worker.getByTestId('gap-children').locator('tr', { hasText: compound.name }).getByTestId('gap-row').click();
    await expect.poll(() => worker.getByTestId('circle-gap-elderly_care').textContent()).toBe('缺口');
    const match = worker.getByTestId(`space-match-elderly_care-${room.id}`);
    await expect.poll(() => match.textContent()).toContain('1 个小区，123 户');
    expect(await match.textContent()).toContain('可补齐本小区缺口');
    expect(await match.textContent()).toContain('国有存量用房');
    expect(await match.getByRole('button', { name: '改造为设施' }).count()).toBe(0);

    // The subdistrict's officer converts it from the 空间资源 tab, confirmed in a dialog, then puts it in use.
    await page.getByRole('menuitem', { name: '生活圈' }).click();
    await page.getByRole('tab', { name: '空间资源' }).click();
    await page.getByTestId(`space-convert-${room.id}`).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('将该空间资源改造为服务设施');
    await dialog.locator('.ant-select').nth(1).click();
    await page.locator('.ant-select-item-option', { hasText: '老年人日间照料中心' }).click();
    await dialog.locator('.ant-btn-primary').click();
    const status = page.getByTestId(`space-status-${room.id}`);
    await expect.poll(() => status.textContent()).toBe('已改造');
    await page
      .getByTestId('spaces')
      .locator('tr', { hasText: `国有闲置用房${tag}` })
      .getByRole('button', { name: '投入使用' })
      .click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => status.textContent()).toBe('已投用');

    // The worker's circle now meets elderly care.
    await worker.reload();
    await worker.getByTestId('gap-total').waitFor();
    await worker.getByTestId('gap-children').locator('tr', { hasText: compound.name }).getByTestId('gap-row').click();
    await expect.poll(() => worker.getByTestId('circle-gap-elderly_care').textContent()).toBe('达标');
  });
});
