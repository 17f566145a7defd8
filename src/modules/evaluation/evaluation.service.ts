// Third-party evaluation (R18): institutions, their engagements (risk
// assessments of major decisions, periodic performance evaluations), reports,
// and findings tracked to closure. Engagements are seen by the offices whose
// scope holds their subject; findings by the offices whose scope holds the
// responsible office, and only that office closes one.
import { and, asc, desc, eq, gt, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/problem.ts';
import { evaluationMessages as em } from './messages.ts';
import type { UploadedFile } from '../../platform/http/uploads.ts';
import { fileStore, keepUpload } from '../../platform/files.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { projectFacts } from '../projects/index.ts';
import { divisionLevelOf, divisionPrefix, within } from '../registry/index.ts';
import { statusChangeError, statusWords, validCreditCode } from './rules.ts';
import { evaluationEngagements, evaluationFindings, evaluationInstitutions, evaluationReports, type EngagementStatus } from './schema.ts';

const inScope = (user: AuthUser, code: string) => !!user.scope.division && within(code, user.scope.division);

const divisionField = (path: string, code: string) => {
  if (!divisionLevelOf(code))
    throw unprocessable(em.msg('division.not_code', { code }), [{ path, message: em.msg('field.division_code') }]);
};

// ── Institutions ──────────────────────────────────────────────────────────────

type Institution = typeof evaluationInstitutions.$inferSelect;
const institutionView = (i: Institution) => ({
  id: i.id,
  name: i.name,
  creditCode: i.creditCode,
  kind: i.kind,
  createdAt: i.createdAt.toISOString(),
});

export async function listInstitutions(ctx: AppContext, query: { q?: string; kind?: Institution['kind']; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, z.tuple([z.string(), z.string()]));
  const rows = await ctx.db
    .select()
    .from(evaluationInstitutions)
    .where(
      and(
        query.q ? ilike(evaluationInstitutions.name, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
        query.kind ? eq(evaluationInstitutions.kind, query.kind) : undefined,
        after
          ? or(
              gt(evaluationInstitutions.name, after[0]),
              and(eq(evaluationInstitutions.name, after[0]), gt(evaluationInstitutions.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(asc(evaluationInstitutions.name), asc(evaluationInstitutions.id))
    .limit(query.limit + 1);
  const result = page(rows, query.limit, (i) => [i.name, i.id]);
  return { items: result.items.map(institutionView), nextCursor: result.nextCursor };
}

export async function createInstitution(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  input: { name: string; creditCode?: string | null; kind: Institution['kind'] },
) {
  const creditCode = input.creditCode ? input.creditCode.toUpperCase() : null;
  if (creditCode && !validCreditCode(creditCode))
    throw unprocessable(em.msg('institution.credit_code_invalid'), [{ path: 'body.creditCode', message: em.msg('field.credit_code') }]);
  return ctx.db.transaction(async (tx) => {
    if (creditCode) {
      const [taken] = await tx
        .select({ id: evaluationInstitutions.id })
        .from(evaluationInstitutions)
        .where(eq(evaluationInstitutions.creditCode, creditCode));
      if (taken) throw conflict(em.msg('institution.credit_code_taken'), { institutionId: taken.id });
    }
    const [row] = await tx
      .insert(evaluationInstitutions)
      .values({ id: uuidv7(), name: input.name, creditCode, kind: input.kind, createdBy: user.id })
      .returning();
    await audit(tx, actor, 'evaluation.institution.create', 'evaluation_institution', row!.id, { kind: input.kind });
    return institutionView(row!);
  });
}

// ── Engagements ───────────────────────────────────────────────────────────────

type Engagement = typeof evaluationEngagements.$inferSelect;

/** Whether the account's scope holds the engagement's subject (a project by the projects' own check). */
async function maySee(ctx: AppContext, user: AuthUser, e: Engagement): Promise<boolean> {
  if (e.subjectKind === 'division') return inScope(user, e.subjectDivision);
  if (inScope(user, e.subjectDivision)) return true;
  return projectFacts(ctx, user, e.subjectProjectId!).then(
    () => true,
    () => false,
  );
}

const engagementView = (e: Engagement, institution: Institution) => ({
  id: e.id,
  institution: { id: institution.id, name: institution.name, kind: institution.kind },
  kind: e.kind,
  title: e.title,
  subject: { kind: e.subjectKind, projectId: e.subjectProjectId, division: e.subjectDivision },
  periodFrom: e.periodFrom,
  periodTo: e.periodTo,
  status: e.status,
  createdAt: e.createdAt.toISOString(),
});

export interface EngagementQuery {
  kind?: Engagement['kind'];
  status?: EngagementStatus;
  institutionId?: string;
  projectId?: string;
  limit: number;
  cursor?: string;
}

/** Newest first; rows outside the caller's scope are skipped, so a page is read in batches until full. */
export async function listEngagements(ctx: AppContext, user: AuthUser, query: EngagementQuery) {
  const after = decodeCursor(query.cursor, z.tuple([z.string().uuid()]));
  const items: { e: Engagement; i: Institution }[] = [];
  let last = after?.[0];
  const batch = Math.max(query.limit + 1, 100);
  for (;;) {
    const rows = await ctx.db
      .select({ e: evaluationEngagements, i: evaluationInstitutions })
      .from(evaluationEngagements)
      .innerJoin(evaluationInstitutions, eq(evaluationInstitutions.id, evaluationEngagements.institutionId))
      .where(
        and(
          query.kind ? eq(evaluationEngagements.kind, query.kind) : undefined,
          query.status ? eq(evaluationEngagements.status, query.status) : undefined,
          query.institutionId ? eq(evaluationEngagements.institutionId, query.institutionId) : undefined,
          query.projectId ? eq(evaluationEngagements.subjectProjectId, query.projectId) : undefined,
          last ? lt(evaluationEngagements.id, last) : undefined,
        ),
      )
      .orderBy(desc(evaluationEngagements.id))
      .limit(batch);
    for (const r of rows) {
      if (items.length > query.limit) break;
      if (await maySee(ctx, user, r.e)) items.push(r);
    }
    if (items.length > query.limit || rows.length < batch) break;
    last = rows.at(-1)!.e.id;
  }
  const result = page(items, query.limit, (r) => [r.e.id]);
  return { items: result.items.map((r) => engagementView(r.e, r.i)), nextCursor: result.nextCursor };
}

export interface NewEngagement {
  institutionId: string;
  kind: Engagement['kind'];
  title: string;
  subject: { projectId: string } | { division: string };
  periodFrom: string;
  periodTo: string;
}

export async function createEngagement(ctx: AppContext, user: AuthUser, actor: Actor | undefined, input: NewEngagement) {
  if (input.periodTo < input.periodFrom)
    throw unprocessable(em.msg('engagement.period_reversed'), [{ path: 'body.periodTo', message: em.msg('field.not_before_start') }]);
  const [institution] = await ctx.db.select().from(evaluationInstitutions).where(eq(evaluationInstitutions.id, input.institutionId));
  if (!institution)
    throw unprocessable(em.msg('institution.unknown'), [{ path: 'body.institutionId', message: em.msg('field.not_listed') }]);
  let subject: Pick<Engagement, 'subjectKind' | 'subjectProjectId' | 'subjectDivision'>;
  if ('projectId' in input.subject) {
    const projectId = input.subject.projectId;
    const project = await projectFacts(ctx, user, projectId).catch(() => {
      throw unprocessable(em.msg('project.unknown_in_scope'), [
        { path: 'body.subject.projectId', message: em.msg('field.project_not_in_scope') },
      ]);
    });
    subject = { subjectKind: 'project', subjectProjectId: project.id, subjectDivision: project.districtCode };
  } else {
    divisionField('body.subject.division', input.subject.division);
    if (!inScope(user, input.subject.division))
      throw unprocessable(em.msg('division.out_of_scope', { code: input.subject.division }), [
        { path: 'body.subject.division', message: em.msg('field.not_in_scope') },
      ]);
    subject = { subjectKind: 'division', subjectProjectId: null, subjectDivision: input.subject.division };
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(evaluationEngagements)
      .values({
        id: uuidv7(),
        institutionId: institution.id,
        kind: input.kind,
        title: input.title,
        ...subject,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        createdBy: user.id,
      })
      .returning();
    await audit(tx, actor, 'evaluation.engagement.create', 'evaluation_engagement', row!.id, {
      kind: input.kind,
      subjectKind: subject.subjectKind,
    });
    return engagementView(row!, institution);
  });
}

async function engagementOf(ctx: AppContext, user: AuthUser, id: string) {
  const [row] = await ctx.db
    .select({ e: evaluationEngagements, i: evaluationInstitutions })
    .from(evaluationEngagements)
    .innerJoin(evaluationInstitutions, eq(evaluationInstitutions.id, evaluationEngagements.institutionId))
    .where(eq(evaluationEngagements.id, id));
  if (!row || !(await maySee(ctx, user, row.e))) throw notFound(em.msg('engagement.entity', { id }));
  return row;
}

type Report = typeof evaluationReports.$inferSelect;
const reportView = (r: Report) => ({
  id: r.id,
  filename: r.filename,
  contentType: r.contentType,
  sizeBytes: r.sizeBytes,
  sha256: r.sha256,
  uploadedAt: r.uploadedAt.toISOString(),
});

type Finding = typeof evaluationFindings.$inferSelect;
const findingView = (f: Finding) => ({
  id: f.id,
  engagementId: f.engagementId,
  text: f.text,
  severity: f.severity,
  responsibleDivision: f.responsibleDivision,
  dueOn: f.dueOn,
  status: f.status,
  closingNote: f.closingNote,
  closedBy: f.closedByUsername,
  closedAt: f.closedAt?.toISOString() ?? null,
  createdAt: f.createdAt.toISOString(),
});

export async function getEngagement(ctx: AppContext, user: AuthUser, id: string) {
  const { e, i } = await engagementOf(ctx, user, id);
  const [reports, findings] = await Promise.all([
    ctx.db.select().from(evaluationReports).where(eq(evaluationReports.engagementId, id)).orderBy(asc(evaluationReports.uploadedAt)),
    ctx.db.select().from(evaluationFindings).where(eq(evaluationFindings.engagementId, id)).orderBy(asc(evaluationFindings.id)),
  ]);
  return { ...engagementView(e, i), reports: reports.map(reportView), findings: findings.map(findingView) };
}

export async function setEngagementStatus(ctx: AppContext, user: AuthUser, actor: Actor | undefined, id: string, to: EngagementStatus) {
  const { e } = await engagementOf(ctx, user, id);
  const [{ n }] = (await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(evaluationReports)
    .where(eq(evaluationReports.engagementId, id))) as [{ n: number }];
  const refusal = statusChangeError(e.status, to, n);
  if (refusal) throw conflict(em.msg('engagement.cannot_move', { to: statusWords(to), refusal }));
  await ctx.db.transaction(async (tx) => {
    const moved = await tx
      .update(evaluationEngagements)
      .set({ status: to })
      .where(and(eq(evaluationEngagements.id, id), eq(evaluationEngagements.status, e.status)))
      .returning({ id: evaluationEngagements.id });
    if (!moved.length) throw conflict(em.msg('engagement.changed_meanwhile'));
    await audit(tx, actor, 'evaluation.engagement.status', 'evaluation_engagement', id, { from: e.status, to });
  });
  return getEngagement(ctx, user, id);
}

export async function uploadReport(ctx: AppContext, user: AuthUser, actor: Actor | undefined, id: string, input: UploadedFile) {
  await engagementOf(ctx, user, id);
  const kept = await keepUpload(ctx.env.dataDir, input, ctx.env.MAX_UPLOAD_MB * 2 ** 20);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(evaluationReports)
      .values({
        id: uuidv7(),
        engagementId: id,
        ...kept,
        uploadedBy: user.id,
      })
      .returning();
    await audit(tx, actor, 'evaluation.report', 'evaluation_engagement', id, { reportId: row!.id, size: kept.sizeBytes });
    return reportView(row!);
  });
}

export async function reportContent(
  ctx: AppContext,
  user: AuthUser,
  id: string,
): Promise<{ doc: ReturnType<typeof reportView>; body: Readable }> {
  const [row] = await ctx.db.select().from(evaluationReports).where(eq(evaluationReports.id, id));
  if (!row) throw notFound(em.msg('report.entity', { id }));
  await engagementOf(ctx, user, row.engagementId).catch(() => {
    throw notFound(em.msg('report.entity', { id }));
  });
  return { doc: reportView(row), body: await fileStore(ctx.env.dataDir).read(row.sha256) };
}

export interface NewFinding {
  text: string;
  severity: Finding['severity'];
  responsibleDivision: string;
  dueOn: string;
}

export async function addFinding(ctx: AppContext, user: AuthUser, actor: Actor | undefined, engagementId: string, input: NewFinding) {
  await engagementOf(ctx, user, engagementId);
  divisionField('body.responsibleDivision', input.responsibleDivision);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(evaluationFindings)
      .values({ id: uuidv7(), engagementId, ...input, createdBy: user.id })
      .returning();
    await audit(tx, actor, 'evaluation.finding.create', 'evaluation_finding', row!.id, {
      engagementId,
      severity: input.severity,
      responsibleDivision: input.responsibleDivision,
    });
    return findingView(row!);
  });
}

export interface FindingQuery {
  status?: 'open' | 'closed';
  office?: string;
  limit: number;
  cursor?: string;
}

/** The findings whose responsible office is within the caller's scope, soonest due first. */
export async function listFindings(ctx: AppContext, user: AuthUser, query: FindingQuery) {
  const after = decodeCursor(query.cursor, z.tuple([z.string(), z.string()]));
  const scope = user.scope.division;
  if (!scope) return { items: [], nextCursor: null };
  const prefix = (code: string) => `${divisionPrefix(code).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where: (SQL | undefined)[] = [
    sql`${evaluationFindings.responsibleDivision} like ${prefix(scope)}`,
    query.office ? sql`${evaluationFindings.responsibleDivision} like ${prefix(query.office)}` : undefined,
    query.status ? eq(evaluationFindings.status, query.status) : undefined,
    after
      ? or(gt(evaluationFindings.dueOn, after[0]), and(eq(evaluationFindings.dueOn, after[0]), gt(evaluationFindings.id, after[1])))
      : undefined,
  ];
  const rows = await ctx.db
    .select()
    .from(evaluationFindings)
    .where(and(...where))
    .orderBy(asc(evaluationFindings.dueOn), asc(evaluationFindings.id))
    .limit(query.limit + 1);
  const result = page(rows, query.limit, (f) => [f.dueOn, f.id]);
  return { items: result.items.map(findingView), nextCursor: result.nextCursor };
}

/** Only the responsible office closes a finding; others who may see it are refused, the rest told it does not exist. */
export async function closeFinding(ctx: AppContext, user: AuthUser, actor: Actor | undefined, id: string, note: string) {
  const [row] = await ctx.db.select().from(evaluationFindings).where(eq(evaluationFindings.id, id));
  if (!row) throw notFound(em.msg('finding.entity', { id }));
  const visible =
    inScope(user, row.responsibleDivision) ||
    (await engagementOf(ctx, user, row.engagementId).then(
      () => true,
      () => false,
    ));
  if (!visible) throw notFound(em.msg('finding.entity', { id }));
  if (user.scope.division !== row.responsibleDivision)
    throw forbidden(em.msg('finding.responsible_closes', { division: row.responsibleDivision }));
  if (row.status === 'closed') throw conflict(em.msg('finding.closed_already'));
  return ctx.db.transaction(async (tx) => {
    const [closed] = await tx
      .update(evaluationFindings)
      .set({ status: 'closed', closingNote: note, closedBy: user.id, closedByUsername: user.username, closedAt: new Date() })
      .where(and(eq(evaluationFindings.id, id), eq(evaluationFindings.status, 'open')))
      .returning();
    if (!closed) throw conflict(em.msg('finding.closed_meanwhile'));
    await audit(tx, actor, 'evaluation.finding.close', 'evaluation_finding', id, { responsibleDivision: row.responsibleDivision });
    return findingView(closed);
  });
}
