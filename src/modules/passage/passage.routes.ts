// Passage over HTTP: a resident's access QR code and their visitor passes and vehicles on /m, a compound's public key
// for gates, and the property staff's side (visitors registered at the gate, the registered vehicles, the pushed lists).
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { accessKey, issueCredential, revokeMyCredentials } from './credentials.service.ts';
import { repushLists } from './lists.ts';
import { entryModes, visitorPassStatuses } from './schema.ts';
import { compoundVehicles, addVehicle, myVehicles, removeVehicle } from './vehicles.service.ts';
import * as visitors from './visitors.service.ts';

const tags = ['passage'];
const id = z.object({ id: z.string().uuid() });
const instant = z.iso.datetime({ offset: true });

const visitorPass = z.object({
  id: z.string(),
  compoundId: z.string(),
  householdId: z.string(),
  /** Masked (张*): the full name is personal data. */
  visitorName: z.string(),
  plate: z.string().nullable(),
  validFrom: z.string(),
  validUntil: z.string(),
  entry: z.enum(entryModes),
  status: z.enum(visitorPassStatuses),
  requestedBy: z.enum(['host', 'staff']),
  entries: z.number().int(),
  createdAt: z.string(),
});
const newPass = z.object({
  visitorName: z.string().trim().min(1).max(40),
  plate: z.string().max(16).optional(),
  validFrom: instant,
  validUntil: instant,
  entry: z.enum(entryModes),
});
const vehicle = z.object({
  id: z.string(),
  compoundId: z.string(),
  householdId: z.string(),
  plate: z.string(),
  kind: z.enum(['ordinary', 'new_energy']),
  createdAt: z.string(),
});
const pushedList = z.object({
  list: z.enum(['revocations', 'plates']),
  version: z.number().int(),
  entries: z.number().int(),
  devices: z.number().int(),
  published: z.boolean(),
});

export async function passageRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/access/credentials',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary:
          "A resident's access QR code for one of their compounds (the first home's when none is named), signed with the compound's key",
        body: z.object({ compoundId: z.string().uuid().optional() }).optional(),
        response: { 201: z.object({ qr: z.string(), expiresAt: z.string() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await issueCredential(ctx, { ...userOf(req), ip: req.ip }, req.body ?? {})),
  );
  app.post(
    '/api/v1/access/credentials/revocation',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Revoke every access code of mine still running (a lost phone): the gates are told',
        response: { 200: z.object({ revoked: z.number().int() }) },
      },
    },
    async (req) => revokeMyCredentials(ctx, { ...userOf(req), ip: req.ip }),
  );
  app.get(
    '/api/v1/compounds/:id/access-key',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: "The compound's Ed25519 public key (raw 32 bytes, base64url): gates verify access QR codes offline with it",
        params: id,
        response: { 200: z.object({ publicKey: z.string() }) },
      },
    },
    async (req) => accessKey(ctx, req.params.id),
  );

  app.get(
    '/api/v1/me/visitor-passes',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: "My households' visitor passes, newest first",
        response: { 200: z.object({ items: z.array(visitorPass) }) },
      },
    },
    async (req) => visitors.myVisitorPasses(ctx, userOf(req)),
  );
  app.post(
    '/api/v1/me/visitor-passes',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Invite a visitor: a pass for a window of time, single or multiple entry, approved by me as the host',
        body: newPass.extend({ householdId: z.string().uuid().optional(), compoundId: z.string().uuid().optional() }),
        response: { 201: visitorPass },
      },
    },
    async (req, reply) => reply.code(201).send(await visitors.inviteVisitor(ctx, { ...userOf(req), ip: req.ip }, req.body)),
  );
  app.post(
    '/api/v1/me/visitor-passes/:id/decision',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Approve or refuse a pass the property registered for my visitor',
        params: id,
        body: z.object({ decision: z.enum(['approved', 'refused']) }),
        response: { 200: visitorPass },
      },
    },
    async (req) => visitors.decideVisitorPass(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.body.decision),
  );
  app.post(
    '/api/v1/me/visitor-passes/:id/revocation',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'Revoke a visitor pass', params: id, response: { 200: visitorPass } },
    },
    async (req) => visitors.revokeVisitorPass(ctx, { ...userOf(req), ip: req.ip }, req.params.id),
  );
  app.get(
    '/api/v1/me/visitor-passes/:id/qr',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: "An approved pass's QR code to send the visitor: gates take it only inside its window",
        params: id,
        response: { 200: z.object({ qr: z.string(), validFrom: z.string(), expiresAt: z.string() }) },
      },
    },
    async (req) => visitors.visitorPassQr(ctx, userOf(req), req.params.id),
  );

  app.get(
    '/api/v1/me/vehicles',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: "My households' registered vehicles", response: { 200: z.object({ items: z.array(vehicle) }) } },
    },
    async (req) => myVehicles(ctx, userOf(req)),
  );
  app.post(
    '/api/v1/me/vehicles',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Register a vehicle of my household (a mainland plate: 7 characters, new-energy 8)',
        body: z.object({
          plate: z.string().min(1).max(16),
          householdId: z.string().uuid().optional(),
          compoundId: z.string().uuid().optional(),
        }),
        response: { 201: vehicle },
      },
    },
    async (req, reply) => reply.code(201).send(await addVehicle(ctx, { ...userOf(req), ip: req.ip }, req.body)),
  );
  app.post(
    '/api/v1/me/vehicles/:id/removal',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'Remove a registered vehicle', params: id, response: { 200: vehicle } },
    },
    async (req) => removeVehicle(ctx, { ...userOf(req), ip: req.ip }, req.params.id),
  );

  app.get(
    '/api/v1/compounds/:id/visitor-passes',
    {
      config: { permission: 'passage.manage' },
      schema: {
        tags,
        summary: "A compound's visitor passes, newest first (names masked)",
        params: id,
        querystring: z.object(pageQuery),
        response: { 200: pageSchema(visitorPass) },
      },
    },
    async (req) => visitors.compoundVisitorPasses(ctx, userOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/v1/visitor-passes/:id/revocation',
    {
      config: { permission: 'passage.manage' },
      schema: {
        tags,
        summary: 'The property’s staff revoke a visitor pass (pending or approved) of a compound in their scope',
        params: id,
        response: { 200: visitorPass },
      },
    },
    async (req) => visitors.staffRevokeVisitorPass(ctx, { ...userOf(req), ip: req.ip }, req.params.id),
  );
  app.post(
    '/api/v1/compounds/:id/visitor-passes',
    {
      config: { permission: 'passage.manage' },
      schema: {
        tags,
        summary: 'Register a visitor at the gate for a household: the pass waits for the host’s approval',
        params: id,
        body: newPass.extend({ householdId: z.string().uuid() }),
        response: { 201: visitorPass },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await visitors.registerVisitor(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.body)),
  );
  app.get(
    '/api/v1/compounds/:id/vehicles',
    {
      config: { permission: 'passage.manage' },
      schema: { tags, summary: "A compound's registered vehicles", params: id, response: { 200: z.object({ items: z.array(vehicle) }) } },
    },
    async (req) => compoundVehicles(ctx, userOf(req), req.params.id),
  );
  app.post(
    '/api/v1/compounds/:id/passage-lists/push',
    {
      config: { permission: 'passage.manage' },
      schema: {
        tags,
        summary: 'Push the revocation and plate lists to the compound’s gates and barriers again',
        params: id,
        response: { 200: z.object({ lists: z.array(pushedList) }) },
      },
    },
    async (req) => repushLists(ctx, userOf(req), req.params.id),
  );
}
