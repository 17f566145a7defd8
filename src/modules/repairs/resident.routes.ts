// The resident's repairs on /m: the form's options, filing with photos (multipart), their households' requests
// with every step, one photo, and the rating.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { fileResponse, type ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { sendDownload } from '../../platform/http/uploads.ts';
import { readPhotoForm, requestFields } from './form.ts';
import { myRepairDetail, myRepairItem, repairOptions } from './repairs.schemas.ts';
import * as resident from './resident.service.ts';
import { repairStatuses } from './schema.ts';

const tags = ['repairs: residents'];
const id = z.object({ id: z.string().uuid() });

export async function residentRepairRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/me/repairs/options',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: "What the repair form offers: the resident's verified homes, the categories with their due hours, the limits",
        response: { 200: repairOptions },
      },
    },
    async (req) => resident.requestOptions(ctx, userOf(req)),
  );
  app.post(
    '/api/v1/me/repairs',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary:
          'File a repair request (multipart: category, description, householdId? when the resident has several homes, and up to 9 files named photos: PNG or JPEG)',
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ id: z.string(), status: z.enum(repairStatuses), dueAt: z.string() }) },
      },
    },
    async (req, reply) => {
      const form = await readPhotoForm(ctx, req, requestFields);
      return reply.code(201).send(await resident.fileRepair(ctx, { ...userOf(req), ip: req.ip }, form));
    },
  );
  app.get(
    '/api/v1/me/repairs',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: "The resident's households' repair requests, newest first",
        querystring: z.object(pageQuery),
        response: { 200: pageSchema(myRepairItem) },
      },
    },
    async (req) => resident.myRepairs(ctx, userOf(req), req.query),
  );
  app.get(
    '/api/v1/me/repairs/:id',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'One request of the resident’s households with every step (no staff names), its photos and the rating',
        params: id,
        response: { 200: myRepairDetail },
      },
    },
    async (req) => resident.myRepair(ctx, userOf(req), req.params.id),
  );
  app.get(
    '/api/v1/me/repairs/:id/photos/:photoId',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'A photo of the request or of the finished work',
        params: z.object({ id: z.string().uuid(), photoId: z.string().uuid() }),
        response: { 200: fileResponse('image/*', 'the photo, PNG or JPEG') },
      },
    },
    async (req, reply) => {
      const { file, body } = await resident.residentPhoto(ctx, userOf(req), req.params.id, req.params.photoId);
      return sendDownload(reply, file, body);
    },
  );
  app.post(
    '/api/v1/me/repairs/:id/rating',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Rate the finished repair (1–5 stars), once, within repairs.rating_days of its completion',
        params: id,
        body: z.object({ stars: z.number().int().min(1).max(5), comment: z.string().trim().max(500).optional() }).strict(),
        response: { 200: myRepairDetail },
      },
    },
    async (req) => resident.rateRepair(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.body),
  );
}
