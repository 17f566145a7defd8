// What every browser test needs: a fresh Renova with the demo city, Debian's
// Chromium (never a downloaded browser), a signed-in page, and API calls made
// through that page's own session cookie.
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startTestServer } from '../src/apps/test-server.ts';
import type { AppContext } from '../src/platform/context.ts';

export const PASSWORD = 'Demo@2026';

type Settings = Record<string, string>;

export interface SmsMessage {
  phone: string;
  code: string;
  expiresInSeconds: number;
}

/**
 * A stand-in SMS gateway for login codes, started before the file's tests and stopped after: it keeps every message
 * the server posts. Pass `settings` to browserSuite so the server sends there.
 */
export function smsGateway(): { messages: SmsMessage[]; settings: () => Settings } {
  const messages: SmsMessage[] = [];
  let gateway: http.Server | undefined;
  beforeAll(async () => {
    gateway = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        try {
          messages.push(JSON.parse(body) as SmsMessage);
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        } catch {
          res.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => gateway!.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (gateway ? gateway.close(() => resolve()) : resolve()));
  });
  return { messages, settings: () => ({ LOGIN_CODE_SENDER: `http://127.0.0.1:${(gateway!.address() as AddressInfo).port}/sms` }) };
}

/**
 * Starts the server and the browser before the file's tests, and stops both after. `settings`
 * are server settings (e.g. LOGIN_CODE_SENDER); a function is called in the hook, so it may read
 * something an earlier `beforeAll` of the file started (a port).
 */
export function browserSuite(opts: { settings?: Settings | (() => Settings | Promise<Settings>) } = {}): {
  url: () => string;
  browser: () => Browser;
  /** The server's own context (it runs in this process): for a test that moves a clock by passing `now`. */
  ctx: () => AppContext;
} {
  let server: { url: string; ctx: AppContext; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    const settings = typeof opts.settings === 'function' ? await opts.settings() : opts.settings;
    server = await startTestServer(settings);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Without the networking flags Chromium keeps calling hosts this machine cannot reach.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return { url: () => server!.url, browser: () => browser!, ctx: () => server!.ctx };
}

export async function newPage(browser: Browser, opts: { acceptDownloads?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: opts.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** A phone-sized page (390×844, touch, zh-CN): what the residents' mobile web is made for. */
export async function newPhonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/**
 * A resident signs in on `/m` with the code the SMS gateway received for `phone` (exactly one new message) and
 * lands on the /m home. The page is the caller's (a phone page, perhaps with its clock installed).
 */
export async function signInOnPhone(page: Page, baseUrl: string, phone: string, messages: SmsMessage[]): Promise<Page> {
  const sent = () => messages.filter((m) => m.phone === phone);
  const before = sent().length;
  await page.goto(`${baseUrl}/m/login`);
  await page.getByTestId('m-phone').fill(phone);
  await page.getByTestId('m-send-code').click();
  await expect.poll(() => sent().length).toBe(before + 1);
  await page.getByTestId('m-code').fill(sent().at(-1)!.code);
  await page.getByTestId('m-login-submit').click();
  await page.getByTestId('m-home').waitFor();
  return page;
}

/** Signs in through the login form and waits for the app shell. */
export async function signIn(browser: Browser, baseUrl: string, username: string, opts: { acceptDownloads?: boolean } = {}): Promise<Page> {
  const page = await newPage(browser, opts);
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
  return page;
}

/** A JSON call through the page's session cookie; throws unless 2xx. */
export async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(`/api/v1${path}`, {
        method,
        credentials: 'include',
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? null : await res.json();
    },
    { method, path, body },
  ) as Promise<T>;
}

/**
 * Chooses an option of a single antd Select: opens it, types `typed` to filter, clicks the first option
 * containing `label`, and waits for the dropdown to close. Under load the list can re-render between
 * finding an option and clicking it, so a click that did not close the dropdown is made again.
 */
/** Clicks a modal's closing button until no modal is open (a click during its opening animation can be lost). */
export async function closeModal(page: Page, testId: string): Promise<void> {
  const open = () => page.locator('.ant-modal-wrap:visible').count();
  for (let attempt = 1; ; attempt++) {
    if (await page.getByTestId(testId).isVisible()) await page.getByTestId(testId).click();
    try {
      await expect.poll(open, { timeout: 5_000 }).toBe(0);
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

export async function pick(page: Page, testId: string, typed: string, label = typed): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(typed);
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: label })
    .first();
  const open = () => page.locator('.ant-select-dropdown:visible').count();
  for (let attempt = 1; ; attempt++) {
    await option.click();
    try {
      await expect.poll(open, { timeout: 5_000 }).toBe(0);
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/** Opens 综合改一次 from the menu, checks it opens on `year` (the latest with work packages), and answers the account's division it shows. */
export async function openCoordination(page: Page, year: number): Promise<string> {
  await page.getByRole('menuitem', { name: /综合改一次/ }).click();
  await page.waitForURL(/\/coordination$/);
  const coordination = page.getByTestId('coordination-page');
  await expect.poll(() => coordination.getAttribute('data-division')).not.toBe('');
  expect(await coordination.getAttribute('data-year')).toBe(String(year));
  return (await coordination.getAttribute('data-division'))!;
}
