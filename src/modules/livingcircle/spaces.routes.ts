// Space resources' HTTP surface: register, list, read, move through their statuses, and the matches of a
// compound's gaps. Routes parse, authorise and call one service function.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { fileResponse, xlsxMediaType, type ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { decimalInput } from '../../platform/decimal.ts';
import { readUpload } from '../../platform/http/uploads.ts';
import { writeXlsx } from '../../platform/spreadsheet.ts';
import { importSpaces } from './spaces.import.service.ts';
import { spaceTemplateHeaders } from './spaces.import.ts';
import { needs } from './needs.ts';
import { spaceMatches } from './spaces.matching.service.ts';
import { spaceKinds, spaceStatuses } from './spaces.match.ts';
import {
  allocateSpace,
  convertSpace,
  createSpace,
  listSpaces,
  openSpace,
  SPACE_AREA,
  spaceDetail,
  spaceFilters,
} from './spaces.service.ts';

const tags = ['living circle'];
const area = z.string().regex(/^\d+\.\d{2}$/);
const note = z.string().trim().max(500).nullish();

export const spaceSchema = z.object({
  id: z.string(),
  kind: z.enum(spaceKinds),
  name: z.string(),
  areaM2: area,
  owner: z.string(),
  lat: z.number(),
  lng: z.number(),
  compoundId: z.string().nullable(),
  divisionCode: z.string(),
  address: z.string().nullable(),
  condition: z.string().nullable(),
  status: z.enum(spaceStatuses),
  allocatedTo: z.string().nullable(),
  conversion: z
    .object({
      need: z.enum(needs),
      kind: z.string(),
      facilityId: z.string(),
      projectId: z.string().nullable().describe('the renovation project the conversion delivers'),
    })
    .nullable()
    .describe('what it became'),
  statusAt: z.string(),
  createdAt: z.string(),
});

const idParams = z.object({ id: z.guid() });

