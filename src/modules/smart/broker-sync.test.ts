// The broker's files kept in step with device credentials, against a real Mosquitto (Debian's package) that this
// test starts on a free port with its own configuration in a temporary directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { freePort } from '../../platform/testing/net.ts';
import { aclText, passwordLines, syncBrokerAtStart, writeAtomically } from './broker-sync.ts';
import { smartWorld, type SmartWorld } from './fixtures.ts';

const INGEST = { username: 'renova-ingest', password: 'ingest-secret-for-tests' };

describe('the files as plain text', () => {
  it('lists the ingest account first and each device once; devices write under their own key only', () => {
    expect(passwordLines([{ key: 'd-1', brokerHash: '$7$101$a$b' }], { username: 'ing', hash: '$7$101$c$d' })).toBe(
      'ing:$7$101$c$d\nd-1:$7$101$a$b\n',
    );
    const acl = aclText('ing');
    expect(acl).toContain('user ing\ntopic read renova/#\ntopic read $share/+/renova/#');
    expect(acl.trim().endsWith('pattern write renova/d/%u/#')).toBe(true);
  });

  it('replaces a file whole, leaving no temporary file behind', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'renova-atomic-'));
    const file = path.join(dir, 'passwd');
    writeFileSync(file, 'old\n');
    await writeAtomically(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(readFileSync(file, 'utf8')).not.toContain('old');
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir)).toEqual(['passwd']);
    rmSync(dir, { recursive: true, force: true });
  });
});

