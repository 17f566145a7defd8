import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTable } from './spreadsheet.ts';
import { readFirstSheet, XlsxError } from './xlsx-reader.ts';

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
});

/** A minimal zip writer (deflate), enough to hand-craft workbook parts. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = deflateRawSync(Buffer.from(text));
    const nameBuf = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
