import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { fileResponse, storedFileMediaType, type ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { readUpload, sendDownload } from '../../platform/http/uploads.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import * as governance from './governance.service.ts';
import { governanceDocumentKinds, managementModes } from './schema.ts';

const tags = ['governance'];
const id = z.object({ id: z.string().uuid() });
const company = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  districtCode: z.string(),
  qualification: z.string().nullable(),
  status: z.enum(['active', 'suspended']),
  registeredAt: z.string(),
});
const committee = z.object({
  name: z.string().trim().min(1).max(100),
  electedOn: z.iso.date(),
  members: z.number().int().min(1).max(99),
});
const document = z.object({
  id: z.string(),
  kind: z.enum(governanceDocumentKinds),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
const view = z.object({
  projectId: z.string(),
  partyOrganisation: z.string().nullable(),
  partyServiceStation: z.string().nullable(),
  ownersCommittee: committee.nullable(),
  propertyCompany: company.nullable(),
  managementMode: z.enum(managementModes).nullable(),
  managementModeBallotId: z.string().nullable(),
  managementModeAdoptedOn: z.string().nullable(),
  documents: z.array(document),
  gaps: z.array(z.string()),
  updatedAt: z.string().nullable(),
});
const name = z.string().trim().min(1).max(200);

export async function governanceRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/property-companies',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'The register of property companies, by name',
        querystring: z.object({
          q: z.string().trim().min(1).max(100).optional(),
          district: z
            .string()
            .regex(/^\d{6}$/, 'a 6-digit district code')
            .optional(),
          status: z.enum(['active', 'suspended']).optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(company) },
      },
    },
    async (req) => governance.listCompanies(ctx, req.query),
  );
  app.post(
    '/api/v1/property-companies',
    {
      config: { permission: 'companies.register' },
      schema: {
        tags,
        summary: 'Register a property company (its unified social credit code is checked)',
        body: z.object({
          name,
          creditCode: z.string().trim().length(18, '18 characters'),
          districtCode: z.string().regex(/^\d{6}$/, 'a 6-digit district code'),
          qualification: z.string().trim().max(100).nullish(),
        }),
        response: { 201: company },
      },
    },
    async (req, reply) => reply.code(201).send(await governance.registerCompany(ctx, userOf(req), actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/property-companies/:id',
    {
      config: { permission: 'companies.register' },
      schema: {
        tags,
        summary: 'Suspend a company in the register, or reinstate it',
        params: id,
        body: z.object({ status: z.enum(['active', 'suspended']) }),
        response: { 200: company },
      },
    },
    async (req) => governance.setCompanyStatus(ctx, userOf(req), actorOf(req), req.params.id, req.body.status),
  );

  app.get(
    '/api/v1/projects/:id/governance',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: "The compound's governance after renovation, and what it still lacks", params: id, response: { 200: view } },
    },
    async (req) => governance.getGovernance(ctx, userOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/projects/:id/governance',
    {
      config: { permission: 'governance.manage' },
      schema: {
        tags,
        summary: 'Record parts of the governance; the management mode is adopted from a passed management_mode ballot',
        params: id,
        body: z
          .object({
            partyOrganisation: name.nullish(),
            partyServiceStation: name.nullish(),
            ownersCommittee: committee.nullish(),
            propertyCompanyId: z.string().uuid().nullish(),
            managementModeBallotId: z.string().uuid().nullish(),
          })
          .strict(),
        response: { 200: view },
      },
    },
    async (req) => governance.updateGovernance(ctx, userOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/projects/:id/governance/documents',
    {
      config: { permission: 'governance.manage' },
      schema: {
        tags,
        summary: 'File a governance document (multipart fields kind, file: pdf, png, jpeg, docx or xlsx)',
        params: id,
        consumes: ['multipart/form-data'],
        response: { 201: document },
      },
    },
    async (req, reply) => {
      const upload = await readUpload(req, ctx.env.MAX_UPLOAD_MB * 2 ** 20, z.object({ kind: z.enum(governanceDocumentKinds) }), 'kind');
      return reply.code(201).send(await governance.uploadGovernanceDocument(ctx, userOf(req), actorOf(req), req.params.id, upload));
    },
  );
  app.get(
    '/api/v1/governance-documents/:id/content',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: "A governance document's file, as uploaded",
        params: id,
        response: { 200: fileResponse(storedFileMediaType, 'the file as uploaded, under its own media type') },
      },
    },
    async (req, reply) => {
      const { doc, body } = await governance.governanceDocumentContent(ctx, userOf(req), req.params.id);
      return sendDownload(reply, { ...doc, size: doc.sizeBytes }, body);
    },
  );
}
