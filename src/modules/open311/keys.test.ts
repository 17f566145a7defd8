// Partner keys: issued by the city's administrator only and shown once, scoped to service codes, revoked at
// once; the reporter's personal fields are never stored, returned or logged; posts are limited per key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { DEMO_OPEN311_KEY } from './index.ts';

let t: TestApp;
const logs: string[] = [];
beforeAll(async () => {
  t = await testApp(
    { OPEN311_RATE_PER_MINUTE: '8', OPEN311_READS_PER_MINUTE: '30' },
    { logStream: { write: (line) => void logs.push(line) } },
  );
  const { rows } = await t.ctx.database.pool.query<{ lat: string; lng: string }>(
    `select latitude::text as lat, longitude::text as lng from compounds where community_code like '330105004%' and latitude is not null order by id limit 1`,
  );
  Object.assign(HERE, { lat: rows[0]!.lat, long: rows[0]!.lng });
});
afterAll(() => t.close());

const HERE = { lat: '', long: '' };
async function lampFields(): Promise<Record<string, string>> {
  const def = (await t.app.inject({ method: 'GET', url: '/open311/v2/services/street_lamp.json' })).json<{
    attributes: { code: string; datatype: string; required: boolean; values?: { key: string }[] }[];
  }>();
  const fields: Record<string, string> = { service_code: 'street_lamp', ...HERE, description: 'lamp' };
  for (const a of def.attributes.filter((x) => x.required))
    fields[a.datatype === 'multivaluelist' ? `attribute[${a.code}][]` : `attribute[${a.code}]`] =
      a.values?.[0]?.key ?? (a.datatype === 'number' ? '1' : a.datatype === 'datetime' ? '2026-01-01T08:00:00+08:00' : 'x');
  return fields;
}
const post = (apiKey: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ api_key: apiKey, ...fields }).toString(),
  });

describe('partner keys', () => {
  it('are issued by the city administrator once, listed without the key, scoped, and refused once revoked', async () => {
    const issued = await t.call('POST', '/api/v1/open311/keys', 'admin', { partner: 'river-app', serviceCodes: ['street_lamp'] });
    expect(issued.statusCode, issued.body).toBe(201);
    const key = issued.json<{ id: string; apiKey: string; keyPrefix: string; jurisdiction: string }>();
    expect(key.apiKey).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ keyPrefix: key.apiKey.slice(0, 12), jurisdiction: '330100' });

    const list = await t.call('GET', '/api/v1/open311/keys?limit=50', 'admin');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(key.apiKey);
    expect(list.json<{ items: { id: string; partner: string }[] }>().items.map((k) => k.partner)).toEqual(
      expect.arrayContaining(['river-app', 'fixmystreet-demo']),
    );
    const { rows } = await t.ctx.database.pool.query<{ n: number }>(
      `select count(*)::int as n from open311_keys where key_hash = $1 or key_prefix = $1`,
      [key.apiKey],
    );
    expect(rows[0]!.n).toBe(0);

    for (const who of ['hemu', 'gongshu', 'hemu-resident'])
      expect((await t.call('POST', '/api/v1/open311/keys', who, { partner: 'x-app' })).statusCode, who).toBe(403);
    expect((await t.call('POST', '/api/v1/open311/keys', 'admin', { partner: 'Bad Name' })).statusCode).toBe(400);
    const unknownCode = await t.call('POST', '/api/v1/open311/keys', 'admin', { partner: 'y-app', serviceCodes: ['no_such_thing'] });
    expect(unknownCode.statusCode).toBe(422);
    expect(unknownCode.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.serviceCodes.0');

    const fields = await lampFields();
    expect((await post(key.apiKey, fields)).statusCode).toBe(201);
    // Scoped to street lamps: any other service is refused with 403.
    const other = await t.app.inject({ method: 'GET', url: '/open311/v2/services.json' });
    const otherCode = other
      .json<{ service_code: string; metadata: boolean }[]>()
      .find((s) => s.service_code !== 'street_lamp' && !s.metadata);
    if (otherCode) {
      const refused = await post(key.apiKey, { service_code: otherCode.service_code, ...HERE });
      expect(refused.statusCode, refused.body).toBe(403);
      expect(refused.json<{ code: number; description: string }[]>()[0]!.description).toMatch(/may not submit/);
    }

    const revoked = await t.call('POST', `/api/v1/open311/keys/${key.id}/revoke`, 'admin');
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<{ revokedAt: string | null }>().revokedAt).not.toBeNull();
    const after = await post(key.apiKey, fields);
    expect(after.statusCode).toBe(403);
    expect(after.json()).toEqual([{ code: 403, description: 'Invalid or revoked api_key; the request cannot be accepted.' }]);
  });
});

