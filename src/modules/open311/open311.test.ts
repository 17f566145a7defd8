// Acceptance 4 (issue 13): a client posts a service request form-encoded and reads it back by token and by
// id in XML and JSON, every document checked against GeoReport v2's element names and types; a bad api_key,
// an unknown service_code, a missing location and a wrong jurisdiction answer the specification's error
// lists with their HTTP statuses; GET requests filters by date range and status; malformed input is an
// error list, never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { transitionGridEvent } from '../grid/index.ts';
import { DEMO_OPEN311_KEY } from './index.ts';
import { checkDocument, readXml, type DocumentKind } from './georeport-check.ts';

let t: TestApp;
// A point in 和睦街道 (Gongshu): a demo compound's own coordinates, so the grid places the request there.
const HERE = { lat: '', long: '' };
beforeAll(async () => {
  t = await testApp();
  const { rows } = await t.ctx.database.pool.query<{ lat: string; lng: string }>(
    `select latitude::text as lat, longitude::text as lng from compounds where community_code like '330105004%' and latitude is not null order by id limit 1`,
  );
  Object.assign(HERE, { lat: rows[0]!.lat, long: rows[0]!.lng });
});
afterAll(() => t.close());

const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
const V2 = '/open311/v2';

const post = (fields: Record<string, string> | string[][], format: 'xml' | 'json' = 'xml', apiKey: string | null = DEMO_OPEN311_KEY) =>
  t.app.inject({
    method: 'POST',
    url: `${V2}/requests.${format}`,
    headers: FORM,
    payload: new URLSearchParams([
      ...(apiKey ? [['api_key', apiKey]] : []),
      ...(Array.isArray(fields) ? fields : Object.entries(fields)),
    ]).toString(),
  });
const get = (path: string) => t.app.inject({ method: 'GET', url: `${V2}${path}` });

