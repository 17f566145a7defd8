// Evaluation in a real browser, as the city admin. The 2021 district assessment of the demo city
// (the year the demo's projects give every district its figures) lists the 13 districts; printed
// to PDF it carries every district's Chinese name as text and none of the app's navigation. A demo
// project's one-page summary prints its Chinese name. On the third-party page a new institution is
// listed; on the exemplary-cases page a juror scoring a case of their own district is refused with
// the conflict-of-interest problem shown as such. The agency's evaluator answers households of the
// demo's open sample survey and sees the counts and results follow; the closed one shows the API's
// stratified estimate and confidence interval.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { apiCall, browserSuite, signIn as signInAs } from './support.ts';

const suite = browserSuite();
const signIn = (username: string) => signInAs(suite.browser(), suite.url(), username);
const apiGet = <T>(page: Page, path: string) => apiCall<T>(page, 'GET', path);

const YEAR = 2021;
/** Labels of the app shell (side menu, header, footer) that must not reach paper. */
const SHELL_TEXT = ['小区档案', '物业企业名录', '综合改一次', '示范案例评选', '退出登录', '老旧小区改造管理平台'];

interface Assessment {
  status: string;
  districts: { districtCode: string; name: string }[];
}

/** The page printed (print media, A4; kept with a picture as test-results/`file`.pdf/.png) and its text as pdf.js reads it, whitespace removed. */
async function printedText(page: Page, file: string): Promise<string> {
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `test-results/${file}.png`, fullPage: true });
  const pdf = await page.pdf({ path: `test-results/${file}.pdf`, format: 'A4', printBackground: false });
  await page.emulateMedia({ media: 'screen' });
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false }).promise;
  let text = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    text += content.items.map((i) => ('str' in i ? i.str : '')).join('');
  }
  await doc.destroy();
  return text.replace(/\s+/g, '');
}

describe('district assessment UI', () => {
  it('lists the 13 districts and prints them, names as text, without the app shell', async () => {
    const page = await signIn('admin');
    await page.getByRole('menuitem', { name: '年度区县考核' }).click();
    await page.waitForURL(/\/assessments\/\d{4}$/);
    await page.goto(`${suite.url()}/assessments/${YEAR}`);
    const api = await apiGet<Assessment>(page, `/assessments/${YEAR}`);
    expect(api.districts).toHaveLength(13);
    const rows = page.getByTestId('assessment-row');
    await expect.poll(() => rows.count()).toBe(13);
    expect(await page.getByTestId('district-name').allTextContents()).toEqual(api.districts.map((d) => d.name));
    expect(await page.getByTestId('assessment-page').getAttribute('data-status')).toBe(api.status);

    // A row expands to its indicators with their provenance.
    await rows.first().locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => page.getByTestId('indicator-row').count()).toBeGreaterThan(10);
    await page.screenshot({ path: 'test-results/assessment.png', fullPage: true });

    const text = await printedText(page, 'assessment-print');
    expect(text).toContain(`${YEAR}年度区县老旧小区改造工作考核`);
    expect(text).toContain('杭州市');
    for (const d of api.districts) expect(text, d.name).toContain(d.name);
    for (const label of SHELL_TEXT) expect(text, label).not.toContain(label);
    // The print button itself is left off paper.
    expect(text).not.toContain('导出PDF');
  });

  it("prints a demo project's one-page summary with its Chinese name", async () => {
    const page = await signIn('admin');
    // A project with a funding plan, so the summary shows its sources.
    const { items } = await apiGet<{ items: { id: string; name: string }[] }>(page, `/projects?year=${YEAR}&limit=20`);
    let funded: { id: string; name: string } | undefined;
    for (const p of items) {
      const funding = await apiGet<{ bySource: unknown[] }>(page, `/projects/${p.id}/funding`);
      if (funding.bySource.length) {
        funded = p;
        break;
      }
    }
    expect(funded, 'a 2021 project with funding').toBeTruthy();
    const project = funded!;
    expect(project.name).toMatch(/[\u4e00-\u9fff]/);
    await page.goto(`${suite.url()}/projects/${project.id}`);
    await page.getByTestId('project-summary-link').click();
    await page.waitForURL(new RegExp(`/projects/${project.id}/summary$`));
    expect(await page.getByTestId('summary-name').textContent()).toBe(project.name);
    await page.locator('[data-testid="summary-funding"][data-loaded="true"] table').waitFor();
    await page.screenshot({ path: 'test-results/project-summary.png', fullPage: true });

    const text = await printedText(page, 'project-summary-print');
    expect(text).toContain(project.name.replace(/\s+/g, ''));
    expect(text).toContain('资金来源');
    for (const label of SHELL_TEXT) expect(text, label).not.toContain(label);
  });
});

