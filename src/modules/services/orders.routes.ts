// Orders for staff and providers, complaints, and the matching figures (thin routes). Who sees which order is
// decided in access.ts: staff by division or compounds, a provider by the compounds it serves (Acceptance 6).
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { isoDateTime } from '../../platform/http/fields.ts';
import { localized } from '../../platform/http/locale.ts';
import { pageQuery } from '../../platform/http/pagination.ts';
import type { Caller } from './access.ts';
import * as actions from './actions.service.ts';
import { acceptOffer, declineOffer } from './dispatch.ts';
import { matchingFigures } from './figures.ts';
import * as orders from './orders.service.ts';
import { complaintSchema, figuresSchema, orderDetail, orderPage } from './schemas.ts';
import { complaintStatuses, orderStatuses } from './schema.ts';

const tags = ['services: orders'];
const id = z.object({ id: z.uuid() });
const callerOf = (req: FastifyRequest): Caller => ({ ...userOf(req), ip: req.ip });
const point = { lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) };

export async function orderRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/services/orders',
    {
      config: { permission: 'services.order' },
      schema: {
        tags,
        summary: 'Order a service for an elder (代下单): automatic dispatch offers it to the best-ranked provider at once',
        body: z
          .object({
            profileId: z.uuid(),
            kind: z.string().trim().min(1).max(60),
            startsAt: isoDateTime,
            note: z.string().trim().max(500).optional(),
            dispatch: z.enum(['auto', 'manual']).optional(),
          })
          .strict(),
        response: { 201: orderDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await orders.createOrder(ctx, callerOf(req), req.body, 'worker')),
  );
  app.get(
    '/api/v1/services/orders',
    {
      config: { permission: 'services.read' },
      schema: {
        tags,
        summary:
          'Orders in scope, newest first (a provider: those of the compounds it serves that were offered or given to it); awaiting=true: only those with an offer still unanswered (a provider: made to it)',
        querystring: z.object({
          status: z.enum(orderStatuses).optional(),
          awaiting: z.enum(['true', 'false']).optional(),
          kind: z.string().max(60).optional(),
          compoundId: z.uuid().optional(),
          ...pageQuery,
        }),
        response: { 200: orderPage },
      },
    },
    async (req) => orders.listOrders(ctx, callerOf(req), { ...req.query, awaiting: req.query.awaiting === 'true' }),
  );
  app.get(
    '/api/v1/services/orders/:id',
    {
      config: { permission: 'services.read' },
      schema: {
        tags,
        summary: 'One order with its offers, check-in and check-out, rating and complaints',
        params: id,
        response: { 200: orderDetail },
      },
    },
    async (req) => orders.getOrder(ctx, callerOf(req), req.params.id),
  );
  app.get(
    '/api/v1/services/orders/:id/candidates',
    {
      config: { permission: 'services.manage' },
      schema: {
        tags,
        summary: 'The providers ranked for the order (score and its parts), and why the others are left out',
        params: id,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                rank: z.number().int(),
                providerId: z.string(),
                providerName: z.string(),
                score: z.number().int(),
                distanceM: z.number().int().nullable(),
                free: z.number().int(),
                priceFen: z.number().int(),
                parts: z.object({
                  distance: z.number().int(),
                  capacity: z.number().int(),
                  rating: z.number().int(),
                  preference: z.number().int(),
                }),
              }),
            ),
            ineligible: z.array(
              z.object({
                providerId: z.string(),
                providerName: z.string().nullable(),
                reason: z.string(),
                reasonText: z.string(),
                qualification: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => localized(req, await orders.orderCandidates(ctx, callerOf(req), req.params.id)),
  );
  app.post(
    '/api/v1/services/orders/:id/dispatch',
    {
      config: { permission: 'services.manage' },
      schema: {
        tags,
        summary: 'Dispatch by hand: offer the order to the provider chosen among the candidates (or to the best one)',
        params: id,
        body: z.object({ providerId: z.uuid().optional() }).strict(),
        response: { 200: orderDetail },
      },
    },
    async (req) => orders.dispatchOrder(ctx, callerOf(req), req.params.id, req.body.providerId),
  );
  app.post(
    '/api/v1/services/orders/:id/accept',
    {
      config: { permission: 'services.provide' },
      schema: {
        tags,
        summary: 'Accept the offer made to my provider (books a place in the slot)',
        params: id,
        response: { 200: orderDetail },
      },
    },
    async (req) => {
      await acceptOffer(ctx, callerOf(req), req.params.id, new Date());
      return orders.getOrder(ctx, callerOf(req), req.params.id);
    },
  );
  app.post(
    '/api/v1/services/orders/:id/decline',
    {
      config: { permission: 'services.provide' },
      schema: {
        tags,
        summary: 'Decline the offer made to my provider: the next-ranked one gets it',
        params: id,
        body: z.object({ reason: z.string().trim().max(500).optional() }).strict(),
        response: { 200: z.object({ declined: z.literal(true) }) },
      },
    },
    async (req) => {
      await declineOffer(ctx, callerOf(req), req.params.id, req.body.reason, new Date());
      return { declined: true as const };
    },
  );
  app.post(
    '/api/v1/services/orders/:id/check-in',
    {
      config: { permission: 'services.provide' },
      schema: {
        tags,
        summary: 'Check in at the elder’s home: the time and the place',
        params: id,
        body: z.object(point).strict(),
        response: { 200: orderDetail },
      },
    },
    async (req) => actions.checkIn(ctx, callerOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/services/orders/:id/check-out',
    {
      config: { permission: 'services.provide' },
      schema: {
        tags,
        summary: 'Check out: the time, the place and a note on the service',
        params: id,
        body: z.object({ ...point, note: z.string().trim().max(1000).optional() }).strict(),
        response: { 200: orderDetail },
      },
    },
    async (req) => actions.checkOut(ctx, callerOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/services/orders/:id/cancel',
    {
      config: { permission: 'services.order' },
      schema: { tags, summary: 'Cancel an order not yet in service', params: id, response: { 200: orderDetail } },
    },
    async (req) => orders.cancelOrder(ctx, callerOf(req), req.params.id),
  );
  app.post(
    '/api/v1/services/orders/:id/complaints',
    {
      config: { permission: 'services.order' },
      schema: {
        tags,
        summary: 'File a complaint on an order (for an elder who told the community)',
        params: id,
        body: z.object({ text: z.string().trim().min(1).max(2000) }).strict(),
        response: { 201: complaintSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await actions.fileComplaint(ctx, callerOf(req), req.params.id, req.body.text)),
  );
  app.get(
    '/api/v1/services/complaints',
    {
      config: { permission: 'services.manage' },
      schema: {
        tags,
        summary: 'Complaints in the division, oldest first',
        querystring: z.object({
          status: z.enum(complaintStatuses).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(complaintSchema) }) },
      },
    },
    async (req) => actions.listComplaints(ctx, callerOf(req), req.query),
  );
  app.post(
    '/api/v1/services/complaints/:id/follow-up',
    {
      config: { permission: 'services.manage' },
      schema: {
        tags,
        summary: 'Follow a complaint up: handling, resolved or closed, with a note',
        params: id,
        body: z.object({ status: z.enum(complaintStatuses), note: z.string().trim().max(2000).optional() }).strict(),
        response: { 200: complaintSchema },
      },
    },
    async (req) => actions.followUpComplaint(ctx, callerOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/services/figures',
    {
      config: { permission: 'services.read' },
      schema: {
        tags,
        summary: 'The matching figures of a division by kind: fill rate, time to match, no-shows, unmet demand (default: the last 30 days)',
        querystring: z.object({
          division: z.string().regex(/^\d{6}$|^\d{9}$|^\d{12}$/),
          from: isoDateTime.optional(),
          to: isoDateTime.optional(),
        }),
        response: { 200: figuresSchema },
      },
    },
    async (req) => matchingFigures(ctx, callerOf(req), req.query),
  );
}
