// Passage end to end over HTTP against a real database (Acceptance 2): a resident's QR code verifies offline with only
// the compound's public key; an expired, altered, another compound's or revoked one is refused; visitor passes with a
// window (refused outside it), single or multiple entry, the host's approval, revocation; vehicles with checked plates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { passageWorld, type PassageWorld } from './fixtures.ts';
import { revokedEntries } from './lists.ts';
import { verifyAccessQr } from './qr.ts';

let t: TestApp;
let world: PassageWorld;
let other: PassageWorld;

beforeAll(async () => {
  t = await testApp();
  world = await passageWorld(t);
  other = await passageWorld(t, '另一小区');
});
afterAll(() => t?.close());

const keyOf = async (compoundId: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/compounds/${compoundId}/access-key` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ publicKey: string }>().publicKey;
};
const none = new Set<string>();
const revokedIds = async (compoundId: string) => new Set((await revokedEntries(t.ctx.db, compoundId, new Date())).map((r) => r.id));

describe('a resident’s access QR code', () => {
  it('is issued on /m as {qr, expiresAt} and verifies offline with the compound’s public key alone', async () => {
    const res = await t.call('POST', '/api/v1/access/credentials', 'hemu-resident', { compoundId: world.compoundId });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ qr: string; expiresAt: string }>();
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'qr']);
    const publicKey = await keyOf(world.compoundId);
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(32);
    expect(await keyOf(world.compoundId)).toBe(publicKey);
    const expiresAt = new Date(body.expiresAt);
    // The shipped rule: five minutes.
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(290_000);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    const v = verifyAccessQr(publicKey, body.qr, new Date(), none);
    expect(v.ok && v.claims).toMatchObject({ kind: 'resident', compoundId: world.compoundId, singleEntry: false });
    expect(verifyAccessQr(publicKey, body.qr, expiresAt, none)).toEqual({ ok: false, reason: 'expired' });
    const bytes = Buffer.from(body.qr.slice(3), 'base64url');
    bytes[1] = 2;
    expect(verifyAccessQr(publicKey, 'RA1' + bytes.toString('base64url'), new Date(), none)).toEqual({ ok: false, reason: 'altered' });
    expect(verifyAccessQr(await keyOf(other.compoundId), body.qr, new Date(), none)).toEqual({ ok: false, reason: 'wrong_compound' });
  });

  it('keeps the compound’s private key sealed at rest', async () => {
    const { rows } = await t.ctx.database.pool.query<{ private_key_sealed: string; public_key: string }>(
      'select private_key_sealed, public_key from compound_access_keys where compound_id = $1',
      [world.compoundId],
    );
    expect(rows[0]!.private_key_sealed).toMatch(/^v1\./);
    expect(rows[0]!.private_key_sealed).not.toContain('MC4CAQAwBQYDK2Vw');
  });

  it('is revoked by the resident (a lost phone): the revocation list names it and the gate refuses it', async () => {
    const res = await t.call('POST', '/api/v1/access/credentials', 'hemu-resident', { compoundId: world.compoundId });
    const { qr } = res.json<{ qr: string }>();
    const publicKey = await keyOf(world.compoundId);
    const revoked = await t.call('POST', '/api/v1/access/credentials/revocation', 'hemu-resident');
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().revoked).toBeGreaterThanOrEqual(1);
    const list = await revokedIds(world.compoundId);
    expect(verifyAccessQr(publicKey, qr, new Date(), list)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('is refused to accounts with no home, and for a compound that is not the resident’s', async () => {
    const staff = await t.call('POST', '/api/v1/access/credentials', 'hemu-worker', {});
    expect(staff.statusCode).toBe(403);
    expect(staff.json().code).toBe('passage.resident_only');
    const elsewhere = await t.call('POST', '/api/v1/access/credentials', 'hemu-resident', {
      compoundId: '00000000-0000-4000-8000-000000000000',
    });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().errors[0].path).toBe('body.compoundId');
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/compounds/00000000-0000-4000-8000-000000000000/access-key' });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('visitor passes', () => {
  const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

  it('invited by the host: approved at once, its code refused before and after its window', async () => {
    const res = await t.call('POST', '/api/v1/me/visitor-passes', 'hemu-resident', {
      compoundId: world.compoundId,
      visitorName: '李四',
      validFrom: hours(1),
      validUntil: hours(3),
      entry: 'multiple',
    });
    expect(res.statusCode, res.body).toBe(201);
    const pass = res.json();
    expect(pass).toMatchObject({ status: 'approved', requestedBy: 'host', visitorName: '李*', entry: 'multiple' });
    const qr = await t.call('GET', `/api/v1/me/visitor-passes/${pass.id}/qr`, 'hemu-resident');
    expect(qr.statusCode, qr.body).toBe(200);
    const publicKey = await keyOf(world.compoundId);
    const code = qr.json().qr as string;
    expect(verifyAccessQr(publicKey, code, new Date(), none)).toEqual({ ok: false, reason: 'not_yet_valid' });
    const inside = verifyAccessQr(publicKey, code, new Date(Date.now() + 2 * 3_600_000), none);
    expect(inside.ok && inside.claims).toMatchObject({ kind: 'visitor', credentialId: pass.id, singleEntry: false });
    expect(verifyAccessQr(publicKey, code, new Date(Date.now() + 3 * 3_600_000 + 1000), none)).toEqual({ ok: false, reason: 'expired' });
  });

  it('registered by staff at the gate: no code until the host approves; the host may refuse; a neighbour sees none of it', async () => {
    const neighbour = await world.neighbour();
    const make = () =>
      t.call('POST', `/api/v1/compounds/${world.compoundId}/visitor-passes`, 'hemu-worker', {
        householdId: world.households[0],
        visitorName: '王五',
        plate: '浙b 54321',
        validFrom: hours(0),
        validUntil: hours(4),
        entry: 'single',
      });
    const res = await make();
    expect(res.statusCode, res.body).toBe(201);
    const pass = res.json();
    expect(pass).toMatchObject({ status: 'pending', requestedBy: 'staff', plate: '浙B54321' });
    expect((await t.call('GET', `/api/v1/me/visitor-passes/${pass.id}/qr`, 'hemu-resident')).statusCode).toBe(409);
    expect((await t.call('POST', `/api/v1/me/visitor-passes/${pass.id}/decision`, neighbour, { decision: 'approved' })).statusCode).toBe(
      404,
    );
    const mine = await t.call('GET', '/api/v1/me/visitor-passes', neighbour);
    expect(mine.json().items.map((p: { id: string }) => p.id)).not.toContain(pass.id);
    const approved = await t.call('POST', `/api/v1/me/visitor-passes/${pass.id}/decision`, 'hemu-resident', { decision: 'approved' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
    expect(
      (await t.call('POST', `/api/v1/me/visitor-passes/${pass.id}/decision`, 'hemu-resident', { decision: 'refused' })).statusCode,
    ).toBe(409);
    const qr = await t.call('GET', `/api/v1/me/visitor-passes/${pass.id}/qr`, 'hemu-resident');
    const v = verifyAccessQr(await keyOf(world.compoundId), qr.json().qr, new Date(), none);
    expect(v.ok && v.claims.singleEntry).toBe(true);

    const refused = await make();
    const r = await t.call('POST', `/api/v1/me/visitor-passes/${refused.json().id}/decision`, 'hemu-resident', { decision: 'refused' });
    expect(r.json().status).toBe('refused');
  });

  it('revoked by the host: on the revocation list, so gates refuse its code', async () => {
    const res = await t.call('POST', '/api/v1/me/visitor-passes', 'hemu-resident', {
      compoundId: world.compoundId,
      visitorName: '赵六',
      validFrom: hours(0),
      validUntil: hours(2),
      entry: 'multiple',
    });
    const pass = res.json();
    const qr = (await t.call('GET', `/api/v1/me/visitor-passes/${pass.id}/qr`, 'hemu-resident')).json().qr as string;
    const revoked = await t.call('POST', `/api/v1/me/visitor-passes/${pass.id}/revocation`, 'hemu-resident');
    expect(revoked.json().status).toBe('revoked');
    expect(verifyAccessQr(await keyOf(world.compoundId), qr, new Date(), await revokedIds(world.compoundId))).toEqual({
      ok: false,
      reason: 'revoked',
    });
    expect((await t.call('GET', `/api/v1/me/visitor-passes/${pass.id}/qr`, 'hemu-resident')).statusCode).toBe(409);
  });

  it('refuses a window that ends before it starts, is too long, or is over, naming the field', async () => {
    for (const [from, until] of [
      [hours(2), hours(1)],
      [hours(0), hours(24 * 8)],
      [hours(-3), hours(-1)],
    ]) {
      const res = await t.call('POST', '/api/v1/me/visitor-passes', 'hemu-resident', {
        visitorName: '钱七',
        validFrom: from,
        validUntil: until,
        entry: 'single',
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors[0].path).toBe('body.validUntil');
    }
  });
});

describe('vehicles', () => {
  it('registers ordinary and new-energy plates once per compound, refusing a bad plate by its field', async () => {
    const a = await t.call('POST', '/api/v1/me/vehicles', 'hemu-resident', { compoundId: world.compoundId, plate: '浙A·88888' });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ plate: '浙A88888', kind: 'ordinary', householdId: world.households[0] });
    const b = await t.call('POST', '/api/v1/me/vehicles', 'hemu-resident', { compoundId: world.compoundId, plate: '浙AD66666' });
    expect(b.json()).toMatchObject({ kind: 'new_energy' });
    const again = await t.call('POST', '/api/v1/me/vehicles', 'hemu-resident', { compoundId: world.compoundId, plate: '浙a88888' });
    expect(again.statusCode).toBe(409);
    const bad = await t.call('POST', '/api/v1/me/vehicles', 'hemu-resident', { compoundId: world.compoundId, plate: '浙A8888' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'passage.plate.invalid', errors: [{ path: 'body.plate' }] });
    const list = await t.call('GET', '/api/v1/me/vehicles', 'hemu-resident');
    expect(list.json().items.map((v: { plate: string }) => v.plate)).toEqual(expect.arrayContaining(['浙A88888', '浙AD66666']));
    const removed = await t.call('POST', `/api/v1/me/vehicles/${a.json().id}/removal`, 'hemu-resident');
    expect(removed.statusCode).toBe(200);
    const staff = await t.call('GET', `/api/v1/compounds/${world.compoundId}/vehicles`, 'hemu-worker');
    expect(staff.json().items.map((v: { plate: string }) => v.plate)).toEqual(['浙AD66666']);
  });
});
