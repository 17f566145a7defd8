// Participation in a real browser on a fresh 和睦 project: the community worker enters a paper
// baseline form and a refusal for households not reached and sees coverage go up; the officer opens
// a ballot, two workers key the same paper sheet (pending, then counted), the officer sees turnout
// only while it is open, closes it for the tally and verifies the hash chain. Then the officer builds a
// survey in the questionnaire builder and closes it, opens a management-mode ballot with its proposal,
// and reconciles a paper sheet the two workers keyed differently, picked from the list of mismatches, which then counts.
import { fillPicker } from './pickers.ts';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, pick, signIn as signInAs } from './support.ts';

const suite = browserSuite();
const signIn = (username: string) => signInAs(suite.browser(), suite.url(), username);
const apiGet = <T>(page: Page, path: string) => apiCall<T>(page, 'GET', path);

const input = (scope: ReturnType<Page['locator']>, testId: string) =>
  scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** Clicks the label around an antd radio button whose data-testid lands on the hidden <input>. */
const radio = (page: Page, testId: string) =>
  page
    .locator('label', { has: page.getByTestId(testId) })
    .first()
    .click();

const questions = [
  {
    id: 'facilities',
    type: 'multiple',
    text: '最需要改造的设施',
    required: true,
    options: [
      { code: 'roof', label: '屋面漏水', indicatorCode: '01.01.01' },
      { code: 'water', label: '供水管网', indicatorCode: '01.02.01' },
      { code: 'none', label: '暂无' },
    ],
  },
  {
    id: 'hazard',
    type: 'single',
    text: '是否存在安全隐患',
    required: true,
    options: [
      { code: 'gas', label: '燃气管线老化' },
      { code: 'no', label: '无隐患' },
    ],
  },
  { id: 'score', type: 'scale', text: '满意度', required: true, min: 1, max: 5 },
  { id: 'note', type: 'text', text: '意见', required: false, maxLength: 100 },
];

interface Coverage {
  total: number;
  reached: number;
  refused: number;
  notReached: { householdId: string; building: string; unit: string; room: string }[];
}
const roomLabel = (h: { building: string; unit: string; room: string }) => `${h.building} ${h.unit} ${h.room} 室`;

