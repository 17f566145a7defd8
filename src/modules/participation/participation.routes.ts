import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isoDateTime } from '../../platform/http/fields.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { localized } from '../../platform/http/locale.ts';
import { badRequest } from '../../platform/http/problem.ts';
import { ruleName } from '../../platform/policy.messages.ts';
import { participationMessages as pm } from './messages.ts';
import * as ballots from './ballots.service.ts';
import { checkAnchor, checkReceipt } from './receipts.ts';
import { ballotKinds, revotePolicies, voteChoices } from './schema.ts';
import * as votes from './votes.service.ts';

const tags = ['participation'];

/** A sealed tally as answered: its rule named in the reader's language (the seal keeps the key only). */
function named<T extends { rule: { key: string } }>(req: FastifyRequest, r: T): T & { rule: { name: string } } {
  return { ...r, rule: { ...r.rule, name: localized(req, ruleName(r.rule.key)) } };
}
const id = z.object({ id: z.string().uuid() });
const choice = z.enum(voteChoices);
const rule = z.object({
  key: z.string(),
  numerator: z.number().int(),
  denominator: z.number().int(),
  version: z.string(),
  name: z.string().describe("The rule's name in the reader's language"),
});
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
const voteAnswer = z.object({
  receipt: z.string().nullable(),
  status: z.enum(['counted', 'pending_second_keying', 'mismatch']),
  // A counted vote's receipt: the household's position, the head after its vote and that head's signature.
  position: z.number().int().optional(),
  head: z.string().optional(),
  signature: z.string().optional(),
  keyId: z.string().optional(),
  // A paper keying: the sheet and household it recorded, so the worker can confirm what was keyed.
  sheetNo: z.string().optional(),
  household: z.object({ compound: z.string(), building: z.string(), unit: z.string(), room: z.string() }).optional(),
});
const receiptCode = z.string().regex(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/, 'a receipt: XXXX-XXXX-XXXX');
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits');
/** What a holder kept (a receipt's head and signature, or the notice's), to compare with the chain and the log. */
const heldHead = (what: string) =>
  z.object({
    head: hex64.optional().describe(what),
    signature: z
      .string()
      .regex(/^[\w-]{86}$/, 'a base64url Ed25519 signature')
      .optional(),
  });
const anchorStatus = z.object({
  status: z.enum(['matched', 'mismatch', 'missing', 'none']),
  position: z.number().int().optional(),
  head: z.string().optional(),
  signature: z.string().optional(),
  at: z.string().optional(),
  lineHash: z.string().optional(),
});
const anchorLine = z.object({
  position: z.number().int(),
  head: z.string(),
  signature: z.string(),
  keyId: z.string(),
  at: z.string(),
  lineHash: z.string(),
});
const reasons = z
  .array(z.string())
  .describe(
    'chain_broken, head_mismatch, electorate_mismatch, tally_mismatch, signature_forged, anchor_mismatch, anchor_missing; ' +
      'unanchored (a ballot from before signing: its hash chain alone is checked) does not fail it',
  );

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

const ballotListItem = ballotSummary.extend({
  counted: z.number().int().describe('Households with a counted vote (the turnout; once closed, as sealed in the result)'),
  pendingSecondKeying: z.number().int().describe('Paper sheets keyed once, waiting for a second keying (open ballots)'),
  result: closed.nullable().describe('The sealed tally with the rule it was judged by, once closed'),
});

