import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { citySetting, EnvError, loadEnv } from './env.ts';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'renova-env-'));

describe('settings', () => {
  it('defaults to port 3000 on localhost with the embedded database', () => {
    const env = loadEnv({ DATA_DIR: tmp() });
    expect(env.PORT).toBe(3000);
    expect(env.HOST).toBe('127.0.0.1');
    expect(env.databaseMode).toBe('embedded');
  });

  it('lists every problem at once', () => {
    try {
      loadEnv({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', DATA_DIR: tmp() });
      expect.fail('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(EnvError);
      const problems = (err as EnvError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/LOG_LEVEL/);
      expect(problems).toMatch(/DATABASE_URL/);
    }
  });

  it('requires secrets in production and generates them into DATA_DIR in development', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', DATA_DIR: tmp() })).toThrow(/SESSION_SECRET[\s\S]*PERSONAL_DATA_KEY/);
    const dir = tmp();
    const first = loadEnv({ DATA_DIR: dir });
    expect(readFileSync(path.join(dir, 'session-secret'), 'utf8').trim()).toBe(first.SESSION_SECRET);
    expect(loadEnv({ DATA_DIR: dir }).PERSONAL_DATA_KEY).toBe(first.PERSONAL_DATA_KEY);
  });

  it('generates the ballot signing key into DATA_DIR once in development, and requires it in production', () => {
    const dir = tmp();
    const first = loadEnv({ DATA_DIR: dir });
    expect(readFileSync(path.join(dir, 'ballot-signing-key.pem'), 'utf8')).toBe(first.BALLOT_SIGNING_KEY);
    expect(first.BALLOT_SIGNING_KEY).toMatch(/BEGIN PRIVATE KEY/);
    expect(loadEnv({ DATA_DIR: dir }).BALLOT_SIGNING_KEY).toBe(first.BALLOT_SIGNING_KEY);
    const prod = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), PERSONAL_DATA_KEY: 'y'.repeat(32) };
    expect(() => loadEnv({ ...prod, DATA_DIR: tmp() })).toThrow(/BALLOT_SIGNING_KEY/);
    // The file an operator put there, or the setting, will do.
    expect(loadEnv({ ...prod, DATA_DIR: dir }).BALLOT_SIGNING_KEY).toBe(first.BALLOT_SIGNING_KEY);
    expect(() => loadEnv({ DATA_DIR: tmp(), BALLOT_SIGNING_KEY: 'not a key' })).toThrow(/BALLOT_SIGNING_KEY/);
  });

  it('uses an external server when DATABASE_URL is set', () => {
    expect(loadEnv({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/renova', DATA_DIR: tmp() }).databaseMode).toBe('external');
  });

  it('trusts no proxy unless TRUST_PROXY names them, as Fastify takes it', () => {
    const dir = tmp();
    expect(loadEnv({ DATA_DIR: dir }).TRUST_PROXY).toBe(false);
    expect(loadEnv({ DATA_DIR: dir, TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadEnv({ DATA_DIR: dir, TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadEnv({ DATA_DIR: dir, TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,loopback' }).TRUST_PROXY).toBe(
      '127.0.0.1,10.0.0.0/8,::1,loopback',
    );
    expect(() => loadEnv({ DATA_DIR: dir, TRUST_PROXY: '10.0.0.0/33,nginx' })).toThrow(/TRUST_PROXY.*10\.0\.0\.0\/33, nginx/);
  });
});

describe('CITY', () => {
  it('selects a shipped city pack, defaults to 330100, and refuses an unknown one at start-up', () => {
    expect(loadEnv({ DATA_DIR: tmp() }).CITY).toBe('330100');
    expect(loadEnv({ DATA_DIR: tmp(), CITY: '330200' })).toMatchObject({ CITY: '330200', OPEN311_JURISDICTION: '330200' });
    expect(() => loadEnv({ DATA_DIR: tmp(), CITY: '330300' })).toThrow(/CITY: no city pack reference\/cities\/330300\//);
    expect(() => citySetting({ CITY: 'ningbo' })).toThrow(EnvError);
  });
});
