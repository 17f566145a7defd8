// Demo surveys: every seeded project past "planned" has a baseline survey that
// reached all its households (one in twenty refused), so the demo agrees with
// the `baseline_survey_coverage` gate, and a few options map to basic
// indicators so plans show the needs they leave out. Written set-based: two
// statements per project, whatever its size.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { pgArray } from '../../platform/db/sql.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { projectCompoundIds, stages, type Stage } from '../projects/index.ts';
import { registry } from '../registry/index.ts';
import { surveys } from './schema.ts';
import { freezeTallies } from './surveys.service.ts';
import type { Answers, Question } from './surveys.ts';

const SEED_USER = '00000000-0000-0000-0000-000000000000';
const DAY = 86_400_000;

export const baselineQuestions: Question[] = [
  {
    id: 'facilities',
    type: 'multiple',
    text: '您认为小区最需要改造的设施',
    required: true,
    options: [
      { code: 'roof', label: '屋面漏水', indicatorCode: '01.01.01' },
      { code: 'water', label: '供水管网老化', indicatorCode: '01.02.01' },
      { code: 'drainage', label: '排水不畅', indicatorCode: '01.03.02' },
      { code: 'none', label: '暂无' },
    ],
  },
  {
    id: 'hazard',
    type: 'single',
    text: '您家中或楼道是否存在安全隐患',
    required: true,
    options: [
      { code: 'gas', label: '燃气管线老化', indicatorCode: '01.06.02' },
      { code: 'none', label: '无' },
    ],
  },
  { id: 'satisfaction', type: 'scale', text: '对小区现状的满意程度', required: true, min: 1, max: 5 },
  { id: 'comments', type: 'text', text: '其他意见', required: false, maxLength: 500 },
];

const variants: Answers[] = [
  { facilities: ['roof', 'water'], hazard: 'none', satisfaction: 2 },
  { facilities: ['none'], hazard: 'none', satisfaction: 3 },
  { facilities: ['roof'], hazard: 'gas', satisfaction: 2 },
  { facilities: ['none'], hazard: 'none', satisfaction: 4 },
  { facilities: ['drainage'], hazard: 'none', satisfaction: 3, comments: '希望加装电梯' },
];

/**
 * A baseline survey with a response for every household of the project now
 * (every twentieth a refusal, the rest paper forms), closed at `closedAt`.
 */
export async function seedBaselineSurvey(tx: Tx, p: { projectId: string; closedAt?: Date }): Promise<string> {
  const households = (await registry.householdIdsOfCompounds(tx, await projectCompoundIds(tx, p.projectId))).sort();
  const closedAt = p.closedAt ?? new Date();
  const openedAt = new Date(closedAt.getTime() - 14 * DAY);
  const id = uuidv7(openedAt.getTime());
  await tx.insert(surveys).values({
    id,
    projectId: p.projectId,
    kind: 'baseline',
    title: '小区改造摸底调查',
    questions: baselineQuestions,
    status: 'closed',
    openedBy: SEED_USER,
    openedAt,
    closedAt,
  });
  if (households.length) await seedResponses(tx, id, openedAt, households);
  await freezeTallies(tx, [id]);
  return id;
}

async function seedResponses(tx: Tx, id: string, openedAt: Date, households: string[]): Promise<void> {
  const ids = households.map((_, i) => uuidv7(openedAt.getTime() + Math.floor(((i + 1) * 13 * DAY) / households.length)));
  await tx.execute(sql`
    insert into survey_response_history (id, survey_id, household_id, channel, answers, sheet_no, scan_ref, entered_by, entered_at)
    select h.id, ${id}::uuid, h.household_id,
      case when h.n % 20 = 0 then 'refused' else 'paper' end,
      case when h.n % 20 = 0 then '{}'::jsonb else (${JSON.stringify(variants)}::jsonb) -> ((h.n % ${variants.length})::int) end,
      case when h.n % 20 = 0 then null else 'M-' || h.n end,
      null, ${SEED_USER}::uuid,
      ${openedAt.toISOString()}::timestamptz + (h.n * ${Math.floor((13 * DAY) / households.length)} || ' milliseconds')::interval
    from unnest(${pgArray(ids)}::uuid[], ${pgArray(households)}::uuid[]) with ordinality as h(id, household_id, n)`);
  await currentFromHistory(tx, id);
}

