// The platforms' side: no account, each request signed with the connector's secret. The signature is checked
// over the exact bytes received (kept by a preParsing hook) before the body is validated, so an unsigned request
// learns nothing about what a valid one looks like.
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { localeOf } from '../../platform/http/locale.ts';
import { problem } from '../../platform/http/problem.ts';
import { receiveEvent, reportStatus, verifiedConnector } from './inbound.ts';
import { exchangeMessages as xm } from './messages.ts';
import { platformStatuses } from './rules.ts';
import { HEADER_SIGNATURE, HEADER_TIMESTAMP } from './signature.ts';

const tags = ['exchange'];
const MAX_BODY = 256 * 1024;
const raw = new WeakMap<FastifyRequest, Buffer>();
const verified = new WeakMap<FastifyRequest, { id: string; code: string; name: string }>();

const signedHeaders = z.object({
  'x-renova-timestamp': z.string().optional().describe('unix seconds'),
  'x-renova-signature': z.string().optional().describe('sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the shared secret>'),
});
const connectorParam = z.object({ connector: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/) });
const instant = z.iso.datetime({ offset: true });

const hooks = (ctx: AppContext) => ({
  preParsing: async (req: FastifyRequest, _reply: unknown, payload: NodeJS.ReadableStream) => {
    const chunks: Buffer[] = [];
    let n = 0;
    for await (const chunk of payload as AsyncIterable<Buffer>) {
      n += chunk.length;
      if (n > MAX_BODY) throw problem(413, xm.msg('exchange.body_too_large'));
      chunks.push(chunk);
    }
    const body = Buffer.concat(chunks);
    raw.set(req, body);
    return Readable.from([body]);
  },
  preValidation: async (req: FastifyRequest) => {
    const code = (req.params as { connector?: string }).connector ?? '';
    const headers = {
      timestamp: req.headers[HEADER_TIMESTAMP] as string | undefined,
      signature: req.headers[HEADER_SIGNATURE] as string | undefined,
    };
    const c = await verifiedConnector(ctx, code, headers, raw.get(req) ?? Buffer.alloc(0));
    verified.set(req, { id: c.id, code: c.code, name: c.name });
  },
});

export async function inboundRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/exchange/:connector/events',
    {
      // No account: the platform signs the request with the connector's secret (401 otherwise).
      config: { permission: 'public' },
      ...hooks(ctx),
      schema: {
        tags,
        summary: "A city platform's event (signed): becomes a grid event; the same externalId again answers the same event (200)",
        params: connectorParam,
        headers: signedHeaders,
        body: z
          .object({
            externalId: z.string().trim().min(1).max(100),
            kind: z.string().trim().min(1).max(40),
            category: z.string().trim().min(1).max(60),
            description: z.string().trim().min(1).max(4000),
            lat: z.number().min(-90).max(90).optional(),
            lng: z.number().min(-180).max(180).optional(),
            address: z.string().trim().max(300).optional(),
            occurredAt: instant,
            status: z.string().trim().max(40).optional(),
          })
          .strict(),
        response: {
          200: z.object({ id: z.string(), state: z.string(), dueAt: z.string().nullable(), created: z.literal(false) }),
          201: z.object({ id: z.string(), state: z.string(), dueAt: z.string().nullable(), created: z.literal(true) }),
        },
      },
    },
    async (req, reply) => {
      const made = await receiveEvent(ctx, verified.get(req)!, req.body);
      return reply.code(made.created ? 201 : 200).send(made as never);
    },
  );
  app.post(
    '/api/v1/exchange/:connector/events/:externalId/status',
    {
      config: { permission: 'public' },
      ...hooks(ctx),
      schema: {
        tags,
        summary: 'Progress from a platform (signed) on an event it reported or we escalated to it (externalId: its id, or our event id)',
        params: connectorParam.extend({ externalId: z.string().min(1).max(100) }),
        headers: signedHeaders,
        body: z
          .object({ status: z.enum(platformStatuses), note: z.string().trim().max(2000).optional(), occurredAt: instant.optional() })
          .strict(),
        response: {
          200: z.object({
            eventId: z.string(),
            state: z.string(),
            applied: z.boolean().describe('false: the lifecycle did not allow the step; the report is kept as a note'),
            note: z.string().optional(),
          }),
        },
      },
    },
    async (req) => {
      const { note, ...r } = await reportStatus(ctx, verified.get(req)!, req.params.externalId, req.body);
      return { ...r, ...(note ? { note: note.in(localeOf(req)) } : {}) };
    },
  );
}
