import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { fileResponse, type ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { readUpload, sendDownload } from '../../platform/http/uploads.ts';
import * as orders from './workorders.service.ts';
import * as read from './workorders.queries.ts';
import { callbackOutcomes, workOrderActions, workOrderPriorities, workOrderStatuses } from './schema.ts';

const tags = ['work orders'];
const id = z.object({ id: z.string().uuid() });
const person = z.object({ id: z.string(), displayName: z.string() });
const sourceKind = z.string().regex(/^[a-z][a-z_]{0,39}$/, 'lower-case letters and _');
export const workOrderSummary = z.object({
  id: z.string(),
  sourceKind: z.string(),
  sourceId: z.string().nullable(),
  compoundId: z.string(),
  compoundName: z.string().nullable(),
  title: z.string(),
  priority: z.enum(workOrderPriorities),
  status: z.enum(workOrderStatuses),
  assignee: person.nullable(),
  dueAt: z.string().nullable(),
  callbackRequired: z.boolean(),
  callbackRecorded: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const workOrderDetail = workOrderSummary.extend({
  description: z.string(),
  createdBy: person.nullable(),
  startedAt: z.string().nullable(),
  completion: z
    .object({
      at: z.string(),
      by: person.nullable(),
      note: z.string(),
      photo: z.object({ filename: z.string(), contentType: z.string(), sizeBytes: z.number().int() }).nullable(),
    })
    .nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  steps: z.array(
    z.object({
      at: z.string(),
      action: z.enum(workOrderActions),
      actor: person.nullable(),
      assignee: person.nullable(),
      note: z.string().nullable(),
    }),
  ),
  callbacks: z.array(
    z.object({ id: z.string(), caller: person, calledAt: z.string(), outcome: z.enum(callbackOutcomes), note: z.string().nullable() }),
  ),
});
const note = z.string().trim().min(1).max(2000);
const dueAt = z.iso.datetime({ offset: true });

export async function workOrderRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/work-orders',
    {
      config: { permission: 'workorders.read' },
      schema: {
        tags,
        summary: 'Work orders in scope, newest first',
        querystring: z.object({
          status: z.enum(workOrderStatuses).optional(),
          compoundId: z.string().uuid().optional(),
          sourceKind: sourceKind.optional(),
          sourceId: z.string().max(100).optional(),
          assigneeId: z.string().uuid().optional(),
          mine: z.enum(['true', 'false']).optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(workOrderSummary) },
      },
    },
    async (req) => read.listWorkOrders(ctx, userOf(req), { ...req.query, mine: req.query.mine === 'true' }),
  );
  app.get(
    '/api/v1/work-orders/assignees',
    {
      config: { permission: 'workorders.read' },
      schema: {
        tags,
        summary: 'Accounts that handle work orders in a compound: who an order may be assigned to',
        querystring: z.object({ compoundId: z.string().uuid() }),
        response: { 200: z.object({ items: z.array(person) }) },
      },
    },
    async (req) => read.assigneesFor(ctx, userOf(req), req.query.compoundId),
  );
  app.post(
    '/api/v1/work-orders',
    {
      config: { permission: 'workorders.manage' },
      schema: {
        tags,
        summary: 'Raise a work order in a compound, open for taking or assigned at once',
        body: z
          .object({
            compoundId: z.string().uuid(),
            title: z.string().trim().min(1).max(200),
            description: z.string().trim().max(4000).nullish(),
            priority: z.enum(workOrderPriorities).optional(),
            dueAt: dueAt.nullish(),
            assigneeId: z.string().uuid().nullish(),
            sourceKind: sourceKind.default('manual'),
            sourceId: z.string().trim().min(1).max(100).nullish(),
            callbackRequired: z.boolean().optional(),
          })
          .strict(),
        response: { 201: workOrderDetail },
      },
    },
    async (req, reply) => {
      const user = { ...userOf(req), ip: req.ip };
      const { id: created } = await orders.createWorkOrder(ctx, user, req.body);
      return reply.code(201).send(await read.getWorkOrder(ctx, user, created));
    },
  );
  app.get(
    '/api/v1/work-orders/:id',
    {
      config: { permission: 'workorders.read' },
      schema: { tags, summary: 'A work order with its timeline and call-backs', params: id, response: { 200: workOrderDetail } },
    },
    async (req) => read.getWorkOrder(ctx, userOf(req), req.params.id),
  );
  app.post(
    '/api/v1/work-orders/:id/assign',
    {
      config: { permission: 'workorders.manage' },
      schema: {
        tags,
        summary: 'Assign (or re-assign) an order to an account that handles work orders in its compound',
        params: id,
        body: z.object({ assigneeId: z.string().uuid(), dueAt: dueAt.nullish(), note: z.string().trim().max(2000).nullish() }).strict(),
        response: { 200: workOrderDetail },
      },
    },
    async (req) => orders.assignWorkOrder(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.body),
  );
  for (const [path, summary, fn] of [
    ['take', 'Take an open order oneself', orders.takeWorkOrder],
    ['start', 'Start work on an order assigned to oneself', orders.startWorkOrder],
  ] as const) {
    app.post(
      `/api/v1/work-orders/:id/${path}`,
      { config: { permission: 'workorders.handle' }, schema: { tags, summary, params: id, response: { 200: workOrderDetail } } },
      async (req) => fn(ctx, { ...userOf(req), ip: req.ip }, req.params.id),
    );
  }
  app.post(
    '/api/v1/work-orders/:id/complete',
    {
      config: { permission: 'workorders.handle' },
      schema: {
        tags,
        summary: 'Complete an order with a photo (multipart fields note, file: PNG or JPEG); SOS orders need a call-back first',
        params: id,
        consumes: ['multipart/form-data'],
        response: { 200: workOrderDetail },
      },
    },
    async (req) => {
      const upload = await readUpload(req, ctx.env.MAX_UPLOAD_MB * 2 ** 20, z.object({ note }), 'note');
      return orders.completeWorkOrder(ctx, { ...userOf(req), ip: req.ip }, req.params.id, upload);
    },
  );
  app.post(
    '/api/v1/work-orders/:id/callback',
    {
      config: { permission: 'workorders.handle' },
      schema: {
        tags,
        summary: 'Record a call back to the resident who raised the order',
        params: id,
        body: z
          .object({ calledAt: dueAt.nullish(), outcome: z.enum(callbackOutcomes), note: z.string().trim().max(2000).nullish() })
          .strict(),
        response: { 200: workOrderDetail },
      },
    },
    async (req) => orders.recordCallback(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.body),
  );
  app.post(
    '/api/v1/work-orders/:id/cancel',
    {
      config: { permission: 'workorders.manage' },
      schema: {
        tags,
        summary: 'Cancel an unfinished order, with the reason',
        params: id,
        body: z.object({ reason: note }).strict(),
        response: { 200: workOrderDetail },
      },
    },
    async (req) => orders.cancelWorkOrder(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.body),
  );
  app.get(
    '/api/v1/work-orders/:id/photo',
    {
      config: { permission: 'workorders.read' },
      schema: {
        tags,
        summary: 'The completion photo, as uploaded',
        params: id,
        response: { 200: fileResponse('image/*', 'the photo, PNG or JPEG') },
      },
    },
    async (req, reply) => {
      const { file, body } = await read.workOrderPhoto(ctx, userOf(req), req.params.id);
      return sendDownload(reply, file, body);
    },
  );
}
