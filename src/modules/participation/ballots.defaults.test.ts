// A ballot opened without saying whether a household may vote again takes the
// policy rule's default (consent.revote.default) of the project's year.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';

let t: TestApp;
let compoundId: string;
beforeAll(async () => {
  t = await testApp();
  const { rows } = await t.ctx.database.pool.query(
    `select c.id from compounds c where c.subdistrict_code = '330105004' and exists (select 1 from households h where h.compound_id = c.id)
     order by c.id limit 1`,
  );
  compoundId = rows[0].id;
});
afterAll(() => t.close());

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();

async function project(year: number): Promise<string> {
  const res = await t.call('POST', '/api/v1/projects', 'hemu', { name: `改投默认 ${year}`, year, compoundIds: [compoundId] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function open(projectId: string, body: Record<string, unknown> = {}) {
  const res = await t.call('POST', `/api/v1/projects/${projectId}/ballots`, 'hemu', {
    kind: 'renovation_consent',
    title: '是否同意改造',
    closesAt: tomorrow(),
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return (await t.call('GET', `/api/v1/ballots/${res.json().id}`, 'hemu')).json() as { revote: string };
}

describe('the revote policy of a new ballot', () => {
  it('defaults to the rule in force in the project’s year, and a given policy still wins', async () => {
    const rule = (await t.call('GET', '/api/v1/policy-rules?key=consent.revote.default', 'hemu')).json().items[0];
    expect(rule).toMatchObject({ key: 'consent.revote.default', value: 'none' });
    expect((await open(await project(2021))).revote).toBe('none');

    // From 2030 the city lets the last vote count: ballots of 2030 projects default to it.
    const published = await t.call('POST', '/api/v1/policy-rules', 'admin', {
      key: 'consent.revote.default',
      version: '2030.1',
      value: 'last_counts',
      source: '测试：2030 年起以最后一次表决为准',
      effectiveFrom: '2030-01-01',
    });
    expect(published.statusCode, published.body).toBe(201);
    const p2030 = await project(2030);
    expect((await open(p2030)).revote).toBe('last_counts');
    expect((await open(p2030, { kind: 'other', revote: 'none' })).revote).toBe('none');
    expect((await open(await project(2029))).revote).toBe('none');
  });
});
