// Sample surveys by an outside agency (R19): a city-level account draws a
// reproducible random sample of households, stratified by district, with the
// seed recorded; the agency's evaluator enters each household's answer; the
// results give each district's counts and the city's rate with its confidence
// interval under the version of `sampling.survey` recorded at the draw.
//
// The frame (what is sampled from), read through the projects' and the
// registry's index functions:
// - support: every household of the compounds in the city's projects of the
//   year, whatever their stage (the year's annual plan: the households whose
//   support the renovation needs);
// - satisfaction: the households of the compounds in the city's projects of the
//   year that have passed completion acceptance (stage `accepted` or later).
// A compound in two projects of the year counts once. Strata are the compounds'
// districts.
import { and, asc, count, desc, eq, gt, lt, or, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/problem.ts';
import { evaluationMessages as em } from './messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { listRules, ruleAt } from '../../platform/policy.ts';
import { projectCompoundIds, projectsForAssessment, stages } from '../projects/index.ts';
import { divisionLevelOf, registry, within } from '../registry/index.ts';
import { decimal, exact, fractionString } from '../../platform/exact.ts';
import { worksFor } from './members.service.ts';
import { allocate, drawStratum, stratifiedEstimate, wilsonInterval, type SamplingRule } from './sampling.ts';
import {
  evaluationInstitutions,
  sampleSurveyHouseholds,
  sampleSurveys,
  sampleSurveyStrata,
  type SampleAnswer,
  type SampleSurveyKind,
} from './schema.ts';

export const SAMPLING_RULE = 'sampling.survey';

type Survey = typeof sampleSurveys.$inferSelect;

/** A city-level account draws and closes; its city is the one sampled. */
function cityOfDrawer(user: AuthUser): string {
  const scope = user.scope.division;
  if (!scope || divisionLevelOf(scope) !== 'city') throw forbidden(em.msg('sample_survey.city_only'));
  return scope;
}

/** Whether the account sees the survey: its scope holds the city, or lies within it. */
const maySee = (user: AuthUser, s: Survey) =>
  !!user.scope.division && (within(s.cityCode, user.scope.division) || within(user.scope.division, s.cityCode));

async function surveyFor(ctx: AppContext, user: AuthUser, id: string): Promise<Survey> {
  const [s] = await ctx.db.select().from(sampleSurveys).where(eq(sampleSurveys.id, id));
  if (!s || !maySee(user, s)) throw notFound(em.msg('sample_survey.entity'));
  return s;
}

const acceptedOrLater = new Set<string>(stages.slice(stages.indexOf('accepted')));

/** The frame of a city's year: households with their district, in household id order. */
export async function frameOf(db: Reader, cityCode: string, year: number, kind: SampleSurveyKind) {
  const projects = (await projectsForAssessment(db, year, cityCode)).filter((p) => kind === 'support' || acceptedOrLater.has(p.stage));
  const compoundIds = new Set<string>();
  for (const p of projects) for (const c of await projectCompoundIds(db, p.id)) compoundIds.add(c);
  const households = await registry.householdFrame(db, { compoundIds: [...compoundIds] });
  return { households, projects: projects.length, compounds: compoundIds.size };
}

const surveyView = (s: Survey, institution: { id: string; name: string }) => ({
  id: s.id,
  cityCode: s.cityCode,
  year: s.year,
  kind: s.kind,
  title: s.title,
  seed: s.seed,
  totalSize: s.totalSize,
  frameSize: s.frameSize,
  rule: { key: s.ruleKey, version: s.ruleVersion },
  institution,
  status: s.status,
  createdBy: s.createdByUsername,
  createdAt: s.createdAt.toISOString(),
  closedAt: s.closedAt?.toISOString() ?? null,
});

export interface NewSampleSurvey {
  kind: SampleSurveyKind;
  year: number;
  title: string;
  totalSize: number;
  seed?: string | number | null;
  institutionId: string;
}

/** A seed when none is given: 64 random bits as a decimal string, recorded like a given one. */
const newSeed = () => BigInt(`0x${randomBytes(8).toString('hex')}`).toString();

/**
 * Draws the sample in one transaction: the rule in force today, the frame, the
 * allocation, each district's draw, and the survey with its strata and
 * households, audited; a failure anywhere leaves nothing written.
 */
export async function drawSampleSurvey(ctx: AppContext, user: AuthUser, actor: Actor | undefined, input: NewSampleSurvey) {
  const cityCode = cityOfDrawer(user);
  return ctx.db.transaction((tx) => drawIn(tx, { cityCode, userId: user.id, username: user.username }, actor, input));
}

/** The draw inside a transaction the caller holds (the demo seed draws inside its own). */
export async function drawIn(
  tx: Tx,
  by: { cityCode: string; userId: string | null; username: string },
  actor: Actor | undefined,
  input: NewSampleSurvey,
) {
  const { cityCode } = by;
  const seed = input.seed === undefined || input.seed === null ? newSeed() : String(input.seed);
  const [institution] = await tx.select().from(evaluationInstitutions).where(eq(evaluationInstitutions.id, input.institutionId));
  if (!institution)
    throw unprocessable(em.msg('institution.unknown'), [{ path: 'body.institutionId', message: em.msg('field.not_listed') }]);
  if (institution.kind === 'other')
    throw unprocessable(em.msg('sample_survey.not_evaluator'), [{ path: 'body.institutionId', message: em.msg('field.evaluator_kinds') }]);
  const rule = await ruleAt<SamplingRule>(tx, SAMPLING_RULE);
  const frame = await frameOf(tx, cityCode, input.year, input.kind);
  if (!frame.households.length)
    throw unprocessable(em.msg('sample_survey.no_households', { kind: input.kind, year: input.year }), [
      {
        path: 'body.year',
        message: input.kind === 'support' ? em.msg('field.no_support_frame') : em.msg('field.no_accepted_frame'),
      },
    ]);
  const byDistrict = new Map<string, string[]>();
  const compoundOf = new Map<string, string>();
  for (const h of frame.households) {
    byDistrict.set(h.districtCode, [...(byDistrict.get(h.districtCode) ?? []), h.id]);
    compoundOf.set(h.id, h.compoundId);
  }
  const allocation = allocate(
    [...byDistrict].map(([code, ids]) => ({ code, frame: ids.length })),
    input.totalSize,
    rule.value.min_per_stratum,
  );
  if (!allocation.ok)
    throw unprocessable(
      allocation.reason === 'above_frame'
        ? em.msg('sample_survey.frame_too_small', { max: allocation.max })
        : em.msg('sample_survey.stratum_min', { min: rule.value.min_per_stratum, rule: rule.key, version: rule.version }),
      [
        {
          path: 'body.totalSize',
          message:
            allocation.reason === 'above_frame'
              ? em.msg('field.at_most', { n: allocation.max })
              : em.msg('field.at_least', { n: allocation.min }),
        },
      ],
    );
  const [survey] = await tx
    .insert(sampleSurveys)
    .values({
      id: uuidv7(),
      cityCode,
      year: input.year,
      kind: input.kind,
      title: input.title,
      seed,
      totalSize: input.totalSize,
      frameSize: frame.households.length,
      ruleKey: rule.key,
      ruleVersion: rule.version,
      institutionId: institution.id,
      createdBy: by.userId,
      createdByUsername: by.username,
    })
    .returning();
  await tx
    .insert(sampleSurveyStrata)
    .values(allocation.strata.map((s) => ({ surveyId: survey!.id, districtCode: s.code, frameSize: s.frame, sampleSize: s.size })));
  const rows = allocation.strata.flatMap((s) =>
    drawStratum(byDistrict.get(s.code)!, s.size, seed, s.code).map((householdId, drawOrder) => ({
      surveyId: survey!.id,
      householdId,
      districtCode: s.code,
      compoundId: compoundOf.get(householdId)!,
      drawOrder,
    })),
  );
  for (let i = 0; i < rows.length; i += 2000) await tx.insert(sampleSurveyHouseholds).values(rows.slice(i, i + 2000));
  await audit(tx, actor, 'evaluation.sample_survey.draw', 'sample_survey', survey!.id, {
    kind: input.kind,
    year: input.year,
    totalSize: input.totalSize,
    frameSize: frame.households.length,
    strata: allocation.strata.length,
    seedGiven: input.seed !== undefined && input.seed !== null,
    rule: `${rule.key}@${rule.version}`,
  });
  return getSampleSurveyIn(tx, survey!);
}

type Reader = Db | Tx;

async function getSampleSurveyIn(db: Reader, s: Survey) {
  const [institution] = await db
    .select({ id: evaluationInstitutions.id, name: evaluationInstitutions.name })
    .from(evaluationInstitutions)
    .where(eq(evaluationInstitutions.id, s.institutionId));
  return { ...surveyView(s, institution!), results: await resultsOf(db, s) };
}

export async function getSampleSurvey(ctx: AppContext, user: AuthUser, id: string) {
  return getSampleSurveyIn(ctx.db, await surveyFor(ctx, user, id));
}

export async function listSampleSurveys(
  ctx: AppContext,
  user: AuthUser,
  query: { year?: number; kind?: SampleSurveyKind; limit: number; cursor?: string },
) {
  const scope = user.scope.division;
  const level = scope ? divisionLevelOf(scope) : undefined;
  if (!scope || !level) return { items: [], nextCursor: null };
  const after = decodeCursor(query.cursor, z.tuple([z.string().uuid()]));
  const rows = await ctx.db
    .select({ s: sampleSurveys, i: { id: evaluationInstitutions.id, name: evaluationInstitutions.name } })
    .from(sampleSurveys)
    .innerJoin(evaluationInstitutions, eq(evaluationInstitutions.id, sampleSurveys.institutionId))
    .where(
      and(
        // The surveys of the account's city (a province-wide account: of every city in it).
        level === 'province'
          ? sql`${sampleSurveys.cityCode} like ${scope.slice(0, 2) + '%'}`
          : eq(sampleSurveys.cityCode, `${scope.slice(0, 4)}00`),
        query.year ? eq(sampleSurveys.year, query.year) : undefined,
        query.kind ? eq(sampleSurveys.kind, query.kind) : undefined,
        after ? lt(sampleSurveys.id, after[0]) : undefined,
      ),
    )
    .orderBy(desc(sampleSurveys.id))
    .limit(query.limit + 1);
  const result = page(rows, query.limit, (r) => [r.s.id]);
  return { items: result.items.map((r) => surveyView(r.s, r.i)), nextCursor: result.nextCursor };
}

/** The drawn households in draw order per district, with where they are and their answer; no resident data. */
export async function listSampledHouseholds(
  ctx: AppContext,
  user: AuthUser,
  id: string,
  query: { districtCode?: string; answer?: SampleAnswer | 'pending'; limit: number; cursor?: string },
) {
  const s = await surveyFor(ctx, user, id);
  // The drawn households' addresses are the institution's work: another agency's evaluator sees none of them.
  if (!(await worksFor(ctx.db, user, s.institutionId))) throw notFound(em.msg('sample_survey.entity'));
  const after = decodeCursor(query.cursor, z.tuple([z.string(), z.number().int()]));
  const scope = user.scope.division!;
  const level = divisionLevelOf(scope);
  // The city's accounts see every drawn household, a district's its own; below a district, none (404 as out of scope).
  if (level !== 'province' && level !== 'city' && level !== 'district') throw notFound(em.msg('sample_survey.entity'));
  const t = sampleSurveyHouseholds;
  const rows = await ctx.db
    .select()
    .from(t)
    .where(
      and(
        eq(t.surveyId, s.id),
        level === 'district' ? eq(t.districtCode, scope) : undefined,
        query.districtCode ? eq(t.districtCode, query.districtCode) : undefined,
        query.answer === 'pending' ? sql`${t.answer} is null` : query.answer ? eq(t.answer, query.answer) : undefined,
        after ? or(gt(t.districtCode, after[0]), and(eq(t.districtCode, after[0]), gt(t.drawOrder, after[1]))) : undefined,
      ),
    )
    .orderBy(asc(t.districtCode), asc(t.drawOrder))
    .limit(query.limit + 1);
  const result = page(rows, query.limit, (r) => [r.districtCode, r.drawOrder]);
  const where = new Map(
    (await registry.householdFrame(ctx.db, { householdIds: result.items.map((r) => r.householdId) })).map((h) => [h.id, h]),
  );
  return {
    items: result.items.map((r) => {
      const h = where.get(r.householdId);
      return {
        householdId: r.householdId,
        districtCode: r.districtCode,
        drawOrder: r.drawOrder,
        compoundId: r.compoundId,
        compound: h?.compound ?? null,
        address: h?.address ?? null,
        building: h?.building ?? null,
        unit: h?.unit ?? null,
        room: h?.room ?? null,
        answer: r.answer,
        enteredBy: r.enteredByUsername,
        enteredAt: r.enteredAt?.toISOString() ?? null,
      };
    }),
    nextCursor: result.nextCursor,
  };
}

/**
 * The agency's answer for one drawn household (replacing an earlier one): by an
 * account with `sample.answer` or `evaluation.manage`, an evaluator only for
 * its own institution's surveys (see members.service.ts). The first
 * answer moves the survey from draft to fielding; a closed survey takes none (409).
 */
export async function answerHousehold(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  id: string,
  householdId: string,
  answer: SampleAnswer,
) {
  if (!user.permissions.has('sample.answer') && !user.permissions.has('evaluation.manage'))
    throw forbidden(em.msg('sample_survey.answers_by'));
  const s = await surveyFor(ctx, user, id);
  // An evaluator answers for its own institution's surveys only (404, as out of scope).
  if (!(await worksFor(ctx.db, user, s.institutionId))) throw notFound(em.msg('sample_survey.entity'));
  const level = divisionLevelOf(user.scope.division!);
  // As for the list: the city's accounts answer for any drawn household, a district's for its own.
  if (level !== 'province' && level !== 'city' && level !== 'district') throw notFound(em.msg('sample_survey.entity'));
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(sampleSurveys).where(eq(sampleSurveys.id, s.id)).for('update');
    if (locked!.status === 'closed') throw conflict(em.msg('sample_survey.closed_no_answers'), { status: 'closed' });
    const [row] = await tx
      .update(sampleSurveyHouseholds)
      .set({ answer, enteredBy: user.id, enteredByUsername: user.username, enteredAt: new Date() })
      .where(
        and(
          eq(sampleSurveyHouseholds.surveyId, s.id),
          eq(sampleSurveyHouseholds.householdId, householdId),
          level === 'district' ? eq(sampleSurveyHouseholds.districtCode, user.scope.division!) : undefined,
        ),
      )
      .returning();
    if (!row) throw notFound(em.msg('sample_survey.household_entity'));
    if (locked!.status === 'draft') await tx.update(sampleSurveys).set({ status: 'fielding' }).where(eq(sampleSurveys.id, s.id));
    // Never the answer itself: like a survey response, it is the household's own view.
    await audit(tx, actor, 'evaluation.sample_survey.answer', 'sample_survey', s.id, { householdId, districtCode: row.districtCode });
    return {
      surveyId: s.id,
      householdId,
      districtCode: row.districtCode,
      answer: row.answer!,
      enteredBy: row.enteredByUsername!,
      enteredAt: row.enteredAt!.toISOString(),
    };
  });
}

