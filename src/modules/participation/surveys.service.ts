// Surveys (R13): questionnaires targeted at the households of a project's
// compounds. One current response per household (a primary key); a newer one
// replaces it and every response stays in the history. Answers are personal:
// views show aggregates, and the audit log records who entered what for which
// household, never the answers.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { pgArray } from '../../platform/db/sql.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { conflict, forbidden, notFound, unprocessable, type FieldError } from '../../platform/http/problem.ts';
import { participationMessages as pm } from './messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { listIndicators } from '../catalogue/index.ts';
import { projectCompoundIds, requireProject } from '../projects/index.ts';
import { registry } from '../registry/index.ts';
import { surveyResponseHistory, surveyResponses, surveys, type SurveyKind } from './schema.ts';
import {
  chosenIndicators,
  summarise,
  validateAnswers,
  validateDefinition,
  type Answers,
  type Problem as SurveyProblem,
  type Question,
} from './surveys.ts';

export type Survey = typeof surveys.$inferSelect;

const prefixed = (prefix: string, problems: SurveyProblem[]) => problems.map((p) => ({ path: `${prefix}.${p.path}`, message: p.message }));

/** The households a survey is put to: those of the project's compounds now, with their addresses. */
const projectHouseholds = async (db: Db | Tx, projectId: string) =>
  registry.householdAddressesOfCompounds(db, await projectCompoundIds(db, projectId));

/**
 * A survey the account may see: staff within the project's scope, or a resident
 * verified in a household of the project. Anything else answers 404.
 */
export async function surveyFor(ctx: AppContext, user: AuthUser, id: string): Promise<Survey> {
  const [survey] = await ctx.db.select().from(surveys).where(eq(surveys.id, id)).limit(1);
  if (!survey) throw notFound(pm.msg('survey.entity', { id }));
  if (user.permissions.has('projects.read')) {
    await requireProject(ctx, user, survey.projectId).catch(() => {
      throw notFound(pm.msg('survey.entity', { id }));
    });
    return survey;
  }
  if (user.residentId && (await residentHouseholdsOf(ctx, survey.projectId, user.residentId)).length) return survey;
  throw notFound(pm.msg('survey.entity', { id }));
}

async function residentHouseholdsOf(ctx: AppContext, projectId: string, residentId: string): Promise<string[]> {
  const mine = await registry.householdIdsOfResident(ctx.db, residentId);
  if (!mine.length) return [];
  const all = new Set((await projectHouseholds(ctx.db, projectId)).map((h) => h.id));
  return mine.filter((h) => all.has(h));
}

export interface NewSurvey {
  kind: SurveyKind;
  title: string;
  questions: Question[];
}

export async function openSurvey(ctx: AppContext, user: AuthUser, actor: Actor | undefined, projectId: string, input: NewSurvey) {
  await requireProject(ctx, user, projectId);
  const problems: FieldError[] = prefixed('body', validateDefinition(input.questions, { allowIndicators: input.kind === 'baseline' }));
  const mapped = input.questions.flatMap((q, i) =>
    (q.options ?? []).flatMap((o, j) =>
      o.indicatorCode ? [{ code: o.indicatorCode, path: `body.questions.${i}.options.${j}.indicatorCode` }] : [],
    ),
  );
  if (mapped.length && !problems.length) {
    const leaves = new Set((await listIndicators(ctx.db)).items.filter((i) => i.level === 3).map((i) => i.code));
    for (const m of mapped) if (!leaves.has(m.code)) problems.push({ path: m.path, message: pm.msg('survey.not_third_level') });
  }
  if (problems.length) throw unprocessable(pm.msg('survey.questionnaire_unsound'), problems);
  const id = uuidv7();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(surveys).values({ id, projectId, kind: input.kind, title: input.title, questions: input.questions, openedBy: user.id });
    await audit(tx, actor, 'survey.open', 'survey', id, { projectId, kind: input.kind, questions: input.questions.length });
  });
  return { id };
}

async function counts(db: Db, surveyIds: string[]) {
  if (!surveyIds.length) return new Map<string, { responses: number; refused: number }>();
  const rows = await db
    .select({
      id: surveyResponses.surveyId,
      responses: sql<number>`count(*)::int`,
      refused: sql<number>`(count(*) filter (where ${surveyResponses.channel} = 'refused'))::int`,
    })
    .from(surveyResponses)
    .where(inArray(surveyResponses.surveyId, surveyIds))
    .groupBy(surveyResponses.surveyId);
  return new Map(rows.map((r) => [r.id, { responses: r.responses, refused: r.refused }]));
}

