// 通行 on /m in Chromium on a phone (390×844): a resident signs in with a one-time code, opens their access code, which
// verifies offline with only the compound's public key and is fetched anew before it expires (the page's clock moved
// forward); invites a visitor and shows the visitor's code, then revokes the pass; registers a new-energy vehicle.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyAccessQr } from '../src/modules/passage/index.ts';
import { apiCall, browserSuite, newPhonePage, signIn, smsGateway, signInOnPhone } from './support.ts';

const COMMUNITY = '330105004001';
const { messages, settings } = smsGateway();
const suite = browserSuite({ settings });

describe('passage on /m', () => {
  it('shows a verifiable access code renewed before expiry, visitor passes and vehicles', async () => {
    const tag = randomBytes(3).toString('hex');
    const residentPhone = `136${String(parseInt(tag, 16) % 1e8).padStart(8, '0')}`;
    const worker = await signIn(suite.browser(), suite.url(), 'hemu-worker');
    const compound = await apiCall<{ id: string }>(worker, 'POST', '/compounds', {
      name: `通行页测试小区-${tag}`,
      communityCode: COMMUNITY,
      address: `和睦路通行页${tag}号`,
      yearBuilt: 1993,
      floorAreaM2: '3000.00',
    });
    const { ids } = await apiCall<{ ids: string[] }>(worker, 'POST', `/compounds/${compound.id}/households`, {
      items: [{ building: '5幢', unit: '1单元', room: '502', floorAreaM2: '70.00' }],
    });
    const bound = await apiCall<{ residentId: string }>(worker, 'POST', `/households/${ids[0]}/residents`, {
      name: '通行测试居民',
      phone: residentPhone,
    });
    const second = await signIn(suite.browser(), suite.url(), 'hemu-worker-2');
    await apiCall(second, 'POST', `/households/${ids[0]}/residents/${bound.residentId}/verification`, { decision: 'verified' });
    await second.close();
    const { publicKey } = await apiCall<{ publicKey: string }>(worker, 'GET', `/compounds/${compound.id}/access-key`);
    await worker.close();

    const phone = await newPhonePage(suite.browser());
    // The page's clock is Playwright's, so the test can move it to just before the code runs out.
    await phone.clock.install();
    await signInOnPhone(phone, suite.url(), residentPhone, messages);
    await phone.getByTestId('m-passage-open').click();

    const qr = phone.getByTestId('m-access-qr');
    await qr.waitFor();
    const first = (await qr.getAttribute('data-qr'))!;
    const v = verifyAccessQr(publicKey, first, new Date(), new Set());
    expect(v.ok && v.claims).toMatchObject({ kind: 'resident', compoundId: compound.id });
    // Five minutes' code: at 4 min 31 s the page has asked for the next one (30 s before expiry).
    await phone.clock.fastForward('04:31');
    await expect.poll(async () => (await qr.getAttribute('data-qr')) !== first, { timeout: 20_000 }).toBe(true);
    const renewed = (await qr.getAttribute('data-qr'))!;
    expect(verifyAccessQr(publicKey, renewed, new Date(), new Set()).ok).toBe(true);

    // A visitor for the next four hours (the form's default window), single entry.
    await phone.getByTestId('m-invite-open').click();
    await phone.getByTestId('m-invite-name').fill('周访客');
    await phone.getByTestId('m-invite-submit').click();
    const pass = phone.getByTestId('m-pass').first();
    await pass.waitFor();
    await expect.poll(() => pass.textContent()).toContain('已生效');
    await pass.getByTestId('m-pass-show').click();
    const visitorQr = phone.getByTestId('m-pass-qr');
    await visitorQr.waitFor();
    // The form's window starts at the page's clock, moved on by 4½ minutes above: ten minutes from now is inside it.
    const visitor = verifyAccessQr(publicKey, (await visitorQr.getAttribute('data-qr'))!, new Date(Date.now() + 10 * 60_000), new Set());
    expect(visitor.ok && visitor.claims).toMatchObject({ kind: 'visitor', singleEntry: true, compoundId: compound.id });
    await phone.keyboard.press('Escape');
    await pass.getByTestId('m-pass-revoke').click();
    await expect.poll(() => pass.textContent()).toContain('已作废');

    await phone.getByTestId('m-vehicle-plate').fill('浙ad12345');
    await phone.getByTestId('m-vehicle-add').click();
    const car = phone.getByTestId('m-vehicle-浙AD12345');
    await car.waitFor();
    expect(await car.textContent()).toContain('新能源');
  });
});
