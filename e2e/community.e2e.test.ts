// Notices and the lobby screen in Chromium: a community worker publishes a notice to one building from the staff
// page; a resident of that building (signing in on /m on a phone, 390×844) sees it unread on the home page and in
// the list, reads it, and the marker goes; the worker's receipt count moves from 0/1 to 1/1; the lobby screen
// (no sign-in, its token in the URL) shows the notice and today's menu, in landscape (1920×1080) and portrait. On the
// way the resident books tomorrow's lunch (price quoted) and opens shops nearby; at the end the worker replaces the
// screen's link (the old one is refused, the new one shows the screen) and sees the booking on the canteen's week.
// The test makes its own compound, homes, resident (bound and verified by two workers), canteen and menu.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, newPhonePage, pick, signIn, smsGateway, signInOnPhone } from './support.ts';

const COMMUNITY = '330105004001';
const { messages, settings } = smsGateway();
const suite = browserSuite({ settings });

/** Today in Shanghai, yyyy-mm-dd. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function screenPage(width: number, height: number, path: string): Promise<Page> {
  const context = await suite.browser().newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${suite.url()}${path}`);
  return page;
}

describe('community notices and the lobby screen', () => {
  it('goes from a notice published to a building to the resident reading it, the receipt count and the screen', async () => {
    const tag = randomBytes(3).toString('hex');
    const residentPhone = `136${String(parseInt(tag, 16) % 1e8).padStart(8, '0')}`;
    const worker = await signIn(suite.browser(), suite.url(), 'hemu-worker');
    const compound = await apiCall<{ id: string }>(worker, 'POST', '/compounds', {
      name: `通知测试小区-${tag}`,
      communityCode: COMMUNITY,
      address: `和睦路${tag}号`,
      yearBuilt: 1991,
      floorAreaM2: '4000.00',
      latitude: '30.310100',
      longitude: '120.140200',
    });
    const { ids } = await apiCall<{ ids: string[] }>(worker, 'POST', `/compounds/${compound.id}/households`, {
      items: [
        { building: '1幢', unit: '1单元', room: '101', floorAreaM2: '70.00' },
        { building: '2幢', unit: '1单元', room: '201', floorAreaM2: '70.00' },
      ],
    });
    const bound = await apiCall<{ residentId: string }>(worker, 'POST', `/households/${ids[1]}/residents`, {
      name: '通知读者',
      phone: residentPhone,
    });
    const second = await signIn(suite.browser(), suite.url(), 'hemu-worker-2');
    await apiCall(second, 'POST', `/households/${ids[1]}/residents/${bound.residentId}/verification`, { decision: 'verified' });
    await second.close();
    // A canteen for this compound with tonight's menu, and the screen's link.
    const canteen = await apiCall<{ id: string }>(worker, 'POST', '/canteens', {
      communityCode: COMMUNITY,
      compoundId: compound.id,
      name: `通知测试食堂-${tag}`,
      address: '服务中心一楼',
    });
    await apiCall(worker, 'PUT', `/canteens/${canteen.id}/menus/${today()}/dinner`, {
      capacity: 40,
      dishes: [
        { name: '东坡肉', priceFen: 1500 },
        { name: '米饭', priceFen: 100 },
      ],
    });
    const screen = await apiCall<{ path: string }>(worker, 'POST', `/compounds/${compound.id}/screen/token`);
    // Tomorrow's lunch, always open for booking whatever the hour of the run.
    const tomorrow = new Date(Date.parse(`${today()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const lunch = await apiCall<{ dishes: { id: string; name: string }[] }>(
      worker,
      'PUT',
      `/canteens/${canteen.id}/menus/${tomorrow}/lunch`,
      {
        capacity: 20,
        dishes: [
          { name: '清蒸鲈鱼', priceFen: 1650 },
          { name: '米饭', priceFen: 100 },
        ],
      },
    );

    // The worker publishes to 2幢 from the notices page.
    await worker.goto(`${suite.url()}/community/notices?compound=${compound.id}`);
    await worker.getByTestId('notice-new').click();
    await worker.getByTestId('notice-title').fill('2幢电梯维保通知');
    await worker.getByTestId('notice-body').fill('本周四 9:00—12:00 2幢电梯维保，暂停使用。');
    await worker.getByTestId('notice-building-2幢').click();
    await worker.getByTestId('notice-publish-ok').click();
    const row = worker.locator('[data-testid^="notice-count-"]').first();
    await row.waitFor();
    const noticeId = (await row.getAttribute('data-testid'))!.replace('notice-count-', '');
    expect(await row.getAttribute('data-targeted')).toBe('1');
    expect(await row.getAttribute('data-read')).toBe('0');

    // The resident on a phone: one unread notice on the home page, then in the list, then read.
    const phone = await newPhonePage(suite.browser());
    await signInOnPhone(phone, suite.url(), residentPhone, messages);
    await expect.poll(() => phone.getByTestId('m-community-notices-badge').getAttribute('data-count')).toBe('1');
    await phone.getByTestId('m-community-notices').click();
    const item = phone.getByTestId(`m-notice-${noticeId}`);
    expect(await item.getAttribute('data-unread')).toBe('true');
    await item.click();
    await phone.getByTestId('m-notice-detail').waitFor();
    expect(await phone.getByTestId('m-notice-title').textContent()).toBe('2幢电梯维保通知');
    expect(await phone.getByTestId('m-notice-body').textContent()).toContain('暂停使用');
    await phone.getByTestId('m-back').click();
    await phone.getByTestId('m-home').waitFor();
    await expect.poll(() => phone.getByTestId('m-community-notices-badge').getAttribute('data-count')).toBe('0');
    await phone.goto(`${suite.url()}/m/notices`);
    await expect.poll(() => phone.getByTestId(`m-notice-${noticeId}`).getAttribute('data-unread')).toBe('false');

    // The resident books tomorrow's lunch: the price is quoted, the booking listed (no subsidy: no diner record).
    await phone.getByTestId('m-back').click();
    await phone.getByTestId('m-community-canteen').click();
    const menuCard = phone.getByTestId(`m-menu-${canteen.id}-${tomorrow}-lunch`);
    await menuCard.waitFor();
    expect(await menuCard.getAttribute('data-bookable')).toBe('true');
    await menuCard.getByTestId(`m-dish-${lunch.dishes[0]!.id}`).fill('1');
    await menuCard.getByTestId(`m-dish-${lunch.dishes[1]!.id}`).fill('2');
    await expect.poll(() => menuCard.getByTestId('m-menu-quote').getAttribute('data-pay')).toBe('1850');
    await menuCard.getByTestId('m-menu-book').click();
    await phone.locator('[data-testid^="m-booking-"][data-status="booked"]').first().waitFor();
    expect(await phone.getByTestId('m-bookings').textContent()).toContain('清蒸鲈鱼×1');
    await phone.getByTestId('m-back').click();
    await phone.getByTestId('m-community-shops').click();
    await phone.getByTestId('m-shops').waitFor();

    // The worker's count moves, and the notice's drawer names the home that read it.
    await worker.reload();
    await expect.poll(() => worker.getByTestId(`notice-count-${noticeId}`).getAttribute('data-read')).toBe('1');
    await worker.getByTestId(`notice-row-${noticeId}`).click();
    await expect.poll(() => worker.getByTestId('notice-receipts').getAttribute('data-read')).toBe('1');
    expect(await worker.getByTestId('notice-drawer').textContent()).toContain('2幢 1单元 201');

    // The lobby screen, landscape then portrait: the notice and tonight's menu, with no sign-in.
    for (const [width, height] of [
      [1920, 1080],
      [1080, 1920],
    ] as const) {
      const lobby = await screenPage(width, height, screen.path);
      await lobby.getByTestId(`screen-notice-${noticeId}`).waitFor();
      expect(await lobby.getByTestId('screen-compound').textContent()).toBe(`通知测试小区-${tag}`);
      expect(await lobby.getByTestId(`screen-notice-${noticeId}`).textContent()).toContain('2幢电梯维保通知');
      expect(await lobby.getByTestId(`screen-meal-${canteen.id}-dinner`).textContent()).toContain('东坡肉');
      const notices = (await lobby.getByTestId('screen-notices').boundingBox())!;
      const menu = (await lobby.getByTestId('screen-menu').boundingBox())!;
      // Side by side in landscape, one above the other in portrait.
      if (width > height) expect(menu.x).toBeGreaterThan(notices.x + notices.width - 1);
      else expect(menu.y).toBeGreaterThan(notices.y + notices.height - 1);
      await lobby.context().close();
    }
    // A wrong token shows the refusal, never the content.
    const wrong = await screenPage(1920, 1080, `/screen/${compound.id}?token=${'x'.repeat(32)}`);
    await wrong.getByTestId('screen-invalid').waitFor();
    expect(await wrong.getByTestId('screen-notices').count()).toBe(0);
    await wrong.context().close();

    // The worker replaces the screen's link from the staff page: the new one shows the screen, the old one is refused.
    await worker.goto(`${suite.url()}/community/screens`);
    await pick(worker, 'screens-compound', `通知测试小区-${tag}`);
    await expect.poll(() => worker.getByTestId('screen-status').getAttribute('data-configured')).toBe('true');
    await worker.getByTestId('screen-rotate').click();
    await worker.locator('.ant-popconfirm .ant-btn-primary').click();
    const link = (await worker.getByTestId('screen-link').textContent())!.trim();
    expect(link).toContain(`/screen/${compound.id}?token=`);
    const replaced = await screenPage(1920, 1080, screen.path);
    await replaced.getByTestId('screen-invalid').waitFor();
    await replaced.goto(link);
    await replaced.getByTestId(`screen-notice-${noticeId}`).waitFor();
    await replaced.context().close();
    // The canteen's page lists this canteen's week with tomorrow's booking counted.
    await worker.goto(`${suite.url()}/community/canteen`);
    await pick(worker, 'canteen-pick', `通知测试食堂-${tag}`);
    await expect.poll(() => worker.getByText('已订 1 / 20').count()).toBe(1);
  });
});
