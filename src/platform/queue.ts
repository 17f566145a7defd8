// Background work on pg-boss 10: jobs are queued in the sender's transaction,
// run by any worker process, retried with backoff where a kind allows it,
// bounded by a timeout, and never left `running`: a worker holds an advisory
// lock for each job it runs, so when its process dies the lock goes with its
// connection and any other process's supervisor fails the job at once (pg-boss
// then retries it or it fails for good, with its reason).
//
// The `jobs` table is the user's view of a job (who asked, what for, progress,
// the result or the error in their words); pg-boss's own tables are the queue.
import { eq } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Db, Tx } from './db/client.ts';
import { rawClient } from './db/sql.ts';
import { Problem, problem } from './http/problem.ts';
import type { Locale } from './i18n/locale.ts';
import { platformMessages as pm } from './i18n/platform.messages.ts';
import { uuidv7 } from './ids.ts';
import { jobs } from './schema.ts';

export interface Progress {
  (done: number, total: number): void;
}

export interface JobRetry {
  /** Further attempts after the first one fails unexpectedly (a Problem, the user's own error, is never retried). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** The job fails if one attempt runs longer. */
  timeoutSeconds?: number;
}

/** A kind of background work: what it runs, and what it leaves behind when it fails for good. */
export interface JobKind<D extends object, C = unknown> {
  name: string;
  options?: JobRetry;
  /** Parallel runs of this kind per worker process. */
  concurrency?: number;
  run(ctx: C, data: D, progress: Progress, job: { id: string; attempt: number }): Promise<unknown>;
  /** Called once when the job fails for good (after its last attempt, or when its worker died with none left). */
  /** `error` in English (for logs and code); `both` keeps its words in each language, for a row a person reads. */
  failed?(ctx: C, data: D, error: ProblemText, both: StoredProblem): Promise<void>;
}

export interface ProblemText {
  title: string;
  detail?: string;
  code?: string;
  [key: string]: unknown;
}

export const defineJob = <D extends object, C = unknown>(kind: JobKind<D, C>): JobKind<D, C> => kind;

export interface JobView {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progressDone: number;
  progressTotal: number;
  result: unknown;
  error: unknown;
  createdBy: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  attempts: number;
}

const LOCK_SPACE = 7263002;
const WAKE_CHANNEL = 'renova_jobs';
/** A worker takes its job's lock within milliseconds of fetching it; the supervisor leaves younger jobs alone. */
const TAKE_LOCK_GRACE_SECONDS = 10;

/**
 * A failure as the `jobs` row keeps it: the problem's body in each language, written when the job failed
 * (its parameters may be words that do not survive JSON), so a reader gets it in their own language.
 */
export interface StoredProblem {
  code: string;
  words: Record<Locale, ProblemText>;
}

const stored = (p: Problem): StoredProblem => ({
  code: p.code,
  words: { 'zh-CN': p.body(undefined, 'zh-CN') as ProblemText, en: p.body(undefined, 'en') as ProblemText },
});

/** A stored failure in one language; rows written before failures had words in both are answered as they are. */
export function problemIn(error: unknown, locale: Locale): unknown {
  if (typeof error === 'object' && error !== null && 'words' in error) return (error as StoredProblem).words[locale];
  return error;
}

const interrupted = (): StoredProblem => stored(problem(500, pm.msg('job.interrupted')));
const unexpected = (): StoredProblem => stored(problem(500, pm.msg('job.failed')));

type AnyKind = JobKind<object, never>;

export class Queue {
  readonly boss: PgBoss;
  private readonly kinds = new Map<string, AnyKind>();
  private readonly workerIds = new Map<string, string[]>();
  private supervisor: NodeJS.Timeout | undefined;
  private started = false;
  /** Set once stopped: a handler that outlives the graceful stop must not reach a pool that is being closed. */
  private stopped = false;
  private working = false;
  private context: unknown;

  constructor(
    private readonly db: Db,
    private readonly pool: pg.Pool,
    private readonly log: Logger,
    private readonly opts: { listen(channel: string, onNotify: (payload: string) => void): void; supervise: boolean },
  ) {
    this.boss = new PgBoss({
      // After stop, pg-boss's own bookkeeping of a job still running (its completion or failure) is dropped: the
      // job stays active and another worker's supervisor takes it over, as for a process that died.
      // Commands that answer a count (complete, fail, cancel…) get a count of none: pg-boss does not await them.
      db: {
        executeSql: (text, values) =>
          this.stopped
            ? Promise.resolve({ rows: /COUNT\(\*\) from results\s*$/i.test(text) ? [{ count: '0' }] : [] })
            : pool.query(text, values),
      },
      schema: 'pgboss',
      // Maintenance (expiry, archiving) and cron run where workers run; pg-boss lets one process at a time do them.
      supervise: opts.supervise,
      schedule: opts.supervise,
      migrate: true,
    });
    this.boss.on('error', (err) => log.warn({ message: err.message }, 'job queue error'));
  }

