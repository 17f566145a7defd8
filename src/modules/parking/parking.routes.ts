// Parking over HTTP: the staff's spaces, stays, payments and monthly passes; the residents' occupancy on /m.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import * as parking from './parking.service.ts';
import { paymentMethods, spaceKinds } from './schema.ts';

const tags = ['parking'];
const id = z.object({ id: z.string().uuid() });
const space = z.object({
  id: z.string(),
  compoundId: z.string(),
  code: z.string(),
  kind: z.enum(spaceKinds),
  householdId: z.string().nullable(),
});
const session = z.object({
  id: z.string(),
  compoundId: z.string(),
  plate: z.string(),
  enteredAt: z.string(),
  exitedAt: z.string().nullable(),
  feeFen: z.number().int().nullable(),
  quotedFen: z.number().int().nullable(),
  paidFen: z.number().int(),
  dueFen: z.number().int(),
  tariffVersion: z.string().nullable(),
  days: z.array(z.object({ day: z.string(), hours: z.number().int(), fen: z.number().int(), capped: z.boolean(), pass: z.boolean() })),
});
const payment = {
  amountFen: z.number().int().min(1).max(100_000_000),
  method: z.enum(paymentMethods),
  reference: z.string().trim().min(1).max(64),
};

export async function parkingRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/compounds/:id/parking-spaces',
    {
      config: { permission: 'parking.manage' },
      schema: { tags, summary: "A compound's parking spaces", params: id, response: { 200: z.object({ items: z.array(space) }) } },
    },
    async (req) => parking.listSpaces(ctx, userOf(req), req.params.id),
  );
  app.post(
    '/api/v1/compounds/:id/parking-spaces',
    {
      config: { permission: 'parking.manage' },
      schema: {
        tags,
        summary: 'Add a parking space: owned or rented (with its household), shared, or charging',
        params: id,
        body: z.object({ code: z.string().trim().min(1).max(20), kind: z.enum(spaceKinds), householdId: z.string().uuid().optional() }),
        response: { 201: space },
      },
    },
    async (req, reply) => reply.code(201).send(await parking.createSpace(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.body)),
  );
  app.get(
    '/api/v1/compounds/:id/parking-sessions',
    {
      config: { permission: 'parking.manage' },
      schema: {
        tags,
        summary: "A compound's stays from its barriers, newest first (open ones with their fee so far); open=true or false filters",
        params: id,
        querystring: z.object({ open: z.enum(['true', 'false']).optional(), ...pageQuery }),
        response: { 200: pageSchema(session) },
      },
    },
    // open=true: cars inside now; open=false: stays that have ended; no filter: both.
    async (req) =>
      parking.listSessions(ctx, userOf(req), req.params.id, {
        ...req.query,
        open: req.query.open === undefined ? undefined : req.query.open === 'true',
      }),
  );
  app.get(
    '/api/v1/parking-sessions/:id',
    {
      config: { permission: 'parking.manage' },
      schema: { tags, summary: 'One stay with its fee day by day and what is due', params: id, response: { 200: session } },
    },
    async (req) => parking.getSession(ctx, userOf(req), req.params.id),
  );
  app.post(
    '/api/v1/parking-sessions/:id/payments',
    {
      config: { permission: 'parking.manage' },
      schema: {
        tags,
        summary: 'Record a payment of a stay (amount in fen, method, the till’s or app’s reference): never more than is due',
        params: id,
        body: z.object(payment),
        response: {
          201: z.object({
            id: z.string(),
            sessionId: z.string(),
            amountFen: z.number().int(),
            method: z.enum(paymentMethods),
            reference: z.string(),
            paidAt: z.string(),
            sessionPaidFen: z.number().int(),
            sessionDueFen: z.number().int(),
          }),
        },
      },
    },
    async (req, reply) => reply.code(201).send(await parking.recordPayment(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.body)),
  );
  app.post(
    '/api/v1/compounds/:id/parking-passes',
    {
      config: { permission: 'parking.manage' },
      schema: {
        tags,
        summary: "Sell a plate a month's pass at the tariff's price, its payment recorded",
        params: id,
        body: z.object({
          plate: z.string().min(1).max(16),
          month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
          method: payment.method,
          reference: payment.reference,
        }),
        response: {
          201: z.object({
            id: z.string(),
            compoundId: z.string(),
            plate: z.string(),
            month: z.string(),
            amountFen: z.number().int(),
            method: z.enum(paymentMethods),
            reference: z.string(),
          }),
        },
      },
    },
    async (req, reply) => reply.code(201).send(await parking.sellPass(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.body)),
  );
  app.get(
    '/api/v1/me/parking',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: "My compounds' car parks (spaces by kind, occupied now, free) and my household's spaces",
        response: {
          200: z.object({
            compounds: z.array(
              z.object({
                compoundId: z.string(),
                compoundName: z.string(),
                spaces: z.number().int(),
                byKind: z.object({
                  owned: z.number().int(),
                  rented: z.number().int(),
                  shared: z.number().int(),
                  charging: z.number().int(),
                }),
                occupied: z.number().int(),
                free: z.number().int(),
              }),
            ),
            mySpaces: z.array(space),
          }),
        },
      },
    },
    async (req) => parking.myParking(ctx, userOf(req)),
  );
}
