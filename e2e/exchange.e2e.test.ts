// The exchange page in a real browser: the city administrator adds a platform connector pointing at a real local
// receiver (the secret shown once), a grid event escalated to the city is delivered and fails, is parked after its
// one try, and 重新投递 sends it once more with the same event id and a valid signature.
import { afterAll, describe, expect, it } from 'vitest';
import { startExchangeReceiver, type ExchangeReceiver } from '../src/modules/exchange/index.ts';
import { apiCall, browserSuite, closeModal, signIn } from './support.ts';

let receiver: ExchangeReceiver | undefined;
const suite = browserSuite({
  settings: async () => {
    // The platform refuses the first delivery and takes every later one.
    receiver = await startExchangeReceiver((n) => (n === 1 ? 503 : 200));
    return {};
  },
});

describe('exchange UI', () => {
  afterAll(() => receiver?.close());

  it('adds a connector, shows its secret once, and replays a parked delivery with the same event id', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'admin');
    await page.getByRole('menuitem', { name: '平台对接' }).click();
    await page.getByTestId('exchange-page').waitFor();
    await page.getByTestId('connectors-table').waitFor();

    await page.getByTestId('connector-new').click();
    await page.getByTestId('connector-code').fill('e2e_river');
    await page.getByTestId('connector-name-input').fill('智慧河道（测试）');
    await page.getByTestId('connector-endpoint').fill(receiver!.url);
    await page.getByLabel('最多尝试次数').fill('1');
    await page.getByLabel('首次重试间隔（秒）').fill('0');
    await page.getByTestId('connector-save').click();
    const secret = (await page.getByTestId('exchange-secret').textContent())!.trim();
    expect(secret.length).toBeGreaterThanOrEqual(40);
    await closeModal(page, 'exchange-secret-done');
    await expect.poll(() => page.getByTestId('connector-name').allTextContents()).toContain('智慧河道（测试）');

    // A grid event escalated by hand up to the city level.
    const [compound] = (await apiCall<{ items: { id: string }[] }>(page, 'GET', '/compounds?limit=1')).items;
    const event = await apiCall<{ id: string }>(page, 'POST', '/grid-events', {
      category: 'dumping',
      description: '小区围墙外有人倾倒建筑垃圾',
      compoundId: compound!.id,
      source: 'staff',
    });
    for (let i = 0; i < 4; i++) {
      const e = await apiCall<{ level: string }>(page, 'GET', `/grid-events/${event.id}`);
      if (e.level === 'city') break;
      await apiCall(page, 'POST', `/grid-events/${event.id}/escalate`, { note: '需城市部门处置' });
    }

    await page.getByTestId('exchange-tab-deliveries').click();
    const row = page.getByTestId('delivery-row').first();
    await expect
      .poll(
        async () => {
          await page.getByTestId('delivery-refresh').click();
          return page.getByTestId('delivery-status').first().getAttribute('data-status');
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe('parked');
    await row.click();
    const drawer = page.getByTestId('delivery-drawer');
    await drawer.getByTestId('delivery-replay').click();
    await expect.poll(() => drawer.getByTestId('delivery-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('delivered');
    expect(await drawer.getByTestId('delivery-attempts').locator('tbody tr').count()).toBe(2);

    const got = receiver!.received;
    expect(got).toHaveLength(2);
    expect(got[1]!.eventId).toBe(got[0]!.eventId);
    expect(await drawer.getByTestId('delivery-event-id').textContent()).toBe(got[0]!.eventId);
    expect(receiver!.validSignature(got[1]!, secret)).toBe(true);
  });
});
