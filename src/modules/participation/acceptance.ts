// Supervision and completion acceptance (R13): during the works, residents'
// representatives and building stewards report defects; at the end they sign
// the acceptance with the supervisor, the contractor and the housing bureau.
// The `accepted` gate needs a passed acceptance signed by a resident
// representative and a building steward, and no defect left open.
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { isoDate } from '../../platform/http/fields.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { notFound, unprocessable } from '../../platform/http/problem.ts';
import { participationMessages as pm } from './messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { defineGate, stages, type Stage, requireProject } from '../projects/index.ts';
import { acceptances, defects, supervisorRoles } from './schema.ts';

const role = z.enum(supervisorRoles);
const residentRoles = ['resident_representative', 'building_steward'] as const;

/** Pure: what a passed acceptance still lacks (empty when it may let the project in). */
export function acceptanceGaps(signatories: { role: string }[], openDefects: number): string[] {
  const gaps = residentRoles.filter((r) => !signatories.some((s) => s.role === r)).map((r) => `a ${r.replace('_', ' ')}'s signature`);
  if (openDefects > 0) gaps.push(`${openDefects} open defect(s) closed`);
  return gaps;
}

/** The same gaps in words, for the gate. */
function gapWords(signatories: { role: string }[], openDefects: number) {
  const gaps = residentRoles
    .filter((r) => !signatories.some((s) => s.role === r))
    .map((r) => pm.msg('gate.completion_acceptance.gap_signature', { role: pm.msg(`role.${r}`) }));
  if (openDefects > 0) gaps.push(pm.msg('gate.completion_acceptance.gap_defects', { open: openDefects }));
  return gaps;
}

async function openDefectCount(db: Db, projectId: string) {
  const rows = await db
    .select({ id: defects.id })
    .from(defects)
    .where(and(eq(defects.projectId, projectId), eq(defects.status, 'open')));
  return rows.length;
}

/** Demo acceptances: every seeded project past `accepted` was accepted in the autumn of its year. */
export async function seedAcceptances(tx: Tx, projects: { id: string; year: number; stage: Stage }[]): Promise<void> {
  const accepted = projects.filter((p) => stages.indexOf(p.stage) >= stages.indexOf('accepted'));
  if (!accepted.length) return;
  await tx.insert(acceptances).values(
    accepted.map((p) => ({
      id: uuidv7(),
      projectId: p.id,
      heldOn: `${p.year}-10-20`,
      passed: true,
      signatories: [
        { role: 'resident_representative' as const },
        { role: 'building_steward' as const },
        { role: 'supervisor' as const, organisation: '监理单位（演示）' },
      ],
      notes: '演示数据',
    })),
  );
}

export const completionAcceptanceGate = defineGate({
  stage: 'accepted',
  code: 'completion_acceptance',
  async check(ctx, project) {
    const [latest] = await ctx.db
      .select()
      .from(acceptances)
      .where(eq(acceptances.projectId, project.id))
      .orderBy(desc(acceptances.heldOn), desc(acceptances.recordedAt))
      .limit(1);
    const open = await openDefectCount(ctx.db, project.id);
    const gaps = latest?.passed ? gapWords(latest.signatories, open) : [pm.msg('gate.completion_acceptance.gap_passed')];
    return {
      satisfied: gaps.length === 0,
      message: latest
        ? pm.msg('gate.completion_acceptance.latest', {
            date: latest.heldOn,
            result: pm.msg(latest.passed ? 'acceptance.passed' : 'acceptance.failed'),
            open,
          })
        : pm.msg('gate.completion_acceptance.none'),
      satisfy: gaps.length ? pm.msg('gate.completion_acceptance.needs', { gaps }) : pm.msg('gate.completion_acceptance.stands'),
    };
  },
});

const defectView = (d: typeof defects.$inferSelect) => ({
  id: d.id,
  role: d.reportedByRole,
  building: d.building,
  description: d.description,
  status: d.status,
  reportedAt: d.reportedAt.toISOString(),
});
const acceptanceView = (a: typeof acceptances.$inferSelect) => ({
  id: a.id,
  heldOn: a.heldOn,
  passed: a.passed,
  signatories: a.signatories,
  notes: a.notes,
});

const defectSchema = z.object({
  id: z.string(),
  role,
  building: z.string().nullable(),
  description: z.string(),
  status: z.enum(['open', 'closed']),
  reportedAt: z.string(),
});
const acceptanceSchema = z.object({
  id: z.string(),
  heldOn: z.string(),
  passed: z.boolean(),
  signatories: z.array(z.object({ role, residentId: z.string().optional(), organisation: z.string().optional() })),
  notes: z.string().nullable(),
});