  /** Kinds must be known before start: every process creates their queues, so any may send. */
  register(...kinds: JobKind<object, never>[]): void {
    for (const k of kinds) this.kinds.set(k.name, k);
  }

  kindNames(): string[] {
    return [...this.kinds.keys()];
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.stopped = false;
    await this.boss.start();
    const existing = new Set((await this.boss.getQueues()).map((q) => q.name));
    for (const kind of this.kinds.values()) if (!existing.has(kind.name)) await this.boss.createQueue(kind.name).catch(() => undefined);
    this.started = true;
  }

  /**
   * Queues a job in `tx` (the caller's transaction, so the job exists exactly when the change that asked for it
   * commits) and records the user's view of it. Workers are woken at commit.
   */
  async enqueue<D extends object>(
    tx: Tx,
    kind: JobKind<D, never>,
    data: D,
    opts: { createdBy: string | null; params?: Record<string, unknown>; startAfter?: Date } = { createdBy: null },
  ): Promise<string> {
    if (!this.kinds.has(kind.name)) throw new Error(`job kind ${kind.name} is not registered`);
    const id = uuidv7();
    await tx.insert(jobs).values({ id, kind: kind.name, status: 'queued', params: opts.params ?? {}, createdBy: opts.createdBy });
    const client = rawClient(tx);
    const o = kind.options ?? {};
    await this.boss.send(kind.name, data, {
      id,
      retryLimit: o.retryLimit ?? 0,
      retryDelay: o.retryDelaySeconds ?? 5,
      retryBackoff: o.retryBackoff ?? true,
      expireInSeconds: o.timeoutSeconds ?? 15 * 60,
      ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
      db: { executeSql: (text, values) => client.query(text, values) },
    });
    await client.query('select pg_notify($1, $2)', [WAKE_CHANNEL, kind.name]);
    return id;
  }

