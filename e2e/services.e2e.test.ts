// Acceptance 1 of the services issue in Chromium, on a phone (390×844): an elder's daughter orders a meal delivery
// for her mother on /m; it goes to the best-ranked provider, which accepts, checks in and checks out on its own
// phone (/provide, with the browser's position); the daughter sees it completed and rates it; the community's fill
// rate moves on the matching dashboard (/services/dashboard), read before and after, as in the API it reads.
// The test makes its own compound, the daughter and her mother's households, the mother's care profile linked to
// the daughter, and two providers (the nearer one acting through the demo account `provider`).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, browserSuite, newPhonePage, PASSWORD, signIn, smsGateway, signInOnPhone } from './support.ts';

const COMMUNITY = '330105004001';
const LAT = 30.2911;
const LNG = 120.1402;
const north = (m: number) => Number((LAT + m / 111_195).toFixed(6));

const { messages, settings } = smsGateway();
const suite = browserSuite({ settings });

interface Figures {
  byKind: { kind: string; matched: number; demand: number; fillRate: { numerator: number; denominator: number; percent: string | null } }[];
}

/** The meal delivery row of the community's matching dashboard, as the page shows it. */
async function dashboard(page: Page) {
  await page.goto(`${suite.url()}/services/dashboard/${COMMUNITY}`);
  const row = page.getByTestId('svc-dash-kind-meal_delivery');
  await row.waitFor();
  const fill = page.getByTestId('svc-dash-fill-meal_delivery');
  return {
    demand: Number(await row.getAttribute('data-demand')),
    matched: Number(await row.getAttribute('data-matched')),
    numerator: Number(await fill.getAttribute('data-numerator')),
    denominator: Number(await fill.getAttribute('data-denominator')),
    percent: await fill.getAttribute('data-percent'),
  };
}

