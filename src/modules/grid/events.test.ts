import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { gridWorld, type GridWorld } from './fixtures.ts';
import {
  createGridEvent,
  findGridEventBySource,
  getGridEvent,
  linkWorkOrder,
  listGridEvents,
  rateGridEvent,
  transitionGridEvent,
} from './index.ts';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('grid events over the API', () => {
  let t: TestApp;
  let w: GridWorld;

  beforeAll(async () => {
    t = await testApp();
    w = await gridWorld(t);
  });
  afterAll(() => t?.close());

  const post = (body: Record<string, unknown>, as = w.worker.username) => t.call('POST', '/api/v1/grid-events', as, body);
  const move = (id: string, to: string, as: string, note?: string) =>
    t.call('POST', `/api/v1/grid-events/${id}/transitions`, as, note ? { to, note } : { to });

  it('reports an event as the contract says: 201 with id, state, dueAt and duplicates, placed in the building’s grid', async () => {
    const res = await post({ category: 'street_lamp', description: '路灯不亮', buildingId: w.buildings[0], source: 'patrol' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ state: 'reported', duplicates: [], created: true });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.ref).toMatch(/^\d{4}-\d{6}$/);
    // street_lamp is in the facility group: two hours to be accepted (grid.event_sla).
    const due = Date.parse(body.dueAt) - Date.now();
    expect(due).toBeGreaterThan(7200_000 - 60_000);
    expect(due).toBeLessThanOrEqual(7200_000);
    const detail = (await t.call('GET', `/api/v1/grid-events/${body.id}`, w.worker.username)).json();
    expect(detail).toMatchObject({
      compoundId: w.compoundId,
      communityCode: w.communityCode,
      buildingId: w.buildings[0],
      gridId: w.gridId,
      assigneeId: w.worker.id,
      level: 'city',
      lat: w.lat,
      lng: w.lng,
      allowed: ['accepted'],
    });
    expect(detail.steps).toMatchObject([{ action: 'reported', to: 'reported', actorRole: 'grid_worker' }]);
  });

  it('answers an unknown category with 422 naming category, and bad places and coordinates naming their fields', async () => {
    const unknown = await post({ category: 'unicorn', description: 'x', buildingId: w.buildings[0], source: 'patrol' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json().errors).toEqual([expect.objectContaining({ path: 'body.category' })]);
    const lat = await post({ category: 'street_lamp', description: 'x', lat: 91, lng: 120, source: 'patrol' });
    expect(lat.statusCode).toBe(400);
    expect(lat.json().errors.map((e: { path: string }) => e.path)).toContain('body.lat');
    const nowhere = await post({ category: 'street_lamp', description: 'x', source: 'patrol' });
    expect(nowhere.statusCode).toBe(422);
    expect(nowhere.json().errors[0].path).toBe('body.compoundId');
    const half = await post({ category: 'street_lamp', description: 'x', lat: w.lat, source: 'patrol' });
    expect(half.statusCode).toBe(422);
    expect(half.json().errors[0].path).toBe('body.lng');
    const far = await post({ category: 'street_lamp', description: 'x', lat: 45, lng: 90, source: 'patrol' });
    expect(far.statusCode).toBe(422);
    expect(far.json().errors[0].path).toBe('body.lat');
    const attr = await post({
      category: 'street_lamp',
      description: 'x',
      buildingId: w.buildings[0],
      source: 'patrol',
      attributes: { lamp_state: 'purple' },
    });
    expect(attr.statusCode).toBe(422);
    expect(attr.json().errors[0].path).toBe('body.attributes.lamp_state');
  });

  it('goes reported → accepted → handled → reviewed → closed, answering 409 with the allowed states for a wrong move', async () => {
    const { id } = (
      await post({
        category: 'dumping',
        description: '建筑垃圾',
        buildingId: w.buildings[1],
        source: 'patrol',
        attributes: { waste_type: ['construction'] },
      })
    ).json();
    const early = await move(id, 'handled', w.worker.username);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'grid.transition_not_allowed', state: 'reported', allowed: ['accepted'] });
    const zh = await t.app.inject({
      method: 'POST',
      url: `/api/v1/grid-events/${id}/transitions`,
      headers: { ...(await t.as(w.worker.username)), 'accept-language': 'zh-CN' },
      payload: { to: 'closed' },
    });
    expect(zh.json().detail).toBe('事件当前为“待接收”，您不能将其改为“已办结”。可改为：处理中。');
    expect((await move(id, 'accepted', w.worker.username)).statusCode).toBe(200);
    const handled = await move(id, 'handled', w.worker.username, '已清运');
    expect(handled.statusCode, handled.body).toBe(200);
    expect(handled.json()).toMatchObject({ state: 'handled', allowed: [] });
    // The grid worker does not review their own work.
    expect((await move(id, 'reviewed', w.worker.username)).json()).toMatchObject({ allowed: [] });
    const reviewed = await move(id, 'reviewed', w.reviewer);
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json().allowed).toEqual(['closed', 'accepted']);
    const closed = await move(id, 'closed', w.officer, '办结');
    expect(closed.statusCode, closed.body).toBe(200);
    const d = closed.json();
    expect(d).toMatchObject({ state: 'closed', dueAt: null, overdue: false });
    expect(d.closedAt).not.toBeNull();
    expect(d.steps.map((s: { to: string }) => s.to)).toEqual(['reported', 'accepted', 'handled', 'reviewed', 'closed']);
    expect(d.steps.map((s: { actorRole: string }) => s.actorRole)).toEqual([
      'grid_worker',
      'grid_worker',
      'grid_worker',
      'community',
      'subdistrict',
    ]);
    expect(d.steps[2].note).toBe('已清运');
    const again = await move(id, 'closed', w.officer);
    expect(again.statusCode).toBe(409);
    expect(again.json().allowed).toEqual([]);
  });

  it('lets the reporting grid worker settle a self-resolvable matter at once (自办自结), and nobody else', async () => {
    const { id } = (
      await post({ category: 'garbage_overflow', description: '垃圾满溢', buildingId: w.buildings[0], source: 'patrol' })
    ).json();
    const res = await move(id, 'closed', w.worker.username, '已清理');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().steps.at(-1)).toMatchObject({ action: 'self_resolved', from: 'reported', to: 'closed' });
    const staffReport = (
      await post({ category: 'garbage_overflow', description: '垃圾满溢', buildingId: w.buildings[0], source: 'staff' }, w.reviewer)
    ).json();
    const notTheirs = await move(staffReport.id, 'closed', w.worker.username);
    expect(notTheirs.statusCode).toBe(409);
    expect(notTheirs.json().allowed).toEqual(['accepted']);
    const lamp = (await post({ category: 'street_lamp', description: '路灯', buildingId: w.buildings[0], source: 'patrol' })).json();
    expect((await move(lamp.id, 'closed', w.worker.username)).statusCode).toBe(409);
  });

  it('lets the reporting resident dispute within the reopen days (异议审核) and rate the closed event once', async () => {
    const resident = await w.actor('hemu-resident');
    const reviewer = await w.actor(w.reviewer);
    const e = await createGridEvent(
      t.ctx,
      { category: 'street_lamp', description: '路灯不亮', lat: w.lat, lng: w.lng, source: 'resident', anonymous: true },
      resident,
    );
    // Placed by its point in the nearest compound, and in its grid; the reporter is kept but never shown.
    const placed = (await getGridEvent(t.ctx, e.id))!;
    expect(placed).toMatchObject({ compoundId: w.compoundId, anonymous: true, source: 'resident' });
    expect(placed).not.toHaveProperty('reporterAccountId');
    await expect(transitionGridEvent(t.ctx, e.id, 'accepted', resident)).rejects.toMatchObject({ status: 409 });
    for (const to of ['accepted', 'handled', 'reviewed', 'closed'] as const) await transitionGridEvent(t.ctx, e.id, to, reviewer);
    // Someone else's resident report is not theirs to see.
    await expect(transitionGridEvent(t.ctx, e.id, 'disputed', await w.actor(w.otherWorker.username))).rejects.toMatchObject({
      status: 404,
    });
    const disputed = await transitionGridEvent(t.ctx, e.id, 'disputed', resident, '灯还是不亮');
    expect(disputed).toMatchObject({ state: 'disputed', reopenedCount: 1, closedAt: null });
    expect(disputed.steps.at(-1)).toMatchObject({ from: 'closed', to: 'disputed', actorRole: 'resident', note: '灯还是不亮' });
    await transitionGridEvent(t.ctx, e.id, 'accepted', reviewer, '异议成立，重新处理');
    await expect(rateGridEvent(t.ctx, resident, e.id, { score: 5 })).rejects.toMatchObject({ status: 403 });
    for (const to of ['handled', 'reviewed', 'closed'] as const) await transitionGridEvent(t.ctx, e.id, to, reviewer);
    await expect(rateGridEvent(t.ctx, reviewer, e.id, { score: 5 })).rejects.toMatchObject({ status: 403 });
    await expect(rateGridEvent(t.ctx, resident, e.id, { score: 6 })).rejects.toMatchObject({ status: 422 });
    expect(await rateGridEvent(t.ctx, resident, e.id, { score: 4, comment: '修好了' })).toEqual({ score: 4 });
    await expect(rateGridEvent(t.ctx, resident, e.id, { score: 5 })).rejects.toMatchObject({ status: 409 });
    expect((await getGridEvent(t.ctx, e.id))!.rating).toMatchObject({ score: 4, comment: '修好了' });
  });

  it('is idempotent by (source, platform, sourceRef): the second report answers the first with created false', async () => {
    const input = {
      category: 'sos_followup',
      description: '一键报警未处理',
      compoundId: w.compoundId,
      source: 'alarm' as const,
      sourceRef: `alarm-${w.tag}`,
    };
    const first = await createGridEvent(t.ctx, input, null);
    const second = await createGridEvent(t.ctx, input, null);
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ id: first.id, created: false, state: 'reported' });
    expect(await findGridEventBySource(t.ctx, 'alarm', null, `alarm-${w.tag}`)).toBe(first.id);
    const order = '0190e3b4-0000-7000-8000-000000000001';
    await linkWorkOrder(t.ctx, first.id, order);
    expect((await getGridEvent(t.ctx, first.id))!.workOrderId).toBe(order);
    // Another platform's event of the same external id is another event.
    const other = await createGridEvent(t.ctx, { ...input, source: 'platform', platform: 'river', sourceRef: `alarm-${w.tag}` }, null);
    expect(other.created).toBe(true);
    expect(await findGridEventBySource(t.ctx, 'platform', 'river', `alarm-${w.tag}`)).toBe(other.id);
    const http = { category: 'street_lamp', description: 'x', buildingId: w.buildings[0], source: 'staff', sourceRef: `ref-${w.tag}` };
    const a = await post(http, w.reviewer);
    const b = await post(http, w.reviewer);
    expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
    expect(b.json()).toMatchObject({ id: a.json().id, created: false });
    // Twenty at once: one event.
    const many = await Promise.all(
      Array.from({ length: 20 }, () => createGridEvent(t.ctx, { ...input, sourceRef: `race-${w.tag}` }, null)),
    );
    expect(new Set(many.map((m) => m.id)).size).toBe(1);
    expect(many.filter((m) => m.created)).toHaveLength(1);
  });

  it('suggests open events of the same category within the category’s radius, nearest first, and nothing beyond it', async () => {
    const base = w.north(2000);
    const at = (m: number) => ({ lat: base.lat + m / 111_320, lng: base.lng });
    const report = (category: string, m: number) => w.report({ category, buildingId: undefined, compoundId: w.compoundId, ...at(m) });
    const a = await report('street_lamp', 0);
    const b = await report('street_lamp', 30);
    expect(b.duplicates).toEqual([expect.objectContaining({ id: a.id, category: 'street_lamp', state: 'reported' })]);
    expect(b.duplicates[0]!.distanceM).toBeGreaterThanOrEqual(29);
    expect(b.duplicates[0]!.distanceM).toBeLessThanOrEqual(31);
    // street_lamp: 50 m. 70 m from b is beyond it; 40 m from a is within (and b at 10 m is nearer).
    const c = await report('street_lamp', 100);
    expect(c.duplicates).toEqual([]);
    const d = await report('street_lamp', 40);
    expect(d.duplicates.map((x) => x.id)).toEqual([b.id, a.id]);
    // Offered before filing, without filing anything.
    const q = at(40);
    const offered = await t.call('GET', `/api/v1/grid-events/duplicates?category=street_lamp&lat=${q.lat}&lng=${q.lng}`, w.worker.username);
    expect(offered.statusCode, offered.body).toBe(200);
    expect(offered.json().items.map((x: { id: string }) => x.id)).toEqual([d.id, b.id, a.id]);
    const unknown = await t.call('GET', `/api/v1/grid-events/duplicates?category=unicorn&lat=${q.lat}&lng=${q.lng}`, w.worker.username);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].path).toBe('query.category');
    const byBuilding = await t.call(
      'GET',
      `/api/v1/grid-events/duplicates?category=street_lamp&buildingId=${w.buildings[0]}`,
      w.worker.username,
    );
    expect(byBuilding.statusCode, byBuilding.body).toBe(200);
    // Another category at the same point is not a duplicate; dumping's radius is 200 m.
    expect((await report('dumping', 0)).duplicates).toEqual([]);
    expect((await report('dumping', 150)).duplicates).toHaveLength(1);
    // A closed event is no longer offered.
    await transitionGridEvent(t.ctx, a.id, 'accepted', null);
    await transitionGridEvent(t.ctx, a.id, 'handled', null);
    await transitionGridEvent(t.ctx, a.id, 'reviewed', null);
    await transitionGridEvent(t.ctx, a.id, 'closed', null);
    expect((await report('street_lamp', 0)).duplicates.map((x) => x.id)).toEqual([b.id, d.id]);
  });

  it('merges a duplicate into an event: the duplicate is closed as merged, with a step on both', async () => {
    const a = await w.report({ category: 'noise', attributes: {} });
    const b = await w.report({ category: 'noise' });
    const res = await t.call('POST', `/api/v1/grid-events/${a.id}/merge`, w.reviewer, { duplicateId: b.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().steps.at(-1)).toMatchObject({ action: 'merged' });
    expect(res.json().steps.at(-1).note).toContain('Took in the duplicate');
    const dup = await getGridEvent(t.ctx, b.id, 'en');
    expect(dup).toMatchObject({ state: 'closed', mergedIntoId: a.id });
    expect(dup!.steps.at(-1)).toMatchObject({ action: 'merged_into', to: 'closed' });
    expect(dup!.steps.at(-1)!.note).toContain('Merged into');
    expect((await t.call('POST', `/api/v1/grid-events/${a.id}/merge`, w.reviewer, { duplicateId: a.id })).statusCode).toBe(422);
    expect((await t.call('POST', `/api/v1/grid-events/${a.id}/merge`, w.reviewer, { duplicateId: b.id })).statusCode).toBe(409);
    // Merging is a review: the grid worker may not.
    const c = await w.report({ category: 'noise' });
    expect((await t.call('POST', `/api/v1/grid-events/${a.id}/merge`, w.worker.username, { duplicateId: c.id })).statusCode).toBe(403);
  });

  it('escalates by hand one level at a time, and refuses at the top', async () => {
    const e = await w.report({ category: 'water_leak' });
    const up = await t.call('POST', `/api/v1/grid-events/${e.id}/escalate`, w.worker.username, { note: '需社区协调' });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ level: 'community' });
    expect(up.json().steps.at(-1)).toMatchObject({ action: 'escalated', level: 'community', note: '需社区协调' });
    await t.call('POST', `/api/v1/grid-events/${e.id}/escalate`, w.reviewer, {});
    const city = await t.call('POST', `/api/v1/grid-events/${e.id}/escalate`, w.reviewer, {});
    expect(city.json().level).toBe('city');
    expect((await t.call('POST', `/api/v1/grid-events/${e.id}/escalate`, w.reviewer, {})).statusCode).toBe(409);
  });

  it('keeps up to nine photos from each person per event, uploaded before the report or added later, and serves them', async () => {
    const pending = await t.upload('/api/v1/grid-events/photos', w.worker.username, {}, { name: 'lamp.png', data: png, type: 'image/png' });
    expect(pending.statusCode, pending.body).toBe(201);
    const photoId = pending.json().id;
    const res = await post({
      category: 'street_lamp',
      description: '附照片',
      buildingId: w.buildings[0],
      source: 'patrol',
      photoIds: [photoId],
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    // A photo cannot be used twice, nor by someone else.
    const reuse = await post({
      category: 'street_lamp',
      description: 'x',
      buildingId: w.buildings[0],
      source: 'patrol',
      photoIds: [photoId],
    });
    expect(reuse.statusCode).toBe(422);
    expect(reuse.json().errors[0].path).toBe('body.photoIds.0');
    const detail = (await t.call('GET', `/api/v1/grid-events/${id}`, w.worker.username)).json();
    expect(detail.photos).toEqual([{ id: photoId, url: `/api/v1/grid-events/${id}/photos/${photoId}`, stepId: detail.steps[0].id }]);
    const file = await t.app.inject({ method: 'GET', url: detail.photos[0].url, headers: await t.as(w.worker.username) });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(png)).toBe(true);
    for (let i = 0; i < 8; i++) {
      const more = await t.upload(
        `/api/v1/grid-events/${id}/photos`,
        w.worker.username,
        {},
        { name: `p${i}.png`, data: png, type: 'image/png' },
      );
      expect(more.statusCode, more.body).toBe(201);
    }
    const tenth = await t.upload(
      `/api/v1/grid-events/${id}/photos`,
      w.worker.username,
      {},
      { name: 'p9.png', data: png, type: 'image/png' },
    );
    expect(tenth.statusCode).toBe(422);
    // The worker's nine do not use up the community reviewer's.
    const reviewers = await t.upload(`/api/v1/grid-events/${id}/photos`, w.reviewer, {}, { name: 'r.png', data: png, type: 'image/png' });
    expect(reviewers.statusCode, reviewers.body).toBe(201);
    const pdf = await t.upload(
      `/api/v1/grid-events/photos`,
      w.worker.username,
      {},
      { name: 'x.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') },
    );
    expect(pdf.statusCode).toBe(415);
  });

  it('lists events for other modules by category, state and date, newest first, paging by the last id', async () => {
    const mine = [
      await w.report({ category: 'fire_hazard' }),
      await w.report({ category: 'fire_hazard' }),
      await w.report({ category: 'fire_hazard' }),
    ];
    const from = new Date(Date.now() - 60_000);
    const page1 = await listGridEvents(t.ctx, { categories: ['fire_hazard'], states: ['reported'], from, limit: 2 });
    expect(page1.map((e) => e.id)).toEqual([mine[2]!.id, mine[1]!.id]);
    const page2 = await listGridEvents(t.ctx, { categories: ['fire_hazard'], states: ['reported'], from, limit: 2, after: page1[1]!.id });
    expect(page2.map((e) => e.id)).toEqual([mine[0]!.id]);
    expect(page2[0]).not.toHaveProperty('reporterAccountId');
    const byId = await listGridEvents(t.ctx, { ids: [mine[1]!.id], limit: 10 });
    expect(byId.map((e) => e.id)).toEqual([mine[1]!.id]);
    const categories = (await t.call('GET', '/api/v1/grid-categories', w.worker.username)).json();
    expect(categories.items.find((c: { code: string }) => c.code === 'street_lamp')).toMatchObject({
      duplicateRadiusM: 50,
      attributes: expect.arrayContaining([expect.objectContaining({ code: 'pole_number', datatype: 'string' })]),
    });
  });
});
