// Clusters (片区): suggestions for a division, a suggestion accepted as a project, the kept clusters with their shared
// facilities and the future-community checklist. Routes parse, authorise and call one service function.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { localized } from '../../platform/http/locale.ts';
import { stages } from '../projects/index.ts';
import { acceptCluster, clusterSuggestions, getCluster, listClusters, setChecklistItem } from './clusters.service.ts';
import { needs } from './needs.ts';

const tags = ['living circle'];
const division = z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/, 'a 6-, 9- or 12-digit division code');
const needGap = { need: z.enum(needs), needName: z.string() };
const sharedGap = z.object({ ...needGap, compounds: z.number().int(), households: z.number().int() });
const compound = z.object({
  id: z.string(),
  name: z.string(),
  households: z.number().int(),
  gaps: z.array(z.object(needGap)),
});

export async function clustersRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/clusters/suggestions',
    {
      config: { permission: 'circle.read' },
      schema: {
        tags,
        summary:
          'Suggested clusters (片区) of a district, subdistrict or community: neighbouring compounds of one district, their shared gaps, households, a score and why, best first',
        querystring: z.object({
          division,
          excludeInProject: z
            .enum(['true', 'false'])
            .optional()
            .describe('true: leave out compounds already in a renovation project (otherwise they are marked)'),
        }),
        response: {
          200: z.object({
            division: z.string(),
            rules: z.array(z.object({ key: z.string(), version: z.string() })),
            neighbourM: z.number().int(),
            maxCompounds: z.number().int(),
            suggestions: z.array(
              z.object({
                compounds: z.array(compound.extend({ project: z.object({ id: z.string(), stage: z.enum(stages) }).nullable() })),
                sharedGaps: z.array(sharedGap),
                households: z.number().int(),
                longestLinkM: z.number().int(),
                score: z.number().int(),
                why: z.array(z.string()),
              }),
            ),
          }),
        },
      },
    },
    async (req) =>
      localized(
        req,
        await clusterSuggestions(ctx, userOf(req), req.query.division, { excludeInProject: req.query.excludeInProject === 'true' }),
      ),
  );

  app.post(
    '/api/v1/clusters/suggestions/accept',
    {
      config: { permission: 'projects.write' },
      schema: {
        tags,
        summary:
          'A suggested cluster becomes one project of the year with exactly its compounds (still neighbours of one district), and the cluster is kept with its future-community checklist',
        body: z
          .object({
            compoundIds: z
              .array(z.guid())
              .min(2)
              .max(50)
              .refine((ids) => new Set(ids).size === ids.length, 'repeats a compound'),
            year: z.number().int().min(2000).max(2100),
            name: z.string().trim().max(100).nullish(),
            futureCommunity: z.boolean().optional(),
          })
          .strict(),
        response: {
          201: z.object({
            id: z.string(),
            name: z.string(),
            year: z.number().int(),
            project: z.object({ id: z.string(), name: z.string(), compoundIds: z.array(z.string()) }),
          }),
        },
      },
    },
    async (req, reply) => reply.code(201).send(await acceptCluster(ctx, userOf(req), actorOf(req), req.body)),
  );

  app.get(
    '/api/v1/clusters',
    {
      config: { permission: 'circle.read' },
      schema: {
        tags,
        summary: 'The kept clusters touching a division (default your own), newest first, with their checklist progress',
        querystring: z.object({ division: division.optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                year: z.number().int(),
                projectId: z.string().nullable(),
                compounds: z.array(z.object({ id: z.string(), name: z.string(), households: z.number().int() })),
                checklist: z.object({ done: z.number().int(), total: z.number().int() }),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => listClusters(ctx, userOf(req), req.query.division),
  );

  app.get(
    '/api/v1/clusters/:id',
    {
      config: { permission: 'circle.read' },
      schema: {
        tags,
        summary:
          'A kept cluster: its compounds and their gaps, the shared gaps, the facilities two or more of its compounds reach, and the future-community checklist',
        params: z.object({ id: z.guid() }),
        response: {
          200: z.object({
            id: z.string(),
            name: z.string(),
            year: z.number().int(),
            projectId: z.string().nullable(),
            households: z.number().int(),
            compounds: z.array(compound),
            sharedGaps: z.array(sharedGap),
            sharedFacilities: z.array(
              z.object({ id: z.string(), name: z.string(), kind: z.string(), ...needGap, compounds: z.number().int() }),
            ),
            checklist: z.array(
              z.object({
                item: z.string(),
                name: z.string(),
                hint: z.string(),
                done: z.boolean(),
                note: z.string().nullable(),
                updatedAt: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => localized(req, await getCluster(ctx, userOf(req), req.params.id)),
  );

  app.put(
    '/api/v1/clusters/:id/checklist/:item',
    {
      config: { permission: 'projects.write' },
      schema: {
        tags,
        summary: "Set one future-community scenario of a cluster's checklist: done or not, with a note",
        params: z.object({ id: z.guid(), item: z.string().min(1).max(40) }),
        body: z.object({ done: z.boolean(), note: z.string().max(500).nullish() }).strict(),
        response: {
          200: z.object({ item: z.string(), done: z.boolean(), note: z.string().nullable(), updatedAt: z.string() }),
        },
      },
    },
    async (req) => setChecklistItem(ctx, userOf(req), actorOf(req), req.params.id, req.params.item, req.body),
  );
}
