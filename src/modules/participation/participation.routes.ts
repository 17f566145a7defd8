import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { badRequest } from '../../platform/http/problem.ts';
import { participationMessages as pm } from './messages.ts';
import * as ballots from './ballots.service.ts';
import { ballotKinds, revotePolicies, voteChoices } from './schema.ts';
import * as votes from './votes.service.ts';

const tags = ['participation'];
const id = z.object({ id: z.string().uuid() });
const choice = z.enum(voteChoices);
const rule = z.object({ key: z.string(), numerator: z.number().int(), denominator: z.number().int(), version: z.string() });
const closed = z.object({
  status: z.literal('closed'),
  eligible: z.number().int(),
  agree: z.number().int(),
  disagree: z.number().int(),
  abstain: z.number().int(),
  notVoted: z.number().int(),
  passed: z.boolean(),
  rule,
});
const voteAnswer = z.object({ receipt: z.string().nullable(), status: z.enum(['counted', 'pending_second_keying', 'mismatch']) });

const ballotSummary = z.object({
  id: z.string(),
  projectId: z.string(),
  kind: z.enum(ballotKinds),
  title: z.string(),
  proposal: z.string().nullable(),
  status: z.string(),
  revote: z.enum(revotePolicies),
  eligible: z.number().int(),
  electorateHash: z.string(),
  closesAt: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  chainHead: z.string().nullable(),
});

export async function participationRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/projects/:id/ballots',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: "A project's ballots (no choices, no counts)",
        params: id,
        response: { 200: z.object({ items: z.array(ballotSummary) }) },
      },
    },
    async (req) => ({ items: await ballots.listBallots(ctx, userOf(req), req.params.id) }),
  );

  app.get(
    '/api/v1/ballots/:id',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'A ballot: its question, electorate hash and status (staff in scope, or residents of its electorate)',
        params: id,
        response: { 200: ballotSummary },
      },
    },
    async (req) => ballots.getBallot(ctx, userOf(req), req.params.id),
  );

  app.post(
    '/api/v1/projects/:id/ballots',
    {
      config: { permission: 'ballots.manage' },
      schema: {
        tags,
        summary: "Open a ballot: the project's households are frozen as its electorate, and the electorate's hash published",
        params: id,
        body: z.object({
          kind: z.enum(ballotKinds),
          title: z.string().trim().min(1).max(200),
          closesAt: z.string().datetime({ offset: true }),
          revote: z.enum(revotePolicies),
          proposal: z.string().trim().min(1).max(200).nullish(),
        }),
        response: { 201: z.object({ id: z.string(), electorateHash: z.string(), eligible: z.number().int() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await ballots.openBallot(ctx, userOf(req), actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/ballots/:id/votes',
    {
      // Residents vote online for their own household; paper and proxy are for `ballots.enter_paper`: checked per channel.
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Cast a vote (online by a verified resident) or key a paper sheet (twice, by two workers); needs an Idempotency-Key',
        params: id,
        body: z.object({
          householdId: z.string().uuid(),
          choice,
          channel: z.enum(['online', 'paper', 'proxy']),
          // Paper: the sheet (and its scan); proxy: the written mandate on file and the proxy holder.
          evidence: z
            .object({
              sheetNo: z.string().trim().min(1).max(40).optional(),
              scanRef: z.string().max(200).optional(),
              mandateRef: z.string().trim().min(1).max(200).optional(),
              proxyResidentId: z.string().uuid().optional(),
            })
            .optional(),
        }),
        response: { 201: voteAnswer },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || !/^[\w-]{8,100}$/.test(key)) {
        throw badRequest(pm.msg('request.idempotency_key_required'), [
          { path: 'headers.idempotency-key', message: pm.msg('field.missing_or_malformed') },
        ]);
      }
      const answer = await votes.castVote(ctx, userOf(req), actorOf(req), req.params.id, key, req.body);
      return reply.code(answer.statusCode as 201).send(answer.body);
    },
  );

  app.get(
    '/api/v1/ballots/:id/paper',
    {
      config: { permission: 'ballots.enter_paper' },
      schema: {
        tags,
        summary: 'Paper sheets by status (mismatch: keyed differently twice, to reconcile from the scan); never the choices keyed',
        params: id,
        querystring: z.object({ status: z.enum(['pending_second_keying', 'mismatch', 'counted', 'reconciled']).default('mismatch') }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                householdId: z.string(),
                sheetNo: z.string(),
                scanRefs: z.array(z.string()),
                keyings: z.number().int(),
                lastKeyedAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => votes.paperSheets(ctx, userOf(req), req.params.id, req.query.status),
  );

  app.post(
    '/api/v1/ballots/:id/paper/reconcile',
    {
      config: { permission: 'ballots.manage' },
      schema: {
        tags,
        summary: 'Reconcile a paper sheet whose two keyings differ, from its scan; the chosen keying then counts',
        params: id,
        body: z.object({ householdId: z.string().uuid(), sheetNo: z.string().trim().min(1).max(40), choice }),
        response: { 201: voteAnswer },
      },
    },
    async (req, reply) => reply.code(201).send(await votes.reconcilePaper(ctx, userOf(req), actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/ballots/:id/close',
    {
      config: { permission: 'ballots.manage' },
      schema: {
        tags,
        summary: 'Close the ballot: the tally, judged by the policy rule, and the chain head published',
        params: id,
        response: { 200: closed },
      },
    },
    async (req) => ballots.closeBallot(ctx, userOf(req), actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/ballots/:id/tally',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Turnout only while open; the full tally once closed',
        params: id,
        response: { 200: z.union([z.object({ status: z.literal('open'), turnout: z.number().int() }), closed]) },
      },
    },
    async (req) => ballots.tally(ctx, userOf(req), req.params.id),
  );

  app.get(
    '/api/v1/ballots/:id/verification',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Recompute the hash chain, the electorate hash and (once closed) the tally; names the first broken link',
        params: id,
        response: {
          200: z.object({
            ok: z.boolean(),
            brokenAt: z.number().int().optional(),
            chainHead: z.string().nullable(),
            publishedHead: z.string().nullable(),
            length: z.number().int(),
            electorateHash: z.string(),
            electorateOk: z.boolean(),
            tallyOk: z.boolean().optional(),
          }),
        },
      },
    },
    async (req) => ballots.verification(ctx, userOf(req), req.params.id),
  );

  app.get(
    '/api/v1/ballots/:id/receipts',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'The receipts published at close: receipt, channel and time, never a choice',
        params: id,
        response: {
          200: z.object({
            chainHead: z.string().nullable(),
            items: z.array(z.object({ receipt: z.string(), channel: z.string(), at: z.string() })),
          }),
        },
      },
    },
    async (req) => ballots.receipts(ctx, userOf(req), req.params.id),
  );
}