describe('third-party evaluation and exemplary cases UI', () => {
  it('lists a new institution, and the demo engagements and findings', async () => {
    const page = await signIn('admin');
    await page.goto(`${suite.url()}/evaluation?tab=institutions`);
    await page.getByTestId('institution-row').first().waitFor();
    const name = `杭州城市更新研究院（浏览器测试）`;
    await page.getByTestId('institution-add').click();
    await page.getByTestId('institution-name').fill(name);
    await page.getByTestId('institution-submit').click();
    await page.getByTestId('institution-row').filter({ hasText: name }).waitFor();
    await page.screenshot({ path: 'test-results/evaluation-institutions.png', fullPage: true });

    // The demo agency's evaluators: the demo evaluator; only evaluator accounts may join.
    const agency = page.locator('tr', { has: page.getByTestId('institution-row').filter({ hasText: '浙江城市更新评估中心' }) });
    await agency.getByTestId('institution-members').click();
    await page.locator('[data-testid="member-row"][data-username="evaluator"]').waitFor();
    await page.getByTestId('member-username').fill('hemu-worker');
    await page.getByTestId('member-add').click();
    await page.getByTestId('member-problem').waitFor();
    expect(await page.getByTestId('member-problem').getAttribute('data-status')).toBe('422');
    expect(await page.getByTestId('member-row').count()).toBe(1);
    await page.keyboard.press('Escape');

    // The demo's engagements open with their findings; the findings tab lists the open ones.
    await page.getByTestId('tab-engagements').click();
    await page.getByTestId('engagement-row').first().click();
    await page.getByTestId('engagement-detail').waitFor();
    await expect.poll(() => page.getByTestId('engagement-detail').getByTestId('finding-row').count()).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/evaluation-engagement.png', fullPage: true });
    await page.goto(`${suite.url()}/evaluation?tab=findings`);
    await expect.poll(() => page.locator('[data-testid="finding-row"][data-status="open"]').count()).toBeGreaterThan(0);
  });

  it("refuses a juror's scores of a case from their own district as a conflict of interest", async () => {
    const page = await signIn('admin');
    const { items } = await apiGet<{ items: { id: string; year: number }[] }>(page, '/evaluation/selections');
    const selection = items.find((s) => s.year === 2021)!;
    const detail = await apiGet<{
      nominations: { id: string; districtCode: string }[];
      jurors: { name: string; districtCode: string | null }[];
    }>(page, `/evaluation/selections/${selection.id}`);
    const nomination = detail.nominations[0]!;
    const juror = detail.jurors.find((j) => j.districtCode === nomination.districtCode)!;

    await page.goto(`${suite.url()}/exemplary?selection=${selection.id}`);
    await page.getByTestId('selection-detail').waitFor();
    await expect.poll(() => page.getByTestId('ranking-row').count()).toBe(detail.nominations.length);
    await page.locator(`[data-testid="nomination-row"][data-id="${nomination.id}"]`).waitFor();
    const row = page.locator('tr', { has: page.locator(`[data-testid="nomination-row"][data-id="${nomination.id}"]`) });
    await row.getByTestId('nomination-score').click();
    await page.getByTestId('score-juror').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: juror.name })
      .click();
    for (const input of await page.locator('input[data-testid^="score-item-"], [data-testid^="score-item-"] input').all())
      await input.fill('10');
    await page.getByTestId('score-submit').click();
    const problem = page.getByTestId('score-conflict');
    await problem.waitFor();
    expect(await problem.getAttribute('data-status')).toBe('422');
    expect(await problem.textContent()).toContain('利益冲突');
    // The server's own words, by the problem's code, in Chinese.
    expect(await page.getByTestId('score-conflict-detail').textContent()).toContain('不得为其评分');
    await page.screenshot({ path: 'test-results/exemplary-conflict.png', fullPage: true });
  });

  it('lets the agency answer sampled households, and shows the stratified estimate the API computes', async () => {
    const page = await signIn('evaluator');
    const { items } = await apiGet<{ items: SampleSurvey[] }>(page, '/sample-surveys');
    const open = items.find((s) => s.year === 2022 && s.kind === 'support' && s.status !== 'closed')!;
    const closed = items.find((s) => s.year === 2021 && s.kind === 'satisfaction' && s.status === 'closed')!;
    expect(open, 'the demo 2022 support survey').toBeTruthy();
    expect(closed, 'the demo 2021 satisfaction survey').toBeTruthy();

    await page.goto(`${suite.url()}/evaluation?tab=samples`);
    // A new draw with a given seed opens with that seed recorded.
    await page.getByTestId('sample-draw').click();
    await page.getByTestId('sample-institution').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click();
    await page.getByTestId('sample-year').fill('2021');
    await page.getByTestId('sample-title').fill('浏览器测试抽样');
    await page.getByTestId('sample-size').fill('10');
    await page.getByTestId('sample-seed').fill('e2e-42');
    await page.getByTestId('sample-submit').click();
    await page.locator('[data-testid="sample-detail"][data-status="draft"]').waitFor();
    expect(await page.getByTestId('sample-seed-value').textContent()).toContain('e2e-42');
    await page.locator('.ant-drawer-close').click();
    await expect.poll(() => page.getByTestId('sample-row').count()).toBe(items.length + 1);

    await page.locator(`[data-testid="sample-row"][data-id="${open.id}"]`).click();
    await page.locator(`[data-testid="sample-detail"][data-id="${open.id}"]`).waitFor();
    expect(await page.getByTestId('sample-seed-value').textContent()).toContain(open.seed);
    const answered = page.getByTestId('sample-answered');
    expect(await answered.getAttribute('data-answered')).toBe('0');
    expect(await page.getByTestId('sample-estimate').textContent()).toBe('—');

    // Two households answered, one yes and one no, through the per-household selector.
    const rows = page.getByTestId('household-answer');
    await rows.first().waitFor();
    const ids = [await rows.nth(0).getAttribute('data-id'), await rows.nth(1).getAttribute('data-id')];
    const household = (id: string | null) => page.locator(`[data-testid="household-answer"][data-id="${id}"]`);
    await household(ids[0]!).getByText('是', { exact: true }).click();
    await expect.poll(() => household(ids[0]!).getAttribute('data-answer')).toBe('yes');
    await household(ids[1]!).getByText('否', { exact: true }).click();
    await expect.poll(() => household(ids[1]!).getAttribute('data-answer')).toBe('no');
    await expect.poll(() => answered.getAttribute('data-answered')).toBe('2');
    expect(await answered.getAttribute('data-responded')).toBe('2');

    const results = await apiGet<SampleResults>(page, `/sample-surveys/${open.id}/results`);
    expect(results.responded).toBe(2);
    expect(results.estimate.value).not.toBeNull();
    await expect.poll(() => page.getByTestId('sample-estimate').getAttribute('data-value')).toBe(results.estimate.value);
    expect(await page.getByTestId('sample-estimate').textContent()).toBe(asPercent(results.estimate.value!));
    const entered = await page.getByTestId('sample-stratum-answered').allTextContents();
    expect(entered.reduce((n, x) => n + Number(x), 0)).toBe(2);
    await page.screenshot({ path: 'test-results/sample-survey-answers.png', fullPage: true });

    // Closed (with a confirmation), the survey takes no more answers.
    await page.getByTestId('sample-close').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.locator(`[data-testid="sample-detail"][data-id="${open.id}"][data-status="closed"]`).waitFor();
    await expect.poll(() => page.locator('[data-testid="household-answer"] input[type="radio"]').count()).toBe(0);

    // The closed 2021 survey: the estimate and interval the API computes, and no more answering.
    await page.goto(`${suite.url()}/evaluation?tab=samples&survey=${closed.id}`);
    await page.locator(`[data-testid="sample-detail"][data-id="${closed.id}"]`).waitFor();
    const final = await apiGet<SampleResults>(page, `/sample-surveys/${closed.id}/results`);
    expect(final.estimate.value).not.toBeNull();
    const estimate = page.getByTestId('sample-estimate');
    expect(await estimate.getAttribute('data-value')).toBe(final.estimate.value);
    expect(await estimate.textContent()).toBe(asPercent(final.estimate.value!));
    const interval = await page.getByTestId('sample-estimate-interval').textContent();
    expect(interval).toContain(`${final.confidence.percent}% 置信区间`);
    expect(interval).toContain(asPercent(final.estimate.interval!.lower));
    expect(interval).toContain(asPercent(final.estimate.interval!.upper));
    expect(await page.getByTestId('sample-pooled').getAttribute('data-value')).toBe(final.pooled.value);
    await page.getByTestId('household-answer').first().waitFor();
    expect(await page.locator('[data-testid="household-answer"] input[type="radio"]').count()).toBe(0);
    expect(await page.getByTestId('sample-close').count()).toBe(0);
    await page.screenshot({ path: 'test-results/sample-survey-closed.png', fullPage: true });
  });
});

interface SampleSurvey {
  id: string;
  year: number;
  kind: string;
  seed: string;
  status: string;
}

interface SampleResults {
  confidence: { percent: number };
  responded: number;
  estimate: { value: string | null; interval: { lower: string; upper: string } | null };
  pooled: { value: string | null };
}

/** A rate's decimal string ("0.8123", four places) as the page shows it ("81.23%"). */
const asPercent = (value: string) => `${(Number(value) * 100).toFixed(2)}%`;
