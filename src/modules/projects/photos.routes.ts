// A project's before and after photos (改造前 / 改造后): filed like approval documents (multipart, one file), listed
// as a gallery, sent back as files, removed by the project's officers.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { fileResponse, noContent, type ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { readUpload, sendDownload } from '../../platform/http/uploads.ts';
import * as photos from './photos.service.ts';
import { projectPhotoTags } from './schema.ts';

const tags = ['projects'];
const params = z.object({ id: z.string().uuid() });
const photoParams = params.extend({ photoId: z.string().uuid() });
const tag = z.enum(projectPhotoTags);
const photo = z.object({
  id: z.string(),
  projectId: z.string(),
  tag,
  caption: z.string().nullable(),
  building: z.object({ id: z.string(), name: z.string() }).nullable(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  width: z.number(),
  height: z.number(),
  url: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});
const photoFields = z
  .object({
    tag,
    caption: z.string().trim().max(200).optional(),
    buildingId: z.string().uuid().optional(),
  })
  .strict();

export async function projectPhotosRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/projects/:id/photos',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: "The project's before (改造前) and after (改造后) photos, oldest first, with how many of each",
        params,
        response: { 200: z.object({ items: z.array(photo), counts: z.object({ before: z.number(), after: z.number() }) }) },
      },
    },
    async (req) => photos.listPhotos(ctx, userOf(req), req.params.id),
  );

  app.post(
    '/api/v1/projects/:id/photos',
    {
      config: { permission: 'projects.write' },
      schema: {
        tags,
        summary: 'File a photo (multipart fields tag: before | after, caption?, buildingId?, file: PNG or JPEG, at most 10 MB)',
        params,
        consumes: ['multipart/form-data'],
        response: { 201: photo },
      },
    },
    async (req, reply) => {
      const upload = await readUpload(req, photos.photoMaxBytes(ctx), photoFields, 'tag, caption, buildingId');
      return reply.code(201).send(await photos.uploadPhoto(ctx, userOf(req), actorOf(req), req.params.id, upload));
    },
  );

  app.get(
    '/api/v1/projects/:id/photos/:photoId/content',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'A photo of the project, as filed',
        params: photoParams,
        response: { 200: fileResponse('image/*', 'the photo, PNG or JPEG') },
      },
    },
    async (req, reply) => {
      const { file, body } = await photos.photoContent(ctx, userOf(req), req.params.id, req.params.photoId);
      return sendDownload(reply, file, body);
    },
  );

  app.delete(
    '/api/v1/projects/:id/photos/:photoId',
    {
      config: { permission: 'projects.write' },
      schema: { tags, summary: 'Remove a photo of the project (audited)', params: photoParams, response: { 204: noContent } },
    },
    async (req, reply) => {
      await photos.deletePhoto(ctx, userOf(req), actorOf(req), req.params.id, req.params.photoId);
      return reply.code(204).send();
    },
  );
}
