// Imports of compounds and households. A file is checked whole first; any bad
// row rejects the file with a row report and nothing is written; a good file
// is written in one transaction, keyed by natural keys, so a repeat changes
// nothing. Files larger than IMPORT_BACKGROUND_ROWS run as a background job: the
// file is kept (content-addressed under DATA_DIR/files) and any worker reads it.
import { inArray, sql } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { pgArray } from '../../platform/db/sql.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { problem, unprocessable, type Problem } from '../../platform/http/problem.ts';
import type { Message } from '../../platform/i18n/messages.ts';
import { platformMessages as pm } from '../../platform/i18n/platform.messages.ts';
import { registryMessages as rm } from './messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { fileStore } from '../../platform/files.ts';
import { defineJob, type Progress } from '../../platform/queue.ts';
import { readTable, SpreadsheetError, SpreadsheetTooLargeError, type Table } from '../../platform/spreadsheet.ts';
import { lineage } from './divisions.ts';
import { compoundFields, duplicateKeyErrors, householdFields, parseRows, type ParsedRow, type RowError } from './import.ts';
import { compoundsWritten } from './list-cache.ts';
import { writeHouseholds } from './households.service.ts';
import { compoundValues, type NewCompound } from './registry.service.ts';
import { compounds, divisions } from './schema.ts';
import { compoundInScope } from './scope.ts';

export const importKinds = ['compounds', 'households'] as const;
export type ImportKind = (typeof importKinds)[number];

