import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { decimalInput } from '../../platform/decimal.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import * as outcomes from './outcomes.service.ts';

const tags = ['projects'];
const id = z.object({ id: z.string().uuid() });
const count = z.number().int().min(0).max(1_000_000);
// Areas answer as strings with two places; they are given as strings or exact JSON numbers.
const area = z.string();
const areaIn = decimalInput(outcomes.AREA);
const fields = {
  parkingSpacesAdded: count,
  liftsInstalled: count,
  liftPositionsReserved: count,
  publicServiceSpaceM2: area,
  fitnessSpaceM2: area,
  barrierFreeAgeFriendlyItems: count,
  stateOwnedRoomsM2: area,
};
const view = z.object({ projectId: z.string(), recorded: z.boolean(), ...fields, updatedAt: z.string().nullable() });
const totals = z.object({ projectCount: z.number(), ...fields });

export async function outcomesRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/projects/:id/outcomes',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: 'What the project delivered (zeros until recorded)', params: id, response: { 200: view } },
    },
    async (req) => outcomes.getOutcomes(ctx, userOf(req), req.params.id),
  );

  app.put(
    '/api/v1/projects/:id/outcomes',
    {
      config: { permission: 'projects.write' },
      schema: {
        tags,
        summary: 'Record what the project delivered: counts are whole numbers, areas m² with two decimals',
        params: id,
        body: z.object({ ...fields, publicServiceSpaceM2: areaIn, fitnessSpaceM2: areaIn, stateOwnedRoomsM2: areaIn }),
        response: { 200: view },
      },
    },
    async (req) => outcomes.saveOutcomes(ctx, userOf(req), actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/outcomes/summary',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: "Outcomes added up by district and year over the projects in the caller's scope",
        querystring: z.object({
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          division: z
            .string()
            .regex(/^\d{6}(\d{3})?(\d{3})?$/)
            .optional(),
        }),
        response: { 200: z.object({ items: z.array(totals.extend({ districtCode: z.string(), year: z.number() })), total: totals }) },
      },
    },
    async (req) => outcomes.outcomesSummary(ctx, userOf(req), req.query),
  );
}
