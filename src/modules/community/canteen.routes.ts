// The canteen's routes: staff keep canteens, menus and diners' records and read the day's list; residents see
// menus, get a quote, book and cancel on /m.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { isoDate } from '../../platform/http/fields.ts';
import * as bookingsSvc from './bookings.service.ts';
import * as canteen from './canteen.service.ts';
import { bookingModes, meals } from './schema.ts';

const tags = ['community: canteen'];
const id = z.object({ id: z.string().uuid() });
const fen = z.number().int().min(0).max(1_000_000);

export const canteenSchema = z.object({
  id: z.string(),
  communityCode: z.string(),
  compoundId: z.string().nullable(),
  name: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
});
const dish = z.object({ id: z.string(), name: z.string(), priceFen: z.number().int() });
export const menuSchema = z.object({
  id: z.string(),
  canteenId: z.string(),
  date: z.string(),
  meal: z.enum(meals),
  capacity: z.number().int(),
  booked: z.number().int(),
  left: z.number().int(),
  dishes: z.array(dish),
});
const item = z.object({ dishId: z.string(), name: z.string(), priceFen: z.number().int(), qty: z.number().int() });
export const bookingSchema = z.object({
  id: z.string(),
  canteenId: z.string(),
  menuId: z.string(),
  date: z.string(),
  meal: z.enum(meals),
  mode: z.enum(bookingModes),
  items: z.array(item),
  totalFen: z.number().int(),
  subsidyFen: z.number().int(),
  payFen: z.number().int(),
  subsidyReasons: z.array(z.string()),
  status: z.enum(['booked', 'cancelled']),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  cutoffAt: z.string(),
  cancellable: z.boolean(),
});
const order = z
  .object({
    menuId: z.string().uuid(),
    items: z
      .array(z.object({ dishId: z.string().min(1).max(40), qty: z.number().int().min(1).max(10) }).strict())
      .min(1)
      .max(20),
  })
  .strict();
const dinerSchema = z.object({ residentId: z.string(), age: z.number().int().nullable(), livesAlone: z.boolean() });

