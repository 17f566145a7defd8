import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { fileResponse, type ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { localeOf } from '../../platform/http/locale.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { readUpload, sendDownload } from '../../platform/http/uploads.ts';
import type { GridActor } from './access.ts';
import { gridCategories } from './categories.ts';
import { gridCategorySchema, gridEventDetailSchema, gridEventSummarySchema } from './events.schemas.ts';
import * as read from './events.queries.ts';
import * as actions from './events.actions.ts';
import * as events from './events.service.ts';
import * as photos from './photos.service.ts';
import { gridEventSources, gridEventStates, gridLevels } from './schema.ts';

const tags = ['grid events'];
const id = z.object({ id: z.uuid() });
const note = z.string().trim().min(1).max(2000);
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const detail = gridEventDetailSchema.extend({ allowed: z.array(z.enum(gridEventStates)) });
const created = z.object({
  id: z.string(),
  ref: z.string(),
  state: z.enum(gridEventStates),
  level: z.enum(gridLevels),
  dueAt: z.string().nullable(),
  duplicates: z.array(z.object({ id: z.string(), distanceM: z.number(), category: z.string(), state: z.string() })),
  created: z.boolean(),
});

const actorOf = (req: FastifyRequest): GridActor => ({ ...userOf(req), ip: req.ip });

/** The detail a person reads: the event and the states they may move it to now. */
const detailFor = (ctx: AppContext, req: FastifyRequest, eventId: string) =>
  events.getGridEventFor(ctx, actorOf(req), eventId, localeOf(req));

export async function gridEventRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/grid-categories',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'The grid event categories in force (grid.categories), with their attributes',
        response: { 200: z.object({ version: z.string(), items: z.array(gridCategorySchema) }) },
      },
    },
    async () => gridCategories(ctx),
  );
  app.post(
    '/api/v1/grid-events',
    {
      config: { permission: 'grid.report' },
      schema: {
        tags,
        summary:
          'Report a grid event at a building, a compound or a point; answers the duplicates nearby (201, or 200 for a source already reported)',
        body: z
          .object({
            category: z.string().trim().min(1).max(60),
            description: z.string().trim().min(1).max(4000),
            compoundId: z.uuid().optional(),
            buildingId: z.uuid().optional(),
            lat: lat.optional(),
            lng: lng.optional(),
            addressText: z.string().trim().max(300).optional(),
            source: z.enum(gridEventSources),
            sourceRef: z.string().trim().min(1).max(200).optional(),
            platform: z.string().trim().min(1).max(60).optional(),
            anonymous: z.boolean().optional(),
            attributes: z.record(z.string(), z.union([z.string().max(4000), z.array(z.string().max(200)).max(50)])).optional(),
            mediaUrl: z.url().max(1000).optional(),
            photoIds: z.array(z.uuid()).max(photos.MAX_PHOTOS).optional(),
          })
          .strict(),
        response: { 201: created, 200: created },
      },
    },
    async (req, reply) => {
      const result = await events.createGridEvent(ctx, req.body, actorOf(req));
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );
  app.get(
    '/api/v1/grid-events',
    {
      config: { permission: 'grid.read' },
      schema: {
        tags,
        summary: 'Grid events in scope, newest first (a grid worker: their grids’ events)',
        querystring: z.object({
          state: z.enum(gridEventStates).optional(),
          category: z.string().max(60).optional(),
          level: z.enum(gridLevels).optional(),
          overdue: z.enum(['true', 'false']).optional(),
          compoundId: z.uuid().optional(),
          gridId: z.uuid().optional(),
          mine: z.enum(['true', 'false']).optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(gridEventSummarySchema) },
      },
    },
    async (req) =>
      read.listForActor(ctx, actorOf(req), {
        ...req.query,
        overdue: req.query.overdue === undefined ? undefined : req.query.overdue === 'true',
        mine: req.query.mine === 'true',
      }),
  );
  app.get(
    '/api/v1/grid-events/:id',
    {
      config: { permission: 'grid.read' },
      schema: {
        tags,
        summary: 'A grid event with its steps and photos, and the states the caller may move it to',
        params: id,
        response: { 200: detail },
      },
    },
    async (req) => detailFor(ctx, req, req.params.id),
  );
  app.post(
    '/api/v1/grid-events/:id/transitions',
    {
      config: { permission: 'grid.handle' },
      schema: {
        tags,
        summary: 'Move an event to its next state (409 names the allowed next states)',
        params: id,
        body: z.object({ to: z.enum(gridEventStates), note: note.optional(), lat: lat.optional(), lng: lng.optional() }).strict(),
        response: { 200: detail },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { to, note: text, lat: la, lng: ln } = req.body;
      const where = la !== undefined && ln !== undefined ? { lat: la, lng: ln } : undefined;
      await events.transitionGridEvent(ctx, req.params.id, to, actor, text, undefined, where);
      return detailFor(ctx, req, req.params.id);
    },
  );
  app.post(
    '/api/v1/grid-events/:id/escalate',
    {
      config: { permission: 'grid.handle' },
      schema: {
        tags,
        summary: 'Raise an event one level (分级上报)',
        params: id,
        body: z.object({ note: note.optional() }).strict(),
        response: { 200: detail },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await actions.escalateGridEvent(ctx, req.params.id, actor, req.body.note);
      return detailFor(ctx, req, req.params.id);
    },
  );
  app.post(
    '/api/v1/grid-events/:id/merge',
    {
      config: { permission: 'grid.review' },
      schema: {
        tags,
        summary: 'Merge a duplicate into this event: the duplicate is closed as merged',
        params: id,
        body: z.object({ duplicateId: z.uuid(), note: note.optional() }).strict(),
        response: { 200: detail },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await actions.mergeGridEvents(ctx, req.params.id, req.body.duplicateId, actor, req.body.note);
      return detailFor(ctx, req, req.params.id);
    },
  );
  app.post(
    '/api/v1/grid-events/photos',
    {
      config: { permission: 'grid.report' },
      schema: {
        tags,
        summary: 'Upload a photo for a report about to be filed (multipart field file: PNG or JPEG); name it in photoIds',
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => {
      const upload = await readUpload(req, ctx.env.MAX_UPLOAD_MB * 2 ** 20, z.object({}), 'file');
      return reply.code(201).send(await photos.uploadPendingPhoto(ctx, actorOf(req), upload));
    },
  );
  app.post(
    '/api/v1/grid-events/:id/photos',
    {
      config: { permission: 'grid.handle' },
      schema: {
        tags,
        summary: `Add a photo to an event (multipart field file: PNG or JPEG; at most ${photos.MAX_PHOTOS} per event)`,
        params: id,
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ id: z.string(), url: z.string() }) },
      },
    },
    async (req, reply) => {
      const upload = await readUpload(req, ctx.env.MAX_UPLOAD_MB * 2 ** 20, z.object({}), 'file');
      const photo = await photos.addEventPhoto(ctx, actorOf(req), req.params.id, upload);
      return reply.code(201).send({ id: photo.id, url: read.photoUrl(req.params.id, photo.id) });
    },
  );
  app.get(
    '/api/v1/grid-events/:id/photos/:photoId',
    {
      config: { permission: 'grid.read' },
      schema: {
        tags,
        summary: 'A photo of an event, as uploaded',
        params: z.object({ id: z.uuid(), photoId: z.uuid() }),
        response: { 200: fileResponse('image/*', 'the photo, PNG or JPEG') },
      },
    },
    async (req, reply) => {
      const { file, body } = await read.eventPhoto(ctx, actorOf(req), req.params.id, req.params.photoId);
      return sendDownload(reply, file, body);
    },
  );
}
