// The resident's side of grid events (the mobile web /m): report with photos and a pin or a building, see
// similar open events first and follow one instead, my reports with every step, reopen within the rule's days,
// rate once closed, and a compound's public list. Residents see only their own reports and that list.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { fileResponse, type ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { sendDownload } from '../../platform/http/uploads.ts';
import { readReportForm } from './resident.form.ts';
import { publicEvents } from './resident.public.ts';
import * as resident from './resident.service.ts';

const tags = ['grid: residents'];
const id = z.object({ id: z.string().uuid() });
const localized = z.object({ zh: z.string(), en: z.string() });

export const residentStep = z.object({
  action: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  at: z.string(),
  /** Who, as a role (grid_worker, community_worker, resident, system…): never a person's name or phone. */
  actorRole: z.string().nullable(),
  note: z.string().nullable(),
  photos: z.array(z.object({ id: z.string(), url: z.string() })),
});
export const residentReport = z.object({
  id: z.string(),
  ref: z.string(),
  category: z.string(),
  state: z.string(),
  level: z.string(),
  relation: z.enum(['reporter', 'follower']),
  compoundId: z.string().nullable(),
  compoundName: z.string().nullable(),
  buildingName: z.string().nullable(),
  description: z.string(),
  reportedAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  /** A step came after the resident last opened it (the resident's notification: there is no push channel). */
  unread: z.boolean(),
});
export const residentReportDetail = residentReport.extend({
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  anonymous: z.boolean(),
  dueAt: z.string().nullable(),
  photos: z.array(z.object({ id: z.string(), url: z.string() })),
  steps: z.array(residentStep),
  reopen: z.object({ allowed: z.boolean(), until: z.string().nullable(), days: z.number().int() }),
  rating: z.object({ stars: z.number().int(), comment: z.string().nullable(), at: z.string() }).nullable(),
  canRate: z.boolean(),
});
const similar = z.object({
  id: z.string(),
  ref: z.string(),
  category: z.string(),
  state: z.string(),
  distanceM: z.number().int(),
  buildingName: z.string().nullable(),
  reportedAt: z.string(),
  following: z.boolean(),
});
export const publicEvent = z.object({
  ref: z.string(),
  category: z.string(),
  state: z.string(),
  buildingName: z.string().nullable(),
  reportedAt: z.string(),
  closedAt: z.string().nullable(),
  /** The last handling feedback (处理反馈) staff wrote, else their closing note (办结): staff write it for the public. */
  handlingNote: z.string().nullable(),
});

export async function residentGridRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/me/grid-events/options',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: "What the report form offers: the resident's compounds (coordinates, buildings), the categories, the limits",
        response: {
          200: z.object({
            compounds: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                lat: z.number().nullable(),
                lng: z.number().nullable(),
                buildings: z.array(z.object({ id: z.string(), name: z.string() })),
              }),
            ),
            categories: z.array(z.object({ code: z.string(), name: localized, group: z.string() })),
            maxPhotos: z.number().int(),
            photoMaxMb: z.number().int(),
            reopenDays: z.number().int(),
          }),
        },
      },
    },
    async (req) => resident.reportOptions(ctx, userOf(req)),
  );
  app.get(
    '/api/v1/me/grid-events/similar',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Open events of the same category near the point or building (是否为同一问题？), before filing a new one',
        querystring: z.object({
          category: z.string().min(1).max(60),
          compoundId: z.string().uuid(),
          buildingId: z.string().uuid().optional(),
          lat: z.coerce.number().min(-90).max(90).optional(),
          lng: z.coerce.number().min(-180).max(180).optional(),
        }),
        response: { 200: z.object({ items: z.array(similar) }) },
      },
    },
    async (req) => resident.similarEvents(ctx, userOf(req), req.query),
  );
  app.post(
    '/api/v1/me/grid-events',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary:
          'Report an event (multipart: category, description, compoundId, buildingId?, lat?, lng?, anonymous?, and up to 9 files named photos: PNG or JPEG)',
        consumes: ['multipart/form-data'],
        response: {
          201: z.object({
            id: z.string(),
            ref: z.string(),
            state: z.string(),
            dueAt: z.string().nullable(),
            duplicates: z.array(z.object({ id: z.string(), distanceM: z.number(), category: z.string(), state: z.string() })),
          }),
        },
      },
    },
    async (req, reply) => {
      const form = await readReportForm(ctx, req);
      return reply.code(201).send(await resident.reportEvent(ctx, { ...userOf(req), ip: req.ip }, form));
    },
  );
  app.get(
    '/api/v1/me/grid-events',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'My reports and the events I follow, newest first, each marked when it has news',
        querystring: z.object({ ...pageQuery }),
        response: { 200: pageSchema(residentReport).extend({ unread: z.number().int() }) },
      },
    },
    async (req) => resident.myReports(ctx, userOf(req), req.query),
  );
  app.get(
    '/api/v1/me/grid-events/public',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: "A compound's events for its residents: category, state, dates, building and the handling note; nobody named",
        querystring: z.object({ compoundId: z.string().uuid(), ...pageQuery }),
        response: { 200: pageSchema(publicEvent) },
      },
    },
    async (req) => publicEvents(ctx, userOf(req), req.query),
  );
  app.get(
    '/api/v1/me/grid-events/:id',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'One of my reports (or followed events) with every step; marks it read',
        params: id,
        response: { 200: residentReportDetail },
      },
    },
    async (req) => resident.myReport(ctx, userOf(req), req.params.id),
  );
  app.get(
    '/api/v1/me/grid-events/:id/photos/:photoId',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'A photo of one of my reports',
        params: z.object({ id: z.string().uuid(), photoId: z.string().uuid() }),
        response: { 200: fileResponse('image/*', 'the photo, PNG or JPEG') },
      },
    },
    async (req, reply) => {
      const { file, body } = await resident.myReportPhoto(ctx, userOf(req), req.params.id, req.params.photoId);
      return sendDownload(reply, file, body);
    },
  );
  app.post(
    '/api/v1/me/grid-events/:id/follow',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Follow an open event of my compound instead of filing the same problem again',
        params: id,
        response: { 200: residentReport },
      },
    },
    async (req) => resident.followEvent(ctx, { ...userOf(req), ip: req.ip }, req.params.id),
  );
  app.post(
    '/api/v1/me/grid-events/:id/reopen',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Reopen my report (异议) within the days of the rule grid.reopen_days after it was handled or closed',
        params: id,
        body: z.object({ reason: z.string().trim().min(1).max(2000) }).strict(),
        response: { 200: residentReportDetail },
      },
    },
    async (req) => resident.reopenReport(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.body.reason),
  );
  app.post(
    '/api/v1/me/grid-events/:id/rating',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Rate the handling of my closed report, once: 1 to 5 stars and a comment',
        params: id,
        body: z.object({ stars: z.number().int().min(1).max(5), comment: z.string().trim().max(500).optional() }).strict(),
        response: { 201: residentReportDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await resident.rateReport(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.body)),
  );
}
