// Approvals (R5): joint consultations whose minutes simplify steps and fix
// materials, the checklist of the basic construction procedure, the documents
// filed against it, and the gates of `consulted` and `approved`.
import { and, asc, eq } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { fileStore, keepUpload } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { conflict, notFound, unprocessable, type FieldError } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { projectFacts, registerGate, stages, type Stage } from '../projects/index.ts';
import {
  buildChecklist,
  hasMinutes,
  materialsOf,
  requiredMaterials,
  simplification,
  unmetSteps,
  type ConsultationFacts,
  type Decision,
} from './checklist.ts';
import { consultations, documents, stepStatuses } from './schema.ts';
import { steps, type Department, type Material, type StepCode } from './steps.ts';

const maxBytes = (ctx: AppContext) => ctx.env.MAX_UPLOAD_MB * 2 ** 20;

async function loadConsultations(ctx: AppContext, projectId: string) {
  return ctx.db
    .select()
    .from(consultations)
    .where(eq(consultations.projectId, projectId))
    .orderBy(asc(consultations.heldOn), asc(consultations.createdAt));
}

async function loadChecklist(ctx: AppContext, projectId: string) {
  const [meetings, records, docs] = await Promise.all([
    loadConsultations(ctx, projectId),
    ctx.db.select().from(stepStatuses).where(eq(stepStatuses.projectId, projectId)),
    ctx.db.select().from(documents).where(eq(documents.projectId, projectId)).orderBy(asc(documents.uploadedAt)),
  ]);
  const present = new Map<StepCode, Set<string>>();
  for (const d of docs) present.set(d.step, (present.get(d.step) ?? new Set()).add(d.materialType));
  return { meetings, docs, present, checklist: buildChecklist(records, meetings, present) };
}

const consultationView = (c: typeof consultations.$inferSelect) => ({
  id: c.id,
  date: c.heldOn,
  leadDepartment: c.leadDepartment,
  departments: c.departments,
  minutes: c.minutes,
  decisions: c.decisions,
  recordedBy: c.createdByUsername,
  recordedAt: c.createdAt.toISOString(),
});

const documentView = (d: typeof documents.$inferSelect) => ({
  id: d.id,
  step: d.step,
  materialType: d.materialType,
  filename: d.filename,
  contentType: d.contentType,
  size: d.sizeBytes,
  sha256: d.sha256,
  uploadedBy: d.uploadedByUsername,
  uploadedAt: d.uploadedAt.toISOString(),
});

export async function getApprovals(ctx: AppContext, user: AuthUser, projectId: string) {
  await projectFacts(ctx, user, projectId);
  const { meetings, docs, checklist } = await loadChecklist(ctx, projectId);
  return { steps: checklist, consultations: meetings.map(consultationView), documents: docs.map(documentView) };
}

export interface NewConsultation {
  date: string;
  leadDepartment: Department;
  departments: Department[];
  minutes?: string | null;
  decisions: { step: StepCode; simplified: boolean; minute?: string | null; requiredMaterials?: Material[] | null }[];
}

function validateConsultation(input: NewConsultation): { decisions: Decision[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const minutes = input.minutes?.trim() ?? '';
  if (!input.departments.includes(input.leadDepartment))
    errors.push({ path: 'body.leadDepartment', message: 'the lead department must be among the departments present' });
  if (input.decisions.length && !minutes)
    errors.push({ path: 'body.minutes', message: 'decisions are made by the minutes: record the minutes with them' });
  const seen = new Set<StepCode>();
  const decisions = input.decisions.map((d, i): Decision => {
    if (seen.has(d.step)) errors.push({ path: `body.decisions.${i}.step`, message: `repeats ${d.step}` });
    seen.add(d.step);
    const minute = d.minute?.trim() || null;
    // The minute is quoted from the minutes, so a simplification always points at what the meeting wrote.
    if (d.simplified && !minute)
      errors.push({ path: `body.decisions.${i}.minute`, message: 'quote the item of the minutes that allows it' });
    else if (minute && minutes && !minutes.includes(minute))
      errors.push({ path: `body.decisions.${i}.minute`, message: 'is not a quotation of the minutes' });
    if (!d.simplified && !d.requiredMaterials?.length)
      errors.push({ path: `body.decisions.${i}`, message: 'decides nothing: simplify the step or name its materials' });
    return { step: d.step, simplified: d.simplified, minute, requiredMaterials: d.requiredMaterials?.length ? d.requiredMaterials : null };
  });
  return { decisions, errors };
}

export async function recordConsultation(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  projectId: string,
  input: NewConsultation,
) {
  await projectFacts(ctx, user, projectId);
  const { decisions, errors } = validateConsultation(input);
  if (errors.length) throw unprocessable('The consultation is not valid.', errors);
  const id = uuidv7();
  const [row] = await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(consultations)
      .values({
        id,
        projectId,
        heldOn: input.date,
        leadDepartment: input.leadDepartment,
        departments: [...new Set(input.departments)],
        minutes: input.minutes?.trim() || null,
        decisions,
        createdBy: user.id,
        createdByUsername: user.username,
      })
      .returning();
    await audit(tx, actor, 'approvals.consultation', 'project', projectId, { consultationId: id, decisions: decisions.length });
    return inserted;
  });
  return consultationView(row!);
}

/** The checklist is closed once the project is approved: what the gate accepted stays as it was. */
function assertOpen(stage: Stage) {
  if (stages.indexOf(stage) >= stages.indexOf('approved')) throw conflict(`The project is ${stage}: its approval checklist is closed.`);
}

