// Market participation in a real browser. A renovated compound of 9,876.54 m² served by a registered property
// company: the subdistrict sees its cap of ¥2,962.96 this month, is refused one fen more (the rule named in words),
// applies at the cap; the district approves and pays it. Staff register a public space, grant it to an operator for
// a term, and an overlapping grant is refused.
import { fillPicker } from './pickers.ts';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, pick, signIn as signInAs } from './support.ts';
import { creditCheckChar } from '../src/platform/credit-code.ts';

const suite = browserSuite();
const signIn = (username: string) => signInAs(suite.browser(), suite.url(), username);
const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

async function renovatedCompound(worker: Page, hemu: Page, gongshu: Page, tag: string) {
  const compound = await apiCall<{ id: string; name: string }>(worker, 'POST', '/compounds', {
    name: `补助浏览器小区${tag}`,
    communityCode: '330105004001',
    address: `和睦路补助${tag}号`,
    yearBuilt: 1990,
    floorAreaM2: '9876.54',
  });
  const project = await apiCall<{ id: string }>(hemu, 'POST', '/projects', {
    name: `补助浏览器${tag}`,
    year: 2025,
    compoundIds: [compound.id],
  });
  // Walking a project through its gates is the projects module's own test; here it only needs to be done.
  await suite.ctx().database.pool.query(`update projects set stage = 'handed_over' where id = $1`, [project.id]);
  const first17 = `91330105${String(parseInt(tag, 16) % 1_000_000_000).padStart(9, '0')}`;
  const company = await apiCall<{ id: string }>(gongshu, 'POST', '/property-companies', {
    name: `补助浏览器物业${tag}`,
    creditCode: first17 + creditCheckChar(first17),
    districtCode: '330105',
  });
  await apiCall(hemu, 'PATCH', `/projects/${project.id}/governance`, { propertyCompanyId: company.id });
  return compound;
}

describe('market participation UI', () => {
  it('applies for a compound’s subsidy at its cap after one fen more is refused, and the district approves and pays it', async () => {
    const tag = randomBytes(3).toString('hex');
    const [worker, hemu, gongshu] = [await signIn('hemu-worker'), await signIn('hemu'), await signIn('gongshu')];
    const compound = await renovatedCompound(worker, hemu, gongshu, tag);

    await hemu.getByRole('menuitem', { name: '物业服务补助' }).click();
    await hemu.getByTestId('subsidies-page').waitFor();
    const row = hemu
      .getByTestId('eligible-table')
      .locator('tr')
      .filter({ has: hemu.locator(`[data-id="${compound.id}"]`) });
    expect(await row.getByTestId('eligible-cap').textContent()).toBe('¥2,962.96');
    const amount = row.getByRole('spinbutton');
    expect(await amount.inputValue()).toBe('2962.96');
    await amount.fill('2962.97');
    await row.getByTestId('subsidy-apply').click();
    await row.getByTestId('subsidy-apply-problem').waitFor();
    expect(await row.getByTestId('subsidy-apply-problem-detail').textContent()).toMatch(
      /^申请补助 2,962\.97 元，超过本月上限 2,962\.96 元（物业服务补助上限：0\.30 元\/平方米·月/,
    );
    await amount.fill('2962.96');
    await row.getByTestId('subsidy-apply').click();
    await row.getByText('本月已申请').waitFor();

    await gongshu.goto(`${suite.url()}/property-subsidies`);
    const application = gongshu
      .getByTestId('subsidy-table')
      .locator('tr')
      .filter({ has: gongshu.locator(`[data-id="${compound.id}"]`) });
    const status = () => application.getByTestId('subsidy-status').textContent();
    expect(await status()).toBe('待审核');
    await application.getByTestId('subsidy-approve').click();
    await expect.poll(status).toBe('已核准');
    await application.getByTestId('subsidy-disburse').click();
    await gongshu.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await expect.poll(status).toBe('已拨付');
  });

  it('registers a public space, grants it to an operator for a term, and refuses an overlapping grant', async () => {
    const tag = randomBytes(3).toString('hex');
    const worker = await signIn('hemu-worker');
    const compound = await apiCall<{ id: string; name: string }>(worker, 'POST', '/compounds', {
      name: `空间浏览器小区${tag}`,
      communityCode: '330105004001',
      address: `和睦路空间${tag}号`,
      yearBuilt: 1992,
      floorAreaM2: '5000.00',
    });
    await worker.getByRole('menuitem', { name: '公共空间' }).click();
    await worker.getByTestId('spaces-page').waitFor();
    await worker.getByTestId('space-register').click();
    await pick(worker, 'space-compound', compound.name);
    await pick(worker, 'space-kind', '养老', '养老用房');
    await worker.getByTestId('space-name').fill(`居家养老站${tag}`);
    await worker.getByTestId('space-register-ok').click();
    const row = worker
      .getByTestId('space-table')
      .locator('tr')
      .filter({ hasText: `居家养老站${tag}` });
    await row.waitFor();
    expect(await row.textContent()).toContain('空闲');

    const grant = async (operator: string, from: string, to: string) => {
      await row.getByTestId('space-grant').click();
      await worker.getByTestId('grant-operator').fill(operator);
      await fillPicker(worker, 'grant-starts', from);
      await fillPicker(worker, 'grant-ends', to);
      await worker.getByRole('dialog').getByRole('spinbutton').first().fill('12000');
      await worker.getByTestId('grant-ok').click();
    };
    const operator = `颐养服务中心${tag}`;
    await grant(operator, day(-30), day(335));
    await expect.poll(() => row.textContent()).toContain(operator);
    await grant('另一运营商', day(100), day(500));
    await worker.getByTestId('grant-problem').waitFor();
    expect(await worker.getByTestId('grant-problem-detail').textContent()).toMatch(/已有使用权，不能重叠授予/);
    await worker.keyboard.press('Escape');

    // A relief recorded for the grant shows when its row in the grants list is opened.
    const { items } = await apiCall<{ items: { id: string; operatorName: string }[] }>(worker, 'GET', `/space-grants?endingFrom=${day(0)}`);
    const granted = items.find((g) => g.operatorName === operator)!;
    await apiCall(worker, 'POST', `/space-grants/${granted.id}/reliefs`, {
      kind: 'fee',
      amountFen: 60_000,
      basis: '免收场地使用费',
      grantedOn: day(-30),
    });
    await worker.reload();
    const grantRow = worker.getByTestId('grant-table').locator('tr').filter({ hasText: operator });
    await grantRow.locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => worker.getByTestId('grant-detail').textContent()).toContain('免收场地使用费');
    expect(await worker.getByTestId('grant-detail').textContent()).toContain('¥600.00');
  });
});