export interface ImportResult {
  kind: ImportKind;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

const MAX_REPORTED = 1000;

function rejected(errors: RowError[]): Problem {
  const lines = new Set(errors.map((e) => e.line));
  return unprocessable(
    rm.msg('import.rows_invalid', { count: lines.size }),
    errors.slice(0, MAX_REPORTED).map((e) => ({ ...e })),
    { errorCount: errors.length, truncated: errors.length > MAX_REPORTED },
  );
}

async function importCompounds(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  table: Table,
  progress: Progress,
): Promise<ImportResult> {
  const { rows, errors } = parseRows(table, compoundFields);
  errors.push(...duplicateKeyErrors(rows, (r) => `${r.values.communityCode}\u0000${r.values.name}`, 'name'));
  const codes = [...new Set(rows.map((r) => r.values.communityCode as string).filter(Boolean))];
  const known = new Set(
    codes.length
      ? (
          await ctx.db
            .select({ code: divisions.code })
            .from(divisions)
            .where(inArray(divisions.code, [...codes, ...codes.map((c) => lineage(c)[3]!)]))
        ).map((d) => d.code)
      : [],
  );
  for (const r of rows) {
    const code = r.values.communityCode as string | undefined;
    if (!code) continue;
    const err = (message: Message) =>
      errors.push({ line: r.line, column: 'communityCode', message, path: `file[${r.line}].communityCode` });
    if (!user.scope.division || !lineage(code).includes(user.scope.division)) err(rm.msg('row.community_out_of_scope', { code }));
    else if (!known.has(code) && !known.has(lineage(code)[3]!)) err(rm.msg('row.subdistrict_unknown', { code: lineage(code)[3]! }));
    else if (!known.has(code) && !r.values.communityName) err(rm.msg('row.community_unregistered', { code }));
  }
  if (errors.length) throw rejected(errors);
  progress(0, rows.length);
  const result = await ctx.db.transaction(async (tx) => {
    const newCommunities = new Map<string, string>();
    for (const r of rows) {
      const code = r.values.communityCode as string;
      if (!known.has(code)) newCommunities.set(code, r.values.communityName as string);
    }
    if (newCommunities.size) {
      await tx
        .insert(divisions)
        .values([...newCommunities].map(([code, name]) => ({ code, name, level: 'community' as const, parent: lineage(code)[3]! })))
        .onConflictDoNothing();
    }
    const result = await upsertCompounds(
      tx,
      rows.map((r) => r.values as unknown as NewCompound),
    );
    progress(rows.length, rows.length);
    await audit(tx, actor, 'import.compounds', 'compound', null, { rows: rows.length, ...result, communitiesAdded: newCommunities.size });
    return { kind: 'compounds' as const, rows: rows.length, ...result };
  });
  compoundsWritten(ctx);
  return result;
}

export async function upsertCompounds(tx: Tx, input: NewCompound[]) {
  let created = 0;
  let updated = 0;
  for (let start = 0; start < input.length; start += 2000) {
    const batch = input.slice(start, start + 2000).map((c) => ({ id: uuidv7(), ...compoundValues(c) }));
    const res = await tx
      .insert(compounds)
      .values(batch)
      .onConflictDoUpdate({
        target: [compounds.communityCode, compounds.name],
        set: {
          address: sql`excluded.address`,
          yearBuilt: sql`excluded.year_built`,
          floorAreaM2: sql`excluded.floor_area_m2`,
          buildingsCount: sql`excluded.buildings_count`,
          householdsCount: sql`excluded.households_count`,
          propertyMode: sql`excluded.property_mode`,
          longitude: sql`excluded.longitude`,
          latitude: sql`excluded.latitude`,
          updatedAt: sql`now()`,
        },
        setWhere: sql`(compounds.address, compounds.year_built, compounds.floor_area_m2, compounds.buildings_count, compounds.households_count,
          compounds.property_mode, compounds.longitude, compounds.latitude) is distinct from (excluded.address, excluded.year_built, excluded.floor_area_m2,
          excluded.buildings_count, excluded.households_count, excluded.property_mode, excluded.longitude, excluded.latitude)`,
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    for (const r of res) {
      if (r.inserted) created++;
      else updated++;
    }
  }
  return { created, updated, unchanged: input.length - created - updated };
}

async function resolveCompounds(ctx: AppContext, user: AuthUser, rows: ParsedRow[]) {
  const pairs = [
    ...new Map(
      rows
        .filter((r) => r.values.communityCode && r.values.compound)
        .map((r) => [`${r.values.communityCode}\u0000${r.values.compound}`, r.values]),
    ).values(),
  ];
  const found = new Map<string, string>();
  for (let start = 0; start < pairs.length; start += 5000) {
    const batch = pairs.slice(start, start + 5000);
    const res = await ctx.db.execute<{ id: string; community_code: string; name: string }>(sql`
      select c.id, c.community_code, c.name from compounds c
      join unnest(${pgArray(batch.map((p) => p.communityCode as string))}::text[], ${pgArray(batch.map((p) => p.compound as string))}::text[]) as k(code, name)
        on c.community_code = k.code and c.name = k.name`);
    for (const c of res.rows) {
      if (compoundInScope(user.scope, { id: c.id, communityCode: c.community_code })) found.set(`${c.community_code}\u0000${c.name}`, c.id);
    }
  }
  return found;
}

async function importHouseholds(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  table: Table,
  progress: Progress,
): Promise<ImportResult> {
  const { rows, errors } = parseRows(table, householdFields);
  const v = (r: ParsedRow, k: string) => r.values[k] as string;
  errors.push(
    ...duplicateKeyErrors(
      rows,
      (r) => [v(r, 'communityCode'), v(r, 'compound'), v(r, 'building'), v(r, 'unit'), v(r, 'room')].join('\u0000'),
      'room',
    ),
  );
  const compoundIds = await resolveCompounds(ctx, user, rows);
  for (const r of rows) {
    if (!r.values.communityCode || !r.values.compound) continue;
    if (!compoundIds.has(`${v(r, 'communityCode')}\u0000${v(r, 'compound')}`)) {
      errors.push({
        line: r.line,
        column: 'compound',
        message: rm.msg('row.compound_unknown', { compound: v(r, 'compound'), community: v(r, 'communityCode') }),
        path: `file[${r.line}].compound`,
      });
    }
  }
  if (errors.length) throw rejected(errors);
  const items = rows.map((r) => ({
    compoundId: compoundIds.get(`${v(r, 'communityCode')}\u0000${v(r, 'compound')}`)!,
    building: v(r, 'building'),
    unit: v(r, 'unit'),
    room: v(r, 'room'),
    floorAreaM2: v(r, 'floorAreaM2'),
    deedRef: (r.values.deedRef as string | undefined) ?? null,
  }));
  progress(0, items.length);
  return ctx.db.transaction(async (tx) => {
    const CHUNK = 20_000;
    const total = { created: 0, updated: 0, unchanged: 0 };
    for (let start = 0; start < items.length; start += CHUNK) {
      const r = await writeHouseholds(tx, items.slice(start, start + CHUNK), 'upsert');
      total.created += r.created;
      total.updated += r.updated;
      total.unchanged += r.unchanged;
      progress(Math.min(start + CHUNK, items.length), items.length);
    }
    await audit(tx, actor, 'import.households', 'household', null, {
      rows: items.length,
      ...total,
      compounds: new Set(compoundIds.values()).size,
    });
    return { kind: 'households', rows: items.length, ...total };
  });
}

export type ImportOutcome = { status: 200; result: ImportResult } | { status: 202; jobId: string };

async function tableOf(data: Buffer, filename: string): Promise<Table> {
  try {
    return await readTable(data, filename);
  } catch (err) {
    if (err instanceof SpreadsheetTooLargeError)
      throw problem(413, err.words, { errors: [{ path: 'file', message: pm.msg('spreadsheet.field_too_large') }] });
    if (err instanceof SpreadsheetError) throw unprocessable(err.words, [{ path: 'file', message: err.words }]);
    throw err;
  }
}

const runImport = (ctx: AppContext, user: AuthUser, actor: Actor | undefined, kind: ImportKind, table: Table, progress: Progress) =>
  kind === 'compounds' ? importCompounds(ctx, user, actor, table, progress) : importHouseholds(ctx, user, actor, table, progress);

interface ImportJobData {
  kind: ImportKind;
  filename: string;
  sha256: string;
  user: AuthUser;
  actor: Actor | undefined;
}

/** A large import in the background: one transaction, so a retry after a dead worker starts from nothing. */
export const importJob = defineJob<ImportJobData, AppContext>({
  name: 'registry.import',
  options: { retryLimit: 2, retryDelaySeconds: 2, timeoutSeconds: 30 * 60 },
  async run(ctx, data, progress) {
    const stream = await fileStore(ctx.env.dataDir).read(data.sha256);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const table = await tableOf(Buffer.concat(chunks), data.filename);
    return runImport(ctx, data.user, data.actor, data.kind, table, progress);
  },
});

export async function importFile(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  kind: ImportKind,
  filename: string,
  data: Buffer,
  opts: { background?: boolean } = {},
): Promise<ImportOutcome> {
  const table = await tableOf(data, filename);
  if (opts.background === false || table.rows.length <= ctx.env.IMPORT_BACKGROUND_ROWS)
    return { status: 200, result: await runImport(ctx, user, actor, kind, table, () => undefined) };
  const { sha256 } = await fileStore(ctx.env.dataDir).store(data);
  const jobId = await ctx.queue.enqueue(
    ctx.db,
    importJob,
    { kind, filename, sha256, user, actor },
    { createdBy: user.id, params: { filename, rows: table.rows.length } },
  );
  return { status: 202, jobId };
}
