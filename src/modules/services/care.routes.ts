// Care profiles of older residents (thin routes). Lists and reads are masked; the full read is its own route,
// with `personal.read`, and audited (Acceptance 5).
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { isoDate } from '../../platform/http/fields.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { accessReasonQuery } from '../../platform/access-reason.ts';
import type { Caller } from './access.ts';
import * as care from './care.service.ts';
import { careProfileFull, careProfileMasked } from './schemas.ts';
import { genders } from './schema.ts';

const tags = ['services: care profiles'];
const id = z.object({ id: z.uuid() });
const callerOf = (req: FastifyRequest): Caller => ({ ...userOf(req), ip: req.ip });
const code = z.string().trim().min(1).max(60);

const profileBody = z
  .object({
    name: z.string().trim().min(1).max(50),
    phone: z.string().trim().nullish(),
    birthDate: isoDate,
    gender: z.enum(genders),
    compoundId: z.uuid(),
    householdId: z.uuid().nullish(),
    residentId: z.uuid().nullish(),
    livingAlone: z.boolean(),
    careLevel: code,
    needs: z.array(code).max(20),
    carerGender: z.enum(genders).nullish(),
    dialect: code.nullish(),
    notes: z.string().trim().max(2000).nullish(),
  })
  .strict();

export async function careRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/services/care-profiles',
    {
      config: { permission: 'care.manage' },
      schema: {
        tags,
        summary: "Keep an older resident's care profile (personal data sealed; the answer is masked)",
        body: profileBody,
        response: { 201: careProfileMasked },
      },
    },
    async (req, reply) => reply.code(201).send(await care.createCareProfile(ctx, callerOf(req), req.body)),
  );
  app.get(
    '/api/v1/services/care-profiles',
    {
      config: { permission: 'care.read' },
      schema: {
        tags,
        summary: 'Care profiles in scope, masked (name, phone; an age band instead of the birth date)',
        querystring: z.object({ compoundId: z.uuid().optional(), ...pageQuery }),
        response: { 200: pageSchema(careProfileMasked) },
      },
    },
    async (req) => care.listCareProfiles(ctx, callerOf(req), req.query),
  );
  app.get(
    '/api/v1/services/care-profiles/:id',
    {
      config: { permission: 'care.read' },
      schema: { tags, summary: 'One care profile, masked', params: id, response: { 200: careProfileMasked } },
    },
    async (req) => care.getCareProfile(ctx, callerOf(req), req.params.id),
  );
  app.get(
    '/api/v1/services/care-profiles/:id/personal',
    {
      config: { permission: 'personal.read' },
      schema: {
        tags,
        summary: 'One care profile in full: name, phone, birth date, notes, address, family (every read is audited with its reason)',
        params: id,
        querystring: accessReasonQuery,
        response: { 200: careProfileFull },
      },
    },
    async (req) => care.readCareProfilePersonal(ctx, callerOf(req), req.params.id, req.query.reason),
  );
  app.put(
    '/api/v1/services/care-profiles/:id',
    {
      config: { permission: 'care.manage' },
      schema: { tags, summary: 'Change a care profile (all of it)', params: id, body: profileBody, response: { 200: careProfileMasked } },
    },
    async (req) => care.updateCareProfile(ctx, callerOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/services/care-profiles/:id/family',
    {
      config: { permission: 'care.manage' },
      schema: {
        tags,
        summary: 'Link a family member (a resident, found by their mobile number or resident id) who may order for the elder',
        params: id,
        body: z
          .object({
            phone: z.string().trim().optional(),
            residentId: z.uuid().optional(),
            relation: z.enum(['daughter', 'son', 'spouse', 'grandchild', 'relative', 'other']),
          })
          .strict(),
        response: { 201: z.object({ profileId: z.string(), residentId: z.string(), relation: z.string() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await care.linkFamily(ctx, callerOf(req), req.params.id, req.body)),
  );
}