/** The day a seeded project reached a stage, as the projects seed lays out its timeline. */
const reachedOn = (year: number, stage: Stage) => new Date(Date.UTC(year, 0, 10) + stages.indexOf(stage) * 21 * DAY);

export async function seedSurveys(tx: Tx, projects: { id: string; year: number; stage: Stage }[]): Promise<void> {
  for (const p of projects) {
    if (stages.indexOf(p.stage) >= stages.indexOf('surveyed'))
      await seedBaselineSurvey(tx, { projectId: p.id, closedAt: reachedOn(p.year, 'surveyed') });
  }
}

/** The satisfaction questionnaire the demo uses: its `overall` question is what `satisfaction.satisfied` reads. */
export const satisfactionQuestions: Question[] = [
  {
    id: 'overall',
    type: 'single',
    text: '您对本次小区改造的总体评价',
    required: true,
    options: [
      { code: 'very_satisfied', label: '满意' },
      { code: 'satisfied', label: '比较满意' },
      { code: 'basically_satisfied', label: '基本满意' },
      { code: 'dissatisfied', label: '不满意' },
    ],
  },
  { id: 'comments', type: 'text', text: '意见和建议', required: false, maxLength: 500 },
];

/** After acceptance, a closed satisfaction survey; about one household in eight not satisfied, one in twenty refusing. */
export async function seedSatisfactionSurveys(tx: Tx, projects: { id: string; year: number; stage: Stage }[]): Promise<void> {
  const answers: Answers[] = [
    'very_satisfied',
    'satisfied',
    'very_satisfied',
    'basically_satisfied',
    'satisfied',
    'very_satisfied',
    'dissatisfied',
    'satisfied',
  ].map((overall) => ({ overall }));
  for (const p of projects.filter((x) => stages.indexOf(x.stage) >= stages.indexOf('accepted'))) {
    const households = (await registry.householdIdsOfCompounds(tx, await projectCompoundIds(tx, p.id))).sort();
    const closedAt = new Date(Date.UTC(p.year, 10, 30));
    const openedAt = new Date(closedAt.getTime() - 14 * DAY);
    const id = uuidv7(openedAt.getTime());
    await tx.insert(surveys).values({
      id,
      projectId: p.id,
      kind: 'satisfaction',
      title: '小区改造满意度调查',
      questions: satisfactionQuestions,
      status: 'closed',
      openedBy: SEED_USER,
      openedAt,
      closedAt,
    });
    if (households.length) await seedSatisfactionResponses(tx, id, openedAt, households, answers);
    await freezeTallies(tx, [id]);
  }
}

async function seedSatisfactionResponses(tx: Tx, id: string, openedAt: Date, households: string[], answers: Answers[]): Promise<void> {
  const ids = households.map((_, i) => uuidv7(openedAt.getTime() + i));
  await tx.execute(sql`
    insert into survey_response_history (id, survey_id, household_id, channel, answers, sheet_no, scan_ref, entered_by, entered_at)
    select h.id, ${id}::uuid, h.household_id,
      case when h.n % 20 = 0 then 'refused' else 'paper' end,
      case when h.n % 20 = 0 then '{}'::jsonb else (${JSON.stringify(answers)}::jsonb) -> ((h.n % ${answers.length})::int) end,
      case when h.n % 20 = 0 then null else 'S-' || h.n end, null, ${SEED_USER}::uuid, ${openedAt.toISOString()}::timestamptz
    from unnest(${pgArray(ids)}::uuid[], ${pgArray(households)}::uuid[]) with ordinality as h(id, household_id, n)`);
  await currentFromHistory(tx, id);
}

/** Each household's current response is its one history row. */
async function currentFromHistory(tx: Tx, id: string): Promise<void> {
  await tx.execute(sql`
    insert into survey_responses (survey_id, household_id, history_id, channel, answers, sheet_no, scan_ref, entered_by, entered_at)
    select survey_id, household_id, id, channel, answers, sheet_no, scan_ref, entered_by, entered_at
    from survey_response_history where survey_id = ${id}::uuid`);
}
