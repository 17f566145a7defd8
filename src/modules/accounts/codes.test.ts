// Sign-in by phone and one-time code, with a real HTTP "SMS gateway" in the
// test receiving the codes as the production sender would post them.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../config/env.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { testSettings } from '../../platform/testing/settings.ts';
import { matchHash } from '../../platform/personal-data.ts';
import { DEMO_RESIDENT_PHONE } from '../registry/index.ts';

let gateway: Server;
const inbox: { phone: string; code: string; expiresInSeconds: number }[] = [];
let t: TestApp;
let off: TestApp;
const logLines: string[] = [];

beforeAll(async () => {
  gateway = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      inbox.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  const { port } = gateway.address() as { port: number };
  t = await testApp({ LOGIN_CODE_SENDER: `http://127.0.0.1:${port}/sms` }, { logStream: { write: (l) => void logLines.push(l) } });
  off = await testApp({ LOGIN_CODE_SENDER: 'none' });
});
afterAll(async () => {
  await Promise.all([t.close(), off.close()]);
  gateway.close();
});

const post = (url: string, payload: unknown, app = t) => app.app.inject({ method: 'POST', url, payload: payload as object });
const lastCode = () => inbox[inbox.length - 1]!.code;

describe('one-time code sign-in', () => {
  it('sends a code to a known phone and signs the resident in with it, once', async () => {
    const asked = await post('/api/v1/auth/code', { phone: DEMO_RESIDENT_PHONE });
    // The code is sent by a job: wait for it, as the resident waits for the message.
    await t.settled();
    expect(asked.statusCode, asked.body).toBe(202);
    expect(inbox.at(-1)).toMatchObject({ phone: DEMO_RESIDENT_PHONE, code: expect.stringMatching(/^\d{6}$/), expiresInSeconds: 300 });
    const code = lastCode();
    const wrong = await post('/api/v1/auth/code/login', { phone: DEMO_RESIDENT_PHONE, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(401);
    const ok = await post('/api/v1/auth/code/login', { phone: DEMO_RESIDENT_PHONE, code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user.role).toBe('resident');
    expect(String(ok.headers['set-cookie'])).toMatch(/^renova_session=/);
    // The same resident as the demo account: their homes come with them.
    const mine = await t.app.inject({ url: '/api/v1/me/participation', headers: { authorization: `Bearer ${ok.json().token}` } });
    expect(mine.json().households.length).toBeGreaterThan(0);
    expect((await post('/api/v1/auth/code/login', { phone: DEMO_RESIDENT_PHONE, code })).statusCode).toBe(401);
    // Neither the phone nor the code reaches the log.
    const log = logLines.join('\n');
    expect(log).not.toContain(DEMO_RESIDENT_PHONE);
    expect(log).not.toContain(`"${code}"`);
  });

  it('answers an unknown number as a known one, and sends it nothing', async () => {
    const before = inbox.length;
    const res = await post('/api/v1/auth/code', { phone: '13000000000' });
    // The code is sent by a job: wait for it, as the resident waits for the message.
    await t.settled();
    expect(res.statusCode).toBe(202);
    expect(inbox.length).toBe(before);
  });

  it('throttles codes to one a minute per phone, and stops guessing after five tries', async () => {
    const phone = '13000000001';
    expect((await post('/api/v1/auth/code', { phone })).statusCode).toBe(202);
    const again = await post('/api/v1/auth/code', { phone });
    expect(again.statusCode).toBe(429);
    expect(again.json().retryAfterSeconds).toBeGreaterThan(50);
    expect(again.headers['retry-after']).toBe(String(again.json().retryAfterSeconds));
    // The resident's own code stops working after five wrong guesses, even if the sixth is right.
    await t.ctx.database.pool.query(`update login_codes set created_at = created_at - interval '2 minutes'`);
    await post('/api/v1/auth/code', { phone: DEMO_RESIDENT_PHONE });
    // The code is sent by a job: wait for it, as the resident waits for the message.
    await t.settled();
    const code = lastCode();
    for (let i = 0; i < 5; i++) {
      const guess = String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');
      expect((await post('/api/v1/auth/code/login', { phone: DEMO_RESIDENT_PHONE, code: guess })).statusCode).toBe(401);
    }
    expect((await post('/api/v1/auth/code/login', { phone: DEMO_RESIDENT_PHONE, code })).statusCode).toBe(401);
  });

  it('names the field of a malformed phone or code', async () => {
    const phone = await post('/api/v1/auth/code', { phone: '12345' });
    expect(phone.statusCode).toBe(400);
    expect(phone.json().errors[0].path).toBe('body.phone');
    const code = await post('/api/v1/auth/code/login', { phone: DEMO_RESIDENT_PHONE, code: '12ab' });
    expect(code.json().errors[0].path).toBe('body.code');
  });

  it('is off without a sender: production defaults to none and refuses to log codes', async () => {
    expect((await off.app.inject({ url: '/api/v1/auth/code' })).json()).toEqual({ enabled: false });
    expect((await post('/api/v1/auth/code', { phone: DEMO_RESIDENT_PHONE }, off)).statusCode).toBe(404);
    const prod = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(32),
      PERSONAL_DATA_KEY: 'y'.repeat(32),
      BALLOT_SIGNING_KEY: testSettings.BALLOT_SIGNING_KEY!,
      DATA_DIR: '/tmp/renova-env-test',
    };
    expect(loadEnv(prod).LOGIN_CODE_SENDER).toBe('none');
    expect(() => loadEnv({ ...prod, LOGIN_CODE_SENDER: 'log' })).toThrow(/LOGIN_CODE_SENDER/);
  });

  it('makes a resident without an account one at the first sign-in, which has no password to sign in with', async () => {
    const phone = '13000000002';
    const { rows } = await t.ctx.database.pool.query(
      `update residents set phone_hash = $1 where id = (
         select hr.resident_id from household_residents hr where hr.status = 'verified'
         and not exists (select 1 from users u where u.resident_id = hr.resident_id) limit 1) returning id`,
      [matchHash(t.ctx.personalKey, phone)],
    );
    await post('/api/v1/auth/code', { phone });
    // The code is sent by a job: wait for it, as the resident waits for the message.
    await t.settled();
    const signedIn = await post('/api/v1/auth/code/login', { phone, code: lastCode() });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    const account = await t.ctx.database.pool.query(`select username, role, password_hash from users where resident_id = $1`, [rows[0].id]);
    expect(account.rows).toEqual([{ username: signedIn.json().user.username, role: 'resident', password_hash: '!code-only' }]);
    expect((await post('/api/v1/auth/login', { username: account.rows[0].username, password: '!code-only' })).statusCode).toBe(401);
  });
});
