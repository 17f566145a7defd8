// The living circle in a real browser: a compound of 和睦 with a clinic 300 m away and nothing else near. The
// community's gap sums list it with its households affected; its row opens its circle, where medical care is met and
// food is a gap; the facilities tab finds the clinic by name.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiCall, browserSuite, signIn } from './support.ts';

const suite = browserSuite();

describe('living circle UI', () => {
  it('shows the gaps of the community, a compound’s circle need by need, and the facilities', async () => {
    const tag = randomBytes(3).toString('hex');
    const page = await signIn(suite.browser(), suite.url(), 'hemu-worker');
    const at = { lat: 31.55 + (parseInt(tag, 16) % 1000) / 100_000, lng: 120.9 };
    const compound = await apiCall<{ id: string; name: string }>(page, 'POST', '/compounds', {
      name: `生活圈浏览器小区${tag}`,
      communityCode: '330105004001',
      address: `和睦路生活圈${tag}号`,
      yearBuilt: 1991,
      floorAreaM2: '4000.00',
      latitude: at.lat.toFixed(6),
      longitude: at.lng.toFixed(6),
      householdsCount: 321,
    });
    await apiCall(page, 'POST', '/facilities', {
      name: `生活圈浏览器卫生站${tag}`,
      need: 'medical',
      kind: 'clinic',
      lat: Number((at.lat + 300 / 111_195).toFixed(6)),
      lng: at.lng,
    });

    await page.getByRole('menuitem', { name: '生活圈' }).click();
    await page.getByTestId('gap-total').waitFor();
    const row = page.getByTestId('gap-children').locator('tr', { hasText: compound.name });
    await expect.poll(() => row.textContent()).toContain('321');
    await row.getByTestId('gap-row').click();
    await expect.poll(() => page.getByTestId('circle-gap-medical').textContent()).toBe('达标');
    expect(await page.getByTestId('circle-gap-food').textContent()).toBe('缺口');
    expect(await page.getByTestId('circle-needs').textContent()).toContain('360 米');

    await page.getByRole('tab', { name: '服务设施' }).click();
    await page.getByPlaceholder('按名称搜索').fill(`卫生站${tag}`);
    await page.getByPlaceholder('按名称搜索').press('Enter');
    await expect.poll(() => page.getByTestId('facilities').textContent()).toContain(`生活圈浏览器卫生站${tag}`);
    expect(await page.getByTestId('facilities').textContent()).toContain('社区卫生服务站');
  });
});
