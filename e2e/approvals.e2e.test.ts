// Approvals, outcomes, policy rules and the year plan in a real browser. As the 和睦街道 officer:
// open a project at plan_approved, record the joint consultation whose minutes simplify the
// project proposal, simplify that step citing it (the gate into 已会商 turns satisfied), see a
// "done" refused for missing materials, upload one and download it back, advance and see the
// checklist gate count the simplified step; record outcomes. As the city admin: the policy
// rules (funding.subsidy_cap_per_m2, version 2021.1) and the year plan by district.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { apiCall, browserSuite, signIn as signInAs } from './support.ts';

const suite = browserSuite();
const signIn = (username: string) => signInAs(suite.browser(), suite.url(), username, { acceptDownloads: true });

/** A project of hemu's at plan_approved: a seeded one, else one created and walked there as approvals.test.ts does. */
async function projectAtPlanApproved(page: Page): Promise<{ id: string; name: string }> {
  const seeded = await apiCall<{ items: { id: string; name: string }[] }>(page, 'GET', '/projects?stage=plan_approved&limit=50');
  if (seeded.items[0]) return seeded.items[0];
  const compounds = await apiCall<{ items: { id: string }[] }>(page, 'GET', '/compounds?limit=5');
  const name = 'E2E 审批';
  const p = await apiCall<{ id: string }>(page, 'POST', '/projects', { name, year: 2022, compoundIds: [compounds.items[0]!.id] });
  const move = (to: string) => apiCall(page, 'POST', `/projects/${p.id}/transitions`, { to });
  await move('surveyed');
  await move('consented');
  await apiCall(page, 'PUT', `/projects/${p.id}/plan`, { items: [{ indicatorCode: '02.01.01', quantity: '10' }] });
  await move('designed');
  await apiCall(page, 'POST', `/projects/${p.id}/plan/submit`);
  await apiCall(page, 'POST', `/projects/${p.id}/plan/approve`);
  await move('plan_approved');
  return { id: p.id, name };
}

