import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { surveyChannels, surveyKinds } from './schema.ts';
import * as surveys from './surveys.service.ts';
import { questionTypes, TEXT_MAX } from './surveys.ts';

const tags = ['participation'];
const id = z.object({ id: z.string().uuid() });
const code = z.string().trim().min(1).max(40);
const question = z.object({
  id: code,
  type: z.enum(questionTypes),
  text: z.string().trim().min(1).max(500),
  required: z.boolean(),
  options: z
    .array(
      z.object({
        code,
        label: z.string().trim().min(1).max(200),
        indicatorCode: z.string().optional(),
      }),
    )
    .max(50)
    .optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  maxLength: z.number().int().optional(),
});
const summary = z.object({
  id: z.string(),
  projectId: z.string(),
  kind: z.enum(surveyKinds),
  title: z.string(),
  status: z.enum(['open', 'closed']),
  questions: z.number().int(),
  responses: z.number().int(),
  refused: z.number().int(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
});
const answer = z.union([z.string().max(TEXT_MAX * 2), z.array(z.string().max(40)).max(50), z.number()]);

export async function surveysRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/projects/:id/surveys',
    {
      config: { permission: 'surveys.manage' },
      schema: {
        tags,
        summary: "Open a survey of the project's households: baseline, willingness, satisfaction or other",
        params: id,
        body: z.object({ kind: z.enum(surveyKinds), title: z.string().trim().min(1).max(200), questions: z.array(question).max(100) }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await surveys.openSurvey(ctx, userOf(req), actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/projects/:id/surveys',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: "The project's surveys with their response counts",
        params: id,
        response: { 200: z.object({ items: z.array(summary) }) },
      },
    },
    async (req) => surveys.listSurveys(ctx, userOf(req), req.params.id),
  );

  app.get(
    '/api/v1/surveys/:id',
    {
      // Residents of the project's households read the questionnaire; staff also get the answers in aggregate.
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'The questionnaire, and for staff the answers in aggregate (never one household’s)',
        params: id,
        response: {
          200: summary.extend({
            questions: z.array(question),
            results: z
              .array(
                z.object({
                  questionId: z.string(),
                  answered: z.number().int(),
                  options: z.array(z.object({ code: z.string(), count: z.number().int() })).optional(),
                  values: z.array(z.object({ value: z.number().int(), count: z.number().int() })).optional(),
                }),
              )
              .optional(),
          }),
        },
      },
    },
    async (req) => surveys.getSurvey(ctx, userOf(req), req.params.id),
  );

  app.post(
    '/api/v1/surveys/:id/responses',
    {
      // Residents answer online for their own household; paper forms and refusals need `surveys.enter`: checked per channel.
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: "Record a household's response (a newer one replaces the older; all are kept): online, a paper form, or a refusal",
        params: id,
        body: z.object({
          householdId: z.string().uuid(),
          answers: z.record(z.string(), answer),
          channel: z.enum(surveyChannels),
          evidence: z.object({ sheetNo: z.string().trim().min(1).max(40).optional(), scanRef: z.string().max(200).optional() }).optional(),
        }),
        response: {
          201: z.object({ householdId: z.string(), channel: z.enum(surveyChannels), replaced: z.boolean(), enteredAt: z.string() }),
        },
      },
    },
    async (req, reply) => reply.code(201).send(await surveys.respond(ctx, userOf(req), actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/surveys/:id/close',
    {
      config: { permission: 'surveys.manage' },
      schema: { tags, summary: 'Close the survey: no response is taken after it', params: id, response: { 200: summary } },
    },
    async (req) => surveys.closeSurvey(ctx, userOf(req), actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/surveys/:id/coverage',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'Households reached of all, by building and unit, and the households not yet reached (a refusal counts as reached)',
        params: id,
        response: {
          200: z.object({
            total: z.number().int(),
            reached: z.number().int(),
            refused: z.number().int(),
            byBuilding: z.array(z.object({ building: z.string(), unit: z.string(), total: z.number().int(), reached: z.number().int() })),
            notReached: z.array(z.object({ householdId: z.string(), building: z.string(), unit: z.string(), room: z.string() })),
          }),
        },
      },
    },
    async (req) => surveys.coverage(ctx, userOf(req), req.params.id),
  );
}
