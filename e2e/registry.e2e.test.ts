// The registry in a real browser: sign in through the form, walk the division tree
// 杭州市 → 拱墅区 → 和睦街道 → community → compound, open it and see its households;
// a subdistrict officer's tree starts at their own subdistrict.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, newPage as openPage, PASSWORD } from './support.ts';

const HEMU = '330105004';
const suite = browserSuite();
const newPage = () => openPage(suite.browser());

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(suite.url());
  await page.waitForURL(/\/login/);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  // Signed in, the account lands on its home; the registry is one click away in the menu.
  await page.getByTestId('home-page').waitFor();
  await page.getByRole('menuitem', { name: /小区档案/ }).click();
  await page.getByTestId('division-tree').waitFor();
}

const treeNode = (page: Page, name: string) =>
  page
    .getByTestId('division-tree')
    .locator('[data-testid="tree-node"]')
    .filter({ hasText: new RegExp(`^${name}$`) });

/** Clicks a division in the tree (which selects and opens it). */
async function open(page: Page, name: string): Promise<void> {
  const node = treeNode(page, name);
  await node.waitFor();
  await node.click();
}

describe('registry UI', () => {
  it('lets the city admin walk the tree to a compound and see its households', async () => {
    const page = await newPage();
    await signIn(page, 'admin');
    await page.getByTestId('current-user').waitFor();

    // The admin's scope may start at the province; the city sits under it.
    if ((await treeNode(page, '杭州市').count()) === 0 && (await treeNode(page, '浙江省').count()) > 0) {
      await open(page, '浙江省');
    }
    await open(page, '杭州市');
    await open(page, '拱墅区');
    await open(page, '和睦街道');
    await expect.poll(() => page.getByTestId('selected-division').textContent()).toBe('和睦街道');

    // Walk the communities until one lists compounds.
    const communities = page.locator(`[data-testid="tree-node"][data-level="community"]`);
    await communities.first().waitFor();
    const compounds = page.locator('[data-testid="tree-node"][data-level="compound"]');
    const count = await communities.count();
    for (let i = 0; i < count && (await compounds.count()) === 0; i++) {
      const community = communities.nth(i);
      const code = await community.getAttribute('data-code');
      await community.click();
      const treeItem = page.locator('.ant-tree-treenode', { has: page.locator(`[data-code="${code}"]`) });
      await expect
        .poll(async () => (await compounds.count()) > 0 || (await treeItem.locator('.ant-tree-switcher-noop').count()) > 0, {
          timeout: 15_000,
        })
        .toBe(true);
    }
    expect(await compounds.count()).toBeGreaterThan(0);
    // The compound list on the right follows the selected community.
    await expect.poll(() => page.getByTestId('compound-link').count()).toBeGreaterThan(0);
    await page.waitForTimeout(500); // let the tree's expand motion settle for the picture
    await page.screenshot({ path: 'test-results/registry-tree.png', fullPage: true });

    const compoundName = (await compounds.first().textContent())?.trim() ?? '';
    await compounds.first().click();
    await page.waitForURL(/\/compounds\/[0-9a-f-]{36}$/);
    await page.getByTestId('compound-page').waitFor();
    await expect.poll(() => page.getByTestId('compound-name').textContent()).toBe(compoundName);
    const facts = await page.getByTestId('compound-facts').textContent();
    expect(facts).toContain('和睦街道');

    const rows = page.getByTestId('households-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(1);

    // Residents are masked in the table; the admin (personal.read) may open one, audited.
    const showFull = page.getByTestId('show-personal');
    if ((await showFull.count()) > 0) {
      const masked = await page.getByTestId('resident').first().textContent();
      expect(masked).toMatch(/\*/);
      await showFull.first().click();
      // The reason is asked first (issue 16, item 8).
      await page.getByTestId('personal-reason-ok').click();
      await page.getByTestId('personal-name').waitFor();
      expect(await page.locator('.ant-modal').textContent()).toContain('审计');
      await page.keyboard.press('Escape');
      await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    }
    await page.screenshot({ path: 'test-results/registry-compound.png', fullPage: true });
    await page.context().close();
  });

  it("starts a subdistrict officer's tree at 和睦街道", async () => {
    const page = await newPage();
    await signIn(page, 'hemu');
    const nodes = page.getByTestId('division-tree').locator('[data-testid="tree-node"]');
    const root = nodes.first();
    await root.waitFor();
    expect((await root.textContent())?.trim()).toBe('和睦街道');
    expect(await root.getAttribute('data-code')).toBe(HEMU);
    expect(await treeNode(page, '杭州市').count()).toBe(0);
    expect(await treeNode(page, '拱墅区').count()).toBe(0);

    // Outside the scope a compound answers like a missing one.
    await page.goto(`${suite.url()}/compounds/00000000-0000-7000-8000-000000000000`);
    await page.getByTestId('compound-not-found').waitFor();

    // The language switch turns the shell to English and back.
    await page.goto(`${suite.url()}/registry`);
    await page.getByTestId('language-switch').getByText('EN').click();
    await expect.poll(() => page.locator('.ant-menu').textContent()).toContain('Registry');
    await page.getByTestId('language-switch').getByText('中文').click();
    await expect.poll(() => page.locator('.ant-menu').textContent()).toContain('小区档案');
    await page.context().close();
  });

  it('refuses an import file with errors and lists them by row', async () => {
    const page = await newPage();
    await signIn(page, 'hemu');
    await page.goto(`${suite.url()}/import`);
    const csv = [
      '社区代码,小区名称,地址,建成年份,总建筑面积',
      '330105004001,测试小区,杭州市和睦街道测试路1号,1995,1234.5',
      '330105004001,测试小区二,杭州市和睦街道测试路2号,abc,12.345',
    ].join('\n');
    await page
      .getByTestId('import-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const report = page.getByTestId('import-errors');
    await report.waitFor();
    expect(await report.textContent()).toContain('未写入任何数据');
    expect(await report.locator('tbody tr.ant-table-row').count()).toBeGreaterThanOrEqual(2);
    expect(await report.locator('tbody').textContent()).toContain('yearBuilt');
    await page.context().close();
  });

  it('explains a wrong password on the login form', async () => {
    const page = await newPage();
    await page.goto(`${suite.url()}/login`);
    await page.getByTestId('login-username').fill('hemu');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    await page.context().close();
  });
});
