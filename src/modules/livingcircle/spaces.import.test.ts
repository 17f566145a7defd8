// Space resources imported from a spreadsheet through the API against a real database: a good file registers every
// row as offered (in the compound's community, with its first step) and a repeat changes nothing; a file with a bad
// row is refused naming each bad row's line, column and reason, writing nothing; a zip bomb is refused within the
// upload limit; only the space resource staff may import. The row checks as plain functions too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeXlsx } from '../../platform/spreadsheet.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { deflateBomb, zip } from '../../platform/testing/zip.ts';
import { circleWorld, HEMU_COMMUNITY, type CircleWorld } from './fixtures.ts';
import { offset } from './reach.ts';
import { areaOf, parseSpaces, spaceKindOf } from './spaces.import.ts';

const headers = ['名称', '类型', '面积', '产权单位', '经度', '纬度', '状况'];

describe('space resources import: row checks', () => {
  it('reads the report’s kinds and exact areas', () => {
    expect(spaceKindOf('零星用地')).toBe('scattered_land');
    expect(spaceKindOf('既有用房')).toBe('existing_room');
    expect(spaceKindOf('国有存量用房')).toBe('state_room');
    expect(spaceKindOf('state_room')).toBe('state_room');
    expect(spaceKindOf('仓库')).toBeNull();
    expect(areaOf('320.5')).toBe('320.5');
    expect(areaOf('0.00')).toBeNull();
    expect(areaOf('12.345')).toBeNull();
    expect(areaOf('-3')).toBeNull();
  });

  it('names a missing column by its headers', () => {
    const { errors } = parseSpaces({ header: ['名称', '类型'], rows: [{ line: 2, cells: ['a', '零星用地'] }] });
    expect(errors.map((e) => e.column)).toEqual(['areaM2', 'owner', 'lng', 'lat']);
    expect(errors[0]!.message.in('zh-CN')).toContain('面积');
  });
});

describe('space resources import', () => {
  let t: TestApp;
  let w: CircleWorld;

  beforeAll(async () => {
    t = await testApp();
    w = await circleWorld(t);
  });
  afterAll(() => t.close());

  const file = (rows: string[][]) =>
    writeXlsx(
      'spaces',
      headers.map((header, i) => ({ header, value: (r: string[]) => r[i] })),
      rows,
    );
  const upload = (data: Buffer, as = 'hemu') =>
    t.upload('/api/v1/spaces/import', as, {}, { name: 'spaces.xlsx', data, type: 'application/octet-stream' });
  const count = async () =>
    (
      await t.ctx.database.pool.query<{ n: number; steps: number }>(
        `select (select count(*)::int from circle_space_resources) as n, (select count(*)::int from circle_space_steps) as steps`,
      )
    ).rows[0]!;

  it('registers every row of a good file as offered, in the nearby compound’s community; a repeat changes nothing', async () => {
    const p = offset(w.at, 200, 0);
    const q = offset(w.at, 0, 300);
    const before = await count();
    const data = await file([
      ['导入测试闲置办公用房', '国有存量用房', '320.5', '区机关事务管理局', p.lng.toFixed(6), p.lat.toFixed(6), '需简单装修'],
      ['导入测试边角地', '零星用地', '86', '和睦街道办事处', q.lng.toFixed(6), q.lat.toFixed(6), ''],
    ]);
    const res = await upload(data);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ rows: 2, created: 2, unchanged: 0 });
    expect(await count()).toEqual({ n: before.n + 2, steps: before.steps + 2 });
    const list = await t.call('GET', '/api/v1/spaces?status=offered&limit=100', 'hemu');
    const room = (list.json().items as Record<string, unknown>[]).find((s) => s.name === '导入测试闲置办公用房');
    expect(room).toMatchObject({
      kind: 'state_room',
      areaM2: '320.50',
      owner: '区机关事务管理局',
      condition: '需简单装修',
      status: 'offered',
      divisionCode: HEMU_COMMUNITY,
    });
    expect(room!.lat).toBeCloseTo(p.lat, 6);
    const detail = (await t.call('GET', `/api/v1/spaces/${String(room!.id)}`, 'hemu')).json();
    expect(detail.steps).toEqual([expect.objectContaining({ status: 'offered', by: 'hemu' })]);
    const repeat = await upload(data);
    expect(repeat.json()).toEqual({ rows: 2, created: 0, unchanged: 2 });
    expect((await count()).n).toBe(before.n + 2);
  });

  it('refuses a file with a bad row by line, column and reason, writing nothing', async () => {
    const before = await count();
    const ok = offset(w.at, 500, 500);
    const res = await upload(
      await file([
        ['好的一行', '既有用房', '120', '和睦社区', ok.lng.toFixed(6), ok.lat.toFixed(6), ''],
        ['坏的一行', '仓库', '0', '', 'east', '95', ''],
      ]),
    );
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = res.json();
    expect(body.detail).toContain('1');
    const errors = body.errors as { path: string; line: number; column: string; message: string }[];
    expect(errors.map((e) => e.path)).toEqual(['file[3].kind', 'file[3].areaM2', 'file[3].owner', 'file[3].lng', 'file[3].lat']);
    expect(errors[0]).toMatchObject({ line: 3, column: 'kind' });
    expect(errors[0]!.message).toContain('仓库');
    expect(await count()).toEqual(before);
    const junk = await t.upload('/api/v1/spaces/import', 'hemu', {}, { name: 'x.xlsx', data: Buffer.from('not a workbook') });
    expect(junk.statusCode).toBe(422);
    expect(junk.json().errors[0].path).toBe('body.file');
  });

  it('refuses a zip bomb within the upload limit, writing nothing', async () => {
    const before = await count();
    const bomb = zip({
      'xl/workbook.xml': '<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml': deflateBomb(
        '<worksheet><sheetData><row><c t="inlineStr"><is><t>',
        'A',
        2 ** 30,
        '</t></is></c></row></sheetData></worksheet>',
      ),
    });
    const res = await upload(bomb);
    expect(res.statusCode).toBe(413);
    expect(res.json().errors[0].path).toBe('body.file');
    expect(await count()).toEqual(before);
  });

  it('lets only the space resource staff import or fetch the template', async () => {
    const before = await count();
    const p = offset(w.at, 100, 100);
    const data = await file([['无权导入', '零星用地', '50', '某单位', p.lng.toFixed(6), p.lat.toFixed(6), '']]);
    for (const as of ['hemu-worker', 'hemu-resident', 'property']) expect((await upload(data, as)).statusCode).toBe(403);
    expect(await count()).toEqual(before);
    expect((await t.call('GET', '/api/v1/spaces/template.xlsx', 'hemu-worker')).statusCode).toBe(403);
    const template = await t.call('GET', '/api/v1/spaces/template.xlsx', 'hemu');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toMatch(/spreadsheetml/);
  });
});
