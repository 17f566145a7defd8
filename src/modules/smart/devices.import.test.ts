import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { secretMatches } from './credentials.ts';
import { parseDeviceRows } from './devices.import.ts';
import { smartWorld, type SmartWorld } from './fixtures.ts';

const header = ['小区名称', '社区', '设备类型', '设备名称', '楼栋', '位置', '厂商', '型号', '序列号'];

async function xlsx(rows: string[][], head = header): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('devices');
  sheet.addRow(head);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('device rows, checked as plain functions', () => {
  it('needs the compound named by id or by name and community, and a profile and a name on each row', () => {
    const noCompound = parseDeviceRows({ header: ['设备类型', '设备名称'], rows: [{ line: 2, cells: ['电梯', 'x'] }] });
    expect(noCompound.errors).toEqual([expect.objectContaining({ line: 1, column: 'compound' })]);
    const bad = parseDeviceRows({
      header,
      rows: [{ line: 7, cells: ['小区', '和睦社区', '', 'a\u0000b', '', '', '', '', 'x'.repeat(65)] }],
    });
    expect(bad.errors.map((e) => [e.line, e.column, e.message.code])).toEqual([
      [7, 'profile', 'row.required'],
      [7, 'name', 'row.nul'],
      [7, 'serial', 'row.too_long'],
    ]);
  });
});