/** The answer conforms to GeoReport v2 as that kind of document, with the format's content type. */
function conforms(res: Awaited<ReturnType<typeof get>>, kind: DocumentKind, format: 'xml' | 'json') {
  expect(res.headers['content-type'], res.body).toBe(format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8');
  expect(checkDocument(kind, format, res.body), res.body).toEqual([]);
}

function errorList(res: Awaited<ReturnType<typeof get>>, format: 'xml' | 'json'): { code: number; description: string }[] {
  conforms(res, 'errors', format);
  if (format === 'json') return res.json();
  return readXml(res.body).children.map((e) => ({ code: Number(e.children[0]!.text), description: e.children[1]!.text }));
}

/** Values for the required attributes of a service, from its definition. */
async function requiredAttributes(code: string): Promise<string[][]> {
  const def = (await get(`/services/${code}.json`)).json<{
    attributes: { code: string; datatype: string; required: boolean; values?: { key: string }[] }[];
  }>();
  return def.attributes
    .filter((a) => a.required)
    .map((a) => {
      const value = a.values?.[0]?.key ?? (a.datatype === 'number' ? '1' : a.datatype === 'datetime' ? '2026-01-01T08:00:00+08:00' : 'x');
      return [a.datatype === 'multivaluelist' ? `attribute[${a.code}][]` : `attribute[${a.code}]`, value];
    });
}

let lampAttributes: string[][];

describe('discovery and services', () => {
  it('answer conforming documents in both formats', async () => {
    for (const format of ['xml', 'json'] as const) {
      conforms(await get(`/discovery.${format}`), 'discovery', format);
      const services = await get(`/services.${format}`);
      conforms(services, 'services', format);
      expect(services.body).toContain('street_lamp');
      // Categories about a person are not offered to partners.
      expect(services.body).not.toContain('sos_followup');
      conforms(await get(`/services/street_lamp.${format}?jurisdiction_id=330100`), 'service_definition', format);
    }
    const discovery = (await get('/discovery.json')).json<{ endpoints: { url: string; formats: string[] }[] }>();
    expect(discovery.endpoints[0]).toMatchObject({
      url: expect.stringMatching(/\/open311\/v2$/),
      formats: ['text/xml', 'application/json'],
    });
    lampAttributes = await requiredAttributes('street_lamp');
  });

  it('answer an unknown service_code and a wrong jurisdiction with 404 error lists', async () => {
    for (const format of ['xml', 'json'] as const) {
      const unknown = await get(`/services/no_such_thing.${format}`);
      expect(unknown.statusCode).toBe(404);
      expect(errorList(unknown, format)).toEqual([{ code: 404, description: 'service_code no_such_thing was not found.' }]);
      const wrong = await get(`/services.${format}?jurisdiction_id=310000`);
      expect(wrong.statusCode).toBe(404);
      expect(errorList(wrong, format)[0]!.description).toMatch(/jurisdiction_id 310000 was not found/);
    }
  });
});

describe('a posted request', () => {
  it('is read back by token and by id, in XML and JSON, as GeoReport v2 documents', async () => {
    const description = '3 号楼前路灯不亮 <script>&"夜里很黑"';
    const res = await post({
      jurisdiction_id: '330100',
      service_code: 'street_lamp',
      ...HERE,
      description,
      ...Object.fromEntries(lampAttributes),
    });
    expect(res.statusCode, res.body).toBe(201);
    conforms(res, 'created', 'xml');
    const created = readXml(res.body).children[0]!;
    const token = created.children.find((c) => c.name === 'token')!.text;
    expect(created.children.map((c) => c.name)).toEqual(['token', 'service_notice', 'account_id']);

    const ids: string[] = [];
    for (const format of ['xml', 'json'] as const) {
      const byToken = await get(`/tokens/${token}.${format}`);
      expect(byToken.statusCode).toBe(200);
      conforms(byToken, 'token', format);
      ids.push(
        format === 'json'
          ? byToken.json<{ service_request_id: string }[]>()[0]!.service_request_id
          : readXml(byToken.body).children[0]!.children[0]!.text,
      );
    }
    expect(ids[0]).toBe(ids[1]);
    const id = ids[0]!;

    const json = await get(`/requests/${id}.json`);
    conforms(json, 'requests', 'json');
    const [r] = json.json<Record<string, unknown>[]>();
    expect(r).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'street_lamp',
      description,
      lat: Number(HERE.lat),
      long: Number(HERE.long),
    });
    expect(r!.requested_datetime).toMatch(/\+08:00$/);

    const xml = await get(`/requests/${id}.xml`);
    conforms(xml, 'requests', 'xml');
    const fields = Object.fromEntries(readXml(xml.body).children[0]!.children.map((c) => [c.name, c.text]));
    expect(fields).toMatchObject({ service_request_id: id, status: 'open', description });
    expect([Number(fields.lat), Number(fields.long)]).toEqual([Number(HERE.lat), Number(HERE.long)]);
    expect(fields.requested_datetime).toBe(r!.requested_datetime);
    expect(fields.agency_responsible).toBe(r!.agency_responsible);
  });

  it('works for a real HTTP client: fetch posts the form and follows the token to the request', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${base}${V2}/requests.xml`, {
      method: 'POST',
      // fetch sends URLSearchParams as application/x-www-form-urlencoded;charset=UTF-8, as a partner's client would.
      body: new URLSearchParams([
        ['api_key', DEMO_OPEN311_KEY],
        ['service_code', 'street_lamp'],
        ['lat', HERE.lat],
        ['long', HERE.long],
        ['description', '路灯 + 灯杆 & "编号"'],
        ...lampAttributes,
      ]),
    });
    expect(res.status).toBe(201);
    const body = await res.text();
    expect(checkDocument('created', 'xml', body)).toEqual([]);
    const token = readXml(body).children[0]!.children[0]!.text;
    const byToken = (await (await fetch(`${base}${V2}/tokens/${token}.json`)).json()) as { service_request_id: string }[];
    const read = await fetch(`${base}${V2}/requests/${byToken[0]!.service_request_id}.xml`);
    expect(read.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const xml = await read.text();
    expect(checkDocument('requests', 'xml', xml)).toEqual([]);
    expect(readXml(xml).children[0]!.children.find((c) => c.name === 'description')!.text).toBe('路灯 + 灯杆 & "编号"');
  });

  it('answers JSON when posted to requests.json, and the same partner id twice is one request', async () => {
    const fields = {
      service_code: 'street_lamp',
      ...HERE,
      address_string: '和睦路 1 号',
      external_id: 'fms-1001',
      ...Object.fromEntries(lampAttributes),
    };
    const first = await post(fields, 'json');
    expect(first.statusCode, first.body).toBe(201);
    conforms(first, 'created', 'json');
    const again = await post(fields, 'json');
    const [a, b] = [first.json<{ token: string }[]>()[0]!.token, again.json<{ token: string }[]>()[0]!.token];
    expect(b).toBe(a);
  });

  it('refuses a bad api_key (403), an unknown service_code (404), a missing location and a wrong jurisdiction with error lists', async () => {
    const base = { service_code: 'street_lamp', ...HERE, description: 'x', ...Object.fromEntries(lampAttributes) };
    for (const format of ['xml', 'json'] as const) {
      const bad = await post(base, format, 'o311_not-a-key');
      expect(bad.statusCode).toBe(403);
      expect(errorList(bad, format)).toEqual([{ code: 403, description: 'Invalid or revoked api_key; the request cannot be accepted.' }]);
      const none = await post(base, format, null);
      expect(none.statusCode).toBe(403);
      expect(errorList(none, format)[0]!.code).toBe(403);

      const unknown = await post({ ...base, service_code: 'no_such_thing' }, format);
      expect(unknown.statusCode).toBe(404);
      expect(errorList(unknown, format)).toEqual([{ code: 404, description: 'service_code no_such_thing was not found.' }]);

      const nowhere = await post({ service_code: 'street_lamp', description: 'x', ...Object.fromEntries(lampAttributes) }, format);
      expect(nowhere.statusCode).toBe(400);
      expect(errorList(nowhere, format)).toEqual([
        { code: 400, description: 'No location: lat and long, or address_string, or address_id must be provided.' },
      ]);

      const elsewhere = await post({ ...base, jurisdiction_id: '320100' }, format);
      expect(elsewhere.statusCode).toBe(404);
      expect(errorList(elsewhere, format)[0]).toEqual({
        code: 404,
        description: 'jurisdiction_id 320100 was not found: this endpoint serves 330100.',
      });

      // Words alone cannot be placed (no geocoder), nor a point far from every compound of the city.
      const words = await post({ service_code: 'street_lamp', address_string: '和睦路 1 号' }, format);
      expect(words.statusCode).toBe(400);
      expect(errorList(words, format)[0]!.description).toMatch(/address_string alone cannot be placed/);
      const far = await post({ ...base, lat: '0', long: '0' }, format);
      expect(far.statusCode).toBe(400);
      expect(errorList(far, format)).toEqual([
        { code: 400, description: 'No community covers that place (lat: no registered compound nearby).' },
      ]);
      const noCompound = await post({ ...base, lat: '', long: '', address_id: '0190a000-0000-7000-8000-000000000001' }, format);
      expect(noCompound.statusCode).toBe(400);
      expect(errorList(noCompound, format)[0]!.description).toMatch(/^No community covers that place \(address_id: /);

      // Several faults at once are listed together.
      const many = await post({ lat: '95', long: '120' }, format);
      expect(many.statusCode).toBe(400);
      expect(errorList(many, format).map((e) => e.description)).toEqual([
        'lat must be a number from -90 to 90.',
        'service_code was not provided.',
      ]);
    }
  });

  it('answers malformed input with error lists, never a 5xx: NUL bytes, oversized text, bad dates, JSON bodies, unknown paths', async () => {
    const base = { service_code: 'street_lamp', ...HERE, ...Object.fromEntries(lampAttributes) };
    const nul = await post({ ...base, description: 'a\u0000b' }, 'json');
    expect(nul.statusCode).toBe(400);
    expect(errorList(nul, 'json')[0]!.description).toMatch(/NUL|\\u0000/);
    const long = await post({ ...base, description: '长'.repeat(4001) }, 'xml');
    expect(long.statusCode).toBe(400);
    expect(errorList(long, 'xml')).toEqual([{ code: 400, description: 'description is too long (at most 4000 characters).' }]);
    const huge = await post({ ...base, description: 'x'.repeat(300 * 1024) }, 'xml');
    expect(huge.statusCode).toBe(400);
    errorList(huge, 'xml');
    const asJson = await t.app.inject({ method: 'POST', url: `${V2}/requests.json`, payload: { api_key: DEMO_OPEN311_KEY, ...base } });
    expect(asJson.statusCode).toBe(400);
    expect(errorList(asJson, 'json')[0]!.description).toMatch(/x-www-form-urlencoded/);
    for (const query of [
      'start_date=2026-02-30T00:00:00Z',
      'end_date=tomorrow',
      'status=pending',
      'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
      'status=open%00',
    ])
      for (const format of ['xml', 'json'] as const) {
        const res = await get(`/requests.${format}?${query}`);
        expect(res.statusCode, query).toBe(400);
        errorList(res, format);
      }
    for (const path of [
      '/nothing.json',
      '/requests/not-an-id.xml',
      '/tokens/nope.json',
      '/services/street_lamp.html',
      '/requests/0190a000-0000-7000-8000-000000000001.json',
    ]) {
      const res = await get(path);
      expect(res.statusCode, path).toBe(404);
      errorList(res, path.endsWith('.json') ? 'json' : 'xml');
    }
  });
});

describe('GET requests', () => {
  it('filters by date range and status, and service_request_id overrides the rest', async () => {
    const made: string[] = [];
    for (const note of ['one', 'two']) {
      const res = await post(
        { service_code: 'street_lamp', ...HERE, description: `filter ${note}`, ...Object.fromEntries(lampAttributes) },
        'json',
      );
      const token = res.json<{ token: string }[]>()[0]!.token;
      made.push((await get(`/tokens/${token}.json`)).json<{ service_request_id: string }[]>()[0]!.service_request_id);
    }
    const [closedId, openId] = made as [string, string];
    for (const to of ['accepted', 'handled', 'reviewed', 'closed'] as const)
      await transitionGridEvent(t.ctx, closedId, to, null, `step ${to}`);

    const ids = async (query: string) => {
      const res = await get(`/requests.json?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      conforms(res, 'requests', 'json');
      return res.json<{ service_request_id: string; status: string; status_notes: string | null }[]>();
    };
    const now = Date.now();
    const w3c = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const range = `start_date=${w3c(now - 3600_000)}&end_date=${w3c(now + 3600_000)}`;

    const all = await ids(range);
    expect(all.map((r) => r.service_request_id)).toEqual(expect.arrayContaining(made));
    const closed = await ids(`${range}&status=closed`);
    expect(closed.map((r) => r.service_request_id)).toContain(closedId);
    expect(closed.map((r) => r.service_request_id)).not.toContain(openId);
    expect(closed.every((r) => r.status === 'closed')).toBe(true);
    expect(closed.find((r) => r.service_request_id === closedId)!.status_notes).toBe('step closed');
    const open = await ids(`${range}&status=open&service_code=street_lamp`);
    expect(open.map((r) => r.service_request_id)).toContain(openId);
    expect(open.map((r) => r.service_request_id)).not.toContain(closedId);
    // A range that ended before they were made holds neither; the default (the last 90 days) holds both.
    const before = await ids(`start_date=${w3c(now - 40 * 86400_000)}&end_date=${w3c(now - 86400_000)}`);
    expect(before.map((r) => r.service_request_id)).not.toContain(openId);
    expect((await ids('')).map((r) => r.service_request_id)).toEqual(expect.arrayContaining(made));
    const byId = await ids(`service_request_id=${openId},${closedId}&status=closed&start_date=2001-01-01T00:00:00Z`);
    expect(byId.map((r) => r.service_request_id).sort()).toEqual([...made].sort());

    const xml = await get(`/requests.xml?${range}&status=closed`);
    conforms(xml, 'requests', 'xml');
  });
});
