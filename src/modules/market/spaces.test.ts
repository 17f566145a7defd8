import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { account, HEMU_COMMUNITY } from './fixtures.ts';
import { remindExpiring } from './reminders.ts';

let t: TestApp;
let compoundId: string;
beforeAll(async () => {
  t = await testApp();
  const tag = randomBytes(3).toString('hex');
  const res = await t.call('POST', '/api/v1/compounds', 'hemu-worker', {
    name: `空间测试小区-${tag}`,
    communityCode: HEMU_COMMUNITY,
    address: `和睦路空间${tag}号`,
    yearBuilt: 1991,
    floorAreaM2: '8000.00',
  });
  expect(res.statusCode, res.body).toBe(201);
  compoundId = res.json().id;
});
afterAll(() => t.close());

let n = 0;
async function space(kind = 'canteen_room') {
  const res = await t.call('POST', '/api/v1/public-spaces', 'hemu-worker', { compoundId, kind, name: `空间${n++}`, areaM2: '88.50' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}
const grant = (spaceId: string, startsOn: string, endsOn: string, extra: object = {}) =>
  t.call('POST', `/api/v1/public-spaces/${spaceId}/grants`, 'hemu-worker', {
    operatorName: '测试运营商',
    startsOn,
    endsOn,
    feeFen: 1_200_000,
    concessionFen: 600_000,
    ...extra,
  });
const day = (at: Date, offset: number) => new Date(at.getTime() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

describe('the register of public spaces', () => {
  it('registers a compound’s spaces and lists them with the grant in force today', async () => {
    const id = await space('elderly_care_room');
    const today = day(new Date(), 0);
    expect((await grant(id, day(new Date(), -10), day(new Date(), 100))).statusCode).toBe(201);
    const list = (await t.call('GET', `/api/v1/public-spaces?compoundId=${compoundId}`, 'hemu')).json();
    const item = list.items.find((s: { id: string }) => s.id === id);
    expect(item).toMatchObject({
      kind: 'elderly_care_room',
      areaM2: '88.50',
      currentGrant: { operatorName: '测试运营商', status: 'active' },
    });
    expect(item.currentGrant.startsOn <= today && item.currentGrant.endsOn >= today).toBe(true);
    const same = await t.call('POST', '/api/v1/public-spaces', 'hemu-worker', { compoundId, kind: 'other', name: item.name });
    expect(same.statusCode).toBe(409);
  });

  it('refuses bad input naming the field, and anyone without the permission or outside the scope', async () => {
    const bad = await t.call('POST', '/api/v1/public-spaces', 'hemu-worker', { compoundId, kind: 'spaceship', name: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toMatch(/kind/);
    const area = await t.call('POST', '/api/v1/public-spaces', 'hemu-worker', { compoundId, kind: 'other', name: 'y', areaM2: '1.234' });
    expect(area.statusCode).toBe(400);
    expect((await t.call('GET', '/api/v1/public-spaces', 'contractor')).statusCode).toBe(403);
    const elsewhere = await account(t, 'community_worker', '330106001001');
    const out = await t.call('POST', '/api/v1/public-spaces', elsewhere, { compoundId, kind: 'other', name: 'z' });
    expect(out.statusCode).toBe(422);
    expect(out.json().errors[0].path).toBe('body.compoundId');
    const id = await space();
    expect(
      (
        await t.call('POST', `/api/v1/public-spaces/${id}/grants`, elsewhere, {
          operatorName: 'x',
          startsOn: '2026-01-01',
          endsOn: '2026-02-01',
          feeFen: 0,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('grants of a space', () => {
  it('refuses an overlapping grant of the same space (the database’s exclusion constraint), but not the next day or another space', async () => {
    const id = await space();
    expect((await grant(id, '2027-01-01', '2027-12-31')).statusCode).toBe(201);
    const overlap = await grant(id, '2027-12-31', '2028-06-30');
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json()).toMatchObject({ code: 'grant.overlaps', errors: [{ path: 'body.startsOn' }] });
    expect((await grant(id, '2026-06-01', '2027-01-01')).statusCode).toBe(409);
    expect((await grant(id, '2028-01-01', '2028-06-30')).statusCode).toBe(201);
    expect((await grant(await space(), '2027-03-01', '2027-04-01')).statusCode).toBe(201);
  });

  it('lets exactly one of two simultaneous overlapping grants through', async () => {
    const id = await space();
    const results = await Promise.all([grant(id, '2029-01-01', '2029-06-30'), grant(id, '2029-03-01', '2029-09-30')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('frees the term of a terminated grant', async () => {
    const id = await space();
    const first = (await grant(id, '2030-01-01', '2030-12-31')).json();
    expect((await grant(id, '2030-06-01', '2030-12-31')).statusCode).toBe(409);
    expect((await t.call('POST', `/api/v1/space-grants/${first.id}/terminate`, 'hemu-worker')).json().status).toBe('terminated');
    expect((await grant(id, '2030-06-01', '2030-12-31')).statusCode).toBe(201);
    expect((await t.call('POST', `/api/v1/space-grants/${first.id}/terminate`, 'hemu-worker')).statusCode).toBe(409);
  });

  it('checks dates and the concession against the fee', async () => {
    const id = await space();
    const back = await grant(id, '2031-02-01', '2031-01-31');
    expect(back.statusCode).toBe(422);
    expect(back.json().errors[0].path).toBe('body.endsOn');
    const concession = await grant(id, '2031-01-01', '2031-12-31', { feeFen: 100, concessionFen: 101 });
    expect(concession.statusCode).toBe(422);
    expect(concession.json().errors[0].path).toBe('body.concessionFen');
    expect((await grant(id, '2031-02-30', '2031-12-31')).statusCode).toBe(400);
    expect((await grant(id, '2031-01-01', '2031-12-31', { feeFen: -1 })).statusCode).toBe(400);
    expect((await grant(id, '2031-01-01', '2031-12-31', { operatorCreditCode: 'not-a-code' })).statusCode).toBe(400);
  });

  it('records tax and fee reliefs and what the operator delivered, within the grant’s term', async () => {
    const id = await space('parking_area');
    const g = (await grant(id, '2032-01-01', '2032-12-31')).json();
    const relief = await t.call('POST', `/api/v1/space-grants/${g.id}/reliefs`, 'hemu-worker', {
      kind: 'tax',
      amountFen: 240_000,
      basis: '社区养老服务收入免征增值税',
      grantedOn: '2032-01-01',
    });
    expect(relief.statusCode, relief.body).toBe(201);
    const q1 = { periodStart: '2032-01-01', periodEnd: '2032-03-31', services: 1_200, beneficiaries: 80, summary: '停车服务 1,200 车次' };
    expect((await t.call('POST', `/api/v1/space-grants/${g.id}/deliveries`, 'hemu-worker', q1)).statusCode).toBe(201);
    expect((await t.call('POST', `/api/v1/space-grants/${g.id}/deliveries`, 'hemu-worker', q1)).statusCode).toBe(409);
    const outside = await t.call('POST', `/api/v1/space-grants/${g.id}/deliveries`, 'hemu-worker', { ...q1, periodStart: '2031-12-01' });
    expect(outside.statusCode).toBe(422);
    const detail = (await t.call('GET', `/api/v1/space-grants/${g.id}`, 'hemu')).json();
    expect(detail.reliefs).toEqual([expect.objectContaining({ kind: 'tax', amountFen: 240_000 })]);
    expect(detail.deliveries).toEqual([expect.objectContaining({ periodStart: '2032-01-01', services: 1_200, beneficiaries: 80 })]);
    const audit = await t.ctx.database.pool.query<{ action: string }>(
      `select action from audit_log where entity = 'space_grant' and entity_id = $1 order by id`,
      [g.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['market.space.grant', 'market.space.relief', 'market.space.delivery']);
  });
});

describe('reminders before a grant ends', () => {
  it('reminds once, the rule’s days before the end, by the clock passed in', async () => {
    const now = new Date('2033-05-01T02:00:00Z');
    const soon = (await grant(await space(), day(now, -100), day(now, 10))).json();
    const later = (await grant(await space(), day(now, -100), day(now, 45))).json();
    const first = await remindExpiring(t.ctx, now);
    expect(first.map((r) => r.id)).toContain(soon.id);
    expect(first.map((r) => r.id)).not.toContain(later.id);
    expect((await remindExpiring(t.ctx, now)).map((r) => r.id)).not.toContain(soon.id);
    // Fifteen days on, the later grant is within the 30 days of market.space_grant_reminder_days.
    const on = await remindExpiring(t.ctx, new Date(now.getTime() + 15 * 86_400_000));
    expect(on.map((r) => r.id)).toContain(later.id);
    const shown = (await t.call('GET', `/api/v1/space-grants/${later.id}`, 'hemu')).json();
    expect(shown.remindedAt).not.toBeNull();
    const { rows } = await t.ctx.database.pool.query(
      `select count(*)::int as n from audit_log where action = 'market.space.reminded' and entity_id = $1`,
      [soon.id],
    );
    expect(rows[0].n).toBe(1);
  });
});
