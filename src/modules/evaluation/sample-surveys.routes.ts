import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import * as samples from './sample-surveys.service.ts';
import { sampleAnswers, sampleSurveyKinds, sampleSurveyStatuses } from './schema.ts';

const tags = ['evaluation'];
const id = z.object({ id: z.string().uuid() });
const rule = z.object({ key: z.string(), version: z.string() });
const interval = z.object({ lower: z.string(), upper: z.string() }).nullable();

const survey = z.object({
  id: z.string(),
  cityCode: z.string(),
  year: z.number().int(),
  kind: z.enum(sampleSurveyKinds),
  title: z.string(),
  seed: z.string(),
  totalSize: z.number().int(),
  frameSize: z.number().int(),
  rule,
  institution: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(sampleSurveyStatuses),
  createdBy: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
const results = z.object({
  surveyId: z.string(),
  kind: z.enum(sampleSurveyKinds),
  status: z.enum(sampleSurveyStatuses),
  rule,
  confidence: z.object({ percent: z.number(), z: z.string() }),
  sampled: z.number().int(),
  responded: z.number().int(),
  responseRate: z.object({ rate: z.string().nullable(), value: z.string().nullable() }),
  strata: z.array(
    z.object({
      districtCode: z.string(),
      name: z.string().nullable(),
      frameSize: z.number().int(),
      sampleSize: z.number().int(),
      yes: z.number().int(),
      no: z.number().int(),
      refused: z.number().int(),
      unreachable: z.number().int(),
      pending: z.number().int(),
      responded: z.number().int(),
      rate: z.string().nullable(),
    }),
  ),
  estimate: z.object({
    method: z.literal('stratified'),
    rate: z.string().nullable(),
    value: z.string().nullable(),
    interval,
    variance: z.string().nullable(),
    weights: z.record(z.string(), z.string()),
    strataWithoutAnswers: z.array(z.string()),
  }),
  pooled: z.object({
    method: z.literal('wilson'),
    yes: z.number().int(),
    responded: z.number().int(),
    rate: z.string().nullable(),
    value: z.string().nullable(),
    interval,
  }),
});
const detail = survey.extend({ results });
const household = z.object({
  householdId: z.string(),
  districtCode: z.string(),
  drawOrder: z.number().int(),
  compoundId: z.string(),
  compound: z.string().nullable(),
  address: z.string().nullable(),
  building: z.string().nullable(),
  unit: z.string().nullable(),
  room: z.string().nullable(),
  answer: z.enum(sampleAnswers).nullable(),
  enteredBy: z.string().nullable(),
  enteredAt: z.string().nullable(),
});

export async function sampleSurveysRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/sample-surveys',
    {
      config: { permission: 'evaluation.manage' },
      schema: {
        tags,
        summary:
          "Draw a sample survey of the city's households, stratified by district, for an outside agency (a city-level account; the seed is kept, and generated when not given)",
        body: z.object({
          kind: z.enum(sampleSurveyKinds),
          year: z.number().int().min(2000).max(2100),
          title: z.string().trim().min(1).max(200),
          totalSize: z.number().int().min(1).max(100_000),
          seed: z
            .union([
              z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
              z.string().regex(/^[0-9A-Za-z_.:-]{1,64}$/, '1 to 64 letters, digits or _ . : -'),
            ])
            .nullish(),
          institutionId: z.string().uuid(),
        }),
        response: { 201: detail },
      },
    },
    async (req, reply) => reply.code(201).send(await samples.drawSampleSurvey(ctx, userOf(req), actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/sample-surveys',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'The sample surveys of your city, newest first',
        querystring: z.object({
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          kind: z.enum(sampleSurveyKinds).optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(survey) },
      },
    },
    async (req) => samples.listSampleSurveys(ctx, userOf(req), req.query),
  );
  app.get(
    '/api/v1/sample-surveys/:id',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: 'A sample survey with its strata and results', params: id, response: { 200: detail } },
    },
    async (req) => samples.getSampleSurvey(ctx, userOf(req), req.params.id),
  );
  app.get(
    '/api/v1/sample-surveys/:id/households',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary: 'The drawn households in draw order per district, with their address and door number and the answer (no resident data)',
        params: id,
        querystring: z.object({
          districtCode: z
            .string()
            .regex(/^\d{6}$/, 'a 6-digit district code')
            .optional(),
          answer: z.enum([...sampleAnswers, 'pending']).optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(household) },
      },
    },
    async (req) => samples.listSampledHouseholds(ctx, userOf(req), req.params.id, req.query),
  );
  app.put(
    '/api/v1/sample-surveys/:id/households/:householdId',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: "The agency's answer for a drawn household (sample.answer or evaluation.manage); not once the survey is closed",
        params: z.object({ id: z.string().uuid(), householdId: z.string().uuid() }),
        body: z.object({ answer: z.enum(sampleAnswers) }),
        response: {
          200: z.object({
            surveyId: z.string(),
            householdId: z.string(),
            districtCode: z.string(),
            answer: z.enum(sampleAnswers),
            enteredBy: z.string(),
            enteredAt: z.string(),
          }),
        },
      },
    },
    async (req) => samples.answerHousehold(ctx, userOf(req), actorOf(req), req.params.id, req.params.householdId, req.body.answer),
  );
  app.post(
    '/api/v1/sample-surveys/:id/close',
    {
      config: { permission: 'evaluation.manage' },
      schema: { tags, summary: 'Close a sample survey: no more answers (a city-level account)', params: id, response: { 200: detail } },
    },
    async (req) => samples.closeSampleSurvey(ctx, userOf(req), actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/sample-surveys/:id/results',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary:
          "Per district the counts and rate; the city's stratified estimate with its confidence interval (headline), the pooled Wilson interval, the response rate",
        params: id,
        response: { 200: results },
      },
    },
    async (req) => samples.sampleSurveyResults(ctx, userOf(req), req.params.id),
  );
}
