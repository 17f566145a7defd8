// The grid governance dashboard in a real browser, as 和睦街道's officer: the map draws the events from their
// coordinates (no map service: not one request leaves the machine), its points answer hover and the keyboard, the
// KPI cards show the API's figures, and the drill-down goes from the subdistrict to a community.
import { describe, expect, it } from 'vitest';
import { apiCall, browserSuite, signIn } from './support.ts';

const suite = browserSuite();
const HEMU = '330105004';

interface Page<T> {
  items: T[];
}
interface Compound {
  id: string;
  name: string;
  communityCode: string;
}

describe('the grid dashboard', () => {
  it('shows the events on a map drawn locally, with KPIs and a drill-down', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'hemu');
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));

    const compounds = await apiCall<Page<Compound>>(page, 'GET', `/compounds?division=${HEMU}&limit=3`);
    const ids: string[] = [];
    for (const [i, c] of compounds.items.entries()) {
      const created = await apiCall<{ id: string }>(page, 'POST', '/grid-events', {
        category: i === 0 ? 'dumping' : 'road_damage',
        description: `驾驶舱浏览器测试 ${i}`,
        compoundId: c.id,
        lat: 30.29 + i * 0.004,
        lng: 120.13 + i * 0.004,
        source: 'staff',
      });
      ids.push(created.id);
    }

    await page.goto(`${suite.url()}/grid-dashboard/${HEMU}`);
    const root = page.getByTestId('grid-dashboard');
    await expect.poll(() => root.getAttribute('data-level')).toBe('subdistrict');
    const map = page.getByTestId('grid-dash-map');
    await expect.poll(() => map.getAttribute('data-ready')).toBe('true');
    expect(Number(await map.getAttribute('data-point-count'))).toBeGreaterThanOrEqual(ids.length);

    // The canvas has drawn something: points and the hot-spot cells.
    const drawn = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="grid-dash-map"] canvas')!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
    expect(drawn).toBeGreaterThan(100);
    await page.screenshot({ path: 'test-results/grid-dashboard-subdistrict.png', fullPage: true });

    // Hovering a point shows its reference and category; the keyboard walks the points too.
    const points = JSON.parse((await map.getAttribute('data-points'))!) as { id: string; x: number; y: number }[];
    const mine = points.find((p) => p.id === ids[0])!;
    expect(mine).toBeTruthy();
    await map.locator('canvas').hover({ position: { x: mine.x, y: mine.y } });
    await expect.poll(() => page.getByTestId('grid-dash-map-tooltip').textContent()).toMatch(/\d{4}-\d{6}/);
    await page.mouse.move(0, 0);
    await map.focus();
    await page.keyboard.press('n');
    await expect.poll(() => page.getByTestId('grid-dash-map-tooltip').isVisible()).toBe(true);

    // The KPI cards carry the API's figures.
    const api = await apiCall<{ totals: { events: number; overdue: number } }>(page, 'GET', `/grid-dashboard?division=${HEMU}`);
    expect(await page.getByTestId('grid-dash-kpi-events').getAttribute('data-value')).toBe(String(api.totals.events));
    expect(await page.getByTestId('grid-dash-kpi-overdue').getAttribute('data-value')).toBe(String(api.totals.overdue));

    // Down a level: a click on the community of the first event in the children table.
    const community = compounds.items[0]!.communityCode;
    await page.getByTestId('grid-dash-children').locator(`tr[data-row-key="${community}"]`).click();
    await page.waitForURL(new RegExp(`/grid-dashboard/${community}(\\?|$)`));
    await expect.poll(() => root.getAttribute('data-level')).toBe('community');
    await expect.poll(() => map.getAttribute('data-ready')).toBe('true');

    await page.screenshot({ path: 'test-results/grid-dashboard-community.png', fullPage: true });

    // At a phone's width the page stays within the screen and the map keeps its points.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await expect.poll(async () => Number(await map.getAttribute('data-point-count'))).toBeGreaterThan(0);
    expect((await map.boundingBox())!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: 'test-results/grid-dashboard-phone.png', fullPage: true });

    // No map service, no tiles, no fonts from the internet: every request stayed on this machine.
    const outside = requests.filter((u) => {
      const { protocol, hostname } = new URL(u);
      return !['data:', 'blob:'].includes(protocol) && !['127.0.0.1', 'localhost'].includes(hostname);
    });
    expect(requests.length).toBeGreaterThan(5);
    expect(outside).toEqual([]);
    await page.context().close();
  });
});
