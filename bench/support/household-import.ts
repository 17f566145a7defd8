// Household import rate: an .xlsx of new households through the real service
// path (importFile: parse + validate + write), against the physical floor of
// the same rows as plain multi-row INSERTs into a scratch copy of the table.
// The same import from .csv and the write stage alone show where time goes.
import { drizzle } from 'drizzle-orm/node-postgres';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../src/platform/context.ts';
import type { AuthUser } from '../../src/platform/http/auth.ts';
import { uuidv7 } from '../../src/platform/ids.ts';
import { readTable } from '../../src/platform/spreadsheet.ts';
import { authUserByUsername } from '../../src/modules/accounts/index.ts';
import { householdFields, importFile, parseRows, writeHouseholds } from '../../src/modules/registry/index.ts';
import { log, timed } from './run.ts';

interface BenchHousehold {
  communityCode: string;
  compound: string;
  compoundId: string;
  building: string;
  unit: string;
  room: string;
  floorAreaM2: string;
  deedRef: string;
}

type Format = 'xlsx' | 'csv';

export interface ImportFigures {
  rows: number;
  compounds: number;
  fileBytes: number;
  importSeconds: number;
  importRowsPerSecond: number;
  rawSeconds: number;
  rawRowsPerSecond: number;
  /** The same number of other new rows imported from .csv: the import without the xlsx parser's cost. */
  csvImportSeconds: number;
  csvImportRowsPerSecond: number;
  /** Stages of the .xlsx import timed apart (see benchHouseholdImport). */
  stages: { xlsxParseSeconds: number; rowParseSeconds: number; writeSeconds: number; restSeconds: number };
}

const HEADERS = ['社区代码', '小区名称', '楼栋', '单元', '房号', '建筑面积', '产权证号'];
const RAW_BATCH = 1000;
// Building-name prefixes keep each run's rows apart, and apart from the seed's "1幢", "2幢", …
const PREFIX = { xlsx: 'B', csv: 'C', writeProbe: 'W' } as const;

/** `count` new households spread round-robin over existing compounds, in buildings named `${prefix}n幢`. */
async function plannedHouseholds(ctx: AppContext, count: number, compoundCount: number, prefix: string): Promise<BenchHousehold[]> {
  const { rows: compounds } = await ctx.database.pool.query<{ id: string; community_code: string; name: string }>(
    'select id, community_code, name from compounds order by community_code, name limit $1',
    [compoundCount],
  );
  if (!compounds.length) throw new Error('the seeded city has no compounds');
  return Array.from({ length: count }, (_, i) => {
    const c = compounds[i % compounds.length]!;
    const k = Math.floor(i / compounds.length); // the k-th new household of this compound
    const area = 4000 + ((i * 37) % 5000);
    return {
      communityCode: c.community_code,
      compound: c.name,
      compoundId: c.id,
      building: `${prefix}${Math.floor(k / 24) + 1}幢`,
      unit: `${Math.floor((k % 24) / 12) + 1}单元`,
      room: `${Math.floor((k % 12) / 2) + 1}0${(k % 2) + 1}`,
      floorAreaM2: (area / 100).toFixed(2),
      deedRef: `杭房权证${String(100000 + i).padStart(6, '0')}号`,
    };
  });
}

const cellsOf = (r: BenchHousehold) => [r.communityCode, r.compound, r.building, r.unit, r.room, r.floorAreaM2, r.deedRef];

