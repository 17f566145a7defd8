import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ LOGIN_MAX_FAILURES: '3' });
});
afterAll(() => t.close());

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe('sign-in', () => {
  it('answers a token and the user, and sets an HttpOnly session cookie', async () => {
    const res = await login('admin', 'Demo@2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^[\w-]{40,}$/);
    expect(body.user).toMatchObject({ username: 'admin', role: 'city_admin', scope: { division: '330100' } });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^renova_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax/);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookie.split(';')[0]! } });
    expect(me.json().user.username).toBe('admin');
  });

  it('gives one answer for a wrong password and an unknown name', async () => {
    const a = await login('admin', 'wrong-password');
    const b = await login('nobody-at-all', 'wrong-password');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().detail).toBe(b.json().detail);
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 2; i++) expect((await login('evaluator', 'bad')).statusCode).toBe(401);
    expect((await login('evaluator', 'bad')).statusCode).toBe(423);
    const locked = await login('evaluator', 'Demo@2026');
    expect(locked.statusCode).toBe(423);
    expect(locked.headers['content-type']).toMatch(/problem\+json/);
  });

  it('validates the body and names the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'body.password' })]);
  });

  it('ends the session on logout', async () => {
    const headers = await t.as('gongshu');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
  });

  it('remembers the interface language per user', async () => {
    const headers = await t.as('hemu-worker-2');
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/auth/me/locale', headers, payload: { locale: 'en' } })).statusCode).toBe(204);
    const again = await login('hemu-worker-2', 'Demo@2026');
    expect(again.json().user.locale).toBe('en');
  });

  it('keeps the password and token out of the audit log', async () => {
    await login('provider', 'Demo@2026');
    const { rows } = await t.ctx.database.pool.query(`select detail::text from audit_log where action like 'login%'`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.detail).join()).not.toMatch(/Demo@2026/);
  });
});
