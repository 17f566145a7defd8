// Repairs' scope, the 抢单 race and bad input: a resident sees only their own household's requests and staff only
// their compounds'; of two staff taking one request at the same moment exactly one wins and the other gets 409;
// bad input answers problem+json naming the field, never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { fileRequest, PNG, postForm, repairWorld, type RepairWorld } from './fixtures.ts';

let t: TestApp;
let w: RepairWorld;

beforeAll(async () => {
  t = await testApp();
  w = await repairWorld(t);
});
afterAll(() => t?.close());

const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((r) => r.id);

describe('scope', () => {
  it('shows a resident only their household’s requests, and staff only their compounds’', async () => {
    const mine = await fileRequest(t, w.residents[0]!);
    const neighbours = await fileRequest(t, w.residents[1]!, { category: 'public_lighting', description: '楼道灯不亮' });
    const elsewhere = await fileRequest(t, w.other.residents[0]!, { category: 'lift', description: '电梯异响' });

    expect(ids(await t.call('GET', '/api/v1/me/repairs', w.residents[0]!))).toEqual([mine]);
    expect(ids(await t.call('GET', '/api/v1/me/repairs', w.residents[1]!))).toEqual([neighbours]);
    expect((await t.call('GET', `/api/v1/me/repairs/${neighbours}`, w.residents[0]!)).statusCode).toBe(404);
    const photoOfMine = (await t.call('GET', `/api/v1/me/repairs/${mine}`, w.residents[0]!)).json().photos[0].url as string;
    const sneaked = await t.app.inject({ method: 'GET', url: photoOfMine, headers: await t.as(w.residents[1]!) });
    expect(sneaked.statusCode).toBe(404);

    const staff = w.staff[0]!.username;
    expect(ids(await t.call('GET', '/api/v1/repairs', staff)).sort()).toEqual([mine, neighbours].sort());
    expect(ids(await t.call('GET', '/api/v1/repairs', w.other.staff[0]!.username))).toEqual([elsewhere]);
    for (const [method, path] of [
      ['GET', `/api/v1/repairs/${elsewhere}`],
      ['POST', `/api/v1/repairs/${elsewhere}/take`],
      ['GET', `/api/v1/repairs/${elsewhere}/assignees`],
    ] as const)
      expect((await t.call(method, path, staff)).statusCode, path).toBe(404);
    // The community above sees both compounds; a resident is no staff; staff file no requests.
    expect(ids(await t.call('GET', '/api/v1/repairs?limit=500', 'hemu-worker'))).toEqual(
      expect.arrayContaining([mine, neighbours, elsewhere]),
    );
    expect((await t.call('GET', '/api/v1/repairs', w.residents[0]!)).statusCode).toBe(403);
    expect((await t.call('POST', `/api/v1/repairs/${mine}/take`, 'hemu-worker')).statusCode).toBe(403);
    const staffFiling = await postForm(t, '/api/v1/me/repairs', staff, { category: 'water', description: '漏水' });
    expect(staffFiling.statusCode).toBe(403);
    expect(staffFiling.json().code).toBe('repair.resident_only');
  });

  it('pages the staff’s list with a cursor, newest first', async () => {
    const staff = w.other.staff[1]!.username;
    const filed = [];
    for (let i = 0; i < 3; i++) filed.push(await fileRequest(t, w.other.residents[1]!, { description: `第${i}次报修` }));
    const first = await t.call('GET', '/api/v1/repairs?limit=2', staff);
    expect(first.json().items).toHaveLength(2);
    expect(first.json().nextCursor).toEqual(expect.any(String));
    const second = await t.call('GET', `/api/v1/repairs?limit=2&cursor=${first.json().nextCursor}`, staff);
    const all = [...ids(first), ...ids(second)];
    expect(all.slice(0, 3)).toEqual([...filed].reverse());
    expect(new Set(all).size).toBe(all.length);
    const bad = await t.call('GET', '/api/v1/repairs?cursor=nonsense', staff);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.cursor');
  });
});

