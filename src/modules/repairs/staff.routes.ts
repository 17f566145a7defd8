// The property company's repairs: its compounds' requests (filters, pages), one request, who may be assigned it,
// and the moves: assign (派单), take (抢单), start, complete with photos (multipart), the follow-up call (回访).
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { fileResponse, type ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { sendDownload } from '../../platform/http/uploads.ts';
import { completionFields, readPhotoForm } from './form.ts';
import { staffRepairDetail, staffRepairItem } from './repairs.schemas.ts';
import * as staff from './staff.service.ts';
import { followUpOutcomes, repairStatuses } from './schema.ts';

const tags = ['repairs'];
const id = z.object({ id: z.string().uuid() });
const flag = z.enum(['true', 'false']).optional();

export async function staffRepairRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/repairs',
    {
      config: { permission: 'repairs.read' },
      schema: {
        tags,
        summary: 'Repair requests in the caller’s compounds, newest first, by status, category, compound, overdue and mine',
        querystring: z.object({
          status: z.enum(repairStatuses).optional(),
          category: z.string().min(1).max(60).optional(),
          compoundId: z.string().uuid().optional(),
          overdue: flag,
          mine: flag,
          ...pageQuery,
        }),
        response: { 200: pageSchema(staffRepairItem) },
      },
    },
    async (req) =>
      staff.listRepairs(ctx, userOf(req), {
        ...req.query,
        overdue: req.query.overdue === undefined ? undefined : req.query.overdue === 'true',
        mine: req.query.mine === 'true',
      }),
  );
  app.get(
    '/api/v1/repairs/categories',
    {
      config: { permission: 'repairs.read' },
      schema: {
        tags,
        summary: 'The repair categories in force (repairs.categories) with the hours each is due in',
        response: {
          200: z.object({
            items: z.array(z.object({ code: z.string(), name: z.object({ zh: z.string(), en: z.string() }), dueHours: z.number().int() })),
          }),
        },
      },
    },
    async () => staff.repairCategories(ctx),
  );
  app.get(
    '/api/v1/repairs/:id',
    {
      config: { permission: 'repairs.read' },
      schema: {
        tags,
        summary: 'One repair request with its steps, photos, follow-up calls and rating',
        params: id,
        response: { 200: staffRepairDetail },
      },
    },
    async (req) => staff.getRepair(ctx, userOf(req), req.params.id),
  );
  app.get(
    '/api/v1/repairs/:id/assignees',
    {
      config: { permission: 'repairs.assign' },
      schema: {
        tags,
        summary: 'The property staff who may be assigned the request (those who handle repairs in its compound)',
        params: id,
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string() })) }) },
      },
    },
    async (req) => staff.repairAssignees(ctx, userOf(req), req.params.id),
  );
  app.post(
    '/api/v1/repairs/:id/assign',
    {
      config: { permission: 'repairs.assign' },
      schema: {
        tags,
        summary: 'Assign (派单) or re-assign the request to a member of the property staff, before work starts',
        params: id,
        body: z.object({ assigneeId: z.string().uuid(), note: z.string().trim().max(500).optional() }).strict(),
        response: { 200: staffRepairDetail },
      },
    },
    async (req) => staff.assignRepair(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.body),
  );
  app.post(
    '/api/v1/repairs/:id/take',
    {
      config: { permission: 'repairs.handle' },
      schema: {
        tags,
        summary: 'Take the open request (抢单): the first taker wins; a second gets 409 repair.already_taken',
        params: id,
        response: { 200: staffRepairDetail },
      },
    },
    async (req) => staff.takeRepair(ctx, { ...userOf(req), ip: req.ip }, req.params.id),
  );
  app.post(
    '/api/v1/repairs/:id/start',
    {
      config: { permission: 'repairs.handle' },
      schema: { tags, summary: 'Start the work (the assignee)', params: id, response: { 200: staffRepairDetail } },
    },
    async (req) => staff.startRepair(ctx, { ...userOf(req), ip: req.ip }, req.params.id),
  );
  app.post(
    '/api/v1/repairs/:id/complete',
    {
      config: { permission: 'repairs.handle' },
      schema: {
        tags,
        summary: 'Done (the assignee): multipart with note and 1 to 9 files named photos (PNG or JPEG) of the finished work',
        params: id,
        consumes: ['multipart/form-data'],
        response: { 200: staffRepairDetail },
      },
    },
    async (req) => {
      const form = await readPhotoForm(ctx, req, completionFields);
      return staff.completeRepair(ctx, { ...userOf(req), ip: req.ip }, req.params.id, form);
    },
  );
  app.post(
    '/api/v1/repairs/:id/follow-ups',
    {
      config: { permission: 'repairs.handle' },
      schema: {
        tags,
        summary: 'Record the follow-up call (回访) to the resident once the work is done: outcome and note',
        params: id,
        body: z
          .object({
            outcome: z.enum(followUpOutcomes),
            note: z.string().trim().max(1000).optional(),
            calledAt: z.iso.datetime({ offset: true }).optional(),
          })
          .strict(),
        response: { 200: staffRepairDetail },
      },
    },
    async (req) => staff.recordFollowUp(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.body),
  );
  app.get(
    '/api/v1/repairs/:id/photos/:photoId',
    {
      config: { permission: 'repairs.read' },
      schema: {
        tags,
        summary: 'A photo of the request or of the finished work',
        params: z.object({ id: z.string().uuid(), photoId: z.string().uuid() }),
        response: { 200: fileResponse('image/*', 'the photo, PNG or JPEG') },
      },
    },
    async (req, reply) => {
      const { file, body } = await staff.staffPhoto(ctx, userOf(req), req.params.id, req.params.photoId);
      return sendDownload(reply, file, body);
    },
  );
}
