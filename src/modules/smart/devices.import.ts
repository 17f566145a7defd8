// Devices imported from a spreadsheet (.xlsx or .csv, Chinese column names), as the registry's imports are: the
// file is checked whole, any bad row rejects it with each row's line and reason and nothing is written, a good
// file is written in one transaction, in a background job (pg-boss) that any worker runs.
//
// Secrets: an import registers devices with their keys but no secret. The person who ran the import then
// downloads, once, an .xlsx of keys and secrets made at that moment (`issueImportCredentials`): the secrets
// exist only in that answer, never in a job's result, a file or the database. A second download is refused;
// a lost sheet means rotating the devices one by one (each rotation shows its secret once).
import { sql } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { pgArray } from '../../platform/db/sql.ts';
import { fileStore } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { problem, unprocessable, type Problem } from '../../platform/http/problem.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { Message } from '../../platform/i18n/messages.ts';
import { platformMessages as pm } from '../../platform/i18n/platform.messages.ts';
import { notFound } from '../../platform/http/problem.ts';
import { defineJob, type Progress } from '../../platform/queue.ts';
import { readTable, SpreadsheetError, SpreadsheetTooLargeError, writeXlsx, type Table } from '../../platform/spreadsheet.ts';
import { compoundRefKey, registry, type CompoundRef } from '../registry/index.ts';
import { newCredentials } from './credentials.ts';
import { CREDENTIALS_CHANGED, deviceScope, insertDevices, isSerialClash, type NewDevice } from './devices.service.ts';
import { smartMessages as sm } from './messages.ts';
import { profilesAt, type ProfileSet } from './profiles.ts';

export interface RowError {
  line: number;
  column: string;
  message: Message;
  path: string;
}

interface Field {
  key: string;
  headers: string[];
  required: boolean;
  max: number;
}

/** The columns, Chinese names first (the template's headers), English accepted. */
export const deviceFields: Field[] = [
  { key: 'compoundId', headers: ['小区编号', 'compoundId'], required: false, max: 36 },
  { key: 'compound', headers: ['小区名称', 'compound'], required: false, max: 100 },
  { key: 'community', headers: ['社区', '社区代码', '社区名称', 'community'], required: false, max: 50 },
  { key: 'profile', headers: ['设备类型', 'profile'], required: true, max: 64 },
  { key: 'name', headers: ['设备名称', 'name'], required: true, max: 100 },
  { key: 'building', headers: ['楼栋', 'building'], required: false, max: 32 },
  { key: 'location', headers: ['位置', 'location'], required: false, max: 200 },
  { key: 'vendor', headers: ['厂商', 'vendor'], required: false, max: 64 },
  { key: 'model', headers: ['型号', 'model'], required: false, max: 64 },
  { key: 'serial', headers: ['序列号', 'serial'], required: false, max: 64 },
];

export type DeviceRowValues = Partial<Record<(typeof deviceFields)[number]['key'], string>>;
export interface ParsedRow {
  line: number;
  values: DeviceRowValues;
}

const err = (line: number, column: string, message: Message): RowError => ({ line, column, message, path: `file[${line}].${column}` });

/** Maps the header to fields and checks every cell's length and characters; nothing here touches the database. */
export function parseDeviceRows(table: Table): { rows: ParsedRow[]; errors: RowError[] } {
  const index = new Map<string, number>();
  table.header.forEach((h, i) => {
    const f = deviceFields.find((f) => f.headers.some((name) => name.toLowerCase() === h.trim().toLowerCase()));
    if (f && !index.has(f.key)) index.set(f.key, i);
  });
  const errors = deviceFields
    .filter((f) => f.required && !index.has(f.key))
    .map((f) => err(1, f.key, sm.msg('row.missing_column', { headers: f.headers.join(' / ') })));
  if (!index.has('compoundId') && !(index.has('compound') && index.has('community')))
    errors.push(err(1, 'compound', sm.msg('row.missing_column', { headers: '小区编号 / 小区名称 + 社区' })));
  if (errors.length) return { rows: [], errors };
  if (!table.rows.length) return { rows: [], errors: [{ line: 2, column: '', message: sm.msg('row.no_data'), path: 'file' }] };
  const rows = table.rows.map((row) => {
    const values: DeviceRowValues = {};
    for (const f of deviceFields) {
      const i = index.get(f.key);
      const text = (i === undefined ? '' : (row.cells[i] ?? '')).trim();
      if (!text) {
        if (f.required) errors.push(err(row.line, f.key, sm.msg('row.required')));
      } else if (text.includes('\u0000')) errors.push(err(row.line, f.key, sm.msg('row.nul')));
      else if (text.length > f.max) errors.push(err(row.line, f.key, sm.msg('row.too_long', { max: f.max })));
      else values[f.key] = text;
    }
    if (!values.compoundId && !(values.compound && values.community))
      errors.push(err(row.line, 'compound', sm.msg('row.compound_missing')));
    return { line: row.line, values };
  });
  return { rows, errors };
}

