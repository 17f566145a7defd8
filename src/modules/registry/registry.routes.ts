// Thin routes: parse, authorise (config.permission + scope in the service), call one service function.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { decimalInput } from '../../platform/decimal.ts';
import { fileResponse, xlsxMediaType, type ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { badRequest } from '../../platform/http/problem.ts';
import { accessReasonQuery } from '../../platform/access-reason.ts';
import { registryMessages as rm } from './messages.ts';
import { writeXlsx } from '../../platform/spreadsheet.ts';
import { exportCompounds, exportHouseholds } from './exports.ts';
import { compoundFields, householdFields, templateHeaders } from './import.ts';
import { importFile, importKinds } from './import.service.ts';
import * as households from './households.service.ts';
import * as registry from './registry.service.ts';
import * as residents from './residents.service.ts';
import { divisionLevels, propertyModes } from './schema.ts';

const tags = ['registry'];
const id = z.object({ id: z.string().uuid() });

const division = z.object({ code: z.string(), name: z.string(), level: z.enum(divisionLevels), parent: z.string().nullable() });
const compoundListItem = z.object({
  id: z.string(),
  name: z.string(),
  communityCode: z.string(),
  divisionPath: z.array(z.string()),
  address: z.string(),
  yearBuilt: z.number(),
  floorAreaM2: z.string(),
  households: z.number(),
  eligible: z.boolean(),
});
const compoundDetail = compoundListItem.extend({
  divisionNames: z.array(z.string()),
  longitude: z.string().nullable(),
  latitude: z.string().nullable(),
  buildingsCount: z.number(),
  householdsRegistered: z.number(),
  propertyMode: z.enum(propertyModes),
  buildings: z.array(
    z.object({ id: z.string(), name: z.string(), units: z.array(z.object({ id: z.string(), name: z.string(), households: z.number() })) }),
  ),
});
const householdItem = z.object({
  id: z.string(),
  building: z.string(),
  unit: z.string(),
  room: z.string(),
  floorAreaM2: z.string(),
  deedRef: z.string().nullable(),
  residents: z.array(
    z.object({ id: z.string(), name: z.string(), phone: z.string().nullable(), relation: z.string(), status: z.string() }),
  ),
});
const newHousehold = z.object({
  building: z.string().trim().min(1).max(32),
  unit: z.string().trim().min(1).max(32),
  room: z.string().trim().min(1).max(32),
  floorAreaM2: decimalInput(households.HOUSEHOLD_AREA),
  deedRef: z.string().trim().max(64).nullish(),
});

function xlsxReply(reply: import('fastify').FastifyReply, filename: string, body: Buffer) {
  return reply
    .header('content-type', xlsxMediaType)
    .header('content-disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(body);
}

export async function registryRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/divisions',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary: 'Divisions under a parent code; without one, the roots of your scope',
        querystring: z.object({
          parent: z
            .string()
            .regex(/^\d{6}(\d{3})?(\d{3})?$/)
            .optional(),
        }),
        response: { 200: z.object({ items: z.array(division) }) },
      },
    },
    async (req) => ({ items: await registry.listDivisions(ctx, userOf(req), req.query.parent) }),
  );

  app.get(
    '/api/v1/compounds',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary: 'Compounds within your scope, filtered and paged',
        querystring: registry.compoundFilters.extend(pageQuery),
        response: { 200: pageSchema(compoundListItem).extend({ total: z.number().int().describe('compounds matching the filters') }) },
      },
    },
    async (req) => registry.listCompounds(ctx, userOf(req), req.query),
  );

  app.get(
    '/api/v1/compounds/export.xlsx',
    {
      config: { permission: 'registry.export' },
      schema: {
        tags,
        summary: 'The compound list, as filtered, as .xlsx',
        querystring: registry.compoundFilters,
        response: { 200: fileResponse(xlsxMediaType, 'compounds.xlsx') },
      },
    },
    async (req, reply) => {
      const body = await exportCompounds(ctx, userOf(req), req.query);
      return xlsxReply(reply, 'compounds.xlsx', body);
    },
  );

  app.post(
    '/api/v1/compounds',
    {
      config: { permission: 'registry.write' },
      schema: {
        tags,
        summary: 'Register a compound',
        body: z.object({
          name: z.string().trim().min(1).max(100),
          communityCode: z.string().regex(/^\d{12}$/, 'a 12-digit community code'),
          address: z.string().trim().min(1).max(200),
          yearBuilt: z.number().int().min(1900).max(new Date().getFullYear()),
          floorAreaM2: decimalInput(registry.COMPOUND_AREA),
          longitude: z
            .string()
            .regex(/^-?\d{1,3}(\.\d{1,6})?$/)
            .nullish(),
          latitude: z
            .string()
            .regex(/^-?\d{1,2}(\.\d{1,6})?$/)
            .nullish(),
          buildingsCount: z.number().int().min(0).max(10000).optional(),
          householdsCount: z.number().int().min(0).max(1000000).optional(),
          propertyMode: z.enum(propertyModes).optional(),
        }),
        response: { 201: compoundDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await registry.createCompound(ctx, userOf(req), actorOf(req), req.body)),
  );

  app.get(
    '/api/v1/compounds/:id',
    {
      config: { permission: 'registry.read' },
      schema: { tags, summary: 'One compound with its buildings and units', params: id, response: { 200: compoundDetail } },
    },
    async (req) => registry.getCompound(ctx, userOf(req), req.params.id),
  );

  app.get(
    '/api/v1/compounds/:id/households',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary: "A compound's households, residents masked",
        params: id,
        querystring: z.object({ ...pageQuery, building: z.string().max(32).optional() }),
        response: { 200: pageSchema(householdItem) },
      },
    },
    async (req) => households.listHouseholds(ctx, userOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/v1/compounds/:id/households/export.xlsx',
    {
      config: { permission: 'registry.export' },
      schema: {
        tags,
        summary: "A compound's households as .xlsx (residents masked)",
        params: id,
        response: { 200: fileResponse(xlsxMediaType, 'households.xlsx') },
      },
    },
    async (req, reply) => {
      const body = await exportHouseholds(ctx, userOf(req), req.params.id);
      return xlsxReply(reply, 'households.xlsx', body);
    },
  );

  app.post(
    '/api/v1/compounds/:id/households',
    {
      config: { permission: 'registry.write' },
      schema: {
        tags,
        summary: 'Add households to a compound, all or nothing',
        params: id,
        body: z.object({ items: z.array(newHousehold).min(1).max(5000) }),
        response: { 201: z.object({ created: z.number(), ids: z.array(z.string()) }) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await households.createHouseholds(ctx, userOf(req), actorOf(req), req.params.id, req.body.items)),
  );

  app.post(
    '/api/v1/households/:id/residents',
    {
      config: { permission: 'residents.bind' },
      schema: {
        tags,
        summary: 'Bind a resident to a household (pending until the deed is checked)',
        params: id,
        body: z.object({
          name: z.string().trim().min(1).max(50),
          phone: z.string().trim().nullish(),
          idNumber: z.string().trim().nullish(),
          relation: z.enum(['owner', 'family', 'tenant']).optional(),
        }),
        response: { 201: z.object({ residentId: z.string(), status: z.string() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await residents.addResident(ctx, userOf(req), actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/households/:id/residents/:residentId/verification',
    {
      config: { permission: 'residents.bind' },
      schema: {
        tags,
        summary: 'Record that the title deed was checked: the binding is verified or rejected',
        params: z.object({ id: z.string().uuid(), residentId: z.string().uuid() }),
        body: z.object({ decision: z.enum(['verified', 'rejected']) }),
        response: { 200: z.object({ residentId: z.string(), status: z.string(), verifiedBy: z.string(), verifiedAt: z.string() }) },
      },
    },
    async (req) => residents.verifyBinding(ctx, userOf(req), actorOf(req), req.params.id, req.params.residentId, req.body.decision),
  );

  app.get(
    '/api/v1/residents/:id/personal',
    {
      config: { permission: 'personal.read' },
      schema: {
        tags,
        summary: "A resident's full personal data (every read is audited with its reason)",
        params: id,
        querystring: accessReasonQuery,
        response: {
          200: z.object({
            id: z.string(),
            name: z.string(),
            phone: z.string().nullable(),
            idNumber: z.string().nullable(),
            fake: z.boolean(),
          }),
        },
      },
    },
    async (req) => residents.readPersonal(ctx, userOf(req), actorOf(req), req.params.id, req.query.reason),
  );

  app.post(
    '/api/v1/imports/:kind',
    {
      config: { permission: 'registry.import' },
      schema: {
        tags,
        summary: 'Import an .xlsx or .csv file (multipart field "file"); large files answer 202 with a job',
        params: z.object({ kind: z.enum(importKinds) }),
        consumes: ['multipart/form-data'],
        response: {
          200: z.object({ kind: z.enum(importKinds), rows: z.number(), created: z.number(), updated: z.number(), unchanged: z.number() }),
          202: z.object({ jobId: z.string() }),
        },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw badRequest(rm.msg('import.multipart_required'), [{ path: 'body.file', message: rm.msg('field.required') }]);
      const file = await req.file();
      if (!file || file.fieldname !== 'file')
        throw badRequest(rm.msg('import.file_field'), [{ path: 'body.file', message: rm.msg('field.required') }]);
      const data = await file.toBuffer();
      const outcome = await importFile(ctx, userOf(req), actorOf(req), req.params.kind, file.filename, data);
      return outcome.status === 200 ? outcome.result : reply.code(202).send({ jobId: outcome.jobId });
    },
  );

  app.get(
    '/api/v1/imports/:kind/template.xlsx',
    {
      config: { permission: 'registry.import' },
      schema: {
        tags,
        summary: 'An empty import template',
        params: z.object({ kind: z.enum(importKinds) }),
        response: { 200: fileResponse(xlsxMediaType, 'the template, with the column headers') },
      },
    },
    async (req, reply) => {
      const headers = templateHeaders(req.params.kind === 'compounds' ? compoundFields : householdFields);
      const body = await writeXlsx(
        req.params.kind,
        headers.map((h, i) => ({ header: h, width: 18, value: (r: string[]) => r[i] })),
        [],
      );
      return xlsxReply(reply, `${req.params.kind}-template.xlsx`, body);
    },
  );
}
