// Ballots and their evidence. The electorate is frozen at opening; one counted
// vote per household is a primary key, and a counted vote must reference a
// household of the frozen electorate (a foreign key), whatever the number of
// residents, accounts or channels. Every vote ever accepted stays in the
// history; the chain links history rows and administrative actions in order.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const ballotKinds = ['renovation_consent', 'plan_approval', 'management_mode', 'other'] as const;
export type BallotKind = (typeof ballotKinds)[number];
export const revotePolicies = ['last_counts', 'none'] as const;
export const voteChannels = ['online', 'paper', 'proxy'] as const;
export const voteChoices = ['agree', 'disagree', 'abstain'] as const;

export const ballots = pgTable(
  'ballots',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id').notNull(),
    kind: text('kind', { enum: ballotKinds }).notNull(),
    title: text('title').notNull(),
    // The plan version a plan_approval ballot asks about; null for other kinds.
    planVersion: integer('plan_version'),
    // What a general ballot proposes, in the owning module's terms (for management_mode, the mode's code).
    proposal: text('proposal'),
    revote: text('revote', { enum: revotePolicies }).notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    ruleKey: text('rule_key').notNull(),
    electorateHash: text('electorate_hash').notNull(),
    eligible: integer('eligible').notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    openedBy: uuid('opened_by').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    // Sealed until close: the tally and the rule version it was judged by, and the chain head then published.
    result: jsonb('result'),
    chainHead: text('chain_head'),
  },
  (t) => [index('ballots_project_idx').on(t.projectId, t.kind)],
);

