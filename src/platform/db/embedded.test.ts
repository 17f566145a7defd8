// The embedded PostgreSQL's password: generated into DATA_DIR, taken over by clusters made with
// the old fixed one, and production refuses the embedded server unless told otherwise.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../apps/test-server.ts';
import { loadEnv } from '../../config/env.ts';
import { createLogger } from '../logger.ts';
import { testSettings } from '../testing/settings.ts';
import { openDatabase } from './client.ts';
import { PASSWORD_FILE, startEmbedded } from './embedded.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'renova-pgpw-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const log = createLogger('silent');

async function signIn(port: number, password: string): Promise<string> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'renova', password, database: 'postgres' });
  try {
    await client.connect();
    await client.end();
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

describe('the embedded PostgreSQL password', () => {
  it('is generated into DATA_DIR, and a cluster on the old fixed password is moved to it', async () => {
    const port = await freePort();
    const file = path.join(dataDir, PASSWORD_FILE);
    let server = await startEmbedded(dataDir, port, log);
    const generated = readFileSync(file, 'utf8').trim();
    expect(generated).toMatch(/^[\w-]{32}$/);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(decodeURIComponent(new URL(server.url).password)).toBe(generated);
    expect(await signIn(port, generated)).toBe('ok');
    expect(await signIn(port, 'renova-embedded')).toBe('28P01');

    // What a cluster made before this change looks like: the fixed password and no file.
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`alter role renova password 'renova-embedded'`);
    await admin.end();
    await server.stop();
    rmSync(file);

    server = await startEmbedded(dataDir, port, log);
    try {
      const adopted = readFileSync(file, 'utf8').trim();
      expect(adopted).not.toBe(generated);
      expect(await signIn(port, adopted)).toBe('ok');
      expect(await signIn(port, 'renova-embedded')).toBe('28P01');
    } finally {
      await server.stop();
    }
    // A second start keeps the password it found.
    server = await startEmbedded(dataDir, port, log);
    await server.stop();
    expect(readFileSync(file, 'utf8').trim()).not.toBe(generated);
  });

  it('is refused in production unless explicitly allowed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'renova-prod-'));
    try {
      const settings = {
        NODE_ENV: 'production',
        DATA_DIR: dir,
        SESSION_SECRET: 's'.repeat(32),
        PERSONAL_DATA_KEY: 'k'.repeat(32),
        BALLOT_SIGNING_KEY: testSettings.BALLOT_SIGNING_KEY!,
      };
      const env = loadEnv(settings);
      await expect(openDatabase(env, log)).rejects.toThrow(/DATABASE_URL[\s\S]*ALLOW_EMBEDDED_DB_IN_PRODUCTION=true/);
      expect(existsSync(path.join(dir, 'pg'))).toBe(false);
      expect(loadEnv({ ...settings, ALLOW_EMBEDDED_DB_IN_PRODUCTION: 'true' }).ALLOW_EMBEDDED_DB_IN_PRODUCTION).toBe(true);
      expect(() => loadEnv({ DATA_DIR: dir, ALLOW_EMBEDDED_DB_IN_PRODUCTION: 'yes' })).toThrow(/ALLOW_EMBEDDED_DB_IN_PRODUCTION/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
