import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, readTable } from '../../platform/spreadsheet.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { householdFields, parseRows } from './import.ts';

const header = ['社区代码', '小区名称', '楼栋', '单元', '房号', '建筑面积', '产权证号'];

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('households');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(filename: string, data: Buffer) {
  const boundary = '----renova' + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('import files, checked as plain functions', () => {
  it('parses RFC 4180 CSV with quotes, commas and line breaks', () => {
    const t = parseCsv('a,b\r\n"x, y","say ""hi"""\n"multi\nline",2\n\n');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.rows).toEqual([
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['multi\nline', '2'] },
    ]);
  });

  it('reports a missing required column and bad cells with line and column', () => {
    const missing = parseRows({ header: ['社区代码', '小区名称'], rows: [{ line: 2, cells: ['330105004001', 'x'] }] }, householdFields);
    expect(missing.errors.map((e) => e.column)).toEqual(['building', 'unit', 'room', 'floorAreaM2']);
    const bad = parseRows({ header, rows: [{ line: 5, cells: ['3301', '小区', '1幢', '1单元', '101', '-3', ''] }] }, householdFields);
    expect(bad.errors).toEqual([
      expect.objectContaining({ line: 5, column: 'communityCode' }),
      expect.objectContaining({ line: 5, column: 'floorAreaM2' }),
    ]);
  });
});

