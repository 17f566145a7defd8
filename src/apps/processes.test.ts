// Two API processes on one database (two contexts with their own pools, caches and listeners): what one learns the
// other knows at once. The deployment test (e2e/deploy) repeats this through nginx with real processes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../config/env.ts';
import { createLogger } from '../platform/logger.ts';
import type { AppContext } from '../platform/context.ts';
import type { ZodApp } from '../platform/http/app.ts';
import { testApp, type TestApp } from '../platform/testing/harness.ts';
import { testSettings } from '../platform/testing/settings.ts';
import { createHttpApp, openContext } from './server.ts';

const settings = { LOGIN_RATE_PER_MINUTE: '6', LOGIN_MAX_FAILURES: '3' };
let a: TestApp;
let bCtx: AppContext;
let b: ZodApp;

beforeAll(async () => {
  a = await testApp(settings, { role: 'api' });
  bCtx = await openContext(loadEnv({ ...testSettings, ...settings, DATABASE_URL: a.url }), createLogger('silent'), { role: 'api' });
  b = (await createHttpApp(bCtx)).app;
  await b.ready();
});
afterAll(async () => {
  await b.close();
  await bCtx.database.close();
  await a.close();
});

const login = (app: ZodApp, username: string, password: string, ip: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('several API processes on one database', () => {
  it('count sign-in attempts per address together: the limit is not multiplied by the processes', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await login(a.app, 'nobody-here', 'x', '10.9.8.7')).statusCode);
    for (let i = 0; i < 4; i++) codes.push((await login(b, 'nobody-here', 'x', '10.9.8.7')).statusCode);
    expect(codes.slice(0, 6).every((c) => c === 401)).toBe(true);
    expect(codes.slice(6)).toEqual([429, 429]);
    // Another address has its own count.
    expect((await login(b, 'nobody-here', 'x', '10.9.8.8')).statusCode).toBe(401);
  });

  it('hold a lockout reached through one process in the other, even with failures arriving at both', async () => {
    await Promise.all([login(a.app, 'hemu-worker', 'wrong', '10.1.0.1'), login(b, 'hemu-worker', 'wrong', '10.1.0.2')]);
    await login(a.app, 'hemu-worker', 'wrong', '10.1.0.3');
    const right = await login(b, 'hemu-worker', 'Demo@2026', '10.1.0.4');
    expect(right.statusCode).not.toBe(200);
  });

  it('apply a change of role or scope everywhere at once, with no cache to wait out', async () => {
    const token = (await login(b, 'hemu', 'Demo@2026', '10.2.0.1')).json().token as string;
    const me = () => b.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect((await me()).json().user).toMatchObject({ role: 'subdistrict_officer', scope: { division: '330105004' } });
    await a.ctx.database.pool.query(`update users set scope_division = '330105' where username = 'hemu'`);
    const after = await eventually(me, (r) => r.json().user?.scope?.division === '330105');
    expect(after.json().user.scope).toMatchObject({ division: '330105' });
    // Signing out through one process ends the session in the other.
    await a.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${token}` } });
    expect((await eventually(me, (r) => r.statusCode === 401)).statusCode).toBe(401);
  });
});