describe('抢单', () => {
  it('lets exactly one of two staff taking at the same moment win; the other gets 409', async () => {
    const [a, b] = w.staff as [{ username: string; id: string }, { username: string; id: string }];
    const headers = [await t.as(a.username), await t.as(b.username)];
    for (let round = 0; round < 5; round++) {
      const id = await fileRequest(t, w.residents[round % 2]!, { description: `抢单测试 ${round}` });
      const answers = await Promise.all(
        headers.map((h) => t.app.inject({ method: 'POST', url: `/api/v1/repairs/${id}/take`, headers: h })),
      );
      const codes = answers.map((r) => r.statusCode).sort();
      expect(codes, answers.map((r) => r.body).join('\n')).toEqual([200, 409]);
      const loser = answers.find((r) => r.statusCode === 409)!;
      expect(loser.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(loser.json().code).toBe('repair.already_taken');
      const winner = answers.findIndex((r) => r.statusCode === 200);
      const after = (await t.call('GET', `/api/v1/repairs/${id}`, a.username)).json();
      expect(after.assignee.id).toBe([a, b][winner]!.id);
      expect(after.steps.filter((s: { action: string }) => s.action === 'taken')).toHaveLength(1);
    }
  });
});

describe('bad input', () => {
  const post = (fields: Record<string, string>, photos: { name: string; data: Buffer; type?: string }[] = []) =>
    postForm(t, '/api/v1/me/repairs', w.residents[0]!, fields, photos);

  it('names the field of a bad request, never a 5xx', async () => {
    const cases: [Record<string, string>, { name: string; data: Buffer; type?: string }[], number, string][] = [
      [{ description: '漏水' }, [], 422, 'body.category'],
      [{ category: 'water' }, [], 422, 'body.description'],
      [{ category: 'spaceship', description: '漏水' }, [], 422, 'body.category'],
      [{ category: 'water', description: '漏水', householdId: w.households[1]! }, [], 422, 'body.householdId'],
      [{ category: 'water', description: '漏水', householdId: 'not-a-uuid' }, [], 422, 'body.householdId'],
      [{ category: 'water', description: '漏水', extra: 'x' }, [], 422, 'body'],
      [
        { category: 'water', description: '漏水' },
        [{ name: 'a.pdf', data: Buffer.from('%PDF-1.4\n'), type: 'application/pdf' }],
        415,
        'body.photos.0',
      ],
      [
        { category: 'water', description: '漏水' },
        Array.from({ length: 10 }, (_, i) => ({ name: `p${i}.png`, data: PNG })),
        422,
        'body.photos.9',
      ],
    ];
    for (const [fields, photos, status, path] of cases) {
      const res = await post(fields, photos);
      expect(res.statusCode, `${JSON.stringify(fields)} ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().code).toEqual(expect.any(String));
      expect(
        res
          .json()
          .errors.map((e: { path: string }) => e.path)
          .join(' '),
      ).toContain(path);
    }
    const json = await t.call('POST', '/api/v1/me/repairs', w.residents[0]!, { category: 'water', description: '漏水' });
    expect(json.statusCode).toBe(400);
    expect(json.json().errors[0].path).toBe('body');
    // Nothing of the refused requests was kept.
    expect(
      (await t.call('GET', '/api/v1/me/repairs', w.residents[0]!))
        .json()
        .items.every((r: { description: string }) => r.description !== '漏水'),
    ).toBe(true);
  });

  it('names the field of bad moves', async () => {
    const id = await fileRequest(t, w.residents[0]!);
    const staff = w.staff[0]!.username;
    const checks: [string, unknown, string][] = [
      [`/api/v1/me/repairs/${id}/rating`, { stars: 6 }, 'body.stars'],
      [`/api/v1/me/repairs/${id}/rating`, { stars: 'five' }, 'body.stars'],
      [`/api/v1/repairs/${id}/follow-ups`, { outcome: 'maybe' }, 'body.outcome'],
      [`/api/v1/repairs/${id}/follow-ups`, { outcome: 'satisfied', calledAt: '2099-01-01T00:00:00+08:00' }, 'body.calledAt'],
      [`/api/v1/repairs/${id}/assign`, { assigneeId: 'x' }, 'body.assigneeId'],
    ];
    for (const [url, body, path] of checks) {
      const res = await t.call('POST', url, url.includes('/me/') ? w.residents[0]! : staff, body);
      expect(res.statusCode, `${url} ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await t.call('GET', '/api/v1/repairs?status=broken', staff)).json().errors[0].path).toBe('querystring.status');
    expect((await t.call('GET', '/api/v1/repairs/not-a-uuid', staff)).statusCode).toBe(400);
  });
});

describe('the demo seed', () => {
  it('gives the demo property staff the demo resident’s open requests, which the resident follows on /m', async () => {
    const staff = await t.call('GET', '/api/v1/repairs?status=open&limit=500', 'property-staff');
    expect(staff.statusCode, staff.body).toBe(200);
    const demo = staff.json().items.filter((r: { description: string }) => r.description.includes('（演示）'));
    expect(demo.map((r: { category: string }) => r.category).sort()).toEqual(['public_lighting', 'water']);
    const mine = ids(await t.call('GET', '/api/v1/me/repairs', 'hemu-resident'));
    expect(mine).toEqual(expect.arrayContaining(demo.map((r: { id: string }) => r.id)));
    // Taking a demo request works like any other.
    const taken = await t.call('POST', `/api/v1/repairs/${demo[0].id}/take`, 'property-staff');
    expect(taken.statusCode, taken.body).toBe(200);
  });
});
