import { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { ZodApp } from './app.ts';
import { userOf } from './auth.ts';
import { localeOf } from './locale.ts';
import { notFound } from './problem.ts';
import { platformMessages as pm } from '../i18n/platform.messages.ts';

export async function platformRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Liveness and the database in use',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.object({ mode: z.enum(['embedded', 'external']), version: z.string() }) }),
        },
      },
    },
    async () => {
      await ctx.database.pool.query('select 1');
      return { status: 'ok' as const, database: { mode: ctx.database.mode, version: ctx.database.version } };
    },
  );

  app.get(
    '/api/v1/jobs/:id',
    {
      config: { permission: 'jobs.read' },
      schema: {
        tags: ['platform'],
        summary: 'A background job you started: status and progress',
        params: z.object({ id: z.string().uuid() }),
        response: {
          200: z.object({
            id: z.string(),
            kind: z.string(),
            status: z.enum(['queued', 'running', 'succeeded', 'failed']),
            progressDone: z.number(),
            progressTotal: z.number(),
            result: z.unknown().nullable(),
            error: z.unknown().nullable(),
            createdAt: z.string(),
            finishedAt: z.string().nullable(),
            attempts: z.number().int(),
          }),
        },
      },
    },
    async (req) => {
      const user = userOf(req);
      const job = await ctx.queue.get(req.params.id, localeOf(req));
      // A job is visible to the account that started it (and the city admin, who sees everything).
      if (!job || (job.createdBy !== user.id && user.role !== 'city_admin')) throw notFound(pm.msg('job.entity', { id: req.params.id }));
      return {
        ...job,
        result: job.result ?? null,
        error: job.error ?? null,
        createdAt: job.createdAt.toISOString(),
        finishedAt: job.finishedAt?.toISOString() ?? null,
      };
    },
  );
}
