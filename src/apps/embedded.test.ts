// Acceptance 7: `npm start` killed with SIGKILL starts again with no data lost.
// Runs the real CLI in a child process on the embedded database, whatever
// database the rest of the suite uses.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './test-server.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'renova-kill-'));
let child: ChildProcess | undefined;
let base = '';

async function start(): Promise<ChildProcess> {
  const [port, pgPort] = [await freePort(), await freePort()];
  base = `http://127.0.0.1:${port}`;
  const proc = spawn(process.execPath, ['bin/renova.mjs', 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      MQTT_PORT: '0',
      LOG_LEVEL: 'warn',
      SEED_SCALE: 'demo',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited ${proc.exitCode}: ${stderr}`);
    const ok = await fetch(`${base}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return proc;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer: ${stderr}`);
}

const postmasterPid = () => Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function login(): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'hemu', password: 'Demo@2026' }),
  });
  return { authorization: `Bearer ${(await res.json()).token}`, 'content-type': 'application/json' };
}

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded PostgreSQL', () => {
  it('reports itself in the health check, and survives SIGKILL with its data', async () => {
    child = await start();
    const health = await (await fetch(`${base}/api/v1/health`)).json();
    expect(health).toEqual({ status: 'ok', database: { mode: 'embedded', version: expect.stringMatching(/^15\.\d+/) } });

    const created = await fetch(`${base}/api/v1/compounds`, {
      method: 'POST',
      headers: await login(),
      body: JSON.stringify({
        name: '断电测试小区',
        communityCode: '330105004001',
        address: '和睦路2号',
        yearBuilt: 1990,
        floorAreaM2: '1000.00',
      }),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();

    const stalePg = postmasterPid();
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    expect(alive(stalePg)).toBe(true); // the killed run left its database server behind

    child = await start();
    expect(alive(stalePg)).toBe(false);
    expect(postmasterPid()).not.toBe(stalePg);
    const again = await fetch(`${base}/api/v1/compounds/${id}`, { headers: await login() });
    expect(again.status).toBe(200);
    expect((await again.json()).name).toBe('断电测试小区');

    const pg = postmasterPid();
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    expect(child.exitCode).toBe(0);
    expect(alive(pg)).toBe(false); // a clean stop takes its database server with it
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
  });
});
