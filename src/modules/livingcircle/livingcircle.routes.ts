// The living circle's HTTP surface: facilities (add, list, import, template), a compound's circle and the gaps
// summed per division. Routes parse, authorise and call one service function.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { fileResponse, xlsxMediaType, type ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { readUpload } from '../../platform/http/uploads.ts';
import { writeXlsx } from '../../platform/spreadsheet.ts';
import { createFacility, facilityFilters, importFacilities, listFacilities } from './facilities.service.ts';
import { compoundCircle, gapSums } from './gaps.service.ts';
import { templateHeaders } from './import.ts';
import { allKinds, needs } from './needs.ts';

const tags = ['living circle'];
const span = z.object({ days: z.array(z.number().int()).min(1).max(7), open: z.string(), close: z.string() }).strict();

export const facilitySchema = z.object({
  id: z.string(),
  name: z.string(),
  need: z.enum(needs),
  kind: z.string(),
  lat: z.number(),
  lng: z.number(),
  divisionCode: z.string(),
  address: z.string().nullable(),
  hours: z.array(z.object({ days: z.array(z.number().int()), open: z.string(), close: z.string() })).nullable(),
  capacity: z.number().int().nullable(),
  operator: z.string().nullable(),
  createdAt: z.string(),
});

const ruleVersion = z.object({ key: z.string(), version: z.string() });
const gapSum = {
  compounds: z.number().int(),
  compoundsWithGaps: z.number().int(),
  households: z.number().int(),
  householdsAffected: z.number().int(),
  needs: z.array(z.object({ need: z.enum(needs), compoundsWithGap: z.number().int(), householdsAffected: z.number().int() })),
};

export async function livingCircleRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/facilities',
    {
      config: { permission: 'facilities.manage' },
      schema: {
        tags,
        summary: 'Add a facility of one of the seven needs at a point; the compounds whose circle it touches are recomputed',
        body: z
          .object({
            name: z.string().trim().min(1).max(100),
            need: z.enum(needs),
            kind: z.string().trim().min(1).max(40),
            lat: z.number().min(-90).max(90),
            lng: z.number().min(-180).max(180),
            address: z.string().trim().max(200).nullish(),
            hours: z.array(span).min(1).max(14).nullish(),
            capacity: z.number().int().min(0).max(999_999).nullish(),
            operator: z.string().trim().max(100).nullish(),
          })
          .strict(),
        response: { 201: facilitySchema.extend({ affectedCompounds: z.number().int() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await createFacility(ctx, userOf(req), actorOf(req), req.body)),
  );

  app.get(
    '/api/v1/facilities',
    {
      config: { permission: 'circle.read' },
      schema: {
        tags,
        summary: 'Facilities in my scope, by need, kind, division and name',
        querystring: facilityFilters.extend({ need: z.enum(needs).optional(), kind: z.enum(allKinds).optional(), ...pageQuery }),
        response: { 200: pageSchema(facilitySchema) },
      },
    },
    async (req) => listFacilities(ctx, userOf(req), req.query),
  );

  app.post(
    '/api/v1/facilities/import',
    {
      config: { permission: 'facilities.manage' },
      schema: {
        tags,
        summary:
          'Import facilities from an .xlsx or .csv file (multipart field "file"): every row is checked first, nothing is written if one is bad',
        consumes: ['multipart/form-data'],
        response: {
          200: z.object({
            rows: z.number().int(),
            created: z.number().int(),
            unchanged: z.number().int(),
            affectedCompounds: z.number().int(),
          }),
        },
      },
    },
    async (req) => {
      const upload = await readUpload(req, ctx.env.MAX_UPLOAD_MB * 2 ** 20, z.object({}), 'file');
      return importFacilities(ctx, userOf(req), actorOf(req), upload.filename, upload.data);
    },
  );

  app.get(
    '/api/v1/facilities/template.xlsx',
    {
      config: { permission: 'facilities.manage' },
      schema: { tags, summary: 'An empty facilities import template', response: { 200: fileResponse(xlsxMediaType, 'the template') } },
    },
    async (_req, reply) => {
      const body = await writeXlsx(
        'facilities',
        templateHeaders.map((h, i) => ({ header: h, width: 18, value: (r: string[]) => r[i] })),
        [],
      );
      return reply
        .header('content-type', xlsxMediaType)
        .header('content-disposition', 'attachment; filename="facilities-template.xlsx"')
        .send(body);
    },
  );

  app.get(
    '/api/v1/compounds/:id/circle',
    {
      config: { permission: 'circle.read' },
      schema: {
        tags,
        summary:
          "The compound's 15-minute walking circle: per need the facilities reached (walking metres), the nearest, and the gap; with the rule versions used",
        params: z.object({ id: z.guid() }),
        response: {
          200: z.object({
            rules: z.array(ruleVersion),
            needs: z.array(
              z.object({
                need: z.enum(needs),
                reached: z.array(z.object({ facilityId: z.string(), distanceM: z.number().int() })),
                nearestM: z.number().int().nullable(),
                gap: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => compoundCircle(ctx, userOf(req), req.params.id),
  );

  app.get(
    '/api/v1/circle/gaps',
    {
      config: { permission: 'circle.read' },
      schema: {
        tags,
        summary:
          'Gaps of the living circle summed for a division (city, district, subdistrict or community) and each division or compound under it, with the households affected',
        querystring: z.object({
          division: z
            .string()
            .regex(/^\d{6}(\d{3})?(\d{3})?$/, 'a 6-, 9- or 12-digit division code')
            .optional(),
        }),
        response: {
          200: z.object({
            division: z.string(),
            level: z.enum(['city', 'district', 'subdistrict', 'community']),
            childLevel: z.enum(['district', 'subdistrict', 'community', 'compound']),
            rules: z.array(ruleVersion),
            total: z.object(gapSum),
            children: z.array(z.object({ code: z.string(), name: z.string(), ...gapSum })),
          }),
        },
      },
    },
    async (req) => gapSums(ctx, userOf(req), req.query.division),
  );
}
