// Third-party evaluation and the yearly selection of exemplary cases (R18).
// Engagements are seen by the offices whose scope holds their subject; findings
// by the offices whose scope holds the responsible office, and only that office
// closes one. Exemplary cases are ranked exactly from integer totals.
import { and, asc, desc, eq, gt, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/problem.ts';
import type { UploadedFile } from '../../platform/http/uploads.ts';
import { checkUpload, fileStore, fileTypes } from '../../platform/files.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { authUserByUsername } from '../accounts/index.ts';
import { projectFacts } from '../projects/index.ts';
import { addAwardLine } from '../funding/index.ts';
import { divisionLevelOf, divisionPrefix, within } from '../registry/index.ts';
import {
  defaultSheet,
  fractionText,
  isConflictOfInterest,
  meanText,
  rankNominees,
  scoreErrors,
  sheetErrors,
  statusChangeError,
  validCreditCode,
  type Mean,
} from './rules.ts';
import {
  evaluationEngagements,
  evaluationFindings,
  evaluationInstitutions,
  evaluationReports,
  exemplaryAwards,
  exemplaryConflicts,
  exemplaryJurors,
  exemplaryNominations,
  exemplaryScores,
  exemplarySelections,
  jurorKinds,
  type EngagementStatus,
  type JurorKind,
  type SheetItem,
} from './schema.ts';

const inScope = (user: AuthUser, code: string) => !!user.scope.division && within(code, user.scope.division);

function cityLevel(user: AuthUser) {
  const level = user.scope.division ? divisionLevelOf(user.scope.division) : undefined;
  if (level !== 'city' && level !== 'province') throw forbidden('Only a city-level account manages the selection of exemplary cases.');
}

const divisionField = (path: string, code: string) => {
  if (!divisionLevelOf(code))
    throw unprocessable(`${code} is not a division code.`, [{ path, message: 'a 6-, 9- or 12-digit division code' }]);
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
    throw unprocessable('The unified social credit code is not valid.', [
      { path: 'body.creditCode', message: '18 characters with a valid check character (GB 32100-2015)' },
    ]);
  return ctx.db.transaction(async (tx) => {
    if (creditCode) {
      const [taken] = await tx
        .select({ id: evaluationInstitutions.id })
        .from(evaluationInstitutions)
        .where(eq(evaluationInstitutions.creditCode, creditCode));
      if (taken) throw conflict('An institution with this credit code is already listed.', { institutionId: taken.id });
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
    throw unprocessable('The period ends before it starts.', [{ path: 'body.periodTo', message: 'not before periodFrom' }]);
  const [institution] = await ctx.db.select().from(evaluationInstitutions).where(eq(evaluationInstitutions.id, input.institutionId));
  if (!institution) throw unprocessable('No such institution.', [{ path: 'body.institutionId', message: 'not listed' }]);
  let subject: Pick<Engagement, 'subjectKind' | 'subjectProjectId' | 'subjectDivision'>;
  if ('projectId' in input.subject) {
    const projectId = input.subject.projectId;
    const project = await projectFacts(ctx, user, projectId).catch(() => {
      throw unprocessable('No such project in your scope.', [{ path: 'body.subject.projectId', message: 'not a project in your scope' }]);
    });
    subject = { subjectKind: 'project', subjectProjectId: project.id, subjectDivision: project.districtCode };
  } else {
    divisionField('body.subject.division', input.subject.division);
    if (!inScope(user, input.subject.division))
      throw unprocessable(`Division ${input.subject.division} is not in your scope.`, [
        { path: 'body.subject.division', message: 'not in your scope' },
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
  if (!row || !(await maySee(ctx, user, row.e))) throw notFound(`Engagement ${id}`);
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
  if (refusal) throw conflict(`The engagement cannot move to ${to}: ${refusal}.`);
  await ctx.db.transaction(async (tx) => {
    const moved = await tx
      .update(evaluationEngagements)
      .set({ status: to })
      .where(and(eq(evaluationEngagements.id, id), eq(evaluationEngagements.status, e.status)))
      .returning({ id: evaluationEngagements.id });
    if (!moved.length) throw conflict('The engagement was changed by someone else meanwhile; reload it.');
    await audit(tx, actor, 'evaluation.engagement.status', 'evaluation_engagement', id, { from: e.status, to });
  });
  return getEngagement(ctx, user, id);
}

export async function uploadReport(ctx: AppContext, user: AuthUser, actor: Actor | undefined, id: string, input: UploadedFile) {
  await engagementOf(ctx, user, id);
  const type = checkUpload(input, ctx.env.MAX_UPLOAD_MB * 2 ** 20, 'body.file');
  // Stored before the row: an orphaned file is harmless, a row without its file is not.
  const { sha256, size } = await fileStore(ctx.env.dataDir).store(input.data);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(evaluationReports)
      .values({
        id: uuidv7(),
        engagementId: id,
        filename: input.filename.slice(0, 255),
        contentType: fileTypes[type],
        sizeBytes: size,
        sha256,
        uploadedBy: user.id,
      })
      .returning();
    await audit(tx, actor, 'evaluation.report', 'evaluation_engagement', id, { reportId: row!.id, size });
    return reportView(row!);
  });
}

export async function reportContent(
  ctx: AppContext,
  user: AuthUser,
  id: string,
): Promise<{ doc: ReturnType<typeof reportView>; body: Readable }> {
  const [row] = await ctx.db.select().from(evaluationReports).where(eq(evaluationReports.id, id));
  if (!row) throw notFound(`Report ${id}`);
  await engagementOf(ctx, user, row.engagementId).catch(() => {
    throw notFound(`Report ${id}`);
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
  if (!row) throw notFound(`Finding ${id}`);
  const visible =
    inScope(user, row.responsibleDivision) ||
    (await engagementOf(ctx, user, row.engagementId).then(
      () => true,
      () => false,
    ));
  if (!visible) throw notFound(`Finding ${id}`);
  if (user.scope.division !== row.responsibleDivision)
    throw forbidden(`Only the responsible office (${row.responsibleDivision}) closes this finding.`);
  if (row.status === 'closed') throw conflict('The finding is closed already.');
  return ctx.db.transaction(async (tx) => {
    const [closed] = await tx
      .update(evaluationFindings)
      .set({ status: 'closed', closingNote: note, closedBy: user.id, closedByUsername: user.username, closedAt: new Date() })
      .where(and(eq(evaluationFindings.id, id), eq(evaluationFindings.status, 'open')))
      .returning();
    if (!closed) throw conflict('The finding was closed by someone else meanwhile.');
    await audit(tx, actor, 'evaluation.finding.close', 'evaluation_finding', id, { responsibleDivision: row.responsibleDivision });
    return findingView(closed);
  });
}

// ── Exemplary cases ───────────────────────────────────────────────────────────

type Selection = typeof exemplarySelections.$inferSelect;
type Nomination = typeof exemplaryNominations.$inferSelect;
type Juror = typeof exemplaryJurors.$inferSelect;
type Award = typeof exemplaryAwards.$inferSelect;

const selectionSummary = (s: Selection) => ({
  id: s.id,
  year: s.year,
  title: s.title,
  sheet: s.sheet,
  maxTotal: s.sheet.reduce((t, i) => t + i.maxPoints, 0),
  status: s.status,
  createdAt: s.createdAt.toISOString(),
});
const nominationView = (n: Nomination) => ({
  id: n.id,
  projectId: n.projectId,
  projectName: n.projectName,
  districtCode: n.districtCode,
  nominatedAt: n.nominatedAt.toISOString(),
});
const jurorView = (j: Juror) => ({ id: j.id, name: j.name, kind: j.kind, districtCode: j.districtCode, linkedUser: !!j.userId });
const awardView = (a: Award) => ({
  id: a.id,
  nominationId: a.nominationId,
  projectId: a.projectId,
  rank: a.rank,
  amountFen: a.amountFen,
  awardedAt: a.awardedAt.toISOString(),
});

export async function listSelections(ctx: AppContext, query: { limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, z.tuple([z.number().int()]));
  const rows = await ctx.db
    .select()
    .from(exemplarySelections)
    .where(after ? lt(exemplarySelections.year, after[0]) : undefined)
    .orderBy(desc(exemplarySelections.year))
    .limit(query.limit + 1);
  const result = page(rows, query.limit, (s) => [s.year]);
  return { items: result.items.map(selectionSummary), nextCursor: result.nextCursor };
}

export async function createSelection(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  input: { year: number; title: string; sheet?: SheetItem[] | null },
) {
  cityLevel(user);
  const sheet = input.sheet ?? defaultSheet;
  const errors = sheetErrors(sheet);
  if (errors.length) throw unprocessable('The scoring sheet is not valid.', errors);
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: exemplarySelections.id })
      .from(exemplarySelections)
      .where(eq(exemplarySelections.year, input.year));
    if (taken) throw conflict(`The ${input.year} selection exists already.`, { selectionId: taken.id });
    const [row] = await tx
      .insert(exemplarySelections)
      .values({ id: uuidv7(), year: input.year, title: input.title, sheet, createdBy: user.id })
      .returning();
    await audit(tx, actor, 'exemplary.selection.create', 'exemplary_selection', row!.id, { year: input.year, items: sheet.length });
    return selectionSummary(row!);
  });
}

async function selectionRow(ctx: AppContext, id: string) {
  const [row] = await ctx.db.select().from(exemplarySelections).where(eq(exemplarySelections.id, id));
  if (!row) throw notFound(`Selection ${id}`);
  return row;
}

const stillOpen = (s: Selection) => {
  if (s.status !== 'open') throw conflict(`The ${s.year} selection has been awarded; it is closed.`);
};

export async function getSelection(ctx: AppContext, id: string) {
  const s = await selectionRow(ctx, id);
  const [nominations, jurors, awards] = await Promise.all([
    ctx.db
      .select()
      .from(exemplaryNominations)
      .where(eq(exemplaryNominations.selectionId, id))
      .orderBy(asc(exemplaryNominations.nominatedAt)),
    ctx.db.select().from(exemplaryJurors).where(eq(exemplaryJurors.selectionId, id)).orderBy(asc(exemplaryJurors.id)),
    ctx.db.select().from(exemplaryAwards).where(eq(exemplaryAwards.selectionId, id)).orderBy(asc(exemplaryAwards.rank)),
  ]);
  return {
    ...selectionSummary(s),
    nominations: nominations.map(nominationView),
    jurors: jurors.map(jurorView),
    awards: awards.map(awardView),
  };
}

/** A district nominates one of its projects: the nominating district is the project's. */
export async function nominate(ctx: AppContext, user: AuthUser, actor: Actor | undefined, selectionId: string, projectId: string) {
  const s = await selectionRow(ctx, selectionId);
  stillOpen(s);
  const project = await projectFacts(ctx, user, projectId).catch(() => {
    throw unprocessable('No such project in your scope.', [{ path: 'body.projectId', message: 'not a project in your scope' }]);
  });
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: exemplaryNominations.id })
      .from(exemplaryNominations)
      .where(and(eq(exemplaryNominations.year, s.year), eq(exemplaryNominations.projectId, projectId)));
    if (taken) throw conflict(`The project is nominated for ${s.year} already.`, { nominationId: taken.id });
    const [row] = await tx
      .insert(exemplaryNominations)
      .values({
        id: uuidv7(),
        selectionId,
        year: s.year,
        projectId,
        projectName: project.name,
        districtCode: project.districtCode,
        nominatedBy: user.id,
      })
      .returning();
    await audit(tx, actor, 'exemplary.nominate', 'exemplary_selection', selectionId, {
      nominationId: row!.id,
      projectId,
      districtCode: project.districtCode,
    });
    return nominationView(row!);
  });
}

