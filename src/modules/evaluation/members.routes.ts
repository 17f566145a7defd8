// The accounts that work for an institution: listed by anyone who manages
// evaluation, set by the city's account administrator.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { noContent, type ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import * as members from './members.service.ts';

const tags = ['evaluation'];
const id = z.object({ id: z.string().uuid() });
const member = z.object({ userId: z.string(), username: z.string(), displayName: z.string(), addedAt: z.string() });

export async function institutionMembersRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/evaluation/institutions/:id/members',
    {
      config: { permission: 'evaluation.manage' },
      schema: {
        tags,
        summary: "The institution's evaluator accounts (each answers this institution's sample surveys only)",
        params: id,
        response: { 200: z.object({ items: z.array(member) }) },
      },
    },
    async (req) => members.listMembers(ctx, req.params.id),
  );
  app.post(
    '/api/v1/evaluation/institutions/:id/members',
    {
      config: { permission: 'accounts.manage' },
      schema: {
        tags,
        summary: 'Make an evaluator account a member of the institution (it leaves any other: one institution per account)',
        params: id,
        body: z.object({ username: z.string().trim().min(1).max(64) }),
        response: { 201: member },
      },
    },
    async (req, reply) => reply.code(201).send(await members.addMember(ctx, userOf(req), actorOf(req), req.params.id, req.body.username)),
  );
  app.delete(
    '/api/v1/evaluation/institutions/:id/members/:userId',
    {
      config: { permission: 'accounts.manage' },
      schema: {
        tags,
        summary: 'Take an account out of the institution',
        params: z.object({ id: z.string().uuid(), userId: z.string().uuid() }),
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await members.removeMember(ctx, actorOf(req), req.params.id, req.params.userId);
      return reply.code(204).send();
    },
  );
}
