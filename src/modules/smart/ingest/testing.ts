// Test helpers for the ingest: a real Mosquitto on a free port with its own config, password and ACL files
// in a temp dir (in the product's formats, from devices.broker_hash), device clients that publish QoS 1, and a
// bounded wait for a condition.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import type pg from 'pg';
import { freePort } from '../../../platform/testing/net.ts';
import { aclText, passwordLines } from '../broker-sync.ts';
import { mosquittoHash } from '../credentials.ts';
import type { BrokerAccount } from './consumer.ts';
import { until } from '../../../platform/testing/until.ts';
export { until };

export { freePort };

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

export interface TestMosquitto {
  url: string;
  port: number;
  /** The ingest's account (MQTT 5, shared subscriptions). */
  ingest: BrokerAccount;
  /** Rewrites the password file from the devices table and tells the broker to reload it. */
  sync(): Promise<void>;
  /** The broker's process id while it runs (for CPU figures). */
  pid(): number | undefined;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Mosquitto with persistence on, devices from the `devices` table of `pool`'s database. */
export async function startMosquitto(
  pool: pg.Pool,
  opts: { port?: number; ingest?: { username: string; password: string } } = {},
): Promise<TestMosquitto> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'renova-mosquitto-'));
  const port = opts.port ?? (await freePort());
  const ingest = opts.ingest ?? {
    username: `renova-ingest-${randomBytes(3).toString('hex')}`,
    password: randomBytes(24).toString('base64url'),
  };
  const passwd = path.join(dir, 'passwd');
  const acl = path.join(dir, 'acl');
  const writeFiles = async () => {
    const { rows } = await pool.query<{ key: string; broker_hash: string }>(
      'select key, broker_hash from devices where revoked_at is null and broker_hash is not null order by key',
    );
    // The product's own file formats (broker-sync.ts), written here without its settings and signal.
    const devices = rows.map((r) => ({ key: r.key, brokerHash: r.broker_hash }));
    writeFileSync(passwd, passwordLines(devices, { username: ingest.username, hash: mosquittoHash(ingest.password) }), { mode: 0o600 });
  };
  await writeFiles();
  writeFileSync(acl, aclText(ingest.username), { mode: 0o600 });
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous false',
      `password_file ${passwd}`,
      `acl_file ${acl}`,
      'persistence true',
      `persistence_location ${dir}/`,
      // Unacknowledged and queued messages are kept whatever their number: nothing is dropped for a slow consumer.
      'max_inflight_messages 0',
      'max_queued_messages 0',
      `user ${os.userInfo().username}`,
      'log_dest stderr',
      'log_type error',
      'log_type warning',
    ].join('\n') + '\n',
  );
  let proc: ChildProcess | undefined;
  let log = '';
  const start = async () => {
    const p = spawn('/usr/sbin/mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    proc = p;
    p.stderr!.on('data', (d: Buffer) => {
      log = (log + d.toString()).slice(-4000);
      if (process.env.MQDEBUG) appendFileSync(process.env.MQDEBUG, d.toString());
    });
    await until(`mosquitto listening on ${port}`, async () => {
      if (p.exitCode !== null) throw new Error(`mosquitto exited (${p.exitCode}): ${log}`);
      return canConnect(port);
    });
  };
  const stop = async () => {
    const p = proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    await new Promise((r) => (p.once('exit', r), p.kill('SIGTERM')));
  };
  await start();
  const url = `mqtt://127.0.0.1:${port}`;
  return {
    url,
    port,
    ingest: { url, ...ingest, protocolVersion: 5 },
    async sync() {
      await writeFiles();
      proc?.kill('SIGHUP');
    },
    pid: () => proc?.pid,
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestDevice {
  client: MqttClient;
  publish(topic: string, message: unknown): Promise<void>;
  close(): Promise<void>;
}

/** A device's MQTT connection with its key and secret; rejects when the broker refuses the CONNECT. */
export function connectDevice(url: string, key: string, secret: string, opts: { reconnect?: boolean } = {}): Promise<TestDevice> {
  const client = mqtt.connect(url, {
    clientId: `${key}-${randomBytes(3).toString('hex')}`,
    username: key,
    password: secret,
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: opts.reconnect ? 200 : 0,
    connectTimeout: 5000,
  });
  const device: TestDevice = {
    client,
    publish: (topic, message) =>
      new Promise<void>((resolve, reject) =>
        client.publish(topic, typeof message === 'string' ? message : JSON.stringify(message), { qos: 1 }, (err) =>
          err ? reject(err) : resolve(),
        ),
      ),
    close: () => new Promise<void>((resolve) => client.end(true, {}, () => resolve())),
  };
  return new Promise((resolve, reject) => {
    const refused = (err: Error) => {
      client.end(true);
      reject(err);
    };
    client.once('error', refused);
    client.once('connect', () => {
      client.off('error', refused);
      // Later errors (the broker away for a while) are the reconnecting client's business.
      client.on('error', () => undefined);
      resolve(device);
    });
  });
}
