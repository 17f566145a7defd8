// Joint timetables over HTTP: make and re-plan them (as background jobs), read them with their packages, export
// them, and the notices to liaisons of what a timetable moved.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { fileResponse, noContent, xlsxMediaType, type ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { localized } from '../../platform/http/locale.ts';
import { forbidden } from '../../platform/http/problem.ts';
import { coordinationMessages as cm } from './messages.ts';
import { timetableIcs, timetableXlsx } from './exports.ts';
import * as schedules from './schedules.service.ts';
import { department, division, id, isoDate, tags, year } from './coordination.schemas.ts';

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

export async function scheduleRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
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
}
