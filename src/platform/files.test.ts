import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { checkUpload, fileStore, sniff } from './files.ts';
import type { Problem } from './http/problem.ts';

// A zip's local header followed by its entry names is all the sniffer reads.
const office = (main: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(`[Content_Types].xml ${main}`)]);

describe('file types by their bytes', () => {
  it('tells pdf, png, jpeg, docx and xlsx apart, and nothing else passes', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow([1]);
    expect(sniff(Buffer.from(await wb.xlsx.writeBuffer()))).toBe('xlsx');
    expect(sniff(office('word/document.xml'))).toBe('docx');
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
    expect(sniff(Buffer.from('%PDF-1.7'))).toBe('pdf');
    expect(sniff(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]))).toBeNull(); // a zip, but no Office file
    expect(sniff(Buffer.from('MZ\x90\x00'))).toBeNull();
  });

  it('refuses a .docx whose bytes are a spreadsheet, and one over the cap', () => {
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return err as Problem;
      }
      throw new Error('accepted');
    };
    const wrong = refusal(() => checkUpload({ filename: 'a.docx', data: office('xl/workbook.xml') }, 1000, 'body.file'));
    expect([wrong.status, wrong.extra.errors?.[0]?.path]).toEqual([415, 'body.file']);
    expect(checkUpload({ filename: '照片.JPG', mimetype: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff, 0xdb]) }, 4, 'f')).toBe('jpeg');
    expect(refusal(() => checkUpload({ filename: 'a.jpg', data: Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0]) }, 4, 'f')).status).toBe(413);
  });

  it('stores by content once and reads the same bytes back', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'renova-files-'));
    const store = fileStore(dir);
    const a = await store.store(Buffer.from('%PDF-1.4 hello'));
    const b = await store.store(Buffer.from('%PDF-1.4 hello'));
    expect(b).toEqual(a);
    expect(readdirSync(path.join(dir, 'files', a.sha256.slice(0, 2)))).toEqual([a.sha256]);
    expect(await text(await store.read(a.sha256))).toBe('%PDF-1.4 hello');
    await expect(store.read('../../etc/passwd')).rejects.toMatchObject({ status: 404 });
  });
});
