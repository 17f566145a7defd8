import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { badRequest, Problem } from '../../platform/http/problem.ts';
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

/** The text fields and the one file of a multipart upload, in whatever order they come. */
async function readUpload(req: FastifyRequest, maxBytes: number) {
  if (!req.isMultipart())
    throw badRequest('Send the document as multipart/form-data with the fields step, materialType and file.', [
      { path: 'body.file', message: 'required' },
    ]);
  const fields: Record<string, string> = {};
  let file: { filename: string; mimetype: string; data: Buffer } | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
      if (part.type === 'field') fields[part.fieldname] = String(part.value);
      else if (part.fieldname === 'file') file = { filename: part.filename, mimetype: part.mimetype, data: await part.toBuffer() };
      else await part.toBuffer(); // an unknown file field is read past, then refused below
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new Problem(413, 'Content Too Large', `The file is larger than ${maxBytes / 2 ** 20} MB.`, {
        errors: [{ path: 'body.file', message: `larger than ${maxBytes} bytes` }],
      });
    throw err;
  }
  if (!file) throw badRequest('Send the document in the field "file".', [{ path: 'body.file', message: 'required' }]);
  const parsed = documentFields.safeParse(fields);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message }));
    throw badRequest(`The form is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);
  }
  return { ...parsed.data, ...file };
}

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
          date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
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
      const upload = await readUpload(req, ctx.env.MAX_UPLOAD_MB * 2 ** 20);
      return reply.code(201).send(await approvals.uploadDocument(ctx, userOf(req), actorOf(req), req.params.id, upload));
    },
  );

  app.get(
    '/api/v1/documents/:id/content',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: "A document's file, as uploaded", params: id },
    },
    async (req, reply) => {
      const { doc, body } = await approvals.documentContent(ctx, userOf(req), req.params.id);
      const ascii = doc.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return reply
        .type(doc.contentType)
        .header('content-length', doc.size)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
        .send(body);
    },
  );
}