const shape = (s: Survey, c: { responses: number; refused: number } | undefined) => ({
  id: s.id,
  projectId: s.projectId,
  kind: s.kind,
  title: s.title,
  status: s.status,
  questions: (s.questions as Question[]).length,
  responses: c?.responses ?? 0,
  refused: c?.refused ?? 0,
  openedAt: s.openedAt.toISOString(),
  closedAt: s.closedAt?.toISOString() ?? null,
});

export async function listSurveys(ctx: AppContext, user: AuthUser, projectId: string) {
  await requireProject(ctx, user, projectId);
  const rows = await ctx.db.select().from(surveys).where(eq(surveys.projectId, projectId)).orderBy(desc(surveys.openedAt));
  const c = await counts(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => shape(r, c.get(r.id))) };
}

/** The questionnaire; staff also get the answers in aggregate (never one household's). */
export async function getSurvey(ctx: AppContext, user: AuthUser, id: string) {
  const survey = await surveyFor(ctx, user, id);
  const c = await counts(ctx.db, [id]);
  const questions = survey.questions as Question[];
  let results;
  if (user.permissions.has('projects.read')) {
    const rows = await ctx.db
      .select({ answers: surveyResponses.answers })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.surveyId, id), sql`${surveyResponses.channel} <> 'refused'`));
    results = summarise(
      questions,
      rows.map((r) => r.answers as Answers),
    );
  }
  return { ...shape(survey, c.get(id)), questions, ...(results ? { results } : {}) };
}

export interface ResponseInput {
  householdId: string;
  answers: Answers;
  channel: 'online' | 'paper' | 'refused';
  evidence?: { sheetNo?: string; scanRef?: string };
}

/** Online: a resident verified in the household. Paper and refusals: a worker with `surveys.enter` in the project's scope. */
async function authorise(ctx: AppContext, user: AuthUser, survey: Survey, input: ResponseInput) {
  if (input.channel === 'online') {
    const mine = user.residentId ? await residentHouseholdsOf(ctx, survey.projectId, user.residentId) : [];
    if (!mine.includes(input.householdId)) throw forbidden(pm.msg('survey.online_member_only'));
    if (input.evidence)
      throw unprocessable(pm.msg('survey.online_no_evidence'), [{ path: 'body.evidence', message: pm.msg('field.not_allowed') }]);
    return;
  }
  if (!user.permissions.has('surveys.enter')) throw forbidden(pm.msg('survey.paper_by_workers'));
  await requireProject(ctx, user, survey.projectId);
  if (input.channel === 'paper' && !input.evidence?.sheetNo)
    throw unprocessable(pm.msg('survey.paper_sheet'), [{ path: 'body.evidence.sheetNo', message: pm.msg('field.is_required') }]);
}

export async function respond(ctx: AppContext, user: AuthUser, actor: Actor | undefined, id: string, input: ResponseInput) {
  const survey = await surveyFor(ctx, user, id);
  await authorise(ctx, user, survey, input);
  const questions = survey.questions as Question[];
  if (input.channel === 'refused') {
    if (Object.keys(input.answers).length)
      throw unprocessable(pm.msg('survey.refusal_no_answers'), [{ path: 'body.answers', message: pm.msg('field.must_be_empty') }]);
  } else {
    const problems = validateAnswers(questions, input.answers);
    if (problems.length) throw unprocessable(pm.msg('survey.answers_unfit'), prefixed('body.answers', problems));
  }
  if (!(await projectHouseholds(ctx.db, survey.projectId)).some((h) => h.id === input.householdId))
    throw unprocessable(pm.msg('survey.household_not_in_project'), [
      { path: 'body.householdId', message: pm.msg('field.not_household_of_project') },
    ]);
  return ctx.db.transaction(async (tx) => {
    // A share lock: responses go in side by side, and a close waits for them (and they for it).
    const [locked] = await tx.select({ status: surveys.status }).from(surveys).where(eq(surveys.id, id)).for('share');
    if (locked!.status !== 'open') throw conflict(pm.msg('survey.closed'));
    const enteredAt = new Date();
    const row = {
      channel: input.channel,
      answers: input.answers,
      sheetNo: input.evidence?.sheetNo ?? null,
      scanRef: input.evidence?.scanRef ?? null,
      enteredBy: user.id,
      enteredAt,
    };
    const historyId = uuidv7();
    await tx.insert(surveyResponseHistory).values({ id: historyId, surveyId: id, householdId: input.householdId, ...row });
    const [written] = await tx
      .insert(surveyResponses)
      .values({ surveyId: id, householdId: input.householdId, historyId, ...row })
      .onConflictDoUpdate({ target: [surveyResponses.surveyId, surveyResponses.householdId], set: { historyId, ...row } })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    const replaced = !written!.inserted;
    // Never the answers: they are personal.
    await audit(tx, actor, 'survey.response', 'survey', id, {
      householdId: input.householdId,
      channel: input.channel,
      sheetNo: row.sheetNo,
      replaced,
    });
    return { householdId: input.householdId, channel: input.channel, replaced, enteredAt: enteredAt.toISOString() };
  });
}

