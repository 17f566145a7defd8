// The property desk's reads of a car park over HTTP: monthly passes sold and the occupancy now.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { listPasses, occupancy } from './desk.service.ts';
import { paymentMethods } from './schema.ts';

const tags = ['parking'];
const id = z.object({ id: z.string().uuid() });
const count = z.number().int();

export async function parkingDeskRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/compounds/:id/parking-passes',
    {
      config: { permission: 'parking.manage' },
      schema: {
        tags,
        summary: "A compound's monthly passes, the latest month first",
        params: id,
        querystring: z.object(pageQuery),
        response: {
          200: pageSchema(
            z.object({
              id: z.string(),
              compoundId: z.string(),
              plate: z.string(),
              month: z.string(),
              amountFen: count,
              method: z.enum(paymentMethods),
              reference: z.string(),
              createdAt: z.string(),
            }),
          ),
        },
      },
    },
    async (req) => listPasses(ctx, userOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/compounds/:id/parking-occupancy',
    {
      config: { permission: 'parking.manage' },
      schema: {
        tags,
        summary: 'The car park now: spaces by kind, cars inside (open stays) and spaces free',
        params: id,
        response: {
          200: z.object({
            compoundId: z.string(),
            spaces: count,
            byKind: z.object({ owned: count, rented: count, shared: count, charging: count }),
            occupied: count,
            free: count,
          }),
        },
      },
    },
    async (req) => occupancy(ctx, userOf(req), req.params.id),
  );
}
