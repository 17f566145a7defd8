// Grid events from the smart community, through the real engine and handlers (Acceptance 3): an SOS press
// nobody acknowledges climbs the duty levels by the clock (moved by passing `now`, never slept), is handed over
// as exactly one grid event carrying its work order, cannot be closed before the resident's call-back is recorded,
// and once closed leaves the order done and the alarm cleared. A work order handed up by hand, once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRule, ruleAt } from '../../platform/policy.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { authUserByUsername } from '../accounts/index.ts';
import { smartWorld, type SmartWorld } from '../smart/fixtures.ts';
import { escalateDue, HANDOVER_RULE } from '../smart/index.ts';
import { categoriesAt, findGridEventBySource, getGridEvent, transitionGridEvent } from './index.ts';
import { gridWorld } from './fixtures.ts';
import { workOrderOfGridEvent } from './sources.ts';

let t: TestApp;
let world: SmartWorld;
let sla: { levels: string[]; severities: Record<string, { acknowledgeSeconds: number; remindSeconds: number }> };
let handover: { alarms: { type: string; category: string; atLevel?: string; afterSeconds?: number }[] };

beforeAll(async () => {
  t = await testApp();
  world = await smartWorld(t, { longitude: '120.123456', latitude: '30.287654' });
  sla = (await ruleAt<typeof sla>(t.ctx.db, 'smart.alarm_sla')).value;
  handover = (await ruleAt<typeof handover>(t.ctx.db, HANDOVER_RULE)).value;
});
afterAll(() => t.close());

const later = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);
const q = async (text: string, values: unknown[]) => (await t.ctx.database.pool.query(text, values)).rows;

/** A resident presses a new SOS button: the device posts the event over the ingest's HTTP door, as a vendor would. */
async function pressSos(
  room = '3-201',
  given?: { id: string; key: string; secret: string },
): Promise<{ alarmId: string; at: Date; device: { id: string; name: string } }> {
  const device = given ?? (await world.device('sos_button', { location: `${room} 门厅` }));
  const at = new Date();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/events',
    headers: { 'content-type': 'application/json', authorization: `Device ${device.key}:${device.secret}` },
    payload: JSON.stringify({ events: [{ id: randomUUID(), type: 'sos.pressed', at: at.toISOString(), data: { room } }] }),
  });
  expect(res.statusCode, res.body).toBe(202);
  // A critical alarm's notify job holds the alarm's row while it runs, and the clock skips locked rows: let it finish.
  await t.settled();
  const [alarm] = await q(`select id, first_at from alarms where device_id = $1`, [device.id]);
  expect(alarm, 'the SOS raised an alarm').toBeDefined();
  const [d] = await q(`select name from devices where id = $1`, [device.id]);
  return { alarmId: alarm.id as string, at: alarm.first_at as Date, device: { id: device.id, name: d.name as string } };
}