describe('participation UI', () => {
  it('enters paper survey forms, keys a paper ballot twice, closes and verifies it', async () => {
    // A compound of the worker's community (the smallest), and a fresh project on it with an open baseline survey.
    const worker = await signIn('hemu-worker');
    const compounds = await apiGet<{ items: { id: string; name: string; households: number }[] }>(worker, '/compounds?limit=100');
    const compound = compounds.items.filter((c) => c.households > 2).sort((a, b) => a.households - b.households)[0]!;
    const officer = await signIn('hemu');
    const project = await apiCall<{ id: string }>(officer, 'POST', '/projects', {
      name: `E2E 居民参与 ${compound.name}`,
      year: new Date().getFullYear(),
      compoundIds: [compound.id],
    });
    const survey = await apiCall<{ id: string }>(officer, 'POST', `/projects/${project.id}/surveys`, {
      kind: 'baseline',
      title: 'E2E 基础摸底',
      questions,
    });
    const before = await apiGet<Coverage>(worker, `/surveys/${survey.id}/coverage`);
    expect(before.reached).toBe(0);
    expect(before.total).toBe(compound.households);

    // The worker opens the tab: coverage 0 of all, every household not reached.
    await worker.goto(`${suite.url()}/projects/${project.id}?tab=participation`);
    const reached = worker.getByTestId('coverage-reached');
    await expect.poll(() => reached.getAttribute('data-reached')).toBe('0');
    expect(await reached.getAttribute('data-total')).toBe(String(before.total));
    await worker.getByTestId('coverage-not-full').waitFor();

    // A paper form for the first household not reached.
    const first = before.notReached[0]!;
    await pick(worker, 'paper-household', roomLabel(first));
    const form = worker.getByTestId('paper-response');
    await form.getByText('屋面漏水', { exact: true }).click();
    await form.getByText('供水管网', { exact: true }).click();
    await form.getByText('燃气管线老化', { exact: true }).click();
    await radio(worker, 'paper-q-score-2');
    await worker.getByTestId('paper-q-note').fill('希望尽快修缮屋面');
    await input(form, 'paper-sheet').fill('BS-0001');
    await worker.getByTestId('paper-submit').click();
    await worker.getByTestId('paper-saved').waitFor();
    await expect.poll(() => reached.getAttribute('data-reached')).toBe('1');
    await expect.poll(() => worker.getByTestId('result-facilities-roof').getAttribute('data-count')).toBe('1');
    await expect.poll(() => worker.getByTestId('result-hazard-gas').getAttribute('data-count')).toBe('1');

    // A refusal for another household: no answers, no sheet number needed; it counts as reached.
    const second = before.notReached[1]!;
    await pick(worker, 'paper-household', roomLabel(second));
    await radio(worker, 'paper-channel-refused');
    await worker.getByTestId('paper-submit').click();
    await worker.getByTestId('paper-saved').waitFor();
    await expect.poll(() => reached.getAttribute('data-reached')).toBe('2');
    await expect.poll(() => worker.getByTestId('coverage-refused').getAttribute('data-refused')).toBe('1');
    const after = await apiGet<Coverage>(worker, `/surveys/${survey.id}/coverage`);
    expect(after).toMatchObject({ reached: 2, refused: 1 });
    expect(after.notReached.map((h) => h.householdId)).not.toContain(first.householdId);
    await worker.evaluate(() => window.scrollTo(0, 0));
    await worker.screenshot({ path: 'test-results/participation-survey.png', fullPage: true });

    // The officer opens a ballot: the electorate is frozen and its hash shown.
    await officer.goto(`${suite.url()}/projects/${project.id}?tab=participation&part=ballots`);
    await officer.getByTestId('ballot-open').click();
    const modal = officer.locator('.ant-modal');
    await input(modal, 'ballot-title').fill('E2E 改造意愿表决');
    await fillPicker(modal, 'ballot-closes-at', `${new Date().getFullYear() + 1}-06-30 18:00`);
    await officer.getByTestId('ballot-open-submit').click();
    const card = officer.getByTestId('ballot-card');
    await card.waitFor();
    const ballotId = (await card.getAttribute('data-ballot-id'))!;
    expect(await officer.getByTestId('ballot-eligible').textContent()).toBe(String(before.total));
    expect((await officer.getByTestId('ballot-electorate-hash').textContent())?.length).toBeGreaterThan(16);
    await expect.poll(() => card.getAttribute('data-status')).toBe('open');

    // Two workers key the same sheet for one household: pending, then counted.
    const households = await apiGet<{ items: { id: string; building: string; unit: string; room: string }[] }>(
      worker,
      `/compounds/${compound.id}/households?limit=1`,
    );
    const voter = households.items[0]!;
    const keySheet = async (page: Page) => {
      await page.goto(`${suite.url()}/projects/${project.id}?tab=participation&ballot=${ballotId}`);
      await page.getByTestId('paper-vote').waitFor();
      await pick(page, 'vote-household', roomLabel(voter));
      await radio(page, 'vote-choice-agree');
      await input(page.getByTestId('paper-vote'), 'vote-sheet').fill('BV-0001');
      await page.getByTestId('vote-submit').click();
      const status = page.getByTestId('vote-status');
      await status.waitFor();
      return status;
    };
    const firstKeying = await keySheet(worker);
    expect(await firstKeying.getAttribute('data-status')).toBe('pending_second_keying');
    expect(await firstKeying.textContent()).toContain('等待另一名社区工作者');
    expect(await worker.getByTestId('ballot-turnout').getAttribute('data-value')).toBe('0');

    const worker2 = await signIn('hemu-worker-2');
    const secondKeying = await keySheet(worker2);
    expect(await secondKeying.getAttribute('data-status')).toBe('counted');
    await worker2.getByTestId('vote-receipt').waitFor();
    await expect.poll(() => worker2.getByTestId('ballot-turnout').getAttribute('data-value')).toBe('1');
    // Sealed while open: turnout only, no tally.
    expect(await worker2.getByTestId('ballot-tally').count()).toBe(0);
    await worker2.getByTestId('ballot-sealed').waitFor();

    // The officer sees turnout 1, closes the ballot, reads the tally and verifies the chain.
    await officer.reload();
    await expect.poll(() => officer.getByTestId('ballot-turnout').getAttribute('data-value')).toBe('1');
    expect(await officer.getByTestId('ballot-tally').count()).toBe(0);
    await officer.getByTestId('ballot-close').click();
    await officer.getByTestId('ballot-close-confirm').click();
    await officer.getByTestId('ballot-tally').waitFor();
    expect(await officer.getByTestId('tally-eligible').getAttribute('data-value')).toBe(String(before.total));
    expect(await officer.getByTestId('tally-agree').getAttribute('data-value')).toBe('1');
    expect(await officer.getByTestId('tally-notVoted').getAttribute('data-value')).toBe(String(before.total - 1));
    expect(await officer.getByTestId('ballot-tally').getAttribute('data-passed')).toBe('false');
    // Judged by the rule, named in words (its key stays in the sealed result).
    const judged = await officer.getByTestId('tally-passed').textContent();
    expect(judged).toContain('居民同意改造率');
    expect(judged).not.toContain('consent.renovation.threshold');
    await officer.getByTestId('ballot-verify').click();
    const verification = officer.getByTestId('ballot-verification');
    await verification.waitFor();
    expect(await verification.getAttribute('data-ok')).toBe('true');
    expect((await officer.getByTestId('ballot-chain-head').textContent())?.length).toBeGreaterThan(16);

    await officer.evaluate(() => window.scrollTo(0, 0));
    await officer.screenshot({ path: 'test-results/participation.png', fullPage: true });
  });
  it('builds and closes a survey, opens a management-mode ballot, and reconciles a mismatched paper sheet', async () => {
    const worker = await signIn('hemu-worker');
    const compounds = await apiGet<{ items: { id: string; name: string; households: number }[] }>(worker, '/compounds?limit=100');
    const compound = compounds.items.filter((c) => c.households > 2).sort((a, b) => a.households - b.households)[0]!;
    const officer = await signIn('hemu');
    const project = await apiCall<{ id: string }>(officer, 'POST', '/projects', {
      name: `E2E 问卷与核对 ${compound.name}`,
      year: new Date().getFullYear(),
      compoundIds: [compound.id],
    });

    // The questionnaire builder: a baseline survey with a single-choice and a scale question.
    await officer.goto(`${suite.url()}/projects/${project.id}?tab=participation&part=surveys`);
    await officer.getByTestId('survey-open').click();
    const modal = officer.locator('.ant-modal');
    await input(modal, 'survey-title').fill('E2E 问卷构建');
    await input(modal, 'survey-question-0-text').fill('楼道照明是否正常');
    await input(modal, 'survey-question-0-option-0').fill('正常');
    await input(modal, 'survey-question-0-option-1').fill('经常损坏');
    await officer.getByTestId('survey-add-question').click();
    await input(modal, 'survey-question-1-text').fill('对物业服务的评分');
    await pick(officer, 'survey-question-1-type', '量表');
    await input(modal, 'survey-question-1-max').fill('10');
    await officer.getByTestId('survey-open-submit').click();
    await expect.poll(() => modal.count()).toBe(0);
    const surveys = await apiGet<{ items: { id: string; kind: string; title: string; questions: number; status: string }[] }>(
      officer,
      `/projects/${project.id}/surveys`,
    );
    expect(surveys.items).toHaveLength(1);
    expect(surveys.items[0]).toMatchObject({ kind: 'baseline', title: 'E2E 问卷构建', questions: 2, status: 'open' });
    const detail = await apiGet<{ questions: { id: string; type: string; options?: unknown[]; min?: number; max?: number }[] }>(
      officer,
      `/surveys/${surveys.items[0]!.id}`,
    );
    expect(detail.questions[0]).toMatchObject({
      id: 'q1',
      type: 'single',
      options: [
        { code: 'o1', label: '正常' },
        { code: 'o2', label: '经常损坏' },
      ],
    });
    expect(detail.questions[1]).toMatchObject({ id: 'q2', type: 'scale', min: 1, max: 10 });
    const row = officer.getByTestId(`survey-row-${surveys.items[0]!.id}`);
    await row.waitFor();
    await officer.getByTestId('survey-close').click();
    await officer.getByTestId('survey-close-confirm').click();
    await expect.poll(() => row.getByTestId('survey-status').textContent()).toBe('已结束');
    expect(await officer.getByTestId('survey-close').count()).toBe(0);

    // A management-mode ballot names the proposed mode.
    await officer.goto(`${suite.url()}/projects/${project.id}?tab=participation&part=ballots`);
    await officer.getByTestId('ballot-open').click();
    await pick(officer, 'ballot-kind', '管理模式表决');
    await input(modal, 'ballot-title').fill('E2E 管理模式表决');
    await pick(officer, 'ballot-proposal', '准物业（社区托管）');
    await fillPicker(modal, 'ballot-closes-at', `${new Date().getFullYear() + 1}-06-30 18:00`);
    await officer.getByTestId('ballot-open-submit').click();
    const card = officer.getByTestId('ballot-card');
    await card.waitFor();
    const ballotId = (await card.getAttribute('data-ballot-id'))!;
    expect(await officer.getByTestId('ballot-proposal-text').textContent()).toBe('准物业（社区托管）');
    expect(await apiGet<{ kind: string; proposal: string }>(officer, `/ballots/${ballotId}`)).toMatchObject({
      kind: 'management_mode',
      proposal: 'quasi_property',
    });

    // Two workers key one sheet differently: it does not count.
    const households = await apiGet<{ items: { id: string; building: string; unit: string; room: string }[] }>(
      worker,
      `/compounds/${compound.id}/households?limit=1`,
    );
    const voter = households.items[0]!;
    const keySheet = async (page: Page, choice: string) => {
      await page.goto(`${suite.url()}/projects/${project.id}?tab=participation&ballot=${ballotId}`);
      await page.getByTestId('paper-vote').waitFor();
      await pick(page, 'vote-household', roomLabel(voter));
      await radio(page, `vote-choice-${choice}`);
      await input(page.getByTestId('paper-vote'), 'vote-sheet').fill('BV-0100');
      await page.getByTestId('vote-submit').click();
      const status = page.getByTestId('vote-status');
      await status.waitFor();
      return status.getAttribute('data-status');
    };
    expect(await keySheet(worker, 'agree')).toBe('pending_second_keying');
    const worker2 = await signIn('hemu-worker-2');
    expect(await keySheet(worker2, 'disagree')).toBe('mismatch');
    expect(await apiGet<{ turnout: number }>(officer, `/ballots/${ballotId}/tally`)).toMatchObject({ status: 'open', turnout: 0 });

    // The officer reads the scan and records the choice on the sheet: it counts.
    await officer.reload();
    const reconcile = officer.getByTestId('reconcile');
    await reconcile.waitFor();
    const sheetRow = reconcile.locator(`[data-testid="reconcile-row"][data-sheet="BV-0100"]`);
    await sheetRow.waitFor();
    expect(await sheetRow.getAttribute('data-household')).toBe(voter.id);
    await expect.poll(() => sheetRow.textContent()).toContain(roomLabel(voter));
    const listed = await apiGet<{ items: { householdId: string; sheetNo: string; keyings: number }[] }>(
      officer,
      `/ballots/${ballotId}/paper?status=mismatch`,
    );
    expect(listed.items).toEqual([expect.objectContaining({ householdId: voter.id, sheetNo: 'BV-0100', keyings: 2 })]);
    await sheetRow.locator('label', { has: officer.getByTestId('reconcile-choice-disagree') }).click();
    await sheetRow.getByTestId('reconcile-submit').click();
    const done = officer.getByTestId('reconcile-done');
    await done.waitFor();
    expect(await done.getAttribute('data-status')).toBe('counted');
    await expect.poll(() => officer.getByTestId('ballot-turnout').getAttribute('data-value')).toBe('1');
    // Reconciled, the sheet leaves the list.
    await expect.poll(() => reconcile.getByTestId('reconcile-row').count()).toBe(0);
    expect(await apiGet<{ items: unknown[] }>(officer, `/ballots/${ballotId}/paper?status=mismatch`)).toEqual({ items: [] });
    await officer.screenshot({ path: 'test-results/participation-reconcile.png', fullPage: true });
  });
});
