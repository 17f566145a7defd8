// Handing a work order up as a grid event (a repair the property company cannot do): thin, the rest in sources.ts.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { handUpWorkOrder } from './sources.ts';

export async function gridSourceRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/work-orders/:id/grid-event',
    {
      config: { permission: 'workorders.manage' },
      schema: {
        tags: ['grid events'],
        summary:
          'Hand a work order up as a grid event (source work_order): once per order, a repeat answers the same event (created false)',
        params: z.object({ id: z.string().uuid() }),
        body: z
          .object({
            /** A grid event category (`GET /api/v1/grid-categories`). */
            category: z.string().trim().min(1).max(64),
            /** Why it is handed up, added to the order's title and description. */
            description: z.string().trim().max(2000).nullish(),
          })
          .strict(),
        response: {
          201: z.object({ id: z.string(), ref: z.string(), state: z.string(), created: z.boolean() }),
        },
      },
    },
    async (req, reply) => reply.code(201).send(await handUpWorkOrder(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.body)),
  );
}
