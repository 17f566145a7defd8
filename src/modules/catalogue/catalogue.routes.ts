import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { notFound } from '../../platform/http/problem.ts';
import { toNumber } from '../../platform/money.ts';
import * as catalogue from './catalogue.service.ts';
import { categories } from './schema.ts';

const tags = ['catalogue'];
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export async function catalogueRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/indicators',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'The indicator catalogue: 5 first-level, 33 second-level, 134 third-level indicators',
        querystring: z.object({ version: z.string().max(40).optional() }),
        response: {
          200: z.object({
            version: z.string(),
            items: z.array(
              z.object({
                code: z.string(),
                level: z.number(),
                parent: z.string().nullable(),
                name: z.string(),
                nameEn: z.string(),
                category: z.enum(categories).nullable(),
                unit: z.string().nullable(),
                futureScenario: z.string().nullable(),
                sixHaves: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => catalogue.listIndicators(ctx.db, req.query.version),
  );

  app.get(
    '/api/v1/catalogue/versions',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Published catalogue versions',
        response: {
          200: z.object({
            items: z.array(z.object({ version: z.string(), name: z.string(), current: z.boolean(), publishedAt: z.string() })),
          }),
        },
      },
    },
    async () => ({ items: (await catalogue.listVersions(ctx.db)).map((v) => ({ ...v, publishedAt: v.publishedAt.toISOString() })) }),
  );

  app.get(
    '/api/v1/prices',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'The city price list in force on a day (default today)',
        querystring: z.object({ at: day.optional() }),
        response: {
          200: z.object({
            priceList: z.object({ id: z.string(), version: z.string(), effectiveFrom: z.string(), source: z.string() }),
            items: z.array(z.object({ indicatorCode: z.string(), unitPriceFen: z.number() })),
          }),
        },
      },
    },
    async (req) => {
      const { priceList, prices } = await catalogue.priceListAt(ctx.db, req.query.at ?? new Date().toISOString().slice(0, 10));
      if (!priceList) throw notFound('A price list in force on that day');
      return {
        priceList: { id: priceList.id, version: priceList.version, effectiveFrom: priceList.effectiveFrom, source: priceList.source },
        items: [...prices].map(([indicatorCode, fen]) => ({ indicatorCode, unitPriceFen: toNumber(fen) })),
      };
    },
  );
}
