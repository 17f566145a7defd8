import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { fileResponse, noContent, xlsxMediaType, type ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { localized } from '../../platform/http/locale.ts';
import { forbidden } from '../../platform/http/problem.ts';
import { coordinationMessages as cm } from './messages.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { timetableIcs, timetableXlsx } from './exports.ts';
import { coordinationDepartments, workKindNames, workKinds, type WorkKind } from './kinds.ts';
import * as packages from './packages.service.ts';
import { annualReviews, recordReview } from './reviews.service.ts';
import * as schedules from './schedules.service.ts';
import { reviewDepartments } from './schema.ts';
import * as settings from './settings.service.ts';

const tags = ['coordination'];
const id = z.object({ id: z.string().uuid() });
const year = z.coerce.number().int().min(2000).max(2100);
const division = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'a division code of 6, 9 or 12 digits');
const isoDate = z.iso.date();
const kind = z.enum(workKindNames as [WorkKind, ...WorkKind[]]);
const department = z.enum(coordinationDepartments);
const packageSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  compoundId: z.string(),
  compoundName: z.string(),
  year: z.number().int(),
  kind: z.string(),
  department: z.string(),
  durationDays: z.number().int(),
  crews: z.number().int(),
  opensGround: z.boolean(),
  blocksAccess: z.boolean(),
  planItemCodes: z.array(z.string()),
  status: z.enum(['planned', 'started', 'done']),
  startedOn: z.string().nullable(),
});
const window = z.object({
  compoundId: z.string(),
  compoundName: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  disturbanceDays: z.number().int(),
  excavations: z.number().int(),
});
const summary = z.object({
  makespan: z.number().int(),
  makespanDate: z.string().nullable(),
  disturbanceDays: z.number().int(),
  excavations: z.number().int(),
  repeatedExcavations: z.number().int(),
  windows: z.array(window),
});
const scheduleSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  division: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  startsOn: z.string(),
  replanOf: z.string().nullable(),
  today: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  coordinated: summary.nullable(),
  baseline: summary.nullable(),
  comparison: z
    .object({ disturbanceDaysSaved: z.number().int(), repeatedExcavationsAvoided: z.number().int(), makespanDelta: z.number().int() })
    .nullable(),
});
const started = z.object({ jobId: z.string(), scheduleId: z.string() });
const scheduledPackage = z.object({
  packageId: z.string(),
  projectId: z.string(),
  compoundId: z.string(),
  compoundName: z.string(),
  kind: z.string(),
  department,
  opensGround: z.boolean(),
  durationDays: z.number().int(),
  crews: z.number().int(),
  status: z.enum(['planned', 'started', 'done']),
  start: z.number().int(),
  end: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  baselineStart: z.number().int(),
  baselineEnd: z.number().int(),
  baselineStartDate: z.string(),
  baselineEndDate: z.string(),
});
const notice = z.object({
  id: z.string(),
  department,
  scheduleId: z.string(),
  packageId: z.string(),
  /** What happened, by code (coordination.package_moved; null for notices written before codes); `message` says it in the request's language. */
  code: z.string().nullable(),
  message: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
const reviewDecision = z.object({ decision: z.enum(['approve', 'return']), comments: z.string().nullable(), decidedAt: z.string() });
const reviewDecisions = z.object({
  housing: reviewDecision.nullable(),
  development_reform: reviewDecision.nullable(),
  finance: reviewDecision.nullable(),
} satisfies Record<(typeof reviewDepartments)[number], unknown>);

export async function coordinationRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/coordination/kinds',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'Kinds of work package, their departments and whether they open the ground',
        response: {
          200: z.object({
            kinds: z.array(z.object({ kind, department, opensGround: z.boolean() })),
            departments: z.array(department).readonly(),
          }),
        },
      },
    },
    async () => ({
      kinds: workKindNames.map((k) => ({ kind: k, department: workKinds[k].department, opensGround: workKinds[k].opensGround })),
      departments: coordinationDepartments,
    }),
  );

  // Work packages
  app.get(
    '/api/v1/projects/:id/work-packages',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: "A project's work packages (a liaison: their department's)",
        params: id,
        response: { 200: z.object({ items: z.array(packageSchema) }) },
      },
    },
    async (req) => packages.projectPackages(ctx, userOf(req), req.params.id),
  );
  app.get(
    '/api/v1/work-packages',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: "A year's work packages in a division, by compound (a liaison: their department's)",
        querystring: z.object({ year, division: division.optional(), department: department.optional(), ...pageQuery }),
        response: { 200: pageSchema(packageSchema) },
      },
    },
    async (req) => packages.listPackages(ctx, userOf(req), req.query),
  );
  app.get(
    '/api/v1/work-packages/years',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'The years with work packages in a division (a liaison: their department’s), newest first',
        querystring: z.object({ division: division.optional() }),
        response: { 200: z.object({ years: z.array(z.number().int()) }) },
      },
    },
    async (req) => packages.packageYears(ctx, userOf(req), req.query),
  );
  app.post(
    '/api/v1/projects/:id/work-packages',
    {
      config: { permission: 'packages.write' },
      schema: {
        tags,
        summary: 'Add a work package to a compound of the project (its department follows from its kind)',
        params: id,
        body: z.object({
          compoundId: z.string().uuid(),
          kind,
          durationDays: z.number().int().min(1).max(500),
          crews: z.number().int().min(1).max(50),
          blocksAccess: z.boolean().optional(),
          planItemCodes: z
            .array(z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'a third-level indicator code'))
            .max(50)
            .optional(),
        }),
        response: { 201: packageSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await packages.createPackage(ctx, userOf(req), actorOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/v1/work-packages/:id',
    {
      config: { permission: 'packages.write' },
      schema: {
        tags,
        summary: 'Change a package: a slip is a longer duration; a start is recorded with its day',
        params: id,
        body: z
          .object({
            durationDays: z.number().int().min(1).max(500).optional(),
            crews: z.number().int().min(1).max(50).optional(),
            blocksAccess: z.boolean().optional(),
            status: z.enum(['planned', 'started', 'done']).optional(),
            startedOn: isoDate.nullish(),
          })
          .strict(),
        response: { 200: packageSchema },
      },
    },
    async (req) => packages.patchPackage(ctx, userOf(req), actorOf(req), req.params.id, req.body),
  );

  // The city's settings
  const rule = z.object({
    id: z.string(),
    beforeKind: z.string(),
    afterKind: z.string(),
    lagDays: z.number().int(),
    note: z.string().nullable(),
  });
  app.get(
    '/api/v1/precedence-rules',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: "The city's precedence rules between kinds", response: { 200: z.object({ items: z.array(rule) }) } },
    },
    async (req) => settings.listRules(ctx, userOf(req)),
  );
  app.post(
    '/api/v1/precedence-rules',
    {
      config: { permission: 'coordination.configure' },
      schema: {
        tags,
        summary: 'Add a precedence rule (a rule closing a cycle is refused)',
        body: z.object({
          beforeKind: kind,
          afterKind: kind,
          lagDays: z.number().int().min(0).max(200).default(0),
          note: z.string().trim().max(200).nullish(),
        }),
        response: { 201: rule },
      },
    },
    async (req, reply) => reply.code(201).send(await settings.addRule(ctx, userOf(req), actorOf(req), req.body)),
  );
  app.delete(
    '/api/v1/precedence-rules/:id',
    {
      config: { permission: 'coordination.configure' },
      schema: { tags, summary: 'Remove a precedence rule', params: id, response: { 204: noContent } },
    },
    async (req, reply) => {
      await settings.deleteRule(ctx, userOf(req), actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
  const crews = z.object({ department: z.string(), crews: z.number().int() });
  app.get(
    '/api/v1/department-crews',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: 'Crews each department can put to work at once', response: { 200: z.object({ items: z.array(crews) }) } },
    },
    async (req) => settings.listCrews(ctx, userOf(req)),
  );
  app.put(
    '/api/v1/department-crews/:department',
    {
      config: { permission: 'coordination.configure' },
      schema: {
        tags,
        summary: "Set a department's crews",
        params: z.object({ department }),
        body: z.object({ crews: z.number().int().min(0).max(1000) }),
        response: { 200: crews },
      },
    },
    async (req) => settings.setCrews(ctx, userOf(req), actorOf(req), req.params.department, req.body.crews),
  );
  const blackout = z.object({
    id: z.string(),
    compoundId: z.string().nullable(),
    compoundName: z.string().nullable().optional(),
    fromDate: z.string(),
    toDate: z.string(),
    reason: z.string(),
  });
  app.get(
    '/api/v1/blackouts',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'Periods without works in a year (city-wide, or one compound’s)',
        querystring: z.object({ year }),
        response: { 200: z.object({ items: z.array(blackout) }) },
      },
    },
    async (req) => settings.listBlackouts(ctx, userOf(req), req.query.year),
  );
  app.post(
    '/api/v1/blackouts',
    {
      config: { permission: 'coordination.configure' },
      schema: {
        tags,
        summary: 'Add a blackout period (both dates inclusive; no compound: city-wide)',
        body: z.object({
          compoundId: z.string().uuid().nullish(),
          fromDate: isoDate,
          toDate: isoDate,
          reason: z.string().trim().min(1).max(200),
        }),
        response: { 201: blackout },
      },
    },
    async (req, reply) => reply.code(201).send(await settings.addBlackout(ctx, userOf(req), actorOf(req), req.body)),
  );

  // Timetables
  app.post(
    '/api/v1/schedules',
    {
      config: { permission: 'schedules.run' },
      schema: {
        tags,
        summary: "Make the joint timetable of a year's packages in a division (a background job; its result is the schedule)",
        body: z.object({ year: z.number().int().min(2000).max(2100), division: division.optional() }),
        response: { 202: started },
      },
    },
    async (req, reply) => reply.code(202).send(await schedules.requestSchedule(ctx, userOf(req), actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/schedules',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: "A year's timetables in a division, newest first",
        querystring: z.object({ year, division: division.optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                year: z.number(),
                division: z.string(),
                status: z.string(),
                replanOf: z.string().nullable(),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => schedules.listSchedules(ctx, userOf(req), req.query),
  );
  app.get(
    '/api/v1/schedules/:id',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'A timetable: the coordinated plan beside the departments-alone baseline, per compound',
        params: id,
        response: { 200: scheduleSchema },
      },
    },
    async (req) => schedules.getSchedule(ctx, userOf(req), req.params.id),
  );
  app.get(
    '/api/v1/schedules/:id/packages',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: "Every package of the timetable with its working days and dates (a liaison: their department's)",
        params: id,
        response: { 200: z.object({ items: z.array(scheduledPackage) }) },
      },
    },
    async (req) => ({ items: (await schedules.schedulePackageList(ctx, userOf(req), req.params.id)).items }),
  );
  app.post(
    '/api/v1/schedules/:id/replan',
    {
      config: { permission: 'schedules.run' },
      schema: {
        tags,
        summary: 'Re-plan from a day: started packages stay where they are, the rest move as little as they can',
        params: id,
        body: z.object({ today: isoDate }),
        response: { 202: started },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await schedules.requestReplan(ctx, userOf(req), actorOf(req), req.params.id, req.body.today)),
  );
  app.get(
    '/api/v1/schedules/:id/export.xlsx',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'The timetable as .xlsx',
        params: id,
        response: { 200: fileResponse(xlsxMediaType, 'timetable-<year>.xlsx') },
      },
    },
    async (req, reply) => {
      const listed = await schedules.schedulePackageList(ctx, userOf(req), req.params.id);
      return reply
        .type(xlsxMediaType)
        .header('content-disposition', `attachment; filename="timetable-${listed.schedule.year}.xlsx"`)
        .send(await timetableXlsx(listed));
    },
  );
  app.get(
    '/api/v1/schedules/:id/calendar.ics',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: "A department's packages as iCalendar (a liaison: their own)",
        params: id,
        querystring: z.object({ department }),
        response: { 200: fileResponse('text/calendar', 'timetable-<year>-<department>.ics') },
      },
    },
    async (req, reply) => {
      const user = userOf(req);
      if (user.role === 'department_liaison' && user.department !== req.query.department)
        throw forbidden(cm.msg('calendar.own_department'));
      const listed = await schedules.schedulePackageList(ctx, user, req.params.id, req.query.department);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="timetable-${listed.schedule.year}-${req.query.department}.ics"`)
        .send(timetableIcs(listed, req.query.department, new Date()));
    },
  );
  app.get(
    '/api/v1/package-notices',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'Notices of packages a timetable moved: a liaison’s own department’s, anyone else’s within their scope',
        response: { 200: z.object({ items: z.array(notice) }) },
      },
    },
    async (req) => localized(req, await schedules.notices(ctx, userOf(req))),
  );
  app.post(
    '/api/v1/package-notices/:id/read',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: 'Mark a notice read', params: id, response: { 204: noContent } },
    },
    async (req, reply) => {
      await schedules.markNoticeRead(ctx, userOf(req), req.params.id);
      return reply.code(204).send();
    },
  );

  // The annual plan's review
  app.get(
    '/api/v1/annual-plans/:year/reviews',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: "The year's projects with each reviewing department's latest decision; fixed when all approve all",
        params: z.object({ year }),
        querystring: z.object({ division: division.optional() }),
        response: {
          200: z.object({
            year: z.number().int(),
            fixed: z.boolean(),
            items: z.array(
              z.object({
                projectId: z.string(),
                projectName: z.string(),
                districtCode: z.string(),
                status: z.enum(['pending', 'approved', 'returned']),
                decisions: reviewDecisions,
              }),
            ),
          }),
        },
      },
    },
    async (req) => annualReviews(ctx, userOf(req), req.params.year, req.query.division),
  );
  app.post(
    '/api/v1/projects/:id/plan-reviews',
    {
      config: { permission: 'plan.review' },
      schema: {
        tags,
        summary: "Record a department's review of a project in the annual plan (return needs comments)",
        params: id,
        body: z.object({
          department: z.enum(reviewDepartments),
          decision: z.enum(['approve', 'return']),
          comments: z.string().trim().max(2000).nullish(),
        }),
        response: {
          201: z.object({
            id: z.string(),
            department: z.enum(reviewDepartments),
            decision: z.enum(['approve', 'return']),
            comments: z.string().nullable(),
            decidedAt: z.string(),
          }),
        },
      },
    },
    async (req, reply) => reply.code(201).send(await recordReview(ctx, userOf(req), actorOf(req), req.params.id, req.body)),
  );
}
