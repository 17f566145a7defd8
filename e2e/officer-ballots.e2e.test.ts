// Ballots for officers (issue 16, item 6) on a compound, project and ballot made here through the API:
// the list shows turnout, result and close time; a first paper keying names the household and sheet it
// recorded; the sheet then waits in its own tab, whose link opens the form filled for the second keying; the chain's
// history entries link to what they count.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, pick, signIn as signInAs } from './support.ts';

const suite = browserSuite();
const signIn = (username: string) => signInAs(suite.browser(), suite.url(), username);
const input = (scope: ReturnType<Page['locator']>, testId: string) =>
  scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
const radio = (page: Page, testId: string) =>
  page
    .locator('label', { has: page.getByTestId(testId) })
    .first()
    .click();

describe('ballots for officers', () => {
  it('lists turnout and result, confirms a first keying, and keys a waiting sheet from its own list', async () => {
    const worker = await signIn('hemu-worker');
    const tag = Math.random().toString(36).slice(2, 8);
    const compoundName = `表决列表小区-${tag}`;
    const compound = await apiCall<{ id: string }>(worker, 'POST', '/compounds', {
      name: compoundName,
      communityCode: '330105004001',
      address: `和睦路${tag}号`,
      yearBuilt: 1990,
      floorAreaM2: '3000.00',
    });
    const { ids } = await apiCall<{ ids: string[] }>(worker, 'POST', `/compounds/${compound.id}/households`, {
      items: [101, 102, 103, 104].map((room) => ({ building: '1', unit: '1', room: String(room), floorAreaM2: '60.00' })),
    });
    const officer = await signIn('hemu');
    const project = await apiCall<{ id: string }>(officer, 'POST', '/projects', {
      name: `表决列表-${tag}`,
      year: 2021,
      compoundIds: [compound.id],
    });
    const ballot = await apiCall<{ id: string }>(officer, 'POST', `/projects/${project.id}/ballots`, {
      kind: 'renovation_consent',
      title: '列表测试表决',
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      revote: 'none',
    });
    const url = `${suite.url()}/projects/${project.id}?tab=participation&part=ballots`;

    // The worker keys the first sheet of room 102: the form names the household and sheet it recorded.
    await worker.goto(`${url}&ballot=${ballot.id}`);
    await worker.getByTestId('paper-vote').waitFor();
    await pick(worker, 'vote-household', '1 1 102 室');
    await radio(worker, 'vote-choice-agree');
    await input(worker.getByTestId('paper-vote'), 'vote-sheet').fill('S-102');
    await worker.getByTestId('vote-submit').click();
    const recorded = worker.getByTestId('vote-recorded');
    await recorded.waitFor();
    expect(await recorded.textContent()).toBe(`已记录第一次录入：${compoundName} 1 1 102 室，选票编号 S-102`);

    // A second worker finds it in the list of sheets waiting for a second keying, and keys it from there.
    const worker2 = await signIn('hemu-worker-2');
    await worker2.goto(url);
    await worker2.getByTestId('ballot-tab-pending').click();
    const waiting = worker2.getByTestId('pending-keying');
    await expect.poll(() => waiting.count()).toBe(1);
    expect(await waiting.first().textContent()).toContain('S-102');
    expect(await waiting.first().textContent()).toContain(`${compoundName} 1 1 102 室`);
    await waiting.first().getByTestId('pending-key-link').click();
    await worker2.getByTestId('paper-vote').waitFor();
    expect(await input(worker2.getByTestId('paper-vote'), 'vote-sheet').inputValue()).toBe('S-102');
    await radio(worker2, 'vote-choice-agree');
    await worker2.getByTestId('vote-submit').click();
    await expect.poll(() => worker2.getByTestId('vote-status').getAttribute('data-status')).toBe('counted');

    // The officer's list: turnout from integers, then pass or fail and when it closed.
    await officer.goto(url);
    const row = officer.getByTestId(`ballot-row-${ballot.id}`);
    await expect.poll(() => row.getByTestId('ballot-row-turnout').textContent()).toBe('1/4 户（25%）');
    expect(await row.textContent()).toContain('未结束');
    await apiCall(officer, 'POST', `/ballots/${ballot.id}/close`);
    await officer.reload();
    await expect.poll(() => row.getByTestId('ballot-row-result').getAttribute('data-passed')).toBe('false');
    expect(await row.getByTestId('ballot-row-result').textContent()).toContain('未通过');
    expect(await row.getByTestId('ballot-row-result').textContent()).toContain('同意 1 户，须达 3 户');
    expect(await row.getByTestId('ballot-row-closed-at').textContent()).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}:\d{2}$/);

    // The chain's entries are links: the votes to the paper sheets they count, the close to the ballot's notice.
    await officer.goto(`${url}&ballot=${ballot.id}`);
    await officer.getByTestId('ballot-verify').click();
    const votes = officer.getByTestId('chain-entry-votes');
    await votes.waitFor();
    expect(await votes.textContent()).toContain('投票 1');
    expect(await officer.getByTestId('chain-entry-close').getAttribute('href')).toBe(`/ballots/${ballot.id}/notice`);
    await votes.click();
    await officer.waitForURL(/chain=votes/);
    const sheets = officer.getByTestId('chain-sheets');
    await expect.poll(() => sheets.getByTestId('chain-sheet').count(), { timeout: 15_000 }).toBe(1);
    expect(await sheets.getByTestId('chain-sheet').first().textContent()).toContain('S-102');
    expect(ids).toHaveLength(4);
    for (const p of [worker, worker2, officer]) await p.close();
  });
});