export async function setStepStatus(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  projectId: string,
  step: StepCode,
  input: { status: 'pending' | 'done' | 'simplified'; consultationId?: string | null },
) {
  const facts = await projectFacts(ctx, user, projectId);
  assertOpen(facts.stage);
  const { meetings, present } = await loadChecklist(ctx, projectId);
  let consultationId: string | null = null;
  if (input.status === 'simplified') {
    if (!input.consultationId)
      throw unprocessable(`A step is simplified only by a consultation minute that allows it.`, [
        { path: 'body.consultationId', message: 'required to simplify a step' },
      ]);
    const meeting = meetings.find((c) => c.id === input.consultationId);
    if (!meeting)
      throw unprocessable(`Consultation ${input.consultationId} is not one of this project's.`, [
        { path: 'body.consultationId', message: 'not a consultation of this project' },
      ]);
    if (!simplification(step, meeting))
      throw conflict(`The minutes of the consultation of ${meeting.heldOn} do not simplify ${step} (${steps[step].zh}).`, {
        errors: [{ path: 'body.consultationId', message: `its minutes do not allow simplifying ${step}` }],
      });
    consultationId = meeting.id;
  } else if (input.consultationId) {
    throw unprocessable('Only a simplified step cites a consultation.', [
      { path: 'body.consultationId', message: `not used when ${input.status}` },
    ]);
  }
  if (input.status === 'done') {
    const missing = requiredMaterials(step, meetings).filter((m) => !present.get(step)?.has(m));
    if (missing.length)
      throw conflict(`${step} (${steps[step].zh}) still needs: ${missing.join(', ')}.`, {
        missingMaterials: missing,
        errors: [{ path: 'body.status', message: `upload ${missing.join(', ')} first` }],
      });
  }
  await ctx.db.transaction(async (tx) => {
    const key = and(eq(stepStatuses.projectId, projectId), eq(stepStatuses.step, step));
    if (input.status === 'pending') await tx.delete(stepStatuses).where(key);
    else
      await tx
        .insert(stepStatuses)
        .values({ projectId, step, status: input.status, consultationId, updatedBy: user.id })
        .onConflictDoUpdate({
          target: [stepStatuses.projectId, stepStatuses.step],
          set: { status: input.status, consultationId, updatedBy: user.id, updatedAt: new Date() },
        });
    await audit(tx, actor, 'approvals.step', 'project', projectId, { step, status: input.status, consultationId });
  });
  return getApprovals(ctx, user, projectId);
}

export interface NewDocument {
  step: StepCode;
  materialType: Material;
  filename: string;
  mimetype?: string;
  data: Buffer;
}

export async function uploadDocument(ctx: AppContext, user: AuthUser, actor: Actor | undefined, projectId: string, input: NewDocument) {
  await projectFacts(ctx, user, projectId);
  const allowed = materialsOf(input.step, await loadConsultations(ctx, projectId));
  if (!allowed.includes(input.materialType))
    throw unprocessable(`${input.materialType} is not a material of ${input.step}.`, [
      { path: 'body.materialType', message: `one of ${allowed.join(', ')}` },
    ]);
  const kept = await keepUpload(ctx.env.dataDir, input, maxBytes(ctx));
  const id = uuidv7();
  const [row] = await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(documents)
      .values({
        id,
        projectId,
        step: input.step,
        materialType: input.materialType,
        ...kept,
        uploadedBy: user.id,
        uploadedByUsername: user.username,
      })
      .returning();
    await audit(tx, actor, 'approvals.document', 'project', projectId, { documentId: id, step: input.step, size: kept.sizeBytes });
    return inserted;
  });
  return documentView(row!);
}

export async function documentContent(
  ctx: AppContext,
  user: AuthUser,
  id: string,
): Promise<{ doc: ReturnType<typeof documentView>; body: Readable }> {
  const [row] = await ctx.db.select().from(documents).where(eq(documents.id, id)).limit(1);
  if (!row) throw notFound(`Document ${id}`);
  // Answers exactly like a missing document when the project is outside the caller's scope.
  await projectFacts(ctx, user, row.projectId).catch(() => {
    throw notFound(`Document ${id}`);
  });
  return { doc: documentView(row), body: await fileStore(ctx.env.dataDir).read(row.sha256) };
}

registerGate({
  stage: 'consulted',
  code: 'consultation_minutes',
  async check(ctx, project) {
    const meetings: ConsultationFacts[] = await loadConsultations(ctx, project.id);
    const withMinutes = meetings.filter(hasMinutes).length;
    return {
      satisfied: withMinutes > 0,
      message: `${meetings.length} joint consultation(s) recorded, ${withMinutes} with minutes.`,
      satisfy: 'Record the joint consultation led by the district housing bureau, with its minutes (POST /projects/{id}/consultations).',
    };
  },
});

/** The projects among these whose approval checklist is complete (every step done with its materials, or simplified): the fact the `approval_checklist` gate checks. */
export async function projectsWithCompleteApprovals(ctx: AppContext, projectIds: string[]): Promise<Set<string>> {
  const complete = new Set<string>();
  for (const id of projectIds) if (unmetSteps((await loadChecklist(ctx, id)).checklist).length === 0) complete.add(id);
  return complete;
}

registerGate({
  stage: 'approved',
  code: 'approval_checklist',
  async check(ctx, project) {
    const { checklist } = await loadChecklist(ctx, project.id);
    const unmet = unmetSteps(checklist);
    return {
      satisfied: unmet.length === 0,
      message: `${checklist.length - unmet.length} of ${checklist.length} approval steps are done or simplified.`,
      satisfy: unmet.length ? unmet.join('; ') : 'Nothing: every step is done or simplified.',
    };
  },
});
