// The resident's side on /m: the elders they may order for (themselves, or an elder they are linked to as family),
// ordering, their household's orders, cancelling, rating and complaining (thin routes).
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { isoDateTime } from '../../platform/http/fields.ts';
import { pageQuery } from '../../platform/http/pagination.ts';
import type { Caller } from './access.ts';
import * as actions from './actions.service.ts';
import * as orders from './orders.service.ts';
import { myElders } from './resident.service.ts';
import { catalogueSchema, complaintSchema, orderDetail, orderPage } from './schemas.ts';
import { genders } from './schema.ts';

const tags = ['services: residents'];
const id = z.object({ id: z.uuid() });
const callerOf = (req: FastifyRequest): Caller => ({ ...userOf(req), ip: req.ip });

export async function residentServiceRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/me/services/elders',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'The elders I may order for (myself, or as family), masked, and the kinds of service',
        response: {
          200: z.object({
            elders: z.array(
              z.object({
                profileId: z.string(),
                nameMasked: z.string(),
                gender: z.enum(genders),
                ageBand: z.string(),
                relation: z.string(),
                compoundName: z.string().nullable(),
              }),
            ),
            catalogue: catalogueSchema,
          }),
        },
      },
    },
    async (req) => myElders(ctx, callerOf(req)),
  );
  app.post(
    '/api/v1/me/services/orders',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Order a service for myself or an elder I am linked to; it is offered to the best-ranked provider at once',
        body: z
          .object({
            profileId: z.uuid(),
            kind: z.string().trim().min(1).max(60),
            startsAt: isoDateTime,
            note: z.string().trim().max(500).optional(),
          })
          .strict(),
        response: { 201: orderDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await orders.createOrder(ctx, callerOf(req), req.body, 'resident')),
  );
  app.get(
    '/api/v1/me/services/orders',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: "My household's orders and those of the elders I am linked to, newest first",
        querystring: z.object({ ...pageQuery }),
        response: { 200: orderPage },
      },
    },
    async (req) => orders.listOrders(ctx, { ...callerOf(req), role: 'resident' }, req.query),
  );
  app.get(
    '/api/v1/me/services/orders/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'One of my orders', params: id, response: { 200: orderDetail } },
    },
    async (req) => orders.getOrder(ctx, { ...callerOf(req), role: 'resident' }, req.params.id),
  );
  app.post(
    '/api/v1/me/services/orders/:id/cancel',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'Cancel one of my orders not yet in service', params: id, response: { 200: orderDetail } },
    },
    async (req) => orders.cancelOrder(ctx, { ...callerOf(req), role: 'resident' }, req.params.id),
  );
  app.post(
    '/api/v1/me/services/orders/:id/rating',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Rate a completed order, once: 1 to 5 stars and a comment',
        params: id,
        body: z.object({ stars: z.number().int().min(1).max(5), comment: z.string().trim().max(500).optional() }).strict(),
        response: { 201: orderDetail },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await actions.rateOrder(ctx, { ...callerOf(req), role: 'resident' }, req.params.id, req.body)),
  );
  app.post(
    '/api/v1/me/services/orders/:id/complaints',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Complain about an order; the community follows it up',
        params: id,
        body: z.object({ text: z.string().trim().min(1).max(2000) }).strict(),
        response: { 201: complaintSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await actions.fileComplaint(ctx, { ...callerOf(req), role: 'resident' }, req.params.id, req.body.text)),
  );
}
