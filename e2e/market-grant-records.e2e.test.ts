// Recording a grant's tax and fee reliefs and its operator's deliveries from the opened grant on /public-spaces:
// each mistake is shown under its own field (missing fields, a period ending before it starts or outside the
// grant's term, a period already reported, which only the server knows), and what is saved shows in the tables.
// The test makes its own compound, space and grant.
import { fillPicker } from './pickers.ts';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { apiCall, browserSuite, pick, signIn } from './support.ts';

const suite = browserSuite();
const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** The error shown under the form item whose label is `label`. */
const errorUnder = (form: Locator, label: string) =>
  form
    .locator('.ant-form-item')
    .filter({ has: form.page().locator(`label:text-is("${label}")`) })
    .locator('.ant-form-item-explain-error');

describe('a grant’s reliefs and deliveries', () => {
  it('are recorded from the opened grant, with each mistake under its field', async () => {
    const tag = randomBytes(3).toString('hex');
    const worker = await signIn(suite.browser(), suite.url(), 'hemu-worker');
    const compound = await apiCall<{ id: string }>(worker, 'POST', '/compounds', {
      name: `优惠表单小区${tag}`,
      communityCode: '330105004001',
      address: `和睦路表单${tag}号`,
      yearBuilt: 1990,
      floorAreaM2: '5000.00',
    });
    const space = await apiCall<{ id: string }>(worker, 'POST', '/public-spaces', {
      compoundId: compound.id,
      kind: 'canteen_room',
      name: `助餐用房${tag}`,
    });
    const operator = `长者食堂运营${tag}`;
    const [from, to] = [day(-60), day(300)];
    await apiCall(worker, 'POST', `/public-spaces/${space.id}/grants`, {
      operatorName: operator,
      startsOn: from,
      endsOn: to,
      feeFen: 500_000,
    });

    await worker.getByRole('menuitem', { name: '公共空间' }).click();
    const grantRow = worker.getByTestId('grant-table').locator('tr').filter({ hasText: operator });
    await grantRow.locator('.ant-table-row-expand-icon').click();
    const detail = worker.getByTestId('grant-detail');
    const relief = detail.getByTestId('relief-form');
    await relief.waitFor();

    // Nothing filled in: each field says so under itself.
    await relief.getByTestId('relief-save').click();
    for (const label of ['类别', '金额', '依据', '给予日期']) await expect.poll(() => errorUnder(relief, label).textContent()).toBe('必填');

    await pick(worker, 'relief-kind', '规费', '规费减免');
    await relief.getByRole('spinbutton').fill('1500.5');
    await relief.getByTestId('relief-basis').fill(`拱墅区规费减免通知${tag}`);
    await fillPicker(relief, 'relief-granted-on', day(-30));
    await relief.getByTestId('relief-save').click();
    const reliefs = detail.getByTestId('grant-reliefs');
    await expect.poll(() => reliefs.textContent()).toContain(`拱墅区规费减免通知${tag}`);
    expect(await reliefs.textContent()).toContain('¥1,500.50');
    expect(await errorUnder(relief, '金额').count()).toBe(0);

    const delivery = detail.getByTestId('delivery-form');
    const fillPeriod = async (start: string, end: string) => {
      await fillPicker(delivery, 'delivery-start', start);
      await fillPicker(delivery, 'delivery-end', end);
    };
    const fillCounts = async (services: string, beneficiaries: string, summary: string) => {
      await delivery.getByRole('spinbutton').nth(0).fill(services);
      await delivery.getByRole('spinbutton').nth(1).fill(beneficiaries);
      await delivery.getByTestId('delivery-summary').fill(summary);
    };
    // An end before the start: under the end date.
    await fillPeriod(day(-10), day(-20));
    await fillCounts('120', '45', '每日午餐助餐');
    await delivery.getByTestId('delivery-save').click();
    await expect.poll(() => errorUnder(delivery, '时段结束').textContent()).toBe('结束日期不能早于开始日期');
    expect(await errorUnder(delivery, '时段开始').count()).toBe(0);
    // A start before the grant's term: under the start date.
    await fillPeriod(day(-90), day(-1));
    await delivery.getByTestId('delivery-save').click();
    await expect.poll(() => errorUnder(delivery, '时段开始').textContent()).toBe(`应在使用期限 ${from} 至 ${to} 之内`);
    expect(await errorUnder(delivery, '时段结束').count()).toBe(0);

    await fillPeriod(day(-30), day(-1));
    await delivery.getByTestId('delivery-save').click();
    const deliveries = detail.getByTestId('grant-deliveries');
    await expect.poll(() => deliveries.textContent()).toContain(`${day(-30)} ~ ${day(-1)}`);
    expect(await deliveries.textContent()).toContain('每日午餐助餐');

    // The same period again: only the server knows it is taken, and its answer shows under the start date.
    await fillPeriod(day(-30), day(-2));
    await fillCounts('10', '5', '重复的时段');
    await delivery.getByTestId('delivery-save').click();
    await expect.poll(() => errorUnder(delivery, '时段开始').textContent()).toBe('该时段的服务情况已登记。');
    expect(await delivery.getByTestId('delivery-problem').count()).toBe(0);
    expect(await deliveries.textContent()).not.toContain('重复的时段');
  });
});
