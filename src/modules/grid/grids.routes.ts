import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import type { GridActor } from './access.ts';
import * as grids from './grids.service.ts';

const tags = ['grids'];
const id = z.object({ id: z.uuid() });
const person = z.object({ id: z.string(), displayName: z.string() });
const ring = z
  .array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]))
  .min(4)
  .max(1000);
const polygon = z.array(ring).min(1).max(20);
const gridSchema = z.object({
  id: z.string(),
  communityCode: z.string(),
  code: z.string(),
  name: z.string(),
  polygon: z.array(z.array(z.array(z.number()))).nullable(),
  buildings: z.array(z.object({ id: z.string(), compoundId: z.string(), compoundName: z.string(), name: z.string() })),
  workers: z.array(person.extend({ since: z.string() })),
});
const checkinSchema = z.object({
  id: z.string(),
  gridId: z.string(),
  account: person,
  at: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  note: z.string().nullable(),
});

const actorOf = (req: FastifyRequest): GridActor => ({ ...userOf(req), ip: req.ip });

export async function gridRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/grids',
    {
      config: { permission: 'grid.read' },
      schema: {
        tags,
        summary: 'Grids in scope (a grid worker: their own), with their workers',
        querystring: z.object({
          communityCode: z
            .string()
            .regex(/^\d{12}$/)
            .optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                communityCode: z.string(),
                code: z.string(),
                name: z.string(),
                buildingsCount: z.number().int(),
                workers: z.array(person),
              }),
            ),
          }),
        },
      },
    },
    async (req) => grids.listGrids(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/grids',
    {
      config: { permission: 'grid.manage' },
      schema: {
        tags,
        summary: 'Draw a grid in a community: the buildings it covers and, optionally, its outline',
        body: z
          .object({
            communityCode: z.string().regex(/^\d{12}$/),
            code: z.string().trim().min(1).max(20),
            name: z.string().trim().min(1).max(100),
            polygon: polygon.nullish(),
            buildingIds: z.array(z.uuid()).max(2000).optional(),
          })
          .strict(),
        response: { 201: gridSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await grids.createGrid(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/grids/:id',
    {
      config: { permission: 'grid.read' },
      schema: { tags, summary: 'A grid with its buildings and workers', params: id, response: { 200: gridSchema } },
    },
    async (req) => grids.getGrid(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/grids/:id',
    {
      config: { permission: 'grid.manage' },
      schema: {
        tags,
        summary: 'Rename a grid, redraw its outline, or set the buildings it covers',
        params: id,
        body: z
          .object({
            name: z.string().trim().min(1).max(100).optional(),
            polygon: polygon.nullish(),
            buildingIds: z.array(z.uuid()).max(2000).optional(),
          })
          .strict(),
        response: { 200: gridSchema },
      },
    },
    async (req) => grids.updateGrid(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/grids/:id/worker-candidates',
    {
      config: { permission: 'grid.manage' },
      schema: {
        tags,
        summary: 'Grid worker accounts who may work in this grid (scoped to its community or a division above it)',
        params: id,
        response: { 200: z.object({ items: z.array(person.extend({ username: z.string() })) }) },
      },
    },
    async (req) => ({ items: await grids.gridWorkerCandidates(ctx, actorOf(req), req.params.id) }),
  );
  app.put(
    '/api/v1/grids/:id/workers',
    {
      config: { permission: 'grid.manage' },
      schema: {
        tags,
        summary: 'Set the grid workers of a grid (grid worker accounts)',
        params: id,
        body: z.object({ accountIds: z.array(z.uuid()).max(50) }).strict(),
        response: { 200: gridSchema },
      },
    },
    async (req) => grids.setGridWorkers(ctx, actorOf(req), req.params.id, req.body.accountIds),
  );
  app.post(
    '/api/v1/grids/:id/checkins',
    {
      config: { permission: 'grid.patrol' },
      schema: {
        tags,
        summary: 'Check in on patrol in one’s own grid, with the place',
        params: id,
        body: z
          .object({
            lat: z.number().min(-90).max(90).nullish(),
            lng: z.number().min(-180).max(180).nullish(),
            note: z.string().trim().max(500).nullish(),
          })
          .strict(),
        response: { 201: checkinSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await grids.checkIn(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/grids/:id/checkins',
    {
      config: { permission: 'grid.read' },
      schema: {
        tags,
        summary: 'Patrol check-ins in a grid, newest first',
        params: id,
        querystring: z.object({ ...pageQuery }),
        response: { 200: pageSchema(checkinSchema) },
      },
    },
    async (req) => grids.listCheckins(ctx, actorOf(req), req.params.id, req.query),
  );
}
