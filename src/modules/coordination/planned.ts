// A package's planned dates come from the latest finished timetable that placed it (a re-plan is a newer
// timetable, so it wins); a package no timetable has placed yet has none. Issue 16: the liaison reads their
// packages' dates here, on the packages list and on their home.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { registry } from '../registry/index.ts';
import { dateOfWorkingDay } from './calendar.ts';
import { departmentFilter, inDivision, packageView, type PackageRow } from './packages.service.ts';
import { schedulePackages, schedules, workPackages } from './schema.ts';

export interface PlannedDates {
  scheduleId: string;
  /** The first and the last working day of the package in that timetable (yyyy-mm-dd). */
  startDate: string;
  endDate: string;
}

/** The planned dates of some packages, each from the latest finished timetable that placed it. */
export async function plannedDates(db: Db | Tx, packageIds: string[]): Promise<Map<string, PlannedDates>> {
  if (!packageIds.length) return new Map();
  const rows = await db
    .selectDistinctOn([schedulePackages.packageId], {
      packageId: schedulePackages.packageId,
      scheduleId: schedules.id,
      startsOn: schedules.startsOn,
      start: schedulePackages.start,
      end: schedulePackages.end,
    })
    .from(schedulePackages)
    .innerJoin(schedules, eq(schedules.id, schedulePackages.scheduleId))
    .where(and(inArray(schedulePackages.packageId, packageIds), eq(schedules.status, 'done')))
    .orderBy(schedulePackages.packageId, desc(schedules.createdAt), desc(schedules.id));
  return new Map(
    rows.map((r) => [
      r.packageId,
      {
        scheduleId: r.scheduleId,
        startDate: dateOfWorkingDay(r.startsOn, r.start),
        endDate: dateOfWorkingDay(r.startsOn, Math.max(r.start, r.end - 1)),
      },
    ]),
  );
}

/**
 * Package views with their planned dates (null when no finished timetable placed them) and their district and
 * subdistrict by name (issue 16: packages of same-named compounds are told apart, and read where they are).
 */
export async function withPlanned(db: Db | Tx, rows: PackageRow[]) {
  const planned = await plannedDates(
    db,
    rows.map((r) => r.id),
  );
  const places = rows.map((r) => packagePlace(r.communityCode));
  const names = await registry.divisionNames(db, [...new Set(places.flatMap((p) => [p.districtCode, p.subdistrictCode]))]);
  return rows.map((r, i) => {
    const { districtCode, subdistrictCode } = places[i]!;
    return {
      ...packageView(r),
      districtCode,
      districtName: names.get(districtCode) ?? '',
      subdistrictCode,
      subdistrictName: names.get(subdistrictCode) ?? '',
      planned: planned.get(r.id) ?? null,
    };
  });
}

/** A package's district and subdistrict, read off its community's code (district: 6 digits, subdistrict: 9). */
export const packagePlace = (communityCode: string) => ({
  districtCode: communityCode.slice(0, 6),
  subdistrictCode: communityCode.slice(0, 9),
});

/**
 * A department liaison's packages (their department, within their division) of the latest year that has any,
 * soonest planned start first (unplaced ones last), with the total: what their home lists.
 */
export async function liaisonPackages(db: Db | Tx, user: AuthUser, limit: number) {
  const division = user.scope.division;
  if (user.role !== 'department_liaison' || !division) return { year: null, total: 0, items: [] };
  const where = and(inDivision(division), departmentFilter(user));
  const [latest] = await db
    .select({ year: sql<number | null>`max(${workPackages.year})` })
    .from(workPackages)
    .where(where);
  const year = latest?.year ?? null;
  if (year === null) return { year: null, total: 0, items: [] };
  const rows = await db
    .select()
    .from(workPackages)
    .where(and(where, eq(workPackages.year, year)))
    .orderBy(asc(workPackages.compoundName), asc(workPackages.id));
  const items = (await withPlanned(db, rows)).sort(
    (a, b) =>
      (a.planned?.startDate ?? '9999').localeCompare(b.planned?.startDate ?? '9999') ||
      a.compoundName.localeCompare(b.compoundName, 'zh-CN'),
  );
  return { year, total: items.length, items: items.slice(0, limit) };
}
