// LISTEN/NOTIFY on one dedicated connection: how a process learns at once that
// another one (or a trigger) changed something it caches. When the connection
// drops, notifications may have been missed, so subscribers are told to forget
// what they hold (`onReset`) and again once listening resumes.
import pg from 'pg';
import type { Logger } from 'pino';
import { serializeQueries } from './sql.ts';

export interface Subscription {
  onNotify(payload: string): void;
  /** Listening stopped or (re)started: anything cached may be stale. `live` says which. */
  onReset(live: boolean): void;
}

export class Notifications {
  private client: pg.Client | undefined;
  private readonly subs = new Map<string, Set<Subscription>>();
  private closed = false;
  private connecting: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly log: Logger,
  ) {}

  subscribe(channel: string, sub: Subscription): void {
    const set = this.subs.get(channel) ?? new Set();
    set.add(sub);
    this.subs.set(channel, set);
    if (this.client)
      void this.client.query(`listen "${channel}"`).then(
        () => sub.onReset(true),
        () => undefined,
      );
    else void this.connect();
  }

  private reset(live: boolean): void {
    for (const set of this.subs.values()) for (const sub of set) sub.onReset(live);
  }

  private connect(): Promise<void> {
    this.connecting ??= (async () => {
      while (!this.closed) {
        const client = new pg.Client({ connectionString: this.url });
        try {
          await client.connect();
          serializeQueries(client);
          client.on('notification', (n) => {
            for (const sub of this.subs.get(n.channel) ?? []) sub.onNotify(n.payload ?? '');
          });
          client.on('error', (err: Error) => {
            this.log.warn({ message: err.message }, 'notification connection lost');
            this.client = undefined;
            this.reset(false);
            void client.end().catch(() => undefined);
            if (!this.closed) void this.connect();
          });
          for (const channel of this.subs.keys()) await client.query(`listen "${channel}"`);
          this.client = client;
          this.reset(true);
          return;
        } catch (err) {
          await client.end().catch(() => undefined);
          this.log.warn({ message: (err as Error).message }, 'cannot listen for notifications; retrying');
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reset(false);
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }
}
