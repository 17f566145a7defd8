import { z } from 'zod';
import { isoDate } from '../../platform/http/fields.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { localized } from '../../platform/http/locale.ts';
import * as funding from './funding.service.ts';
import { fundingSources } from './schema.ts';

const tags = ['funding'];
const id = z.object({ id: z.string().uuid() });
const source = z.enum(fundingSources);
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const violation = z.object({
  rule: z.string(),
  value: z.unknown(),
  unit: z.string().nullable(),
  version: z.string(),
  source: z.string(),
  limitFen: z.number(),
  actualFen: z.number(),
  code: z.string().describe('A stable code for the broken rule, e.g. funding.subsidy_cap_exceeded'),
  name: z.string().describe("The rule's name in the request's language"),
  valueText: z.string().describe("The rule's value with its unit, in words"),
  message: z.string().describe("The violation explained in the request's language"),
});
const basisRule = <T extends z.ZodType>(value: T) =>
  z.object({
    key: z.string(),
    version: z.string(),
    value,
    unit: z.string().nullable(),
    source: z.string(),
    name: z.string().describe("The rule's name in the request's language"),
    valueText: z.string().describe("The rule's value with its unit, in words"),
  });
const fundingView = z.object({
  lines: z.array(z.object({ source, channel: z.string().nullable(), amountFen: z.number() })),
  check: z.object({
    ok: z.boolean(),
    costFen: z.number(),
    fundedFen: z.number(),
    shortfallFen: z.number(),
    violations: z.array(violation),
    rulesUsed: z.array(z.object({ key: z.string(), name: z.string(), version: z.string(), source: z.string() })),
    basis: z
      .object({
        costFen: z.number(),
        floorAreaM2: z.string().describe("The project's floor area in m², a decimal with two places"),
        subsidyCap: basisRule(z.union([z.number(), z.string()]).describe('yuan per m²')),
        residentShare: basisRule(z.object({ numerator: z.number().int(), denominator: z.number().int() })),
      })
      .describe('What the check was fed: the same checkFunding (src/modules/funding/rules.ts) runs in the editor as the officer types'),
  }),
  bySource: z.array(z.object({ source, plannedFen: z.number(), amendedFen: z.number(), disbursedFen: z.number() })),
  disbursements: z.array(
    z.object({ id: z.string(), source, amountFen: z.number(), date: z.string(), payee: z.string(), documentRef: z.string() }),
  ),
  amendments: z.array(z.object({ id: z.string(), source, amountFen: z.number(), reason: z.string(), at: z.string() })),
});

export async function fundingRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/projects/:id/funding',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: 'Funding lines, their check against the rules, and the ledger', params: id, response: { 200: fundingView } },
    },
    async (req) => localized(req, await funding.getFunding(ctx, userOf(req), req.params.id)),
  );

  app.put(
    '/api/v1/projects/:id/funding',
    {
      config: { permission: 'projects.write' },
      schema: {
        tags,
        summary: 'Replace the funding lines; 422 names every rule broken, with its value, version, source and the amounts',
        params: id,
        body: z.object({ lines: z.array(z.object({ source, channel: z.string().max(40).nullish(), amountFen: fen })).max(40) }),
        response: { 200: fundingView },
      },
    },
    async (req) => localized(req, await funding.saveFunding(ctx, userOf(req), actorOf(req), req.params.id, req.body.lines)),
  );

  app.post(
    '/api/v1/projects/:id/disbursements',
    {
      config: { permission: 'funding.disburse' },
      schema: {
        tags,
        summary: "Record a payment; beyond the source's planned and amended amount answers 409",
        params: id,
        body: z.object({
          date: isoDate,
          source,
          amountFen: fen.min(1),
          payee: z.string().trim().min(1).max(200),
          documentRef: z.string().trim().min(1).max(200),
        }),
        response: {
          201: z.object({ id: z.string(), date: z.string(), source, amountFen: z.number(), payee: z.string(), documentRef: z.string() }),
        },
      },
    },
    async (req, reply) => reply.code(201).send(await funding.disburse(ctx, userOf(req), actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/projects/:id/amendments',
    {
      config: { permission: 'funding.disburse' },
      schema: {
        tags,
        summary: 'Record an amendment that allows more to be paid from a source',
        params: id,
        body: z.object({ source, amountFen: fen.min(1), reason: z.string().trim().min(1).max(500) }),
        response: { 201: z.object({ id: z.string(), source, amountFen: z.number(), reason: z.string() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await funding.amend(ctx, userOf(req), actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/funding/summary',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'Planned funds by source and by district',
        querystring: z.object({
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          division: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
        }),
        response: {
          200: z.object({
            bySource: z.array(z.object({ source: z.string(), amountFen: z.number() })),
            byDivision: z.array(
              z.object({
                code: z.string(),
                totalFen: z.number(),
                bySource: z.array(z.object({ source: z.string(), amountFen: z.number() })),
              }),
            ),
          }),
        },
      },
    },
    async (req) => funding.summary(ctx, userOf(req), req.query),
  );
}
