// Property repairs through the API: a resident files a leaking pipe with a photo on /m; the property staff take it
// (抢单), finish it with photos, record the follow-up call; the resident sees every step without names and rates it
// once. Also: assigning (派单) only to the compound's staff, moves made on the work order's own pages followed by
// the repair, overdue by the clock (`now` passed in), and the rating window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { authUserByUsername } from '../accounts/index.ts';
import { flagOverdueRepairs } from './clock.ts';
import { fileRequest, PNG, postForm, repairWorld, type RepairWorld } from './fixtures.ts';
import { rateRepair } from './resident.service.ts';
import { completeRepair } from './staff.service.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestApp;
let w: RepairWorld;

beforeAll(async () => {
  t = await testApp();
  w = await repairWorld(t);
});
afterAll(() => t?.close());

const complete = (id: string, username: string, photos = [{ name: 'fixed.png', data: PNG }], note = '已更换水管接头，试水无渗漏') =>
  postForm(t, `/api/v1/repairs/${id}/complete`, username, { note }, photos);

describe('a repair from filing to rating', () => {
  it('is filed by a resident, taken, done with photos, followed up and rated once, every step audited', async () => {
    const [resident, neighbour] = w.residents as [string, string];
    const [fixer, mate] = w.staff as [{ username: string; id: string }, { username: string; id: string }];

    const options = await t.call('GET', '/api/v1/me/repairs/options', resident);
    expect(options.statusCode, options.body).toBe(200);
    expect(options.json().households).toEqual([expect.objectContaining({ id: w.households[0], building: '1幢', room: '101' })]);
    expect(options.json().categories).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'water', name: { zh: '水管漏水与给排水', en: 'Water pipes and leaks' }, dueHours: 24 }),
      ]),
    );

    const before = Date.now();
    const id = await fileRequest(t, resident, { description: '厨房水槽下水管漏水' }, [{ name: 'leak.png', data: PNG }]);
    const mine = await t.call('GET', `/api/v1/me/repairs/${id}`, resident);
    expect(mine.statusCode, mine.body).toBe(200);
    const filed = mine.json();
    expect(filed).toMatchObject({ status: 'open', category: 'water', overdue: false, canRate: false, rating: null });
    expect(filed.place).toEqual({ compoundName: expect.stringContaining(w.tag), building: '1幢', unit: '1单元', room: '101' });
    // Due 24 hours after filing (the rule's hours for water).
    expect(new Date(filed.dueAt).getTime() - new Date(filed.createdAt).getTime()).toBe(24 * HOUR);
    expect(new Date(filed.createdAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(filed.photos).toHaveLength(1);
    const photo = await t.app.inject({ method: 'GET', url: filed.photos[0].url, headers: await t.as(resident) });
    expect(photo.statusCode).toBe(200);
    expect(photo.rawPayload.equals(PNG)).toBe(true);

    // The staff's list has it, with the household's place; the work order carries it (source kind repair).
    const list = await t.call('GET', `/api/v1/repairs?status=open&compoundId=${w.compoundId}`, fixer.username);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((r: { id: string }) => r.id)).toContain(id);
    const detail = (await t.call('GET', `/api/v1/repairs/${id}`, fixer.username)).json();
    const order = await t.call('GET', `/api/v1/work-orders/${detail.workOrderId}`, fixer.username);
    expect(order.json()).toMatchObject({ sourceKind: 'repair', sourceId: id, status: 'open' });

    // 抢单, then only the taker may finish it, and only with a photo.
    const taken = await t.call('POST', `/api/v1/repairs/${id}/take`, fixer.username);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'assigned', assignee: { id: fixer.id } });
    expect((await complete(id, mate.username)).statusCode).toBe(403);
    const noPhoto = await complete(id, fixer.username, []);
    expect(noPhoto.statusCode).toBe(422);
    expect(noPhoto.json().errors[0].path).toBe('body.photos');
    // Not done yet: no follow-up call, no rating.
    const early = await t.call('POST', `/api/v1/repairs/${id}/follow-ups`, fixer.username, { outcome: 'satisfied' });
    expect(early.statusCode).toBe(409);
    expect((await t.call('POST', `/api/v1/me/repairs/${id}/rating`, resident, { stars: 5 })).statusCode).toBe(409);

    const done = await complete(id, fixer.username, [
      { name: 'after-1.png', data: PNG },
      { name: 'after-2.png', data: PNG },
    ]);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', completionNote: '已更换水管接头，试水无渗漏' });
    expect(done.json().completionPhotos).toHaveLength(2);
    expect((await t.call('GET', `/api/v1/work-orders/${detail.workOrderId}`, fixer.username)).json()).toMatchObject({
      status: 'done',
      completion: { photo: expect.objectContaining({ contentType: 'image/png' }) },
    });

    const call = await t.call('POST', `/api/v1/repairs/${id}/follow-ups`, fixer.username, {
      outcome: 'satisfied',
      note: '居民表示已不漏水',
    });
    expect(call.statusCode, call.body).toBe(200);
    expect(call.json().followUps).toEqual([
      expect.objectContaining({
        outcome: 'satisfied',
        note: '居民表示已不漏水',
        caller: { id: fixer.id, displayName: expect.any(String) },
      }),
    ]);

    // The neighbour (another household of the compound) sees none of it and cannot rate it.
    expect((await t.call('GET', `/api/v1/me/repairs/${id}`, neighbour)).statusCode).toBe(404);
    expect((await t.call('GET', '/api/v1/me/repairs', neighbour)).json().items.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await t.call('POST', `/api/v1/me/repairs/${id}/rating`, neighbour, { stars: 1 })).statusCode).toBe(404);

    const rated = await t.call('POST', `/api/v1/me/repairs/${id}/rating`, resident, { stars: 5, comment: '师傅很快' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ rated: true, canRate: false, rating: { stars: 5, comment: '师傅很快' } });
    const again = await t.call('POST', `/api/v1/me/repairs/${id}/rating`, resident, { stars: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('repair.already_rated');

    // The resident reads every step by role, never a name.
    const steps = rated.json().steps as { action: string; actorRole: string; actor: unknown; note: string | null }[];
    expect(steps.map((s) => s.action)).toEqual(['filed', 'taken', 'completed', 'followed_up', 'rated']);
    expect(steps.map((s) => s.actorRole)).toEqual(['resident', 'staff', 'staff', 'staff', 'resident']);
    expect(steps.every((s) => s.actor === null)).toBe(true);
    expect(steps.find((s) => s.action === 'followed_up')!.note).toBe('satisfied');
    expect(JSON.stringify(rated.json())).not.toContain('居民表示已不漏水');
    // Staff read names in the same timeline.
    const staffSteps = (await t.call('GET', `/api/v1/repairs/${id}`, fixer.username)).json().steps;
    expect(staffSteps.find((s: { action: string }) => s.action === 'taken').actor).toEqual({
      id: fixer.id,
      displayName: expect.any(String),
    });
    // …but never the resident's name (personal data).
    expect(staffSteps.find((s: { action: string }) => s.action === 'filed')).toMatchObject({ actorRole: 'resident', actor: null });
    expect((await t.call('GET', `/api/v1/repairs?compoundId=${w.compoundId}&status=done`, fixer.username)).json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, stars: 5, followedUp: true })]),
    );

    // Every step is in the audit log, with no one's words in it.
    const { rows } = await t.ctx.database.pool.query<{ action: string; detail: unknown }>(
      `select action, detail from audit_log where entity_id = $1 or entity_id = $2 order by id`,
      [id, detail.workOrderId],
    );
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'work_order.create',
        'repair.file',
        'work_order.take',
        'repair.take',
        'work_order.complete',
        'repair.complete',
        'repair.follow_up',
        'repair.rate',
      ]),
    );
    expect(JSON.stringify(rows)).not.toContain('师傅很快');
  });

  it('is assigned (派单) only to the property staff of its compound', async () => {
    const id = await fileRequest(t, w.residents[1]!, { category: 'door_lock', description: '单元门锁坏了' });
    const [manager, fixer] = w.staff as [{ username: string; id: string }, { username: string; id: string }];
    const who = await t.call('GET', `/api/v1/repairs/${id}/assignees`, manager.username);
    expect(who.statusCode, who.body).toBe(200);
    const ids = who.json().items.map((a: { id: string }) => a.id);
    expect(ids).toEqual(expect.arrayContaining([manager.id, fixer.id]));
    expect(ids).not.toContain(w.other.staff[0]!.id);
    const wrong = await t.call('POST', `/api/v1/repairs/${id}/assign`, manager.username, { assigneeId: w.other.staff[0]!.id });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'repair.assignee_not_staff', errors: [{ path: 'body.assigneeId' }] });
    const assigned = await t.call('POST', `/api/v1/repairs/${id}/assign`, manager.username, { assigneeId: fixer.id, note: '今天下午上门' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ status: 'assigned', assignee: { id: fixer.id } });
    // Assigned is no longer open for the taking.
    const late = await t.call('POST', `/api/v1/repairs/${id}/take`, manager.username);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('repair.already_taken');
    const started = await t.call('POST', `/api/v1/repairs/${id}/start`, fixer.username);
    expect(started.json().status).toBe('in_progress');
    const mine = await t.call('GET', `/api/v1/repairs?mine=true&status=in_progress`, fixer.username);
    expect(mine.json().items.map((r: { id: string }) => r.id)).toEqual([id]);
  });

  it('follows moves made on the work order’s own pages', async () => {
    const id = await fileRequest(t, w.residents[0]!, { category: 'electricity', description: '客厅插座没电' });
    const fixer = w.staff[1]!;
    const orderId = (await t.call('GET', `/api/v1/repairs/${id}`, fixer.username)).json().workOrderId;
    const took = await t.call('POST', `/api/v1/work-orders/${orderId}/take`, fixer.username);
    expect(took.statusCode, took.body).toBe(200);
    await t.settled();
    expect((await t.call('GET', `/api/v1/repairs/${id}`, fixer.username)).json()).toMatchObject({
      status: 'assigned',
      assignee: { id: fixer.id },
    });
    const cancelled = await t.call('POST', `/api/v1/work-orders/${orderId}/cancel`, 'hemu-worker', { reason: '居民已自行修好' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await t.settled();
    const seen = (await t.call('GET', `/api/v1/me/repairs/${id}`, w.residents[0]!)).json();
    expect(seen.status).toBe('cancelled');
    expect(seen.steps.map((s: { action: string }) => s.action)).toEqual(['filed', 'taken', 'cancelled']);
  });
});

