// The CLI as people use it: a child process, real files, the test database.
import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../platform/spreadsheet.ts';
import { testSettings } from '../platform/testing/settings.ts';
import { testApp, type TestApp } from '../platform/testing/harness.ts';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), 'renova-cli-'));
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function renova(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/renova.mjs', ...args], {
      env: { ...process.env, ...testSettings, DATABASE_URL: t.ctx.database.url },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('renova CLI', () => {
  it('imports households with an account scope, idempotently, and reports bad rows', async () => {
    const { rows } = await t.ctx.database.pool.query(
      `select name, community_code from compounds where subdistrict_code = '330105004' order by name limit 1`,
    );
    const c = rows[0];
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('h');
    sheet.addRow(['社区代码', '小区名称', '楼栋', '单元', '房号', '建筑面积']);
    sheet.addRow([c.community_code, c.name, 'CLI幢', '1单元', '101', '66.6']);
    sheet.addRow([c.community_code, c.name, 'CLI幢', '1单元', '102', '70']);
    const file = path.join(dir, 'households.xlsx');
    await wb.xlsx.writeFile(file);

    const first = await renova('import', 'households', file, '--as', 'hemu');
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ rows: 2, created: 2 });
    expect(JSON.parse((await renova('import', 'households', file, '--as', 'hemu')).stdout)).toMatchObject({ created: 0, unchanged: 2 });

    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, `社区代码,小区名称,楼栋,单元,房号,建筑面积\n${c.community_code},${c.name},CLI幢,1单元,103,abc\n`);
    const rejected = await renova('import', 'households', bad, '--as', 'hemu');
    expect(rejected.code).toBe(2);
    expect(JSON.parse(rejected.stdout).errors).toEqual([expect.objectContaining({ line: 2, column: 'floorAreaM2' })]);
  });

  it('exports the compounds within an account scope', async () => {
    const out = path.join(dir, 'compounds.xlsx');
    const res = await renova('export', 'compounds', out, '--as', 'hemu-worker');
    expect(res.code, res.stderr).toBe(0);
    const table = await readTable(readFileSync(out), 'compounds.xlsx');
    const { rows } = await t.ctx.database.pool.query(`select count(*)::int as n from compounds where community_code = '330105004001'`);
    expect(table.rows.length).toBe(rows[0].n);
  });

  it('stops with every bad setting listed', async () => {
    const unknown = await renova('frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown command: frobnicate/);
    const env = await run(process.execPath, ['bin/renova.mjs', 'migrate'], {
      env: { ...process.env, PORT: 'x', LOG_LEVEL: 'loud', DATA_DIR: dir },
    }).catch((e) => e);
    expect(env.code).toBe(1);
    expect(env.stderr).toMatch(/PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/);
  });
});
