import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';

let t: TestApp;
let projectId: string;
beforeAll(async () => {
  t = await testApp();
  const compound = (await call('GET', '/api/v1/compounds?limit=1', 'hemu')).json().items[0];
  projectId = (await call('POST', '/api/v1/projects', 'hemu', { name: '议事会测试', year: 2021, compoundIds: [compound.id] })).json().id;
  await call('PUT', `/api/v1/projects/${projectId}/plan`, 'hemu', {
    items: [{ indicatorCode: '01.01.01', quantity: '10', unitPriceFen: 100 }],
  });
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, username: string, payload?: unknown) => t.call(method, url, username, payload);

const meeting = {
  body: 'red_tea_council',
  heldOn: '2021-04-02',
  agenda: ['加装电梯位置', '停车位划线方案'],
  attendees: 23,
  minutes: '一、同意在3幢东侧预留电梯井位。二、停车位方案修改后再议。',
  resolutions: [
    { text: '预留电梯井位', adopted: true },
    { text: '停车位方案', adopted: false },
  ],
  planVersions: [1],
};

describe('deliberation councils', () => {
  it('records a meeting linked to the plan versions it changed, and lists it', async () => {
    const res = await call('POST', `/api/v1/projects/${projectId}/deliberations`, 'hemu', meeting);
    expect(res.statusCode, res.body).toBe(201);
    const list = (await call('GET', `/api/v1/projects/${projectId}/deliberations`, 'hemu-worker')).json().items;
    expect(list).toEqual([expect.objectContaining({ body: 'red_tea_council', attendees: 23, planVersions: [1], agenda: meeting.agenda })]);
    const { rows } = await t.ctx.database.pool.query(
      `select count(*)::int as n from audit_log where action = 'deliberation.record' and entity_id = $1`,
      [projectId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses a plan version the project does not have, and roles that may not record', async () => {
    const bad = await call('POST', `/api/v1/projects/${projectId}/deliberations`, 'hemu', { ...meeting, planVersions: [1, 7] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([
      { path: 'body.planVersions.1', code: 'field.no_plan_version', message: expect.stringMatching(/no plan version 7/) },
    ]);
    expect((await call('POST', `/api/v1/projects/${projectId}/deliberations`, 'hemu-worker', meeting)).statusCode).toBe(403);
    const other = (await call('GET', '/api/v1/compounds?division=330106&limit=1', 'admin')).json().items[0];
    const elsewhere = (await call('POST', '/api/v1/projects', 'admin', { name: '西湖', year: 2021, compoundIds: [other.id] })).json().id;
    expect((await call('GET', `/api/v1/projects/${elsewhere}/deliberations`, 'hemu')).statusCode).toBe(404);
  });
});
