// The district map's one call: compounds by stage with their gaps, facilities by need, and the circle's radius, for
// a division (and optionally a box). Read as the registry is read.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { stages } from '../projects/index.ts';
import { mapLayers } from './map.service.ts';
import { needs } from './needs.ts';
import { spaceKinds, spaceStatuses } from './spaces.match.ts';

const tags = ['living circle'];

/** "minLng,minLat,maxLng,maxLat" (the GeoJSON order), each a number in range, min below max. */
const bbox = z
  .string()
  .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'four numbers: minLng,minLat,maxLng,maxLat')
  .transform((s) => s.split(',').map(Number) as [number, number, number, number])
  .refine(
    ([a, b, c, d]) => a >= -180 && c <= 180 && b >= -90 && d <= 90 && a < c && b < d,
    'minLng,minLat,maxLng,maxLat in range, min below max',
  )
  .transform(([minLng, minLat, maxLng, maxLat]) => ({ minLng, minLat, maxLng, maxLat }));

export async function mapRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/map/layers',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary:
          "A district map's layers in one answer: the compounds in scope (stage of their latest project, households, the needs their walking circle lacks), the facilities their circles may reach, with the circle's radius, and the division's space resources; bounded (truncated says so). A division beyond the account's scope is refused (403)",
        querystring: z.object({
          division: z
            .string()
            .regex(/^\d{6}(\d{3})?(\d{3})?$/, 'a 6-, 9- or 12-digit division code')
            .optional(),
          bbox: bbox.optional(),
        }),
        response: {
          200: z.object({
            division: z.string().nullable(),
            circle: z.object({
              radiusM: z.number().int().describe('straight-line radius: walking metres in the minutes ÷ the detour factor'),
              walkM: z.number().int(),
              rules: z.array(z.object({ key: z.string(), version: z.string() })),
            }),
            compounds: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                lat: z.number(),
                lng: z.number(),
                communityCode: z.string(),
                subdistrictCode: z.string(),
                stage: z.enum(stages).nullable(),
                households: z.number().int(),
                gapCount: z.number().int(),
                gaps: z.array(z.enum(needs)),
              }),
            ),
            facilities: z.array(
              z.object({ id: z.string(), need: z.enum(needs), kind: z.string(), name: z.string(), lat: z.number(), lng: z.number() }),
            ),
            spaces: z.array(
              z.object({
                id: z.string(),
                kind: z.enum(spaceKinds),
                status: z.enum(spaceStatuses),
                name: z.string(),
                areaM2: z.string().describe('square metres, two decimals'),
                lat: z.number(),
                lng: z.number(),
              }),
            ),
            truncated: z.boolean(),
          }),
        },
      },
    },
    async (req) => mapLayers(ctx, userOf(req), req.query),
  );
}
