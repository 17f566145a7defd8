// Issue 16, item 4 in a real browser (zh-CN), on data made here: a project is nominated as an exemplary case by
// picking it by name (no id typed), the year plan and 综合改一次 open on the latest year with data and list the
// years that have it, and a work package shows its district and subdistrict and is found by filtering by division.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiCall, browserSuite, pick, signIn } from './support.ts';

const suite = browserSuite();
const COMMUNITY = '330105004001';
const YEAR = 2099;

describe('finding things', () => {
  it('picks a project by name, opens year pages on the latest year with data, and places work packages', async () => {
    const tag = randomBytes(3).toString('hex');
    const admin = await signIn(suite.browser(), suite.url(), 'admin');
    const compound = await apiCall<{ id: string }>(admin, 'POST', '/compounds', {
      name: `寻找小区${tag}`,
      communityCode: COMMUNITY,
      address: `和睦路${tag}号`,
      yearBuilt: 1990,
      floorAreaM2: '3000.00',
    });
    const project = await apiCall<{ id: string }>(admin, 'POST', '/projects', {
      name: `寻找项目${tag}`,
      year: YEAR,
      compoundIds: [compound.id],
    });
    await apiCall(admin, 'POST', `/projects/${project.id}/work-packages`, {
      compoundId: compound.id,
      kind: 'water',
      durationDays: 10,
      crews: 1,
    });

    // A picker instead of a pasted id: the exemplary case is nominated by typing part of its name.
    const selection = await apiCall<{ id: string }>(admin, 'POST', '/evaluation/selections', { year: YEAR, title: `示范评选${tag}` });
    await admin.goto(`${suite.url()}/exemplary`);
    await admin.locator(`[data-testid="selection-row"][data-id="${selection.id}"]`).click();
    await pick(admin, 'nominate-project', `寻找项目${tag}`, '拱墅区');
    await admin.getByTestId('nominate-submit').click();
    await expect
      .poll(async () =>
        (await apiCall<{ nominations: { projectId: string }[] }>(admin, 'GET', `/evaluation/selections/${selection.id}`)).nominations.map(
          (n) => n.projectId,
        ),
      )
      .toContain(project.id);
    await admin
      .locator('[data-testid="nomination-row"]')
      .filter({ hasText: `寻找项目${tag}` })
      .waitFor();

    // The year plan opens on the latest year with projects and names the years with data.
    const years = (await apiCall<{ years: number[] }>(admin, 'GET', '/projects/years')).years;
    expect(years[0]).toBe(YEAR);
    await admin.goto(`${suite.url()}/year-plan`);
    await expect.poll(() => admin.getByTestId('year-plan-page').getAttribute('data-year')).toBe(String(YEAR));
    const listed = admin.getByTestId('year-plan-page').getByTestId('years-with-data');
    expect(await listed.getAttribute('data-years')).toBe(years.join(','));
    expect(await listed.textContent()).toContain(`有数据的年份：${YEAR}年`);

    // 综合改一次 opens on the latest year with work packages; the package says where it is and is found by division.
    await admin.goto(`${suite.url()}/coordination?tab=packages`);
    await expect.poll(() => admin.getByTestId('coordination-page').getAttribute('data-year')).toBe(String(YEAR));
    expect(await admin.getByTestId('coordination-page').getByTestId('years-with-data').textContent()).toContain(`${YEAR}年`);
    await pick(admin, 'packages-filter-district', '拱墅');
    await pick(admin, 'packages-filter-subdistrict', '和睦');
    const row = admin.locator('[data-testid="packages-table"] tr').filter({ hasText: `寻找小区${tag}` });
    await row.waitFor();
    expect(await row.getByTestId('package-district').textContent()).toBe('拱墅区');
    expect(await row.getByTestId('package-subdistrict').textContent()).toBe('和睦街道');
    // Another subdistrict of the district does not list it.
    await pick(admin, 'packages-filter-subdistrict', '米市巷');
    await expect.poll(() => row.count()).toBe(0);
    await admin.screenshot({ path: 'test-results/finding-packages.png', fullPage: true });
  });
});