  /** This process runs jobs from now on (the worker and all-in-one roles). */
  async work(ctx: unknown): Promise<void> {
    if (this.working) return;
    this.working = true;
    this.context = ctx;
    for (const kind of this.kinds.values()) {
      const ids: string[] = [];
      for (let i = 0; i < (kind.concurrency ?? 1); i++)
        ids.push(
          await this.boss.work(kind.name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 2 }, async ([job]) =>
            this.runOne(kind, job!),
          ),
        );
      this.workerIds.set(kind.name, ids);
    }
    this.opts.listen(WAKE_CHANNEL, (name) => {
      for (const id of this.workerIds.get(name) ?? []) this.boss.notifyWorker(id);
    });
    this.supervisor = setInterval(
      () => void this.supervise().catch((err: Error) => this.log.warn({ message: err.message }, 'job supervisor failed')),
      5000,
    );
    this.supervisor.unref();
  }

  private async runOne(kind: AnyKind, job: PgBoss.JobWithMetadata<unknown>): Promise<unknown> {
    const lock = await this.pool.connect();
    const attempt = job.retryCount + 1;
    try {
      await lock.query('select pg_advisory_lock($1, hashtext($2))', [LOCK_SPACE, job.id]);
      await this.db.update(jobs).set({ status: 'running', error: null }).where(eq(jobs.id, job.id));
      const progress = this.progressWriter(job.id);
      try {
        const result = await kind.run(this.context as never, job.data as never, progress.report, { id: job.id, attempt });
        await progress.flush();
        await this.db
          .update(jobs)
          .set({ status: 'succeeded', result: result ?? null, finishedAt: new Date() })
          .where(eq(jobs.id, job.id));
        return null;
      } catch (err) {
        await progress.flush();
        const last = err instanceof Problem || job.retryCount >= job.retryLimit;
        const error = err instanceof Problem ? stored(err) : unexpected();
        this.log.warn(
          { job: job.id, kind: kind.name, attempt, final: last, reason: err instanceof Problem ? err.detail : (err as Error).message },
          'background job failed',
        );
        if (!last) {
          await this.db.update(jobs).set({ status: 'queued', error }).where(eq(jobs.id, job.id));
          throw err;
        }
        await this.finishFailed(kind, job.id, job.data as object, error);
        // The user's own error is settled here; pg-boss records the job as done, our row says failed.
        if (err instanceof Problem) return { failed: error };
        throw err;
      }
    } finally {
      await lock.query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_SPACE, job.id]).catch(() => undefined);
      lock.release();
    }
  }

  private async finishFailed(kind: AnyKind | undefined, id: string, data: object, error: StoredProblem): Promise<void> {
    await this.db.update(jobs).set({ status: 'failed', error, finishedAt: new Date() }).where(eq(jobs.id, id));
    if (kind?.failed)
      await kind
        .failed(this.context as never, data, error.words.en, error)
        .catch((err: Error) => this.log.error({ job: id, kind: kind.name, message: err.message }, 'job failure handler failed'));
  }

  /** Progress is written at most four times a second and always before the final status. */
  private progressWriter(id: string) {
    let last = 0;
    let written: Promise<unknown> = Promise.resolve();
    const report: Progress = (done, total) => {
      const now = Date.now();
      if (now - last < 250 && done < total) return;
      last = now;
      written = written
        .then(() => this.db.update(jobs).set({ progressDone: done, progressTotal: total }).where(eq(jobs.id, id)))
        .catch(() => undefined);
    };
    return { report, flush: () => written };
  }

  /**
   * Fails the active jobs whose worker is gone: its advisory lock is free. pg-boss retries such a job when its kind
   * allows (imports and timetables write in one transaction, so nothing half-written is left to undo).
   */
  async supervise(): Promise<number> {
    const { rows } = await this.pool.query<{ id: string; name: string; data: object; retry_count: number; retry_limit: number }>(
      `select id, name, data, retry_count, retry_limit from pgboss.job
        where state = 'active' and started_on < now() - make_interval(secs => $1) and name = any($2)`,
      [TAKE_LOCK_GRACE_SECONDS, this.kindNames()],
    );
    let taken = 0;
    for (const job of rows) {
      const client = await this.pool.connect();
      try {
        const { rows: got } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as ok', [
          LOCK_SPACE,
          job.id,
        ]);
        if (!got[0]!.ok) continue;
        await client.query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_SPACE, job.id]);
      } finally {
        client.release();
      }
      const error = interrupted();
      await this.boss.fail(job.name, job.id, error);
      taken++;
      this.log.warn({ job: job.id, kind: job.name, retry: job.retry_count < job.retry_limit }, 'job of a stopped process taken over');
      if (job.retry_count >= job.retry_limit) await this.finishFailed(this.kinds.get(job.name), job.id, job.data, error);
      else await this.db.update(jobs).set({ status: 'queued', error }).where(eq(jobs.id, job.id));
    }
    return taken;
  }

  /** A kind run by the clock (cron, in the city's time zone); its runs have no user and no `jobs` row. */
  async schedule(kind: JobKind<object, never>, cron: string): Promise<void> {
    await this.boss.schedule(kind.name, cron, {}, { tz: 'Asia/Shanghai', retryLimit: kind.options?.retryLimit ?? 0 });
  }

  /** The job, its failure in `locale` (English unless the reader's language is given). */
  async get(id: string, locale: Locale = 'en'): Promise<JobView | undefined> {
    const [row] = await this.db.select().from(jobs).where(eq(jobs.id, id)).limit(1);
    if (!row) return undefined;
    let status = row.status;
    let error: unknown = row.error ?? null;
    let attempts = 0;
    const job = await this.boss.getJobById(row.kind, id, { includeArchive: true }).catch(() => null);
    if (job) {
      attempts = job.retryCount + (job.state === 'created' || job.state === 'retry' ? 0 : 1);
      // Our row is settled by the worker; until then pg-boss's state is the truth (a dead worker's job included).
      if (status === 'queued' || status === 'running') {
        if (job.state === 'active') status = 'running';
        else if (job.state === 'created' || job.state === 'retry') status = 'queued';
        else if (job.state === 'failed' || job.state === 'cancelled') {
          status = 'failed';
          error ??= interrupted();
        }
      }
    }
    return { ...row, status, error: problemIn(error, locale), attempts, result: row.result ?? null };
  }

  async stop(): Promise<void> {
    if (this.supervisor) clearInterval(this.supervisor);
    if (this.started) await this.boss.stop({ graceful: true, timeout: 5000, close: false, wait: true }).catch(() => undefined);
    this.started = false;
    this.stopped = true;
  }
}
