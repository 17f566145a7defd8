// The embedded broker (aedes, MQTT 3.1.1) that `npm start` runs when no MQTT_URL is set, so the demo
// needs no install. Devices sign in with their key and secret (checked against the database at every
// connect, never cached: a revoked device is refused at its next connect), and publish only to their own
// topics; the ingest signs in with an account made at start whose password exists only in this process.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import net from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import { secretMatches } from '../credentials.ts';
import { parseTopic } from './topics.ts';

export interface EmbeddedBroker {
  port: number;
  url: string;
  /** The ingest's own account on this broker. */
  internal: { username: string; password: string };
  close(): Promise<void>;
}

const INTERNAL_PREFIX = 'renova-ingest';

const refused = (returnCode: 4 | 5): AuthenticateError => Object.assign(new Error('not authorized'), { returnCode }) as AuthenticateError;

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

type Role = { kind: 'internal' } | { kind: 'device'; key: string };
const roles = new WeakMap<Client, Role>();

export async function startBroker(ctx: AppContext, opts: { port: number; host?: string }): Promise<EmbeddedBroker> {
  const internal = { username: `${INTERNAL_PREFIX}-${randomBytes(4).toString('hex')}`, password: randomBytes(32).toString('base64url') };
  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      const secret = password?.toString('utf8') ?? '';
      if (!username || !secret) return done(refused(4), false);
      if (username === internal.username) {
        if (!sameText(secret, internal.password)) return done(refused(4), false);
        roles.set(client, { kind: 'internal' });
        return done(null, true);
      }
      ctx.db
        .execute<{ secret_hash: string | null }>(
          sql`select secret_hash from devices where key = ${username} and revoked_at is null and secret_hash is not null`,
        )
        .then(
          ({ rows }) => {
            if (!rows[0] || !secretMatches(secret, rows[0].secret_hash)) return done(refused(4), false);
            roles.set(client, { kind: 'device', key: username });
            done(null, true);
          },
          (err: Error) => {
            ctx.log.warn({ message: err.message }, 'device sign-in could not be checked');
            done(Object.assign(new Error('unavailable'), { returnCode: 3 }) as AuthenticateError, false);
          },
        );
    },
    authorizePublish(client, packet, done) {
      const role = client && roles.get(client);
      if (!role) return done(new Error('not authorized'));
      if (role.kind === 'internal') return done(null);
      const t = parseTopic(packet.topic);
      done(t && t.key === role.key ? null : new Error('not authorized'));
    },
    authorizeSubscribe(client, sub, done) {
      const role = roles.get(client);
      if (role?.kind === 'internal') return done(null, sub);
      // A device may listen under its own key (commands, later); never to another device's topics.
      if (role?.kind === 'device' && sub.topic.startsWith(`renova/d/${role.key}/`)) return done(null, sub);
      done(null, null);
    },
  });
  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    internal,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
