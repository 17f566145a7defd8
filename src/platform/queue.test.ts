// The job platform on pg-boss and the domain events on its outbox, against the test file's own database.
// Kinds and handlers here are the test's own, on queues and events of their own.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './testing/harness.ts';
import { Queue, defineJob } from './queue.ts';
import { Events, defineHandler } from './events.ts';
import { createLogger } from './logger.ts';
import { unprocessable } from './http/problem.ts';
import { defineMessages } from './i18n/messages.ts';

let t: TestApp;
let queue: Queue;
/** Registers the orphan kind but never works it, as a process whose worker is elsewhere. */
let watch: Queue;
let events: Events;
const ran: { kind: string; attempt: number }[] = [];
const failedHook: string[] = [];
let flakyFailures = 1;
const handled: string[] = [];
let handlerFailures = 0;

const ok = defineJob<{ n: number }>({
  name: 'test.ok',
  async run(_ctx, data, progress, job) {
    ran.push({ kind: 'ok', attempt: job.attempt });
    progress(data.n, data.n);
    return { doubled: data.n * 2 };
  },
});
const testWords = defineMessages({
  file_invalid: { 'zh-CN': '文件无效。', en: 'The file is not valid.' },
  bad_row: { 'zh-CN': '有误的行', en: 'bad row' },
});
const refused = defineJob<object>({
  name: 'test.refused',
  options: { retryLimit: 3 },
  async run() {
    ran.push({ kind: 'refused', attempt: 0 });
    throw unprocessable(testWords.msg('file_invalid'), [{ path: 'file', message: testWords.msg('bad_row') }]);
  },
  async failed(_ctx, _data, error) {
    failedHook.push(`refused:${String(error.status)}`);
  },
});
const flaky = defineJob<object>({
  name: 'test.flaky',
  options: { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: false },
  async run(_ctx, _data, _progress, job) {
    ran.push({ kind: 'flaky', attempt: job.attempt });
    if (flakyFailures-- > 0) throw new Error('connection reset');
    return 'second time lucky';
  },
});
const orphan = defineJob<{ tag: string }>({
  name: 'test.orphan',
  async run() {
    return 'never reached: its worker "died"';
  },
  async failed(_ctx, data, error) {
    failedHook.push(`orphan:${data.tag}:${error.title}`);
  },
});
const counter = defineHandler<{ key: string }>({
  name: 'test.counter',
  topic: 'test.happened',
  async handle(_ctx, event, tx) {
    if (handlerFailures-- > 0) throw new Error('handler hiccup');
    handled.push(event.payload.key);
    await tx.execute(sql`select 1`);
  },
});

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const finished = (id: string) =>
  waitFor(`job ${id}`, async () => {
    const j = await queue.get(id);
    return j && (j.status === 'succeeded' || j.status === 'failed') ? j : undefined;
  });

beforeAll(async () => {
  t = await testApp();
  const log = createLogger('silent');
  const { database } = t.ctx;
  const listen = (channel: string, onNotify: (p: string) => void) =>
    database.notifications.subscribe(channel, { onNotify, onReset: () => undefined });
  queue = new Queue(database.db, database.pool, log, { listen, supervise: false });
  queue.register(ok, refused, flaky);
  watch = new Queue(database.db, database.pool, log, { listen, supervise: false });
  watch.register(orphan);
  await watch.start();
  events = new Events(queue.boss, database.db, log, listen);
  events.register(counter);
  await queue.start();
  await events.start();
});
afterAll(async () => {
  await queue.stop();
  await watch.stop();
  await t.close();
});

