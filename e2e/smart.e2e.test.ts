// The duty console (值班台) and the overview's safety figures in a real browser against a real server:
// a device registered through the API presses SOS over MQTT to the server's embedded broker, and the console
// shows it live with its sound cue, acknowledges and clears it; the overview shows the safety figures at city
// and subdistrict level; and on a first start with the simulator on, 和睦街道's console shows devices online
// and alarms arriving. Screenshots at desk and phone size go to test-results/.
import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiCall, browserSuite, newPhonePage, PASSWORD, signIn } from './support.ts';

interface Me {
  user: { scope: { division: string | null; compoundIds: string[] } };
}
interface IngestInfo {
  mqttUrl: string;
  eventTopic: string;
}
interface NewDevice {
  id: string;
  key: string;
  secret: string;
}

/** Publishes one event as the device, QoS 1, and waits for the broker's acknowledgement. */
async function publish(info: IngestInfo, device: NewDevice, type: string, data: Record<string, unknown> = {}): Promise<void> {
  const client = await mqtt.connectAsync(info.mqttUrl, {
    username: device.key,
    password: device.secret,
    clientId: `e2e-${device.key}`,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
  });
  try {
    const topic = info.eventTopic.replace('{key}', device.key);
    await client.publishAsync(topic, JSON.stringify({ id: randomUUID(), type, at: new Date().toISOString(), data }), { qos: 1 });
  } finally {
    await client.endAsync();
  }
}

