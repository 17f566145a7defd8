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
    // In Chinese, by its code (unknown names only here, so no account is pushed towards its lock).
    const zh = (username: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'accept-language': 'zh-CN' },
        payload: { username, password: 'wrong-password' },
      });
    const [za, zb] = [(await zh('nobody-in-chinese')).json(), (await zh('nobody-at-all')).json()];
    expect(za).toMatchObject({ code: 'signin.refused', title: '登录失败', detail: '用户名或密码错误。多次失败后账户将被暂时锁定。' });
    expect(zb).toEqual(za);
  });

  it('locks an account after repeated failures, even for the right password, answering as for an unknown name', async () => {
    for (let i = 0; i < 2; i++) expect((await login('evaluator', 'bad')).statusCode).toBe(401);
    const locking = await login('evaluator', 'bad');
    const locked = await login('evaluator', 'Demo@2026');
    const unknown = await login('no-such-account', 'Demo@2026');
    const wrong = await login('gongshu', 'bad');
    // Same status, same body (type, title, detail and nothing more): a locked name cannot be told from an unknown one.
    for (const res of [locking, locked, unknown, wrong]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json()).toEqual(unknown.json());
    }
    expect(locked.json()).not.toHaveProperty('lockedUntil');
    // The lock holds (the right password does not sign in) and is told to the audit log only.
    const { rows } = await t.ctx.database.pool.query(
      `select action from audit_log where actor_username = 'evaluator' and action like 'login%' order by id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['login.failed', 'login.failed', 'login.locked', 'login.refused_locked']);
    const { rows: user } = await t.ctx.database.pool.query(`select locked_until > now() as locked from users where username = 'evaluator'`);
    expect(user[0].locked).toBe(true);
  });

  it('answers a name made by code sign-in (no password) as it answers a wrong password', async () => {
    await t.ctx.database.pool.query(
      `insert into users (id, username, display_name, password_hash, role) values (gen_random_uuid(), 'code-only-user', 'x', '!code-only', 'resident')`,
    );
    const res = await login('code-only-user', '!code-only');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual((await login('nobody-either', '!code-only')).json());
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
