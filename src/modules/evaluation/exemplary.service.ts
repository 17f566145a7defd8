// The yearly selection of exemplary cases (R18): nominations by districts,
// jurors of four kinds scoring on the published sheet (never a case of their
// own district: refused and recorded), an exact ranking from integer totals,
// and awards that enter the winners' funding.
import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/problem.ts';
import type { FieldError } from '../../platform/http/problem.ts';
import type { Words } from '../../platform/i18n/messages.ts';
import { evaluationMessages as em } from './messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { authUserByUsername } from '../accounts/index.ts';
import { projectFacts, requireProject } from '../projects/index.ts';
import { addAwardLine } from '../funding/index.ts';
import { divisionLevelOf } from '../registry/index.ts';
import { defaultSheet, fractionText, isConflictOfInterest, meanText, rankNominees, scoreErrors, sheetErrors, type Mean } from './rules.ts';
import {
  exemplaryAwards,
  exemplaryConflicts,
  exemplaryJurors,
  exemplaryNominations,
  exemplaryScores,
  exemplarySelections,
  jurorKinds,
  type JurorKind,
  type SheetItem,
} from './schema.ts';

function cityLevel(user: AuthUser) {
  const level = user.scope.division ? divisionLevelOf(user.scope.division) : undefined;
  if (level !== 'city' && level !== 'province') throw forbidden(em.msg('exemplary.city_only'));
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
const fieldWords = (e: FieldError): Words => ({
  in: (locale) => `${e.path}: ${e.message.in(locale)}`,
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
  if (errors.length) throw unprocessable(em.msg('exemplary.sheet_invalid'), errors);
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: exemplarySelections.id })
      .from(exemplarySelections)
      .where(eq(exemplarySelections.year, input.year));
    if (taken) throw conflict(em.msg('selection.exists', { year: input.year }), { selectionId: taken.id });
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
  if (!row) throw notFound(em.msg('selection.entity', { id }));
  return row;
}

const stillOpen = (s: Selection) => {
  if (s.status !== 'open') throw conflict(em.msg('selection.closed', { year: s.year }));
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
    throw unprocessable(em.msg('project.unknown_in_scope'), [{ path: 'body.projectId', message: em.msg('field.project_not_in_scope') }]);
  });
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: exemplaryNominations.id })
      .from(exemplaryNominations)
      .where(and(eq(exemplaryNominations.year, s.year), eq(exemplaryNominations.projectId, projectId)));
    if (taken) throw conflict(em.msg('nomination.exists', { year: s.year }), { nominationId: taken.id });
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
    throw unprocessable(em.msg('exemplary.city_expert_only'), [
      { path: 'body.districtCode', message: em.msg('exemplary.district_required', { kind: input.kind }) },
    ]);
  if (input.districtCode !== null && divisionLevelOf(input.districtCode) !== 'district')
    throw unprocessable(em.msg('exemplary.not_district_code', { code: input.districtCode }), [
      { path: 'body.districtCode', message: em.msg('field.district_code') },
    ]);
  let userId: string | null = null;
  if (input.username) {
    const linked = await authUserByUsername(ctx, input.username).catch(() => null);
    if (!linked)
      throw unprocessable(em.msg('exemplary.no_account', { username: input.username }), [
        { path: 'body.username', message: em.msg('field.no_account') },
      ]);
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
  if (!row) throw notFound(em.msg('nomination.entity', { id: nominationId }));
  const { n, s } = row;
  const [juror] = await ctx.db
    .select()
    .from(exemplaryJurors)
    .where(and(eq(exemplaryJurors.id, jurorId), eq(exemplaryJurors.selectionId, s.id)));
  if (!juror) throw notFound(em.msg('exemplary.juror_entity', { id: jurorId, year: s.year }));
  const manages =
    user.permissions.has('evaluation.manage') && ['city', 'province'].includes(divisionLevelOf(user.scope.division ?? '') ?? '');
  if (!manages && juror.userId !== user.id) throw forbidden(em.msg('exemplary.juror_scores_by'));
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
      em.msg('exemplary.conflict_of_interest', { district: n.districtCode }),
      [{ path: 'params.jurorId', message: em.msg('field.conflict_of_interest', { district: n.districtCode }) }],
      { reason: 'conflict_of_interest' },
    );
  }
  const errors = scoreErrors(s.sheet, points);
  if (errors.length) throw unprocessable(em.msg('exemplary.scores_invalid', { errors: errors.map(fieldWords) }), errors);
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
    throw unprocessable(em.msg('exemplary.too_few_scored', { count: scored.length }), [
      { path: 'body.top', message: em.msg('field.at_most', { n: scored.length }) },
    ]);
  const winners = scored.slice(0, top);
  const facts = await Promise.all(winners.map((r) => projectFacts(ctx, user, r.nominee.nomination.projectId)));
  await ctx.db.transaction(async (tx) => {
    const closed = await tx
      .update(exemplarySelections)
      .set({ status: 'awarded' })
      .where(and(eq(exemplarySelections.id, selectionId), eq(exemplarySelections.status, 'open')))
      .returning({ id: exemplarySelections.id });
    if (!closed.length) throw conflict(em.msg('exemplary.awarded_meanwhile'));
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
  await requireProject(ctx, user, projectId);
  const rows = await ctx.db
    .select({ a: exemplaryAwards, year: exemplarySelections.year })
    .from(exemplaryAwards)
    .innerJoin(exemplarySelections, eq(exemplarySelections.id, exemplaryAwards.selectionId))
    .where(eq(exemplaryAwards.projectId, projectId))
    .orderBy(asc(exemplarySelections.year));
  return { items: rows.map((r) => ({ ...awardView(r.a), year: r.year })) };
}
