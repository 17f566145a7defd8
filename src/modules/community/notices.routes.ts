// Notices: staff publish, list with receipt counts, read one with the homes that read it, withdraw; residents
// list theirs with unread markers and open one (the read receipt).
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { isoDateTime } from '../../platform/http/fields.ts';
import * as svc from './notices.service.ts';
import { noticeGroups } from './schema.ts';

const tags = ['community: notices'];
const id = z.object({ id: z.string().uuid() });

export const noticeSchema = z.object({
  id: z.string(),
  compoundId: z.string(),
  title: z.string(),
  body: z.string(),
  buildings: z.array(z.object({ id: z.string(), name: z.string() })),
  groups: z.array(z.enum(noticeGroups)),
  /** Who published it, as a role (community_worker, property_manager…): never a person's name. */
  publisherRole: z.string(),
  publishedAt: z.string(),
  expiresAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
});
const staffNotice = noticeSchema.extend({ targeted: z.number().int(), read: z.number().int() });
const staffDetail = staffNotice.extend({ readers: z.array(z.object({ home: z.string(), readAt: z.string() })) });
const myNotice = noticeSchema.extend({ unread: z.boolean(), readAt: z.string().nullable() });

export async function noticeRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/notices',
    {
      config: { permission: 'notices.publish' },
      schema: {
        tags,
        summary: 'Publish a notice to a compound, some of its buildings, or groups of its residents (owners, tenants, elders)',
        body: z
          .object({
            compoundId: z.string().uuid(),
            title: z.string().trim().min(1).max(100),
            body: z.string().trim().min(1).max(5000),
            buildingIds: z.array(z.string().uuid()).max(200).optional(),
            groups: z.array(z.enum(noticeGroups)).max(3).optional(),
            expiresAt: isoDateTime.optional(),
          })
          .strict(),
        response: { 201: staffDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.publishNotice(ctx, { ...userOf(req), ip: req.ip }, req.body)),
  );
  app.get(
    '/api/v1/notices',
    {
      config: { permission: 'notices.publish' },
      schema: {
        tags,
        summary: "A compound's notices, newest first, each with how many of those it reaches have read it",
        querystring: z.object({ compoundId: z.string().uuid() }),
        response: { 200: z.object({ items: z.array(staffNotice) }) },
      },
    },
    async (req) => svc.listNotices(ctx, userOf(req), req.query.compoundId),
  );
  app.get(
    '/api/v1/notices/:id',
    {
      config: { permission: 'notices.publish' },
      schema: { tags, summary: 'One notice with its read receipts (the homes, never names)', params: id, response: { 200: staffDetail } },
    },
    async (req) => svc.noticeDetail(ctx, userOf(req), req.params.id),
  );
  app.post(
    '/api/v1/notices/:id/withdraw',
    {
      config: { permission: 'notices.publish' },
      schema: {
        tags,
        summary: 'Withdraw a notice: residents and the screen no longer show it',
        params: id,
        response: { 200: staffDetail },
      },
    },
    async (req) => svc.withdrawNotice(ctx, { ...userOf(req), ip: req.ip }, req.params.id),
  );
  app.get(
    '/api/v1/me/notices',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'The notices reaching me, newest first, each marked unread until I open it',
        response: { 200: z.object({ items: z.array(myNotice), unread: z.number().int() }) },
      },
    },
    async (req) => svc.myNotices(ctx, userOf(req)),
  );
  app.get(
    '/api/v1/me/notices/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'Open a notice; the first opening is my read receipt', params: id, response: { 200: myNotice } },
    },
    async (req) => svc.readNotice(ctx, userOf(req), req.params.id),
  );
}