describe('device import (a job: all rows or none, credentials offered once)', () => {
  let t: TestApp;
  let world: SmartWorld;
  let compoundName: string;
  let community: string;
  beforeAll(async () => {
    t = await testApp();
    world = await smartWorld(t);
    compoundName = (await t.call('GET', `/api/v1/compounds/${world.compoundId}`, 'hemu')).json().name;
    community = (await t.ctx.database.pool.query(`select name from divisions where code = '330105004001'`)).rows[0].name;
    const res = await t.call('POST', `/api/v1/compounds/${world.compoundId}/households`, 'hemu-worker', {
      items: [{ building: '3幢', unit: '1单元', room: '101', floorAreaM2: '60.00' }],
    });
    expect(res.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  const count = async () =>
    Number((await t.ctx.database.pool.query(`select count(*) from devices where compound_id = $1`, [world.compoundId])).rows[0].count);

  async function runImport(data: Buffer, user = 'hemu') {
    const res = await t.upload('/api/v1/device-imports', user, {}, { name: 'devices.xlsx', data });
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = res.json();
    await t.settled();
    const job = await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}`, headers: await t.as(user) });
    return { jobId, job: job.json() };
  }

  const good = () => [
    [compoundName, community, '电梯', '3幢1号电梯', '3幢', '1单元', '奥的斯', 'GeN2', `OT-${world.compoundId.slice(0, 8)}-1`],
    [compoundName, '330105004001', 'smoke_detector', '3幢楼道烟感', '3幢', '2楼', '海曼', 'HM-1', `HM-${world.compoundId.slice(0, 8)}-1`],
    [compoundName, community, '一键报警', '门岗一键报警', '', '门岗', '', '', ''],
  ];

  it('rejects bad rows with their line and reason, and writes nothing', async () => {
    const rows = good();
    rows.push(
      ['没有这个小区', community, '电梯', '电梯X', '', '', '', '', ''],
      [compoundName, community, '烤面包机', '设备Y', '', '', '', '', ''],
      [compoundName, community, '电梯', '电梯Z', '99幢', '', '', '', ''],
      [compoundName, community, '电梯', '电梯W', '', '', '奥的斯', '', rows[0]![8]!],
    );
    const { job } = await runImport(await xlsx(rows));
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'import.rows_invalid', detail: '4 row(s) of the file are not valid; nothing was written.' });
    expect(job.error.errors.map((e: { line: number; column: string; code: string }) => [e.line, e.column, e.code])).toEqual([
      [5, 'compound', 'row.compound_unknown'],
      [6, 'profile', 'row.profile_unknown'],
      [7, 'building', 'row.building_unknown'],
      [8, 'serial', 'row.serial_repeats'],
    ]);
    expect(job.error.errors[0].message).toMatch(/没有这个小区/);
    expect(await count()).toBe(0);
  });

  it('imports a good file whole; the keys and secrets are downloaded once, and they work', async () => {
    const { jobId, job } = await runImport(await xlsx(good()));
    expect(job).toMatchObject({ status: 'succeeded', result: { rows: 3, created: 3 } });
    expect(await count()).toBe(3);
    // Registered without a secret: nothing to leak before the download, nothing in the job's result.
    const listed = (await t.call('GET', `/api/v1/devices?compoundId=${world.compoundId}`, 'hemu')).json();
    expect(listed.items.map((d: { credentialsIssued: boolean }) => d.credentialsIssued)).toEqual([false, false, false]);
    expect(listed.items.find((d: { name: string }) => d.name === '3幢1号电梯')).toMatchObject({
      buildingName: '3幢',
      profile: 'lift',
      vendor: '奥的斯',
    });

    // Someone else cannot take them.
    expect((await t.call('POST', `/api/v1/device-imports/${jobId}/credentials.xlsx`, 'admin')).statusCode).toBe(404);
    const sheet = await t.app.inject({
      method: 'POST',
      url: `/api/v1/device-imports/${jobId}/credentials.xlsx`,
      headers: { ...(await t.as('hemu')), 'accept-language': 'zh-CN' },
    });
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const head = (ws.getRow(1).values as string[]).slice(1);
    expect(head).toEqual(['小区', '设备名称', '设备类型', '楼栋', '序列号', '设备标识（用户名）', '密钥（仅此一次）']);
    const rows = [2, 3, 4].map((i) => (ws.getRow(i).values as string[]).slice(1));
    expect(rows.map((r) => r[1]).sort()).toEqual(['3幢1号电梯', '3幢楼道烟感', '门岗一键报警'].sort());
    for (const r of rows) {
      const { rows: db } = await t.ctx.database.pool.query(`select secret_hash, broker_hash from devices where key = $1`, [r[5]]);
      expect(secretMatches(r[6]!, db[0].secret_hash)).toBe(true);
      expect(db[0].broker_hash).toMatch(/^\$7\$/);
    }
    // Once only.
    const again = await t.call('POST', `/api/v1/device-imports/${jobId}/credentials.xlsx`, 'hemu');
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({ code: 'import.credentials_issued', title: 'Already downloaded' });
    const audit = await t.ctx.database.pool.query(
      `select action, detail from audit_log where action in ('import.devices', 'device.issue_import')`,
    );
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['device.issue_import', 'import.devices']);
    expect(JSON.stringify(audit.rows)).not.toContain(rows[0]![6]);

    // A repeat of the same file: the serials are now taken, nothing written.
    const repeat = await runImport(await xlsx(good()));
    expect(repeat.job.status).toBe('failed');
    expect(repeat.job.error.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
      [2, 'row.serial_taken'],
      [3, 'row.serial_taken'],
    ]);
    expect(await count()).toBe(3);
  });

  it('offers a template, refuses a file that is no spreadsheet, and roles without the permission', async () => {
    const template = await t.call('GET', '/api/v1/device-imports/template.xlsx', 'hemu');
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual([
      '小区编号',
      '小区名称',
      '社区',
      '设备类型',
      '设备名称',
      '楼栋',
      '位置',
      '厂商',
      '型号',
      '序列号',
    ]);
    const junk = await t.upload('/api/v1/device-imports', 'hemu', {}, { name: 'x.xlsx', data: Buffer.from('not a zip') });
    expect(junk.statusCode).toBe(422);
    expect(junk.json().errors[0].path).toBe('file');
    expect((await t.upload('/api/v1/device-imports', 'hemu-worker', {}, { name: 'x.xlsx', data: await xlsx(good()) })).statusCode).toBe(
      403,
    );
  });
});
