import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { fileResponse, storedFileMediaType, type ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { readUpload, sendDownload } from '../../platform/http/uploads.ts';
import * as evaluation from './evaluation.service.ts';
import * as exemplary from './exemplary.service.ts';
import { institutionMembersRoutes } from './members.routes.ts';
import { engagementKinds, engagementStatuses, findingSeverities, institutionKinds, jurorKinds, subjectKinds } from './schema.ts';

const tags = ['evaluation'];
const id = z.object({ id: z.string().uuid() });
const division = z.string().regex(/^\d{6}(\d{3}){0,2}$/, 'a 6-, 9- or 12-digit division code');
const text = (max: number) => z.string().trim().min(1).max(max);

const institution = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string().nullable(),
  kind: z.enum(institutionKinds),
  createdAt: z.string(),
});
const engagement = z.object({
  id: z.string(),
  institution: z.object({ id: z.string(), name: z.string(), kind: z.enum(institutionKinds) }),
  kind: z.enum(engagementKinds),
  title: z.string(),
  subject: z.object({ kind: z.enum(subjectKinds), projectId: z.string().nullable(), division: z.string() }),
  periodFrom: z.string(),
  periodTo: z.string(),
  status: z.enum(engagementStatuses),
  createdAt: z.string(),
});
const report = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
const finding = z.object({
  id: z.string(),
  engagementId: z.string(),
  text: z.string(),
  severity: z.enum(findingSeverities),
  responsibleDivision: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'closed']),
  closingNote: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});
const engagementDetail = engagement.extend({ reports: z.array(report), findings: z.array(finding) });

const sheetItem = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
  name: text(50),
  maxPoints: z.number().int().min(1).max(1000),
});
const selection = z.object({
  id: z.string(),
  year: z.number().int(),
  title: z.string(),
  sheet: z.array(sheetItem),
  maxTotal: z.number().int(),
  status: z.enum(['open', 'awarded']),
  createdAt: z.string(),
});
const nomination = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string().nullable(),
  districtCode: z.string(),
  nominatedAt: z.string(),
});
const juror = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(jurorKinds),
  districtCode: z.string().nullable(),
  linkedUser: z.boolean(),
});
const award = z.object({
  id: z.string(),
  nominationId: z.string(),
  projectId: z.string(),
  rank: z.number().int(),
  amountFen: z.number().int(),
  awardedAt: z.string(),
});
const selectionDetail = selection.extend({ nominations: z.array(nomination), jurors: z.array(juror), awards: z.array(award) });
const mean = z.object({
  total: z.number().int(),
  count: z.number().int(),
  mean: z.string().nullable(),
  fraction: z.string().nullable(),
});