export async function closeSurvey(ctx: AppContext, user: AuthUser, actor: Actor | undefined, id: string) {
  const survey = await surveyFor(ctx, user, id);
  await requireProject(ctx, user, survey.projectId);
  const closed = await ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(surveys).where(eq(surveys.id, id)).for('update');
    if (locked!.status !== 'open') throw conflict(pm.msg('survey.already_closed'));
    await tx.update(surveys).set({ status: 'closed', closedAt: new Date() }).where(eq(surveys.id, id));
    await freezeTallies(tx, [id]);
    const [row] = await tx.select().from(surveys).where(eq(surveys.id, id));
    await audit(tx, actor, 'survey.close', 'survey', id, {});
    return row!;
  });
  return shape(closed, (await counts(ctx.db, [id])).get(id));
}

export interface Coverage {
  total: number;
  reached: number;
  refused: number;
  byBuilding: { building: string; unit: string; total: number; reached: number }[];
  notReached: { householdId: string; building: string; unit: string; room: string }[];
}

/** Households reached of the project's households now; a refusal is a household reached. */
export async function coverageOf(db: Db | Tx, survey: Pick<Survey, 'id' | 'projectId'>): Promise<Coverage> {
  const all = await projectHouseholds(db, survey.projectId);
  const responses = await db
    .select({ householdId: surveyResponses.householdId, channel: surveyResponses.channel })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, survey.id));
  const reached = new Map(responses.map((r) => [r.householdId, r.channel]));
  const byBuilding = new Map<string, Coverage['byBuilding'][number]>();
  const out: Coverage = { total: all.length, reached: 0, refused: 0, byBuilding: [], notReached: [] };
  for (const h of all) {
    const key = `${h.building}\u0000${h.unit}`;
    let b = byBuilding.get(key);
    if (!b) byBuilding.set(key, (b = { building: h.building, unit: h.unit, total: 0, reached: 0 }));
    b.total++;
    const channel = reached.get(h.id);
    if (channel) {
      b.reached++;
      out.reached++;
      if (channel === 'refused') out.refused++;
    } else out.notReached.push({ householdId: h.id, building: h.building, unit: h.unit, room: h.room });
  }
  out.byBuilding = [...byBuilding.values()];
  return out;
}

export async function coverage(ctx: AppContext, user: AuthUser, id: string): Promise<Coverage> {
  const survey = await surveyFor(ctx, user, id);
  if (!user.permissions.has('projects.read')) throw notFound(pm.msg('survey.entity', { id }));
  return coverageOf(ctx.db, survey);
}

/** The gate's fact: a baseline survey of the project that reached every household. */
export async function fullyCoveredBaseline(ctx: AppContext, projectId: string) {
  const rows = await ctx.db
    .select({ id: surveys.id, projectId: surveys.projectId })
    .from(surveys)
    .where(and(eq(surveys.projectId, projectId), eq(surveys.kind, 'baseline')))
    .orderBy(desc(surveys.openedAt));
  let best: Coverage | undefined;
  for (const s of rows) {
    const c = await coverageOf(ctx.db, s);
    if (c.total > 0 && c.reached === c.total) return { covered: true as const, coverage: c };
    if (!best || c.reached * Math.max(best.total, 1) > best.reached * Math.max(c.total, 1)) best = c;
  }
  return { covered: false as const, coverage: best };
}

