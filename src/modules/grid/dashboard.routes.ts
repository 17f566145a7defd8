// GET /api/v1/grid-dashboard: the governance dashboard of a division or a compound (dashboard.ts).
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { isoDate } from '../../platform/http/fields.ts';
import { localeOf } from '../../platform/http/locale.ts';
import { badRequest } from '../../platform/http/problem.ts';
import { gridDashboard } from './dashboard.ts';
import { dashboardMessages as dm } from './dashboard.messages.ts';
import { gridEventSources, gridEventStates, gridLevels } from './schema.ts';

const count = z.number().int();
const ratio = {
  rate: z.string().nullable().describe('an exact fraction n/d; null when nothing to measure'),
  percent: z.string().nullable().describe('the rate in percent, one decimal, rounded half up'),
};
const counts = { count, open: count, overdue: count, closed: count, closedInTime: count };
const seconds = z.number().int().nullable();

export const dashboardResponse = z.object({
  level: z.enum(['province', 'city', 'district', 'subdistrict', 'community', 'compound', 'scope']),
  division: z.string().nullable(),
  compoundId: z.string().nullable(),
  name: z.string().nullable().describe("the compound's name at compound level"),
  from: z.string().nullable(),
  to: z.string().nullable(),
  at: z.string().describe('the moment overdue is measured at'),
  totals: z.object({
    events: count,
    open: count,
    overdue: count.describe('open events past their state’s time limit, or flagged overdue by the clock'),
    closed: count,
    closedInTime: count.describe('closed events that never ran past a state’s time limit'),
    sla: z.object(ratio).describe('closedInTime / closed'),
  }),
  byState: z.array(z.object({ state: z.enum(gridEventStates), ...counts })),
  byCategory: z.array(z.object({ category: z.string(), name: z.string(), ...counts, sla: z.object(ratio) })),
  bySource: z.array(z.object({ source: z.enum(gridEventSources), ...counts })),
  byLevel: z.array(z.object({ level: z.enum(gridLevels), ...counts })),
  childLevel: z.enum(['district', 'subdistrict', 'community', 'compound', 'grid']).nullable(),
  children: z.array(
    z.object({
      key: z.string().describe('a division code, a compound id or a grid id'),
      name: z.string().nullable(),
      events: count,
      open: count,
      overdue: count,
      closed: count,
      closedInTime: count,
      sla: z.object(ratio),
    }),
  ),
  response: z.object({ samples: count, medianSeconds: seconds, p90Seconds: seconds }).describe('reported → accepted'),
  workers: z.array(
    z.object({
      accountId: z.string(),
      name: z.string().nullable(),
      grids: count,
      open: count.describe('open events assigned to them'),
      assigned: count,
      accepted: count.describe('events they accepted'),
      medianSeconds: seconds,
      p90Seconds: seconds,
    }),
  ),
  hotSpots: z.array(
    z.object({
      lat: z.number(),
      lng: z.number(),
      sizeLatDeg: z.number(),
      sizeLngDeg: z.number(),
      sizeM: z.number(),
      count,
      open: count,
    }),
  ),
  points: z.array(
    z.object({
      id: z.string(),
      ref: z.string(),
      category: z.string(),
      categoryName: z.string(),
      state: z.enum(gridEventStates),
      level: z.enum(gridLevels),
      overdue: z.boolean(),
      lat: z.number(),
      lng: z.number(),
      reportedAt: z.string(),
    }),
  ),
  pointsCapped: z.boolean(),
  grids: z
    .array(z.object({ id: z.string(), name: z.string(), ring: z.array(z.object({ lat: z.number(), lng: z.number() })) }))
    .describe("the outlines of the place's grids that have one (community and compound level)"),
  surveys: z.object({
    byKind: z.array(z.object({ kind: z.string(), status: z.enum(['open', 'closed']), surveys: count, answered: count, refused: count })),
    satisfaction: z.object({ surveys: count, satisfied: count, answered: count, ...ratio }),
    rule: z.object({ key: z.string(), version: z.string() }),
  }),
  services: z.object({
    total: count,
    overdue: count,
    byStatus: z.array(z.object({ status: z.string(), count })),
    bySource: z.array(z.object({ sourceKind: z.string(), count })),
  }),
});

/** A calendar day in Shanghai as the instant it starts. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

export async function dashboardRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/grid-dashboard',
    {
      config: { permission: 'grid.read' },
      schema: {
        tags: ['grid'],
        summary:
          "The governance dashboard of a division or a compound (default: your scope): grid events by category, source, state and level, SLA compliance, grid workers' load and response times, hot spots, residents' surveys and work orders",
        querystring: z.object({
          division: z
            .string()
            .regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'a division code of 6, 9 or 12 digits')
            .optional(),
          compoundId: z.uuid().optional(),
          from: isoDate.optional().describe('first day reported (Asia/Shanghai), inclusive'),
          to: isoDate.optional().describe('last day reported (Asia/Shanghai), inclusive'),
        }),
        response: { 200: dashboardResponse },
      },
    },
    async (req) => {
      const q = req.query;
      if (q.division && q.compoundId)
        throw badRequest(dm.msg('dashboard.bad_query'), [{ path: 'querystring.compoundId', message: dm.msg('field.one_place') }]);
      if (q.from && q.to && q.to < q.from)
        throw badRequest(dm.msg('dashboard.bad_query'), [{ path: 'querystring.to', message: dm.msg('field.period_order') }]);
      const to = q.to ? new Date(dayStart(q.to).getTime() + 86_400_000) : undefined;
      return gridDashboard(
        ctx,
        userOf(req),
        { division: q.division, compoundId: q.compoundId, from: q.from ? dayStart(q.from) : undefined, to },
        localeOf(req),
      );
    },
  );
}
