// GET /api/v1/audit: the audit log for those who may read it (audit.read: the city's administrator).
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { listAudit } from '../audit-log.ts';
import type { ZodApp } from './app.ts';
import { isoDateTime } from './fields.ts';
import { localeOf } from './locale.ts';
import { pageQuery, pageSchema } from './pagination.ts';

const entry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actor: z.string().nullable(),
  actorName: z.string().nullable().describe("the account's display name, as people read it"),
  action: z.string(),
  actionWords: z.string(),
  entity: z.string(),
  entityWords: z.string(),
  entityId: z.string().nullable(),
  subject: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});

/** Display names of accounts by id: the accounts module owns them, so the app hands this lookup in. */
export type AccountNames = (ids: string[]) => Promise<Map<string, string>>;

export async function auditRoutes(app: ZodApp, ctx: AppContext, names: AccountNames): Promise<void> {
  app.get(
    '/api/v1/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['platform'],
        summary: 'The audit log, newest first: who did what to which record, and why a personal-data read was made',
        querystring: z.object({
          actor: z.string().trim().min(1).max(100).optional().describe("An account's user name"),
          action: z.string().trim().min(1).max(100).optional().describe('An action code, e.g. personal.read'),
          subject: z.string().trim().min(1).max(100).optional().describe("The record's id"),
          from: isoDateTime.optional(),
          to: isoDateTime.optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(entry) },
      },
    },
    async (req) => {
      const page = await listAudit(ctx.db, req.query, localeOf(req));
      const named = await names([...new Set(page.items.flatMap((e) => (e.actorId ? [e.actorId] : [])))]);
      return { ...page, items: page.items.map((e) => ({ ...e, actorName: (e.actorId && named.get(e.actorId)) || null })) };
    },
  );
}
