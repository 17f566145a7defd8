// The duty console's live feed: Server-Sent Events of alarms as they are raised, repeat, climb or are
// handled, in whichever process that happened. The database trigger on `alarms` notifies
// `renova_alarms` with {id, compoundId, op}; each process listens once, loads the alarm once per
// notification and sends it, in the list's item shape, to each of its clients allowed to see it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { localeOf } from '../../platform/http/locale.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { alarmItem, alarmRows, alarmVisible, namesFor } from './alarms.service.ts';

export const ALARMS_CHANNEL = 'renova_alarms';
/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

interface Client {
  end(): void;
  user: AuthUser;
  locale: Locale;
  /** Only alarms of this compound, when the console shows one. */
  compoundId?: string;
  write(chunk: string): void;
}

class Hub {
  readonly clients = new Set<Client>();
  private pending = new Set<string>();
  private flushing: Promise<void> | undefined;

  constructor(private readonly ctx: AppContext) {
    ctx.database.notifications.subscribe(ALARMS_CHANNEL, {
      onNotify: (payload) => this.notified(payload),
      // Notifications may have been missed while not listening: consoles reload what they show.
      onReset: (live) => {
        if (live) for (const c of this.clients) c.write('event: resync\ndata: {}\n\n');
      },
    });
  }

  private notified(payload: string): void {
    if (!this.clients.size) return;
    try {
      const { id } = JSON.parse(payload) as { id: string };
      if (typeof id === 'string') this.pending.add(id);
    } catch {
      return;
    }
    // Notifications arriving while a load is under way are loaded together in the next round.
    this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
  }

  private async flush(): Promise<void> {
    while (this.pending.size) {
      const ids = [...this.pending];
      this.pending = new Set();
      try {
        const rows = await alarmRows(this.ctx.db, ids);
        const names = await namesFor(this.ctx, rows);
        const byLocale = new Map<string, string>();
        for (const row of rows)
          for (const c of this.clients) {
            if (c.compoundId && c.compoundId !== row.compoundId) continue;
            if (!alarmVisible(c.user, row)) continue;
            const key = `${row.id}:${c.locale}`;
            let text = byLocale.get(key);
            if (!text)
              byLocale.set(key, (text = `event: alarm\nid: ${row.id}\ndata: ${JSON.stringify(alarmItem(row, names, c.locale))}\n\n`));
            c.write(text);
            // A watch-list alert reaching public security's console is a read like any other.
            if (row.restricted !== 'no')
              await audit(this.ctx.db, { id: c.user.id, username: c.user.username }, 'keyperson.read', 'alarm', row.id, {
                how: 'stream',
                alarmIds: [row.id],
              });
          }
      } catch (err) {
        this.ctx.log.warn({ message: (err as Error).message }, 'live alarm feed could not load alarms');
      }
    }
  }
}

const hubs = new WeakMap<AppContext['database'], Hub>();
const hubOf = (ctx: AppContext): Hub => {
  let hub = hubs.get(ctx.database);
  if (!hub) hubs.set(ctx.database, (hub = new Hub(ctx)));
  return hub;
};

/** Holds the response open as an event stream until the client goes away. */
export function streamAlarms(ctx: AppContext, user: AuthUser, req: FastifyRequest, reply: FastifyReply, compoundId?: string): void {
  const hub = hubOf(ctx);
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // nginx would otherwise buffer the stream.
    'x-accel-buffering': 'no',
  });
  const client: Client = { end: () => res.end(), user, locale: localeOf(req), compoundId, write: (chunk) => void res.write(chunk) };
  res.write(`retry: 3000\n: connected\n\n`);
  hub.clients.add(client);
  const beat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  beat.unref();
  const done = () => {
    clearInterval(beat);
    hub.clients.delete(client);
  };
  req.raw.on('close', done);
  res.on('close', done);
  res.on('error', done);
}

/** Consoles currently connected to this process (for tests and the health of the feed). */
export const liveClients = (ctx: AppContext): number => hubs.get(ctx.database)?.clients.size ?? 0;

/** Ends every open stream of this process (the server is closing: a held stream would keep it waiting). */
export function endStreams(ctx: AppContext): void {
  for (const c of hubs.get(ctx.database)?.clients ?? []) c.end();
}