export async function canteenRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/canteens',
    {
      config: { permission: 'canteen.manage' },
      schema: {
        tags,
        summary: 'Open a community canteen (for the whole community, or one compound of it)',
        body: z
          .object({
            communityCode: z.string().regex(/^\d{12}$/),
            compoundId: z.string().uuid().optional(),
            name: z.string().trim().min(1).max(100),
            address: z.string().trim().min(1).max(200),
            phone: z.string().trim().max(40).optional(),
          })
          .strict(),
        response: { 201: canteenSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await canteen.createCanteen(ctx, { ...userOf(req), ip: req.ip }, req.body)),
  );
  app.get(
    '/api/v1/canteens',
    {
      config: { permission: 'canteen.manage' },
      schema: { tags, summary: 'The canteens in my scope', response: { 200: z.object({ items: z.array(canteenSchema) }) } },
    },
    async (req) => canteen.listCanteens(ctx, userOf(req)),
  );
  app.get(
    '/api/v1/canteens/:id/menus',
    {
      config: { permission: 'canteen.manage' },
      schema: {
        tags,
        summary: "A canteen's menus between two days (from today on when not given), with how many are booked",
        params: id,
        querystring: z.object({ from: isoDate.optional(), to: isoDate.optional() }),
        response: { 200: z.object({ items: z.array(menuSchema) }) },
      },
    },
    async (req) => canteen.canteenMenus(ctx, userOf(req), req.params.id, req.query),
  );
  app.put(
    '/api/v1/canteens/:id/menus/:date/:meal',
    {
      config: { permission: 'canteen.manage' },
      schema: {
        tags,
        summary: 'Set the menu of a meal: its dishes with prices in fen and how many bookings it takes',
        params: z.object({ id: z.string().uuid(), date: isoDate, meal: z.enum(meals) }),
        body: z
          .object({
            capacity: z.number().int().min(0).max(10_000),
            dishes: z
              .array(z.object({ name: z.string().trim().min(1).max(60), priceFen: fen }).strict())
              .min(1)
              .max(30),
          })
          .strict(),
        response: { 200: menuSchema },
      },
    },
    async (req) => canteen.setMenu(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.params.date, req.params.meal, req.body),
  );
  app.get(
    '/api/v1/canteens/:id/bookings',
    {
      config: { permission: 'canteen.manage' },
      schema: {
        tags,
        summary: "The day's booking list for the canteen staff: by meal, each home's order (no names), dish totals",
        params: id,
        querystring: z.object({ date: isoDate }),
        response: {
          200: z.object({
            canteen: canteenSchema,
            date: z.string(),
            meals: z.array(
              menuSchema.extend({
                dishTotals: z.array(z.object({ dishId: z.string(), name: z.string(), qty: z.number().int() })),
                payFen: z.number().int(),
                subsidyFen: z.number().int(),
                bookings: z.array(
                  z.object({
                    id: z.string(),
                    home: z.string(),
                    mode: z.enum(bookingModes),
                    items: z.array(item),
                    totalFen: z.number().int(),
                    subsidyFen: z.number().int(),
                    payFen: z.number().int(),
                    bookedAt: z.string(),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (req) => canteen.dailyList(ctx, userOf(req), req.params.id, req.query.date),
  );
  app.get(
    '/api/v1/diners',
    {
      config: { permission: 'canteen.manage' },
      schema: {
        tags,
        summary: "The residents of a compound with the canteen's record of each (age, living alone) for the meal subsidy",
        querystring: z.object({ compoundId: z.string().uuid() }),
        response: {
          200: z.object({
            items: z.array(dinerSchema.extend({ recorded: z.boolean(), householdId: z.string(), home: z.string(), relation: z.string() })),
          }),
        },
      },
    },
    async (req) => canteen.dinersOf(ctx, userOf(req), req.query.compoundId),
  );
  app.put(
    '/api/v1/diners/:residentId',
    {
      config: { permission: 'canteen.manage' },
      schema: {
        tags,
        summary: "Record a resident's birth date (seen on their papers) and whether they live alone: what the subsidy rule needs",
        params: z.object({ residentId: z.string().uuid() }),
        body: z.object({ birthDate: isoDate.nullable(), livesAlone: z.boolean() }).strict(),
        response: { 200: dinerSchema },
      },
    },
    async (req) => canteen.setDiner(ctx, { ...userOf(req), ip: req.ip }, req.params.residentId, req.body),
  );

  // The resident's side on /m.
  app.get(
    '/api/v1/me/canteen',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'The canteens serving my homes and their menus from today, each with its cut-off and what is left',
        response: {
          200: z.object({
            canteens: z.array(z.object({ id: z.string(), name: z.string(), address: z.string(), phone: z.string().nullable() })),
            menus: z.array(menuSchema.extend({ cutoffAt: z.string(), bookable: z.boolean(), myBookingId: z.string().nullable() })),
            diner: z.object({
              age: z.number().int().nullable(),
              livesAlone: z.boolean(),
              recorded: z.boolean(),
              reasons: z.array(z.string()),
            }),
            cutoffMinutes: z.number().int(),
          }),
        },
      },
    },
    async (req) => bookingsSvc.myCanteen(ctx, userOf(req)),
  );
  app.post(
    '/api/v1/me/canteen/quote',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'What these dishes cost me, with the subsidy I am entitled to (community.meal_subsidy)',
        body: order,
        response: {
          200: z.object({
            items: z.array(item),
            totalFen: z.number().int(),
            subsidyFen: z.number().int(),
            payFen: z.number().int(),
            reasons: z.array(z.string()),
            ruleVersion: z.string(),
          }),
        },
      },
    },
    async (req) => bookingsSvc.quote(ctx, userOf(req), req.body),
  );
  app.post(
    '/api/v1/me/canteen/bookings',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Book a meal for pickup or delivery, before its cut-off and while places are left',
        body: order.extend({ mode: z.enum(bookingModes) }).strict(),
        response: { 201: bookingSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await bookingsSvc.book(ctx, userOf(req), req.body)),
  );
  app.get(
    '/api/v1/me/canteen/bookings',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'My bookings of the last 30 days and ahead',
        response: { 200: z.object({ items: z.array(bookingSchema) }) },
      },
    },
    async (req) => bookingsSvc.myBookings(ctx, userOf(req)),
  );
  app.post(
    '/api/v1/me/canteen/bookings/:id/cancel',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'Cancel my booking before its cut-off', params: id, response: { 200: bookingSchema } },
    },
    async (req) => bookingsSvc.cancelBooking(ctx, userOf(req), req.params.id),
  );
}
