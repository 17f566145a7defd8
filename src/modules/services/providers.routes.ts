// Providers, their compounds, qualifications, offerings and slots; the catalogue of kinds (thin routes).
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { isoDate, isoDateTime } from '../../platform/http/fields.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import type { Caller } from './access.ts';
import * as providers from './providers.service.ts';
import { catalogueAt } from './rules.ts';
import { catalogueSchema, providerDetail, providerSummary, slot } from './schemas.ts';
import { genders, providerKinds } from './schema.ts';

const tags = ['services: providers'];
const id = z.object({ id: z.uuid() });
const callerOf = (req: FastifyRequest): Caller => ({ ...userOf(req), ip: req.ip });
const code = z.string().trim().min(1).max(60);

export async function providerRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/services/catalogue',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Kinds of service, qualifications, care levels, needs and dialects (the rule services.catalogue in force today)',
        response: { 200: catalogueSchema },
      },
    },
    async () => catalogueAt(ctx.db),
  );
  app.post(
    '/api/v1/services/providers',
    {
      config: { permission: 'services.manage' },
      schema: {
        tags,
        summary: 'Register a provider (a company or an individual) with the compounds it serves and its accounts',
        body: z
          .object({
            kind: z.enum(providerKinds),
            name: z.string().trim().min(1).max(100),
            gender: z.enum(genders).nullish(),
            dialects: z.array(code).max(10).optional(),
            communityCode: z.string().regex(/^\d{12}$/),
            lat: z.number().min(-90).max(90),
            lng: z.number().min(-180).max(180),
            compoundIds: z.array(z.uuid()).max(500),
            accountIds: z.array(z.uuid()).max(50).optional(),
          })
          .strict(),
        response: { 201: providerDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await providers.createProvider(ctx, callerOf(req), req.body)),
  );
  app.get(
    '/api/v1/services/providers',
    {
      config: { permission: 'services.read' },
      schema: {
        tags,
        summary: 'Providers registered in the division (a provider: itself), by name',
        querystring: z.object({ compoundId: z.uuid().optional(), ...pageQuery }),
        response: { 200: pageSchema(providerSummary) },
      },
    },
    async (req) => providers.listProviders(ctx, callerOf(req), req.query),
  );
  app.get(
    '/api/v1/services/providers/:id',
    {
      config: { permission: 'services.read' },
      schema: {
        tags,
        summary: 'One provider with its compounds, qualifications and offerings',
        params: id,
        response: { 200: providerDetail },
      },
    },
    async (req) => providers.getProvider(ctx, callerOf(req), req.params.id),
  );
  app.put(
    '/api/v1/services/providers/:id',
    {
      config: { permission: 'services.manage' },
      schema: {
        tags,
        summary: 'Change a provider: its name, gender (an individual), dialects, where it works from, and whether it is active',
        params: id,
        body: z
          .object({
            name: z.string().trim().min(1).max(100),
            gender: z.enum(genders).nullish(),
            dialects: z.array(code).max(10),
            lat: z.number().min(-90).max(90),
            lng: z.number().min(-180).max(180),
            active: z.boolean(),
          })
          .strict(),
        response: { 200: providerDetail },
      },
    },
    async (req) => providers.updateProvider(ctx, callerOf(req), req.params.id, req.body),
  );
  app.put(
    '/api/v1/services/providers/:id/compounds',
    {
      config: { permission: 'services.manage' },
      schema: {
        tags,
        summary: 'The compounds the provider serves (replaces the list)',
        params: id,
        body: z.object({ compoundIds: z.array(z.uuid()).max(500) }).strict(),
        response: { 200: providerDetail },
      },
    },
    async (req) => providers.setProviderCompounds(ctx, callerOf(req), req.params.id, req.body.compoundIds),
  );
  app.post(
    '/api/v1/services/providers/:id/qualifications',
    {
      config: { permission: 'services.manage' },
      schema: {
        tags,
        summary: 'Record a qualification with its expiry (an expired one makes the provider ineligible for kinds that require it)',
        params: id,
        body: z.object({ code, ref: z.string().trim().max(100).optional(), validUntil: isoDate }).strict(),
        response: { 201: providerDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await providers.addQualification(ctx, callerOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/services/providers/:id/offerings',
    {
      config: { permission: 'services.manage' },
      schema: {
        tags,
        summary: 'Add an offering: a kind of service at a price in fen',
        params: id,
        body: z
          .object({ kind: code, name: z.string().trim().min(1).max(100), priceFen: z.number().int().min(0).max(100_000_000) })
          .strict(),
        response: { 201: providerDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await providers.addOffering(ctx, callerOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/services/offerings/:id/slots',
    {
      config: { permission: 'services.read' },
      schema: {
        tags,
        summary: "Add time slots with capacity to an offering (staff with services.manage, or the provider's own accounts)",
        params: id,
        body: z
          .object({
            slots: z
              .array(z.object({ startsAt: isoDateTime, endsAt: isoDateTime, capacity: z.number().int().min(1).max(10_000) }).strict())
              .min(1)
              .max(500),
          })
          .strict(),
        response: { 201: z.object({ items: z.array(slot) }) },
      },
    },
    async (req, reply) => reply.code(201).send(await providers.addSlots(ctx, callerOf(req), req.params.id, req.body.slots)),
  );
  app.get(
    '/api/v1/services/offerings/:id/slots',
    {
      config: { permission: 'services.read' },
      schema: {
        tags,
        summary: "An offering's slots from a time (default now), soonest first",
        params: id,
        querystring: z.object({ from: isoDateTime.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(slot) }) },
      },
    },
    async (req) => providers.listSlots(ctx, callerOf(req), req.params.id, req.query),
  );
}
