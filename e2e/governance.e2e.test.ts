// Governance after renovation in a real browser. The district officer registers a property company
// in the register page (a bad credit code is refused at its field first), finds it listed, suspends
// and reinstates it; the subdistrict officer fills a project's governance tab (party organisation,
// station, owners' committee, the company from the picker), uploads the two rules documents and sees
// the gaps shrink to the management mode, which only a passed management_mode ballot may set (an open
// one is refused). A seeded project already handed over shows every part in place, its mode and ballot.
import { fillPicker } from './pickers.ts';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, pick, signIn as signInAs } from './support.ts';

const suite = browserSuite();
const signIn = (username: string) => signInAs(suite.browser(), suite.url(), username);
const apiGet = <T>(page: Page, path: string) => apiCall<T>(page, 'GET', path);

const input = (scope: ReturnType<Page['locator']>, testId: string) =>
  scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** 统一社会信用代码 (GB 32100-2015): the MOD 31 check character completing 17 characters. */
function creditCode(first17: string): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = weights.reduce((s, w, i) => s + w * charset.indexOf(first17[i]!), 0);
  return first17 + charset[(31 - (sum % 31)) % 31]!;
}

interface ProjectRow {
  id: string;
  name: string;
  stage: string;
}
interface Governance {
  gaps: string[];
  managementMode: string | null;
  managementModeBallotId: string | null;
  propertyCompany: { id: string; name: string } | null;
  documents: { kind: string }[];
}

const pdf = (title: string) => Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

