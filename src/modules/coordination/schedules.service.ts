// Joint timetables: the year's packages in a division, the city's rules,
// crews and blackouts become a model; the scheduler (in a worker thread) makes
// the coordinated plan and the departments-alone baseline; both are verified,
// stored, and the liaisons whose packages moved since the last timetable told.
// A timetable is solved by a background job in any worker; its finishing is a
// domain event, and the notices to liaisons follow from that event.
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { conflict, notFound, problem, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { defineHandler } from '../../platform/events.ts';
import { defineJob } from '../../platform/queue.ts';
import { dateOfWorkingDay, firstWorkingDay, workingDayIndex, workingDaysOf } from './calendar.ts';
import { divisionPrefix } from '../registry/index.ts';
import { departmentFilter, divisionFor, inDivision } from './packages.service.ts';
import { coordinationMessages as cm, kindWords, noticeWords } from './messages.ts';
import { buildModel } from './plan-model.ts';
import { blackouts, departmentCrews, packageNotices, precedenceRules, schedulePackages, schedules, workPackages } from './schema.ts';
import { solveInWorker, type SolvedPlan, type SolveRequest } from './solve.ts';

type ScheduleRow = typeof schedules.$inferSelect;
type PackageRow = typeof workPackages.$inferSelect;

export interface Summary {
  makespan: number;
  makespanDate: string | null;
  disturbanceDays: number;
  excavations: number;
  repeatedExcavations: number;
  windows: {
    compoundId: string;
    compoundName: string;
    start: number;
    end: number;
    startDate: string;
    endDate: string;
    disturbanceDays: number;
    excavations: number;
  }[];
}

/** A plan as people read it: windows per compound with their dates, and the excavations beyond the first. */
export function summarise(plan: SolvedPlan, startsOn: string, names: ReadonlyMap<string, string>): Summary {
  const windows = plan.groups.map((g) => ({
    compoundId: g.group,
    compoundName: names.get(g.group) ?? g.group,
    start: g.start,
    end: g.end,
    startDate: dateOfWorkingDay(startsOn, g.start),
    endDate: dateOfWorkingDay(startsOn, Math.max(g.start, g.end - 1)),
    disturbanceDays: g.disturbanceDays,
    excavations: g.excavations,
  }));
  return {
    makespan: plan.makespan,
    makespanDate: plan.makespan > 0 ? dateOfWorkingDay(startsOn, plan.makespan - 1) : null,
    disturbanceDays: plan.disturbanceDays,
    excavations: plan.excavations,
    repeatedExcavations: windows.reduce((s, w) => s + Math.max(0, w.excavations - 1), 0),
    windows,
  };
}

const cityOf = (division: string) => division.slice(0, 4) + '00';

async function planInputs(ctx: AppContext, year: number, division: string, startsOn: string) {
  const packages = await ctx.db
    .select()
    .from(workPackages)
    .where(and(eq(workPackages.year, year), inDivision(division)));
  const city = cityOf(division);
  const [rules, crews, stops] = await Promise.all([
    ctx.db.select().from(precedenceRules).where(eq(precedenceRules.cityCode, city)),
    ctx.db.select().from(departmentCrews).where(eq(departmentCrews.cityCode, city)),
    ctx.db
      .select()
      .from(blackouts)
      .where(and(eq(blackouts.cityCode, city), sql`${blackouts.toDate} >= ${startsOn}`)),
  ]);
  const compounds = new Set(packages.map((p) => p.compoundId));
  const ranges = stops.flatMap((b) => {
    if (b.compoundId && !compounds.has(b.compoundId)) return [];
    const r = workingDaysOf(startsOn, b.fromDate, b.toDate);
    return r ? [{ compoundId: b.compoundId, ...r }] : [];
  });
  const crewsOf = new Map(crews.map((c) => [c.department as string, c.crews]));
  const tooBig = packages.find((p) => p.crews > (crewsOf.get(p.department) ?? 0));
  if (tooBig)
    throw unprocessable(
      cm.msg('schedule.crews_short', {
        compound: tooBig.compoundName,
        kind: kindWords(tooBig.kind),
        crews: tooBig.crews,
        department: tooBig.department,
        available: crewsOf.get(tooBig.department) ?? 0,
      }),
      [{ path: 'crews', message: cm.msg('field.crews_short', { id: tooBig.id }) }],
    );
  const model = buildModel({
    packages: packages.map((p) => ({ ...p, status: p.status })),
    rules,
    crews: crewsOf,
    blackouts: ranges,
  });
  return { packages, model };
}

function describeInputError(packages: PackageRow[], error: string, activityId: string | null): string {
  const p = packages.find((x) => x.id === activityId);
  return p ? `${p.compoundName} · ${p.kind} (${p.department}): ${error}` : error;
}

async function store(ctx: AppContext, schedule: ScheduleRow, packages: PackageRow[], req: SolveRequest) {
  const result = await solveInWorker(req);
  if (!result.ok || result.violations.length) {
    const error = result.ok
      ? `The scheduler answered a plan that fails verification: ${result.violations.join('; ')}`
      : describeInputError(packages, result.error, result.activityId);
    await ctx.db.update(schedules).set({ status: 'failed', error }).where(eq(schedules.id, schedule.id));
    // The solver's reason is its own (English) text; the schedule row keeps it as written.
    throw problem(422, cm.msg('schedule.unsolvable', { reason: error }));
  }
  const names = new Map(packages.map((p) => [p.compoundId, p.compoundName]));
  const coordinated = summarise(result.coordinated, schedule.startsOn, names);
  const baseline = summarise(result.baseline, schedule.startsOn, names);
  const starts = new Map(result.coordinated.starts);
  const baseStarts = new Map(result.baseline.starts);
  await ctx.db.transaction(async (tx) => {
    const rows = packages.map((p) => ({
      scheduleId: schedule.id,
      packageId: p.id,
      start: starts.get(p.id)!,
      end: starts.get(p.id)! + p.durationDays,
      baselineStart: baseStarts.get(p.id)!,
      baselineEnd: baseStarts.get(p.id)! + p.durationDays,
    }));
    for (let i = 0; i < rows.length; i += 2000) await tx.insert(schedulePackages).values(rows.slice(i, i + 2000));
    await tx.update(schedules).set({ status: 'done', coordinated, baseline }).where(eq(schedules.id, schedule.id));
    await ctx.events.record(tx, scheduleFinished, { scheduleId: schedule.id });
  });
  return { id: schedule.id, status: 'done' as const, coordinated, baseline };
}

/** Tells each department which of its packages this timetable moved against the last one of the same year and division. */
async function noticeMoves(tx: Tx, schedule: ScheduleRow, packages: PackageRow[], starts: ReadonlyMap<string, number>) {
  const [previous] = await tx
    .select()
    .from(schedules)
    .where(
      and(
        eq(schedules.year, schedule.year),
        eq(schedules.division, schedule.division),
        eq(schedules.status, 'done'),
        lt(schedules.createdAt, schedule.createdAt),
      ),
    )
    .orderBy(desc(schedules.createdAt))
    .limit(1);
  if (!previous) return;
  const before = new Map(
    (await tx.select().from(schedulePackages).where(eq(schedulePackages.scheduleId, previous.id))).map((r) => [r.packageId, r.start]),
  );
  const notices = packages.flatMap((p) => {
    const was = before.get(p.id);
    const now = starts.get(p.id)!;
    if (was === undefined || was === now) return [];
    const params = {
      compound: p.compoundName,
      kind: p.kind,
      from: dateOfWorkingDay(previous.startsOn, was),
      to: dateOfWorkingDay(schedule.startsOn, now),
    };
    const code = 'coordination.package_moved';
    const message = noticeWords({ code, params, message: '' }).in('en');
    return [{ id: uuidv7(), department: p.department, scheduleId: schedule.id, packageId: p.id, message, code, params }];
  });
  for (let i = 0; i < notices.length; i += 2000) await tx.insert(packageNotices).values(notices.slice(i, i + 2000));
}

interface ScheduleJobData {
  scheduleId: string;
  replan?: SolveRequest['replan'];
}

/** Solves a timetable: the model is built from the records as they are when the job runs. */
export const scheduleJob = defineJob<ScheduleJobData, AppContext>({
  name: 'coordination.schedule',
  options: { retryLimit: 1, retryDelaySeconds: 2, timeoutSeconds: 10 * 60 },
  async run(ctx, data) {
    const [schedule] = await ctx.db.select().from(schedules).where(eq(schedules.id, data.scheduleId));
    if (!schedule || schedule.status !== 'running') return { id: data.scheduleId, status: schedule?.status ?? 'missing' };
    const { packages, model } = await planInputs(ctx, schedule.year, schedule.division, schedule.startsOn);
    return store(ctx, schedule, packages, { model, options: { seed: schedule.year }, ...(data.replan ? { replan: data.replan } : {}) });
  },
  async failed(ctx, data, error) {
    await ctx.db
      .update(schedules)
      .set({ status: 'failed', error: error.detail ?? error.title })
      .where(and(eq(schedules.id, data.scheduleId), eq(schedules.status, 'running')));
  },
});

export const scheduleFinished = 'coordination.schedule_finished';

/** Tells each department which of its packages a finished timetable moved. */
export const noticeMovesHandler = defineHandler<{ scheduleId: string }, AppContext>({
  name: 'coordination.notice_moves',
  topic: scheduleFinished,
  async handle(_ctx, event, tx) {
    const [schedule] = await tx.select().from(schedules).where(eq(schedules.id, event.payload.scheduleId));
    if (!schedule) return;
    const rows = await tx
      .select({ start: schedulePackages.start, p: workPackages })
      .from(schedulePackages)
      .innerJoin(workPackages, eq(workPackages.id, schedulePackages.packageId))
      .where(eq(schedulePackages.scheduleId, schedule.id));
    await noticeMoves(
      tx,
      schedule,
      rows.map((r) => r.p),
      new Map(rows.map((r) => [r.p.id, r.start])),
    );
  },
});

async function queueSchedule(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  values: Omit<typeof schedules.$inferInsert, 'id' | 'status' | 'createdBy'>,
  auditAction: string,
  auditDetail: Record<string, unknown>,
  replan?: SolveRequest['replan'],
) {
  const id = uuidv7();
  return ctx.db.transaction(async (tx) => {
    await tx.insert(schedules).values({ ...values, id, status: 'running', createdBy: user.id });
    await audit(tx, actor, auditAction, 'schedule', id, auditDetail);
    const jobId = await ctx.queue.enqueue(
      tx,
      scheduleJob,
      { scheduleId: id, ...(replan ? { replan } : {}) },
      { createdBy: user.id, params: { scheduleId: id } },
    );
    return { jobId, scheduleId: id };
  });
}

export async function requestSchedule(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  input: { year: number; division?: string },
) {
  const division = divisionFor(user, input.division);
  const startsOn = firstWorkingDay(`${input.year}-01-01`);
  // Built here too, so a plan that cannot be solved is refused at once rather than by a failed job.
  const { packages } = await planInputs(ctx, input.year, division, startsOn);
  if (!packages.length)
    throw unprocessable(cm.msg('schedule.no_packages', { year: input.year, division }), [
      { path: 'body.year', message: cm.msg('field.no_work_packages') },
    ]);
  return queueSchedule(ctx, user, actor, { year: input.year, division, startsOn }, 'schedule.request', {
    year: input.year,
    division,
    packages: packages.length,
  });
}

/**
 * Re-plans from `today`: packages started (or done) keep their start, the rest
 * may not start before today; the scheduler changes as little as it can.
 */
export async function requestReplan(ctx: AppContext, user: AuthUser, actor: Actor | undefined, scheduleId: string, today: string) {
  const previous = await scheduleFor(ctx, user, scheduleId);
  if (previous.status !== 'done') throw conflict(cm.msg('schedule.replan_finished_only'), { status: previous.status });
  const { packages } = await planInputs(ctx, previous.year, previous.division, previous.startsOn);
  const before = await ctx.db.select().from(schedulePackages).where(eq(schedulePackages.scheduleId, previous.id));
  const startOf = new Map(before.map((r) => [r.packageId, r.start]));
  const startedPackages = packages.filter((p) => p.status !== 'planned');
  for (const p of startedPackages)
    if (!startOf.has(p.id) && p.startedOn) startOf.set(p.id, Math.max(0, workingDayIndex(previous.startsOn, p.startedOn)));
  const todayIndex = Math.max(0, workingDayIndex(previous.startsOn, today));
  return queueSchedule(
    ctx,
    user,
    actor,
    { year: previous.year, division: previous.division, startsOn: previous.startsOn, replanOf: previous.id, today: todayIndex },
    'schedule.replan',
    { replanOf: previous.id, today, started: startedPackages.length },
    { previous: [...startOf], started: startedPackages.map((p) => p.id), today: todayIndex },
  );
}

async function scheduleFor(ctx: AppContext, user: AuthUser, id: string): Promise<ScheduleRow> {
  const [row] = await ctx.db.select().from(schedules).where(eq(schedules.id, id));
  const scope = user.scope.division;
  if (!row || !scope || !(row.division.startsWith(divisionPrefix(scope)) || scope.startsWith(divisionPrefix(row.division))))
    throw notFound(cm.msg('schedule.entity', { id }));
  return row;
}

const comparison = (c: Summary | null, b: Summary | null) =>
  c && b
    ? {
        disturbanceDaysSaved: b.disturbanceDays - c.disturbanceDays,
        repeatedExcavationsAvoided: b.repeatedExcavations - c.repeatedExcavations,
        makespanDelta: c.makespan - b.makespan,
      }
    : null;

export async function getSchedule(ctx: AppContext, user: AuthUser, id: string) {
  const s = await scheduleFor(ctx, user, id);
  const coordinated = s.coordinated as Summary | null;
  const baseline = s.baseline as Summary | null;
  return {
    id: s.id,
    year: s.year,
    division: s.division,
    status: s.status,
    startsOn: s.startsOn,
    replanOf: s.replanOf,
    today: s.today,
    error: s.error,
    createdAt: s.createdAt.toISOString(),
    coordinated,
    baseline,
    comparison: comparison(coordinated, baseline),
  };
}

export async function listSchedules(ctx: AppContext, user: AuthUser, q: { year: number; division?: string }) {
  const division = divisionFor(user, q.division);
  const rows = await ctx.db
    .select({
      id: schedules.id,
      year: schedules.year,
      division: schedules.division,
      status: schedules.status,
      replanOf: schedules.replanOf,
      createdAt: schedules.createdAt,
    })
    .from(schedules)
    .where(and(eq(schedules.year, q.year), sql`${schedules.division} like ${divisionPrefix(division) + '%'}`))
    .orderBy(desc(schedules.createdAt))
    .limit(50);
  return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}

/** Every package of a timetable with its days and dates, coordinated and baseline; a liaison sees their department's. */
export async function schedulePackageList(ctx: AppContext, user: AuthUser, id: string, department?: string) {
  const s = await scheduleFor(ctx, user, id);
  const rows = await ctx.db
    .select({ sp: schedulePackages, p: workPackages })
    .from(schedulePackages)
    .innerJoin(workPackages, eq(workPackages.id, schedulePackages.packageId))
    .where(
      and(
        eq(schedulePackages.scheduleId, s.id),
        departmentFilter(user),
        department ? eq(workPackages.department, department as PackageRow['department']) : undefined,
      ),
    )
    .orderBy(workPackages.compoundName, schedulePackages.start, workPackages.kind);
  const date = (i: number) => dateOfWorkingDay(s.startsOn, i);
  return {
    schedule: s,
    items: rows.map(({ sp, p }) => ({
      packageId: p.id,
      projectId: p.projectId,
      compoundId: p.compoundId,
      compoundName: p.compoundName,
      kind: p.kind,
      department: p.department,
      opensGround: p.opensGround,
      durationDays: p.durationDays,
      crews: p.crews,
      status: p.status,
      start: sp.start,
      end: sp.end,
      startDate: date(sp.start),
      endDate: date(Math.max(sp.start, sp.end - 1)),
      baselineStart: sp.baselineStart,
      baselineEnd: sp.baselineEnd,
      baselineStartDate: date(sp.baselineStart),
      baselineEndDate: date(Math.max(sp.baselineStart, sp.baselineEnd - 1)),
    })),
  };
}

/**
 * The notices an account may see: a liaison their own department's, everyone
 * within their scope (division or compounds) by the package's compound. Others
 * answer as if they did not exist.
 */
function noticeVisible(ctx: AppContext, user: AuthUser): SQL {
  const inScope = or(
    user.scope.division ? inDivision(user.scope.division) : undefined,
    user.scope.compoundIds.length ? inArray(workPackages.compoundId, user.scope.compoundIds) : undefined,
  );
  const visible = ctx.db
    .select({ id: workPackages.id })
    .from(workPackages)
    .where(and(inScope ?? sql`false`, departmentFilter(user)));
  return inArray(packageNotices.packageId, visible);
}

export async function notices(ctx: AppContext, user: AuthUser) {
  const rows = await ctx.db
    .select()
    .from(packageNotices)
    .where(noticeVisible(ctx, user))
    .orderBy(desc(packageNotices.createdAt))
    .limit(200);
  return {
    items: rows.map(({ params: _params, ...n }) => ({
      ...n,
      message: noticeWords({ ...n, params: _params }),
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
    })),
  };
}

export async function markNoticeRead(ctx: AppContext, user: AuthUser, id: string) {
  const [row] = await ctx.db
    .update(packageNotices)
    .set({ readAt: new Date() })
    .where(and(eq(packageNotices.id, id), noticeVisible(ctx, user)))
    .returning({ id: packageNotices.id });
  if (!row) throw notFound(cm.msg('notice.entity', { id }));
}
