// Words, not codes: every page the web app declares (read from the web modules' manifests, e2e/words.routes.ts) is
// opened in zh-CN by the roles that see it (the city bureau sees the most; a community worker, the power liaison,
// a service provider and the grid worker their own menus and phone frames; the resident their /m pages), left to
// settle, every tab of its first tab bar opened, and its visible text read. Any Latin-letter word that is not in
// e2e/words.allowed.ts (unit symbols, proper names) fails the test with the page, the word and a snippet; text
// inside a technical-details fold (`data-tech`, the 技术详情 folds of web/src/app/TechDetails.tsx) is skipped.
// Parametrised pages open on the first link to them found on the pages before. A project, a ballot, a work
// package and a timetable are made here first, so codes that show only with data (stages, gates, kinds,
// sources, rule keys) are on the pages.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, newPhonePage, signIn, signInOnPhone, smsGateway } from './support.ts';
import { allowedTokens, allowedWords, unreachedRoutes } from './words.allowed.ts';
import { declaredRoutes, hasParams, routePattern, withoutOptional } from './words.routes.ts';

const PHONE = '13900001234';
const { messages, settings } = smsGateway();
const suite = browserSuite({ settings });
const declared = declaredRoutes();

interface Finding {
  role: string;
  page: string;
  word: string;
  snippet: string;
}
const findings: Finding[] = [];
const reached = new Set<string>();

/** Latin-letter words (a code like consent.renovation.threshold or water: is one word) not allowed beside the test. */
function latinWords(text: string): { word: string; snippet: string }[] {
  const out: { word: string; snippet: string }[] = [];
  // A token starts at its first letter or digit, so a hash that opens with digits is one word too.
  for (const m of text.matchAll(/[A-Za-z0-9]*[A-Za-z][A-Za-z0-9_.:/-]*/g)) {
    const word = m[0].replace(/[.:/-]+$/, '');
    if (allowedWords.has(word) || allowedTokens.some((t) => t.test(word))) continue;
    const at = m.index;
    out.push({ word, snippet: text.slice(Math.max(0, at - 30), at + m[0].length + 30).replace(/\s+/g, ' ') });
  }
  return out;
}

/** Waits until the page has loaded its data: no request in flight, no spinner, no skeleton. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
  await expect
    .poll(
      () => page.locator('.ant-spin-spinning:visible, .ant-skeleton-active:visible, .ant-table-placeholder .ant-spin:visible').count(),
      {
        timeout: 20_000,
      },
    )
    .toBe(0);
}

/** What a person reads: the body's rendered text and the visible inputs' placeholders, technical folds left out. */
function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = '[data-tech] { display: none !important; }';
    document.head.appendChild(style);
    const placeholders = [...document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => el.placeholder);
    const text = `${document.body.innerText}\n${placeholders.join('\n')}`;
    style.remove();
    return text;
  });
}

async function check(page: Page, role: string, where: string): Promise<void> {
  for (const f of latinWords(await visibleText(page))) findings.push({ role, page: where, ...f });
}

/** Same-origin paths of every link on the page, in document order. */
const links = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>('a[href]')]
      .map((a) => new URL(a.href, location.href))
      .filter((u) => u.origin === location.origin)
      .map((u) => u.pathname),
  );

/** Opens a page, checks it, then each further tab of its first tab bar. */
async function visit(page: Page, role: string, path: string, seen: string[]): Promise<void> {
  await page.goto(`${suite.url()}${path}`);
  await settle(page);
  await check(page, role, path);
  // A page that sends on to a parametrised one (a dashboard to the reader's division) counts as a link to it.
  seen.push(new URL(page.url()).pathname, ...(await links(page)));
  const tabs = page.locator('.ant-tabs-nav').first().locator('.ant-tabs-tab');
  const count = (await page.locator('.ant-tabs-nav').count()) > 0 ? Math.min(await tabs.count(), 10) : 0;
  for (let i = 1; i < count; i++) {
    const tab = tabs.nth(i);
    if (!(await tab.isVisible()) || (await tab.getAttribute('class'))?.includes('disabled')) continue;
    await tab.click();
    await settle(page);
    await check(page, role, `${path} (${(await tab.innerText()).trim()})`);
    seen.push(...(await links(page)));
  }
}

