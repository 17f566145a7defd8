import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { accountByUsername, authUserByUsername } from '../accounts/index.ts';
import { createWorkOrder } from './index.ts';
import { mayMove } from './rules.ts';
import { workOrderStatuses } from './schema.ts';

// The smallest real PNG (1×1, transparent), and a PDF that is not a photo.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');

describe('work order states', () => {
  it('lets each move happen only from the states it names', () => {
    const allowed = (move: Parameters<typeof mayMove>[1]) => workOrderStatuses.filter((s) => mayMove(s, move));
    expect(allowed('take')).toEqual(['open']);
    expect(allowed('start')).toEqual(['assigned']);
    expect(allowed('complete')).toEqual(['assigned', 'in_progress']);
    expect(allowed('assign')).toEqual(['open', 'assigned']);
    for (const move of ['assign', 'take', 'start', 'complete', 'callback', 'cancel'] as const) {
      expect(mayMove('done', move)).toBe(false);
      expect(mayMove('cancelled', move)).toBe(false);
    }
  });
});

describe('work orders over the API', () => {
  let t: TestApp;
  let compoundId: string;
  let outsideCompoundId: string;
  let propertyId: string;
  const raise = (body: Record<string, unknown>, as = 'hemu-worker') => t.call('POST', '/api/v1/work-orders', as, { compoundId, ...body });

  beforeAll(async () => {
    t = await testApp();
    const contractor = await authUserByUsername(t.ctx, 'contractor');
    const property = await authUserByUsername(t.ctx, 'property');
    // A compound both the property company and the contractor serve, and one of the community that neither does.
    compoundId = property.scope.compoundIds.find((c) => contractor.scope.compoundIds.includes(c))!;
    const community = (await t.call('GET', '/api/v1/compounds?limit=100', 'hemu-worker')).json().items as { id: string }[];
    outsideCompoundId = community.find(
      (c) => !contractor.scope.compoundIds.includes(c.id) && !property.scope.compoundIds.includes(c.id),
    )!.id;
    propertyId = (await accountByUsername(t.ctx.db, 'property'))!.id;
  });
  afterAll(() => t.close());

  it('is raised by a manager, taken, started and completed with a photo by the property account', async () => {
    const created = await raise({ title: '3幢楼道灯不亮', description: '二楼到四楼', priority: 'high' });
    expect(created.statusCode, created.body).toBe(201);
    const order = created.json();
    expect(order).toMatchObject({ status: 'open', sourceKind: 'manual', assignee: null, priority: 'high', callbackRequired: false });

    const assignees = (await t.call('GET', `/api/v1/work-orders/assignees?compoundId=${compoundId}`, 'hemu-worker')).json().items;
    expect(assignees.map((a: { id: string }) => a.id)).toContain(propertyId);

    const listed = (await t.call('GET', `/api/v1/work-orders?status=open&compoundId=${compoundId}`, 'property')).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toContain(order.id);

    const taken = await t.call('POST', `/api/v1/work-orders/${order.id}/take`, 'property');
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'assigned', assignee: { id: propertyId } });
    expect((await t.call('POST', `/api/v1/work-orders/${order.id}/take`, 'contractor')).statusCode).toBe(409);
    expect((await t.call('POST', `/api/v1/work-orders/${order.id}/start`, 'property')).json().status).toBe('in_progress');

    const noFile = await t.call('POST', `/api/v1/work-orders/${order.id}/complete`, 'property', { note: 'done' });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().errors[0].path).toBe('body.file');
    const notPhoto = await t.upload(
      `/api/v1/work-orders/${order.id}/complete`,
      'property',
      { note: '已更换灯泡' },
      { name: 'x.pdf', data: pdf },
    );
    expect(notPhoto.statusCode).toBe(415);
    expect(notPhoto.json().errors[0].path).toBe('body.file');
    const noNote = await t.upload(`/api/v1/work-orders/${order.id}/complete`, 'property', {}, { name: 'done.png', data: png });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().errors[0].path).toBe('body.note');

    const done = await t.upload(
      `/api/v1/work-orders/${order.id}/complete`,
      'property',
      { note: '已更换灯泡' },
      { name: 'done.png', data: png },
    );
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'done',
      completion: { note: '已更换灯泡', by: { id: propertyId }, photo: { contentType: 'image/png', sizeBytes: png.length } },
    });
    expect(done.json().steps.map((s: { action: string }) => s.action)).toEqual(['raised', 'taken', 'started', 'completed']);

    const photo = await t.call('GET', `/api/v1/work-orders/${order.id}/photo`, 'hemu');
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(png)).toBe(true);

    const again = await t.call('POST', `/api/v1/work-orders/${order.id}/cancel`, 'hemu-worker', { reason: '重复' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'workorder.wrong_state', status: 409, orderStatus: 'done' });

    const { rows } = await t.ctx.database.pool.query<{ action: string }>(
      `select action from audit_log where entity = 'work_order' and entity_id = $1 order by id`,
      [order.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['work_order.create', 'work_order.take', 'work_order.start', 'work_order.complete']);
  });

  it('closes an SOS order only once the call-back to the resident is recorded', async () => {
    const order = (await raise({ title: '一键报警 2幢301', sourceKind: 'manual', callbackRequired: true, priority: 'urgent' })).json();
    const assigned = await t.call('POST', `/api/v1/work-orders/${order.id}/assign`, 'hemu-worker', { assigneeId: propertyId });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const early = await t.upload(
      `/api/v1/work-orders/${order.id}/complete`,
      'property',
      { note: '已到场' },
      { name: 'a.jpg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) },
    );
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'workorder.callback_required', errors: [{ path: 'callback' }] });

    const badOutcome = await t.call('POST', `/api/v1/work-orders/${order.id}/callback`, 'property', { outcome: 'maybe' });
    expect(badOutcome.statusCode).toBe(400);
    expect(badOutcome.json().errors[0].path).toBe('body.outcome');
    const called = await t.call('POST', `/api/v1/work-orders/${order.id}/callback`, 'property', { outcome: 'reached', note: '居民已安全' });
    expect(called.statusCode, called.body).toBe(200);
    expect(called.json()).toMatchObject({ callbackRecorded: true, callbacks: [{ outcome: 'reached', caller: { id: propertyId } }] });

    const done = await t.upload(
      `/api/v1/work-orders/${order.id}/complete`,
      'property',
      { note: '已到场处置' },
      { name: 'a.jpg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) },
    );
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('done');
  });

  it('refuses work outside the rules: not the assignee, an ineligible assignee, a second order of one source, bad fields', async () => {
    const order = (await raise({ title: '水泵异响', sourceKind: 'alarm', sourceId: 'a-1' })).json();
    const twice = await raise({ title: '水泵异响', sourceKind: 'alarm', sourceId: 'a-1' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().workOrderId).toBe(order.id);

    const evaluator = (await accountByUsername(t.ctx.db, 'evaluator'))!.id;
    const wrong = await t.call('POST', `/api/v1/work-orders/${order.id}/assign`, 'hemu-worker', { assigneeId: evaluator });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].path).toBe('body.assigneeId');

    await t.call('POST', `/api/v1/work-orders/${order.id}/assign`, 'hemu-worker', { assigneeId: propertyId });
    const notMine = await t.call('POST', `/api/v1/work-orders/${order.id}/start`, 'hemu');
    expect(notMine.statusCode).toBe(403);

    const bad = await raise({ title: '', priority: 'soon', dueAt: '2020-01-01T00:00:00Z' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.priority', 'body.title']);
    const past = await raise({ title: '过期', dueAt: '2020-01-01T00:00:00Z' });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].path).toBe('body.dueAt');
    const cancelled = await t.call('POST', `/api/v1/work-orders/${order.id}/cancel`, 'hemu-worker', { reason: '误报' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '误报' });
    // Once the first is finished, the same source may raise again.
    expect((await raise({ title: '水泵异响', sourceKind: 'alarm', sourceId: 'a-1' })).statusCode).toBe(201);
  });

  it('keeps orders inside the scope of who reads them', async () => {
    const outside = await t.call('POST', '/api/v1/work-orders', 'hemu', { compoundId: outsideCompoundId, title: '围墙破损' });
    expect(outside.statusCode, outside.body).toBe(201);
    const id = outside.json().id;
    expect((await t.call('GET', `/api/v1/work-orders/${id}`, 'contractor')).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/work-orders/${id}`, 'hemu-worker')).statusCode).toBe(200);
    const contractorList = (await t.call('GET', '/api/v1/work-orders?limit=500', 'contractor')).json().items as { id: string }[];
    expect(contractorList.map((i) => i.id)).not.toContain(id);
    expect((await t.call('GET', '/api/v1/work-orders', 'police')).statusCode).toBe(403);
    const notMine = await t.call('POST', '/api/v1/work-orders', 'property', { compoundId: outsideCompoundId, title: 'x' });
    expect(notMine.statusCode).toBe(422);
    expect(notMine.json().errors[0].path).toBe('body.compoundId');
  });

  it('pages the list by cursor, newest first', async () => {
    for (const n of [1, 2, 3]) await raise({ title: `分页-${n}` });
    const first = (await t.call('GET', `/api/v1/work-orders?limit=2&compoundId=${compoundId}`, 'hemu-worker')).json();
    expect(first.items).toHaveLength(2);
    const second = (
      await t.call('GET', `/api/v1/work-orders?limit=2&compoundId=${compoundId}&cursor=${first.nextCursor}`, 'hemu-worker')
    ).json();
    const ids = [...first.items, ...second.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(first.items[0].title).toBe('分页-3');
  });

  it('is raised by another module inside its own transaction, and rolls back with it', async () => {
    const worker = await authUserByUsername(t.ctx, 'hemu-worker');
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await createWorkOrder(t.ctx, worker, { sourceKind: 'grid_event', sourceId: 'g-rollback', compoundId, title: '回滚' }, tx);
        throw new Error('the caller fails');
      }),
    ).rejects.toThrow('the caller fails');
    const { rows } = await t.ctx.database.pool.query(`select 1 from work_orders where source_id = 'g-rollback'`);
    expect(rows).toHaveLength(0);
    const { id } = await createWorkOrder(t.ctx, worker, { sourceKind: 'grid_event', sourceId: 'g-1', compoundId, title: '网格事件' });
    expect((await t.call('GET', `/api/v1/work-orders/${id}`, 'property')).json().sourceKind).toBe('grid_event');
  });
});
