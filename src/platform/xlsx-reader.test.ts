import ExcelJS from 'exceljs';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTable } from './spreadsheet.ts';
import { deflateBomb, zip } from './testing/zip.ts';
import { readFirstSheet, XlsxError, XlsxTooLargeError } from './xlsx-reader.ts';

describe('xlsx reader', () => {
  it('reads what Excel-compatible writers put in a sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('住户清单');
    sheet.addRow(['社区代码', '小区名称', '建筑面积', '是否', '备注']);
    sheet.addRow([
      '330105004001',
      '和睦新村 <一区> & 二区',
      66.6,
      true,
      { richText: [{ text: '红' }, { text: '茶', font: { bold: true } }] },
    ]);
    sheet.getCell('A3').value = 330105004001;
    sheet.getCell('C3').value = { formula: 'C2*2', result: 133.2 };
    sheet.getCell('E3').value = '  带空格  ';
    sheet.getCell('E5').value = '跳过一行';
    wb.addWorksheet('第二页').addRow(['不读这页']);
    const rows = readFirstSheet(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(rows).toEqual([
      { line: 1, cells: ['社区代码', '小区名称', '建筑面积', '是否', '备注'] },
      { line: 2, cells: ['330105004001', '和睦新村 <一区> & 二区', '66.6', 'true', '红茶'] },
      { line: 3, cells: ['330105004001', '', '133.2', '', '带空格'] },
      { line: 5, cells: ['', '', '', '', '跳过一行'] },
    ]);
  });

  it('leaves out phonetic guides and reads inline strings', () => {
    const files: Record<string, string> = {
      'xl/workbook.xml': '<workbook><sheets><sheet name="a" sheetId="1" r:id="rId7"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId7" Type="ws" Target="worksheets/data.xml"/></Relationships>',
      'xl/sharedStrings.xml': '<sst><si><t>杭州</t><rPh sb="0" eb="2"><t>ハンチョウ</t></rPh></si></sst>',
      'xl/worksheets/data.xml':
        '<worksheet><sheetData><row r="1"><c r="B1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>a&amp;b&#x4E2D;</t></is></c></row></sheetData></worksheet>',
    };
    expect(readFirstSheet(zip(files))).toEqual([{ line: 1, cells: ['', '杭州', 'a&b中'] }]);
  });

  it('refuses what is not a workbook', async () => {
    expect(() => readFirstSheet(Buffer.from('plain text, not a zip'))).toThrow(XlsxError);
    await expect(readTable(Buffer.from('PK\x05\x06'.padEnd(22, '\0')), 'x.xlsx')).rejects.toThrow(/not a readable .xlsx/);
  });
  it('reads a sheet whose elements carry a namespace prefix exactly like the plain form', () => {
    const parts = (p: string) => ({
      'xl/workbook.xml': `<${p}workbook xmlns:r="rels"><${p}sheets><${p}sheet name="a" sheetId="1" r:id="rId1"/></${p}sheets></${p}workbook>`,
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Type="ws" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/sharedStrings.xml': `<${p}sst><${p}si><${p}t>社区代码</${p}t></${p}si><${p}si><${p}r><${p}t>和睦</${p}t></${p}r><${p}r><${p}t xml:space="preserve">新村</${p}t></${p}r><${p}rPh sb="0" eb="1"><${p}t>ワ</${p}t></${p}rPh></${p}si></${p}sst>`,
      'xl/worksheets/sheet1.xml':
        `<${p}worksheet><${p}sheetData><${p}row r="1"><${p}c r="A1" t="s"><${p}v>0</${p}v></${p}c><${p}c r="B1" t="s"><${p}v>1</${p}v></${p}c></${p}row>` +
        `<${p}row r="2"><${p}c r="A2"><${p}v>330105004001</${p}v></${p}c><${p}c r="C2" t="inlineStr"><${p}is><${p}t>66.6</${p}t></${p}is></${p}c><${p}c r="D2" t="b"><${p}v>1</${p}v></${p}c></${p}row>` +
        `</${p}sheetData></${p}worksheet>`,
    });
    const plain = readFirstSheet(zip(parts('')));
    expect(plain).toEqual([
      { line: 1, cells: ['社区代码', '和睦新村'] },
      { line: 2, cells: ['330105004001', '', '66.6', 'true'] },
    ]);
    expect(readFirstSheet(zip(parts('x:')))).toEqual(plain);
  });

  it('stops a zip bomb at its inflation budget, quickly and without inflating it all', () => {
    const head = '<worksheet><sheetData>';
    const unit = '<row><c t="inlineStr"><is><t>炸弹</t></is></c></row>';
    // The construction is sound: a small one inflates to what it says.
    const small = deflateBomb(head, unit, 2 ** 25, '</sheetData></worksheet>');
    expect(inflateRawSync(small).length).toBeGreaterThan(2 ** 25);
    const bomb = zip({
      'xl/workbook.xml': '<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      // 2 GiB of one cell's text in about 2 MB.
      'xl/worksheets/sheet1.xml': deflateBomb(
        `${head}<row><c t="inlineStr"><is><t>`,
        '炸',
        2 * 2 ** 30,
        '</t></is></c></row></sheetData></worksheet>',
      ),
    });
    expect(bomb.length).toBeLessThan(3 * 2 ** 20);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    expect(() => readFirstSheet(bomb)).toThrow(XlsxTooLargeError);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 2 ** 20);
  });
});