export const ballotElectorate = pgTable(
  'ballot_electorate',
  {
    ballotId: uuid('ballot_id')
      .notNull()
      .references(() => ballots.id, { onDelete: 'cascade' }),
    householdId: uuid('household_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.householdId] })],
);

/** Every vote, counted vote and paper keying belongs to a household of the ballot's frozen electorate. */
const inElectorate = (name: string, t: { ballotId: AnyPgColumn; householdId: AnyPgColumn }) =>
  foreignKey({
    name,
    columns: [t.ballotId, t.householdId],
    foreignColumns: [ballotElectorate.ballotId, ballotElectorate.householdId],
  }).onDelete('cascade');

export const ballotVoteHistory = pgTable(
  'ballot_vote_history',
  {
    id: uuid('id').primaryKey(),
    ballotId: uuid('ballot_id').notNull(),
    householdId: uuid('household_id').notNull(),
    choice: text('choice', { enum: voteChoices }).notNull(),
    channel: text('channel', { enum: voteChannels }).notNull(),
    evidence: jsonb('evidence').notNull().default({}),
    receipt: text('receipt').notNull(),
    byUserId: uuid('by_user_id').notNull(),
    castAt: timestamp('cast_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('ballot_vote_history_household_idx').on(t.ballotId, t.householdId), inElectorate('ballot_vote_history_electorate_fk', t)],
);

/** The one counted vote of a household: the primary key is the "one vote per household" rule. */
export const ballotVotes = pgTable(
  'ballot_votes',
  {
    ballotId: uuid('ballot_id').notNull(),
    householdId: uuid('household_id').notNull(),
    historyId: uuid('history_id')
      .notNull()
      .references(() => ballotVoteHistory.id),
    choice: text('choice', { enum: voteChoices }).notNull(),
    channel: text('channel', { enum: voteChannels }).notNull(),
    receipt: text('receipt').notNull(),
    castAt: timestamp('cast_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.householdId] }), inElectorate('ballot_votes_electorate_fk', t)],
);

/** Paper sheets keyed by community workers; a sheet counts once two different accounts key it alike. */
export const ballotPaperKeyings = pgTable(
  'ballot_paper_keyings',
  {
    id: uuid('id').primaryKey(),
    ballotId: uuid('ballot_id').notNull(),
    householdId: uuid('household_id').notNull(),
    sheetNo: text('sheet_no').notNull(),
    choice: text('choice', { enum: voteChoices }).notNull(),
    scanRef: text('scan_ref'),
    keyedBy: uuid('keyed_by').notNull(),
    keyedAt: timestamp('keyed_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: ['pending_second_keying', 'counted', 'mismatch', 'reconciled'] }).notNull(),
  },
  (t) => [
    uniqueIndex('ballot_paper_keyings_once_uq').on(t.ballotId, t.householdId, t.sheetNo, t.keyedBy),
    inElectorate('ballot_paper_keyings_electorate_fk', t),
  ],
);

/** The hash chain: a vote links its history row; administrative actions carry their record here. */
export const ballotChain = pgTable(
  'ballot_chain',
  {
    ballotId: uuid('ballot_id')
      .notNull()
      .references(() => ballots.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    type: text('type', { enum: ['open', 'vote', 'paper_mismatch', 'reconcile', 'close'] }).notNull(),
    historyId: uuid('history_id').references(() => ballotVoteHistory.id),
    record: jsonb('record'),
    // How a vote link's record is encoded for hashing: 1 canonical JSON of the record, 2 chain.ts's voteInput.
    encoding: integer('encoding').notNull().default(1),
    hash: text('hash').notNull(),
    // The head after this link signed with the key kept outside the database (signatures.ts); null on links
    // appended before signing existed. key_id names the key (a fingerprint of its public half).
    signature: text('signature'),
    keyId: text('key_id'),
  },
  (t) => [
    primaryKey({ columns: [t.ballotId, t.position] }),
    check('ballot_chain_one_of', sql`(${t.historyId} is null) <> (${t.record} is null)`),
    index('ballot_chain_history_idx').on(t.historyId),
  ],
);

/** Replays of a vote request: the same account and Idempotency-Key answer what the first request answered. */
export const ballotIdempotency = pgTable(
  'ballot_idempotency',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    ballotId: uuid('ballot_id')
      .notNull()
      .references(() => ballots.id, { onDelete: 'cascade' }),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

// Surveys (R13): a questionnaire targeted at the households of a project's
// compounds. One current response per household is a primary key; a newer
// response replaces it, and every response ever entered stays in the history.
export const surveyKinds = ['baseline', 'willingness', 'satisfaction', 'other'] as const;
export type SurveyKind = (typeof surveyKinds)[number];
export const surveyChannels = ['online', 'paper', 'refused'] as const;

export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id').notNull(),
    kind: text('kind', { enum: surveyKinds }).notNull(),
    title: text('title').notNull(),
    questions: jsonb('questions').notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    openedBy: uuid('opened_by').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    // Frozen at close, when responses can no longer change: {answered, refused, answers: {question: {answer: households}}}.
    // Counts over many surveys (the overview, the assessment) read it instead of every response.
    tally: jsonb('tally'),
  },
  (t) => [index('surveys_project_idx').on(t.projectId, t.kind)],
);

export const surveyResponseHistory = pgTable(
  'survey_response_history',
  {
    id: uuid('id').primaryKey(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    householdId: uuid('household_id').notNull(),
    channel: text('channel', { enum: surveyChannels }).notNull(),
    answers: jsonb('answers').notNull(),
    sheetNo: text('sheet_no'),
    scanRef: text('scan_ref'),
    enteredBy: uuid('entered_by').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('survey_response_history_household_idx').on(t.surveyId, t.householdId),
    check('survey_response_history_paper_sheet', sql`${t.channel} <> 'paper' or ${t.sheetNo} is not null`),
  ],
);

/** The current response of a household: the primary key is the "one response per household" rule. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    householdId: uuid('household_id').notNull(),
    historyId: uuid('history_id')
      .notNull()
      .references(() => surveyResponseHistory.id),
    channel: text('channel', { enum: surveyChannels }).notNull(),
    answers: jsonb('answers').notNull(),
    sheetNo: text('sheet_no'),
    scanRef: text('scan_ref'),
    enteredBy: uuid('entered_by').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.householdId] }), index('survey_responses_history_idx').on(t.historyId)],
);

export const deliberationBodies = ['red_tea_council', 'residents_council', 'other'] as const;

// Deliberation council meetings (红茶议事会, 居民议事团) of a project.
export const deliberationMeetings = pgTable(
  'deliberation_meetings',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id').notNull(),
    body: text('body', { enum: deliberationBodies }).notNull(),
    heldOn: date('held_on').notNull(),
    agenda: text('agenda').array().notNull(),
    attendees: integer('attendees').notNull(),
    attendeeResidentIds: uuid('attendee_resident_ids').array().notNull(),
    minutes: text('minutes').notNull(),
    resolutions: jsonb('resolutions').$type<{ text: string; adopted: boolean }[]>().notNull(),
    planVersions: integer('plan_versions').array().notNull(),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('deliberation_meetings_project_idx').on(t.projectId, t.heldOn)],
);

// Supervision and completion acceptance (R13): residents' representatives and
// building stewards report defects during the works and sign the acceptance.
export const supervisorRoles = ['resident_representative', 'building_steward', 'supervisor', 'contractor', 'housing_bureau'] as const;

export const defects = pgTable(
  'works_defects',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id').notNull(),
    reportedByRole: text('reported_by_role', { enum: supervisorRoles }).notNull(),
    building: text('building'),
    description: text('description').notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    reportedBy: uuid('reported_by'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('works_defects_project_idx').on(t.projectId, t.status)],
);

export const acceptances = pgTable(
  'completion_acceptances',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id').notNull(),
    heldOn: date('held_on').notNull(),
    passed: boolean('passed').notNull(),
    // Who signed, by role; residents by id only.
    signatories: jsonb('signatories')
      .$type<{ role: (typeof supervisorRoles)[number]; residentId?: string; organisation?: string }[]>()
      .notNull(),
    notes: text('notes'),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('completion_acceptances_project_idx').on(t.projectId, t.heldOn)],
);
