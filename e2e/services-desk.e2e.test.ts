// The community worker's service desk in Chromium: an elder's care profile is masked until read in full (after a
// confirmation; the read is audited server-side); from the profile the worker orders for the elder (代下单) for
// dispatch by hand; it waits, the worker sees the providers ranked for it on the order's page and offers it to the
// one they choose (not the best-ranked), which the order's offers and timeline then show; once accepted, the
// worker files the elder's complaint on it and follows it up on the complaints page. The test makes its own compound, profile and two providers.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiCall, browserSuite, pick, signIn } from './support.ts';

const COMMUNITY = '330105004001';
const LAT = 30.2911;
const LNG = 120.1402;
const north = (m: number) => Number((LAT + m / 111_195).toFixed(6));

const suite = browserSuite();

describe('services desk', () => {
  it('a worker reads a care profile in full, orders for the elder, dispatches by hand to a chosen candidate, and follows up a complaint', async () => {
    const tag = randomBytes(3).toString('hex');
    const worker = await signIn(suite.browser(), suite.url(), 'hemu-worker');
    const compound = await apiCall<{ id: string }>(worker, 'POST', '/compounds', {
      name: `派单测试小区-${tag}`,
      communityCode: COMMUNITY,
      address: `和睦路派单${tag}号`,
      yearBuilt: 1990,
      floorAreaM2: '3000.00',
      latitude: LAT.toFixed(6),
      longitude: LNG.toFixed(6),
    });
    const elder = await apiCall<{ id: string }>(worker, 'POST', '/services/care-profiles', {
      name: '李桂芳',
      phone: '13900001234',
      birthDate: '1938-03-02',
      gender: 'female',
      compoundId: compound.id,
      livingAlone: true,
      careLevel: 'mild',
      needs: ['meals'],
    });
    const tomorrow = new Date(Date.now() + 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    // The chosen provider answers through the demo account `provider` (this server's own database).
    const providerPage = await signIn(suite.browser(), suite.url(), 'provider');
    const { user } = await apiCall<{ user: { id: string } }>(providerPage, 'GET', '/auth/me');
    const provider = async (name: string, metres: number, accountIds: string[] = []) => {
      const p = await apiCall<{ id: string }>(worker, 'POST', '/services/providers', {
        kind: 'company',
        name: `${name}-${tag}`,
        communityCode: COMMUNITY,
        lat: north(metres),
        lng: LNG,
        compoundIds: [compound.id],
        accountIds,
      });
      await apiCall(worker, 'POST', `/services/providers/${p.id}/qualifications`, { code: 'health_certificate', validUntil: '2099-12-31' });
      const o = await apiCall<{ offerings: { id: string }[] }>(worker, 'POST', `/services/providers/${p.id}/offerings`, {
        kind: 'meal_delivery',
        name: '老年餐送餐',
        priceFen: 1500,
      });
      await apiCall(worker, 'POST', `/services/offerings/${o.offerings[0]!.id}/slots`, {
        slots: [{ startsAt: `${tomorrow}T10:00:00+08:00`, endsAt: `${tomorrow}T13:00:00+08:00`, capacity: 5 }],
      });
      return p.id;
    };
    const near = await provider('近邻食堂', 200);
    const far = await provider('远方餐厅', 2000, [user.id]);

    // The profile is masked until the worker asks, confirms, and reads it in full.
    await worker.goto(`${suite.url()}/services/care-profiles/${elder.id}`);
    await expect.poll(() => worker.getByTestId('svc-profile-name-shown').textContent()).toBe('李**');
    expect(await worker.getByTestId('svc-profile-phone-shown').textContent()).not.toContain('13900001234');
    await worker.getByTestId('svc-profile-reveal').click();
    await worker.getByTestId('svc-profile-reveal-ok').click();
    await expect.poll(() => worker.getByTestId('svc-profile').getAttribute('data-revealed')).toBe('true');
    expect(await worker.getByTestId('svc-profile-name-shown').textContent()).toBe('李桂芳');
    expect(await worker.getByTestId('svc-profile-phone-shown').textContent()).toBe('13900001234');
    const audited = await suite
      .ctx()
      .database.pool.query(
        `select actor_username from audit_log where action = 'personal.read' and entity = 'care_profile' and entity_id = $1`,
        [elder.id],
      );
    expect(audited.rows).toEqual([{ actor_username: 'hemu-worker' }]);
    await worker.screenshot({ path: 'test-results/services-desk-profile.png', fullPage: true });

    // From the profile she orders lunch for the elder (代下单), to be dispatched by hand: it waits; the order's page
    // ranks the nearer provider first; the worker picks the other.
    await worker.getByTestId('svc-profile-order').click();
    await worker.getByTestId('svc-order-for-form').waitFor();
    await pick(worker, 'svc-order-for-kind', '送餐');
    await pick(worker, 'svc-order-for-day', tomorrow);
    await pick(worker, 'svc-order-for-time', '11:00');
    await worker.getByTestId('svc-order-for-note').fill('老人独居，请敲门');
    await worker.getByTestId('svc-order-for-dispatch').getByText('人工派单').click();
    await worker.getByTestId('svc-order-for-submit').click();
    await worker.waitForURL(/\/services\/orders\/[0-9a-f-]{36}$/);
    const order = { id: new URL(worker.url()).pathname.split('/').pop()! };
    const placed = await apiCall<{ status: string; dispatchMode: string; orderedAs: string; startsAt: string; note: string }>(
      worker,
      'GET',
      `/services/orders/${order.id}`,
    );
    expect(placed).toMatchObject({ status: 'requested', dispatchMode: 'manual', orderedAs: 'worker', note: '老人独居，请敲门' });
    expect(placed.startsAt).toBe(new Date(`${tomorrow}T11:00:00+08:00`).toISOString());
    await expect.poll(() => worker.getByTestId('svc-order').getAttribute('data-status')).toBe('requested');
    await expect.poll(() => worker.getByTestId(`svc-candidate-${near}`).getAttribute('data-rank')).toBe('1');
    expect(await worker.getByTestId(`svc-candidate-${far}`).getAttribute('data-rank')).toBe('2');
    await worker.getByTestId(`svc-dispatch-${far}`).click();
    await worker.getByTestId('svc-dispatch-ok').click();
    await expect.poll(() => worker.getByTestId('svc-order').getAttribute('data-status')).toBe('offered');
    await expect.poll(() => worker.getByTestId(`svc-offer-${far}`).getAttribute('data-answer')).toBe('pending');
    expect(await worker.getByTestId(`svc-offer-${near}`).count()).toBe(0);
    await expect.poll(() => worker.locator('[data-testid="svc-order-step"][data-kind="offered"]').count()).toBe(1);
    await worker.screenshot({ path: 'test-results/services-desk-order.png', fullPage: true });
    const detail = await apiCall<{ offers: { providerId: string; byHand: boolean; answer: string }[] }>(
      worker,
      'GET',
      `/services/orders/${order.id}`,
    );
    expect(detail.offers).toEqual([expect.objectContaining({ providerId: far, byHand: true, answer: 'pending' })]);

    // The provider accepts; the elder complains through the worker, who files it on the order and follows it up.
    await apiCall(providerPage, 'POST', `/services/orders/${order.id}/accept`);
    await worker.reload();
    await expect.poll(() => worker.getByTestId('svc-order').getAttribute('data-status')).toBe('accepted');
    await worker.getByTestId('svc-order-complain').click();
    await worker.getByTestId('svc-complain-text').fill('送餐员态度不好');
    await worker.getByTestId('svc-complain-ok').click();
    await expect.poll(() => worker.locator('[data-testid="svc-order-step"][data-kind="complaint"]').count()).toBe(1);
    const { complaints } = await apiCall<{ complaints: { id: string; status: string }[] }>(worker, 'GET', `/services/orders/${order.id}`);
    expect(complaints).toEqual([expect.objectContaining({ status: 'open' })]);
    const complaintId = complaints[0]!.id;
    await worker.getByRole('menuitem', { name: /服务投诉/ }).click();
    await expect.poll(() => worker.getByTestId(`svc-complaint-${complaintId}`).getAttribute('data-status')).toBe('open');
    await worker.getByTestId(`svc-complaint-follow-${complaintId}`).click();
    await pick(worker, 'svc-complaint-status', '处理中');
    await worker.getByTestId('svc-complaint-note').fill('已联系服务商，约谈送餐员');
    await worker.getByTestId('svc-complaint-save').click();
    await expect.poll(() => worker.getByTestId(`svc-complaint-${complaintId}`).getAttribute('data-status')).toBe('handling');
    const [followed] = (
      await apiCall<{ items: { id: string; steps: { status: string; note: string | null }[] }[] }>(worker, 'GET', '/services/complaints')
    ).items.filter((c) => c.id === complaintId);
    expect(followed!.steps.at(-1)).toEqual(expect.objectContaining({ status: 'handling', note: '已联系服务商，约谈送餐员' }));

    // The orders list finds it by its status, and not among the completed ones.
    await worker.goto(`${suite.url()}/services/orders`);
    const row = worker.locator(`[data-testid="svc-order-row"][data-id="${order.id}"]`);
    await row.waitFor();
    await pick(worker, 'svc-orders-status', '已完成');
    await row.waitFor({ state: 'detached' });
    await pick(worker, 'svc-orders-status', '已接单');
    await row.waitFor();
    await worker.screenshot({ path: 'test-results/services-desk-orders.png' });

    // The chosen provider's page: its qualification in force and its offering's slot with the capacity left.
    await worker.goto(`${suite.url()}/services/providers/${far}`);
    await expect.poll(() => worker.getByTestId('svc-qual-health_certificate').getAttribute('data-valid')).toBe('true');
    await worker.locator('[data-testid="svc-provider-offerings"] .ant-table-row-expand-icon').first().click();
    await expect.poll(() => worker.locator('[data-testid^="svc-slots-"] .ant-table-row').count()).toBe(1);
    await worker.screenshot({ path: 'test-results/services-desk-provider.png', fullPage: true });
  });
});
