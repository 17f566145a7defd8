import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, username: string, payload?: unknown) => t.call(method, url, username, payload);
async function newProject(year: number, n: number) {
  const compound = (await call('GET', '/api/v1/compounds?limit=20', 'hemu')).json().items[n];
  const res = await call('POST', '/api/v1/projects', 'hemu', { name: `目录测试 ${year}`, year, compoundIds: [compound.id] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('price lists', () => {
  it('price a plan from the list in force when its year begins', async () => {
    const publish = await call('POST', '/api/v1/prices', 'admin', {
      version: 'hz-2022',
      effectiveFrom: '2022-01-01',
      source: '杭州市2022年老旧小区改造参考单价（测试）',
      items: [{ indicatorCode: '01.01.01', unitPriceFen: 12_345 }],
    });
    expect(publish.statusCode, publish.body).toBe(201);
    expect(
      (
        await call('POST', '/api/v1/prices', 'hemu', {
          version: 'x',
          effectiveFrom: '2022-01-01',
          source: 's',
          items: [{ indicatorCode: '01.01.01', unitPriceFen: 1 }],
        })
      ).statusCode,
    ).toBe(403);
    const bad = await call('POST', '/api/v1/prices', 'admin', {
      version: 'bad',
      effectiveFrom: '2022-01-01',
      source: 's',
      items: [{ indicatorCode: '01.01', unitPriceFen: 1 }],
    });
    expect(bad.json().errors[0].path).toBe('body.items.0.indicatorCode');
    const old = await newProject(2021, 0);
    const fresh = await newProject(2022, 1);
    const line = { items: [{ indicatorCode: '01.01.01', quantity: '1' }] };
    const before = (await call('GET', '/api/v1/prices?at=2021-01-01', 'hemu'))
      .json()
      .items.find((p: { indicatorCode: string }) => p.indicatorCode === '01.01.01').unitPriceFen;
    expect((await call('PUT', `/api/v1/projects/${old}/plan`, 'hemu', line)).json().items[0].unitPriceFen).toBe(before);
    expect((await call('PUT', `/api/v1/projects/${fresh}/plan`, 'hemu', line)).json().items[0].unitPriceFen).toBe(12_345);
  });
});

describe('catalogue versions', () => {
  it('publishes a new version without changing plans made under the old one', async () => {
    const id = await newProject(2021, 2);
    await call('PUT', `/api/v1/projects/${id}/plan`, 'hemu', { items: [{ indicatorCode: '01.01.01', quantity: '2', unitPriceFen: 100 }] });
    await call('POST', `/api/v1/projects/${id}/plan/submit`, 'hemu');
    const current = (await call('GET', '/api/v1/indicators', 'admin')).json();
    const renamed = current.items.map((i: { code: string; name: string }) =>
      i.code === '01.01.01' ? { ...i, name: '屋面防水（新版）' } : i,
    );
    const added = {
      code: '01.01.99',
      level: 3,
      parent: '01.01',
      name: '新增指标',
      nameEn: 'New item',
      category: 'basic',
      unit: 'm2',
      futureScenario: null,
      sixHaves: null,
    };
    const invalid = await call('POST', '/api/v1/catalogue/versions', 'admin', {
      version: 'broken',
      name: 'x',
      indicators: [{ ...added, parent: '09.09' }],
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().errors.map((e: { path: string }) => e.path)).toContain('body.indicators.0.parent');
    const published = await call('POST', '/api/v1/catalogue/versions', 'admin', {
      version: '2022.1',
      name: '2022 版',
      indicators: [...renamed, added],
    });
    expect(published.statusCode, published.body).toBe(201);
    expect((await call('GET', '/api/v1/indicators', 'hemu')).json().version).toBe('2022.1');
    // The submitted version keeps its catalogue; the next draft is made under the new one.
    expect((await call('GET', `/api/v1/projects/${id}/plan?version=1`, 'hemu')).json()).toMatchObject({
      catalogueVersion: '2021.1',
      items: [{ name: '屋面防水修缮' }],
    });
    const draft = await call('PUT', `/api/v1/projects/${id}/plan`, 'hemu', {
      items: [{ indicatorCode: '01.01.99', quantity: '1', unitPriceFen: 5 }],
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ version: 2, catalogueVersion: '2022.1', items: [{ name: '新增指标' }] });
    expect(
      (await call('GET', '/api/v1/catalogue/versions', 'hemu'))
        .json()
        .items.map((v: { version: string; current: boolean }) => [v.version, v.current]),
    ).toEqual([
      ['2022.1', true],
      ['2021.1', false],
    ]);
  });
});
