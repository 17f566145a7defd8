import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { localeOf } from '../../platform/http/locale.ts';
import * as assessment from './assessment.service.ts';

const tags = ['assessment'];
const params = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const rule = z.object({ key: z.string(), version: z.string() });
const points = z.string().regex(/^\d{1,6}(\.\d{1,2})?$/, 'a number with at most 2 decimals');
const indicator = z.object({
  code: z.string(),
  weight: z.number().int(),
  value: z.string().nullable(),
  score: z.string(),
  scoreExact: z.string(),
  numerator: z.number().int().nullable(),
  denominator: z.number().int().nullable(),
  provenance: z.object({
    projectIds: z.array(z.string()),
    numeratorProjectIds: z.array(z.string()).optional(),
    rules: z.array(rule),
    basis: z.enum(['computed', 'proxy', 'entered']),
    noteCode: z.string().optional(),
    note: z.string().optional(),
    relativeTo: z.string().nullable().optional(),
    tier: z.object({ minPercent: z.number().int(), scoreShare: z.string() }).nullable().optional(),
    entered: z.object({ by: z.string(), evidence: z.string() }).optional(),
  }),
});
const result = z.object({
  year: z.number().int(),
  cityCode: z.string(),
  schemeVersion: z.string(),
  scheme: z.object({ name: z.string(), version: z.string() }),
  status: z.enum(['draft', 'published']),
  publishedAt: z.string().nullable(),
  rules: z.array(rule),
  districts: z.array(
    z.object({
      districtCode: z.string(),
      name: z.string(),
      score: z.string(),
      scoreExact: z.string(),
      rank: z.number().int(),
      indicators: z.array(indicator),
      bonus: z.array(z.object({ ground: z.string(), points: z.string(), reason: z.string(), by: z.string() })),
      bonusTotal: z.string(),
    }),
  ),
});
const district = z.string().regex(/^\d{6}$/, 'a 6-digit district code');
const text = z.string().trim().min(1).max(2000);

export async function assessmentRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/assessments/:year',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary:
          "The annual assessment of your city's districts: the published snapshot, or a draft computed now from the records with the scheme in force on 1 January",
        params,
        response: { 200: result },
      },
    },
    async (req) => assessment.assessmentIn(await assessment.getAssessment(ctx, userOf(req), req.params.year), localeOf(req)),
  );
  app.put(
    '/api/v1/assessments/:year/entries',
    {
      config: { permission: 'assessment.enter' },
      schema: {
        tags,
        summary: 'Enter assessor scores (with evidence) of indicators the records cannot give, and bonus points; answers the draft',
        params,
        body: z.object({
          indicators: z
            .array(
              z.object({
                districtCode: district,
                code: z.string().min(1).max(20),
                score: points.nullish(),
                evidence: text,
              }),
            )
            .max(500)
            .default([]),
          bonus: z
            .array(z.object({ districtCode: district, ground: z.string().min(1).max(20), points, reason: text }))
            .max(500)
            .default([]),
        }),
        response: { 200: result },
      },
    },
    async (req) =>
      assessment.assessmentIn(await assessment.enter(ctx, userOf(req), actorOf(req), req.params.year, req.body), localeOf(req)),
  );
  app.post(
    '/api/v1/assessments/:year/publish',
    {
      config: { permission: 'assessment.publish' },
      schema: {
        tags,
        summary: 'Publish the year: the full result is stored with the scheme and rule versions, and never changes again',
        params,
        response: { 200: result },
      },
    },
    async (req) => assessment.assessmentIn(await assessment.publish(ctx, userOf(req), actorOf(req), req.params.year), localeOf(req)),
  );
}
