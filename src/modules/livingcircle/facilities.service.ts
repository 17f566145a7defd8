// Facilities of the seven needs: added one by one or imported from a spreadsheet (checked whole, written in one
// transaction keyed by kind, name and place, so a repeat changes nothing), listed by filters with keyset pages.
// Each write recomputes, in its own transaction, the compounds whose circle the new facilities may touch.
import { and, asc, eq, gt, ilike, sql, type SQL } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { readTable, SpreadsheetError } from '../../platform/spreadsheet.ts';
import { divisionPrefix, registry, within } from '../registry/index.ts';
import { z } from 'zod';
import { recomputeAround } from './circle.service.ts';
import { parseFacilities, type RowError } from './import.ts';
import { circleMessages as m } from './messages.ts';
import { kindServes, type FacilityKind, type Need } from './needs.ts';
import { facilities, type OpeningSpan } from './schema.ts';

export interface NewFacility {
  name: string;
  need: Need;
  kind: string;
  lat: number;
  lng: number;
  address?: string | null;
  hours?: OpeningSpan[] | null;
  capacity?: number | null;
  operator?: string | null;
}

const fieldError = (path: string, code: Parameters<typeof m.msg>[0]) =>
  unprocessable(m.msg('circle.invalid'), [{ path, message: m.msg(code) }]);

const clock = /^([01]\d|2[0-3]):[0-5]\d$/;

function checkHours(hours: OpeningSpan[]) {
  hours.forEach((s, i) => {
    if (!clock.test(s.open)) throw fieldError(`body.hours.${i}.open`, 'field.clock');
    if (!clock.test(s.close) && s.close !== '24:00') throw fieldError(`body.hours.${i}.close`, 'field.clock');
    const bad = s.days.findIndex((d) => !Number.isInteger(d) || d < 1 || d > 7);
    if (bad >= 0 || !s.days.length) throw fieldError(`body.hours.${i}.days${bad >= 0 ? `.${bad}` : ''}`, 'field.weekday');
  });
}

/** Whose record a facility is: the community of the nearest compound in scope (2 km), else the account's division. */
export async function keeperOf(db: Db | Tx, user: AuthUser, p: { lat: number; lng: number }): Promise<string> {
  const near = await registry.nearestCompound(db, p, 2000);
  if (near && user.scope.division && within(near.communityCode, user.scope.division)) return near.communityCode;
  return user.scope.division!;
}

const view = (f: typeof facilities.$inferSelect) => ({
  id: f.id,
  name: f.name,
  need: f.need,
  kind: f.kind,
  lat: Number(f.latitude),
  lng: Number(f.longitude),
  divisionCode: f.divisionCode,
  address: f.address,
  hours: f.hours,
  capacity: f.capacity,
  operator: f.operator,
  createdAt: f.createdAt.toISOString(),
});

const values = (id: string, divisionCode: string, f: NewFacility) => ({
  id,
  name: f.name,
  need: f.need,
  kind: f.kind,
  latitude: f.lat.toFixed(6),
  longitude: f.lng.toFixed(6),
  divisionCode,
  address: f.address ?? null,
  hours: f.hours ?? null,
  capacity: f.capacity ?? null,
  operator: f.operator ?? null,
});

export async function createFacility(ctx: AppContext, user: AuthUser, actor: Actor | undefined, input: NewFacility) {
  return ctx.db.transaction(async (tx) => addFacility(tx, user, actor, input));
}

/** Adds a facility inside the caller's transaction (a space resource's conversion adds one with its own step). */
export async function addFacility(tx: Tx, user: AuthUser, actor: Actor | undefined, input: NewFacility) {
  if (!kindServes(input.need, input.kind)) throw fieldError('body.kind', 'field.kind_of_need');
  if (input.hours) checkHours(input.hours);
  if (!user.scope.division) throw fieldError('body.lat', 'field.out_of_scope');
  const divisionCode = await keeperOf(tx, user, input);
  const [row] = await tx
    .insert(facilities)
    .values(values(uuidv7(), divisionCode, input))
    .onConflictDoNothing()
    .returning();
  if (!row) throw conflict(m.msg('circle.facility_exists'), { errors: [{ path: 'body.name', message: m.msg('field.already_there') }] });
  const { compounds } = await recomputeAround(tx, [input], [input.need]);
  await audit(tx, actor, 'circle.facility.create', 'circle_facility', row.id, { need: row.need, kind: row.kind, compounds });
  return { ...view(row), affectedCompounds: compounds };
}

