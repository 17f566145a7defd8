import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { isoDate } from '../../platform/http/fields.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import * as spaces from './spaces.service.ts';
import { grantStatuses, reliefKinds, spaceKinds } from './schema.ts';
import { shanghaiDay } from './subsidy.rules.ts';

const tags = ['market'];
const id = z.object({ id: z.string().uuid() });
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = (max: number) => z.string().trim().min(1).max(max);
const grant = z.object({
  id: z.string(),
  spaceId: z.string(),
  operatorName: z.string(),
  operatorCreditCode: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  feeFen: z.number().int(),
  concessionFen: z.number().int(),
  terms: z.string().nullable(),
  status: z.enum(grantStatuses),
  remindedAt: z.string().nullable(),
});
const space = z.object({
  id: z.string(),
  compoundId: z.string(),
  compoundName: z.string(),
  communityCode: z.string(),
  kind: z.enum(spaceKinds),
  name: z.string(),
  areaM2: z.string().nullable(),
  currentGrant: grant.nullable(),
});
const relief = z.object({
  id: z.string(),
  grantId: z.string(),
  kind: z.enum(reliefKinds),
  amountFen: z.number().int(),
  basis: z.string(),
  grantedOn: z.string(),
});
const delivery = z.object({
  id: z.string(),
  grantId: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  services: z.number().int(),
  beneficiaries: z.number().int(),
  summary: z.string(),
  recordedAt: z.string(),
});

export async function spacesRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/public-spaces',
    {
      config: { permission: 'spaces.read' },
      schema: {
        tags,
        summary: 'The register of public spaces in scope, each with the grant in force today',
        querystring: z.object({ compoundId: z.string().uuid().optional(), ...pageQuery }),
        response: { 200: pageSchema(space) },
      },
    },
    async (req) => spaces.listSpaces(ctx, userOf(req), req.query, shanghaiDay(new Date())),
  );

  app.post(
    '/api/v1/public-spaces',
    {
      config: { permission: 'spaces.manage' },
      schema: {
        tags,
        summary: "Register a compound's public space (a parking area, a canteen room, an elderly-care room…)",
        body: z
          .object({
            compoundId: z.string().uuid(),
            kind: z.enum(spaceKinds),
            name: text(100),
            areaM2: z
              .string()
              .regex(/^\d{1,10}(\.\d{1,2})?$/, 'an area in m² with at most two decimals, as a string ("36.50")')
              .nullish(),
          })
          .strict(),
        response: { 201: space },
      },
    },
    async (req, reply) => reply.code(201).send(await spaces.registerSpace(ctx, userOf(req), actorOf(req), req.body)),
  );

  app.post(
    '/api/v1/public-spaces/:id/grants',
    {
      config: { permission: 'spaces.manage' },
      schema: {
        tags,
        summary: 'Grant a space to an operator for a term (both days included); 409 when it overlaps an active grant of the space',
        params: id,
        body: z
          .object({
            operatorName: text(200),
            operatorCreditCode: z
              .string()
              .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'a unified social credit code of 18 characters')
              .nullish(),
            startsOn: isoDate,
            endsOn: isoDate,
            feeFen: fen,
            concessionFen: fen.optional(),
            terms: z.string().trim().max(2000).nullish(),
          })
          .strict(),
        response: { 201: grant },
      },
    },
    async (req, reply) => reply.code(201).send(await spaces.grantSpace(ctx, userOf(req), actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/space-grants',
    {
      config: { permission: 'spaces.read' },
      schema: {
        tags,
        summary: 'Grants in scope, soonest ending first',
        querystring: z.object({
          spaceId: z.string().uuid().optional(),
          endingFrom: isoDate.optional(),
          limit: pageQuery.limit,
        }),
        response: {
          200: z.object({
            items: z.array(grant.extend({ spaceName: z.string(), spaceKind: z.enum(spaceKinds), compoundId: z.string() })),
          }),
        },
      },
    },
    async (req) => spaces.listGrants(ctx, userOf(req), req.query),
  );

  app.get(
    '/api/v1/space-grants/:id',
    {
      config: { permission: 'spaces.read' },
      schema: {
        tags,
        summary: 'A grant with its tax and fee reliefs and what the operator delivered',
        params: id,
        response: { 200: grant.extend({ reliefs: z.array(relief), deliveries: z.array(delivery) }) },
      },
    },
    async (req) => spaces.getGrant(ctx, userOf(req), req.params.id),
  );

  app.post(
    '/api/v1/space-grants/:id/terminate',
    {
      config: { permission: 'spaces.manage' },
      schema: { tags, summary: 'End a grant early', params: id, response: { 200: grant } },
    },
    async (req) => spaces.terminateGrant(ctx, userOf(req), actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/space-grants/:id/reliefs',
    {
      config: { permission: 'spaces.manage' },
      schema: {
        tags,
        summary: 'Record a tax or fee relief granted to the operator',
        params: id,
        body: z.object({ kind: z.enum(reliefKinds), amountFen: fen, basis: text(500), grantedOn: isoDate }).strict(),
        response: { 201: relief },
      },
    },
    async (req, reply) => reply.code(201).send(await spaces.recordRelief(ctx, userOf(req), actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/space-grants/:id/deliveries',
    {
      config: { permission: 'spaces.manage' },
      schema: {
        tags,
        summary: 'Record what the operator delivered in a period within the grant',
        params: id,
        body: z
          .object({
            periodStart: isoDate,
            periodEnd: isoDate,
            services: z.number().int().min(0).max(10_000_000),
            beneficiaries: z.number().int().min(0).max(10_000_000),
            summary: text(2000),
          })
          .strict(),
        response: { 201: delivery },
      },
    },
    async (req, reply) => reply.code(201).send(await spaces.recordDelivery(ctx, userOf(req), actorOf(req), req.params.id, req.body)),
  );
}
