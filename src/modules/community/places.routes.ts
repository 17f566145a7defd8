// The lobby screen (its token, rotated by staff, and the public data it shows) and community commerce (shops,
// offers; residents' list near their compound).
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { isoDate } from '../../platform/http/fields.ts';
import * as commerce from './commerce.service.ts';
import { shopCategories, meals } from './schema.ts';
import * as screen from './screen.service.ts';

const tags = ['community: screen and commerce'];
const compound = z.object({ id: z.string().uuid() });
const span = z.object({ days: z.array(z.number().int()).min(1).max(7), open: z.string(), close: z.string() }).strict();

const severityCounts = z.object({
  critical: z.number().int(),
  major: z.number().int(),
  minor: z.number().int(),
  warning: z.number().int(),
});
export const shopSchema = z.object({
  id: z.string(),
  communityCode: z.string(),
  name: z.string(),
  category: z.enum(shopCategories),
  address: z.string(),
  phone: z.string().nullable(),
  lat: z.number(),
  lng: z.number(),
  hours: z.array(z.object({ days: z.array(z.number().int()), open: z.string(), close: z.string() })),
  openNow: z.boolean(),
  /** From the compound's point, in metres; null where no compound is in question. */
  distanceM: z.number().int().nullable(),
  offers: z.array(
    z.object({ id: z.string(), title: z.string(), priceFen: z.number().int().nullable(), validFrom: z.string(), validUntil: z.string() }),
  ),
});

export async function placesRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/compounds/:id/screen',
    {
      config: { permission: 'screens.manage' },
      schema: {
        tags,
        summary: "Whether the compound's lobby screen has a link, and when it was last replaced (the token is shown only once)",
        params: compound,
        response: { 200: z.object({ compoundId: z.string(), configured: z.boolean(), rotatedAt: z.string().nullable() }) },
      },
    },
    async (req) => screen.screenStatus(ctx, userOf(req), req.params.id),
  );
  app.post(
    '/api/v1/compounds/:id/screen/token',
    {
      config: { permission: 'screens.manage' },
      schema: {
        tags,
        summary: "Make a new link for the compound's lobby screen: the old one stops working at once",
        params: compound,
        response: { 201: z.object({ compoundId: z.string(), token: z.string(), path: z.string(), rotatedAt: z.string() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await screen.rotateScreen(ctx, { ...userOf(req), ip: req.ip }, req.params.id)),
  );
  app.get(
    '/api/v1/screen/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: "The lobby screen's content (no sign-in: the screen's token): notices, today's menu, shops nearby, today's alarms",
        params: compound,
        querystring: z.object({ token: z.string().min(16).max(200) }),
        response: {
          200: z.object({
            compound: z.object({ id: z.string(), name: z.string(), address: z.string() }),
            at: z.string(),
            date: z.string(),
            notices: z.array(
              z.object({ id: z.string(), title: z.string(), body: z.string(), buildings: z.array(z.string()), publishedAt: z.string() }),
            ),
            canteens: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                address: z.string(),
                menus: z.array(
                  z.object({
                    meal: z.enum(meals),
                    dishes: z.array(z.object({ name: z.string(), priceFen: z.number().int() })),
                    left: z.number().int(),
                  }),
                ),
              }),
            ),
            shops: z.array(
              z.object({
                name: z.string(),
                category: z.enum(shopCategories),
                openNow: z.boolean(),
                distanceM: z.number().int().nullable(),
                offers: z.array(z.string()),
              }),
            ),
            alarms: z.object({ today: severityCounts, open: z.number().int() }),
            refreshSeconds: z.number().int(),
          }),
        },
      },
    },
    async (req, reply) => {
      // A lobby display is shared glass: nothing of it is kept by proxies or the browser beyond the next poll.
      void reply.header('cache-control', 'no-store');
      return screen.screenData(ctx, req.params.id, req.query.token);
    },
  );

  app.post(
    '/api/v1/shops',
    {
      config: { permission: 'commerce.manage' },
      schema: {
        tags,
        summary: 'List a shop near the compounds: category, place, opening hours by weekday (Shanghai time)',
        body: z
          .object({
            communityCode: z.string().regex(/^\d{12}$/),
            name: z.string().trim().min(1).max(100),
            category: z.enum(shopCategories),
            address: z.string().trim().min(1).max(200),
            phone: z.string().trim().max(40).optional(),
            lat: z.number().min(-90).max(90),
            lng: z.number().min(-180).max(180),
            hours: z.array(span).min(1).max(14),
          })
          .strict(),
        response: { 201: shopSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await commerce.createShop(ctx, { ...userOf(req), ip: req.ip }, req.body)),
  );
  app.get(
    '/api/v1/shops',
    {
      config: { permission: 'commerce.manage' },
      schema: { tags, summary: 'The shops listed in my scope', response: { 200: z.object({ items: z.array(shopSchema) }) } },
    },
    async (req) => commerce.listShops(ctx, userOf(req)),
  );
  app.post(
    '/api/v1/shops/:id/offers',
    {
      config: { permission: 'commerce.manage' },
      schema: {
        tags,
        summary: 'Add an offer to a shop, valid between two days (inclusive)',
        params: compound,
        body: z
          .object({
            title: z.string().trim().min(1).max(100),
            priceFen: z.number().int().min(0).max(10_000_000).optional(),
            validFrom: isoDate,
            validUntil: isoDate,
          })
          .strict(),
        response: { 201: shopSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await commerce.addOffer(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.body)),
  );
  app.get(
    '/api/v1/me/shops',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Shops near my compound, nearest first, with open now and current offers',
        querystring: z.object({ compoundId: z.string().uuid().optional(), category: z.enum(shopCategories).optional() }),
        response: { 200: z.object({ compound: z.object({ id: z.string(), name: z.string() }), items: z.array(shopSchema) }) },
      },
    },
    async (req) => commerce.myShops(ctx, userOf(req), req.query),
  );
}
