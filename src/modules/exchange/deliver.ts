// Sending deliveries. Each outgoing message is a delivery row and a pg-boss job on one queue; the job's retry
// options come from its connector (tries, backoff), so pg-boss times the retries. Workers take jobs in batches:
// a batch is posted concurrently (over keep-alive connections), then its attempts and outcomes are
// written in one transaction, and the failed jobs are failed by id so pg-boss retries them, or the delivery is
// parked after its last try. Nothing here logs a body or a secret.
import http from 'node:http';
import https from 'node:https';
import { inArray, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { rawClient } from '../../platform/db/sql.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { decrypt } from '../../platform/personal-data.ts';
import { outcomeOf, type DeliveryOutcome } from './rules.ts';
import { exchangeAttempts, exchangeConnectors, exchangeDeliveries } from './schema.ts';
import { signedHeaders } from './signature.ts';

export const DELIVER_QUEUE = 'exchange.deliver';
/** Jobs a worker takes at once; a full batch fetches the next at once instead of waiting for the poll. */
const BATCH = 100;
const WORKERS = 4;
/** The most of an answer read (and thrown away) so its connection can be reused. */
const MAX_ANSWER_BYTES = 64 * 1024;
const MAX_SAME_ORIGIN_REDIRECTS = 3;

export interface DeliverJob {
  deliveryId: string;
  replay?: boolean;
}

const ensured = new WeakMap<PgBoss, Promise<void>>();

/** Any process may send (the API's replay, a worker's handler): the queue is made on first use. */
export function ensureQueue(ctx: AppContext): Promise<void> {
  const boss = ctx.queue.boss;
  let ready = ensured.get(boss);
  if (!ready) {
    ready = (async () => {
      if (!(await boss.getQueue(DELIVER_QUEUE))) await boss.createQueue(DELIVER_QUEUE).catch(() => undefined);
    })();
    ensured.set(boss, ready);
    ready.catch(() => ensured.delete(boss));
  }
  return ready;
}

export interface JobPlan {
  deliveryId: string;
  replay?: boolean;
  maxTries: number;
  backoffSeconds: number;
  timeoutSeconds: number;
}

/** Queues the jobs in `tx`: they exist exactly when the deliveries do. A replay is one try. */
export async function queueDeliveries(ctx: AppContext, tx: Tx, plans: JobPlan[]): Promise<void> {
  if (!plans.length) return;
  await ensureQueue(ctx);
  const client = rawClient(tx);
  await ctx.queue.boss.insert(
    plans.map((p) => ({
      name: DELIVER_QUEUE,
      data: { deliveryId: p.deliveryId, ...(p.replay ? { replay: true } : {}) } satisfies DeliverJob,
      retryLimit: p.replay ? 0 : Math.max(0, p.maxTries - 1),
      retryDelay: p.backoffSeconds,
      // pg-boss's backoff waits at least a second; 0 means retry at once (a local receiver, tests).
      retryBackoff: p.backoffSeconds > 0,
      // A batch posts concurrently, so a job lasts about one timeout; past a few, its worker is gone.
      expireInSeconds: p.timeoutSeconds * 3 + 30,
    })),
    { db: { executeSql: (text: string, values: unknown[]) => client.query(text, values) } },
  );
}

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

// Keep-alive connections shared by every delivery of this process: a platform receiving a thousand messages a
// second gets them over a few dozen sockets, not a handshake each.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64 }),
};