const alarmDetail = async (id: string) => {
  const res = await t.call('GET', `/api/v1/alarms/${id}`, 'hemu');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const gridEventsOf = async (alarmId: string) =>
  (await q(`select count(*)::int as n from grid_events where source_ref = $1`, [alarmId]))[0].n;

describe('an SOS alarm left unhandled (Acceptance 3)', () => {
  it('becomes one grid event with its work order; closing the event needs the call-back, then clears order and alarm', async () => {
    const sos = handover.alarms.find((a) => a.type === 'sos.pressed')!;
    expect(sos.category).toBe('sos_followup');
    const ack = sla.severities.critical!.acknowledgeSeconds;
    const { alarmId, at, device } = await pressSos();

    // First climb (compound → community): not yet the rule's moment.
    const first = await escalateDue(t.ctx, later(at, ack), alarmId);
    expect(first.map((e) => [e.level, e.handedOver])).toEqual([[sla.levels[1], false]]);
    await t.settled();
    expect(await findGridEventBySource(t.ctx, 'alarm', null, alarmId)).toBeNull();
    expect((await alarmDetail(alarmId)).gridEvent).toBeNull();

    // Second climb reaches the top (the rule's level) still unacknowledged: handed over.
    const second = await escalateDue(t.ctx, later(at, 2 * ack), alarmId);
    expect(second.map((e) => [e.level, e.handedOver])).toEqual([[sos.atLevel, true]]);
    // The clock run twice more (the same moment, then a reminder): nothing is handed over again.
    expect(await escalateDue(t.ctx, later(at, 2 * ack), alarmId)).toEqual([]);
    const reminder = await escalateDue(t.ctx, later(at, 2 * ack + sla.severities.critical!.remindSeconds), alarmId);
    expect(reminder.map((e) => [e.action, e.handedOver])).toEqual([['reminded', false]]);
    await t.settled();

    expect(await gridEventsOf(alarmId)).toBe(1);
    const gridId = (await findGridEventBySource(t.ctx, 'alarm', null, alarmId))!;
    const grid = (await getGridEvent(t.ctx, gridId))!;
    expect(grid).toMatchObject({
      category: 'sos_followup',
      source: 'alarm',
      sourceRef: alarmId,
      compoundId: world.compoundId,
      state: 'reported',
    });
    // Placed where the compound is: its coordinates (the map and the duplicate check need them).
    expect([grid.lat, grid.lng].map(Number)).toEqual([30.287654, 120.123456]);
    expect(grid.description).toContain('一键报警');
    expect(grid.description).toContain(device.name);
    expect(grid.description).toContain('3-201 门厅');

    // Its work order: the alarm's one open order (raised with the hand-over), owing the resident a call-back.
    const orders = await t.call('GET', `/api/v1/work-orders?sourceKind=alarm&sourceId=${alarmId}`, 'hemu');
    expect(orders.json().items).toHaveLength(1);
    const order = orders.json().items[0];
    expect(order).toMatchObject({ callbackRequired: true, callbackRecorded: false, priority: 'urgent', status: 'open' });
    expect(await workOrderOfGridEvent(t.ctx.db, gridId)).toBe(order.id);
    // A duty worker raising the alarm's order by hand now finds that one.
    const byHand = await t.call('POST', `/api/v1/alarms/${alarmId}/work-order`, 'hemu-worker', {});
    expect(byHand.statusCode).toBe(409);
    expect(byHand.json().workOrderId).toBe(order.id);

    // Handing that order up by hand answers the alarm's event: one incident, one grid event.
    const handUp = await t.call('POST', `/api/v1/work-orders/${order.id}/grid-event`, 'hemu', { category: 'elderly_help' });
    expect(handUp.statusCode, handUp.body).toBe(201);
    expect(handUp.json()).toMatchObject({ id: gridId, created: false });
    expect(await gridEventsOf(order.id)).toBe(0);

    // The duty console shows the grid event beside the alarm, and the hand-over in the alarm's history.
    const detail = await alarmDetail(alarmId);
    expect(detail.gridEvent).toEqual({ id: gridId, ref: grid.ref, state: 'reported' });
    expect(detail.steps.filter((s: { action: string }) => s.action === 'handed_over')).toHaveLength(1);

    // The grid walks the event to its closure; closing is refused while the call-back is owed.
    const actor = await authUserByUsername(t.ctx, 'hemu');
    for (const to of ['accepted', 'handled', 'reviewed'] as const) await transitionGridEvent(t.ctx, gridId, to, actor, '已联系');
    const refused = await transitionGridEvent(t.ctx, gridId, 'closed', actor, '已处置').then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toMatchObject({ status: 409, code: 'grid.callback_required', extra: { workOrderId: order.id } });
    expect((await getGridEvent(t.ctx, gridId))!.state).toBe('reviewed');

    // The same through the API: 409 naming the missing call-back.
    const viaApi = await t.call('POST', `/api/v1/grid-events/${gridId}/transitions`, 'hemu', { to: 'closed', note: '已处置' });
    expect(viaApi.statusCode, viaApi.body).toBe(409);
    expect(viaApi.json().code).toBe('grid.callback_required');
    expect(viaApi.json().errors).toEqual([{ path: 'callback', code: 'field.callback_missing', message: expect.any(String) }]);
    expect(viaApi.json().workOrderId).toBe(order.id);

    const called = await t.call('POST', `/api/v1/work-orders/${order.id}/callback`, 'hemu', { outcome: 'reached', note: '老人已安全' });
    expect(called.statusCode, called.body).toBe(200);
    await transitionGridEvent(t.ctx, gridId, 'closed', actor, '上门核实：老人摔倒已送医，家属已到场');
    await t.settled();

    const done = (await t.call('GET', `/api/v1/work-orders/${order.id}`, 'hemu')).json();
    expect(done.status).toBe('done');
    expect(done.completion.note).toBe('上门核实：老人摔倒已送医，家属已到场');
    const cleared = await alarmDetail(alarmId);
    expect(cleared.status).toBe('cleared');
    expect(cleared.clearNote).toBe('上门核实：老人摔倒已送医，家属已到场');
    // (The history is ordered by time, and the escalations above ran on a clock moved ahead: look the step up.)
    const clearing = cleared.steps.filter((x: { action: string }) => x.action === 'cleared');
    expect(clearing).toEqual([expect.objectContaining({ note: `Cleared by grid event ${grid.ref}`, actor: null })]);
    expect(cleared.gridEvent).toEqual({ id: gridId, ref: grid.ref, state: 'closed' });
  });

  it('every category the hand-over rule names is a grid category (else the handler could never file the event)', async () => {
    const categories = await categoriesAt(t.ctx.db);
    for (const a of handover.alarms) expect(categories.byCode.has(a.category), a.category).toBe(true);
  });

  it('an alarm acknowledged in time never becomes a grid event', async () => {
    const { alarmId, at } = await pressSos('5-502');
    const res = await t.call('POST', `/api/v1/alarms/${alarmId}/acknowledge`, 'hemu');
    expect(res.statusCode, res.body).toBe(200);
    expect(await escalateDue(t.ctx, later(at, 100 * sla.severities.critical!.acknowledgeSeconds), alarmId)).toEqual([]);
    await t.settled();
    expect(await findGridEventBySource(t.ctx, 'alarm', null, alarmId)).toBeNull();
    expect((await alarmDetail(alarmId)).gridEvent).toBeNull();
  });

  /** A device event through the ingest's HTTP door; the alarm it raised. */
  async function deviceAlarm(profile: string, type: string, data: Record<string, unknown>) {
    const d = await world.device(profile);
    const at = new Date();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/events',
      headers: { 'content-type': 'application/json', authorization: `Device ${d.key}:${d.secret}` },
      payload: JSON.stringify({ events: [{ id: randomUUID(), type, at: at.toISOString(), data }] }),
    });
    expect(res.statusCode, res.body).toBe(202);
    await t.settled();
    const [alarm] = await q(`select id, first_at from alarms where device_id = $1`, [d.id]);
    return { alarmId: alarm.id as string, at: alarm.first_at as Date };
  }

  it('nor does an alarm the rule does not name, however long it waits', async () => {
    expect(handover.alarms.some((a) => a.type === 'equipment.fault')).toBe(false);
    const { alarmId, at } = await deviceAlarm('lift', 'equipment.fault', { code: 'E7' });
    for (let i = 1; i <= 6; i++) await escalateDue(t.ctx, later(at, i * 3600), alarmId);
    await t.settled();
    expect(await findGridEventBySource(t.ctx, 'alarm', null, alarmId)).toBeNull();
  });

  it('smoke becomes a fire hazard event; its order owes no call-back, so closing completes it at once', async () => {
    const smoke = handover.alarms.find((a) => a.type === 'fire.smoke')!;
    const { alarmId, at } = await deviceAlarm('smoke_detector', 'fire.smoke', { obscurationPercent: 30 });
    // Past the rule's seconds at the first step, whatever the level reached.
    const [step] = await escalateDue(t.ctx, later(at, smoke.afterSeconds!), alarmId);
    expect(step!.handedOver).toBe(true);
    await t.settled();
    const gridId = (await findGridEventBySource(t.ctx, 'alarm', null, alarmId))!;
    const grid = (await getGridEvent(t.ctx, gridId))!;
    expect(grid.category).toBe(smoke.category);
    expect(grid.description).toContain('独立式烟感');
    const orderId = (await workOrderOfGridEvent(t.ctx.db, gridId))!;
    expect((await t.call('GET', `/api/v1/work-orders/${orderId}`, 'hemu')).json()).toMatchObject({
      callbackRequired: false,
      priority: 'urgent',
    });
    const actor = await authUserByUsername(t.ctx, 'hemu');
    for (const to of ['accepted', 'handled', 'reviewed', 'closed'] as const)
      await transitionGridEvent(t.ctx, gridId, to, actor, '消防通道已清理，烟感复位');
    await t.settled();
    expect((await t.call('GET', `/api/v1/work-orders/${orderId}`, 'hemu')).json().status).toBe('done');
    expect((await alarmDetail(alarmId)).status).toBe('cleared');
  });
});

