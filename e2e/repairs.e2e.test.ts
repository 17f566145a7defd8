// Property repairs in Chromium on a phone (390×844): a resident files a leaking pipe with a photo on /m; the
// property staff member takes it (抢单) on their phone, completes it with a photo, and records the follow-up call;
// the resident sees every step and rates the repair. The test makes its own compound, a household, a resident with
// a phone of their own (bound and verified by two community workers) and a property staff account scoped to the
// compound. One-time codes reach a stand-in SMS gateway.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { upsertAccount } from '../src/modules/accounts/index.ts';
import { apiCall, browserSuite, newPhonePage, PASSWORD, signIn, smsGateway, signInOnPhone } from './support.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const COMMUNITY = '330105004001';

const { messages, settings } = smsGateway();
const suite = browserSuite({ settings });

/** Signs in on a phone-sized page through the staff login, then opens `path`. */
async function phoneStaff(username: string, path: string): Promise<Page> {
  const page = await newPhonePage(suite.browser());
  await page.goto(`${suite.url()}/login?next=${encodeURIComponent(path)}`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === path);
  return page;
}

describe('property repairs', () => {
  it('goes from a resident’s leaking pipe with a photo to the staff’s taking, completion, follow-up call and the rating', async () => {
    const tag = randomBytes(3).toString('hex');
    const residentPhone = `135${String(parseInt(tag, 16) % 1e8).padStart(8, '0')}`;

    // The compound, its household and a new resident bound to it, verified by a second worker.
    const worker = await signIn(suite.browser(), suite.url(), 'hemu-worker');
    const compound = await apiCall<{ id: string }>(worker, 'POST', '/compounds', {
      name: `报修测试小区-${tag}`,
      communityCode: COMMUNITY,
      address: `和睦路${tag}号`,
      yearBuilt: 1993,
      floorAreaM2: '6000.00',
    });
    const { ids } = await apiCall<{ ids: string[] }>(worker, 'POST', `/compounds/${compound.id}/households`, {
      items: [{ building: '5幢', unit: '2单元', room: '402', floorAreaM2: '80.00' }],
    });
    const bound = await apiCall<{ residentId: string }>(worker, 'POST', `/households/${ids[0]}/residents`, {
      name: '报修居民',
      phone: residentPhone,
    });
    const second = await signIn(suite.browser(), suite.url(), 'hemu-worker-2');
    await apiCall(second, 'POST', `/households/${ids[0]}/residents/${bound.residentId}/verification`, { decision: 'verified' });
    await second.close();
    await worker.close();
    // The property company's staff member who serves the compound.
    const staffName = `repair-e2e-${tag}`;
    await suite.ctx().db.transaction((tx) =>
      upsertAccount(tx, {
        username: staffName,
        displayName: '物业维修 王师傅',
        password: PASSWORD,
        role: 'property_manager',
        scopeCompoundIds: [compound.id],
      }),
    );

    // The resident signs in on /m with the code the gateway caught, and files from the home page's tile.
    const phone = await newPhonePage(suite.browser());
    await signInOnPhone(phone, suite.url(), residentPhone, messages);
    await phone.getByTestId('m-repair-new').click();
    await phone.getByTestId('m-repair-new-page').waitFor();
    expect(await phone.getByTestId('m-repair-home').textContent()).toContain('5幢2单元402');
    // Nothing chosen yet: the form names what is missing and files nothing.
    await phone.getByTestId('m-repair-submit').click();
    await phone.getByTestId('m-repair-missing-category').waitFor();
    await phone.getByTestId('m-repair-category-water').click();
    expect(await phone.getByTestId('m-repair-category-water').textContent()).toBe('水管漏水与给排水');
    expect(await phone.getByTestId('m-repair-due-hint').textContent()).toContain('24');
    await phone.getByTestId('m-repair-description').fill('厨房水槽下方水管接口漏水，地面有积水');
    await phone.getByTestId('m-repair-photo-input').setInputFiles({ name: 'leak.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => phone.getByTestId('m-repair-thumbs').getAttribute('data-count')).toBe('1');
    await phone.getByTestId('m-repair-submit').click();
    await phone.getByTestId('m-repair').waitFor();
    const repairId = new URL(phone.url()).pathname.split('/').at(-1)!;
    expect(await phone.getByTestId('m-repair-status').textContent()).toBe('待接单');
    await expect.poll(() => phone.locator('[data-testid="m-repair-photos"] img').count()).toBe(1);

    // The staff member opens it on their phone and takes it (抢单).
    const staff = await phoneStaff(staffName, `/repairs/${repairId}`);
    await staff.getByTestId('repair-page').waitFor();
    expect(await staff.getByTestId('repair-status').textContent()).toBe('待接单');
    await expect.poll(() => staff.locator('[data-testid="repair-photos"] img').count()).toBe(1);
    await staff.getByTestId('repair-take').click();
    await expect.poll(() => staff.getByTestId('repair-page').getAttribute('data-status')).toBe('assigned');
    expect(await staff.getByTestId('repair-assignee').textContent()).toBe('物业维修 王师傅');

    // Done with a photo and a note.
    await staff.getByTestId('repair-complete').click();
    await staff.getByTestId('repair-complete-note').fill('已更换水管接头，试水半小时无渗漏');
    await staff.getByTestId('repair-complete-photo').setInputFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => staff.getByTestId('repair-complete-photo-count').getAttribute('data-count')).toBe('1');
    await staff.getByTestId('repair-complete-ok').click();
    await expect.poll(() => staff.getByTestId('repair-page').getAttribute('data-status')).toBe('done');
    await expect.poll(() => staff.locator('[data-testid="repair-completion-photos"] img').count()).toBe(1);

    // The follow-up call.
    await staff.getByTestId('repair-follow-up').click();
    await staff.getByTestId('repair-outcome-satisfied').click();
    await staff.getByTestId('repair-follow-up-note').fill('电话回访，居民确认已不漏水');
    await staff.getByTestId('repair-follow-up-ok').click();
    await staff.getByTestId('repair-follow-ups').getByText('电话回访，居民确认已不漏水').waitFor();

    // The resident sees every step by role (never a name) and the photo of the finished work, then rates it.
    await phone.reload();
    await expect.poll(() => phone.getByTestId('m-repair').getAttribute('data-status')).toBe('done');
    expect(await phone.getByTestId('m-repair-status').textContent()).toBe('已完成');
    const actions = () => phone.getByTestId('m-repair-timeline-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(await actions()).toEqual(['filed', 'taken', 'completed', 'followed_up']);
    expect(await phone.getByTestId('m-repair-timeline').textContent()).toContain('满意');
    expect(await phone.getByTestId('m-repair-timeline').textContent()).not.toContain('王师傅');
    expect(await phone.getByTestId('m-repair-completion').textContent()).toContain('已更换水管接头');
    await expect.poll(() => phone.locator('[data-testid="m-repair-completion-photos"] img').count()).toBe(1);
    await phone.getByTestId('m-repair-rate-stars').locator('li').nth(4).click();
    await phone.getByTestId('m-repair-rate-comment').fill('师傅来得很快，修得很好');
    await phone.getByTestId('m-repair-rate-submit').click();
    await expect.poll(() => phone.getByTestId('m-repair-rating').getAttribute('data-stars')).toBe('5');
    expect(await phone.getByTestId('m-repair-rate').count()).toBe(0);
    await expect.poll(actions).toEqual(['filed', 'taken', 'completed', 'followed_up', 'rated']);

    // The list on /m shows it done; the staff's page shows the rating.
    await phone.getByTestId('m-back').click();
    await phone.getByTestId('m-repair-mine').click();
    expect(await phone.getByTestId(`m-repair-item-${repairId}`).getByTestId('m-repair-item-status').textContent()).toBe('已完成');
    await staff.reload();
    await expect.poll(() => staff.getByTestId('repair-rating-stars').getAttribute('data-stars')).toBe('5');
    await staff.goto(`${suite.url()}/repairs`);
    // On a phone the staff's list is cards, the status in words.
    const card = staff.getByTestId('repairs-cards').locator(`[data-id="${repairId}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('已完成');
    await phone.close();
    await staff.close();
  });
});