/** Picks an option of an antd select by its exact label, then lets the dropdown close. */
async function pickOption(page: Page, select: Locator, label: string, close: Locator): Promise<void> {
  await select.click();
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  await option.first().click();
  await close.click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

const gate = (page: Page, code: string) => page.locator(`[data-testid="gate"][data-code="${code}"]`);
const step = (page: Page, code: string) => page.locator(`[data-testid="approval-step"][data-code="${code}"]`);

describe('approvals, outcomes, policy rules and the year plan', () => {
  it('simplifies a step by a consultation minute and the gates follow', async () => {
    const page = await signIn('hemu');
    const project = await projectAtPlanApproved(page);
    await page.goto(`${suite.url()}/projects/${project.id}?tab=approvals`);
    await page.getByTestId('approvals-tab').waitFor();
    expect(await page.getByTestId('stage-tag').first().getAttribute('data-stage')).toBe('plan_approved');

    // The gate into 已会商, labelled in Chinese with the server's text below.
    await expect.poll(() => gate(page, 'consultation_minutes').getAttribute('data-satisfied')).toBe('false');
    expect(await gate(page, 'consultation_minutes').getByTestId('gate-label').textContent()).toBe('已召开联合会商并形成会议纪要');
    expect(await gate(page, 'consultation_minutes').getByTestId('gate-detail').textContent()).toMatch(/^已记录联合会商 \d+ 次/);
    expect(await page.getByTestId('approval-step').count()).toBe(7);
    expect(await step(page, 'project_proposal').getByTestId('step-simplify').isDisabled()).toBe(true);

    // Record the consultation: planning present, the minutes, a decision simplifying 项目建议书.
    const line = '一、同意项目建议书与可行性研究合并编制，简化项目建议书审批。';
    await page.getByTestId('consultation-new').click();
    const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('consultation-form') });
    const title = modal.locator('.ant-modal-title');
    await pickOption(page, modal.getByTestId('consultation-departments'), '规划和自然资源局', title);
    await modal.getByTestId('consultation-minutes').fill(`${line}\n二、其余审批事项按常规程序办理。`);
    await modal.getByTestId('decision-add').click();
    const decision = modal.getByTestId('decision');
    await pickOption(page, decision.getByTestId('decision-step'), '项目建议书', title);
    await decision.getByTestId('decision-simplified').click();
    await pickOption(page, decision.getByTestId('decision-minute'), line, title);
    await modal.getByTestId('consultation-submit').click();
    await page.locator('[data-testid="consultation-decision"][data-step="project_proposal"]').waitFor();
    await expect.poll(() => gate(page, 'consultation_minutes').getAttribute('data-satisfied')).toBe('true');

    // Simplify the step citing that consultation.
    await step(page, 'project_proposal').getByTestId('step-simplify').click();
    await page.getByTestId('simplify-with').first().click();
    await expect.poll(() => step(page, 'project_proposal').getAttribute('data-status')).toBe('simplified');
    expect(await step(page, 'project_proposal').getByTestId('step-minute').textContent()).toContain(line);
    await expect.poll(() => page.getByTestId('approvals-progress').getAttribute('data-done')).toBe('1');

    // "Done" without the materials: the 409 names what is missing.
    await step(page, 'feasibility').getByTestId('step-done').click();
    const error = page.getByTestId('step-error');
    await error.waitFor();
    expect(await error.getAttribute('data-status')).toBe('409');
    expect(await error.getByTestId('step-missing').textContent()).toContain('可行性研究报告');

    // Upload one material (multipart), see it filed, download it back.
    const pdf = Buffer.from('%PDF-1.4\n% renova e2e\n%%EOF\n');
    await step(page, 'feasibility')
      .locator('[data-testid="material-upload"][data-material="feasibility_report"] input[type=file]')
      .setInputFiles({ name: '可研报告.pdf', mimeType: 'application/pdf', buffer: pdf });
    const material = step(page, 'feasibility').locator('[data-testid="step-material"][data-material="feasibility_report"]');
    await expect.poll(() => material.getAttribute('data-present')).toBe('true');
    const doc = page.locator('[data-testid="document"][data-material="feasibility_report"]');
    await doc.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), doc.getByTestId('document-download').click()]);
    expect(download.suggestedFilename()).toBe('可研报告.pdf');
    expect((await readFile((await download.path())!)).equals(pdf)).toBe(true);

    // Into 已会商: the next gate counts the simplified step and names the rest.
    await page.getByTestId('advance').click();
    await expect.poll(() => page.getByTestId('stage-tag').first().getAttribute('data-stage')).toBe('consulted');
    const checklist = gate(page, 'approval_checklist');
    await expect.poll(() => checklist.getAttribute('data-satisfied')).toBe('false');
    expect(await checklist.getByTestId('gate-label').textContent()).toBe('审批事项均已办结或经会商简化');
    expect(await checklist.getByTestId('gate-detail').textContent()).toBe('7 个审批环节中已完成或简化 1 个。');
    expect(await checklist.textContent()).toContain('（feasibility）');
    expect(await checklist.textContent()).not.toContain('（project_proposal）');
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'test-results/approvals-tab.png', fullPage: true });

    // Outcomes: counts and an area sent with two places.
    await page.getByTestId('tab-outcomes').click();
    await page.getByTestId('outcomes-edit').click();
    await page
      .locator('[data-testid="outcome-input-parkingSpacesAdded"] input, input[data-testid="outcome-input-parkingSpacesAdded"]')
      .first()
      .fill('12');
    await page
      .locator('[data-testid="outcome-input-fitnessSpaceM2"] input, input[data-testid="outcome-input-fitnessSpaceM2"]')
      .first()
      .fill('150.5');
    await page.getByTestId('outcomes-submit').click();
    await expect.poll(() => page.getByTestId('outcome-fitnessSpaceM2').getAttribute('data-value')).toBe('150.50');
    expect(await page.getByTestId('outcome-parkingSpacesAdded').getAttribute('data-value')).toBe('12');
    expect(await page.getByTestId('outcomes-tab').getAttribute('data-recorded')).toBe('true');
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await page.screenshot({ path: 'test-results/outcomes-tab.png', fullPage: true });
    await page.context().close();
  });

  it('shows the policy rules and the year plan to the city admin', async () => {
    const page = await signIn('admin');
    await page.getByRole('menuitem', { name: /政策规则/ }).click();
    await page.waitForURL(/\/policy-rules$/);
    const cap = page.locator('[data-testid="policy-rule"][data-key="funding.subsidy_cap_per_m2"]');
    const version = cap.locator('[data-testid="policy-version"][data-version="2021.1"]');
    await version.waitFor();
    expect(await version.getByTestId('policy-value').textContent()).toBe('400');
    expect(await version.textContent()).toContain('现行');
    await page.getByTestId('policy-publish').waitFor();

    // Publishing an existing version is refused, the server's reason shown.
    await cap.getByTestId('policy-publish-key').click();
    const form = page.getByTestId('publish-form');
    await form.getByTestId('publish-version').fill('2021.1');
    await form.getByTestId('publish-value').fill('420');
    await form.getByTestId('publish-source').fill('E2E 演示文件');
    await page.getByTestId('publish-submit').click();
    await page.getByTestId('publish-error').waitFor();
    expect(await page.getByTestId('publish-error').textContent()).toContain('已有 2021.1 版');
    await page.screenshot({ path: 'test-results/policy-rules.png', fullPage: true });
    await page.locator('.ant-modal-close').click();

    // Year plan: by default the latest year with projects; by district, the plan total the exact fen sum.
    await page.getByRole('menuitem', { name: /年度计划/ }).click();
    await page.waitForURL(/\/year-plan/);
    await page.getByTestId('year-plan-table').waitFor();
    const latest = await apiCall<{ items: { year: number }[] }>(page, 'GET', '/projects?limit=1');
    expect(await page.getByTestId('year-plan-page').getAttribute('data-year')).toBe(String(latest.items[0]!.year));
    // 2021: the demo year with projects at every stage, funded.
    const year = 2021;
    await pickOption(page, page.getByTestId('year-plan-year'), `${year} 年度`, page.locator('.ant-breadcrumb'));
    await expect.poll(() => page.getByTestId('year-plan-page').getAttribute('data-year')).toBe(String(year));
    await page.getByTestId('year-plan-table').waitFor();
    let cursor: string | null = null;
    let total: bigint | null = null;
    let count = 0;
    do {
      const q: string = `/projects?year=${year}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res: { items: { planTotalFen: number | null }[]; nextCursor: string | null } = await apiCall(page, 'GET', q);
      for (const p of res.items) if (p.planTotalFen !== null) total = (total ?? 0n) + BigInt(p.planTotalFen);
      count += res.items.length;
      cursor = res.nextCursor;
    } while (cursor);
    expect(count).toBeGreaterThan(0);
    const totalRow = page.getByTestId('year-plan-total');
    // Projects without a plan total (planTotalFen null) add nothing; none at all shows as —.
    expect(await totalRow.locator('[data-fen]').first().getAttribute('data-fen')).toBe(total === null ? '' : String(total));
    expect(await page.getByTestId('year-plan-row').count()).toBeGreaterThan(1);
    await page.getByTestId('year-plan-chart').waitFor();
    await page.waitForTimeout(800); // the chart's entry animation
    await page.screenshot({ path: 'test-results/year-plan.png', fullPage: true });
    await page.context().close();
  });
});
