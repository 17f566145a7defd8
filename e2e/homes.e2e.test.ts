// Each role lands on its home (工作台) after signing in and reaches its most frequent task in at most two clicks.
// The community worker keys a paper sheet from the inbox (a ballot made here through the API), the second worker
// keys it again from "waiting for a second keying" (the form opens on that household and sheet), the liaison
// opens a package's dates (a package and a timetable made here), the officers open a closing ballot and a blocked
// project, the bureau a district's figures, contractors and property companies their work orders.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, pick, signIn as signInAs } from './support.ts';

const suite = browserSuite();
const signIn = (username: string) => signInAs(suite.browser(), suite.url(), username);
const apiGet = <T>(page: Page, path: string) => apiCall<T>(page, 'GET', path);

const input = (scope: ReturnType<Page['locator']>, testId: string) =>
  scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
const radio = (page: Page, testId: string) =>
  page
    .locator('label', { has: page.getByTestId(testId) })
    .first()
    .click();

/** Signed in, the account lands on `/`, its home, for its role. */
async function landsHome(page: Page, role: string) {
  await expect.poll(() => new URL(page.url()).pathname).toBe('/');
  const home = page.getByTestId('home-page');
  await home.waitFor();
  expect(await home.getAttribute('data-role')).toBe(role);
  return home;
}

interface Household {
  id: string;
  building: string;
  unit: string;
  room: string;
}
const roomLabel = (h: Household) => `${h.building} ${h.unit} ${h.room} 室`;