/** Registers an SOS button in the account's first compound and presses it over MQTT; answers the device. */
async function pressSos(page: Page, name: string): Promise<NewDevice> {
  const me = await apiCall<Me>(page, 'GET', '/auth/me');
  const compoundId = me.user.scope.compoundIds[0]!;
  const device = await apiCall<NewDevice>(page, 'POST', '/devices', { compoundId, profile: 'sos_button', name });
  const info = await apiCall<IngestInfo>(page, 'GET', '/ingest/info');
  await publish(info, device, 'heartbeat');
  await publish(info, device, 'sos.pressed');
  return device;
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

async function signInPhone(browser: Parameters<typeof newPhonePage>[0], url: string, username: string): Promise<Page> {
  const page = await newPhonePage(browser);
  await page.goto(`${url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
  return page;
}

describe('duty console', () => {
  const suite = browserSuite({ settings: { MQTT_PORT: '0' } });

  it('receives a live SOS with its sound cue, acknowledges and clears it', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'property');
    await page.getByRole('menuitem', { name: /值班台/ }).click();
    await page.waitForURL(/\/duty/);
    const console_ = page.getByTestId('duty-page');
    expect(await console_.getAttribute('data-level')).toBe('compound');
    await expect.poll(() => page.getByTestId('duty-live').getAttribute('data-state'), { timeout: 15_000 }).toBe('open');
    await expect.poll(() => page.getByTestId('duty-live').textContent()).toContain('实时');
    // The sound is turned on by a click, as a browser requires.
    await page.getByTestId('duty-sound').click();
    expect(await page.getByTestId('duty-sound').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('duty-sound-cue').getAttribute('data-sound-cue')).toBe('0');

    await pressSos(page, '3幢1单元 一键报警');

    // The alarm arrives without a reload: under 紧急, named by its device, with the cue fired once.
    const card = page.locator(`[data-testid="duty-alarm"][data-severity="critical"]`).filter({ hasText: '3幢1单元 一键报警' });
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getByTestId('duty-alarm-type').textContent()).toBe('居民一键报警');
    expect(await card.getAttribute('data-status')).toBe('active');
    const group = page.locator('[data-testid="duty-severity-group"][data-severity="critical"]');
    expect(await group.textContent()).toContain('紧急');
    await expect.poll(() => page.getByTestId('duty-sound-cue').getAttribute('data-sound-cue')).toBe('1');
    expect(await page.getByTestId('duty-sound-cue').textContent()).toContain('紧急告警提示音');
    expect(await card.textContent()).toContain('首次发生（北京时间）');
    await shoot(page, 'duty-console-alarm-1440');
    // The same console on a phone: the alarm card fits the narrow screen.
    const phone = await signInPhone(suite.browser(), suite.url(), 'property');
    await phone.goto(`${suite.url()}/duty`);
    await phone.locator('[data-testid="duty-alarm"][data-severity="critical"]').first().waitFor();
    await expect.poll(() => phone.getByTestId('duty-live').getAttribute('data-state'), { timeout: 15_000 }).toBe('open');
    await shoot(phone, 'duty-console-alarm-390');
    await phone.context().close();

    // Acknowledge with the keyboard: the button is reachable and the status follows.
    await card.getByTestId('duty-alarm-ack').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => card.getAttribute('data-status')).toBe('acknowledged');
    expect(await card.getByTestId('duty-alarm-status').textContent()).toBe('已确认');

    // Hand it to the community's worker from the drawer: the picker offers only those who may handle it here.
    await card.getByTestId('duty-alarm-open').click();
    const assign = page.getByTestId('duty-assign-select');
    await assign.waitFor();
    await assign.click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '和睦社区 社工甲' })
      .click();
    await page.getByTestId('duty-assign-submit').click();
    await expect.poll(() => page.getByTestId('duty-drawer-assignee').textContent()).toBe('和睦社区 社工甲');
    expect(await page.getByTestId('duty-raise-order').isVisible()).toBe(true);
    await page.locator('.ant-drawer-open .ant-drawer-close').click();
    await expect.poll(() => page.getByTestId('duty-assign').count()).toBe(0);

    // Clearing by hand needs a note.
    await card.getByTestId('duty-alarm-clear').click();
    await page.getByTestId('duty-clear-submit').click();
    await page.getByText('请填写解除说明').waitFor();
    await page.getByTestId('duty-clear-note').fill('现场核实：住户误按，已回访');
    await page.getByTestId('duty-clear-submit').click();
    await expect.poll(() => card.count()).toBe(0);

    // The history has it, cleared, with its note in the drawer.
    await page.getByTestId('duty-tab-history').click();
    const row = page.locator('[data-testid="duty-history-row"]').filter({ hasText: '居民一键报警' }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('已解除');
    await row.click();
    await expect.poll(() => page.getByTestId('duty-drawer-clear-note').textContent()).toBe('现场核实：住户误按，已回访');
    expect(await page.getByTestId('duty-drawer-status').getAttribute('data-status')).toBe('cleared');
    await page.keyboard.press('Escape');

    // The devices tab lists the new device online.
    await page.getByTestId('duty-tab-devices').click();
    const deviceRow = page.locator('[data-testid="duty-device-row"]').filter({ hasText: '3幢1单元 一键报警' });
    await expect.poll(() => deviceRow.getAttribute('data-status')).toBe('online');

    await page.context().close();
  });

  it('shows the safety figures on the overview at city and subdistrict level', async () => {
    // An alarm of its own in 和睦街道, acknowledged and cleared, so every figure has something to show.
    const property = await signIn(suite.browser(), suite.url(), 'property');
    const device = await pressSos(property, '5幢 一键报警');
    let alarm: { id: string } | undefined;
    await expect
      .poll(async () => {
        const list = await apiCall<{ items: { id: string; deviceId: string }[] }>(property, 'GET', '/alarms?status=open');
        alarm = list.items.find((a) => a.deviceId === device.id);
        return !!alarm;
      })
      .toBe(true);
    await apiCall(property, 'POST', `/alarms/${alarm!.id}/acknowledge`);
    await apiCall(property, 'POST', `/alarms/${alarm!.id}/clear`, { note: '演练' });
    await property.context().close();

    const page = await signIn(suite.browser(), suite.url(), 'admin');
    for (const division of ['330100', '330105004']) {
      await page.goto(`${suite.url()}/overview/${division}`);
      const safety = page.getByTestId('safety-cards');
      await expect.poll(() => safety.getAttribute('data-division'), { timeout: 15_000 }).toBe(division);
      const summary = await apiCall<{
        alarms: { total: number };
        devices: { total: number; online: number };
        meanSecondsToAcknowledge: number | null;
      }>(page, 'GET', `/safety/summary?division=${division}`);
      expect(summary.alarms.total).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('safety-alarms').getAttribute('data-value')).toBe(String(summary.alarms.total));
      expect(await page.getByTestId('safety-online').getAttribute('data-value')).toBe(String(summary.devices.online));
      expect(summary.devices.online).toBeGreaterThan(0);
      const critical = page.getByTestId('safety-by-severity').locator('[data-severity="critical"]');
      expect(Number(await critical.getAttribute('data-value'))).toBeGreaterThan(0);
      expect(await critical.textContent()).toContain('紧急');
      expect(await page.getByTestId('safety-by-type').textContent()).toContain('居民一键报警');
      // Mean times in words (秒 / 分), never a bare number of seconds.
      expect(await page.getByTestId('safety-mtta').getAttribute('data-value')).toBe(String(summary.meanSecondsToAcknowledge));
      expect(await page.getByTestId('safety-mtta-value').textContent()).toMatch(/秒|分/);
      expect(await page.getByTestId('safety-mttc-value').textContent()).toMatch(/秒|分/);
      await shoot(page, `overview-safety-${division}-1440`);
    }
    // A role that does not read alarms sees no safety figures.
    const evaluator = await signIn(suite.browser(), suite.url(), 'evaluator');
    await evaluator.goto(`${suite.url()}/overview/330100`);
    await evaluator.getByTestId('overview-kpis').waitFor();
    expect(await evaluator.getByTestId('safety-cards').count()).toBe(0);
    await evaluator.context().close();
    await page.context().close();
  });
});

describe('the demo on first start', () => {
  // As `npm start` runs it: the demo city with its devices and the gentle simulator on. The simulator's alarms are
  // occasional (a gentle rate), so this test waits minutes rather than seconds for one to arrive.
  const suite = browserSuite({ settings: { SIMULATOR: 'on' } });

  it("shows 和睦街道's console with devices online and alarms arriving from the simulator", async () => {
    const page = await signIn(suite.browser(), suite.url(), 'hemu');
    await page.getByRole('menuitem', { name: /值班台/ }).click();
    await page.waitForURL(/\/duty/);
    expect(await page.getByTestId('duty-page').getAttribute('data-level')).toBe('subdistrict');
    await expect.poll(() => page.getByTestId('duty-live').getAttribute('data-state'), { timeout: 15_000 }).toBe('open');

    // Alarms arrive over the live feed: the open list changes without a reload.
    const seen = async () =>
      page
        .locator('[data-testid="duty-alarm"]')
        .evaluateAll((cards) => cards.map((c) => `${c.getAttribute('data-id')}:${c.getAttribute('data-count')}`).join(','));
    const before = await seen();
    await expect.poll(seen, { timeout: 180_000, interval: 1_000 }).not.toBe(before);
    expect(await page.locator('[data-testid="duty-alarm"]').count()).toBeGreaterThan(0);
    await shoot(page, 'duty-demo-hemu-1440');

    await page.getByTestId('duty-tab-devices').click();
    const online = page.getByTestId('duty-devices-online');
    await expect.poll(async () => Number(await online.getAttribute('data-online')), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await online.textContent()).toMatch(/在线 \d+ \/ 共 \d+ 台/);
    await shoot(page, 'duty-demo-hemu-devices-1440');

    const phone = await signInPhone(suite.browser(), suite.url(), 'hemu');
    await phone.goto(`${suite.url()}/duty`);
    await phone.locator('[data-testid="duty-alarm"]').first().waitFor({ timeout: 30_000 });
    await shoot(phone, 'duty-demo-hemu-390');
    await phone.context().close();
    await page.context().close();
  }, 300_000);
});
