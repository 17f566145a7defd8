// An SOS nobody acknowledges becomes a grid event, and the duty console's alarm drawer names it (its ref and state)
// with a link to the event's page. The escalation clock is moved by passing `now` to the server's own function
// (the server runs in this process), never by waiting for it.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ruleAt } from '../src/platform/policy.ts';
import { escalateDue } from '../src/modules/smart/index.ts';
import { apiCall, browserSuite, signIn } from './support.ts';

interface Me {
  user: { scope: { compoundIds: string[] } };
}
interface AlarmDetail {
  id: string;
  firstAt: string;
  gridEvent: { id: string; ref: string; state: string } | null;
}

describe('the duty console and grid events', () => {
  const suite = browserSuite();

  it("shows the grid event an unhandled SOS became, linked to the event's page", async () => {
    const page = await signIn(suite.browser(), suite.url(), 'property');
    const me = await apiCall<Me>(page, 'GET', '/auth/me');
    const name = '7幢2单元 一键报警';
    const device = await apiCall<{ id: string; key: string; secret: string }>(page, 'POST', '/devices', {
      compoundId: me.user.scope.compoundIds[0],
      profile: 'sos_button',
      name,
    });
    const pressed = await fetch(`${suite.url()}/api/v1/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Device ${device.key}:${device.secret}` },
      body: JSON.stringify({ events: [{ id: randomUUID(), type: 'sos.pressed', at: new Date().toISOString(), data: {} }] }),
    });
    expect(pressed.status).toBe(202);
    const list = await apiCall<{ items: { id: string; deviceId: string }[] }>(page, 'GET', '/alarms?status=open&limit=50');
    const alarmId = list.items.find((a) => a.deviceId === device.id)!.id;
    const firstAt = new Date((await apiCall<AlarmDetail>(page, 'GET', `/alarms/${alarmId}`)).firstAt);

    // Nobody acknowledges: the clock climbs the duty levels to the top, where the rule hands the alarm over.
    const ctx = suite.ctx();
    const sla = (await ruleAt<{ levels: string[]; severities: { critical: { acknowledgeSeconds: number } } }>(ctx.db, 'smart.alarm_sla'))
      .value;
    for (let step = 1; step < sla.levels.length; step++) {
      const now = new Date(firstAt.getTime() + step * sla.severities.critical.acknowledgeSeconds * 1000);
      // The raise's notify job may still hold the alarm's row (the clock skips locked rows): run again until it climbs.
      await expect.poll(async () => (await escalateDue(ctx, now, alarmId)).length, { timeout: 15_000 }).toBe(1);
    }
    await expect
      .poll(async () => (await apiCall<AlarmDetail>(page, 'GET', `/alarms/${alarmId}`)).gridEvent?.state, { timeout: 30_000 })
      .toBe('reported');
    const { gridEvent } = await apiCall<AlarmDetail>(page, 'GET', `/alarms/${alarmId}`);

    await page.getByRole('menuitem', { name: /值班台/ }).click();
    await page.waitForURL(/\/duty/);
    const card = page.locator('[data-testid="duty-alarm"]').filter({ hasText: name });
    await card.waitFor({ timeout: 15_000 });
    await card.getByTestId('duty-alarm-open').click();
    const link = page.getByTestId('duty-drawer-grid-event');
    await link.waitFor();
    expect(await link.textContent()).toBe(gridEvent!.ref);
    expect(await link.getAttribute('href')).toBe(`/grid-events/${gridEvent!.id}`);
    expect(await link.getAttribute('data-state')).toBe('reported');
    expect(await page.getByTestId('duty-drawer').textContent()).toContain('网格事件');
    expect(await page.getByTestId('duty-drawer').textContent()).toContain('待接收');
    // The hand-over is in the alarm's history, in words.
    expect(await page.getByTestId('duty-steps').textContent()).toContain('转网格事件');
    await page.screenshot({ path: 'test-results/duty-alarm-grid-event-1440.png', fullPage: true });
    // The link opens the grid event's own page.
    await link.click();
    const eventPage = page.getByTestId('grid-event-page');
    await eventPage.waitFor();
    expect(await eventPage.getAttribute('data-state')).toBe('reported');
    expect(await eventPage.textContent()).toContain(gridEvent!.ref);
  });
});
