// The residents' mobile web in a phone-sized Chromium: the demo resident signs in at /m/login with a
// one-time code (caught by a stand-in SMS gateway: LOGIN_CODE_SENDER points at a tiny HTTP server
// here), sees their home and what is waiting, answers a survey, votes and keeps the receipt; once the
// officer closes the ballot the resident sees the result and finds the receipt in the published list.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, newPhonePage, signIn, smsGateway } from './support.ts';

const PHONE = '13900001234';

const { messages, settings } = smsGateway();
const suite = browserSuite({ settings });

/** Clicks the label around an antd radio / checkbox whose data-testid lands on the hidden <input>. */
const tick = (page: Page, testId: string) =>
  page
    .locator('label', { has: page.getByTestId(testId) })
    .first()
    .click();

interface Mine {
  households: { householdId: string; compoundName: string; status: string }[];
  surveys: { id: string; householdId: string; answeredAt: string | null }[];
  ballots: { id: string; householdId: string; receipt: string | null }[];
}

const questions = [
  {
    id: 'needs',
    type: 'multiple',
    text: '您最希望改造的内容',
    required: true,
    options: [
      { code: 'lift', label: '加装电梯' },
      { code: 'parking', label: '增加停车位' },
      { code: 'green', label: '绿化提升' },
    ],
  },
  {
    id: 'support',
    type: 'single',
    text: '您是否支持本小区改造',
    required: true,
    options: [
      { code: 'yes', label: '支持' },
      { code: 'no', label: '不支持' },
    ],
  },
  { id: 'score', type: 'scale', text: '您对小区现状的满意度', required: true, min: 1, max: 5 },
  { id: 'note', type: 'text', text: '其他意见和建议', required: false, maxLength: 200 },
];