/** The file a subdistrict would upload: in .xlsx, codes as text and areas as numbers. */
async function householdFile(rows: BenchHousehold[], format: Format): Promise<Buffer> {
  if (format === 'csv') {
    const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    return Buffer.from([HEADERS, ...rows.map(cellsOf)].map((cells) => cells.map(quote).join(',')).join('\r\n') + '\r\n');
  }
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('households');
  sheet.addRow(HEADERS);
  for (const r of rows) sheet.addRow(cellsOf(r).map((v, i) => (i === 5 ? Number(v) : v)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** importFile as the HTTP route calls it, in the foreground; answers seconds taken. */
async function timedImport(ctx: AppContext, admin: AuthUser, file: Buffer, format: Format, expected: number): Promise<number> {
  const { value: outcome, seconds } = await timed(() =>
    importFile(ctx, admin, { id: admin.id, username: admin.username }, 'households', `bench.${format}`, file, { background: false }),
  );
  if (outcome.status !== 200 || outcome.result.created !== expected)
    throw new Error(`the .${format} import did not create every row: ${JSON.stringify(outcome)}`);
  log(`import (.${format}): ${expected} rows in ${seconds.toFixed(2)} s`);
  return seconds;
}

/** Unit ids of the rows, as the import created them: the raw reference starts where resolution is done. */
async function resolvedUnits(ctx: AppContext, rows: BenchHousehold[]): Promise<string[]> {
  const { rows: units } = await ctx.database.pool.query<{ id: string; compound_id: string; building: string; unit: string }>(
    `select u.id, u.compound_id, b.name as building, u.name as unit
     from units u join buildings b on b.id = u.building_id
     where u.compound_id = any($1::uuid[]) and b.name like $2`,
    [[...new Set(rows.map((r) => r.compoundId))], `${PREFIX.xlsx}%`],
  );
  const idOf = new Map(units.map((u) => [`${u.compound_id}\u0000${u.building}\u0000${u.unit}`, u.id]));
  return rows.map((r) => {
    const id = idOf.get(`${r.compoundId}\u0000${r.building}\u0000${r.unit}`);
    if (!id) throw new Error(`the import did not create unit ${r.building}${r.unit} of ${r.compound}`);
    return id;
  });
}

/** Plain multi-row INSERTs of 1,000 rows into `bench_households`, one transaction; answers seconds taken. */
async function rawInsert(ctx: AppContext, rows: BenchHousehold[], unitIds: string[]): Promise<number> {
  const client = await ctx.database.pool.connect();
  try {
    await client.query('drop table if exists bench_households');
    await client.query('create table bench_households (like households including all)');
    const valuesFor = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`,
      ).join(', ');
    const { seconds } = await timed(async () => {
      await client.query('begin');
      for (let start = 0; start < rows.length; start += RAW_BATCH) {
        const batch = rows.slice(start, start + RAW_BATCH);
        const params = batch.flatMap((r, i) => [uuidv7(), r.compoundId, unitIds[start + i], r.room, r.floorAreaM2, r.deedRef]);
        await client.query(
          `insert into bench_households (id, compound_id, unit_id, room, floor_area_m2, deed_ref) values ${valuesFor(batch.length)}`,
          params,
        );
      }
      await client.query('commit');
    });
    await client.query('drop table bench_households');
    return seconds;
  } finally {
    client.release();
  }
}

/** The write stage alone: writeHouseholds (the import's set-based unnest statements), rolled back. */
async function writeStageSeconds(ctx: AppContext, rows: BenchHousehold[]): Promise<number> {
  const client = await ctx.database.pool.connect();
  try {
    await client.query('begin');
    const { seconds } = await timed(() => writeHouseholds(drizzle(client), rows, 'upsert'));
    await client.query('rollback');
    return seconds;
  } finally {
    client.release();
  }
}

export async function benchHouseholdImport(ctx: AppContext, count: number, compoundCount: number): Promise<ImportFigures> {
  const rows = await plannedHouseholds(ctx, count, compoundCount, PREFIX.xlsx);
  const file = await householdFile(rows, 'xlsx');
  const compounds = new Set(rows.map((r) => r.compoundId)).size;
  log(`import: ${rows.length} households over ${compounds} compounds, bench.xlsx is ${(file.length / 1e6).toFixed(1)} MB`);

  // Parse stages timed apart on the same file (read-only). The first, untimed parse
  // warms the JIT so neither these timings nor the import pay for cold code.
  await readTable(file, 'bench.xlsx');
  const parse = await timed(() => readTable(file, 'bench.xlsx'));
  const rowParse = await timed(async () => parseRows(parse.value, householdFields));
  if (rowParse.value.errors.length)
    throw new Error(`the bench file has invalid rows: ${JSON.stringify(rowParse.value.errors.slice(0, 3))}`);

  const admin = await authUserByUsername(ctx, 'admin');
  const importSeconds = await timedImport(ctx, admin, file, 'xlsx', rows.length);

  const rawSeconds = await rawInsert(ctx, rows, await resolvedUnits(ctx, rows));
  log(`raw INSERT reference: ${rows.length} rows in ${rawSeconds.toFixed(2)} s`);

  // After the measured import, so neither these rows nor the probe's dead ones can slow it down.
  const csvRows = await plannedHouseholds(ctx, count, compoundCount, PREFIX.csv);
  const csvImportSeconds = await timedImport(ctx, admin, await householdFile(csvRows, 'csv'), 'csv', csvRows.length);
  const writeSeconds = await writeStageSeconds(ctx, await plannedHouseholds(ctx, count, compoundCount, PREFIX.writeProbe));
  log(`write stage alone (writeHouseholds, rolled back): ${writeSeconds.toFixed(2)} s`);

  return {
    rows: rows.length,
    compounds,
    fileBytes: file.length,
    importSeconds,
    importRowsPerSecond: rows.length / importSeconds,
    rawSeconds,
    rawRowsPerSecond: rows.length / rawSeconds,
    csvImportSeconds,
    csvImportRowsPerSecond: csvRows.length / csvImportSeconds,
    stages: {
      xlsxParseSeconds: parse.seconds,
      rowParseSeconds: rowParse.seconds,
      writeSeconds,
      restSeconds: Math.max(0, importSeconds - parse.seconds - rowParse.seconds - writeSeconds),
    },
  };
}