export async function evaluationRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  await institutionMembersRoutes(app, ctx);
  // ── Third-party evaluation ──
  app.get(
    '/api/v1/evaluation/institutions',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'Third-party institutions (evaluation agencies, consultancies, universities), by name',
        querystring: z.object({ q: z.string().trim().min(1).max(100).optional(), kind: z.enum(institutionKinds).optional(), ...pageQuery }),
        response: { 200: pageSchema(institution) },
      },
    },
    async (req) => evaluation.listInstitutions(ctx, req.query),
  );
  app.post(
    '/api/v1/evaluation/institutions',
    {
      config: { permission: 'evaluation.manage' },
      schema: {
        tags,
        summary: 'List a third-party institution (its unified social credit code, when given, is checked)',
        body: z.object({
          name: text(200),
          creditCode: z.string().trim().length(18, '18 characters').nullish(),
          kind: z.enum(institutionKinds),
        }),
        response: { 201: institution },
      },
    },
    async (req, reply) => reply.code(201).send(await evaluation.createInstitution(ctx, userOf(req), actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/evaluation/engagements',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'Engagements whose subject is in your scope, newest first',
        querystring: z.object({
          kind: z.enum(engagementKinds).optional(),
          status: z.enum(engagementStatuses).optional(),
          institutionId: z.string().uuid().optional(),
          projectId: z.string().uuid().optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(engagement) },
      },
    },
    async (req) => evaluation.listEngagements(ctx, userOf(req), req.query),
  );
  app.post(
    '/api/v1/evaluation/engagements',
    {
      config: { permission: 'evaluation.manage' },
      schema: {
        tags,
        summary: 'Engage an institution: a risk assessment of a major decision or a periodic performance evaluation',
        body: z.object({
          institutionId: z.string().uuid(),
          kind: z.enum(engagementKinds),
          title: text(200),
          subject: z.union([z.object({ projectId: z.string().uuid() }).strict(), z.object({ division }).strict()]),
          periodFrom: z.iso.date(),
          periodTo: z.iso.date(),
        }),
        response: { 201: engagement },
      },
    },
    async (req, reply) => reply.code(201).send(await evaluation.createEngagement(ctx, userOf(req), actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/evaluation/engagements/:id',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: 'An engagement with its reports and findings', params: id, response: { 200: engagementDetail } },
    },
    async (req) => evaluation.getEngagement(ctx, userOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/evaluation/engagements/:id',
    {
      config: { permission: 'evaluation.manage' },
      schema: {
        tags,
        summary: 'Move an engagement on: planned → ongoing → reported (reported needs a report on file)',
        params: id,
        body: z.object({ status: z.enum(engagementStatuses) }),
        response: { 200: engagementDetail },
      },
    },
    async (req) => evaluation.setEngagementStatus(ctx, userOf(req), actorOf(req), req.params.id, req.body.status),
  );
  app.post(
    '/api/v1/evaluation/engagements/:id/reports',
    {
      config: { permission: 'evaluation.manage' },
      schema: {
        tags,
        summary: "File the institution's report (multipart field file: pdf, png, jpeg, docx or xlsx)",
        params: id,
        consumes: ['multipart/form-data'],
        response: { 201: report },
      },
    },
    async (req, reply) => {
      const upload = await readUpload(req, ctx.env.MAX_UPLOAD_MB * 2 ** 20, z.object({}), 'file');
      return reply.code(201).send(await evaluation.uploadReport(ctx, userOf(req), actorOf(req), req.params.id, upload));
    },
  );
  app.get(
    '/api/v1/evaluation/reports/:id/content',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: "An evaluation report's file, as uploaded",
        params: id,
        response: { 200: fileResponse(storedFileMediaType, 'the file as uploaded, under its own media type') },
      },
    },
    async (req, reply) => {
      const { doc, body } = await evaluation.reportContent(ctx, userOf(req), req.params.id);
      return sendDownload(reply, { ...doc, size: doc.sizeBytes }, body);
    },
  );
  app.post(
    '/api/v1/evaluation/engagements/:id/findings',
    {
      config: { permission: 'evaluation.manage' },
      schema: {
        tags,
        summary: 'Record a finding, with the office responsible for it and when it is due',
        params: id,
        body: z.object({
          text: text(2000),
          severity: z.enum(findingSeverities),
          responsibleDivision: division,
          dueOn: z.iso.date(),
        }),
        response: { 201: finding },
      },
    },
    async (req, reply) => reply.code(201).send(await evaluation.addFinding(ctx, userOf(req), actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/evaluation/findings',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'Findings whose responsible office is in your scope, soonest due first',
        querystring: z.object({ status: z.enum(['open', 'closed']).optional(), office: division.optional(), ...pageQuery }),
        response: { 200: pageSchema(finding) },
      },
    },
    async (req) => evaluation.listFindings(ctx, userOf(req), req.query),
  );
  app.post(
    '/api/v1/evaluation/findings/:id/close',
    {
      config: { permission: 'findings.close' },
      schema: {
        tags,
        summary: 'Close a finding with a note (the responsible office only)',
        params: id,
        body: z.object({ note: text(2000) }),
        response: { 200: finding },
      },
    },
    async (req) => evaluation.closeFinding(ctx, userOf(req), actorOf(req), req.params.id, req.body.note),
  );

  // ── Exemplary cases ──
  app.get(
    '/api/v1/evaluation/selections',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'Yearly selections of exemplary cases, newest first',
        querystring: z.object(pageQuery),
        response: { 200: pageSchema(selection) },
      },
    },
    async (req) => exemplary.listSelections(ctx, req.query),
  );
  app.post(
    '/api/v1/evaluation/selections',
    {
      config: { permission: 'evaluation.manage' },
      schema: {
        tags,
        summary: "Open a year's selection with its published scoring sheet (default: 改造成效 30, 居民参与 25, 长效治理 25, 创新特色 20)",
        body: z.object({ year: z.number().int().min(2000).max(2100), title: text(200), sheet: z.array(sheetItem).max(20).nullish() }),
        response: { 201: selection },
      },
    },
    async (req, reply) => reply.code(201).send(await exemplary.createSelection(ctx, userOf(req), actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/evaluation/selections/:id',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'A selection with its sheet, nominations, jurors and awards',
        params: id,
        response: { 200: selectionDetail },
      },
    },
    async (req) => exemplary.getSelection(ctx, req.params.id),
  );
  app.post(
    '/api/v1/evaluation/selections/:id/nominations',
    {
      config: { permission: 'evaluation.manage' },
      schema: {
        tags,
        summary: 'Nominate a project in your scope (its district nominates it; once per project and year)',
        params: id,
        body: z.object({ projectId: z.string().uuid() }),
        response: { 201: nomination },
      },
    },
    async (req, reply) => reply.code(201).send(await exemplary.nominate(ctx, userOf(req), actorOf(req), req.params.id, req.body.projectId)),
  );
  app.post(
    '/api/v1/evaluation/selections/:id/jurors',
    {
      config: { permission: 'evaluation.manage' },
      schema: {
        tags,
        summary: 'Add a juror: an expert, NPC deputy, CPPCC member or resident representative, with their district',
        params: id,
        body: z.object({
          name: text(100),
          kind: z.enum(jurorKinds),
          districtCode: z
            .string()
            .regex(/^\d{6}$/, 'a 6-digit district code')
            .nullable(),
          username: z.string().trim().min(1).max(100).nullish(),
        }),
        response: { 201: juror },
      },
    },
    async (req, reply) => reply.code(201).send(await exemplary.addJuror(ctx, userOf(req), actorOf(req), req.params.id, req.body)),
  );
  app.put(
    '/api/v1/evaluation/nominations/:id/scores/:jurorId',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: "A juror's scores of a case, one whole number per sheet item (the juror, or city-level staff with evaluation.manage)",
        params: z.object({ id: z.string().uuid(), jurorId: z.string().uuid() }),
        body: z.object({ points: z.record(z.string(), z.number()) }),
        response: {
          200: z.object({
            nominationId: z.string(),
            jurorId: z.string(),
            points: z.record(z.string(), z.number().int()),
            total: z.number().int(),
          }),
        },
      },
    },
    async (req) => exemplary.scoreNomination(ctx, userOf(req), actorOf(req), req.params.id, req.params.jurorId, req.body.points),
  );
  app.get(
    '/api/v1/evaluation/selections/:id/ranking',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'The ranking: exact mean totals per juror kind and overall; ties go to the earlier nomination',
        params: id,
        response: {
          200: z.object({
            selectionId: z.string(),
            year: z.number().int(),
            maxTotal: z.number().int(),
            items: z.array(nomination.extend({ rank: z.number().int(), overall: mean, byKind: z.record(z.enum(jurorKinds), mean) })),
          }),
        },
      },
    },
    async (req) => exemplary.ranking(ctx, req.params.id),
  );
  app.get(
    '/api/v1/evaluation/selections/:id/conflicts',
    {
      config: { permission: 'evaluation.manage' },
      schema: {
        tags,
        summary: 'Refused attempts to score a case from the juror’s own district',
        params: id,
        querystring: z.object(pageQuery),
        response: {
          200: pageSchema(
            z.object({ id: z.string(), nominationId: z.string(), jurorId: z.string(), districtCode: z.string(), attemptedAt: z.string() }),
          ),
        },
      },
    },
    async (req) => exemplary.listConflicts(ctx, req.params.id, req.query),
  );
  app.post(
    '/api/v1/evaluation/selections/:id/awards',
    {
      config: { permission: 'evaluation.manage' },
      schema: {
        tags,
        summary: 'Award the top N of the ranking, each amountFen, and close the selection',
        params: id,
        body: z.object({ top: z.number().int().min(1).max(100), amountFen: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
        response: { 200: selectionDetail },
      },
    },
    async (req) => exemplary.award(ctx, userOf(req), actorOf(req), req.params.id, req.body.top, req.body.amountFen),
  );
  app.get(
    '/api/v1/evaluation/awards',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: "A project's exemplary-case awards",
        querystring: z.object({ projectId: z.string().uuid() }),
        response: { 200: z.object({ items: z.array(award.extend({ year: z.number().int() })) }) },
      },
    },
    async (req) => exemplary.projectAwards(ctx, userOf(req), req.query.projectId),
  );
}