describe('a work order handed up as a grid event', () => {
  it('makes one grid event (source work_order) however often it is sent; closing the event completes the order', async () => {
    const made = await t.call('POST', '/api/v1/work-orders', 'hemu', {
      compoundId: world.compoundId,
      title: '屋面防水层大面积破损',
      description: '物业无力维修，需街道协调维修资金',
    });
    expect(made.statusCode, made.body).toBe(201);
    const orderId = made.json().id as string;
    const send = () =>
      t.call('POST', `/api/v1/work-orders/${orderId}/grid-event`, 'hemu', { category: 'water_leak', description: '顶楼住户漏水' });
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ state: 'reported', created: true });
    const again = await send();
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual({ ...first.json(), created: false });
    expect((await q(`select count(*)::int as n from grid_events where source_ref = $1`, [orderId]))[0].n).toBe(1);

    const grid = (await getGridEvent(t.ctx, first.json().id))!;
    expect(grid).toMatchObject({ source: 'work_order', sourceRef: orderId, category: 'water_leak', compoundId: world.compoundId });
    expect(grid.description).toContain('屋面防水层大面积破损');
    expect(grid.description).toContain('顶楼住户漏水');

    const actor = await authUserByUsername(t.ctx, 'hemu');
    for (const to of ['accepted', 'handled', 'reviewed', 'closed'] as const)
      await transitionGridEvent(t.ctx, grid.id, to, actor, '街道协调维修完毕');
    await t.settled();
    const order = (await t.call('GET', `/api/v1/work-orders/${orderId}`, 'hemu')).json();
    expect(order.status).toBe('done');
    expect(order.completion.note).toBe('街道协调维修完毕');
  });

  it('is refused out of scope (404), without the permission (403), for an unknown category, and for a finished order', async () => {
    const made = await t.call('POST', '/api/v1/work-orders', 'hemu', { compoundId: world.compoundId, title: '路灯不亮' });
    const orderId = made.json().id as string;
    expect((await t.call('POST', `/api/v1/work-orders/${orderId}/grid-event`, 'property', { category: 'street_lamp' })).statusCode).toBe(
      404,
    );
    expect((await t.call('POST', `/api/v1/work-orders/${orderId}/grid-event`, 'contractor', { category: 'street_lamp' })).statusCode).toBe(
      403,
    );
    const unknown = await t.call('POST', `/api/v1/work-orders/${orderId}/grid-event`, 'hemu', { category: 'no_such_category' });
    expect(unknown.statusCode, unknown.body).toBe(422);
    expect(JSON.stringify(unknown.json().errors)).toContain('category');
    const missing = await t.call('POST', `/api/v1/work-orders/${orderId}/grid-event`, 'hemu', {});
    expect(missing.statusCode).toBe(400);
    expect((await t.call('POST', `/api/v1/work-orders/${orderId}/cancel`, 'hemu', { reason: '重复' })).statusCode).toBe(200);
    const finished = await t.call('POST', `/api/v1/work-orders/${orderId}/grid-event`, 'hemu', { category: 'street_lamp' });
    expect(finished.statusCode).toBe(409);
    expect(finished.json().code).toBe('grid.work_order_finished');
  });
});

