// Logs never contain personal data or credentials, even at the most verbose level.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './testing/harness.ts';

const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '5' }, { logStream: { write: (line) => void lines.push(line) } });
});
afterAll(() => t.close());

describe('logs', () => {
  it('record requests by path, with no names, phones, ID numbers, passwords, tokens or reasons for reading personal data', async () => {
    const headers = await t.as('hemu-worker');
    const compound = (await t.app.inject({ method: 'GET', url: '/api/v1/compounds?limit=1', headers })).json().items[0];
    const household = (await t.app.inject({ method: 'GET', url: `/api/v1/compounds/${compound.id}/households?limit=1`, headers })).json()
      .items[0];
    const bound = await t.app.inject({
      method: 'POST',
      url: `/api/v1/households/${household.id}/residents`,
      headers,
      payload: { name: '司马相如', phone: '13712345678', idNumber: '11010519491231002X' },
    });
    expect(bound.statusCode).toBe(201);
    const personal = await t.app.inject({
      method: 'GET',
      url: `/api/v1/residents/${bound.json().residentId}/personal?reason=${encodeURIComponent('核实身份')}`,
      headers,
    });
    expect(personal.json().name).toBe('司马相如');
    const log = lines.join('');
    expect(log).toMatch(/incoming request/);
    expect(log).toMatch(/\/personal/);
    expect(log).not.toContain('reason=');
    for (const secret of [
      encodeURIComponent('核实身份'),
      '司马相如',
      '13712345678',
      '11010519491231002X',
      'Demo@2026',
      headers.authorization.slice(7),
    ])
      expect(log).not.toContain(secret);
  });

  it('rate-limits sign-in attempts per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `ghost${i}`, password: 'x' } });
      codes.push(res.statusCode);
    }
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(2);
    const limited = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'Demo@2026' },
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
  });
});
