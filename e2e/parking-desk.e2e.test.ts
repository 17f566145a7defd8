// The property desk on a desk viewport (1440×900): a community worker opens 停车管理 for a compound of their own
// making, sees a closed stay's exact fee (a barrier's entry at 20:00 and exit at 10:00 the next day: 4 hours at ¥5
// and a capped ¥30 day, ¥50.00), records its payment with a reference, and sells a plate a monthly pass at the
// tariff's ¥300.00; on 通行管理 they register a visitor for a household and revoke the pass, push the lists to the
// devices again (seeing each list's result) and read the compound's public key under 技术详情. The barrier is
// registered by the subdistrict officer and sends its events through the real ingest endpoint.
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiCall, browserSuite, pick, signIn } from './support.ts';

const COMMUNITY = '330105004001';
const DAY = 86_400_000;
/** `daysAgo` days before today in Shanghai, at `time` Shanghai time. */
const local = (daysAgo: number, time: string) =>
  new Date(`${new Date(Date.now() + 8 * 3_600_000 - daysAgo * DAY).toISOString().slice(0, 10)}T${time}+08:00`);
const shanghaiMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

const suite = browserSuite();

interface Session {
  id: string;
  plate: string;
  exitedAt: string | null;
  feeFen: number | null;
  paidFen: number;
  dueFen: number;
}

describe('the parking and passage desk', () => {
  it('records a closed stay’s payment at its exact fee, sells a monthly pass, and registers and revokes a visitor pass', async () => {
    const tag = randomBytes(3).toString('hex');
    const page = await signIn(suite.browser(), suite.url(), 'hemu-worker');
    const compound = await apiCall<{ id: string }>(page, 'POST', '/compounds', {
      name: `停车台测试小区-${tag}`,
      communityCode: COMMUNITY,
      address: `和睦路停车${tag}号`,
      yearBuilt: 1990,
      floorAreaM2: '5000.00',
    });
    await apiCall(page, 'POST', `/compounds/${compound.id}/households`, {
      items: [{ building: '3幢', unit: '1单元', room: '302', floorAreaM2: '70.00' }],
    });
    const officer = await signIn(suite.browser(), suite.url(), 'hemu');
    const barrier = await apiCall<{ key: string; secret: string }>(officer, 'POST', '/devices', {
      compoundId: compound.id,
      profile: 'barrier',
      name: '东门道闸',
    });
    await officer.close();
    const plate = `浙G${String(parseInt(tag, 16) % 100000).padStart(5, '0')}`;
    const sent = await fetch(`${suite.url()}/api/v1/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Device ${barrier.key}:${barrier.secret}` },
      body: JSON.stringify({
        events: [
          { id: randomUUID(), type: 'passage.entry', at: local(2, '20:00:00').toISOString(), data: { plate, result: 'allowed' } },
          { id: randomUUID(), type: 'passage.exit', at: local(1, '10:00:00').toISOString(), data: { plate, result: 'allowed' } },
        ],
      }),
    });
    expect(sent.status).toBe(202);
    const closed = async () =>
      (await apiCall<{ items: Session[] }>(page, 'GET', `/compounds/${compound.id}/parking-sessions`)).items.find(
        (s) => s.plate === plate && s.exitedAt,
      );
    await expect.poll(closed, { timeout: 30_000 }).toBeTruthy();

    // 停车管理: the closed stay with its fee, paid in full with the app's reference.
    await page.goto(`${suite.url()}/parking?compound=${compound.id}`);
    await page.getByTestId('parking-desk').waitFor();
    await page.getByTestId('sessions-filter').getByText('已离场').click();
    const row = page.locator('[data-testid="sessions-table"] tr').filter({ has: page.locator(`[data-plate="${plate}"]`) });
    await expect.poll(() => row.getByTestId('session-fee').textContent()).toBe('¥50.00');
    expect(await row.getByTestId('session-due').textContent()).toBe('¥50.00');
    await row.getByTestId('session-pay').click();
    expect(await page.getByTestId('payment-fee').textContent()).toBe('¥50.00');
    expect(await page.getByTestId('payment-amount').inputValue()).toBe('50.00');
    const reference = `WX${tag}0001`;
    await page.getByTestId('payment-reference').fill(reference);
    await page.getByTestId('payment-submit').click();
    await expect.poll(() => row.getByTestId('session-due').textContent()).toBe('¥0.00');
    expect(await row.getByTestId('session-pay').count()).toBe(0);
    expect(await closed()).toMatchObject({ feeFen: 5000, paidFen: 5000, dueFen: 0 });
    // Paid in full: nothing more can be recorded against it.
    const again = await page.evaluate(
      async ({ id, reference }) =>
        (
          await fetch(`/api/v1/parking-sessions/${id}/payments`, {
            method: 'POST',
            credentials: 'include',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ amountFen: 1, method: 'cash', reference }),
          })
        ).status,
      { id: (await closed())!.id, reference },
    );
    expect(again).toBe(422);

    // 月卡: a plate sold this month's pass at the tariff's price.
    await page.getByRole('tab', { name: '月卡' }).click();
    const passPlate = `浙G${String((parseInt(tag, 16) + 1) % 100000).padStart(5, '0')}`;
    await page.getByTestId('pass-plate').fill(passPlate);
    expect(await page.getByTestId('pass-month').inputValue()).toBe(shanghaiMonth());
    await page.getByTestId('pass-reference').fill(`ALI${tag}0002`);
    await page.getByTestId('pass-submit').click();
    const passRow = page.locator('[data-testid="passes-table"] tr').filter({ has: page.locator(`[data-plate="${passPlate}"]`) });
    await expect.poll(() => passRow.getByTestId('pass-amount').textContent()).toBe('¥300.00');
    expect(await passRow.textContent()).toContain('生效中');

    // 通行管理: a visitor registered for the household awaits the host; the desk revokes the pass.
    await page.goto(`${suite.url()}/passage?compound=${compound.id}`);
    await page.getByTestId('passage-desk').waitFor();
    expect(await page.getByTestId('visitor-passes-table').textContent()).toContain('暂无访客通行证');
    await page.getByTestId('visitor-pass-new').click();
    await pick(page, 'visitor-pass-household', '3幢', '3幢 1单元 302');
    await page.getByTestId('visitor-pass-name').fill('钱十一');
    await page.getByTestId('visitor-pass-submit').click();
    const passes = page.locator('[data-testid="visitor-passes-table"] tbody tr').filter({ hasText: '钱*' });
    await expect.poll(() => passes.getByTestId('visitor-pass-status').textContent()).toBe('待户主确认');
    await passes.getByTestId('visitor-pass-revoke').click();
    await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await expect.poll(() => passes.getByTestId('visitor-pass-status').textContent()).toBe('已撤销');
    expect(await passes.getByTestId('visitor-pass-revoke').count()).toBe(0);

    // 名单下发: both lists built again, each with its version; the public key under 技术详情.
    await page.getByRole('tab', { name: '名单下发' }).click();
    await page.getByTestId('lists-push').click();
    await expect.poll(() => page.locator('[data-testid="lists-result"] tbody tr').count()).toBe(2);
    expect(await page.getByTestId('lists-result').textContent()).toContain('车牌名单（道闸）');
    await page.getByTestId('passage-technical').getByText('技术详情').click();
    const key = await apiCall<{ publicKey: string }>(page, 'GET', `/compounds/${compound.id}/access-key`);
    await expect.poll(() => page.getByTestId('access-key').textContent()).toBe(key.publicKey);
    await page.close();
  });
});