/** Walks `routes`: plain ones first, then each parametrised one on the first link to it found so far. */
async function walk(page: Page, role: string, routes: string[]): Promise<void> {
  const seen: string[] = [...handedLinks];
  for (const route of routes.filter((r) => !hasParams(r))) {
    await visit(page, role, withoutOptional(route), seen);
    reached.add(route);
  }
  let pending = routes.filter(hasParams);
  for (let progress = true; progress && pending.length > 0;) {
    progress = false;
    for (const route of pending) {
      const pattern = routePattern(route);
      const target = seen.find((link) => {
        const p = link.split('?')[0]!;
        return pattern.test(p) && !declared.routes.some((r) => r !== route && !hasParams(r) && routePattern(r).test(p));
      });
      if (!target) continue;
      await visit(page, role, target, seen);
      reached.add(route);
      progress = true;
    }
    pending = pending.filter((r) => !reached.has(r));
  }
}

/** The routes a role's side menu opens (every path under one of its entries) and its home. */
async function menuRoutes(page: Page, extra: string[] = []): Promise<string[]> {
  await page.locator('.ant-menu-item').first().waitFor();
  const ids = await page.locator('.ant-menu-item[data-menu-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-menu-id')!));
  const keys = declared.menuKeys.filter((k) => k !== '/' && ids.some((id) => id.endsWith(`-${k}`))).concat(extra);
  return declared.routes.filter((r) => r === '/' || keys.some((k) => r === k || r.startsWith(`${k}/`)));
}

/** The demo resident on a phone, signed in by the code the SMS gateway received. */
const residentPhone = async () => signInOnPhone(await newPhonePage(suite.browser()), suite.url(), PHONE, messages);

/** Tomorrow at `hh`:00 in the city (UTC+8), as an ISO instant. */
function tomorrowAt(hh: number): string {
  const day = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
  return `${day}T${String(hh).padStart(2, '0')}:00:00+08:00`;
}

let resident: Page | undefined;
/** Addresses people are handed rather than led to by a link (a lobby screen's, with its token). */
const handedLinks: string[] = [];

const staffRoutes = declared.routes.filter((r) => r !== '/login' && r !== '/m' && !r.startsWith('/m/'));

