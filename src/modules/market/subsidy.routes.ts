import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { isoDate } from '../../platform/http/fields.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import * as subsidies from './subsidy.service.ts';
import { subsidyStatuses } from './schema.ts';

const tags = ['market'];
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as yyyy-mm');
const params = z.object({ compoundId: z.string().uuid(), month });
const fen = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const subsidy = z.object({
  id: z.string(),
  compoundId: z.string(),
  month: z.string(),
  districtCode: z.string(),
  subdistrictCode: z.string(),
  communityCode: z.string(),
  floorAreaM2: z.string(),
  capFen: z.number().int(),
  amountFen: z.number().int(),
  ruleVersion: z.string(),
  status: z.enum(subsidyStatuses),
  appliedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  disbursementId: z.string().nullable(),
  disbursedAt: z.string().nullable(),
});
const rule = z.object({ key: z.string(), version: z.string(), value: z.unknown(), unit: z.string().nullable(), source: z.string() });

export async function subsidyRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/property-subsidies/eligible',
    {
      config: { permission: 'subsidies.read' },
      schema: {
        tags,
        summary: "A month's renovated compounds in scope that qualify for the property-service subsidy, each with its cap (fen)",
        querystring: z.object({ month }),
        response: {
          200: z.object({
            month: z.string(),
            rule,
            items: z.array(
              z.object({
                compoundId: z.string(),
                compoundName: z.string(),
                communityCode: z.string(),
                floorAreaM2: z.string(),
                capFen: z.number().int(),
                propertyCompany: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => subsidies.eligibleCompounds(ctx, userOf(req), req.query.month),
  );

  app.get(
    '/api/v1/property-subsidies',
    {
      config: { permission: 'subsidies.read' },
      schema: {
        tags,
        summary: 'Subsidy applications in scope, newest month first',
        querystring: z.object({ month: month.optional(), status: z.enum(subsidyStatuses).optional(), ...pageQuery }),
        response: { 200: pageSchema(subsidy.extend({ compoundName: z.string() })) },
      },
    },
    async (req) => subsidies.listSubsidies(ctx, userOf(req), req.query),
  );

  app.get(
    '/api/v1/property-subsidies/totals',
    {
      config: { permission: 'subsidies.read' },
      schema: {
        tags,
        summary: "A year's subsidies by district and month: applied, approved and disbursed (fen)",
        querystring: z.object({ year: z.coerce.number().int().min(2019).max(2100) }),
        response: {
          200: z.object({
            year: z.number().int(),
            items: z.array(
              z.object({
                districtCode: z.string(),
                month: z.string(),
                compounds: z.number().int(),
                appliedFen: z.number().int(),
                approvedFen: z.number().int(),
                disbursedFen: z.number().int(),
              }),
            ),
            total: z.object({ appliedFen: z.number().int(), approvedFen: z.number().int(), disbursedFen: z.number().int() }),
          }),
        },
      },
    },
    async (req) => subsidies.subsidyTotals(ctx, userOf(req), req.query.year),
  );

  app.post(
    '/api/v1/property-subsidies/:compoundId/:month',
    {
      config: { permission: 'subsidies.apply' },
      schema: {
        tags,
        summary:
          "Apply for a compound's subsidy of a month (the subdistrict); over the month's cap answers 422 naming property.subsidy_cap_per_m2_month with the limit and the amount",
        params,
        body: z.object({ amountFen: fen }).strict(),
        response: { 201: subsidy },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await subsidies.applySubsidy(ctx, userOf(req), actorOf(req), req.params.compoundId, req.params.month, req.body.amountFen)),
  );

  app.post(
    '/api/v1/property-subsidies/:compoundId/:month/approve',
    {
      config: { permission: 'subsidies.approve' },
      schema: {
        tags,
        summary: 'Approve an application (the district)',
        params,
        body: z.object({ note: z.string().trim().max(500).optional() }).strict(),
        response: { 200: subsidy },
      },
    },
    async (req) => subsidies.approveSubsidy(ctx, userOf(req), actorOf(req), req.params.compoundId, req.params.month, req.body.note),
  );

  app.post(
    '/api/v1/property-subsidies/:compoundId/:month/reject',
    {
      config: { permission: 'subsidies.approve' },
      schema: {
        tags,
        summary: 'Reject an application with a reason (the district)',
        params,
        body: z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
        response: { 200: subsidy },
      },
    },
    async (req) => subsidies.rejectSubsidy(ctx, userOf(req), actorOf(req), req.params.compoundId, req.params.month, req.body.reason),
  );

  app.post(
    '/api/v1/property-subsidies/:compoundId/:month/disburse',
    {
      config: { permission: 'funding.disburse' },
      schema: {
        tags,
        summary: "Pay an approved subsidy: a disbursement in the funding ledger against the compound's renovation project",
        params,
        body: z
          .object({
            paidOn: isoDate,
            payee: z.string().trim().min(1).max(200).optional(),
            documentRef: z.string().trim().min(1).max(200),
          })
          .strict(),
        response: { 200: subsidy },
      },
    },
    async (req) => subsidies.disburseSubsidy(ctx, userOf(req), actorOf(req), req.params.compoundId, req.params.month, req.body),
  );
}