/** The project's needs: indicator codes of the options any household chose in its baseline surveys. */
export async function baselineNeeds(ctx: AppContext, projectId: string): Promise<Set<string>> {
  const rows = await ctx.db
    .select({ id: surveys.id, questions: surveys.questions })
    .from(surveys)
    .where(and(eq(surveys.projectId, projectId), eq(surveys.kind, 'baseline')));
  const needs = new Set<string>();
  for (const s of rows) {
    const questions = s.questions as Question[];
    if (!questions.some((q) => q.options?.some((o) => o.indicatorCode))) continue;
    const chosen = await ctx.db.execute<{ question_id: string; code: string }>(sql`
      select distinct a.key as question_id, c.code
      from ${surveyResponses} r, jsonb_each(r.answers) a,
        jsonb_array_elements_text(case jsonb_typeof(a.value) when 'array' then a.value else jsonb_build_array(a.value) end) c(code)
      where r.survey_id = ${s.id} and r.channel <> 'refused'`);
    for (const code of chosenIndicators(
      questions,
      chosen.rows.map((r) => ({ questionId: r.question_id, code: r.code })),
    ))
      needs.add(code);
  }
  return needs;
}

export interface SatisfiedRule {
  question_id: string;
  satisfied_codes: string[];
}

/**
 * The counts of closed surveys, frozen into `surveys.tally` when they close
 * (their responses can no longer change): households answering and refusing,
 * and for each question the households giving each answer. Idempotent; seeds
 * that write closed surveys call it too.
 */
const tallyOf = (surveyId: SQL) => sql`jsonb_build_object(
    'answered', (select count(*) from survey_responses r where r.survey_id = ${surveyId} and r.channel <> 'refused'),
    'refused', (select count(*) from survey_responses r where r.survey_id = ${surveyId} and r.channel = 'refused'),
    'answers', coalesce((
      select jsonb_object_agg(question, counts) from (
        select question, jsonb_object_agg(answer, n) as counts from (
          select a.key as question, coalesce(a.value #>> '{}', 'null') as answer, count(*) as n
          from survey_responses r, jsonb_each(r.answers) a where r.survey_id = ${surveyId} and r.channel <> 'refused' group by 1, 2) x
        group by question) y), '{}'::jsonb))`;

export async function freezeTallies(db: Db | Tx, surveyIds: string[]): Promise<void> {
  if (!surveyIds.length) return;
  await db.execute(sql`update surveys set tally = ${tallyOf(sql`surveys.id`)}
    where id = any(${pgArray(surveyIds)}::uuid[]) and status = 'closed'`);
}

/**
 * Each project's latest satisfaction survey counted by the rule: households that
 * answered (refusals are not answers) and those whose answer to the rule's
 * question is a satisfied one. A closed survey's frozen tally is read; only an
 * open one counts its responses. Projects without such a survey are absent.
 */
export async function satisfactionCounts(db: Db | Tx, projectIds: string[], rule: SatisfiedRule) {
  if (!projectIds.length) return new Map<string, { surveyId: string; satisfied: number; answered: number }>();
  const { rows } = await db.execute<{ project_id: string; survey_id: string; satisfied: number; answered: number }>(sql`
    with latest as (
      select distinct on (project_id) id, project_id, tally from surveys
      where kind = 'satisfaction' and project_id = any(${pgArray(projectIds)}::uuid[])
      order by project_id, opened_at desc)
    select l.project_id, l.id as survey_id,
      coalesce((l.tally ->> 'answered')::int, live.answered) as answered,
      coalesce((select sum(value::int) from jsonb_each_text(l.tally -> 'answers' -> ${rule.question_id})
                where key = any(${pgArray(rule.satisfied_codes)}::text[]))::int, live.satisfied, 0) as satisfied
    from latest l left join lateral (
      select count(*) filter (where r.channel <> 'refused')::int as answered,
        count(*) filter (where r.channel <> 'refused' and r.answers ->> ${rule.question_id} = any(${pgArray(rule.satisfied_codes)}::text[]))::int as satisfied
      from survey_responses r where l.tally is null and r.survey_id = l.id) live on true`);
  return new Map(rows.map((r) => [r.project_id, { surveyId: r.survey_id, satisfied: r.satisfied, answered: r.answered }]));
}