export async function closeSampleSurvey(ctx: AppContext, user: AuthUser, actor: Actor | undefined, id: string) {
  const s = await surveyFor(ctx, user, id);
  if (cityOfDrawer(user) !== s.cityCode) throw notFound(em.msg('sample_survey.entity'));
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(sampleSurveys).where(eq(sampleSurveys.id, s.id)).for('update');
    if (locked!.status === 'closed') throw conflict(em.msg('sample_survey.closed_already'), { status: 'closed' });
    const [closed] = await tx
      .update(sampleSurveys)
      .set({ status: 'closed', closedBy: user.id, closedAt: new Date() })
      .where(eq(sampleSurveys.id, s.id))
      .returning();
    const [{ n }] = (await tx
      .select({ n: count() })
      .from(sampleSurveyHouseholds)
      .where(and(eq(sampleSurveyHouseholds.surveyId, s.id), sql`${sampleSurveyHouseholds.answer} is null`))) as [{ n: number }];
    await audit(tx, actor, 'evaluation.sample_survey.close', 'sample_survey', s.id, { from: locked!.status, pending: n });
    return getSampleSurveyIn(tx, closed!);
  });
}

export async function sampleSurveyResults(ctx: AppContext, user: AuthUser, id: string) {
  return resultsOf(ctx.db, await surveyFor(ctx, user, id));
}