/** A profile named by its code or its name in either language (the template offers the Chinese names). */
export function profileByName(profiles: ProfileSet, text: string): string | undefined {
  if (profiles.byCode.has(text)) return text;
  return profiles.document.profiles.find((p) => p.name['zh-CN'] === text || p.name.en.toLowerCase() === text.toLowerCase())?.code;
}

/** Rows whose vendor and serial repeat an earlier row. */
export function repeatedSerials(rows: ParsedRow[]): RowError[] {
  const first = new Map<string, number>();
  const errors: RowError[] = [];
  for (const r of rows) {
    if (!r.values.serial) continue;
    const key = `${r.values.vendor ?? ''}\u0000${r.values.serial}`;
    const seen = first.get(key);
    if (seen !== undefined) errors.push(err(r.line, 'serial', sm.msg('row.serial_repeats', { line: seen })));
    else first.set(key, r.line);
  }
  return errors;
}

const MAX_REPORTED = 1000;
const rejected = (errors: RowError[]): Problem =>
  unprocessable(
    sm.msg('import.rows_invalid', { count: new Set(errors.map((e) => e.line)).size }),
    errors.slice(0, MAX_REPORTED).map((e) => ({ ...e })),
    { errorCount: errors.length, truncated: errors.length > MAX_REPORTED },
  );

const refOf = (v: DeviceRowValues): CompoundRef => (v.compoundId ? { id: v.compoundId } : { community: v.community, name: v.compound });

/** Checks the rows against the rule, the scope, the buildings and the serials already registered; writes all or nothing. */
export async function importDevices(ctx: AppContext, user: AuthUser, actor: Actor | undefined, table: Table, progress: Progress) {
  const { rows, errors } = parseDeviceRows(table);
  if (errors.length) throw rejected(errors);
  errors.push(...repeatedSerials(rows));
  const profiles = await profilesAt(ctx.db);
  const compounds = await registry.compoundsByRef(
    ctx,
    user,
    rows.map((r) => refOf(r.values)),
  );
  const buildings = await registry.buildingsOf(ctx, [...new Set([...compounds.values()].map((c) => c.id))]);
  const serials = rows.filter((r) => r.values.serial);
  const taken = new Set(
    serials.length
      ? (
          await ctx.db.execute<{ k: string }>(sql`
            select coalesce(vendor, '') || chr(1) || serial as k from devices
            where serial = any(${pgArray(serials.map((r) => r.values.serial!))}::text[])`)
        ).rows.map((r) => r.k)
      : [],
  );
  const devices: (NewDevice & { communityCode: string })[] = [];
  for (const r of rows) {
    const v = r.values;
    const compound = compounds.get(compoundRefKey(refOf(v)));
    const profile = profileByName(profiles, v.profile!);
    if (!compound) errors.push(err(r.line, 'compound', sm.msg('row.compound_unknown', { compound: v.compoundId ?? v.compound! })));
    if (!profile) errors.push(err(r.line, 'profile', sm.msg('row.profile_unknown', { text: v.profile! })));
    const building = compound && v.building ? buildings.find((b) => b.compoundId === compound.id && b.name === v.building) : undefined;
    if (compound && v.building && !building) errors.push(err(r.line, 'building', sm.msg('row.building_unknown', { text: v.building })));
    if (v.serial && taken.has(`${v.vendor ?? ''}\u0001${v.serial}`))
      errors.push(err(r.line, 'serial', sm.msg('row.serial_taken', { text: v.serial })));
    if (compound && profile)
      devices.push({
        compoundId: compound.id,
        communityCode: compound.communityCode,
        profile,
        name: v.name!,
        buildingId: building?.id ?? null,
        location: v.location ?? null,
        vendor: v.vendor ?? null,
        model: v.model ?? null,
        serial: v.serial ?? null,
      });
  }
  if (errors.length) throw rejected(errors.sort((a, b) => a.line - b.line));
  progress(0, devices.length);
  try {
    return await ctx.db.transaction(async (tx) => {
      const made = await insertDevices(tx, user.id, devices, false);
      progress(devices.length, devices.length);
      await audit(tx, actor, 'import.devices', 'device', null, { rows: devices.length });
      return { rows: rows.length, created: made.length, deviceIds: made.map((d) => d.id) };
    });
  } catch (e) {
    // A serial registered by someone else between the check and the write.
    if (isSerialClash(e)) throw rejected([err(0, 'serial', sm.msg('field.serial_taken'))]);
    throw e;
  }
}

export async function tableOf(data: Buffer, filename: string): Promise<Table> {
  try {
    return await readTable(data, filename);
  } catch (e) {
    if (e instanceof SpreadsheetTooLargeError)
      throw problem(413, e.words, { errors: [{ path: 'file', message: pm.msg('spreadsheet.field_too_large') }] });
    if (e instanceof SpreadsheetError) throw unprocessable(e.words, [{ path: 'file', message: e.words }]);
    throw e;
  }
}