/** Polls until `check` holds (bounded): Mosquitto reloads its files a moment after the signal. */
async function eventually(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Mosquitto authenticates devices from the files the product writes', () => {
  let t: TestApp;
  let dir: string;
  let port: number;
  let broker: ChildProcess;
  let world: SmartWorld;
  let brokerLog = '';
  const files = () => ({ passwd: path.join(dir, 'passwd'), acl: path.join(dir, 'acl'), pid: path.join(dir, 'mosquitto.pid') });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'renova-mosquitto-'));
    port = await freePort();
    t = await testApp({
      BROKER_PASSWORD_FILE: files().passwd,
      BROKER_ACL_FILE: files().acl,
      BROKER_PID_FILE: files().pid,
      MQTT_USERNAME: INGEST.username,
      MQTT_PASSWORD: INGEST.password,
    });
    // The worker's start wrote both files before the broker exists: Mosquitto needs them to start.
    expect(readFileSync(files().passwd, 'utf8')).toMatch(new RegExp(`^${INGEST.username}:\\$7\\$`));
    const conf = path.join(dir, 'mosquitto.conf');
    writeFileSync(
      conf,
      [
        `listener ${port} 127.0.0.1`,
        'allow_anonymous false',
        `password_file ${files().passwd}`,
        `acl_file ${files().acl}`,
        `pid_file ${files().pid}`,
        'persistence false',
        'log_dest stderr',
        // As root, Mosquitto would switch to its own user, which may not read this directory.
        ...(process.getuid?.() === 0 ? ['user root'] : []),
      ].join('\n') + '\n',
    );
    broker = spawn('/usr/sbin/mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    broker.stderr!.on('data', (b: Buffer) => (brokerLog += b.toString()));
    await eventually(async () => existsSync(files().pid) && /running/.test(brokerLog), 'Mosquitto runs');
    world = await smartWorld(t);
  });

  afterAll(async () => {
    if (broker && broker.exitCode === null) {
      const exited = new Promise((r) => broker.once('exit', r));
      broker.kill('SIGTERM');
      await exited;
    }
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const connect = (username: string, password: string) =>
    mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { username, password, protocolVersion: 5, reconnectPeriod: 0, connectTimeout: 3000 });
  /** Whether the broker lets this key and secret in (the client is closed again at once). */
  const accepted = async (username: string, password: string) => {
    try {
      const c = await connect(username, password);
      await c.endAsync();
      return true;
    } catch (err) {
      expect(String(err)).toMatch(/Not authorized|Bad User Name or Password|Connection refused/i);
      return false;
    }
  };

  it('lets a new device in with its secret, refuses a wrong one, and lets it publish only under its own key', async () => {
    const created = await t.call('POST', '/api/v1/devices', 'hemu', {
      compoundId: world.compoundId,
      profile: 'sos_button',
      name: '1幢一键报警',
    });
    expect(created.statusCode, created.body).toBe(201);
    const d = created.json() as { key: string; secret: string };
    await t.settled();
    expect(readFileSync(files().passwd, 'utf8')).toContain(`${d.key}:$7$`);
    expect(readFileSync(files().passwd, 'utf8')).not.toContain(d.secret);
    await eventually(() => accepted(d.key, d.secret), 'the new device is let in');
    expect(await accepted(d.key, d.secret.slice(0, -2) + 'xx')).toBe(false);
    expect(await accepted('d-nobody', d.secret)).toBe(false);

    // The ingest account reads every device's topic through a shared subscription; a device writes only its own.
    const ingest = await connect(INGEST.username, INGEST.password);
    const got: string[] = [];
    ingest.on('message', (topic) => got.push(topic));
    await ingest.subscribeAsync('$share/renova/renova/#', { qos: 1 });
    const device = await connect(d.key, d.secret);
    await device.publishAsync(
      `renova/d/${d.key}/events`,
      JSON.stringify({ id: 'm1', type: 'heartbeat', at: new Date().toISOString(), data: {} }),
      { qos: 1 },
    );
    await device.publishAsync(`renova/d/d-someone-else/events`, '{}', { qos: 1 }).catch(() => undefined);
    await device.publishAsync(`renova/d/${d.key}/events`, '{}', { qos: 1 });
    await eventually(async () => got.length >= 2, 'the ingest account receives both of its own messages');
    expect(got).toEqual([`renova/d/${d.key}/events`, `renova/d/${d.key}/events`]);
    await device.endAsync();
    await ingest.endAsync();
  });

  it('after a rotation refuses the old secret and accepts the new one; after revoke refuses the device', async () => {
    const d = await world.device('perimeter');
    await t.settled();
    await eventually(() => accepted(d.key, d.secret), 'the device is let in');

    const rotated = await t.call('POST', `/api/v1/devices/${d.id}/credentials`, 'hemu');
    const { secret } = rotated.json() as { secret: string };
    await t.settled();
    await eventually(async () => !(await accepted(d.key, d.secret)), 'the old secret is refused');
    expect(await accepted(d.key, secret)).toBe(true);

    // Connected when revoked: Mosquitto re-checks connected clients on reload and drops this one.
    const connected = await connect(d.key, secret);
    let dropped = false;
    connected.on('close', () => (dropped = true));
    expect((await t.call('POST', `/api/v1/devices/${d.id}/revoke`, 'hemu')).statusCode).toBe(200);
    await t.settled();
    expect(readFileSync(files().passwd, 'utf8')).not.toContain(d.key);
    await eventually(async () => !(await accepted(d.key, secret)), 'the revoked device is refused at its next connect');
    await eventually(async () => dropped, 'the connected revoked device is dropped');
    await connected.endAsync();
  });

  it('rewrites the files at worker start (a lost file comes back from the devices table)', async () => {
    const d = await world.device('lift');
    await t.settled();
    rmSync(files().passwd);
    rmSync(files().acl);
    await syncBrokerAtStart(t.ctx);
    expect(readFileSync(files().passwd, 'utf8')).toContain(`${d.key}:`);
    expect(readFileSync(files().acl, 'utf8')).toContain('pattern write renova/d/%u/#');
    // The ingest account's hash is kept while its password is the same: a restart changes nothing.
    const before = readFileSync(files().passwd, 'utf8');
    await syncBrokerAtStart(t.ctx);
    expect(readFileSync(files().passwd, 'utf8')).toBe(before);
    await eventually(() => accepted(d.key, d.secret), 'the device is let in after the rewrite');
  });
});