describe("a reporter's personal fields", () => {
  it('are accepted but never stored, answered or logged', async () => {
    const personal = {
      email: 'li.si@example.cn',
      phone: '13911112222',
      first_name: 'Xiaoqiuyu',
      last_name: 'Zhangfictive',
      device_id: 'dev-778899',
      account_id: 'acct-445566',
    };
    const res = await post(DEMO_OPEN311_KEY, { ...(await lampFields()), ...personal, description: 'personal check' });
    expect(res.statusCode, res.body).toBe(201);
    const token = res.json<{ token: string }[]>()[0]!.token;
    const id = (await t.app.inject({ method: 'GET', url: `/open311/v2/tokens/${token}.json` })).json<{ service_request_id: string }[]>()[0]!
      .service_request_id;
    const read = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.xml` });
    const everything = [res.body, read.body, logs.join('\n')].join('\n');
    // The whole database, as text: none of the values is kept anywhere.
    const dump = await t.ctx.database.pool.query<{ hit: string }>(
      `select table_name as hit from information_schema.columns c
        where table_schema = 'public' and data_type in ('text', 'jsonb', 'json', 'character varying')
        group by table_name`,
    );
    for (const { hit: table } of dump.rows) {
      const { rows } = await t.ctx.database.pool.query<{ n: number }>(
        `select count(*)::int as n from "${table}" x where x::text like any($1)`,
        [Object.values(personal).map((v) => `%${v}%`)],
      );
      expect(rows[0]!.n, table).toBe(0);
    }
    for (const v of Object.values(personal)) expect(everything).not.toContain(v);
  });
});

describe('the rate limit', () => {
  it('counts posts per key and reads per address, and answers the excess with a 429 error list', async () => {
    const issued = (await t.call('POST', '/api/v1/open311/keys', 'admin', { partner: 'busy-app' })).json<{ apiKey: string }>();
    const codes: number[] = [];
    for (let i = 0; i < 9; i++) codes.push((await post(issued.apiKey, { address_string: 'x' })).statusCode);
    expect(codes.slice(0, 8).every((c) => c === 400)).toBe(true);
    expect(codes[8]).toBe(429);
    const res = await post(issued.apiKey, { address_string: 'x' });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json<{ code: number }[]>()[0]!.code).toBe(429);
    // Another key is counted apart.
    expect((await post(DEMO_OPEN311_KEY, { address_string: 'x' })).statusCode).toBe(400);
    // Reads are counted per address.
    const reads: number[] = [];
    for (let i = 0; i < 31; i++) reads.push((await t.app.inject({ method: 'GET', url: '/open311/v2/discovery.xml' })).statusCode);
    expect(reads.slice(0, 30).every((c) => c === 200)).toBe(true);
    expect(reads[30]).toBe(429);
    const { rows } = await t.ctx.database.pool.query<{ n: number }>(`select count(*)::int as n from rate_limits where key like $1`, [
      `%${issued.apiKey}%`,
    ]);
    expect(rows[0]!.n).toBe(0);
  });
});
