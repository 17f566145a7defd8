import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { noContent, type ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { coordinationDepartments, workKindNames, workKinds } from './kinds.ts';
import * as packages from './packages.service.ts';
import { annualReviews, recordReview } from './reviews.service.ts';
import { reviewDepartments } from './schema.ts';
import * as settings from './settings.service.ts';
import { department, division, id, isoDate, kind, tags, year } from './coordination.schemas.ts';

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
  districtCode: z.string(),
  districtName: z.string().describe("the district of the package's compound, by name"),
  subdistrictCode: z.string(),
  subdistrictName: z.string().describe("the subdistrict (街道) of the package's compound, by name"),
  planned: z
    .object({ scheduleId: z.string(), startDate: z.string(), endDate: z.string() })
    .nullable()
    .describe('the first and last working day in the latest finished timetable that placed the package; null before any'),
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