export interface NewJuror {
  name: string;
  kind: JurorKind;
  districtCode: string | null;
  username?: string | null;
}

export async function addJuror(ctx: AppContext, user: AuthUser, actor: Actor | undefined, selectionId: string, input: NewJuror) {
  cityLevel(user);
  const s = await selectionRow(ctx, selectionId);
  stillOpen(s);
  if (input.districtCode === null && input.kind !== 'expert')
    throw unprocessable('Only a city-level expert has no district.', [
      { path: 'body.districtCode', message: `required for ${input.kind}` },
    ]);
  if (input.districtCode !== null && divisionLevelOf(input.districtCode) !== 'district')
    throw unprocessable(`${input.districtCode} is not a district code.`, [
      { path: 'body.districtCode', message: 'a 6-digit district code' },
    ]);
  let userId: string | null = null;
  if (input.username) {
    const linked = await authUserByUsername(ctx, input.username).catch(() => null);
    if (!linked) throw unprocessable(`No account named ${input.username}.`, [{ path: 'body.username', message: 'no such account' }]);
    userId = linked.id;
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(exemplaryJurors)
      .values({ id: uuidv7(), selectionId, name: input.name, kind: input.kind, districtCode: input.districtCode, userId })
      .returning();
    await audit(tx, actor, 'exemplary.juror.add', 'exemplary_selection', selectionId, {
      jurorId: row!.id,
      kind: input.kind,
      districtCode: input.districtCode,
    });
    return jurorView(row!);
  });
}