export async function spacesRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/spaces',
    {
      config: { permission: 'spaceresources.manage' },
      schema: {
        tags,
        summary: 'Register a space resource (scattered land, an existing room, a state-owned idle room) as offered',
        body: z
          .object({
            kind: z.enum(spaceKinds),
            name: z.string().trim().min(1).max(100),
            areaM2: decimalInput(SPACE_AREA),
            owner: z.string().trim().min(1).max(100),
            lat: z.number().min(-90).max(90),
            lng: z.number().min(-180).max(180),
            compoundId: z.guid().nullish(),
            address: z.string().trim().max(200).nullish(),
            condition: z.string().trim().max(500).nullish(),
          })
          .strict(),
        response: { 201: spaceSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createSpace(ctx, userOf(req), actorOf(req), req.body)),
  );

  app.get(
    '/api/v1/spaces',
    {
      config: { permission: 'circle.read' },
      schema: {
        tags,
        summary: 'Space resources in my scope, by status, kind and division',
        querystring: spaceFilters.extend({ status: z.enum(spaceStatuses).optional(), kind: z.enum(spaceKinds).optional(), ...pageQuery }),
        response: { 200: pageSchema(spaceSchema) },
      },
    },
    async (req) => listSpaces(ctx, userOf(req), req.query),
  );

  app.post(
    '/api/v1/spaces/import',
    {
      config: { permission: 'spaceresources.manage' },
      schema: {
        tags,
        summary:
          'Import space resources from an .xlsx or .csv file (multipart field "file"), each registered as offered: every row is checked first, nothing is written if one is bad; a row already registered (same kind, name and place) is left unchanged',
        consumes: ['multipart/form-data'],
        response: { 200: z.object({ rows: z.number().int(), created: z.number().int(), unchanged: z.number().int() }) },
      },
    },
    async (req) => {
      const upload = await readUpload(req, ctx.env.MAX_UPLOAD_MB * 2 ** 20, z.object({}), 'file');
      return importSpaces(ctx, userOf(req), actorOf(req), upload.filename, upload.data);
    },
  );

  app.get(
    '/api/v1/spaces/template.xlsx',
    {
      config: { permission: 'spaceresources.manage' },
      schema: { tags, summary: 'An empty space resources import template', response: { 200: fileResponse(xlsxMediaType, 'the template') } },
    },
    async (_req, reply) => {
      const body = await writeXlsx(
        'spaces',
        spaceTemplateHeaders.map((h, i) => ({ header: h, width: 18, value: (r: string[]) => r[i] })),
        [],
      );
      return reply
        .header('content-type', xlsxMediaType)
        .header('content-disposition', 'attachment; filename="spaces-template.xlsx"')
        .send(body);
    },
  );

  app.get(
    '/api/v1/spaces/:id',
    {
      config: { permission: 'circle.read' },
      schema: {
        tags,
        summary: 'A space resource with its steps (who moved it and when)',
        params: idParams,
        response: {
          200: spaceSchema.extend({
            steps: z.array(
              z.object({ status: z.enum(spaceStatuses), at: z.string(), by: z.string().nullable(), note: z.string().nullable() }),
            ),
          }),
        },
      },
    },
    async (req) => spaceDetail(ctx, userOf(req), req.params.id),
  );

  app.post(
    '/api/v1/spaces/:id/allocate',
    {
      config: { permission: 'spaceresources.manage' },
      schema: {
        tags,
        summary: 'Allocate an offered space resource (to a subdistrict, community or operator); 409 when it is not offered',
        params: idParams,
        body: z.object({ allocatedTo: z.string().trim().min(1).max(100), note }).strict(),
        response: { 200: spaceSchema },
      },
    },
    async (req) => allocateSpace(ctx, userOf(req), actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/spaces/:id/convert',
    {
      config: { permission: 'spaceresources.convert' },
      schema: {
        tags,
        summary:
          'Record that an allocated space resource became a facility of a need (added at its place; the compounds it reaches are recomputed); 409 when it is not allocated',
        params: idParams,
        body: z
          .object({
            need: z.enum(needs),
            kind: z.string().trim().min(1).max(40),
            name: z.string().trim().min(1).max(100).nullish(),
            note,
            projectId: z
              .guid()
              .nullish()
              .describe(
                "the renovation project whose outcomes this conversion delivers: the overview then counts the room once, within the project's reported state rooms",
              ),
          })
          .strict(),
        response: { 200: spaceSchema.extend({ affectedCompounds: z.number().int() }) },
      },
    },
    async (req) => convertSpace(ctx, userOf(req), actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/spaces/:id/in-use',
    {
      config: { permission: 'spaceresources.manage' },
      schema: {
        tags,
        summary: 'Mark a converted space resource in use; 409 when it is not converted',
        params: idParams,
        body: z.object({ note }).strict(),
        response: { 200: spaceSchema },
      },
    },
    async (req) => openSpace(ctx, userOf(req), actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/compounds/:id/space-matches',
    {
      config: { permission: 'circle.read' },
      schema: {
        tags,
        summary:
          "For each gap of the compound, the suitable space resources nearby (available, of a fitting kind, large enough, within the rule's walking radius), ranked, each with the compounds and households whose gap converting it would close",
        params: idParams,
        response: {
          200: z.object({
            rules: z.array(z.object({ key: z.string(), version: z.string() })),
            gaps: z.array(
              z.object({
                need: z.enum(needs),
                kind: z.string().nullable().describe('the facility the rule suggests building'),
                minAreaM2: z.string().nullable(),
                matches: z.array(
                  z.object({
                    spaceId: z.string(),
                    distanceM: z.number().int().describe('walking metres from the compound'),
                    closesGap: z.boolean().describe("whether converting it closes this compound's gap"),
                    gain: z.object({ compounds: z.number().int(), households: z.number().int() }),
                    space: spaceSchema,
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (req) => spaceMatches(ctx, userOf(req), req.params.id),
  );
}
