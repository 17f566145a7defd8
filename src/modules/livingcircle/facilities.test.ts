// Facilities through the API: the contract's POST, validation naming the field, who may add them, the list by
// need, kind, name and division in keyset pages, and the .xlsx import: every bad row reported by line and column
// with nothing written, a good file written whole (and the circle updated), a repeat changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeXlsx } from '../../platform/spreadsheet.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { circleWorld, type CircleWorld } from './fixtures.ts';
import { offset } from './reach.ts';

describe('facilities', () => {
  let t: TestApp;
  let w: CircleWorld;

  beforeAll(async () => {
    t = await testApp();
    w = await circleWorld(t);
  });
  afterAll(() => t.close());

  const post = (body: Record<string, unknown>, as = 'hemu-worker') =>
    t.call('POST', '/api/v1/facilities', as, {
      name: '和睦老年食堂',
      need: 'food',
      kind: 'canteen',
      lat: w.at.lat + 0.001,
      lng: w.at.lng,
      ...body,
    });

  it('adds a facility by the contract and answers 201 with its id', async () => {
    const res = await post({});
    expect(res.statusCode, res.body).toBe(201);
    const f = res.json();
    expect(f.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(f).toMatchObject({ name: '和睦老年食堂', need: 'food', kind: 'canteen', divisionCode: '330105004001', affectedCompounds: 1 });
    expect(f.lat).toBeCloseTo(w.at.lat + 0.001, 6);
    // The same kind and name at the same place is the same facility.
    const again = await post({});
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].path).toBe('body.name');
  });

  it('takes hours, capacity and operator, and refuses bad input naming the field', async () => {
    const full = await post({
      name: '和睦日间照料中心',
      need: 'elderly_care',
      kind: 'elderly_day_care',
      hours: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '17:30' }],
      capacity: 40,
      operator: '和睦街道居家养老服务中心',
    });
    expect(full.statusCode, full.body).toBe(201);
    expect(full.json()).toMatchObject({ capacity: 40, operator: '和睦街道居家养老服务中心', hours: [{ days: [1, 2, 3, 4, 5] }] });

    const need = await post({ need: 'shopping' });
    expect(need.statusCode).toBe(400);
    expect(need.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(need.json().errors[0].path).toBe('body.need');
    const kind = await post({ need: 'medical', kind: 'canteen' });
    expect(kind.statusCode).toBe(422);
    expect(kind.json().errors[0].path).toBe('body.kind');
    expect((await post({ lat: 91 })).json().errors[0].path).toBe('body.lat');
    expect((await post({ name: '' })).json().errors[0].path).toBe('body.name');
    const hours = await post({ name: '夜市', hours: [{ days: [1], open: '25:00', close: '26:00' }] });
    expect(hours.statusCode).toBe(422);
    expect(hours.json().errors[0].path).toBe('body.hours.0.open');
    expect((await post({}, 'hemu-resident')).statusCode).toBe(403);
    expect((await post({}, 'property')).statusCode).toBe(403);
  });

  it('lists facilities by need, kind and name in pages', async () => {
    for (let i = 0; i < 3; i++) await post({ name: `分页测试书屋${i}`, need: 'culture', kind: 'library', lng: w.at.lng + 0.0005 * i });
    const first = await t.call('GET', '/api/v1/facilities?need=culture&q=分页测试&limit=2', 'hemu-worker');
    expect(first.statusCode, first.body).toBe(200);
    const a = first.json();
    expect(a.items).toHaveLength(2);
    expect(a.nextCursor).toBeTruthy();
    const b = (await t.call('GET', `/api/v1/facilities?need=culture&q=分页测试&limit=2&cursor=${a.nextCursor}`, 'hemu-worker')).json();
    expect(b.items).toHaveLength(1);
    expect(b.nextCursor).toBeNull();
    expect(new Set([...a.items, ...b.items].map((f: { name: string }) => f.name))).toEqual(
      new Set(['分页测试书屋0', '分页测试书屋1', '分页测试书屋2']),
    );
    const kind = (await t.call('GET', '/api/v1/facilities?kind=elderly_day_care&q=和睦日间', 'hemu-worker')).json();
    expect(kind.items.map((f: { name: string }) => f.name)).toEqual(['和睦日间照料中心']);
    expect((await t.call('GET', '/api/v1/facilities?kind=spaceport', 'hemu-worker')).statusCode).toBe(400);
    const outside = await t.call('GET', '/api/v1/facilities?division=330106', 'hemu-worker');
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].path).toBe('query.division');
  });

  const file = async (rows: string[][]) =>
    writeXlsx(
      'facilities',
      ['名称', '需求', '类型', '纬度', '经度', '营业时间', '容量', '运营方'].map((header, i) => ({ header, value: (r: string[]) => r[i] })),
      rows,
    );
  const upload = (data: Buffer) =>
    t.upload('/api/v1/facilities/import', 'hemu-worker', {}, { name: 'facilities.xlsx', data, type: 'application/octet-stream' });
  const count = async () => (await t.ctx.database.pool.query<{ n: number }>('select count(*)::int as n from circle_facilities')).rows[0]!.n;

  it('imports a good file whole and updates the circle; a repeat changes nothing', async () => {
    const p = offset(w.at, 300, 0);
    const q = offset(w.at, 0, 350);
    const data = await file([
      ['导入测试卫生服务站', '医', '社区卫生服务站', p.lat.toFixed(6), p.lng.toFixed(6), '1-5 08:00-17:00', '', '和睦街道社区卫生服务中心'],
      ['导入测试公交站', 'transport', 'bus_stop', q.lat.toFixed(6), q.lng.toFixed(6), '', '', ''],
    ]);
    const res = await upload(data);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ rows: 2, created: 2, unchanged: 0, affectedCompounds: 1 });
    const circle = (await t.call('GET', `/api/v1/compounds/${w.compoundId}/circle`, 'hemu-worker')).json();
    const medical = circle.needs.find((n: { need: string }) => n.need === 'medical');
    expect(medical).toMatchObject({ nearestM: 360, gap: false });
    const repeat = await upload(data);
    expect(repeat.json()).toMatchObject({ rows: 2, created: 0, unchanged: 2 });
  });

  it('rejects a file with bad rows by line and column, writing nothing', async () => {
    const before = await count();
    const ok = offset(w.at, 500, 500);
    const res = await upload(
      await file([
        ['好的一行', '食', '菜市场', ok.lat.toFixed(6), ok.lng.toFixed(6), '', '', ''],
        ['', '购物', '菜市场', '30.1', '120.1', '', '', ''],
        ['坏坐标', 'food', 'clinic', '95', 'east', '8点到晚上', '很多', ''],
      ]),
    );
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as { path: string; line: number; column: string }[];
    expect(errors.map((e) => e.path)).toEqual([
      'file[3].name',
      'file[3].need',
      'file[4].kind',
      'file[4].lat',
      'file[4].lng',
      'file[4].hours',
      'file[4].capacity',
    ]);
    expect(errors[0]).toMatchObject({ line: 3, column: 'name' });
    expect(await count()).toBe(before);
    const missing = await upload(await writeXlsx('x', [{ header: '名称', value: (r: string[]) => r[0] }], [['只有名称']]));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors.map((e: { column: string }) => e.column)).toEqual(['need', 'kind', 'lat', 'lng']);
    const junk = await t.upload('/api/v1/facilities/import', 'hemu-worker', {}, { name: 'x.xlsx', data: Buffer.from('not a workbook') });
    expect(junk.statusCode).toBe(422);
    expect(junk.json().errors[0].path).toBe('body.file');
    const template = await t.call('GET', '/api/v1/facilities/template.xlsx', 'hemu-worker');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toMatch(/spreadsheetml/);
  });
});
