import { z } from 'zod';
import { isoDate } from './fields.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { listRules, publishRule } from '../policy.ts';
import type { ZodApp } from './app.ts';
import { actorOf } from './auth.ts';
import { localized } from './locale.ts';
import { ruleWords } from '../policy.messages.ts';

const rule = z.object({
  key: z.string(),
  version: z.string(),
  value: z.unknown(),
  unit: z.string().nullable(),
  source: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  publishedAt: z.string(),
  name: z.string().describe("The rule's name in the request's language"),
  valueText: z.string().describe('The value in words (never JSON)'),
  unitText: z.string().nullable().describe('The unit in words'),
});

export async function policyRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/policy-rules',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['policy'],
        summary: 'Every version of every policy rule, with its source document',
        querystring: z.object({ key: z.string().max(100).optional() }),
        response: { 200: z.object({ items: z.array(rule) }) },
      },
    },
    async (req) => localized(req, { items: (await listRules(ctx.db, req.query.key)).map((r) => ({ ...r, ...ruleWords(r) })) }),
  );

  app.post(
    '/api/v1/policy-rules',
    {
      config: { permission: 'policy.publish' },
      schema: {
        tags: ['policy'],
        summary: 'Publish a new version of a rule, in force from a date',
        body: z.object({
          key: z.string().min(1).max(100),
          version: z.string().trim().min(1).max(40),
          value: z.unknown().refine((v) => v !== undefined, 'required'),
          unit: z.string().max(40).nullish(),
          source: z.string().trim().min(1).max(500),
          effectiveFrom: isoDate,
        }),
        response: { 201: rule },
      },
    },
    async (req, reply) => {
      const published = await ctx.db.transaction(async (tx) => {
        const r = await publishRule(tx, req.body);
        await audit(tx, actorOf(req), 'policy.publish', 'policy_rule', `${r.key}@${r.version}`, { effectiveFrom: r.effectiveFrom });
        return r;
      });
      return reply.code(201).send(localized(req, { ...published, ...ruleWords(published) }));
    },
  );
}