describe('home care services', () => {
  it('an elder’s daughter orders a meal delivery for her mother; the best-ranked provider accepts, checks in and out; she rates it; the fill rate moves', async () => {
    const tag = randomBytes(3).toString('hex');
    const daughterPhone = `136${String(parseInt(tag, 16) % 1e8).padStart(8, '0')}`;
    const worker = await signIn(suite.browser(), suite.url(), 'hemu-worker');
    const compound = await apiCall<{ id: string }>(worker, 'POST', '/compounds', {
      name: `送餐测试小区-${tag}`,
      communityCode: COMMUNITY,
      address: `和睦路送餐${tag}号`,
      yearBuilt: 1989,
      floorAreaM2: '4000.00',
      latitude: LAT.toFixed(6),
      longitude: LNG.toFixed(6),
    });
    const { ids } = await apiCall<{ ids: string[] }>(worker, 'POST', `/compounds/${compound.id}/households`, {
      items: [
        { building: '2幢', unit: '1单元', room: '201', floorAreaM2: '70.00' },
        { building: '2幢', unit: '1单元', room: '202', floorAreaM2: '60.00' },
      ],
    });
    const bound = await apiCall<{ residentId: string }>(worker, 'POST', `/households/${ids[0]}/residents`, {
      name: '送餐女儿',
      phone: daughterPhone,
    });
    const second = await signIn(suite.browser(), suite.url(), 'hemu-worker-2');
    await apiCall(second, 'POST', `/households/${ids[0]}/residents/${bound.residentId}/verification`, { decision: 'verified' });
    await second.close();
    const mother = await apiCall<{ id: string }>(worker, 'POST', '/services/care-profiles', {
      name: '张秀兰',
      birthDate: '1940-05-20',
      gender: 'female',
      compoundId: compound.id,
      householdId: ids[1],
      livingAlone: true,
      careLevel: 'mild',
      needs: ['meals'],
      dialect: 'hangzhou',
    });
    await apiCall(worker, 'POST', `/services/care-profiles/${mother.id}/family`, { phone: daughterPhone, relation: 'daughter' });

    // Two providers serve the compound; the nearer one (speaking the mother's dialect) acts through `provider`.
    // The provider works on its phone, which lets the page read its position (at the mother's compound).
    const providerPage = await newPhonePage(suite.browser());
    await providerPage.context().grantPermissions(['geolocation'], { origin: suite.url() });
    await providerPage.context().setGeolocation({ latitude: LAT, longitude: LNG });
    await providerPage.goto(`${suite.url()}/login?next=${encodeURIComponent('/provide')}`);
    await providerPage.getByTestId('login-username').fill('provider');
    await providerPage.getByTestId('login-password').fill(PASSWORD);
    await providerPage.getByTestId('login-submit').click();
    await providerPage.getByTestId('pv-home').waitFor();
    const { user } = await apiCall<{ user: { id: string } }>(providerPage, 'GET', '/auth/me');
    const tomorrow = new Date(Date.now() + 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const slots = [
      { startsAt: `${tomorrow}T10:00:00+08:00`, endsAt: `${tomorrow}T13:00:00+08:00`, capacity: 10 },
      { startsAt: `${tomorrow}T16:00:00+08:00`, endsAt: `${tomorrow}T19:00:00+08:00`, capacity: 10 },
    ];
    const provider = async (name: string, metres: number, accountIds: string[], dialects: string[]) => {
      const p = await apiCall<{ id: string }>(worker, 'POST', '/services/providers', {
        kind: 'company',
        name: `${name}-${tag}`,
        dialects,
        communityCode: COMMUNITY,
        lat: north(metres),
        lng: LNG,
        compoundIds: [compound.id],
        accountIds,
      });
      await apiCall(worker, 'POST', `/services/providers/${p.id}/qualifications`, { code: 'health_certificate', validUntil: '2099-12-31' });
      const withOffering = await apiCall<{ offerings: { id: string }[] }>(worker, 'POST', `/services/providers/${p.id}/offerings`, {
        kind: 'meal_delivery',
        name: '老年餐送餐',
        priceFen: 1600,
      });
      await apiCall(worker, 'POST', `/services/offerings/${withOffering.offerings[0]!.id}/slots`, { slots });
      return p.id;
    };
    const best = await provider('长者食堂', 300, [user.id], ['hangzhou', 'mandarin']);
    const other = await provider('远处餐厅', 2500, [], ['mandarin']);
    const figures = async () =>
      (await apiCall<Figures>(worker, 'GET', `/services/figures?division=${COMMUNITY}`)).byKind.find((k) => k.kind === 'meal_delivery')!;
    const before = await figures();
    const dashBefore = await dashboard(worker);
    expect(dashBefore).toEqual({
      demand: before.demand,
      matched: before.matched,
      numerator: before.fillRate.numerator,
      denominator: before.fillRate.denominator,
      percent: before.fillRate.percent ?? '',
    });

    // The daughter signs in on /m with the code the gateway caught and orders lunch for her mother tomorrow.
    const phone = await newPhonePage(suite.browser());
    await signInOnPhone(phone, suite.url(), daughterPhone, messages);
    await phone.getByTestId('m-services-order').click();
    await phone.getByTestId('m-services-form').waitFor();
    await expect.poll(() => phone.getByTestId(`m-services-elder-${mother.id}`).textContent()).toContain('张*');
    await phone.getByTestId(`m-services-elder-${mother.id}`).click();
    await phone.getByTestId('m-services-kind-meal_delivery').click();
    await phone.getByTestId('m-services-note').fill('少盐，送到门口');
    await phone.getByTestId('m-services-submit').click();
    await phone.getByTestId('m-service-order').waitFor();
    await expect.poll(() => phone.getByTestId('m-service-order').getAttribute('data-status')).toBe('offered');
    const orderId = new URL(phone.url()).pathname.split('/').pop()!;
    // Born 1940-05-20: 86 by the service day, in the 80+ meal band (3 yuan off 16): she pays 13.00.
    await expect.poll(() => phone.getByTestId('m-service-order-pay').textContent()).toBe('13.00');

    // Offered first to the best-ranked provider, which accepts, checks in at the door and out after the delivery.
    const staffView = await apiCall<{ offers: { providerId: string; rank: number; answer: string }[] }>(
      worker,
      'GET',
      `/services/orders/${orderId}`,
    );
    expect(staffView.offers).toEqual([expect.objectContaining({ providerId: best, rank: 1, answer: 'pending' })]);
    expect(staffView.offers.map((o) => o.providerId)).not.toContain(other);
    await providerPage.goto(`${suite.url()}/provide`);
    await providerPage.getByTestId(`pv-order-${orderId}`).waitFor();
    await providerPage.screenshot({ path: 'test-results/services-provider-offered.png' });
    await providerPage.getByTestId(`pv-order-${orderId}`).click();
    const card = providerPage.getByTestId('pv-order');
    await expect.poll(() => card.getAttribute('data-status')).toBe('offered');
    await providerPage.getByTestId('pv-accept').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('accepted');
    await expect.poll(() => phone.getByTestId('m-service-order').getAttribute('data-status'), { timeout: 15_000 }).toBe('accepted');
    await expect.poll(() => phone.getByTestId('m-service-order-provider').textContent()).toContain('长者食堂');
    await providerPage.getByTestId('pv-check-in').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('in_service');
    await providerPage.getByTestId('pv-check-out-note').fill('已送达，老人签收');
    await providerPage.getByTestId('pv-check-out').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('completed');
    await providerPage.screenshot({ path: 'test-results/services-provider-done.png' });
    const visited = await apiCall<{ checkIn: { lat: number; lng: number }; checkOut: { lat: number; lng: number }; serviceNote: string }>(
      worker,
      'GET',
      `/services/orders/${orderId}`,
    );
    expect(visited.checkIn).toEqual(expect.objectContaining({ lat: LAT, lng: LNG }));
    expect(visited.checkOut).toEqual(expect.objectContaining({ lat: LAT, lng: LNG }));
    expect(visited.serviceNote).toBe('已送达，老人签收');
    await phone.reload();
    await expect.poll(() => phone.getByTestId('m-service-order').getAttribute('data-status')).toBe('completed');

    // She rates it: five stars.
    await phone.getByTestId('m-service-order-rate').waitFor();
    await phone.locator('[data-testid="m-service-order-stars"] li').nth(4).click();
    await phone.getByTestId('m-service-order-rate-submit').click();
    await phone.getByTestId('m-service-order-rate').waitFor({ state: 'detached' });
    const rated = await apiCall<{ rating: { stars: number } | null }>(worker, 'GET', `/services/orders/${orderId}`);
    expect(rated.rating?.stars).toBe(5);

    // The community's fill rate moved: one more order asked for, one more matched.
    const after = await figures();
    expect(after.demand).toBe(before.demand + 1);
    expect(after.matched).toBe(before.matched + 1);
    expect(after.fillRate.numerator).toBe(before.fillRate.numerator + 1);
    // The dashboard shows the same move.
    const dashAfter = await dashboard(worker);
    expect(dashAfter.demand).toBe(dashBefore.demand + 1);
    expect(dashAfter.matched).toBe(dashBefore.matched + 1);
    expect(dashAfter.numerator).toBe(dashBefore.numerator + 1);
    expect(dashAfter.percent).toBe(after.fillRate.percent);
    await worker.screenshot({ path: 'test-results/services-dashboard.png' });
    // Over the last 7 days: this order is among them, and no more orders than over 30.
    await worker.getByTestId('svc-dash-days').getByText('近 7 天').click();
    await worker.waitForURL(/\?days=7$/);
    const week = worker.getByTestId('svc-dash-kind-meal_delivery');
    await expect.poll(async () => Number(await week.getAttribute('data-demand'))).toBeGreaterThanOrEqual(1);
    expect(Number(await week.getAttribute('data-demand'))).toBeLessThanOrEqual(dashAfter.demand);
    await phone.screenshot({ path: 'test-results/services-rated.png' });
  });
});
