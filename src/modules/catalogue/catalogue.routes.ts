import { z } from 'zod';
import { isoDate } from '../../platform/http/fields.ts';
import type { AppContext } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/problem.ts';
import { catalogueMessages as cm } from './messages.ts';
import { toNumber } from '../../platform/money.ts';
import * as catalogue from './catalogue.service.ts';
import { categories } from './schema.ts';

const tags = ['catalogue'];
const day = isoDate;

const indicator = z.object({
  code: z.string().regex(/^\d{2}(\.\d{2}){0,2}$/, 'a code like 01, 01.08 or 01.08.01'),
  level: z.number().int().min(1).max(3),
  parent: z.string().nullable(),
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(200),
  category: z.enum(categories).nullable(),
  unit: z.string().max(20).nullable(),
  futureScenario: z.string().max(40).nullable(),
  sixHaves: z.string().max(20).nullable(),
});

export async function catalogueRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/catalogue/versions',
    {
      config: { permission: 'catalogue.publish' },
      schema: {
        tags,
        summary: 'Publish a new catalogue version (plans made under older versions keep theirs)',
        body: z.object({
          version: z.string().trim().min(1).max(40),
          name: z.string().trim().min(1).max(200),
          indicators: z.array(indicator).min(1).max(2000),
          makeCurrent: z.boolean().default(true),
        }),
        response: { 201: z.object({ version: z.string(), indicators: z.number() }) },
      },
    },
    async (req, reply) => {
      const result = await ctx.db.transaction(async (tx) => {
        const r = await catalogue.publishCatalogue(tx, req.body);
        await audit(tx, actorOf(req), 'catalogue.publish', 'catalogue', r.version, { indicators: r.indicators });
        return r;
      });
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/api/v1/prices',
    {
      config: { permission: 'catalogue.publish' },
      schema: {
        tags,
        summary: 'Publish a price list in force from a date',
        body: z.object({
          version: z.string().trim().min(1).max(40),
          effectiveFrom: day,
          source: z.string().trim().min(1).max(500),
          items: z
            .array(z.object({ indicatorCode: z.string().max(20), unitPriceFen: z.number().int().min(0).max(1e13) }))
            .min(1)
            .max(2000),
        }),
        response: { 201: z.object({ id: z.string(), version: z.string(), effectiveFrom: z.string(), items: z.number() }) },
      },
    },
    async (req, reply) => {
      const result = await ctx.db.transaction(async (tx) => {
        const r = await catalogue.publishPriceList(tx, req.body);
        await audit(tx, actorOf(req), 'prices.publish', 'price_list', r.id, { version: r.version, effectiveFrom: r.effectiveFrom });
        return r;
      });
      return reply.code(201).send(result);
    },
  );

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
      if (!priceList) throw notFound(cm.msg('price_list.none_in_force'));
      return {
        priceList: { id: priceList.id, version: priceList.version, effectiveFrom: priceList.effectiveFrom, source: priceList.source },
        items: [...prices].map(([indicatorCode, fen]) => ({ indicatorCode, unitPriceFen: toNumber(fen) })),
      };
    },
  );
}
