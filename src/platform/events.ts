// Domain events through a transactional outbox. A module records an event in
// the transaction of the change it describes; the outbox is pg-boss's job
// table, written through that same transaction (one job per subscribing
// handler), so an event exists exactly when its change commits. Workers deliver
// it at least once; each handler runs in a transaction that first marks the
// (handler, event) pair as handled, so a redelivery changes nothing.
import { sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Db, Tx } from './db/client.ts';
import { rawClient } from './db/sql.ts';
import { uuidv7 } from './ids.ts';

export interface DomainEvent<P = Record<string, unknown>> {
  id: string;
  topic: string;
  payload: P;
  at: string;
}

export interface EventHandler<C = unknown, P = Record<string, unknown>> {
  /** Unique and stable: it names the handler's queue and its idempotency key. */
  name: string;
  topic: string;
  handle(ctx: C, event: DomainEvent<P>, tx: Tx): Promise<void>;
}

export const defineHandler = <P = Record<string, unknown>, C = unknown>(h: EventHandler<C, P>): EventHandler<C, P> => h;

const WAKE_CHANNEL = 'renova_events';
const queueOf = (handler: string) => `event.${handler}`;

type AnyHandler = EventHandler<never, never>;

export class Events {
  private readonly handlers = new Map<string, AnyHandler>();
  private readonly byTopic = new Map<string, AnyHandler[]>();
  private readonly workerIds = new Map<string, string>();
  private working = false;

  constructor(
    private readonly boss: PgBoss,
    private readonly db: Db,
    private readonly log: Logger,
    private readonly listen: (channel: string, onNotify: (payload: string) => void) => void,
  ) {}

  register(...handlers: EventHandler<never, never>[]): void {
    for (const h of handlers) {
      if (this.handlers.has(h.name)) throw new Error(`event handler ${h.name} is registered twice`);
      this.handlers.set(h.name, h);
      this.byTopic.set(h.topic, [...(this.byTopic.get(h.topic) ?? []), h]);
    }
  }

  async start(): Promise<void> {
    const existing = new Set((await this.boss.getQueues()).map((q) => q.name));
    for (const name of this.handlers.keys())
      if (!existing.has(queueOf(name))) await this.boss.createQueue(queueOf(name)).catch(() => undefined);
  }

  /** Records an event in the caller's transaction; returns its id. Topics nobody handles are recorded nowhere. */
  async record<P extends object>(tx: Tx, topic: string, payload: P): Promise<string> {
    const event: DomainEvent<P> = { id: uuidv7(), topic, payload, at: new Date().toISOString() };
    const handlers = this.byTopic.get(topic) ?? [];
    if (!handlers.length) return event.id;
    const client = rawClient(tx);
    const db = { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
    await this.boss.insert(
      handlers.map((h) => ({ name: queueOf(h.name), data: event, retryLimit: 10, retryDelay: 2, retryBackoff: true })),
      { db },
    );
    await client.query('select pg_notify($1, $2)', [WAKE_CHANNEL, topic]);
    return event.id;
  }

  /**
   * Records many events of one topic in the caller's transaction with one insert and one wake-up (what a sweep over
   * thousands of rows needs: `record` in a loop costs two round trips each); returns their ids in order.
   */
  async recordMany<P extends object>(tx: Tx, topic: string, payloads: readonly P[]): Promise<string[]> {
    const events: DomainEvent<P>[] = payloads.map((payload) => ({ id: uuidv7(), topic, payload, at: new Date().toISOString() }));
    const handlers = this.byTopic.get(topic) ?? [];
    if (!handlers.length || !events.length) return events.map((e) => e.id);
    const client = rawClient(tx);
    const db = { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
    await this.boss.insert(
      events.flatMap((event) =>
        handlers.map((h) => ({ name: queueOf(h.name), data: event, retryLimit: 10, retryDelay: 2, retryBackoff: true })),
      ),
      { db },
    );
    await client.query('select pg_notify($1, $2)', [WAKE_CHANNEL, topic]);
    return events.map((e) => e.id);
  }

  /** This process delivers events from now on (worker and all-in-one roles). */
  async work(ctx: unknown): Promise<void> {
    if (this.working) return;
    this.working = true;
    for (const h of this.handlers.values()) {
      const id = await this.boss.work<DomainEvent>(queueOf(h.name), { batchSize: 200, pollingIntervalSeconds: 2 }, async (batch) => {
        const { failed } = await this.deliverBatch(
          ctx,
          h,
          batch.map((j) => j.data),
        );
        // A failing event is retried by itself; the rest of the batch completes.
        for (const job of batch) {
          const err = failed.get(job.data.id);
          if (!err) continue;
          this.log.warn({ handler: h.name, event: job.data.id, message: err.message }, 'event handler failed');
          await this.boss.fail(queueOf(h.name), job.id, { message: err.message });
        }
      });
      this.workerIds.set(`${h.topic}\u0000${h.name}`, id);
    }
    this.listen(WAKE_CHANNEL, (topic) => {
      for (const h of this.byTopic.get(topic) ?? []) {
        const id = this.workerIds.get(`${topic}\u0000${h.name}`);
        if (id) this.boss.notifyWorker(id);
      }
    });
  }

  /** Runs one handler for one event unless it already ran: the mark and the handler's writes commit together. */
  async deliver(ctx: unknown, handler: AnyHandler, event: DomainEvent): Promise<boolean> {
    const { failed, skipped } = await this.deliverBatch(ctx, handler, [event]);
    const err = failed.get(event.id);
    if (err) throw err;
    return !skipped.has(event.id);
  }

  /**
   * Runs a handler for a batch of events in one transaction (one commit, not one per event): the events not yet
   * marked are marked, and each runs in a savepoint, so a failing one leaves nothing, loses its mark and is
   * answered for a retry, while the others commit. Answers the failures by event id, and the events handled before.
   */
  async deliverBatch(
    ctx: unknown,
    handler: AnyHandler,
    batch: DomainEvent[],
  ): Promise<{ failed: Map<string, Error>; skipped: Set<string> }> {
    const failed = new Map<string, Error>();
    const skipped = new Set<string>();
    await this.db.transaction(async (tx) => {
      const marked = await tx.execute<{ event_id: string }>(
        sql`insert into handled_events (handler, event_id)
            select ${handler.name}, unnest(${sql.param(batch.map((e) => e.id))}::uuid[])
            on conflict do nothing returning event_id`,
      );
      const fresh = new Set(marked.rows.map((r) => r.event_id));
      for (const event of batch) {
        if (!fresh.has(event.id)) {
          skipped.add(event.id);
          continue;
        }
        try {
          await tx.transaction((sp) => handler.handle(ctx as never, event as never, sp));
        } catch (err) {
          failed.set(event.id, err instanceof Error ? err : new Error(String(err)));
          await tx.execute(sql`delete from handled_events where handler = ${handler.name} and event_id = ${event.id}`);
        }
      }
    });
    return { failed, skipped };
  }

  handlerNames(): string[] {
    return [...this.handlers.keys()];
  }
}
