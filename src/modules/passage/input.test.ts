// What no form would send to passage and parking: each answer is a 4xx problem naming the field, never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { passageWorld, type PassageWorld } from './fixtures.ts';

let t: TestApp;
let world: PassageWorld;
beforeAll(async () => {
  t = await testApp();
  world = await passageWorld(t, '输入测试小区');
});
afterAll(() => t?.close());

type Reply = Awaited<ReturnType<TestApp['call']>>;
function expectProblem(res: Reply, status: number, path?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  if (path) expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
}

describe('bad input', () => {
  it('names the field of a bad visitor pass, vehicle or code request', async () => {
    const pass = (body: Record<string, unknown>) =>
      t.call('POST', '/api/v1/me/visitor-passes', 'hemu-resident', { compoundId: world.compoundId, ...body });
    const ok = {
      visitorName: '测试',
      validFrom: new Date().toISOString(),
      validUntil: new Date(Date.now() + 3_600_000).toISOString(),
      entry: 'single',
    };
    expectProblem(await pass({ ...ok, validFrom: 'yesterday' }), 400, 'body.validFrom');
    expectProblem(await pass({ ...ok, entry: 'twice' }), 400, 'body.entry');
    expectProblem(await pass({ ...ok, visitorName: '' }), 400, 'body.visitorName');
    expectProblem(await pass({ ...ok, plate: '京' }), 422, 'body.plate');
    const far = Date.UTC(2200, 0, 1);
    expectProblem(
      await pass({ ...ok, validFrom: new Date(far).toISOString(), validUntil: new Date(far + 3_600_000).toISOString() }),
      422,
      'body.validFrom',
    );
    expectProblem(await t.call('POST', '/api/v1/me/vehicles', 'hemu-resident', { plate: 'x'.repeat(100) }), 400, 'body.plate');
    expectProblem(
      await t.call('POST', '/api/v1/access/credentials', 'hemu-resident', { compoundId: 'not-a-uuid' }),
      400,
      'body.compoundId',
    );
    expectProblem(await t.call('GET', '/api/v1/me/visitor-passes/not-a-uuid/qr', 'hemu-resident'), 400);
    expectProblem(await t.call('GET', '/api/v1/me/visitor-passes/00000000-0000-4000-8000-000000000000/qr', 'hemu-resident'), 404);
    const key = await t.app.inject({ method: 'GET', url: '/api/v1/compounds/x/access-key' });
    expect(key.statusCode).toBe(400);
  });

  it('names the field of a bad parking request', async () => {
    const base = `/api/v1/compounds/${world.compoundId}`;
    expectProblem(await t.call('POST', `${base}/parking-spaces`, 'hemu-worker', { code: 'X-1', kind: 'garage' }), 400, 'body.kind');
    expectProblem(
      await t.call('POST', `${base}/parking-spaces`, 'hemu-worker', {
        code: 'X-1',
        kind: 'owned',
        householdId: '00000000-0000-4000-8000-000000000000',
      }),
      422,
      'body.householdId',
    );
    expectProblem(
      await t.call('GET', `${base}/parking-sessions?cursor=${Buffer.from('["soon","x"]').toString('base64url')}`, 'hemu-worker'),
      400,
      'query.cursor',
    );
    expectProblem(await t.call('GET', `${base}/parking-sessions?limit=0`, 'hemu-worker'), 400, 'querystring.limit');
    expectProblem(
      await t.call('POST', `${base}/parking-passes`, 'hemu-worker', {
        plate: '浙A12345',
        month: '2026-13',
        method: 'cash',
        reference: 'R',
      }),
      400,
      'body.month',
    );
    expectProblem(
      await t.call('POST', `${base}/parking-passes`, 'hemu-worker', { plate: '浙A1234', month: '2026-12', method: 'cash', reference: 'R' }),
      422,
      'body.plate',
    );
    const id = '00000000-0000-4000-8000-000000000000';
    expectProblem(
      await t.call('POST', `/api/v1/parking-sessions/${id}/payments`, 'hemu-worker', { amountFen: -5, method: 'cash', reference: 'R' }),
      400,
      'body.amountFen',
    );
    expectProblem(
      await t.call('POST', `/api/v1/parking-sessions/${id}/payments`, 'hemu-worker', { amountFen: 5, method: 'cash', reference: 'R' }),
      404,
    );
  });
});
