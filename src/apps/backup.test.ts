// Platform acceptance 3: `renova backup` then `renova restore` into an empty
// database, through the real CLI in child processes: identical row counts in
// every table, every ballot chain verifies, the uploaded document downloads.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { loadEnv } from '../config/env.ts';
import { createLogger } from '../platform/logger.ts';
import { testApp, type TestApp } from '../platform/testing/harness.ts';
import { testSettings } from '../platform/testing/settings.ts';
import { extractTarGz } from '../platform/tar.ts';
import { rowCounts, type Manifest } from './backup.ts';
import { createHttpApp, openContext } from './server.ts';
import { withClient as admin } from '../platform/testing/pg.ts';

const dirs = [mkdtempSync(path.join(os.tmpdir(), 'renova-backup-src-')), mkdtempSync(path.join(os.tmpdir(), 'renova-backup-dst-'))];
const [sourceDir, targetDir] = dirs as [string, string];
const archive = path.join(sourceDir, 'renova.tar.gz');
const created: string[] = [];
let t: TestApp;

function cli(args: string[], settings: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/renova.mjs', ...args], {
      env: { ...process.env, ...testSettings, ...settings },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out }));
  });
}

async function emptyDatabase(): Promise<string> {
  const name = `renova_restore_${randomBytes(5).toString('hex')}`;
  await admin(inject('pgAdminUrl'), (c) => c.query(`create database ${name}`));
  created.push(name);
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

const counts = (url: string) => admin(url, (c) => rowCounts(c));

beforeAll(async () => {
  // The seeded template's ballots were opened and closed by the process that seeded it, whose DATA_DIR holds
  // their anchor log: this installation starts with that log, as a copied server would.
  const seeded = path.join(testSettings.DATA_DIR!, 'anchors');
  if (existsSync(seeded)) cpSync(seeded, path.join(sourceDir, 'anchors'), { recursive: true });
  t = await testApp({ DATA_DIR: sourceDir });
});
afterAll(async () => {
  await t.close();
  for (const name of created) await admin(inject('pgAdminUrl'), (c) => c.query(`drop database if exists ${name} with (force)`));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('renova backup and restore', () => {
  it('restores into an empty database the same rows, verifiable ballots and downloadable documents', async () => {
    const compound = (await t.call('GET', '/api/v1/compounds?limit=1', 'hemu')).json().items[0];
    const project = await t.call('POST', '/api/v1/projects', 'hemu', { name: '备份测试', year: 2022, compoundIds: [compound.id] });
    expect(project.statusCode, project.body).toBe(201);
    const pdf = Buffer.from(`%PDF-1.4\n% backup ${randomBytes(8).toString('hex')}\n%%EOF\n`);
    const doc = await t.upload(
      `/api/v1/projects/${project.json().id}/documents`,
      'hemu',
      { step: 'construction_drawing_review', materialType: 'construction_drawings' },
      { name: '施工图.pdf', data: pdf },
    );
    expect(doc.statusCode, doc.body).toBe(201);
    const source = t.ctx.database.url;
    const { rows: ballots } = await t.ctx.database.pool.query<{ id: string }>('select id from ballots order by id');
    expect(ballots.length).toBeGreaterThan(0);
    const verifiedBefore = new Map<string, unknown>();
    for (const { id } of ballots) verifiedBefore.set(id, (await t.call('GET', `/api/v1/ballots/${id}/verification`, 'admin')).json());

    const made = await cli(['backup', archive], { DATABASE_URL: source, DATA_DIR: sourceDir });
    expect(made.code, made.out).toBe(0);
    expect(made.out).toMatch(/backed up \d+ tables .* and 1 files/);

    // Another key would make residents' personal data unreadable: refused before the database is touched.
    const target = await emptyDatabase();
    const wrongKey = await cli(['restore', archive], {
      DATABASE_URL: target,
      DATA_DIR: targetDir,
      PERSONAL_DATA_KEY: 'another-personal-data-key-0123456789abcdef',
    });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.out).toMatch(/PERSONAL_DATA_KEY/);
    expect(Object.keys(await counts(target))).toEqual([]);

    const restored = await cli(['restore', archive], { DATABASE_URL: target, DATA_DIR: targetDir });
    expect(restored.code, restored.out).toBe(0);
    const restoredCounts = await counts(target);
    // The manifest holds the source's counts in the dump's own snapshot: every table, pg-boss's too, must match.
    const unpacked = path.join(targetDir, 'unpacked');
    await extractTarGz(archive, unpacked);
    const manifest = JSON.parse(readFileSync(path.join(unpacked, 'manifest.json'), 'utf8')) as Manifest;
    rmSync(unpacked, { recursive: true });
    expect(restoredCounts).toEqual(manifest.tables);
    // And the source itself, counted independently now, for the records (background bookkeeping may move on).
    const before = await counts(source);
    const records = (c: Record<string, number>) =>
      Object.fromEntries(Object.entries(c).filter(([t]) => t.startsWith('public.') && !/job|outbox|event/.test(t)));
    expect(Object.keys(records(before)).length).toBeGreaterThan(30);
    expect(records(restoredCounts)).toEqual(records(before));
    expect(before['public.ballot_votes']).toBeGreaterThan(0);

    // A second restore into what is now a full database is refused, and changes nothing.
    const again = await cli(['restore', archive], { DATABASE_URL: target, DATA_DIR: targetDir });
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/not empty/);
    expect(await counts(target)).toEqual(restoredCounts);

    const env = loadEnv({ ...testSettings, DATABASE_URL: target, DATA_DIR: targetDir });
    const ctx = await openContext(env, createLogger('silent'));
    const { app } = await createHttpApp(ctx);
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'Demo@2026' } });
      const headers = { authorization: `Bearer ${login.json().token}` };
      for (const { id } of ballots) {
        const verified = await app.inject({ method: 'GET', url: `/api/v1/ballots/${id}/verification`, headers });
        expect(verified.json(), id).toMatchObject({ ok: true, electorateOk: true });
        expect(verified.json()).toEqual(verifiedBefore.get(id));
      }
      const download = await app.inject({ method: 'GET', url: `/api/v1/documents/${doc.json().id}/content`, headers });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(pdf)).toBe(true);
    } finally {
      await app.close();
      await ctx.database.close();
    }
  });

  it('carries the secrets only when asked, and then restores them into a fresh data directory', async () => {
    const withSecrets = path.join(sourceDir, 'with-secrets.tar.gz');
    const made = await cli(['backup', withSecrets, '--include-secrets'], { DATABASE_URL: t.ctx.database.url, DATA_DIR: sourceDir });
    expect(made.code, made.out).toBe(0);
    expect(made.out).toMatch(/holds SESSION_SECRET and PERSONAL_DATA_KEY/);
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'renova-backup-fresh-'));
    dirs.push(fresh);
    // No key set: the fresh directory generates its own, which the backup's replaces.
    const restored = await cli(['restore', withSecrets], {
      DATABASE_URL: await emptyDatabase(),
      DATA_DIR: fresh,
      PERSONAL_DATA_KEY: '',
      SESSION_SECRET: '',
    });
    expect(restored.code, restored.out).toBe(0);
    expect(restored.out).toMatch(/wrote session-secret, personal-data-key/);
    expect(loadEnv({ DATA_DIR: fresh }).PERSONAL_DATA_KEY).toBe(testSettings.PERSONAL_DATA_KEY);
    expect(existsSync(path.join(fresh, 'files'))).toBe(true);
  });
});
