// Thin routes for device profiles, devices, their credentials and imports: parse, authorise, call one service function.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { fileResponse, xlsxMediaType, type ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { localeOf } from '../../platform/http/locale.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { badRequest } from '../../platform/http/problem.ts';
import { writeXlsx } from '../../platform/spreadsheet.ts';
import { deviceFields, issueImportCredentials, startDeviceImport } from './devices.import.ts';
import * as devices from './devices.service.ts';
import { smartMessages as sm } from './messages.ts';

const tags = ['devices'];
const id = z.object({ id: z.string().uuid() });
const text = (max: number) => z.string().trim().min(1).max(max);

const device = z.object({
  id: z.string(),
  key: z.string(),
  compoundId: z.string(),
  compoundName: z.string().nullable(),
  buildingId: z.string().nullable(),
  buildingName: z.string().nullable(),
  profile: z.string(),
  profileName: z.string(),
  name: z.string(),
  location: z.string().nullable(),
  vendor: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  gatewayId: z.string().nullable(),
  status: z.enum(['online', 'offline']),
  /** Never heard from: `status` says offline and `lastSeenAt` is null. */
  neverSeen: z.boolean(),
  lastSeenAt: z.string().nullable(),
  credentialsIssued: z.boolean(),
  revoked: z.boolean(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});

function xlsxReply(reply: import('fastify').FastifyReply, filename: string, body: Buffer) {
  return reply
    .header('content-type', xlsxMediaType)
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(body);
}

export async function devicesRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/device-profiles',
    {
      config: { permission: 'devices.read' },
      schema: {
        tags,
        summary: 'Device profiles in force, in your language: event types and alarm rules',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                heartbeatSeconds: z.number(),
                gateway: z.boolean(),
                eventTypes: z.array(z.object({ type: z.string(), name: z.string() })),
                rules: z.array(z.object({ code: z.string(), name: z.string(), severity: z.string() })),
              }),
            ),
          }),
        },
      },
    },
    async (req) => devices.listProfiles(ctx, localeOf(req)),
  );

  app.post(
    '/api/v1/devices',
    {
      config: { permission: 'devices.manage' },
      schema: {
        tags,
        summary: 'Register a device; its secret is in this answer only',
        body: z.object({
          compoundId: z.string().uuid(),
          profile: text(64),
          name: text(100),
          buildingId: z.string().uuid().nullish(),
          location: z.string().trim().max(200).nullish(),
          vendor: z.string().trim().max(64).nullish(),
          model: z.string().trim().max(64).nullish(),
          serial: z.string().trim().max(64).nullish(),
          gatewayId: z.string().uuid().nullish(),
        }),
        response: {
          201: z.object({
            id: z.string(),
            key: z.string(),
            secret: z.string(),
            profile: z.string(),
            status: z.enum(['online', 'offline']),
            neverSeen: z.boolean(),
          }),
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const created = await devices.createDevice(
        ctx,
        { ...userOf(req), ...actorOf(req) },
        { ...b, location: b.location || null, vendor: b.vendor || null, model: b.model || null, serial: b.serial || null },
      );
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.get(
    '/api/v1/devices',
    {
      config: { permission: 'devices.read' },
      schema: {
        tags,
        summary: 'Devices within your scope, offline first then by name, paged',
        querystring: devices.deviceFilters.extend(pageQuery),
        response: { 200: pageSchema(device) },
      },
    },
    async (req) => devices.listDevices(ctx, userOf(req), localeOf(req), req.query),
  );

  app.get(
    '/api/v1/devices/:id',
    {
      config: { permission: 'devices.read' },
      schema: { tags, summary: 'One device and its status', params: id, response: { 200: device } },
    },
    async (req) => devices.getDevice(ctx, userOf(req), localeOf(req), req.params.id),
  );

  app.get(
    '/api/v1/compounds/:id/devices',
    {
      config: { permission: 'devices.read' },
      schema: {
        tags,
        summary: "A compound's buildings with their devices (offline first), and devices placed in no building",
        params: id,
        response: {
          200: z.object({
            compoundId: z.string(),
            buildings: z.array(
              z.object({ id: z.string(), name: z.string(), online: z.number(), offline: z.number(), devices: z.array(device) }),
            ),
            unplaced: z.array(device),
          }),
        },
      },
    },
    async (req) => devices.compoundDevices(ctx, userOf(req), localeOf(req), req.params.id),
  );

  app.post(
    '/api/v1/devices/:id/credentials',
    {
      config: { permission: 'devices.manage' },
      schema: {
        tags,
        summary: 'A new secret for the same key (shown once); the old secret stops working',
        params: id,
        response: { 200: z.object({ key: z.string(), secret: z.string() }) },
      },
    },
    async (req, reply) =>
      reply
        .header('cache-control', 'no-store')
        .send(await devices.rotateCredentials(ctx, { ...userOf(req), ...actorOf(req) }, req.params.id)),
  );

  app.post(
    '/api/v1/devices/:id/revoke',
    {
      config: { permission: 'devices.manage' },
      schema: {
        tags,
        summary: 'Revoke a device for good: refused at the broker and by the HTTP ingest',
        params: id,
        response: { 200: z.object({ id: z.string(), revokedAt: z.string() }) },
      },
    },
    async (req) => devices.revokeDevice(ctx, { ...userOf(req), ...actorOf(req) }, req.params.id),
  );

  app.post(
    '/api/v1/device-imports',
    {
      config: { permission: 'devices.manage' },
      schema: {
        tags,
        summary: 'Import devices from an .xlsx or .csv file (multipart field "file"): a background job, all rows or none',
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ jobId: z.string() }) },
      },
    },
    async (req, reply) => {
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file || file.fieldname !== 'file')
        throw badRequest(sm.msg('import.multipart_required'), [{ path: 'body.file', message: sm.msg('field.required') }]);
      const started = await startDeviceImport(ctx, userOf(req), actorOf(req), file.filename, await file.toBuffer());
      return reply.code(202).send(started);
    },
  );

  app.post(
    '/api/v1/device-imports/:id/credentials.xlsx',
    {
      config: { permission: 'devices.manage' },
      schema: {
        tags,
        summary: "The imported devices' keys and secrets, made now and offered once (410 afterwards)",
        params: id,
        response: { 200: fileResponse(xlsxMediaType, 'keys and secrets, once') },
      },
    },
    async (req, reply) => {
      const body = await issueImportCredentials(ctx, userOf(req), actorOf(req), localeOf(req), req.params.id);
      return xlsxReply(reply, 'device-credentials.xlsx', body);
    },
  );

  app.get(
    '/api/v1/device-imports/template.xlsx',
    {
      config: { permission: 'devices.manage' },
      schema: { tags, summary: 'An empty device import template', response: { 200: fileResponse(xlsxMediaType, 'the template') } },
    },
    async (_req, reply) => {
      const headers = deviceFields.map((f) => f.headers[0]!);
      const body = await writeXlsx(
        'devices',
        headers.map((h, i) => ({ header: h, width: 16, value: (r: string[]) => r[i] })),
        [],
      );
      return xlsxReply(reply, 'devices-template.xlsx', body);
    },
  );
}