function once(target: URL, body: string, headers: Record<string, string>, signal: AbortSignal) {
  return new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
    const secure = target.protocol === 'https:';
    const req = (secure ? https : http).request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: agents[secure ? 'https:' : 'http:'],
        signal,
      },
      (res) => {
        let n = 0;
        // The answer is read to its end (so the socket is reused) and dropped; an endless one is cut off.
        res.on('data', (chunk: Buffer) => {
          n += chunk.length;
          if (n > MAX_ANSWER_BYTES) res.destroy();
        });
        const done = () => resolve({ status: res.statusCode ?? 0, location: res.headers.location });
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * One POST over a keep-alive connection, bounded by the connector's timeout: 2xx is delivered; redirects are
 * followed only to the same origin and only as 307/308 (which keep the method and body), never to another host.
 */
export async function post(url: string, body: string, headers: Record<string, string>, timeoutSeconds: number): Promise<AttemptResult> {
  const started = performance.now();
  const done = (ok: boolean, statusCode: number | null, error: string | null): AttemptResult => ({
    ok,
    statusCode,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  let target = new URL(url);
  const signal = AbortSignal.timeout(timeoutSeconds * 1000);
  try {
    for (let hop = 0; ; hop++) {
      const res = await once(target, body, headers, signal);
      if (res.status >= 300 && res.status < 400) {
        const next = res.location ? new URL(res.location, target) : null;
        if ((res.status === 307 || res.status === 308) && next && next.origin === target.origin && hop < MAX_SAME_ORIGIN_REDIRECTS) {
          target = next;
          continue;
        }
        return done(
          false,
          res.status,
          next && next.origin !== target.origin ? `redirect to ${next.host} not followed` : 'redirect not followed',
        );
      }
      const ok = res.status >= 200 && res.status < 300;
      return done(ok, res.status, ok ? null : `HTTP ${res.status}`);
    }
  } catch (err) {
    const e = err as Error & { code?: string };
    if (e.name === 'TimeoutError' || e.name === 'AbortError' || signal.aborted)
      return done(false, null, `timeout after ${timeoutSeconds} s`);
    return done(false, null, (e.code ?? e.message).slice(0, 200));
  }
}

type Job = Pick<PgBoss.JobWithMetadata<DeliverJob>, 'id' | 'data' | 'retryCount' | 'retryLimit'>;

export interface BatchResult {
  delivered: number;
  retrying: number;
  parked: number;
  /** Jobs failed back to pg-boss for a retry; the caller completes the rest. */
  failedJobIds: string[];
}

/** Posts a batch of jobs' deliveries, records every attempt, and hands failures back to pg-boss for a retry. */
export async function deliverJobs(ctx: AppContext, jobs: Job[], now: () => Date = () => new Date()): Promise<BatchResult> {
  const result: BatchResult = { delivered: 0, retrying: 0, parked: 0, failedJobIds: [] };
  if (!jobs.length) return result;
  const rows = await ctx.db
    .select({ d: exchangeDeliveries, c: exchangeConnectors })
    .from(exchangeDeliveries)
    .innerJoin(exchangeConnectors, sql`${exchangeConnectors.id} = ${exchangeDeliveries.connectorId}`)
    .where(inArray(exchangeDeliveries.id, [...new Set(jobs.map((j) => j.data.deliveryId))]));
  const byId = new Map(rows.map((r) => [r.d.id, r]));
  const secrets = new Map<string, string>();
  const secretOf = (c: (typeof rows)[number]['c']) => {
    let s = secrets.get(c.id);
    if (s === undefined) secrets.set(c.id, (s = decrypt(ctx.personalKey, c.secretSealed)));
    return s;
  };
  const outcomes = await Promise.all(
    jobs.map(async (job) => {
      const row = byId.get(job.data.deliveryId);
      // Gone, or already delivered by an earlier run of a job that was redelivered: nothing to send.
      if (!row || (row.d.status === 'delivered' && !job.data.replay)) return null;
      const at = now();
      const attempt: AttemptResult = row.c.enabled
        ? await post(row.c.endpointUrl, row.d.body, signedHeaders(secretOf(row.c), row.d.eventId, row.d.body, at), row.c.timeoutSeconds)
        : { ok: false, statusCode: null, error: 'connector disabled', durationMs: 0 };
      // A disabled connector's deliveries wait, parked, for a replay.
      const outcome: DeliveryOutcome = row.c.enabled ? outcomeOf(attempt.ok, job.retryCount, job.retryLimit) : 'parked';
      return { job, row, at, attempt, outcome };
    }),
  );
  const done = outcomes.filter((o): o is NonNullable<typeof o> => o !== null);
  if (!done.length) return result;
  await ctx.db.transaction(async (tx) => {
    await tx.insert(exchangeAttempts).values(
      done.map((o) => ({
        id: uuidv7(),
        deliveryId: o.row.d.id,
        attempt: o.row.d.attempts + 1,
        replay: !!o.job.data.replay,
        at: o.at,
        statusCode: o.attempt.statusCode,
        error: o.attempt.error,
        durationMs: o.attempt.durationMs,
        ok: o.attempt.ok,
      })),
    );
    const col = <T>(f: (o: (typeof done)[number]) => T) => sql.param(done.map(f));
    await tx.execute(sql`
      update exchange_deliveries d set
        status = v.status,
        attempts = d.attempts + 1,
        last_status_code = v.code,
        last_error = v.err,
        last_attempt_at = v.at,
        delivered_at = case when v.status = 'delivered' then v.at else d.delivered_at end,
        parked_at = case when v.status = 'parked' then v.at else d.parked_at end,
        updated_at = v.at
      from unnest(${col((o) => o.row.d.id)}::uuid[], ${col((o) => o.outcome)}::text[], ${col((o) => o.attempt.statusCode)}::int[],
                  ${col((o) => o.attempt.error)}::text[], ${col((o) => o.at.toISOString())}::timestamptz[]) as v(id, status, code, err, at)
      where d.id = v.id`);
  });
  const retry = done.filter((o) => o.outcome === 'retrying').map((o) => o.job.id);
  if (retry.length) await ctx.queue.boss.fail(DELIVER_QUEUE, retry);
  for (const o of done) result[o.outcome]++;
  result.failedJobIds = retry;
  return result;
}

/** The worker role: a few batch workers on the queue (run at worker start). */
export async function startDeliveryWorkers(ctx: AppContext): Promise<void> {
  await ensureQueue(ctx);
  const boss = ctx.queue.boss;
  for (let i = 0; i < WORKERS; i++) {
    let id = '';
    id = await boss.work<DeliverJob>(
      DELIVER_QUEUE,
      { batchSize: BATCH, includeMetadata: true, pollingIntervalSeconds: 0.5 },
      async (jobs) => {
        const r = await deliverJobs(ctx, jobs);
        if (r.delivered + r.retrying + r.parked > 0)
          ctx.log.debug({ ...r, failedJobIds: r.failedJobIds.length }, 'exchange deliveries sent');
        if (jobs.length === BATCH) boss.notifyWorker(id);
      },
    );
  }
}

/**
 * Sends every delivery due now, `concurrency` batches at a time, and answers the counts: what a worker does,
 * callable directly (the benchmark; a command to drain the queue). Retries fall due later and are left to workers.
 */
export async function deliverPending(
  ctx: AppContext,
  opts: { concurrency?: number; batchSize?: number } = {},
): Promise<{ delivered: number; retrying: number; parked: number }> {
  await ensureQueue(ctx);
  const boss = ctx.queue.boss;
  const totals = { delivered: 0, retrying: 0, parked: 0 };
  await Promise.all(
    Array.from({ length: opts.concurrency ?? 16 }, async () => {
      for (;;) {
        const jobs = await boss.fetch<DeliverJob>(DELIVER_QUEUE, { batchSize: opts.batchSize ?? 200, includeMetadata: true });
        if (!jobs?.length) return;
        const r = await deliverJobs(ctx, jobs);
        const failed = new Set(r.failedJobIds);
        const complete = jobs.filter((j) => !failed.has(j.id)).map((j) => j.id);
        if (complete.length) await boss.complete(DELIVER_QUEUE, complete);
        totals.delivered += r.delivered;
        totals.retrying += r.retrying;
        totals.parked += r.parked;
      }
    }),
  );
  return totals;
}
