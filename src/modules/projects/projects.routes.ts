import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { decimalInput } from '../../platform/decimal.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { localized } from '../../platform/http/locale.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { QUANTITY } from './plan.ts';
import * as plans from './plan.service.ts';
import * as projects from './projects.service.ts';
import { stageNames, stages } from './stages.ts';
import { projectYears, projectYearsQuery } from './years.ts';

const tags = ['projects'];
const id = z.object({ id: z.string().uuid() });
const stage = z.enum(stages);
const gate = z.object({ code: z.string(), message: z.string(), satisfied: z.boolean(), satisfy: z.string() });
const project = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number(),
  stage,
  districtCode: z.string(),
  divisionPath: z.array(z.string()),
  floorAreaM2: z.string(),
  households: z.number(),
  futureCommunity: z.boolean(),
  cluster: z.boolean(),
  compounds: z.array(z.object({ id: z.string(), name: z.string(), floorAreaM2: z.string(), households: z.number() })),
  timeline: z.array(
    z.object({
      from: z.string().nullable(),
      to: z.string(),
      at: z.string(),
      by: z.object({ id: z.string(), username: z.string(), displayName: z.string() }).nullable(),
    }),
  ),
  nextStage: stage.nullable(),
  gates: z.array(gate),
});
const listItem = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number(),
  stage,
  districtCode: z.string(),
  compoundCount: z.number(),
  floorAreaM2: z.string(),
  households: z.number(),
  futureCommunity: z.boolean(),
  cluster: z.boolean(),
  planTotalFen: z.number().nullable(),
  // Where it is and what it covers, so two projects of one name are told apart.
  districtName: z.string(),
  subdistricts: z.array(z.object({ code: z.string(), name: z.string() })),
  compoundNames: z.array(z.string()),
});
const amount = z.object({ code: z.string(), name: z.string(), amountFen: z.number() });
const plan = z.object({
  version: z.number(),
  status: z.enum(['draft', 'submitted', 'approved']),
  catalogueVersion: z.string(),
  items: z.array(
    z.object({
      indicatorCode: z.string(),
      name: z.string(),
      unit: z.string().nullable(),
      category: z.string().nullable(),
      level1: z.string(),
      level2: z.string(),
      quantity: z.string(),
      unitPriceFen: z.number(),
      amountFen: z.number(),
    }),
  ),
  totals: z.object({ totalFen: z.number(), byLevel1: z.array(amount), byLevel2: z.array(amount) }),
  coverage: z.object({
    sixHaves: z.array(z.object({ name: z.string(), covered: z.boolean() })),
    scenarios: z.array(z.object({ scenario: z.string(), covered: z.boolean() })),
  }),
  versions: z.array(z.object({ version: z.number(), status: z.string(), totalFen: z.number(), createdAt: z.string() })),
  basicNeedsLeftOut: z.array(z.object({ indicatorCode: z.string(), name: z.string(), nameEn: z.string() })),
});

export async function projectsRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/projects/stages',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'The stages of the basic construction procedure, in order',
        response: { 200: z.object({ items: z.array(z.object({ stage, nameZh: z.string(), nameEn: z.string() })) }) },
      },
    },
    async () => ({ items: stages.map((s) => ({ stage: s, nameZh: stageNames[s].zh, nameEn: stageNames[s].en })) }),
  );

  app.get(
    '/api/v1/projects/years',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'The years with projects in your scope (or in one division inside it), newest first: what a year picker offers',
        querystring: projectYearsQuery,
        response: { 200: z.object({ years: z.array(z.number().int()) }) },
      },
    },
    async (req) => projectYears(ctx, userOf(req), req.query),
  );

  app.get(
    '/api/v1/projects',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'Projects within your scope',
        querystring: projects.projectFilters.extend(pageQuery),
        response: { 200: pageSchema(listItem).extend({ total: z.number().int().describe('projects matching the filters') }) },
      },
    },
    async (req) => projects.listProjects(ctx, userOf(req), req.query),
  );

  app.post(
    '/api/v1/projects',
    {
      config: { permission: 'projects.write' },
      schema: {
        tags,
        summary: "Put one compound, or a cluster of neighbouring compounds, in a year's plan",
        body: z.object({
          name: z.string().trim().min(1).max(100),
          year: z.number().int().min(2000).max(2100),
          compoundIds: z
            .array(z.string().uuid())
            .min(1)
            .max(200)
            .refine((ids) => new Set(ids).size === ids.length, 'repeats a compound'),
          futureCommunity: z.boolean().optional(),
        }),
        response: { 201: project },
      },
    },
    async (req, reply) => reply.code(201).send(localized(req, await projects.createProject(ctx, userOf(req), actorOf(req), req.body))),
  );

  app.get(
    '/api/v1/projects/:id',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: 'A project with its timeline and the gates of its next stage', params: id, response: { 200: project } },
    },
    async (req) => localized(req, await projects.getProject(ctx, userOf(req), req.params.id)),
  );

  app.post(
    '/api/v1/projects/:id/transitions',
    {
      config: { permission: 'projects.advance' },
      schema: {
        tags,
        summary: 'Move to the next stage; 409 lists every unmet gate',
        params: id,
        body: z.object({ to: stage }),
        response: { 200: project },
      },
    },
    async (req) => localized(req, await projects.transition(ctx, userOf(req), actorOf(req), req.params.id, req.body.to)),
  );

  app.get(
    '/api/v1/projects/:id/plan',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'The latest (or a given) plan version, costed and totalled',
        params: id,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        response: { 200: plan },
      },
    },
    async (req) => plans.getPlan(ctx, userOf(req), req.params.id, req.query.version),
  );

  app.put(
    '/api/v1/projects/:id/plan',
    {
      config: { permission: 'projects.write' },
      schema: {
        tags,
        summary: 'Replace the draft plan (a new draft after a submitted or approved version)',
        params: id,
        body: z.object({
          items: z
            .array(
              z.object({
                indicatorCode: z.string().max(20),
                quantity: decimalInput(QUANTITY),
                unitPriceFen: z.number().int().min(0).max(1e13).optional(),
              }),
            )
            .max(134),
        }),
        response: { 200: plan },
      },
    },
    async (req) => plans.savePlan(ctx, userOf(req), actorOf(req), req.params.id, req.body.items),
  );

  app.post(
    '/api/v1/projects/:id/plan/submit',
    {
      config: { permission: 'projects.write' },
      schema: { tags, summary: 'Freeze the draft and put it to the residents', params: id, response: { 200: plan } },
    },
    async (req) => plans.submitPlan(ctx, userOf(req), actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/projects/:id/plan/approve',
    {
      config: { permission: 'plan.approve' },
      schema: { tags, summary: "Record the residents' approval of the submitted version", params: id, response: { 200: plan } },
    },
    async (req) => plans.approvePlan(ctx, userOf(req), actorOf(req), req.params.id),
  );
}