describe('words, not codes', () => {
  it('the data that brings codes onto pages: a project, a ballot, a work package and a timetable', async () => {
    const officer = await signIn(suite.browser(), suite.url(), 'hemu');
    const compounds = await apiCall<{ items: { id: string; name: string; households: number }[] }>(officer, 'GET', '/compounds?limit=100');
    const compound = compounds.items.find((c) => c.households > 2)!;
    const year = 2034;
    const project = await apiCall<{ id: string }>(officer, 'POST', '/projects', {
      name: `词语检查 ${compound.name}`,
      year,
      compoundIds: [compound.id],
    });
    // A ballot closed at once (nobody voted: it failed, and its notice and public check page exist), then a new one open.
    const first = await apiCall<{ id: string }>(officer, 'POST', `/projects/${project.id}/ballots`, {
      kind: 'renovation_consent',
      title: '词语检查表决（首轮）',
      closesAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      revote: 'none',
    });
    await apiCall(officer, 'POST', `/ballots/${first.id}/close`);
    // A notice is printed and posted in the compound; its page links on to the public check page.
    handedLinks.push(`/ballots/${first.id}/notice`);
    await apiCall(officer, 'POST', `/projects/${project.id}/ballots`, {
      kind: 'renovation_consent',
      title: '词语检查表决',
      closesAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      revote: 'none',
    });
    const liaison = await signIn(suite.browser(), suite.url(), 'power');
    await apiCall(liaison, 'POST', `/projects/${project.id}/work-packages`, {
      compoundId: compound.id,
      kind: 'power',
      durationDays: 5,
      crews: 1,
    });
    const started = await apiCall<{ scheduleId: string }>(officer, 'POST', '/schedules', { year });
    await expect
      .poll(async () => (await apiCall<{ status: string }>(officer, 'GET', `/schedules/${started.scheduleId}`)).status, { timeout: 60_000 })
      .toBe('done');
    const screen = await apiCall<{ path: string }>(officer, 'POST', `/compounds/${compound.id}/screen/token`);
    handedLinks.push(screen.path);
    await Promise.all([officer.context().close(), liaison.context().close()]);

    // The resident orders a meal for the elder she is family of (the provider's phone list and the staff's orders
    // then have one) and reports a street lamp, so the pages of one order and one report have something to show.
    resident = await residentPhone();
    const { elders } = await apiCall<{ elders: { profileId: string }[] }>(resident, 'GET', '/me/services/elders');
    await apiCall(resident, 'POST', '/me/services/orders', {
      profileId: elders[0]!.profileId,
      kind: 'meal_delivery',
      startsAt: tomorrowAt(11),
    });
    const options = await apiCall<{ compounds: { id: string; buildings: { id: string }[] }[]; categories: { code: string }[] }>(
      resident,
      'GET',
      '/me/grid-events/options',
    );
    const home = options.compounds.find((c) => c.buildings.length > 0)!;
    await resident.evaluate(
      async ({ compoundId, buildingId, category }) => {
        const form = new FormData();
        form.set('category', category);
        form.set('description', '词语检查：楼下路灯不亮');
        form.set('compoundId', compoundId);
        form.set('buildingId', buildingId);
        const res = await fetch('/api/v1/me/grid-events', { method: 'POST', body: form, credentials: 'include' });
        if (res.status !== 201) throw new Error(`report: ${res.status} ${await res.text()}`);
      },
      { compoundId: home.id, buildingId: home.buildings[0]!.id, category: options.categories[0]!.code },
    );
  });

  it('the sign-in pages speak Chinese', async () => {
    const page = await newPhonePage(suite.browser());
    for (const path of ['/login', '/m/login']) {
      await visit(page, 'signed out', path, []);
      reached.add(path);
    }
    await page.context().close();
  });

  it('the city bureau reads Chinese on every page', async () => {
    const page = await signIn(suite.browser(), suite.url(), 'admin');
    await walk(page, 'city_admin', staffRoutes);
    await page.context().close();
  }, 900_000);

  for (const [username, extra] of [
    ['hemu-worker', []],
    ['power', []],
    ['provider', []],
    ['grid', ['/grid/mine']],
  ] as const) {
    it(`${username} reads Chinese on every page of their menu`, async () => {
      const page = await signIn(suite.browser(), suite.url(), username);
      await walk(page, username, await menuRoutes(page, [...extra]));
      await page.context().close();
    }, 600_000);
  }

  it('the resident reads Chinese on every page of /m', async () => {
    const phone = resident ?? (await residentPhone());
    await walk(
      phone,
      'resident',
      declared.routes.filter((r) => r === '/m' || (r.startsWith('/m/') && r !== '/m/login')),
    );
    await phone.context().close();
  }, 600_000);

  it('finds no code on any page, and reaches every declared page', () => {
    // One line per word and page, ids in paths folded so a list of a hundred rows reads as one line.
    const report = new Map<string, string>();
    for (const f of findings) {
      const where = f.page.replace(/\/[0-9a-f-]{20,}/g, '/…');
      const key = `${f.word.replace(/[0-9a-f]{8,}/g, '…')} ${where}`;
      if (!report.has(key)) report.set(key, `${f.role} ${where}: "${f.word}" in …${f.snippet}…`);
    }
    const missed = declared.routes.filter((r) => !reached.has(r) && !unreachedRoutes.has(r));
    // An excuse for a page the walk reached is stale: it goes, so the list stays true.
    const excusedButReached = [...unreachedRoutes.keys()].filter((r) => reached.has(r));
    expect({ codes: [...report.values()], missed, excusedButReached }).toEqual({ codes: [], missed: [], excusedButReached: [] });
  });
});