describe('resident mobile web', () => {
  it('signs in by code, answers a survey, votes, and finds the receipt in the published list', async () => {
    const phone = await newPhonePage(suite.browser());

    // Signed out, /m leads to the sign-in screen.
    await phone.goto(`${suite.url()}/m`);
    await phone.waitForURL(/\/m\/login/);
    await phone.getByTestId('m-phone').fill(PHONE);
    await phone.getByTestId('m-send-code').click();
    await phone.getByTestId('m-code-sent').waitFor();
    // The resend button counts down before it may be used again.
    await expect.poll(async () => Number(await phone.getByTestId('m-send-code').getAttribute('data-countdown'))).toBeGreaterThan(0);
    expect(await phone.getByTestId('m-send-code').isDisabled()).toBe(true);
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toMatchObject({ phone: PHONE, expiresInSeconds: 300 });
    expect(messages[0]!.code).toMatch(/^\d{6}$/);

    // A wrong code is refused with the server's explanation.
    const wrong = messages[0]!.code === '000000' ? '111111' : '000000';
    await phone.getByTestId('m-code').fill(wrong);
    await phone.getByTestId('m-login-submit').click();
    const problem = phone.getByTestId('m-login-problem');
    await problem.waitFor();
    // The Chinese UI's words and the problem's status, not the server's English sentence.
    expect(await problem.getAttribute('data-status')).toBe('401');
    expect(await problem.textContent()).toContain('登录失败');

    await phone.getByTestId('m-code').fill(messages[0]!.code);
    await phone.getByTestId('m-login-submit').click();
    await phone.getByTestId('m-home').waitFor();
    expect(new URL(phone.url()).pathname).toBe('/m');

    // The resident's verified home (from the same API the page reads).
    const mine = await apiCall<Mine>(phone, 'GET', '/me/participation');
    const home = mine.households.find((h) => h.status === 'verified')!;
    expect(home).toBeTruthy();
    await phone.getByTestId(`m-home-${home.householdId}`).waitFor();
    expect(await phone.getByTestId(`m-home-${home.householdId}`).getAttribute('data-status')).toBe('verified');

    // The officer opens a fresh project on that compound with a survey and a ballot.
    const officer = await signIn(suite.browser(), suite.url(), 'hemu');
    const compounds = await apiCall<{ items: { id: string; name: string }[] }>(
      officer,
      'GET',
      `/compounds?limit=100&q=${encodeURIComponent(home.compoundName)}`,
    );
    const compound = compounds.items.find((c) => c.name === home.compoundName)!;
    expect(compound).toBeTruthy();
    const project = await apiCall<{ id: string }>(officer, 'POST', '/projects', {
      name: `E2E 居民端 ${compound.name}`,
      year: new Date().getFullYear(),
      compoundIds: [compound.id],
    });
    const survey = await apiCall<{ id: string }>(officer, 'POST', `/projects/${project.id}/surveys`, {
      kind: 'willingness',
      title: 'E2E 改造意愿调查',
      questions,
    });
    const ballot = await apiCall<{ id: string; eligible: number }>(officer, 'POST', `/projects/${project.id}/ballots`, {
      kind: 'other',
      title: 'E2E 是否同意加装电梯',
      proposal: '在 1 号楼加装电梯，费用按楼层分摊',
      closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      revote: 'none',
    });

    // Home: both are waiting for this household.
    await phone.reload();
    await phone.getByTestId('m-home').waitFor();
    const todo = phone.getByTestId('m-todo');
    await todo.getByTestId(`m-survey-${survey.id}`).waitFor();
    await todo.getByTestId(`m-ballot-${ballot.id}`).waitFor();
    await phone.screenshot({ path: 'test-results/resident-home.png', fullPage: true });

    // The survey: required questions are checked before sending, then answered and submitted.
    await todo.getByTestId(`m-survey-${survey.id}`).click();
    await phone.getByTestId('m-survey').waitFor();
    expect(await phone.getByTestId('m-survey-title').textContent()).toBe('E2E 改造意愿调查');
    await phone.getByTestId('m-survey-submit').click();
    await phone.getByTestId('m-question-needs').getByText('此题为必答题').waitFor();
    await tick(phone, 'm-q-needs-lift');
    await tick(phone, 'm-q-needs-parking');
    await tick(phone, 'm-q-support-yes');
    await tick(phone, 'm-q-score-4');
    await phone.getByTestId('m-q-note').fill('希望尽快开工');
    await phone.screenshot({ path: 'test-results/resident-survey.png', fullPage: true });
    await phone.getByTestId('m-survey-submit').click();
    await phone.getByTestId('m-survey-done').waitFor();
    const results = await apiCall<{ responses: number; results: { questionId: string; options?: { code: string; count: number }[] }[] }>(
      officer,
      'GET',
      `/surveys/${survey.id}`,
    );
    expect(results.responses).toBe(1);
    expect(results.results.find((r) => r.questionId === 'needs')!.options).toContainEqual({ code: 'lift', count: 1 });
    await phone.getByTestId('m-survey-home').click();
    await phone.getByTestId('m-home').waitFor();
    await phone.getByTestId('m-done').getByTestId(`m-survey-${survey.id}`).waitFor();

    // The ballot: choose, confirm, and get the receipt.
    await phone.getByTestId('m-todo').getByTestId(`m-ballot-${ballot.id}`).click();
    await phone.getByTestId('m-ballot').waitFor();
    expect(await phone.getByTestId('m-ballot-proposal').textContent()).toContain('加装电梯');
    await tick(phone, 'm-choice-disagree');
    await tick(phone, 'm-choice-agree');
    // The chosen option is unmistakable: one tick, on the chosen one, filled in its colour.
    await expect.poll(() => phone.getByTestId('m-choice-tick').count()).toBe(1);
    const chosen = phone.locator('label', { has: phone.getByTestId('m-choice-tick') });
    expect(await chosen.textContent()).toContain('同意');
    expect(await chosen.textContent()).not.toContain('不同意');
    // Polled: the fill fades in (a CSS transition).
    await expect.poll(() => chosen.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(56, 158, 13)');
    await phone.getByTestId('m-vote-submit').click();
    expect(await phone.getByTestId('m-vote-confirm-text').textContent()).toContain('同意');
    await phone.getByTestId('m-vote-confirm').click();
    await phone.getByTestId('m-receipt').waitFor();
    const receipt = (await phone.getByTestId('m-receipt-code').textContent())!.trim();
    expect(receipt.length).toBeGreaterThan(6);
    // The receipt repeats the choice made.
    expect(await phone.getByTestId('m-receipt-choice').textContent()).toBe('您的选择：同意');
    // Revoting is not allowed on this ballot: no vote form once voted.
    expect(await phone.getByTestId('m-vote').count()).toBe(0);
    await phone.screenshot({ path: 'test-results/resident-receipt.png', fullPage: true });
    const after = await apiCall<Mine>(phone, 'GET', '/me/participation');
    expect(after.ballots.find((b) => b.id === ballot.id && b.householdId === home.householdId)?.receipt).toBe(receipt);

    // The officer closes the ballot; the resident sees the result and the receipt in the published list.
    await apiCall(officer, 'POST', `/ballots/${ballot.id}/close`);
    await phone.reload();
    await phone.getByTestId('m-tally').waitFor();
    expect(await phone.getByTestId('m-ballot-status').textContent()).toBe('已结束');
    expect(await phone.getByTestId('m-tally-agree').getAttribute('data-value')).toBe('1');
    expect(await phone.getByTestId('m-tally-eligible').getAttribute('data-value')).toBe(String(ballot.eligible));
    const inList = phone.getByTestId('m-receipt-in-list');
    await inList.waitFor();
    expect(await inList.textContent()).toContain('您的回执已在公示名单中');
    expect(await phone.getByTestId('m-receipt-code').textContent()).toBe(receipt);
    // Later the receipt no longer says the choice: the server never answers it (a phone shown to someone proves nothing).
    expect(await phone.getByTestId('m-receipt-choice').count()).toBe(0);
    await phone.screenshot({ path: 'test-results/resident-result.png', fullPage: true });

    // The receipt carries its position, head and signature; the public check holds them against the key and the chain.
    expect(Number(await phone.getByTestId('m-receipt-position').textContent())).toBeGreaterThan(1);
    await phone.getByTestId('m-receipt-check').click();
    const result = phone.getByTestId('check-result');
    await result.waitFor();
    expect(await result.getAttribute('data-valid')).toBe('true');
    expect(await phone.getByTestId('check-receipt').textContent()).toBe(receipt);

    // The officer's public notice (公示) prints the anchored head with a QR code of the same public check.
    await officer.goto(`${suite.url()}/ballots/${ballot.id}/notice`);
    await officer.getByTestId('notice-qr').waitFor();
    const qrUrl = (await officer.getByTestId('notice-qr').getAttribute('data-url'))!;
    expect(qrUrl).toContain(`/verify/ballots/${ballot.id}?head=`);
    expect(await officer.getByTestId('notice-receipts').textContent()).toContain(receipt);
    await phone.goto(qrUrl);
    await phone.getByTestId('check-result').waitFor();
    expect(await phone.getByTestId('check-result').getAttribute('data-valid')).toBe('true');

    // Signed in already: /m/login goes straight to the home; signing out comes back to it.
    await phone.goto(`${suite.url()}/m/login`);
    await phone.getByTestId('m-home').waitFor();
    expect(await phone.getByTestId('m-signout').textContent()).toBe('退出');
    await phone.getByTestId('m-signout').click();
    await phone.getByTestId('m-signout-confirm').click();
    await phone.waitForURL(/\/m\/login/);
    await phone.getByTestId('m-login').waitFor();
    const me = await phone.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    expect(me).toBe(401);
  });
});