describe('an SOS handed over in a compound divided into grids', () => {
  it("lands in the grid of the device's building, assigned to that grid's worker, and only that worker sees it", async () => {
    const g = await gridWorld(t);
    const res = await t.call('POST', '/api/v1/devices', 'hemu', {
      compoundId: g.compoundId,
      buildingId: g.buildings[2],
      profile: 'sos_button',
      name: '3幢1单元 一键报警',
      location: '3幢1单元 101',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { alarmId, at } = await pressSos('101', res.json());
    const ack = sla.severities.critical!.acknowledgeSeconds;
    for (let i = 1; i < sla.levels.length; i++) await escalateDue(t.ctx, later(at, i * ack), alarmId);
    await t.settled();
    const gridId = (await findGridEventBySource(t.ctx, 'alarm', null, alarmId))!;
    expect(gridId).toBeTruthy();
    const [row] = await q(`select grid_id, assignee_id, building_id from grid_events where id = $1`, [gridId]);
    expect(row).toEqual({ grid_id: g.otherGridId, assignee_id: g.otherWorker.id, building_id: g.buildings[2] });
    expect((await t.call('GET', `/api/v1/grid-events/${gridId}`, g.otherWorker.username)).statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/grid-events/${gridId}`, g.worker.username)).statusCode).toBe(404);
    // The grid worker takes it up on the phone; the call-back duty waits for the closing.
    const accepted = await t.call('POST', `/api/v1/grid-events/${gridId}/transitions`, g.otherWorker.username, { to: 'accepted' });
    expect(accepted.statusCode, accepted.body).toBe(200);
  });
});

// Last in the file: it publishes a broken version of the rule, in force from today.
describe('a hand-over that fails', () => {
  it('never stops the escalation: the alarm still climbs, and is not marked as handed over', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await t.ctx.db.transaction((tx) =>
      publishRule(tx, {
        key: HANDOVER_RULE,
        version: 'broken',
        value: { alarms: [{ type: 'sos.pressed' }] },
        source: '测试',
        effectiveFrom: today,
      }),
    );
    const ack = sla.severities.critical!.acknowledgeSeconds;
    const { alarmId, at } = await pressSos('9-901');
    expect((await escalateDue(t.ctx, later(at, ack), alarmId)).map((e) => [e.level, e.handedOver])).toEqual([[sla.levels[1], false]]);
    const top = sla.levels.at(-1);
    expect((await escalateDue(t.ctx, later(at, 2 * ack), alarmId)).map((e) => [e.level, e.handedOver])).toEqual([[top, false]]);
    await t.settled();
    expect(await findGridEventBySource(t.ctx, 'alarm', null, alarmId)).toBeNull();
    const steps = (await alarmDetail(alarmId)).steps.map((s: { action: string }) => s.action);
    expect(steps.filter((a: string) => a === 'escalated')).toHaveLength(2);
    expect(steps).not.toContain('handed_over');
  });
});