describe('governance UI', () => {
  const companyName = `E2E 和睦物业服务有限公司 ${Date.now() % 100000}`;
  const code = creditCode(`91330105${String(Date.now()).slice(-9)}`);

  it('registers a property company in the register page and lists it', async () => {
    const officer = await signIn('gongshu');
    await officer.getByRole('menuitem', { name: '物业企业名录' }).click();
    await officer.getByTestId('companies-page').waitFor();
    await expect.poll(() => officer.getByTestId('company-row').count()).toBeGreaterThan(0);

    await officer.getByTestId('company-register').click();
    const modal = officer.locator('.ant-modal');
    await input(modal, 'company-name-input').fill(companyName);
    // A wrong check character: the server refuses it (422) and the form says so at the field.
    const last = code[17] === '0' ? '1' : '0';
    await input(modal, 'company-credit-code-input').fill(code.slice(0, 17) + last);
    await pick(officer, 'company-district-select', '330105');
    await input(modal, 'company-qualification-input').fill('物业服务');
    await officer.getByTestId('company-register-submit').click();
    const problem = officer.getByTestId('company-register-problem');
    await problem.waitFor();
    expect(await problem.getAttribute('data-status')).toBe('422');
    await expect
      .poll(() => modal.locator('.ant-form-item-explain-error').allTextContents())
      .toContain('18 位，且校验码正确（GB 32100-2015）');

    await input(modal, 'company-credit-code-input').fill(code);
    await officer.getByTestId('company-register-submit').click();
    await expect.poll(() => officer.locator('.ant-modal:visible').count()).toBe(0);
    const row = officer.locator(`[data-testid="company-row"][data-credit-code="${code}"]`);
    await row.waitFor();
    expect(await row.textContent()).toBe(companyName);
    expect(await row.getAttribute('data-status')).toBe('active');

    // The search and district filter find it; a duplicate credit code is refused (409).
    const search = input(officer.locator('body'), 'company-search');
    await search.fill(companyName);
    await search.press('Enter');
    await expect.poll(() => officer.getByTestId('company-row').count()).toBe(1);
    await pick(officer, 'company-district-filter', '330105');
    await row.waitFor();
    await officer.getByTestId('company-register').click();
    await input(modal, 'company-name-input').fill(`${companyName} 重复`);
    await input(modal, 'company-credit-code-input').fill(code);
    await pick(officer, 'company-district-select', '330105');
    await officer.getByTestId('company-register-submit').click();
    await expect.poll(() => officer.getByTestId('company-register-problem').getAttribute('data-status')).toBe('409');
    await modal.locator('.ant-modal-close').click();
    await expect.poll(() => officer.locator('.ant-modal:visible').count(), { timeout: 5000 }).toBe(0);

    // Suspended, then reinstated (a suspended company cannot be picked for a project).
    const tr = officer.locator('tr', { has: row });
    await tr.getByTestId('company-suspend').click();
    await officer.getByTestId('company-status-confirm').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('suspended');
    await tr.getByTestId('company-reinstate').click();
    await officer.getByTestId('company-status-confirm').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('active');
    await officer.screenshot({ path: 'test-results/governance-companies.png', fullPage: true });
  });

  it('fills the governance tab of a 和睦 project until only the management mode is missing', async () => {
    const officer = await signIn('hemu');
    const accepted = await apiGet<{ items: ProjectRow[] }>(officer, '/projects?stage=accepted&limit=5');
    const project =
      accepted.items[0] ??
      (await apiGet<{ items: ProjectRow[] }>(officer, '/projects?limit=5')).items.find((p) => p.stage !== 'handed_over')!;
    expect(project).toBeTruthy();
    const before = await apiGet<Governance>(officer, `/projects/${project.id}/governance`);
    expect(before.gaps).toContain('management_mode');

    await officer.goto(`${suite.url()}/projects/${project.id}`);
    await officer.getByTestId('tab-governance').click();
    const checklist = officer.getByTestId('governance-checklist');
    await checklist.waitFor();
    expect(await officer.getByTestId('governance-part-party').getAttribute('data-ok')).toBe('false');

    await input(officer.locator('body'), 'governance-party-input').fill('和睦小区党支部');
    await input(officer.locator('body'), 'governance-station-input').fill('和睦小区党群服务站');
    await input(officer.locator('body'), 'governance-committee-name').fill('和睦小区业主委员会');
    await fillPicker(officer.locator('body'), 'governance-committee-elected', '2026-05-18');
    await input(officer.locator('body'), 'governance-committee-members').fill('7');
    await pick(officer, 'governance-company-select', companyName);
    await officer.getByTestId('governance-save').click();
    await expect.poll(() => officer.getByTestId('governance-part-party').getAttribute('data-ok')).toBe('true');
    await expect.poll(() => officer.getByTestId('governance-part-owners').getAttribute('data-ok')).toBe('true');
    await expect.poll(() => officer.getByTestId('governance-item-property_company').getAttribute('data-ok')).toBe('true');

    // The two rules documents, through the upload buttons.
    const upload = async (kind: string, name: string) => {
      const count = await officer.getByTestId('governance-document').count();
      await officer.locator(`[data-testid="governance-upload-${kind}"] input[type=file]`).setInputFiles({
        name,
        mimeType: 'application/pdf',
        buffer: pdf(name),
      });
      await expect.poll(() => officer.getByTestId('governance-document').count()).toBe(count + 1);
    };
    await upload('management_rules', '和睦小区管理规约.pdf');
    await upload('meeting_rules', '和睦小区业主大会议事规则.pdf');
    await expect.poll(() => checklist.getAttribute('data-gaps')).toBe('management_mode');
    await expect.poll(() => officer.getByTestId('governance-part-rules').getAttribute('data-ok')).toBe('true');
    expect(await officer.getByTestId('governance-part-property').getAttribute('data-ok')).toBe('false');
    expect(await officer.getByTestId('governance-item-management_mode').textContent()).toContain('管理模式表决');

    const after = await apiGet<Governance>(officer, `/projects/${project.id}/governance`);
    expect(after.gaps).toEqual(['management_mode']);
    expect(after.propertyCompany?.name).toBe(companyName);
    expect(after.documents.map((d) => d.kind).sort()).toEqual(['management_rules', 'meeting_rules']);

    // A management_mode ballot opened (through the API) but not closed and passed cannot set the mode.
    const ballot = await apiCall<{ id: string }>(officer, 'POST', `/projects/${project.id}/ballots`, {
      kind: 'management_mode',
      title: 'E2E 物业管理模式表决',
      closesAt: `${new Date().getFullYear() + 1}-06-30T18:00:00+08:00`,
      revote: 'last_counts',
      proposal: 'professional_property',
    });
    await expect(apiCall(officer, 'PATCH', `/projects/${project.id}/governance`, { managementModeBallotId: ballot.id })).rejects.toThrow(
      /422.*managementModeBallotId/,
    );
    await officer.reload();
    await officer.getByTestId('governance-mode').waitFor();
    expect(await officer.getByTestId('governance-mode-value').getAttribute('data-mode')).toBe('');
    // Only closed ballots are offered, so an open one is not among them.
    await officer.getByTestId('governance-mode-ballot-select').click();
    await expect.poll(() => officer.getByText('本项目尚无已结束并通过的管理模式表决', { exact: false }).count()).toBeGreaterThan(0);
    await officer.keyboard.press('Escape');
    await officer.evaluate(() => window.scrollTo(0, 0));
    await officer.screenshot({ path: 'test-results/governance-tab.png', fullPage: true });

    // Someone without governance.manage reads the tab but gets no forms.
    const worker = await signIn('hemu-worker');
    await worker.goto(`${suite.url()}/projects/${project.id}?tab=governance`);
    await worker.getByTestId('governance-checklist').waitFor();
    expect(await worker.getByTestId('governance-party').textContent()).toBe('和睦小区党支部');
    expect(await worker.getByTestId('governance-save').count()).toBe(0);
    expect(await worker.locator('[data-testid^="governance-upload-"]').count()).toBe(0);
  });

  it('shows a handed-over project with its governance complete, the mode and its ballot', async () => {
    let page = await signIn('hemu');
    let handedOver = await apiGet<{ items: ProjectRow[] }>(page, '/projects?stage=handed_over&limit=5');
    if (handedOver.items.length === 0) {
      page = await signIn('gongshu');
      handedOver = await apiGet<{ items: ProjectRow[] }>(page, '/projects?stage=handed_over&limit=5');
    }
    const project = handedOver.items[0]!;
    expect(project).toBeTruthy();
    const governance = await apiGet<Governance>(page, `/projects/${project.id}/governance`);
    expect(governance.gaps).toEqual([]);

    await page.goto(`${suite.url()}/projects/${project.id}?tab=governance`);
    const checklist = page.getByTestId('governance-checklist');
    await checklist.waitFor();
    expect(await checklist.getAttribute('data-gaps')).toBe('');
    await page.getByTestId('governance-complete').waitFor();
    for (const part of ['party', 'owners', 'property', 'rules'])
      await expect.poll(() => page.getByTestId(`governance-part-${part}`).getAttribute('data-ok')).toBe('true');
    const mode = page.getByTestId('governance-mode-value');
    expect(await mode.getAttribute('data-mode')).toBe(governance.managementMode);
    expect(await mode.textContent()).toBe(
      { professional_property: '专业化物业服务', quasi_property: '准物业（社区托管）', self_management: '业主自治' }[
        governance.managementMode!
      ],
    );
    expect(await page.getByTestId('governance-mode-ballot').getAttribute('data-ballot-id')).toBe(governance.managementModeBallotId);
    expect(await page.getByTestId('governance-item-management_mode').textContent()).toContain(await mode.textContent());
    expect(await page.getByTestId('governance-document').count()).toBe(2);
    // The ballot that adopted the mode is offered (passed) in the picker.
    await page.getByTestId('governance-mode-ballot-select').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().waitFor();
    expect(
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().textContent(),
    ).toContain('已通过');
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'test-results/governance-handed-over.png', fullPage: true });
  });
});
