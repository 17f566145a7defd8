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
import { list } from '../../platform/i18n/format.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { projectFacts, defineGate, stages, stageWords, type Stage, requireProject } from '../projects/index.ts';
import { approvalMessages as am, materialWords, stepName } from './messages.ts';
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
import { type Department, type Material, type StepCode } from './steps.ts';

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
  await requireProject(ctx, user, projectId);
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
    errors.push({ path: 'body.leadDepartment', message: am.msg('consultation.lead_not_present') });
  if (input.decisions.length && !minutes) errors.push({ path: 'body.minutes', message: am.msg('consultation.decisions_need_minutes') });
  const seen = new Set<StepCode>();
  const decisions = input.decisions.map((d, i): Decision => {
    if (seen.has(d.step))
      errors.push({ path: `body.decisions.${i}.step`, message: am.msg('consultation.step_repeated', { step: d.step }) });
    seen.add(d.step);
    const minute = d.minute?.trim() || null;
    // The minute is quoted from the minutes, so a simplification always points at what the meeting wrote.
    if (d.simplified && !minute) errors.push({ path: `body.decisions.${i}.minute`, message: am.msg('consultation.quote_minute') });
    else if (minute && minutes && !minutes.includes(minute))
      errors.push({ path: `body.decisions.${i}.minute`, message: am.msg('consultation.not_a_quotation') });
    if (!d.simplified && !d.requiredMaterials?.length)
      errors.push({ path: `body.decisions.${i}`, message: am.msg('consultation.decides_nothing') });
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
  await requireProject(ctx, user, projectId);
  const { decisions, errors } = validateConsultation(input);
  if (errors.length) throw unprocessable(am.msg('consultation.invalid'), errors);
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
  if (stages.indexOf(stage) >= stages.indexOf('approved')) throw conflict(am.msg('checklist.closed', { stage: stageWords(stage) }));
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
      throw unprocessable(am.msg('checklist.simplify_needs_minute'), [
        { path: 'body.consultationId', message: am.msg('field.required_to_simplify') },
      ]);
    const meeting = meetings.find((c) => c.id === input.consultationId);
    if (!meeting)
      throw unprocessable(am.msg('checklist.consultation_not_of_project', { id: input.consultationId }), [
        { path: 'body.consultationId', message: am.msg('field.not_consultation_of_project') },
      ]);
    if (!simplification(step, meeting))
      throw conflict(am.msg('checklist.minutes_do_not_simplify', { date: meeting.heldOn, step, name: stepName(step) }), {
        errors: [{ path: 'body.consultationId', message: am.msg('field.minutes_do_not_allow', { step }) }],
      });
    consultationId = meeting.id;
  } else if (input.consultationId) {
    throw unprocessable(am.msg('checklist.only_simplified_cites'), [
      { path: 'body.consultationId', message: am.msg('field.not_used_when', { status: input.status }) },
    ]);
  }
  if (input.status === 'done') {
    const missing = requiredMaterials(step, meetings).filter((m) => !present.get(step)?.has(m));
    if (missing.length)
      throw conflict(am.msg('checklist.step_needs_materials', { step, name: stepName(step), missing: missing.map(materialWords) }), {
        missingMaterials: missing,
        errors: [{ path: 'body.status', message: am.msg('field.upload_first', { missing: missing.map(materialWords) }) }],
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
  await requireProject(ctx, user, projectId);
  const allowed = materialsOf(input.step, await loadConsultations(ctx, projectId));
  if (!allowed.includes(input.materialType))
    throw unprocessable(am.msg('checklist.material_not_of_step', { material: input.materialType, step: input.step }), [
      { path: 'body.materialType', message: am.msg('field.one_of', { allowed: [...allowed] }) },
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
  if (!row) throw notFound(am.msg('document.entity', { id }));
  // Answers exactly like a missing document when the project is outside the caller's scope.
  await requireProject(ctx, user, row.projectId).catch(() => {
    throw notFound(am.msg('document.entity', { id }));
  });
  return { doc: documentView(row), body: await fileStore(ctx.env.dataDir).read(row.sha256) };
}

export const consultationMinutesGate = defineGate({
  stage: 'consulted',
  code: 'consultation_minutes',
  async check(ctx, project) {
    const meetings: ConsultationFacts[] = await loadConsultations(ctx, project.id);
    const withMinutes = meetings.filter(hasMinutes).length;
    return {
      satisfied: withMinutes > 0,
      message: am.msg('gate.consultation_minutes.status', { count: meetings.length, withMinutes }),
      satisfy: am.msg('gate.consultation_minutes.satisfy'),
    };
  },
});

/** The projects among these whose approval checklist is complete (every step done with its materials, or simplified): the fact the `approval_checklist` gate checks. */
export async function projectsWithCompleteApprovals(ctx: AppContext, projectIds: string[]): Promise<Set<string>> {
  const complete = new Set<string>();
  for (const id of projectIds) if (unmetSteps((await loadChecklist(ctx, id)).checklist).length === 0) complete.add(id);
  return complete;
}

/** What each unmet step still needs, in words (as unmetSteps says it in codes). */
function unmetWords(checklist: Awaited<ReturnType<typeof loadChecklist>>['checklist']) {
  return checklist
    .filter((s) => !s.satisfied)
    .map((s) => {
      const missing = s.requiredMaterials.filter((m) => !m.present).map((m) => materialWords(m.type));
      const step = s.code as StepCode;
      if (s.status === 'done') return am.msg('gate.approval_checklist.step_upload', { step, name: stepName(step), missing });
      return am.msg('gate.approval_checklist.step_mark', {
        step,
        name: stepName(step),
        missing: missing.length ? missing : am.msg('gate.approval_checklist.all_present'),
      });
    });
}

export const approvalChecklistGate = defineGate({
  stage: 'approved',
  code: 'approval_checklist',
  async check(ctx, project) {
    const { checklist } = await loadChecklist(ctx, project.id);
    const unmet = unmetSteps(checklist);
    return {
      satisfied: unmet.length === 0,
      message: am.msg('gate.approval_checklist.status', { done: checklist.length - unmet.length, count: checklist.length }),
      satisfy: unmet.length ? list(unmetWords(checklist), true) : am.msg('gate.approval_checklist.nothing'),
    };
  },
});