/**
 * A juror's scores of one case, the whole sheet at once (a new sheet replaces the
 * juror's earlier one). A juror from the nominating district is refused with 422,
 * and the attempt is kept (a conflict_of_interest row and an audit entry).
 */
export async function scoreNomination(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  nominationId: string,
  jurorId: string,
  points: Record<string, number>,
) {
  const [row] = await ctx.db
    .select({ n: exemplaryNominations, s: exemplarySelections })
    .from(exemplaryNominations)
    .innerJoin(exemplarySelections, eq(exemplarySelections.id, exemplaryNominations.selectionId))
    .where(eq(exemplaryNominations.id, nominationId));
  if (!row) throw notFound(`Nomination ${nominationId}`);
  const { n, s } = row;
  const [juror] = await ctx.db
    .select()
    .from(exemplaryJurors)
    .where(and(eq(exemplaryJurors.id, jurorId), eq(exemplaryJurors.selectionId, s.id)));
  if (!juror) throw notFound(`Juror ${jurorId} of the ${s.year} selection`);
  const manages =
    user.permissions.has('evaluation.manage') && ['city', 'province'].includes(divisionLevelOf(user.scope.division ?? '') ?? '');
  if (!manages && juror.userId !== user.id)
    throw forbidden("Only the juror, or the selection's city-level staff, enter the juror's scores.");
  stillOpen(s);
  if (isConflictOfInterest(juror.districtCode, n.districtCode)) {
    await ctx.db.transaction(async (tx) => {
      const [c] = await tx
        .insert(exemplaryConflicts)
        .values({ id: uuidv7(), selectionId: s.id, nominationId, jurorId, districtCode: n.districtCode, attemptedBy: user.id })
        .returning({ id: exemplaryConflicts.id });
      await audit(tx, actor, 'exemplary.conflict_of_interest', 'exemplary_nomination', nominationId, {
        conflictId: c!.id,
        jurorId,
        districtCode: n.districtCode,
      });
    });
    throw unprocessable(
      `The juror is from ${n.districtCode}, the district that nominated this case, and may not score it; the attempt is recorded.`,
      [{ path: 'params.jurorId', message: `conflict of interest: a juror of the nominating district ${n.districtCode}` }],
      { reason: 'conflict_of_interest' },
    );
  }
  const errors = scoreErrors(s.sheet, points);
  if (errors.length) throw unprocessable(`The scores are not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);
  const total = s.sheet.reduce((t, i) => t + points[i.code]!, 0);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(exemplaryScores).where(and(eq(exemplaryScores.nominationId, nominationId), eq(exemplaryScores.jurorId, jurorId)));
    await tx
      .insert(exemplaryScores)
      .values(s.sheet.map((i) => ({ nominationId, jurorId, itemCode: i.code, points: points[i.code]!, enteredBy: user.id })));
    await audit(tx, actor, 'exemplary.score', 'exemplary_nomination', nominationId, { jurorId, total });
  });
  return { nominationId, jurorId, points: Object.fromEntries(s.sheet.map((i) => [i.code, points[i.code]!])), total };
}

export async function listConflicts(ctx: AppContext, selectionId: string, query: { limit: number; cursor?: string }) {
  await selectionRow(ctx, selectionId);
  const after = decodeCursor(query.cursor, z.tuple([z.string().uuid()]));
  const rows = await ctx.db
    .select()
    .from(exemplaryConflicts)
    .where(and(eq(exemplaryConflicts.selectionId, selectionId), after ? gt(exemplaryConflicts.id, after[0]) : undefined))
    .orderBy(asc(exemplaryConflicts.id))
    .limit(query.limit + 1);
  const result = page(rows, query.limit, (c) => [c.id]);
  return {
    items: result.items.map((c) => ({
      id: c.id,
      nominationId: c.nominationId,
      jurorId: c.jurorId,
      districtCode: c.districtCode,
      attemptedAt: c.attemptedAt.toISOString(),
    })),
    nextCursor: result.nextCursor,
  };
}

const meanView = (m: Mean) => ({ total: m.total, count: m.count, mean: meanText(m), fraction: fractionText(m) });

async function rankingOf(ctx: AppContext, selectionId: string) {
  const [nominations, totals] = await Promise.all([
    ctx.db
      .select({
        n: exemplaryNominations,
        // Microseconds, as PostgreSQL keeps them: two nominations within one millisecond still differ.
        at: sql<string>`(extract(epoch from ${exemplaryNominations.nominatedAt}) * 1000000)::bigint::text`,
      })
      .from(exemplaryNominations)
      .where(eq(exemplaryNominations.selectionId, selectionId)),
    ctx.db
      .select({
        nominationId: exemplaryScores.nominationId,
        kind: exemplaryJurors.kind,
        total: sql<number>`sum(${exemplaryScores.points})::int`,
      })
      .from(exemplaryScores)
      .innerJoin(exemplaryJurors, eq(exemplaryJurors.id, exemplaryScores.jurorId))
      .where(eq(exemplaryJurors.selectionId, selectionId))
      .groupBy(exemplaryScores.nominationId, exemplaryScores.jurorId, exemplaryJurors.kind),
  ]);
  return rankNominees(
    nominations.map(({ n, at }) => ({
      id: n.id,
      nominatedAt: Number(at),
      nomination: n,
      totals: totals.filter((t) => t.nominationId === n.id).map((t) => ({ kind: t.kind, total: t.total })),
    })),
  );
}

export async function ranking(ctx: AppContext, selectionId: string) {
  const s = await selectionRow(ctx, selectionId);
  const ranked = await rankingOf(ctx, selectionId);
  return {
    selectionId,
    year: s.year,
    maxTotal: s.sheet.reduce((t, i) => t + i.maxPoints, 0),
    items: ranked.map((r) => ({
      rank: r.rank,
      ...nominationView(r.nominee.nomination),
      overall: meanView(r.overall),
      byKind: Object.fromEntries(jurorKinds.map((k) => [k, meanView(r.byKind[k])])) as Record<JurorKind, ReturnType<typeof meanView>>,
    })),
  };
}

/**
 * Awards the top N of the ranking, each `amountFen`, and closes the selection;
 * each award enters its project's funding as the source `exemplary_award`.
 */
export async function award(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  selectionId: string,
  top: number,
  amountFen: number,
) {
  cityLevel(user);
  const s = await selectionRow(ctx, selectionId);
  stillOpen(s);
  const scored = (await rankingOf(ctx, selectionId)).filter((r) => r.overall.count > 0);
  if (top > scored.length)
    throw unprocessable(`Only ${scored.length} nominated case(s) have scores.`, [
      { path: 'body.top', message: `at most ${scored.length}` },
    ]);
  const winners = scored.slice(0, top);
  const facts = await Promise.all(winners.map((r) => projectFacts(ctx, user, r.nominee.nomination.projectId)));
  await ctx.db.transaction(async (tx) => {
    const closed = await tx
      .update(exemplarySelections)
      .set({ status: 'awarded' })
      .where(and(eq(exemplarySelections.id, selectionId), eq(exemplarySelections.status, 'open')))
      .returning({ id: exemplarySelections.id });
    if (!closed.length) throw conflict('The selection was awarded by someone else meanwhile.');
    await tx.insert(exemplaryAwards).values(
      scored.slice(0, top).map((r) => ({
        id: uuidv7(),
        selectionId,
        nominationId: r.nominee.id,
        projectId: r.nominee.nomination.projectId,
        rank: r.rank,
        amountFen,
        awardedBy: user.id,
      })),
    );
    for (const f of facts)
      await addAwardLine(tx, { projectId: f.id, year: f.year, districtCode: f.districtCode, amountFen: BigInt(amountFen) });
    await audit(tx, actor, 'exemplary.award', 'exemplary_selection', selectionId, { top, amountFen });
  });
  return getSelection(ctx, selectionId);
}

/** A project's exemplary-case awards (what funding would list as a source of its own), after the project's scope check. */
export async function projectAwards(ctx: AppContext, user: AuthUser, projectId: string) {
  await projectFacts(ctx, user, projectId);
  const rows = await ctx.db
    .select({ a: exemplaryAwards, year: exemplarySelections.year })
    .from(exemplaryAwards)
    .innerJoin(exemplarySelections, eq(exemplarySelections.id, exemplaryAwards.selectionId))
    .where(eq(exemplaryAwards.projectId, projectId))
    .orderBy(asc(exemplarySelections.year));
  return { items: rows.map((r) => ({ ...awardView(r.a), year: r.year })) };
}
