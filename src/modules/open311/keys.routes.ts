// Partner API keys for Open311, managed by a city administrator: issue (the key is answered once), list, revoke.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { decodeCursor, encodeCursor, pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import * as keys from './keys.service.ts';
import { servedCategories } from './open311.service.ts';

const tags = ['open311'];
const keyView = z.object({
  id: z.string(),
  partner: z.string(),
  keyPrefix: z.string(),
  serviceCodes: z.array(z.string()).nullable(),
  jurisdiction: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export async function keyRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/open311/keys',
    {
      config: { permission: 'open311.keys' },
      schema: {
        tags,
        summary: "Issue an Open311 partner's API key (answered once; only its digest is kept)",
        body: z.object({
          partner: z.string().trim().regex(keys.partnerPattern, 'lower-case letters, digits, - and _ (2 to 40)'),
          serviceCodes: z.array(z.string().min(1).max(64)).max(100).optional(),
        }),
        response: { 201: keyView.extend({ apiKey: z.string() }) },
      },
    },
    async (req, reply) => {
      const served = new Set((await servedCategories(ctx)).keys());
      return reply.code(201).send(await keys.issueKey(ctx, userOf(req), actorOf(req), req.body, served));
    },
  );

  app.get(
    '/api/v1/open311/keys',
    {
      config: { permission: 'open311.keys' },
      schema: {
        tags,
        summary: 'Open311 partner keys, newest first (never the keys themselves)',
        querystring: z.object(pageQuery),
        response: { 200: pageSchema(keyView) },
      },
    },
    async (req) => {
      const after = decodeCursor(req.query.cursor, z.tuple([z.string().uuid()]));
      const page = await keys.listKeys(ctx, req.query.limit, after?.[0]);
      return { items: page.items, nextCursor: page.nextCursor ? encodeCursor([page.nextCursor]) : null };
    },
  );

  app.post(
    '/api/v1/open311/keys/:id/revoke',
    {
      config: { permission: 'open311.keys' },
      schema: {
        tags,
        summary: 'Revoke a partner key: its next request is refused',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: keyView },
      },
    },
    async (req) => keys.revokeKey(ctx, userOf(req), actorOf(req), req.params.id),
  );
}