describe('the clock', () => {
  it('flags a request overdue past its category’s hours, once, with a step the resident sees', async () => {
    const id = await fileRequest(t, w.residents[0]!, { category: 'lift', description: '电梯停在三楼不动' });
    const filedAt = new Date((await t.call('GET', `/api/v1/me/repairs/${id}`, w.residents[0]!)).json().createdAt);
    // The lift's four hours have not passed: nothing of this request is flagged.
    await flagOverdueRepairs(t.ctx, new Date(filedAt.getTime() + 3 * HOUR));
    const notYet = await t.call('GET', `/api/v1/repairs?overdue=true&compoundId=${w.compoundId}`, w.staff[0]!.username);
    expect(notYet.json().items.map((r: { id: string }) => r.id)).not.toContain(id);
    expect(await flagOverdueRepairs(t.ctx, new Date(filedAt.getTime() + 5 * HOUR))).toBeGreaterThanOrEqual(1);
    expect(await flagOverdueRepairs(t.ctx, new Date(filedAt.getTime() + 5 * HOUR))).toBe(0);
    const audited = await t.ctx.database.pool.query(`select 1 from audit_log where action = 'repair.overdue' and entity_id = $1`, [id]);
    expect(audited.rowCount).toBe(1);
    const flagged = await t.call('GET', `/api/v1/repairs?overdue=true&compoundId=${w.compoundId}`, w.staff[0]!.username);
    expect(flagged.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ id, overdue: true })]));
    const seen = (await t.call('GET', `/api/v1/me/repairs/${id}`, w.residents[0]!)).json();
    expect(seen.overdue).toBe(true);
    expect(seen.steps.map((s: { action: string; actorRole: string }) => [s.action, s.actorRole])).toEqual([
      ['filed', 'resident'],
      ['overdue', 'system'],
    ]);
  });

  it('takes a rating only within repairs.rating_days of completion', async () => {
    const resident = w.residents[1]!;
    const id = await fileRequest(t, resident, { category: 'drain', description: '卫生间下水慢' });
    const fixer = w.staff[0]!;
    expect((await t.call('POST', `/api/v1/repairs/${id}/take`, fixer.username)).statusCode).toBe(200);
    const done = await complete(id, fixer.username);
    expect(done.statusCode, done.body).toBe(200);
    const completedAt = new Date(done.json().completedAt).getTime();
    const user = await authUserByUsername(t.ctx, resident);
    await expect(rateRepair(t.ctx, user, id, { stars: 4 }, new Date(completedAt + 7 * DAY + 60_000))).rejects.toMatchObject({
      status: 409,
      code: 'repair.rating_closed',
    });
    const inTime = await rateRepair(t.ctx, user, id, { stars: 4 }, new Date(completedAt + 6 * DAY));
    expect(inTime.rating).toMatchObject({ stars: 4 });
  });
});

