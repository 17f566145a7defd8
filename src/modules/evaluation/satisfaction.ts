// A project's satisfaction (R19): its latest satisfaction survey counted by the
// rule `satisfaction.satisfied` (which answers count as satisfied), the rate as
// an exact fraction, and its tier under `satisfaction.tiers`, with the versions
// of both rules, as of the day asked (default today).
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf, type AuthUser } from '../../platform/http/auth.ts';
import { ruleAt } from '../../platform/policy.ts';
import { satisfactionCounts, type SatisfiedRule } from '../participation/index.ts';
import { requireProject } from '../projects/index.ts';
import { placeSatisfaction, type SatisfactionTierRule } from './tiers.ts';

export async function projectSatisfaction(ctx: AppContext, user: AuthUser, projectId: string) {
  await requireProject(ctx, user, projectId);
  const today = new Date().toISOString().slice(0, 10);
  const [satisfied, tiers] = await Promise.all([
    ruleAt<SatisfiedRule>(ctx.db, 'satisfaction.satisfied', today),
    ruleAt<SatisfactionTierRule[]>(ctx.db, 'satisfaction.tiers', today),
  ]);
  const counts = (await satisfactionCounts(ctx.db, [projectId], satisfied.value)).get(projectId);
  const placement = counts ? placeSatisfaction(counts.satisfied, counts.answered, tiers.value) : null;
  return {
    projectId,
    surveyId: counts?.surveyId ?? null,
    satisfied: counts?.satisfied ?? 0,
    answered: counts?.answered ?? 0,
    rate: counts && counts.answered ? `${counts.satisfied}/${counts.answered}` : null,
    tier: placement ? { index: placement.tier, minPercent: placement.minPercent } : null,
    rules: [satisfied, tiers].map((r) => ({ key: r.key, version: r.version })),
  };
}

export async function satisfactionRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/projects/:id/satisfaction',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags: ['evaluation'],
        summary: "A project's satisfaction rate from its latest satisfaction survey, as an exact fraction, and its tier",
        params: z.object({ id: z.string().uuid() }),
        response: {
          200: z.object({
            projectId: z.string(),
            surveyId: z.string().nullable(),
            satisfied: z.number().int(),
            answered: z.number().int(),
            rate: z.string().nullable(),
            tier: z.object({ index: z.number().int(), minPercent: z.number().int() }).nullable(),
            rules: z.array(z.object({ key: z.string(), version: z.string() })),
          }),
        },
      },
    },
    async (req) => projectSatisfaction(ctx, userOf(req), req.params.id),
  );
}
