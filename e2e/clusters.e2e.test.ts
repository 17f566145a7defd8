// Clusters (片区) in a real browser: two new compounds of 和睦 200 m apart are suggested together on the 片区 tab;
// 生成项目 with a year and a confirmation makes the project (linked from the message), and the cluster made shows
// its future-community checklist, where ticking a scenario is saved.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiCall, browserSuite, signIn } from './support.ts';

const suite = browserSuite();

describe('clusters UI', () => {
  it('turns a suggested cluster into a project and keeps its checklist', async () => {
    const tag = randomBytes(3).toString('hex');
    const page = await signIn(suite.browser(), suite.url(), 'hemu');
    const at = { lat: 33.7 + (parseInt(tag, 16) % 1000) / 100_000, lng: 121.9 };
    const names = [`片区浏览器甲${tag}`, `片区浏览器乙${tag}`];
    const ids: string[] = [];
    for (const [i, name] of names.entries()) {
      const c = await apiCall<{ id: string }>(page, 'POST', '/compounds', {
        name,
        communityCode: '330105004001',
        address: `和睦路片区${tag}-${i}号`,
        yearBuilt: 1990,
        floorAreaM2: '3000.00',
        latitude: (at.lat + (i * 200) / 111_195).toFixed(6),
        longitude: at.lng.toFixed(6),
        householdsCount: 40 + i,
      });
      ids.push(c.id);
    }

    await page.getByRole('menuitem', { name: '生活圈' }).click();
    await page.getByRole('tab', { name: '片区' }).click();
    const row = page.getByTestId('cluster-suggestions').locator('tr', { hasText: names[0]! });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(names[1]!);
    expect(await row.textContent()).toContain('2 个小区彼此相邻');
    await row.getByTestId('cluster-generate').click();
    await page.getByTestId('cluster-year').fill('2028');
    await page.getByTestId('cluster-confirm').click();
    await page.getByTestId('cluster-created').getByRole('link').waitFor();

    const kept = page.getByTestId('cluster-kept').locator('tr', { hasText: names[0]! });
    await kept.waitFor();
    expect(await kept.textContent()).toContain('0/9 项');
    await kept.getByRole('button').first().click();
    const health = page.getByTestId('cluster-item').and(page.locator('[data-item="health"]'));
    await health.getByRole('checkbox').click();
    await expect.poll(() => kept.textContent()).toContain('1/9 项');
    expect(await health.getByRole('checkbox').isChecked()).toBe(true);

    await kept.getByRole('link', { name: '查看项目' }).click();
    await page.waitForURL(/\/projects\//);
    const project = await apiCall<{ year: number; compounds: { id: string }[] }>(
      page,
      'GET',
      `/projects/${page.url().split('/projects/')[1]!.split(/[/?#]/)[0]}`,
    );
    expect(project.year).toBe(2028);
    expect(project.compounds.map((c) => c.id).sort()).toEqual([...ids].sort());
  });
});