describe('completing a repair is one transaction', () => {
  it('rolls the work order back when the repair half of the completion fails, and completes both on the retry', async () => {
    const [resident] = w.residents as [string];
    const [fixer] = w.staff as [{ username: string; id: string }];
    const id = await fileRequest(t, resident, { description: '卫生间地漏反水' });
    expect((await t.call('POST', `/api/v1/repairs/${id}/take`, fixer.username)).statusCode).toBe(200);
    const workOrderId = (await t.call('GET', `/api/v1/repairs/${id}`, fixer.username)).json().workOrderId as string;

    // A crash between the two halves: the repair's completion photos cannot be written (this repair's only).
    const pool = t.ctx.database.pool;
    await pool.query(`create function fail_repair_photo() returns trigger language plpgsql as $$
      begin raise exception 'injected failure after the work order moved'; end $$`);
    await pool.query(`create trigger fail_repair_photo before insert on repair_photos for each row
      when (new.stage = 'completion' and new.repair_id = '${id}') execute function fail_repair_photo()`);
    try {
      const user = await authUserByUsername(t.ctx, fixer.username);
      const failed = completeRepair(t.ctx, user, id, {
        note: '已疏通地漏',
        photos: [{ filename: 'after.png', contentType: 'image/png', data: PNG }],
      });
      const err = await failed.then(
        () => null,
        (e: unknown) => e as Error & { cause?: Error },
      );
      expect(err?.cause?.message).toMatch(/injected failure/);
    } finally {
      await pool.query(`drop trigger fail_repair_photo on repair_photos; drop function fail_repair_photo()`);
    }
    await t.settled();
    // Neither half happened: the order is still assigned with no completed step, and so is the repair.
    const order = (await t.call('GET', `/api/v1/work-orders/${workOrderId}`, fixer.username)).json();
    expect(order.status).toBe('assigned');
    const { rows: steps } = await pool.query(`select action from work_order_steps where work_order_id = $1`, [workOrderId]);
    expect(steps.map((s: { action: string }) => s.action)).not.toContain('completed');
    const repair = (await t.call('GET', `/api/v1/repairs/${id}`, fixer.username)).json();
    expect(repair).toMatchObject({ status: 'assigned', completionNote: null, completionPhotos: [] });

    const done = await complete(id, fixer.username);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', completionNote: '已更换水管接头，试水无渗漏' });
    expect(done.json().completionPhotos).toHaveLength(1);
    expect((await t.call('GET', `/api/v1/work-orders/${workOrderId}`, fixer.username)).json().status).toBe('done');
  });
});
