// Maps that need no internet (issue 15, item 6, acceptance 4): the map of 拱墅区 (330105) with a district's worth of
// its own compounds (600, projects at six stages and none) and facilities (6,000), written through the server's pool.
// It colours compounds by stage and draws their circles; the scripted pan and zoom repaints it (the frame rate goes
// to test-results/map-fps.json, the budget is judged by `npm run bench:map`); with every outside host refused and
// the browser offline it still draws, and no request ever left for another host; a click on a compound opens its page.
// On the overview, space resources are drawn as their own layer (legend, switch, tooltip in words), and a click
// inside a division's outline drills into it, as the buttons under the map do from the keyboard.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GAP_RING, NO_STAGE_COLOUR, STAGE_COLOURS } from '../web/src/app/geoLayers.tsx';
import { project } from '../web/src/app/geo.ts';
import { GONGSHU, mapDistrict, mapSpaces, measurePanZoom } from './map-support.ts';
import { browserSuite, newPage, PASSWORD } from './support.ts';

const suite = browserSuite();

describe('district map', () => {
  it('shows 拱墅区 by stage with circles, pans and zooms, works offline, and opens a compound', async () => {
    const tag = randomBytes(3).toString('hex');
    const world = await mapDistrict(suite.ctx().database.pool, tag, 600, 6_000);

    const page = await newPage(suite.browser());
    const app = new URL(suite.url()).origin;
    const outside: string[] = [];
    await page.context().route('**', (route) => {
      const url = route.request().url();
      if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === app) return route.continue();
      outside.push(url);
      return route.abort();
    });
    await page.goto(`${suite.url()}/login`);
    await page.getByTestId('login-username').fill('gongshu');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();

    await page.goto(`${suite.url()}/registry?division=${GONGSHU}&divisionName=拱墅区`);
    await page.getByRole('tab', { name: '地图' }).click();
    const map = page.getByTestId('registry-map');
    const features = page.getByTestId('registry-map-features').locator('li');
    await expect.poll(() => features.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(600);
    await expect.poll(() => map.getAttribute('data-ready')).toBe('true');

    // Coloured by stage: each of ours carries its stage's colour, and six stages plus "none" are seven colours.
    const ours = await features.evaluateAll(
      (lis, prefix) =>
        lis
          .filter((li) => li.textContent!.startsWith(prefix))
          .map((li) => ({ id: li.dataset.id!, stage: li.dataset.stage!, colour: li.dataset.colour! })),
      `地图小区${tag}-`,
    );
    expect(ours).toHaveLength(600);
    const byId = new Map(world.map((c) => [c.id, c]));
    for (const f of ours) {
      const c = byId.get(f.id)!;
      expect(f.stage).toBe(c.stage ?? '');
      expect(f.colour).toBe(c.stage ? STAGE_COLOURS[c.stage] : NO_STAGE_COLOUR);
    }
    expect(new Set(ours.map((f) => f.colour)).size).toBe(7);
    const legend = await page.getByTestId('registry-map-legend').textContent();
    for (const word of ['列入计划', '摸底调查', '方案设计', '审批完成', '施工中', '移交管理', '未列入改造']) expect(legend).toContain(word);

    // Drawn: compounds, their circles and the facilities, as the map counted them in its last frame.
    const drawn = async () => JSON.parse((await map.getAttribute('data-drawn')) ?? '{}') as Record<string, number>;
    await expect.poll(async () => (await drawn()).circles ?? 0).toBeGreaterThanOrEqual(600);
    const first = await drawn();
    expect((first.compounds ?? 0) + (first.compoundsWithGaps ?? 0)).toBeGreaterThanOrEqual(600);
    expect(first.facilities ?? 0).toBeGreaterThanOrEqual(6_000);
    expect(GAP_RING).toBeTruthy();

    // Pan and zoom, scripted: the map repaints and its view moves.
    const viewBefore = await map.getAttribute('data-view');
    const fps = await measurePanZoom(page, 'registry-map', 2);
    writeFileSync('test-results/map-fps.json', JSON.stringify({ compounds: 600, facilities: 6_000, ...fps }, null, 2));
    expect(fps.mapFrames).toBeGreaterThan(10);
    expect(await map.getAttribute('data-view')).not.toBe(viewBefore);

    // Offline: no request can leave, and the map still draws (zoom in, fit) from what it holds.
    await page.context().setOffline(true);
    const framesOffline = Number(await map.getAttribute('data-frames'));
    await page.getByTestId('registry-map-zoom-in').click();
    await page.getByTestId('registry-map-fit').click();
    await expect.poll(async () => Number(await map.getAttribute('data-frames'))).toBeGreaterThan(framesOffline);
    expect(((await drawn()).circles ?? 0) + ((await drawn()).compounds ?? 0)).toBeGreaterThan(0);
    await page.context().setOffline(false);
    expect(outside).toEqual([]);

    // A click at a compound's projected position opens its page.
    const target = world.find((c) => c.stage === 'under_construction')!;
    const view = JSON.parse((await map.getAttribute('data-view'))!) as {
      lat: number;
      lng: number;
      scale: number;
      cos: number;
      w: number;
      h: number;
    };
    const at = project(view, target, view.w, view.h);
    const boxAt = (await map.locator('canvas').boundingBox())!;
    await page.mouse.move(boxAt.x + at.x, boxAt.y + at.y);
    await expect.poll(() => page.getByTestId('registry-map-tooltip').textContent()).toContain(target.name);
    await page.mouse.click(boxAt.x + at.x, boxAt.y + at.y);
    await page.waitForURL(`**/compounds/${target.id}`);
    await expect.poll(() => page.getByTestId('compound-name').textContent()).toBe(target.name);
  });

  it('draws the space resources on the overview and drills into a division by a click on its outline', async () => {
    const tag = randomBytes(3).toString('hex');
    // A small world of 和睦 far north-east of everything else of 拱墅区, so no other subdistrict's outline reaches it.
    const at = { lat: 30.95, lng: 120.95 };
    const world = await mapDistrict(suite.ctx().database.pool, tag, 12, 40, at);
    const spaces = await mapSpaces(suite.ctx().database.pool, tag, at, [
      { kind: 'state_room', status: 'offered', areaM2: '88.25', dLat: 0.09, dLng: 0.005 },
      { kind: 'existing_room', status: 'converted', areaM2: '120.00', dLat: 0.04, dLng: 0.12 },
    ]);

    const page = await newPage(suite.browser());
    await page.goto(`${suite.url()}/login`);
    await page.getByTestId('login-username').fill('gongshu');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${suite.url()}/overview/${GONGSHU}`);
    const map = page.getByTestId('overview-map');
    await expect.poll(() => map.getAttribute('data-ready'), { timeout: 30_000 }).toBe('true');
    const drawn = async () => JSON.parse((await map.getAttribute('data-drawn')) ?? '{}') as Record<string, number>;
    await expect.poll(async () => (await drawn()).spaces ?? 0).toBeGreaterThanOrEqual(2);

    // The spaces' own entries in the legend, and a tooltip in words: kind, status and area.
    const legend = page.getByTestId('overview-map-legend');
    await expect.poll(() => legend.textContent()).toContain('空间资源：待分配');
    expect(await legend.textContent()).toContain('空间资源：已改造');
    const view = async () =>
      JSON.parse((await map.getAttribute('data-view'))!) as { lat: number; lng: number; scale: number; cos: number; w: number; h: number };
    // The map lies below the figures: in view first, so the pointer reaches it.
    await map.scrollIntoViewIfNeeded();
    const box = (await map.locator('canvas').boundingBox())!;
    const v = await view();
    const room = project(v, spaces[0]!, v.w, v.h);
    await page.mouse.move(box.x + room.x, box.y + room.y);
    const tip = page.getByTestId('overview-map-tooltip');
    await expect.poll(() => tip.textContent()).toContain(spaces[0]!.name);
    const words = (await tip.textContent())!;
    expect(words).toContain('国有存量用房（待分配）');
    expect(words).toContain('面积 88.25 平方米');

    // The layer's switch takes them off the map and out of the legend.
    const layers = page.getByTestId('overview-map-layers');
    await layers.getByText('空间资源', { exact: true }).click();
    await expect.poll(async () => (await drawn()).spaces ?? 0).toBe(0);
    expect(await legend.textContent()).not.toContain('空间资源：');

    // Compounds off (a click on one opens its page) and facilities off (their tooltips would cover the outline's): a
    // click where one of ours lies is a click inside 和睦街道's outline, and the overview goes down to it.
    await layers.getByText('小区', { exact: true }).click();
    await layers.getByText('服务设施', { exact: true }).click();
    await expect.poll(async () => ((await drawn()).compounds ?? 0) + ((await drawn()).facilities ?? 0)).toBe(0);
    await page.mouse.move(box.x + 1, box.y + 1);
    const v2 = await view();
    const inside = project(v2, world[0]!, v2.w, v2.h);
    await page.mouse.move(box.x + inside.x, box.y + inside.y);
    await expect.poll(() => tip.textContent()).toContain('和睦街道');
    await page.mouse.click(box.x + inside.x, box.y + inside.y);
    await page.waitForURL('**/overview/330105004');
    await expect.poll(() => page.getByTestId('overview-page').getAttribute('data-division')).toBe('330105004');

    // From the keyboard: the communities outlined are buttons under the map.
    const drill = page.getByTestId('overview-map-drill').locator('button[data-code="330105004001"]');
    await drill.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/overview/330105004001');
    await expect.poll(() => page.getByTestId('overview-page').getAttribute('data-level')).toBe('community');
  });
});