export const facilityFilters = z.object({
  need: z.string().optional(),
  kind: z.string().max(40).optional(),
  division: z
    .string()
    .regex(/^\d{6}(\d{3})?(\d{3})?$/, 'a 6-, 9- or 12-digit division code')
    .optional(),
  q: z.string().trim().max(100).optional(),
});

/** A division's records: its code's prefix (a city shares its first four digits with its districts). */
const underDivision = (code: string): SQL => sql`${facilities.divisionCode} like ${`${divisionPrefix(code)}%`}`;

export async function listFacilities(
  ctx: AppContext,
  user: AuthUser,
  q: z.infer<typeof facilityFilters> & { limit: number; cursor?: string },
) {
  const scope = user.scope.division;
  if (!scope) return { items: [], nextCursor: null };
  if (q.division && !within(q.division, scope) && !within(scope, q.division))
    throw unprocessable(m.msg('circle.division_invalid'), [{ path: 'query.division', message: m.msg('field.division') }]);
  const after = decodeCursor(q.cursor, z.tuple([z.guid()]));
  const conds = [underDivision(scope)];
  if (q.division) conds.push(underDivision(q.division));
  if (q.need) conds.push(eq(facilities.need, q.need as Need));
  if (q.kind) conds.push(eq(facilities.kind, q.kind));
  if (q.q) conds.push(ilike(facilities.name, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (after) conds.push(gt(facilities.id, after[0]));
  const rows = await ctx.db
    .select()
    .from(facilities)
    .where(and(...conds))
    .orderBy(asc(facilities.id))
    .limit(q.limit + 1);
  const p = page(rows, q.limit, (r) => [r.id]);
  return { items: p.items.map(view), nextCursor: p.nextCursor };
}

const MAX_REPORTED = 1000;

/** A file of facilities: every row checked before anything is written; then one transaction. */
export async function importFacilities(ctx: AppContext, user: AuthUser, actor: Actor | undefined, filename: string, data: Buffer) {
  let table;
  try {
    table = await readTable(data, filename);
  } catch (err) {
    if (err instanceof SpreadsheetError)
      throw unprocessable(m.msg('import.unreadable', { reason: err.words }), [{ path: 'body.file', message: err.words }]);
    throw err;
  }
  const { rows, errors } = parseFacilities(table);
  if (!user.scope.division) errors.push({ line: 1, column: 'lat', message: m.msg('field.out_of_scope'), path: 'file[1].lat' });
  if (errors.length) throw rejected(errors);
  return ctx.db.transaction(async (tx) => {
    let created = 0;
    for (const r of rows) {
      const divisionCode = await keeperOf(tx, user, r);
      const res = await tx
        .insert(facilities)
        .values(values(uuidv7(), divisionCode, { ...r, kind: r.kind as FacilityKind }))
        .onConflictDoNothing()
        .returning({ id: facilities.id });
      created += res.length;
    }
    const { compounds } = created ? await recomputeAround(tx, rows, [...new Set(rows.map((r) => r.need))]) : { compounds: 0 };
    await audit(tx, actor, 'circle.facility.import', 'circle_facility', null, { rows: rows.length, created, compounds });
    return { rows: rows.length, created, unchanged: rows.length - created, affectedCompounds: compounds };
  });
}

export function rejected(errors: RowError[]) {
  const lines = new Set(errors.map((e) => e.line));
  return unprocessable(
    m.msg('import.rows_invalid', { count: lines.size }),
    errors.slice(0, MAX_REPORTED).map((e) => ({ ...e })),
    {
      errorCount: errors.length,
      truncated: errors.length > MAX_REPORTED,
    },
  );
}