describe('background jobs on pg-boss', () => {
  it('queues a job with its transaction: a rolled-back request leaves no job', async () => {
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await queue.enqueue(tx, ok, { n: 1 }, { createdBy: null });
        throw new Error('the request failed after queueing');
      }),
    ).rejects.toThrow('the request failed');
    const { rows } = await t.ctx.database.pool.query(`select count(*)::int as n from pgboss.job where name = 'test.ok'`);
    expect(rows[0].n).toBe(0);
  });

  it('runs a job in a worker with its progress and result, and reports it queued until then', async () => {
    const id = await queue.enqueue(t.ctx.db, ok, { n: 21 }, { createdBy: null, params: { why: 'test' } });
    expect((await queue.get(id))!.status).toBe('queued');
    await queue.work({});
    const job = await finished(id);
    expect(job).toMatchObject({ status: 'succeeded', result: { doubled: 42 }, progressDone: 21, progressTotal: 21, attempts: 1 });
  });

  it("fails the user's own error at once, with its problem, and never retries it", async () => {
    const id = await queue.enqueue(t.ctx.db, refused, {}, { createdBy: null });
    const job = await finished(id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ status: 422, errors: [{ path: 'file', message: 'bad row' }] });
    expect(ran.filter((r) => r.kind === 'refused')).toHaveLength(1);
    expect(failedHook).toContain('refused:422');
  });

  it('retries an unexpected failure with backoff where the kind allows it', async () => {
    const id = await queue.enqueue(t.ctx.db, flaky, {}, { createdBy: null });
    const job = await finished(id);
    expect(job).toMatchObject({ status: 'succeeded', result: 'second time lucky', attempts: 2 });
    expect(ran.filter((r) => r.kind === 'flaky').map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('takes over a job whose worker died: its lock is free, so it fails visibly with its reason', async () => {
    // A process that fetched the job and died before running it: pg-boss says active, nobody holds its lock.
    const id = await watch.enqueue(t.ctx.db, orphan, { tag: 'x' }, { createdBy: null });
    const other = new Queue(t.ctx.db, t.ctx.database.pool, createLogger('silent'), { listen: () => undefined, supervise: false });
    await other.start();
    const [fetched] = await other.boss.fetch('test.orphan');
    expect(fetched!.id).toBe(id);
    expect((await watch.get(id))!.status).toBe('running');
    // Younger jobs are left alone: their worker may be about to take the lock.
    expect(await watch.supervise()).toBe(0);
    // Move the job's clock past the grace period instead of waiting it out.
    await t.ctx.database.pool.query(`update pgboss.job set started_on = started_on - interval '1 minute' where id = $1`, [id]);
    expect(await watch.supervise()).toBe(1);
    const job = await watch.get(id);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'job.interrupted', title: 'Interrupted' } });
    expect(failedHook).toContain('orphan:x:Interrupted');
    await other.stop();
  });

  it('leaves a running job with a live worker alone', async () => {
    const id = await watch.enqueue(t.ctx.db, orphan, { tag: 'y' }, { createdBy: null });
    const other = new Queue(t.ctx.db, t.ctx.database.pool, createLogger('silent'), { listen: () => undefined, supervise: false });
    await other.start();
    await other.boss.fetch('test.orphan');
    const holder = await t.ctx.database.pool.connect();
    try {
      await holder.query('select pg_advisory_lock(7263002, hashtext($1))', [id]);
      await t.ctx.database.pool.query(`update pgboss.job set started_on = started_on - interval '1 minute' where id = $1`, [id]);
      expect(await watch.supervise()).toBe(0);
      expect((await watch.get(id))!.status).toBe('running');
    } finally {
      await holder.query('select pg_advisory_unlock_all()');
      holder.release();
      await other.boss.complete('test.orphan', id);
      await other.stop();
    }
  });
});

describe('domain events through the outbox', () => {
  it('delivers an event exactly when its transaction commits, once per handler, and a redelivery changes nothing', async () => {
    await queue.work({});
    await events.work({});
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await events.record(tx, 'test.happened', { key: 'rolled-back' });
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    const id = await t.ctx.db.transaction((tx) => events.record(tx, 'test.happened', { key: 'committed' }));
    await waitFor('the event', async () => handled.includes('committed'));
    await t.settled();
    expect(handled).toEqual(['committed']);
    // At-least-once delivery may hand the same event over again: the handler's mark makes it a no-op.
    const again = await events.deliver({}, counter as never, { id, topic: 'test.happened', payload: { key: 'committed' }, at: '' });
    expect(again).toBe(false);
    expect(handled).toEqual(['committed']);
  });

  it('retries a failing handler until it succeeds, and nothing of a failed try is kept', async () => {
    handlerFailures = 2;
    await t.ctx.db.transaction((tx) => events.record(tx, 'test.happened', { key: 'stubborn' }));
    await waitFor('the retried event', async () => handled.includes('stubborn'), 30_000);
    await t.settled();
    // Two tries failed before their mark was written, and rolled it back: only the third is marked, and handled once.
    expect(handled.filter((k) => k === 'stubborn')).toHaveLength(1);
    const { rows } = await t.ctx.database.pool.query(`select count(*)::int as n from handled_events where handler = 'test.counter'`);
    expect(rows[0].n).toBe(2);
  });
});
