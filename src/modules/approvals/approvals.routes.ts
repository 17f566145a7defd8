import { z } from 'zod';
import { isoDate } from '../../platform/http/fields.ts';
import type { AppContext } from '../../platform/context.ts';
import { fileResponse, storedFileMediaType, type ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { readUpload, sendDownload } from '../../platform/http/uploads.ts';
import * as approvals from './approvals.service.ts';
import { departments, materialCodes, stepCodes } from './steps.ts';

const tags = ['approvals'];
const id = z.object({ id: z.string().uuid() });
const step = z.enum(stepCodes);
const material = z.enum(materialCodes);
const department = z.enum(departments);
const decision = z.object({
  step,
  simplified: z.boolean(),
  minute: z.string().nullable(),
  requiredMaterials: z.array(material).nullable(),
});
const consultation = z.object({
  id: z.string(),
  date: z.string(),
  leadDepartment: z.string(),
  departments: z.array(z.string()),
  minutes: z.string().nullable(),
  decisions: z.array(decision),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
const document = z.object({
  id: z.string(),
  step,
  materialType: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});
const approvalsView = z.object({
  steps: z.array(
    z.object({
      code: step,
      nameZh: z.string(),
      nameEn: z.string(),
      status: z.enum(['pending', 'done', 'simplified']),
      requiredMaterials: z.array(z.object({ type: material, nameZh: z.string(), nameEn: z.string(), present: z.boolean() })),
      simplifiedBy: z.object({ consultationId: z.string(), minute: z.string() }).nullable(),
      satisfied: z.boolean(),
    }),
  ),
  consultations: z.array(consultation),
  documents: z.array(document),
});
const documentFields = z.object({ step, materialType: material });

export async function approvalsRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/projects/:id/approvals',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'The approval checklist, the joint consultations and the documents filed',
        params: id,
        response: { 200: approvalsView },
      },
    },
    async (req) => approvals.getApprovals(ctx, userOf(req), req.params.id),
  );

  app.post(
    '/api/v1/projects/:id/consultations',
    {
      config: { permission: 'projects.write' },
      schema: {
        tags,
        summary: 'Record a joint consultation (联合会商): its minutes decide which steps are simplified and which materials each needs',
        params: id,
        body: z.object({
          date: isoDate,
          leadDepartment: department,
          departments: z.array(department).min(1).max(departments.length),
          minutes: z.string().max(50_000).nullish(),
          decisions: z
            .array(
              z.object({
                step,
                simplified: z.boolean().default(false),
                minute: z.string().max(2000).nullish(),
                requiredMaterials: z
                  .array(material)
                  .max(materialCodes.length)
                  .refine((m) => new Set(m).size === m.length, 'repeats a material')
                  .nullish(),
              }),
            )
            .max(stepCodes.length)
            .default([]),
        }),
        response: { 201: consultation },
      },
    },
    async (req, reply) => reply.code(201).send(await approvals.recordConsultation(ctx, userOf(req), actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/projects/:id/approvals/:step',
    {
      config: { permission: 'projects.write' },
      schema: {
        tags,
        summary: 'Set a step pending, done (its materials filed) or simplified (citing a consultation whose minutes allow it)',
        params: id.extend({ step }),
        body: z.object({ status: z.enum(['pending', 'done', 'simplified']), consultationId: z.string().uuid().nullish() }),
        response: { 200: approvalsView },
      },
    },
    async (req) => approvals.setStepStatus(ctx, userOf(req), actorOf(req), req.params.id, req.params.step, req.body),
  );

  app.post(
    '/api/v1/projects/:id/documents',
    {
      config: { permission: 'projects.write' },
      schema: {
        tags,
        summary: 'File a document (multipart fields step, materialType, file: pdf, png, jpeg, docx or xlsx)',
        params: id,
        consumes: ['multipart/form-data'],
        response: { 201: document },
      },
    },
    async (req, reply) => {
      const upload = await readUpload(req, ctx.env.MAX_UPLOAD_MB * 2 ** 20, documentFields, 'step, materialType');
      return reply.code(201).send(await approvals.uploadDocument(ctx, userOf(req), actorOf(req), req.params.id, upload));
    },
  );

  app.get(
    '/api/v1/documents/:id/content',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: "A document's file, as uploaded",
        params: id,
        response: { 200: fileResponse(storedFileMediaType, 'the file as uploaded, under its own media type') },
      },
    },
    async (req, reply) => {
      const { doc, body } = await approvals.documentContent(ctx, userOf(req), req.params.id);
      return sendDownload(reply, doc, body);
    },
  );
}
