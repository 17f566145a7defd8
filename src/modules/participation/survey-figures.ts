// Residents' survey figures for a set of projects, for dashboards that show them beside other records (the grid
// governance dashboard's "residents' surveys" collected downward). Closed surveys are read from their frozen
// tallies; open ones, and any count restricted to some households (one compound of a cluster project), from the
// responses. Aggregates only: no household, no answer leaves.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { pgArray } from '../../platform/db/sql.ts';
import type { SurveyKind } from './schema.ts';
import type { SatisfiedRule } from './surveys.service.ts';

export interface SurveyFigures {
  /** Surveys by kind and status: how many, and the households that answered or refused. */
  byKind: { kind: SurveyKind; status: 'open' | 'closed'; surveys: number; answered: number; refused: number }[];
  /** Satisfied over answering households in each project's latest satisfaction survey (the overview's definition). */
  satisfaction: { surveys: number; satisfied: number; answered: number };
}

/**
 * `householdIds` (when given) restricts every count to those households' responses: the compound level of a
 * project that covers several compounds. Then counts come from the responses even for closed surveys.
 */
export async function surveyFigures(
  db: Db | Tx,
  projectIds: string[],
  rule: SatisfiedRule,
  householdIds?: string[],
): Promise<SurveyFigures> {
  if (!projectIds.length) return { byKind: [], satisfaction: { surveys: 0, satisfied: 0, answered: 0 } };
  const only = householdIds ? sql`and r.household_id = any(${pgArray(householdIds)}::uuid[])` : sql``;
  const useTally = householdIds ? sql`false` : sql`s.tally is not null`;
  const { rows: kinds } = await db.execute<SurveyFigures['byKind'][number]>(sql`
    select s.kind, s.status, count(*)::int as surveys,
      coalesce(sum(case when ${useTally} then (s.tally ->> 'answered')::int else live.answered end), 0)::int as answered,
      coalesce(sum(case when ${useTally} then (s.tally ->> 'refused')::int else live.refused end), 0)::int as refused
    from surveys s left join lateral (
      select count(*) filter (where r.channel <> 'refused')::int as answered, count(*) filter (where r.channel = 'refused')::int as refused
      from survey_responses r where not (${useTally}) and r.survey_id = s.id ${only}) live on true
    where s.project_id = any(${pgArray(projectIds)}::uuid[])
    group by s.kind, s.status order by s.kind, s.status`);
  const { rows } = await db.execute<{ surveys: number; satisfied: number; answered: number }>(sql`
    with latest as (
      select distinct on (project_id) id, tally from surveys s
      where kind = 'satisfaction' and project_id = any(${pgArray(projectIds)}::uuid[])
      order by project_id, opened_at desc)
    select count(*)::int as surveys,
      coalesce(sum(case when ${useTally} then (s.tally ->> 'answered')::int else live.answered end), 0)::int as answered,
      coalesce(sum(case when ${useTally}
        then (select coalesce(sum(value::int), 0) from jsonb_each_text(s.tally -> 'answers' -> ${rule.question_id})
              where key = any(${pgArray(rule.satisfied_codes)}::text[]))
        else live.satisfied end), 0)::int as satisfied
    from latest s left join lateral (
      select count(*) filter (where r.channel <> 'refused')::int as answered,
        count(*) filter (where r.channel <> 'refused' and r.answers ->> ${rule.question_id} = any(${pgArray(rule.satisfied_codes)}::text[]))::int as satisfied
      from survey_responses r where not (${useTally}) and r.survey_id = s.id ${only}) live on true`);
  return { byKind: kinds, satisfaction: rows[0] ?? { surveys: 0, satisfied: 0, answered: 0 } };
}