interface ImportJobData {
  filename: string;
  sha256: string;
  user: AuthUser;
  actor: Actor | undefined;
}

export const deviceImportJob = defineJob<ImportJobData, AppContext>({
  name: 'smart.devices_import',
  // One transaction: a retry after a dead worker starts from nothing.
  options: { retryLimit: 2, retryDelaySeconds: 2, timeoutSeconds: 30 * 60 },
  async run(ctx, data, progress) {
    const chunks: Buffer[] = [];
    for await (const chunk of await fileStore(ctx.env.dataDir).read(data.sha256)) chunks.push(chunk as Buffer);
    return importDevices(ctx, data.user, data.actor, await tableOf(Buffer.concat(chunks), data.filename), progress);
  },
});

/** Checks the file is a spreadsheet, keeps it, and queues its import; the answer is the job to follow. */
export async function startDeviceImport(ctx: AppContext, user: AuthUser, actor: Actor | undefined, filename: string, data: Buffer) {
  const table = await tableOf(data, filename);
  const { sha256 } = await fileStore(ctx.env.dataDir).store(data);
  const jobId = await ctx.queue.enqueue(
    ctx.db,
    deviceImportJob,
    { filename, sha256, user, actor },
    { createdBy: user.id, params: { filename, rows: table.rows.length } },
  );
  return { jobId };
}

/**
 * The keys and fresh secrets of an import's devices, as an .xlsx, once: only devices of that import that have
 * never had a secret get one, so a second call finds none and is refused (410).
 */
export async function issueImportCredentials(ctx: AppContext, user: AuthUser, actor: Actor | undefined, locale: Locale, jobId: string) {
  const job = await ctx.queue.get(jobId, locale);
  if (!job || job.kind !== deviceImportJob.name || job.createdBy !== user.id) throw notFound(sm.msg('import.entity', { id: jobId }));
  if (job.status !== 'succeeded') throw problem(409, sm.msg('import.not_finished'));
  const ids = (job.result as { deviceIds?: string[] } | null)?.deviceIds ?? [];
  const profiles = await profilesAt(ctx.db);
  const issued = await ctx.db.transaction(async (tx) => {
    const res = await tx.execute<{
      id: string;
      key: string;
      name: string;
      profile: string;
      compound_id: string;
      building_id: string | null;
      serial: string | null;
    }>(sql`
      select d.id, d.key, d.name, d.profile, d.compound_id, d.building_id, d.serial from devices d
      where d.id = any(${pgArray(ids)}::uuid[]) and d.credentials_issued_at is null and d.revoked_at is null and ${deviceScope(user)}
      order by d.name for update`);
    if (!res.rows.length) return [];
    const rows = res.rows.map((r) => {
      const c = newCredentials();
      return { ...r, secret: c.secret, secretHash: c.secretHash, brokerHash: c.brokerHash };
    });
    await tx.execute(sql`
      update devices d set secret_hash = v.sh, broker_hash = v.bh, credentials_issued_at = now()
      from unnest(${pgArray(rows.map((r) => r.id))}::uuid[], ${pgArray(rows.map((r) => r.secretHash))}::text[],
        ${pgArray(rows.map((r) => r.brokerHash))}::text[]) as v(id, sh, bh)
      where d.id = v.id`);
    await audit(tx, actor, 'device.issue_import', 'device', null, { jobId, devices: rows.length });
    await ctx.events.record(tx, CREDENTIALS_CHANGED, { deviceIds: rows.map((r) => r.id), change: 'issue' });
    return rows;
  });
  if (!issued.length) throw problem(410, sm.msg('import.credentials_issued'));
  const compoundIds = [...new Set(issued.map((r) => r.compound_id))];
  const compounds = await registry.compoundsByRef(
    ctx,
    user,
    compoundIds.map((id) => ({ id })),
  );
  const buildings = new Map((await registry.buildingsOf(ctx, compoundIds)).map((b) => [b.id, b.name]));
  const w = (code: Parameters<typeof sm.msg>[0]) => sm.msg(code).in(locale);
  return writeXlsx(
    w('sheet.credentials'),
    [
      {
        header: w('col.compound'),
        width: 24,
        value: (r: (typeof issued)[number]) => compounds.get(`id\u0000${r.compound_id}`)?.name ?? '',
      },
      { header: w('col.name'), width: 20, value: (r) => r.name },
      { header: w('col.profile'), width: 16, value: (r) => profiles.byCode.get(r.profile)?.name[locale] ?? r.profile },
      { header: w('col.building'), width: 10, value: (r) => (r.building_id ? (buildings.get(r.building_id) ?? '') : '') },
      { header: w('col.serial'), width: 18, value: (r) => r.serial ?? '' },
      { header: w('col.key'), width: 26, value: (r) => r.key },
      { header: w('col.secret'), width: 48, value: (r) => r.secret },
    ],
    issued,
  );
}
