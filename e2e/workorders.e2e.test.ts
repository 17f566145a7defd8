// Work orders in a real browser. The community worker raises an order in a compound the property company serves;
// the property account takes it, starts it, and completes it with a photo it previews first, and the photo shows on
// the order. On a phone, an SOS order (the call-back duty) is refused completion until the call-back to the
// resident is recorded, then completes.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, newPhonePage, pick, PASSWORD, signIn as signInAs } from './support.ts';

const suite = browserSuite();
const signIn = (username: string) => signInAs(suite.browser(), suite.url(), username);

// A real 1×1 PNG.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const status = (page: Page) => page.getByTestId('workorder-page').getAttribute('data-status');

async function completeWithPhoto(page: Page, note: string) {
  await page.getByTestId('workorder-complete-note').fill(note);
  await page
    .getByTestId('workorder-complete-form')
    .locator('input[type="file"]')
    .setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: png });
  await page.getByTestId('workorder-photo-preview').waitFor();
  await page.getByTestId('workorder-complete').click();
}

describe('work orders UI', () => {
  it('is raised by a manager, taken and completed with a photo by the property account', async () => {
    const property = await signIn('property');
    const [compound] = (await apiCall<{ items: { id: string; name: string }[] }>(property, 'GET', '/compounds?limit=1')).items;

    const manager = await signIn('hemu-worker');
    await manager.getByRole('menuitem', { name: '工单' }).click();
    await manager.getByTestId('workorders-page').waitFor();
    await manager.getByTestId('workorder-new').click();
    await pick(manager, 'workorder-new-compound', compound!.name);
    await manager.getByTestId('workorder-new-title').fill('3幢楼道灯不亮');
    await manager.getByTestId('workorder-new-description').fill('二楼到四楼的声控灯均不亮');
    await manager.getByTestId('workorder-new-submit').click();
    await manager.waitForURL(/\/work-orders\/[0-9a-f-]{36}$/);
    expect(await status(manager)).toBe('open');
    expect(await manager.getByTestId('workorder-assignee').textContent()).toBe('待接单');
    const url = manager.url();

    await property.goto(url);
    await property.getByTestId('workorder-take').click();
    await expect.poll(() => status(property)).toBe('assigned');
    expect(await property.getByTestId('workorder-assignee').textContent()).toBe('物业服务企业');
    await property.getByTestId('workorder-start').click();
    await expect.poll(() => status(property)).toBe('in_progress');
    await completeWithPhoto(property, '已更换三只声控灯');
    await expect.poll(() => status(property)).toBe('done');
    const photo = property.getByTestId('workorder-completion').locator('img');
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    expect(await property.getByTestId('workorder-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toEqual([
      'raised',
      'taken',
      'started',
      'completed',
    ]);

    // The manager's list shows it done, in words.
    await manager.goto(`${suite.url()}/work-orders`);
    const row = manager.locator(`[data-testid="workorder-row"][href="${new URL(url).pathname}"]`);
    await row.waitFor();
    await expect.poll(() => manager.locator('tr', { has: row }).getByTestId('workorder-status').textContent()).toBe('已办结');
  });

  it('on a phone, refuses to close an SOS order before the call-back is recorded', async () => {
    const manager = await signIn('hemu-worker');
    const property = await signIn('property');
    const { user: me } = await apiCall<{ user: { id: string } }>(property, 'GET', '/auth/me');
    const [compound] = (await apiCall<{ items: { id: string }[] }>(property, 'GET', '/compounds?limit=1')).items;
    const order = await apiCall<{ id: string }>(manager, 'POST', '/work-orders', {
      compoundId: compound!.id,
      title: '一键报警：2幢301',
      priority: 'urgent',
      callbackRequired: true,
      assigneeId: me.id,
    });

    const phone = await newPhonePage(suite.browser());
    await phone.goto(`${suite.url()}/login`);
    await phone.getByTestId('login-username').fill('property');
    await phone.getByTestId('login-password').fill(PASSWORD);
    await phone.getByTestId('login-submit').click();
    await phone.getByTestId('current-user').waitFor();
    await phone.goto(`${suite.url()}/work-orders/${order.id}`);
    await phone.getByTestId('workorder-callback-warning').waitFor();
    await phone.getByTestId('workorder-start').click();
    await expect.poll(() => status(phone)).toBe('in_progress');

    await completeWithPhoto(phone, '已到场，居民无恙');
    const problem = phone.getByTestId('workorder-complete-problem');
    await problem.waitFor();
    expect(await problem.getAttribute('data-status')).toBe('409');
    expect(await problem.textContent()).toContain('回访');
    expect(await status(phone)).toBe('in_progress');

    await phone.getByTestId('workorder-outcome-reached').click();
    await phone.getByTestId('workorder-callback-note').fill('居民表示已安全');
    await phone.getByTestId('workorder-callback-submit').click();
    await expect.poll(() => phone.getByTestId('workorder-callback-state').textContent()).toBe('已回访');
    await phone.getByTestId('workorder-callback').waitFor();

    await phone.getByTestId('workorder-complete').click();
    await expect.poll(() => status(phone)).toBe('done');
  });
});