const ratio = (n: number, d: number, places: number) =>
  d === 0 ? { rate: null, value: null } : { rate: fractionString(exact(n, d)), value: decimal(exact(n, d), places) };

/**
 * Per district: sampled, each answer's count, not yet entered, answers (yes + no)
 * and the rate yes/answers as an exact fraction; for the city the stratified
 * estimate with its interval (the headline), the pooled Wilson interval beside
 * it, and the response rate (answers / sampled), under the rule version of the draw.
 */
async function resultsOf(db: Reader, s: Survey) {
  const versions = await listRules(db, s.ruleKey);
  const rule = versions.find((r) => r.version === s.ruleVersion);
  if (!rule) throw new Error(`Rule ${s.ruleKey} ${s.ruleVersion} of sample survey ${s.id} is missing.`);
  const value = rule.value as SamplingRule;
  const [strata, counts] = await Promise.all([
    db.select().from(sampleSurveyStrata).where(eq(sampleSurveyStrata.surveyId, s.id)).orderBy(asc(sampleSurveyStrata.districtCode)),
    db
      .select({ districtCode: sampleSurveyHouseholds.districtCode, answer: sampleSurveyHouseholds.answer, n: count() })
      .from(sampleSurveyHouseholds)
      .where(eq(sampleSurveyHouseholds.surveyId, s.id))
      .groupBy(sampleSurveyHouseholds.districtCode, sampleSurveyHouseholds.answer),
  ]);
  const names = new Map((await registry.childDivisions(db, s.cityCode)).map((d) => [d.code, d.name]));
  const tally = (code: string, answer: SampleAnswer | null) =>
    Number(counts.find((c) => c.districtCode === code && c.answer === answer)?.n ?? 0);
  const rows = strata.map((st) => {
    const yes = tally(st.districtCode, 'yes');
    const no = tally(st.districtCode, 'no');
    return {
      districtCode: st.districtCode,
      name: names.get(st.districtCode) ?? null,
      frameSize: st.frameSize,
      sampleSize: st.sampleSize,
      yes,
      no,
      refused: tally(st.districtCode, 'refused'),
      unreachable: tally(st.districtCode, 'unreachable'),
      pending: tally(st.districtCode, null),
      responded: yes + no,
      rate: ratio(yes, yes + no, value.decimals).rate,
    };
  });
  const sampled = rows.reduce((n, r) => n + r.sampleSize, 0);
  const yes = rows.reduce((n, r) => n + r.yes, 0);
  const responded = rows.reduce((n, r) => n + r.responded, 0);
  const estimate = stratifiedEstimate(
    rows.map((r) => ({ code: r.districtCode, frame: r.frameSize, yes: r.yes, responded: r.responded })),
    value,
  );
  return {
    surveyId: s.id,
    kind: s.kind,
    status: s.status,
    rule: { key: rule.key, version: rule.version },
    confidence: { percent: value.confidence_percent, z: fractionString(exact(value.z.numerator, value.z.denominator)) },
    sampled,
    responded,
    responseRate: ratio(responded, sampled, value.decimals),
    strata: rows,
    estimate: { method: 'stratified' as const, ...estimate },
    pooled: {
      method: 'wilson' as const,
      yes,
      responded,
      ...ratio(yes, responded, value.decimals),
      interval: wilsonInterval(yes, responded, value),
    },
  };
}

export type SampleSurveyResults = Awaited<ReturnType<typeof resultsOf>>;