describe('household import (acceptance: 10 good rows and 2 bad)', () => {
  let t: TestApp;
  let compound: { name: string; communityCode: string; id: string };
  beforeAll(async () => {
    t = await testApp({ IMPORT_BACKGROUND_ROWS: '50' });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/compounds?limit=1', headers: await t.as('hemu') });
    compound = res.json().items[0];
  });
  afterAll(() => t.close());

  const rows = (bad: boolean) =>
    Array.from({ length: 12 }, (_, i) => [
      compound.communityCode,
      compound.name,
      '88幢',
      '1单元',
      String(101 + i),
      bad && i === 3 ? '12.345' : bad && i === 8 ? '' : `${50 + i}.5`,
      `杭房权证T${i}`,
    ]);
  const count = async () =>
    Number(
      (
        await t.ctx.database.pool.query(
          `select count(*) from households h join units u on u.id = h.unit_id join buildings b on b.id = u.building_id where b.name = '88幢'`,
        )
      ).rows[0].count,
    );
  const post = async (kind: string, filename: string, data: Buffer, username = 'hemu', language = 'en') => {
    const body = multipart(filename, data);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${kind}`,
      payload: body.payload,
      headers: { ...body.headers, ...(await t.as(username)), 'accept-language': language },
    });
  };

  it('rejects the file with both line numbers and reasons, and writes nothing', async () => {
    const res = await post('households', 'hh.xlsx', await xlsx(rows(true)));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const body = res.json();
    expect(body.detail).toMatch(/2 row\(s\).*nothing was written/);
    expect(body.errors).toEqual([
      expect.objectContaining({ line: 5, column: 'floorAreaM2', message: expect.stringMatching(/two decimals/) }),
      expect.objectContaining({ line: 10, column: 'floorAreaM2', message: 'is required' }),
    ]);
    expect(await count()).toBe(0);
    // A Chinese reader gets each row's reason in Chinese, by the same codes.
    const zh = (await post('households', 'hh.xlsx', await xlsx(rows(true)), 'hemu', 'zh-CN')).json();
    expect(zh.detail).toBe('文件中有 2 行无效；未写入任何数据。');
    expect(zh.errors).toEqual([
      expect.objectContaining({ line: 5, column: 'floorAreaM2', code: 'row.not_area', message: expect.stringMatching(/两位小数/) }),
      expect.objectContaining({ line: 10, column: 'floorAreaM2', code: 'row.required', message: '必填' }),
    ]);
  });

  it('imports the corrected file whole, and a second import changes nothing', async () => {
    const first = await post('households', 'hh.xlsx', await xlsx(rows(false)));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ kind: 'households', rows: 12, created: 12, updated: 0, unchanged: 0 });
    expect(await count()).toBe(12);
    const snapshot = (
      await t.ctx.database.pool.query(`select id, floor_area_m2, deed_ref from households where deed_ref like '杭房权证T%' order by id`)
    ).rows;
    const second = await post('households', 'hh.xlsx', await xlsx(rows(false)));
    expect(second.json()).toMatchObject({ rows: 12, created: 0, updated: 0, unchanged: 12 });
    expect(
      (await t.ctx.database.pool.query(`select id, floor_area_m2, deed_ref from households where deed_ref like '杭房权证T%' order by id`))
        .rows,
    ).toEqual(snapshot);
  });

  it('reads the same rows from CSV, in UTF-8 or GBK as Excel saves it', async () => {
    const csv = [header, ...rows(false)].map((r) => r.join(',')).join('\r\n');
    const utf8 = await post('households', 'hh.csv', Buffer.from('\uFEFF' + csv, 'utf8'));
    expect(utf8.json()).toMatchObject({ rows: 12, unchanged: 12 });
    // "楼栋,房号\r\n1幢,101" as Excel on a Chinese Windows saves it: GBK, not UTF-8.
    const gbk = await readTable(Buffer.from('c2a5b6b02cb7bfbac50d0a31b4b12c313031', 'hex'), 'gbk.csv');
    expect(gbk).toEqual({ header: ['楼栋', '房号'], rows: [{ line: 2, cells: ['1幢', '101'] }] });
  });

  it('refuses rows of a compound outside the scope, and repeated rows', async () => {
    const other = (
      await t.app.inject({ method: 'GET', url: '/api/v1/compounds?division=330106&limit=1', headers: await t.as('admin') })
    ).json().items[0];
    const data = await xlsx([
      [other.communityCode, other.name, '1幢', '1单元', '999', '50', ''],
      [compound.communityCode, compound.name, '77幢', '1单元', '101', '50', ''],
      [compound.communityCode, compound.name, '77幢', '1单元', '101', '51', ''],
    ]);
    const res = await post('households', 'x.xlsx', data);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ line: 4, column: 'room', message: 'repeats line 3' }),
      expect.objectContaining({ line: 2, column: 'compound' }),
    ]);
  });

  it('runs a large file as a background job with progress, all or nothing', async () => {
    const many = Array.from({ length: 120 }, (_, i) => [
      compound.communityCode,
      compound.name,
      '66幢',
      `${1 + (i % 3)}单元`,
      String(1000 + i),
      '45.00',
      '',
    ]);
    const res = await post('households', 'big.xlsx', await xlsx(many));
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json();
    let job: { status: string; progressDone: number; progressTotal: number; result: { created: number } };
    do {
      await new Promise((r) => setTimeout(r, 100));
      job = (await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}`, headers: await t.as('hemu') })).json();
    } while (job.status === 'running' || job.status === 'queued');
    expect(job).toMatchObject({ status: 'succeeded', progressDone: 120, progressTotal: 120, result: { created: 120 } });
    // Another account cannot follow someone else's job.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}`, headers: await t.as('hemu-worker') })).statusCode).toBe(404);

    many[77]![5] = 'abc';
    const failing = await post('households', 'big2.xlsx', await xlsx(many.map((r) => [r[0]!, r[1]!, '55幢', r[3]!, r[4]!, r[5]!, ''])));
    const failId = failing.json().jobId;
    let failed: { status: string; error: { status: number; errors: { line: number }[] } };
    do {
      await new Promise((r) => setTimeout(r, 100));
      failed = (await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${failId}`, headers: await t.as('hemu') })).json();
    } while (failed.status === 'running' || failed.status === 'queued');
    expect(failed.status).toBe('failed');
    expect(failed.error.errors).toEqual([expect.objectContaining({ line: 79, message: expect.stringMatching(/not an area/) })]);
    // The stored failure reads in the reader's language, whoever's language the job ran in.
    const zh = (
      await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${failId}`, headers: { ...(await t.as('hemu')), 'accept-language': 'zh-CN' } })
    ).json();
    expect(zh.error).toMatchObject({
      code: 'import.rows_invalid',
      title: '内容无法处理',
      detail: '文件中有 1 行无效；未写入任何数据。',
      errors: [expect.objectContaining({ line: 79, code: 'row.not_area', message: '“abc”不是最多两位小数的面积（平方米）' })],
    });
    const { rows: written } = await t.ctx.database.pool.query(`select count(*)::int as n from buildings where name = '55幢'`);
    expect(written[0].n).toBe(0);
  });

  it('rejects files that are not spreadsheets, and roles without the permission', async () => {
    const junk = await post('households', 'notes.txt', Buffer.from('hello'));
    expect(junk.statusCode).toBe(422);
    expect(junk.json().errors[0].path).toBe('file');
    const broken = await post('households', 'broken.xlsx', Buffer.from('not a zip'));
    expect(broken.statusCode).toBe(422);
    const evaluator = await post('households', 'hh.xlsx', await xlsx(rows(false)), 'evaluator');
    expect(evaluator.statusCode).toBe(403);
  });
});

describe('compound import', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('registers compounds and a new community, idempotently', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('c');
    sheet.addRow(['社区代码', '社区名称', '小区名称', '地址', '建成年份', '总建筑面积', '楼栋数', '户数', '物业管理模式']);
    sheet.addRow(['330105004009', '新和社区', '新和一村', '和睦路9号', 1992, '8800.5', 6, 120, '社区托管']);
    sheet.addRow(['330105004009', '新和社区', '新和二村', '和睦路11号', 2003, '6400', 4, 80, '专业物业']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const send = async () => {
      const boundary = '----b';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.xlsx"\r\n\r\n`),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/imports/compounds',
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(await t.as('hemu')) },
      });
    };
    const first = await send();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect((await send()).json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/v1/compounds?division=330105004009', headers: await t.as('hemu') })
    ).json();
    expect(list.items.map((c: { name: string; floorAreaM2: string; eligible: boolean }) => [c.name, c.floorAreaM2, c.eligible])).toEqual([
      ['新和一村', '8800.50', true],
      ['新和二村', '6400.00', false],
    ]);
  });
});
