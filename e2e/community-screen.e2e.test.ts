// The lobby screen refreshes itself: with the screen open (its link asking for a refresh every second instead of
// the server's 30), a notice published through the API appears on it without a reload, and one withdrawn goes.
// The test makes its own compound and screen link.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiCall, browserSuite, signIn } from './support.ts';

const suite = browserSuite();

describe('the lobby screen', () => {
  it('shows a notice published while it is open, and drops one withdrawn, without a reload', async () => {
    const tag = randomBytes(3).toString('hex');
    const worker = await signIn(suite.browser(), suite.url(), 'hemu-worker');
    const compound = await apiCall<{ id: string }>(worker, 'POST', '/compounds', {
      name: `大屏刷新小区-${tag}`,
      communityCode: '330105004001',
      address: `和睦路大屏${tag}号`,
      yearBuilt: 1993,
      floorAreaM2: '3000.00',
    });
    const screen = await apiCall<{ path: string }>(worker, 'POST', `/compounds/${compound.id}/screen/token`);

    const context = await suite.browser().newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const lobby = await context.newPage();
    lobby.setDefaultTimeout(20_000);
    await lobby.goto(`${suite.url()}${screen.path}&refresh=1`);
    await expect.poll(() => lobby.getByTestId('screen-compound').textContent()).toBe(`大屏刷新小区-${tag}`);
    // A mark on this document: a reload would start a new one without it.
    await lobby.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const shownBefore = await lobby.getByTestId('screen').getAttribute('data-updated');

    const notice = await apiCall<{ id: string }>(worker, 'POST', '/notices', {
      compoundId: compound.id,
      title: `停水通知-${tag}`,
      body: '明日上午九时至十二时全小区停水，请提前储水。',
    });
    const shown = lobby.getByTestId(`screen-notice-${notice.id}`);
    await shown.waitFor();
    expect(await shown.textContent()).toContain(`停水通知-${tag}`);

    await apiCall(worker, 'POST', `/notices/${notice.id}/withdraw`);
    await shown.waitFor({ state: 'detached' });

    expect(await lobby.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await lobby.getByTestId('screen').getAttribute('data-updated')).not.toBe(shownBefore);
    await context.close();
    await worker.close();
  });
});
