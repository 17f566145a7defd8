import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { localized } from '../../platform/http/locale.ts';
import { overview } from './stats.service.ts';

const count = z.number().int();
const area = z.string().regex(/^\d+\.\d{2}$/);
const rate = {
  rate: z.string().nullable().describe('an exact fraction n/d'),
  percent: z.string().nullable().describe('the rate in percent, 2 decimals'),
};

export async function statsRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/stats/overview',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags: ['stats'],
        summary: "The programme's figures in a division (default: your scope) for a year (default: all years), from the records",
        querystring: z.object({
          division: z
            .string()
            .regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'a division code of 6, 9 or 12 digits')
            .optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
        }),
        response: {
          200: z.object({
            asOf: z.string().describe('when these figures were read from the records (ISO 8601)'),
            changes: z
              .object({
                since: z.string().nullable().describe("the day of the previous month's last snapshot compared with, if any"),
                items: z.array(z.object({ figure: z.string(), before: z.string(), now: z.string() })),
                rule: z.object({ key: z.string(), version: z.string(), name: z.string() }),
              })
              .describe('headline figures that changed sharply against the end of the previous month (rule stats.sharp_change)'),
            division: z.string(),
            level: z.string(),
            year: z.number().int().nullable(),
            years: z.array(z.number().int()).describe('the years in which the division has projects, ascending'),
            projects: count,
            compounds: count,
            floorAreaM2: area,
            households: count,
            parkingSpaces: count,
            liftsInstalled: count,
            liftPositionsReserved: count,
            serviceSpaceM2: area,
            fitnessSpaceM2: area,
            barrierFreeItems: count,
            stateRoomsM2: area,
            fundingFen: z.record(z.string(), count),
            support: z
              .object({ ballots: count, agree: count, eligible: count, ...rate })
              .describe("agree votes over eligible households in each project's latest closed renovation_consent ballot"),
            satisfaction: z
              .object({
                surveys: count,
                satisfied: count,
                answered: count,
                ...rate,
                rule: z.object({ key: z.string(), version: z.string() }),
              })
              .describe("satisfied over answering households in each project's latest satisfaction survey"),
            byStage: z.record(z.string(), count),
          }),
        },
      },
    },
    async (req) => localized(req, await overview(ctx, userOf(req), req.query)),
  );
}
