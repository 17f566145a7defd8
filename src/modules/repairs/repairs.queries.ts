// Reading repairs: who may see which (a resident their households', staff their scope's compounds), the places of
// households, the photos, and one request's timeline: the work order's steps (filed, assigned or taken, started,
// completed) merged with the repair's own (overdue, followed up, rated). What a resident reads never names a
// person: steps carry the actor's role only.
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { forbidden, notFound } from '../../platform/http/problem.ts';
import { accountsByIds } from '../accounts/index.ts';
import { divisionPrefix, registry } from '../registry/index.ts';
import { getWorkOrder } from '../workorders/index.ts';
import { repairMessages as rm } from './messages.ts';
import { isOverdue, type RepairCategories } from './rules.ts';
import { repairFollowUps, repairPhotos, repairRatings, repairs, repairSteps, type PhotoStage } from './schema.ts';

export type Row = typeof repairs.$inferSelect;
type Reader = Db | Tx;

/** Repairs in the staff member's scope, in SQL: compounds granted one by one, or those under their division. */
export function inStaffScope(user: AuthUser): SQL {
  const parts: SQL[] = [];
  if (user.scope.compoundIds.length) parts.push(inArray(repairs.compoundId, user.scope.compoundIds));
  if (user.scope.division) parts.push(sql`${repairs.communityCode} like ${divisionPrefix(user.scope.division) + '%'}`);
  return parts.length ? or(...parts)! : sql`false`;
}

/** The households the resident is verified in; any other account files and reads nothing here. */
export async function residentHouseholds(db: Reader, user: AuthUser): Promise<string[]> {
  if (!user.residentId) throw forbidden(rm.msg('repair.resident_only'));
  const ids = await registry.householdIdsOfResident(db, user.residentId);
  if (!ids.length) throw forbidden(rm.msg('repair.resident_only'));
  return ids;
}

/** One repair the user may see (a resident: of their households; staff: in scope), or 404 alike for both. */
export async function visibleRepair(db: Reader, user: AuthUser, id: string, as: 'resident' | 'staff', lock = false): Promise<Row> {
  const where =
    as === 'resident'
      ? and(eq(repairs.id, id), inArray(repairs.householdId, await residentHouseholds(db, user)))
      : and(eq(repairs.id, id), inStaffScope(user));
  const q = db.select().from(repairs).where(where);
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound(rm.msg('repair.entity', { id }));
  return row;
}

export interface Place {
  compoundName: string;
  building: string;
  unit: string;
  room: string;
}

export async function placesOf(db: Reader, householdIds: string[]): Promise<Map<string, Place>> {
  const rows = await registry.householdFrame(db, { householdIds: [...new Set(householdIds)] });
  return new Map(rows.map((h) => [h.id, { compoundName: h.compound, building: h.building, unit: h.unit, room: h.room }]));
}

export async function ratingsOf(db: Reader, ids: string[]) {
  if (!ids.length) return new Map<string, typeof repairRatings.$inferSelect>();
  const rows = await db.select().from(repairRatings).where(inArray(repairRatings.repairId, ids));
  return new Map(rows.map((r) => [r.repairId, r]));
}

export async function followedUp(db: Reader, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectDistinct({ id: repairFollowUps.repairId })
    .from(repairFollowUps)
    .where(inArray(repairFollowUps.repairId, ids));
  return new Set(rows.map((r) => r.id));
}

export async function namesOf(db: Reader, ids: (string | null | undefined)[]) {
  const found = await accountsByIds(db, [...new Set(ids.filter((i): i is string => !!i))]);
  return new Map(found.map((a) => [a.id, { id: a.id, displayName: a.displayName }]));
}

export async function photosOf(db: Reader, repairId: string) {
  return db
    .select()
    .from(repairPhotos)
    .where(eq(repairPhotos.repairId, repairId))
    .orderBy(asc(repairPhotos.stage), asc(repairPhotos.position));
}

export async function photoOf(db: Reader, repairId: string, photoId: string) {
  const [photo] = await db
    .select()
    .from(repairPhotos)
    .where(and(eq(repairPhotos.repairId, repairId), eq(repairPhotos.id, photoId)));
  if (!photo) throw notFound(rm.msg('repair.photo.entity', { id: photoId }));
  return photo;
}

const localName = (cats: RepairCategories, code: string) => {
  const c = cats.byCode.get(code);
  return c ? { zh: c.name.zh, en: c.name.en } : { zh: code, en: code };
};

/** What every list and page shows of a repair. */
export function summary(r: Row, cats: RepairCategories, place: Place | undefined, now: Date) {
  return {
    id: r.id,
    compoundId: r.compoundId,
    place: place ?? null,
    category: r.category,
    categoryName: localName(cats, r.category),
    description: r.description,
    status: r.status,
    overdue: isOverdue(r, now),
    dueAt: r.dueAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
  };
}

export type Step = {
  at: string;
  action: string;
  /** Who, as a role: the resident who filed it, the property staff, or the system (the clock). */
  actorRole: 'resident' | 'staff' | 'system';
  actor: { id: string; displayName: string } | null;
  note: string | null;
};

/**
 * The timeline: the order's steps (its `raised` is the resident's filing) and the repair's own, by time. For a
 * resident, people are left out (`actor` null) and a follow-up's note is its outcome only; staff read the names of
 * staff, never the resident's.
 */
export async function timeline(ctx: AppContext, user: AuthUser, r: Row, forResident: boolean): Promise<Step[]> {
  const [order, own] = await Promise.all([
    getWorkOrder(ctx, user, r.workOrderId),
    ctx.db.select().from(repairSteps).where(eq(repairSteps.repairId, r.id)).orderBy(asc(repairSteps.at), asc(repairSteps.id)),
  ]);
  const people = await namesOf(
    ctx.db,
    own.map((s) => s.actorId),
  );
  const role = (id: string | null): Step['actorRole'] => (id === null ? 'system' : id === r.filedBy ? 'resident' : 'staff');
  const steps: Step[] = [
    ...order.steps
      .filter((s) => s.action !== 'called_back')
      .map((s) => ({
        at: s.at,
        action: s.action === 'raised' ? 'filed' : s.action,
        actorRole: role(s.actor?.id ?? null),
        actor: s.actor,
        note: s.action === 'raised' ? null : s.note,
      })),
    ...own.map((s) => ({
      at: s.at.toISOString(),
      action: s.action,
      actorRole: role(s.actorId),
      actor: s.actorId ? (people.get(s.actorId) ?? null) : null,
      note: s.note,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  // A resident's name is personal data: staff read the role only for the resident's own steps.
  return steps.map((s) => (forResident || s.actorRole === 'resident' ? { ...s, actor: null } : s));
}

export const photoViews = (rows: Awaited<ReturnType<typeof photosOf>>, url: (photoId: string) => string, stage: PhotoStage) =>
  rows.filter((p) => p.stage === stage).map((p) => ({ id: p.id, url: url(p.id), filename: p.filename }));