export async function acceptanceRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const params = z.object({ id: z.string().uuid() });
  const tags = ['participation'];
  app.get(
    '/api/v1/projects/:id/supervision',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: 'Defects reported during the works, and the completion acceptances',
        params,
        response: { 200: z.object({ defects: z.array(defectSchema), acceptances: z.array(acceptanceSchema) }) },
      },
    },
    async (req) => {
      await requireProject(ctx, userOf(req), req.params.id);
      const [ds, as] = await Promise.all([
        ctx.db.select().from(defects).where(eq(defects.projectId, req.params.id)).orderBy(desc(defects.reportedAt)),
        ctx.db.select().from(acceptances).where(eq(acceptances.projectId, req.params.id)).orderBy(desc(acceptances.heldOn)),
      ]);
      return { defects: ds.map(defectView), acceptances: as.map(acceptanceView) };
    },
  );
  app.post(
    '/api/v1/projects/:id/defects',
    {
      config: { permission: 'surveys.enter' },
      schema: {
        tags,
        summary: 'Record a defect a resident supervisor reported',
        params,
        body: z.object({ role, building: z.string().max(32).nullish(), description: z.string().trim().min(1).max(2000) }),
        response: { 201: defectSchema },
      },
    },
    async (req, reply) => {
      await requireProject(ctx, userOf(req), req.params.id);
      const [row] = await ctx.db.transaction(async (tx) => {
        const inserted = await tx
          .insert(defects)
          .values({
            id: uuidv7(),
            projectId: req.params.id,
            reportedByRole: req.body.role,
            building: req.body.building ?? null,
            description: req.body.description,
            reportedBy: userOf(req).id,
          })
          .returning();
        await audit(tx, actorOf(req), 'defect.report', 'project', req.params.id, { role: req.body.role });
        return inserted;
      });
      return reply.code(201).send(defectView(row!));
    },
  );
  app.post(
    '/api/v1/projects/:id/defects/:defectId/close',
    {
      config: { permission: 'surveys.enter' },
      schema: {
        tags,
        summary: 'Close a defect once it is put right',
        params: params.extend({ defectId: z.string().uuid() }),
        response: { 200: defectSchema },
      },
    },
    async (req) => {
      await requireProject(ctx, userOf(req), req.params.id);
      const [row] = await ctx.db
        .update(defects)
        .set({ status: 'closed', closedAt: new Date() })
        .where(and(eq(defects.id, req.params.defectId), eq(defects.projectId, req.params.id)))
        .returning();
      if (!row) throw notFound(pm.msg('defect.entity', { id: req.params.defectId }));
      await audit(ctx.db, actorOf(req), 'defect.close', 'project', req.params.id, { defectId: row.id });
      return defectView(row);
    },
  );
  app.post(
    '/api/v1/projects/:id/acceptances',
    {
      config: { permission: 'surveys.manage' },
      schema: {
        tags,
        summary: 'Record the completion acceptance and who signed it',
        params,
        body: z.object({
          heldOn: isoDate,
          passed: z.boolean(),
          signatories: z
            .array(z.object({ role, residentId: z.string().uuid().optional(), organisation: z.string().max(200).optional() }))
            .min(1)
            .max(50),
          notes: z.string().max(5000).nullish(),
        }),
        response: { 201: acceptanceSchema },
      },
    },
    async (req, reply) => {
      await requireProject(ctx, userOf(req), req.params.id);
      const unsigned = req.body.signatories.flatMap((s, i) =>
        (residentRoles as readonly string[]).includes(s.role) && !s.residentId
          ? [{ path: `body.signatories.${i}.residentId`, message: pm.msg('field.signs_by_resident_id') }]
          : [],
      );
      if (unsigned.length) throw unprocessable(pm.msg('acceptance.signatories_by_id'), unsigned);
      const [row] = await ctx.db.transaction(async (tx) => {
        const inserted = await tx
          .insert(acceptances)
          .values({ id: uuidv7(), projectId: req.params.id, ...req.body, notes: req.body.notes ?? null, recordedBy: userOf(req).id })
          .returning();
        await audit(tx, actorOf(req), 'acceptance.record', 'project', req.params.id, {
          passed: req.body.passed,
          signatories: req.body.signatories.length,
        });
        return inserted;
      });
      return reply.code(201).send(acceptanceView(row!));
    },
  );
}