describe('homes per role', () => {
  let projectId = '';
  let ballotId = '';

  it('the community worker keys a paper sheet from the inbox, and the second worker keys it again', async () => {
    const worker = await signIn('hemu-worker');
    await landsHome(worker, 'community_worker');

    // A fresh project and ballot on the smallest compound of the worker's community, made through the API.
    const compounds = await apiGet<{ items: { id: string; name: string; households: number }[] }>(worker, '/compounds?limit=100');
    const compound = compounds.items.filter((c) => c.households > 2).sort((a, b) => a.households - b.households)[0]!;
    const officer = await signIn('hemu');
    projectId = (
      await apiCall<{ id: string }>(officer, 'POST', '/projects', {
        name: `E2E 工作台 ${compound.name}`,
        year: new Date().getFullYear(),
        compoundIds: [compound.id],
      })
    ).id;
    ballotId = (
      await apiCall<{ id: string }>(officer, 'POST', `/projects/${projectId}/ballots`, {
        kind: 'renovation_consent',
        title: 'E2E 工作台表决',
        closesAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        revote: 'none',
      })
    ).id;
    const [voter] = (await apiGet<{ items: Household[] }>(worker, `/compounds/${compound.id}/households?limit=1`)).items;

    // The inbox lists it with every sheet still to key; the menu's home entry counts what waits.
    await worker.reload();
    const row = worker.locator(`[data-testid="home-paper-ballot"][data-ballot-id="${ballotId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-to-key')).toBe(String(compound.households));
    const count = worker.locator('[data-testid="menu-count"][data-key="/"]');
    expect(Number(await count.getAttribute('data-count'))).toBeGreaterThanOrEqual(compound.households);

    // One click: the ballot's paper form.
    await row.getByTestId('home-key-sheet').click();
    await worker.getByTestId('paper-vote').waitFor();
    await pick(worker, 'vote-household', roomLabel(voter!));
    await radio(worker, 'vote-choice-agree');
    await input(worker.getByTestId('paper-vote'), 'vote-sheet').fill('HM-0001');
    await worker.getByTestId('vote-submit').click();
    const status = worker.getByTestId('vote-status');
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('pending_second_keying');

    // Back home: one sheet fewer to key.
    await worker.getByRole('menuitem', { name: /工作台/ }).click();
    await expect.poll(() => row.getAttribute('data-to-key')).toBe(String(compound.households - 1));
    await worker.screenshot({ path: 'test-results/home-worker.png', fullPage: true });

    // The second worker: one click from "waiting for a second keying" opens the form on that household and sheet.
    const second = await signIn('hemu-worker-2');
    await landsHome(second, 'community_worker');
    const waiting = second.locator(`[data-testid="home-second-keying"][data-household-id="${voter!.id}"]`);
    await waiting.getByTestId('home-key-second').click();
    await second.getByTestId('paper-vote').waitFor();
    await expect.poll(() => input(second.getByTestId('paper-vote'), 'vote-sheet').inputValue()).toBe('HM-0001');
    await expect.poll(() => second.getByTestId('vote-household').textContent()).toContain(`${voter!.room} 室`);
    await radio(second, 'vote-choice-agree');
    await second.getByTestId('vote-submit').click();
    const counted = second.getByTestId('vote-status');
    await counted.waitFor();
    expect(await counted.getAttribute('data-status')).toBe('counted');
    await Promise.all([worker.context().close(), second.context().close(), officer.context().close()]);
  });

  it('the subdistrict officer opens a ballot about to close from their home', async () => {
    const page = await signIn('hemu');
    await landsHome(page, 'subdistrict_officer');
    const row = page.locator(`[data-testid="home-closing-ballot"][data-ballot-id="${ballotId}"]`);
    await row.getByRole('link').first().click();
    await page.getByTestId('project-page').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}`);
    await page.getByTestId('ballot-card').waitFor();
    await page.context().close();
  });

  it("the liaison opens a package's dates from their home, planned by the latest timetable", async () => {
    const year = 2033;
    const officer = await signIn('hemu');
    const compounds = await apiGet<{ items: { id: string; name: string }[] }>(officer, '/compounds?limit=1');
    const compound = compounds.items[0]!;
    const project = await apiCall<{ id: string }>(officer, 'POST', '/projects', {
      name: `E2E 联络员工作包 ${compound.name}`,
      year,
      compoundIds: [compound.id],
    });
    const liaison = await signIn('power');
    const pkg = await apiCall<{ id: string }>(liaison, 'POST', `/projects/${project.id}/work-packages`, {
      compoundId: compound.id,
      kind: 'power',
      durationDays: 5,
      crews: 1,
    });
    const started = await apiCall<{ scheduleId: string }>(officer, 'POST', '/schedules', { year });
    await expect
      .poll(async () => (await apiGet<{ status: string }>(officer, `/schedules/${started.scheduleId}`)).status, { timeout: 60_000 })
      .toBe('done');
    const listed = await apiGet<{ items: { id: string; planned: { scheduleId: string; startDate: string; endDate: string } | null }[] }>(
      liaison,
      `/work-packages?year=${year}&limit=50`,
    );
    const planned = listed.items.find((p) => p.id === pkg.id)!.planned!;
    expect(planned.scheduleId).toBe(started.scheduleId);

    await liaison.goto(suite.url());
    await landsHome(liaison, 'department_liaison');
    // One click: the package's dates.
    await liaison.locator(`[data-testid="home-package"][data-package-id="${pkg.id}"]`).getByTestId('home-package-dates').click();
    const dates = liaison.getByTestId('package-dates');
    await dates.waitFor();
    expect(await dates.getByTestId('package-planned-start').textContent()).toBe(planned.startDate);
    expect(await dates.getByTestId('package-planned-end').textContent()).toBe(planned.endDate);
    await liaison.screenshot({ path: 'test-results/home-liaison.png', fullPage: true });
    // The menu shows what a liaison can use: no catalogue, no year plan, no overview.
    const menu = await liaison.getByRole('menuitem').allTextContents();
    expect(menu.join()).toContain('综合改一次');
    for (const hidden of ['指标体系', '年度计划', '总览', '物业企业名录']) expect(menu.join()).not.toContain(hidden);
    await Promise.all([liaison.context().close(), officer.context().close()]);
  });

  it('the district officer opens a project that waits to move on', async () => {
    const page = await signIn('gongshu');
    await landsHome(page, 'district_officer');
    const blocked = page.getByTestId('home-blocked-project').first();
    const id = await blocked.getAttribute('data-project-id');
    await blocked.getByRole('link').first().click();
    await page.getByTestId('project-page').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/projects/${id}`);
    await page.context().close();
  });

  it("the city bureau opens a district's figures from the year's progress", async () => {
    const page = await signIn('admin');
    await landsHome(page, 'city_admin');
    const progress = page.getByTestId('home-progress');
    await progress.waitFor();
    await progress.getByRole('link', { name: '拱墅区' }).click();
    await expect.poll(() => page.getByTestId('overview-page').getAttribute('data-division')).toBe('330105');
    await page.context().close();
  });

  for (const [username, role] of [
    ['contractor', 'contractor'],
    ['property', 'property_manager'],
  ] as const) {
    it(`the ${role} opens their work orders`, async () => {
      const page = await signIn(username);
      await landsHome(page, role);
      await page.getByTestId('home-section-workOrders').getByRole('link').first().click();
      await page.getByTestId('workorders-page').waitFor();
      await page.context().close();
    });
  }

  it('the evaluator opens the third-party evaluations; the service provider lands on a home too', async () => {
    const page = await signIn('evaluator');
    await landsHome(page, 'evaluator');
    await page.locator('[data-testid="home-shortcut"][data-path="/evaluation"]').click();
    await page.getByTestId('evaluation-page').waitFor();
    const provider = await signIn('provider');
    await landsHome(provider, 'service_provider');
    await provider.getByTestId('home-shortcuts').waitFor();
    await Promise.all([page.context().close(), provider.context().close()]);
  });
});
