// Messages to devices: what other modules push down (passage's revocation and plate lists to gates and barriers).
// Each is published RETAINED with QoS 1 on the device's own config topic `renova/d/<key>/config/<name>`, so a
// device that connects later, or reconnects, gets the latest at once from the broker (aedes and Mosquitto both keep
// retained messages). The embedded broker is reached with its internal account; the city's broker (MQTT_URL) with
// MQTT_USERNAME/MQTT_PASSWORD, whose ACL lets it write config topics (broker-sync.ts aclText).
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import mqtt from 'mqtt';
import type { AppContext } from '../../platform/context.ts';
import { pgArray } from '../../platform/db/sql.ts';
import { DEVICE_TOPIC_ROOT } from './broker-sync.ts';
import type { BrokerAccount } from './ingest/consumer.ts';
import { runtimeOf } from './ingest/runtime.ts';

/** A device's config topic: devices subscribe to `renova/d/<own key>/config/#`. */
export const configTopic = (key: string, name: string) => `${DEVICE_TOPIC_ROOT}/${key}/config/${name}`;

export interface DevicePush {
  compoundId: string;
  /** Device profiles that get it (gate, barrier). */
  profiles: readonly string[];
  /** The config topic's last level (`revocations`, `plates`). */
  name: string;
  payload: unknown;
}

export interface Pushed {
  /** Devices it was published to. */
  devices: number;
  /** False when this process has no broker to publish to (a worker without MQTT_URL and no embedded broker). */
  published: boolean;
}

/** Where this process publishes: its embedded broker, else the city's broker, else nowhere. */
export function publishAccount(ctx: AppContext): BrokerAccount | undefined {
  const broker = runtimeOf(ctx)?.broker;
  if (broker) return { url: broker.url, ...broker.internal, protocolVersion: 4 };
  if (ctx.env.MQTT_URL)
    return { url: ctx.env.MQTT_URL, username: ctx.env.MQTT_USERNAME ?? '', password: ctx.env.MQTT_PASSWORD ?? '', protocolVersion: 5 };
  return undefined;
}

/** Publishes `messages` retained, QoS 1, on one short-lived connection; resolves once the broker acknowledged each. */
export async function publishRetained(account: BrokerAccount, messages: readonly { topic: string; payload: string }[]): Promise<void> {
  if (!messages.length) return;
  const client = mqtt.connect(account.url, {
    clientId: `renova-push-${randomBytes(4).toString('hex')}`,
    username: account.username,
    password: account.password,
    protocolVersion: account.protocolVersion,
    clean: true,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => {
        // Later errors end in a failed publish below; unheard, they would throw.
        client.on('error', () => undefined);
        resolve();
      });
      client.once('error', reject);
      client.once('close', () => reject(new Error('the broker closed the connection')));
    });
    await Promise.all(
      messages.map(
        (m) =>
          new Promise<void>((resolve, reject) =>
            client.publish(m.topic, m.payload, { qos: 1, retain: true }, (err) => (err ? reject(err) : resolve())),
          ),
      ),
    );
  } finally {
    await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
  }
}

/** Pushes one payload to every live device of those profiles in the compound (a broker refusing it throws: retried). */
export async function pushToDevices(ctx: AppContext, push: DevicePush): Promise<Pushed> {
  const { rows } = await ctx.db.execute<{ key: string }>(sql`
    select key from devices where compound_id = ${push.compoundId} and profile = any(${pgArray([...push.profiles])}::text[])
      and revoked_at is null order by key`);
  const account = publishAccount(ctx);
  if (!account) return { devices: rows.length, published: false };
  const payload = JSON.stringify(push.payload);
  await publishRetained(
    account,
    rows.map((r) => ({ topic: configTopic(r.key, push.name), payload })),
  );
  return { devices: rows.length, published: true };
}

/** Devices by id with their compound and profile (not revoked): for a module that pushes to newly fitted devices. */
export async function devicesOf(ctx: AppContext, ids: readonly string[]): Promise<{ id: string; compoundId: string; profile: string }[]> {
  if (!ids.length) return [];
  const { rows } = await ctx.db.execute<{ id: string; compound_id: string; profile: string }>(sql`
    select id, compound_id, profile from devices where id = any(${pgArray([...ids])}::uuid[]) and revoked_at is null`);
  return rows.map((r) => ({ id: r.id, compoundId: r.compound_id, profile: r.profile }));
}