export async function participationRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/projects/:id/ballots',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: "A project's ballots: turnout and sheets waiting for a second keying; the result once closed (never a choice)",
        params: id,
        response: { 200: z.object({ items: z.array(ballotListItem) }) },
      },
    },
    async (req) => ({
      items: (await ballots.listBallots(ctx, userOf(req), req.params.id)).map((b) => ({ ...b, result: b.result && named(req, b.result) })),
    }),
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
          closesAt: isoDateTime,
          // Omitted: the policy rule consent.revote.default decides.
          revote: z.enum(revotePolicies).optional(),
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
                compound: z.string(),
                building: z.string(),
                unit: z.string(),
                room: z.string(),
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
    async (req) => named(req, await ballots.closeBallot(ctx, userOf(req), actorOf(req), req.params.id)),
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
    async (req) => {
      const tally = await ballots.tally(ctx, userOf(req), req.params.id);
      return tally.status === 'closed' ? named(req, tally) : tally;
    },
  );

  app.get(
    '/api/v1/ballots/:id/verification',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary:
          'Recompute the hash chain, check every signed head against the public key and the close against the anchor log, ' +
          'the electorate hash and (once closed) the tally; names the first broken link and the first forged signature',
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
            keyId: z.string(),
            signedLinks: z.number().int(),
            forgedAt: z.number().int().optional().describe('the first position whose signature is missing or does not check'),
            anchor: anchorStatus,
            composition: z
              .object({
                open: z.number().int(),
                votes: z.number().int().describe('vote links: every vote as cast, changed votes included'),
                households: z.number().int().describe('households whose votes those are (each counts its latest)'),
                paperMismatches: z.number().int(),
                reconciles: z.number().int(),
                close: z.number().int(),
              })
              .describe('length = open + votes + paperMismatches + reconciles + close'),
            reasons,
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
            // The close as the anchor log outside the database keeps it, for the public notice (公示) and its QR code.
            anchor: anchorLine.nullable(),
            items: z.array(z.object({ receipt: z.string(), channel: z.string(), at: z.string() })),
          }),
        },
      },
    },
    async (req) => ballots.receipts(ctx, userOf(req), req.params.id),
  );

  app.get(
    '/api/v1/ballots/signing-key',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'The public key that checks every signed ballot head, and what exactly is signed',
        response: {
          200: z.object({
            algorithm: z.literal('Ed25519'),
            keyId: z.string(),
            publicKeyPem: z.string(),
            publicKeyRaw: z.string().describe('the 32-byte public key, base64url'),
            signedMessage: z.string(),
          }),
        },
      },
    },
    async () => {
      const k = ctx.signingKey;
      return {
        algorithm: k.algorithm,
        keyId: k.keyId,
        publicKeyPem: k.publicKeyPem,
        publicKeyRaw: k.publicKeyRaw,
        signedMessage: 'UTF-8 of "renova/ballot-head/v1\\n{ballotId}\\n{position}\\n{head hex}"; signatures are base64url',
      };
    },
  );

  app.get(
    '/api/v1/ballots/:id/receipts/:receipt',
    {
      // The receipt code is the bearer's proof (a paper voter has no account); the answer is about that receipt alone.
      config: { permission: 'public' },
      schema: {
        tags,
        summary:
          "Check a receipt: the household's position, the head after its vote and its signature, against the key, the chain and the anchor log",
        params: z.object({ id: z.string().uuid(), receipt: receiptCode }),
        querystring: heldHead('the head the voter kept from the moment of voting'),
        response: {
          200: z.object({
            ballotId: z.string(),
            receipt: z.string(),
            ballotStatus: z.enum(['open', 'closed']),
            position: z.number().int(),
            head: z.string(),
            signature: z.string().nullable(),
            keyId: z.string().nullable(),
            counted: z.boolean(),
            castAt: z.string(),
            signatureOk: z.boolean(),
            ballotOk: z.boolean(),
            forgedAt: z.number().int().optional(),
            anchoredHead: z.string().nullable(),
            valid: z.boolean(),
            reasons,
          }),
        },
      },
    },
    async (req) => checkReceipt(ctx, req.params.id, req.params.receipt, req.query),
  );
  app.get(
    '/api/v1/ballots/:id/anchor',
    {
      // What the public notice (公示) prints and its QR code links to: public as the notice is.
      config: { permission: 'public' },
      schema: {
        tags,
        summary: "A closed ballot's head as the anchor log outside the database keeps it, checked against the key and the stored chain",
        params: id,
        querystring: heldHead('the head printed on the notice'),
        response: {
          200: z.object({
            ballotId: z.string(),
            title: z.string(),
            status: z.enum(['open', 'closed']),
            closedAt: z.string().nullable(),
            anchor: anchorLine.nullable(),
            signatureOk: z.boolean(),
            ballotOk: z.boolean(),
            forgedAt: z.number().int().optional(),
            valid: z.boolean(),
            reasons,
          }),
        },
      },
    },
    async (req) => checkAnchor(ctx, req.params.id, req.query),
  );
}
