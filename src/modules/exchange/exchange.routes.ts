// City administrators' side of the exchange: connectors (the secret shown once, on create and rotation) and
// deliveries with their attempts and replay.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { noContent, type ZodApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import * as connectors from './connectors.service.ts';
import * as deliveries from './deliveries.service.ts';
import { deliveryStatuses, exchangeKinds } from './schema.ts';

const tags = ['exchange'];
const id = z.object({ id: z.string().uuid() });
const permission = 'exchange.manage' as const;

const connector = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  endpointUrl: z.string(),
  kinds: z.array(z.enum(exchangeKinds)),
  categories: z.array(z.string()),
  enabled: z.boolean(),
  maxTries: z.number().int(),
  backoffSeconds: z.number().int(),
  timeoutSeconds: z.number().int(),
  secretRotatedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deliveries: z.object(
    Object.fromEntries(deliveryStatuses.map((s) => [s, z.number().int()])) as Record<(typeof deliveryStatuses)[number], z.ZodNumber>,
  ),
});
const withSecret = z.object({ connector, secret: z.string().describe('the shared HMAC secret: shown this once, never again') });
const settings = {
  name: z.string().trim().min(1).max(100),
  endpointUrl: z.string().trim().url().max(500),
  kinds: z.array(z.enum(exchangeKinds)).max(3),
  categories: z.array(z.string().trim().min(1).max(60)).max(100),
  enabled: z.boolean(),
  maxTries: z.number().int().min(1).max(20),
  // 0: retry at once (a local receiver, tests); otherwise the first retry waits 1–2 times this.
  backoffSeconds: z.number().int().min(0).max(3600),
  timeoutSeconds: z.number().int().min(1).max(60),
};

const deliverySummary = z.object({
  id: z.string(),
  eventId: z.string().describe('X-Renova-Event-Id: the same for every retry and replay'),
  connector: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  kind: z.enum(exchangeKinds),
  gridEventId: z.string(),
  category: z.string(),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  replays: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  parkedAt: z.string().nullable(),
  createdAt: z.string(),
});
const deliveryDetail = deliverySummary.extend({
  attemptLog: z.array(
    z.object({
      attempt: z.number().int(),
      replay: z.boolean(),
      at: z.string(),
      ok: z.boolean(),
      statusCode: z.number().int().nullable(),
      error: z.string().nullable(),
      durationMs: z.number().int(),
    }),
  ),
});

export async function exchangeRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/exchange/connectors',
    {
      config: { permission },
      schema: {
        tags,
        summary: "The city platforms' connectors with their deliveries by status",
        response: { 200: z.object({ items: z.array(connector) }) },
      },
    },
    async () => connectors.listConnectors(ctx),
  );
  app.post(
    '/api/v1/exchange/connectors',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'Add a platform connector; its shared secret is made now and shown once',
        body: z
          .object({
            code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _'),
            ...settings,
            categories: settings.categories.default([]),
            enabled: settings.enabled.default(true),
            maxTries: settings.maxTries.default(8),
            backoffSeconds: settings.backoffSeconds.default(10),
            timeoutSeconds: settings.timeoutSeconds.default(10),
          })
          .strict(),
        response: { 201: withSecret },
      },
    },
    async (req, reply) => reply.code(201).send(await connectors.createConnector(ctx, actorOf(req)!, req.body)),
  );
  app.get(
    '/api/v1/exchange/connectors/:id',
    { config: { permission }, schema: { tags, summary: 'One connector (never its secret)', params: id, response: { 200: connector } } },
    async (req) => connectors.getConnector(ctx, req.params.id),
  );
  app.patch(
    '/api/v1/exchange/connectors/:id',
    {
      config: { permission },
      schema: {
        tags,
        summary: "Change a connector's settings (its code stays)",
        params: id,
        body: z.object(settings).partial().strict(),
        response: { 200: connector },
      },
    },
    async (req) => connectors.updateConnector(ctx, actorOf(req)!, req.params.id, req.body),
  );
  app.post(
    '/api/v1/exchange/connectors/:id/rotate-secret',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'A new shared secret, shown once; the old one stops working at once',
        params: id,
        response: { 200: withSecret },
      },
    },
    async (req) => connectors.rotateSecret(ctx, actorOf(req)!, req.params.id),
  );
  app.delete(
    '/api/v1/exchange/connectors/:id',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'Delete a connector that never delivered anything (otherwise disable it)',
        params: id,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await connectors.deleteConnector(ctx, actorOf(req)!, req.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/exchange/deliveries',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'Outgoing deliveries, newest first',
        querystring: z.object({
          connectorId: z.string().uuid().optional(),
          status: z.enum(deliveryStatuses).optional(),
          kind: z.enum(exchangeKinds).optional(),
          gridEventId: z.string().uuid().optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(deliverySummary) },
      },
    },
    async (req) => deliveries.listDeliveries(ctx, { ...req.query, status: req.query.status ? [req.query.status] : undefined }),
  );
  app.get(
    '/api/v1/exchange/deliveries/:id',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'One delivery with every attempt (status code, error, duration)',
        params: id,
        response: { 200: deliveryDetail },
      },
    },
    async (req) => deliveries.getDelivery(ctx, req.params.id),
  );
  app.post(
    '/api/v1/exchange/deliveries/:id/replay',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'Send a delivered or parked message once more, with the same event id',
        params: id,
        response: { 202: deliveryDetail },
      },
    },
    async (req, reply) => reply.code(202).send(await deliveries.replayDelivery(ctx, actorOf(req)!, req.params.id)),
  );
}
