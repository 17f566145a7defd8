// Third-party evaluation and exemplary cases (R18): the institutions engaged for
// risk assessments and performance evaluations, their reports and findings
// tracked to closure by the responsible office; and the yearly selection of
// exemplary cases with its published scoring sheet, nominations, jurors, scores,
// the attempts to score a case from the juror's own district, and the awards.
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const institutionKinds = ['evaluation_agency', 'consultancy', 'university', 'other'] as const;
export const engagementKinds = ['risk_assessment', 'performance_evaluation'] as const;
export const engagementStatuses = ['planned', 'ongoing', 'reported'] as const;
export const subjectKinds = ['project', 'division'] as const;
export const findingSeverities = ['low', 'medium', 'high'] as const;
export const jurorKinds = ['expert', 'npc_deputy', 'cppcc_member', 'resident_representative'] as const;
export type JurorKind = (typeof jurorKinds)[number];
export type EngagementStatus = (typeof engagementStatuses)[number];

export const evaluationInstitutions = pgTable(
  'evaluation_institutions',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    // 统一社会信用代码, when known.
    creditCode: text('credit_code'),
    kind: text('kind', { enum: institutionKinds }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('evaluation_institutions_credit_code_uq').on(t.creditCode), index('evaluation_institutions_name_idx').on(t.name)],
);

/**
 * The accounts that work for an institution (its evaluators): an evaluator
 * answers only its own institution's sample surveys. One institution per
 * account; the account is accounts' (no foreign key across modules).
 */
export const institutionMembers = pgTable(
  'evaluation_institution_members',
  {
    userId: uuid('user_id').primaryKey(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => evaluationInstitutions.id),
    addedBy: uuid('added_by'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evaluation_institution_members_institution_idx').on(t.institutionId)],
);

export const evaluationEngagements = pgTable(
  'evaluation_engagements',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => evaluationInstitutions.id),
    kind: text('kind', { enum: engagementKinds }).notNull(),
    title: text('title').notNull(),
    subjectKind: text('subject_kind', { enum: subjectKinds }).notNull(),
    subjectProjectId: uuid('subject_project_id'),
    // The subject's division: the division itself, or the project's district.
    subjectDivision: text('subject_division').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    status: text('status', { enum: engagementStatuses }).notNull().default('planned'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('evaluation_engagements_division_idx').on(t.subjectDivision),
    index('evaluation_engagements_project_idx').on(t.subjectProjectId),
  ],
);

export const evaluationReports = pgTable(
  'evaluation_reports',
  {
    id: uuid('id').primaryKey(),
    engagementId: uuid('engagement_id')
      .notNull()
      .references(() => evaluationEngagements.id),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evaluation_reports_engagement_idx').on(t.engagementId)],
);

export const evaluationFindings = pgTable(
  'evaluation_findings',
  {
    id: uuid('id').primaryKey(),
    engagementId: uuid('engagement_id')
      .notNull()
      .references(() => evaluationEngagements.id),
    text: text('text').notNull(),
    severity: text('severity', { enum: findingSeverities }).notNull(),
    // The responsible office: a division code; only that office closes the finding.
    responsibleDivision: text('responsible_division').notNull(),
    dueOn: date('due_on').notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    closingNote: text('closing_note'),
    closedBy: uuid('closed_by'),
    closedByUsername: text('closed_by_username'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('evaluation_findings_engagement_idx').on(t.engagementId),
    index('evaluation_findings_office_idx').on(t.responsibleDivision, t.dueOn),
  ],
);

/** One item of a published scoring sheet (e.g. 改造成效, 30 points). */
export interface SheetItem {
  code: string;
  name: string;
  maxPoints: number;
}

export const exemplarySelections = pgTable(
  'exemplary_selections',
  {
    id: uuid('id').primaryKey(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    // The published scoring sheet, kept with the selection so it never changes under the scores.
    sheet: jsonb('sheet').$type<SheetItem[]>().notNull(),
    status: text('status', { enum: ['open', 'awarded'] })
      .notNull()
      .default('open'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('exemplary_selections_year_uq').on(t.year)],
);

export const exemplaryNominations = pgTable(
  'exemplary_nominations',
  {
    id: uuid('id').primaryKey(),
    selectionId: uuid('selection_id')
      .notNull()
      .references(() => exemplarySelections.id),
    year: integer('year').notNull(),
    projectId: uuid('project_id').notNull(),
    // The project's name when nominated through the API, so the ranking reads without each project's scope.
    projectName: text('project_name'),
    // The nominating district: the project's district.
    districtCode: text('district_code').notNull(),
    nominatedBy: uuid('nominated_by'),
    nominatedAt: timestamp('nominated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('exemplary_nominations_year_project_uq').on(t.year, t.projectId),
    index('exemplary_nominations_selection_idx').on(t.selectionId),
  ],
);

export const exemplaryJurors = pgTable(
  'exemplary_jurors',
  {
    id: uuid('id').primaryKey(),
    selectionId: uuid('selection_id')
      .notNull()
      .references(() => exemplarySelections.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: jurorKinds }).notNull(),
    // Null only for a city-level expert.
    districtCode: text('district_code'),
    userId: uuid('user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('exemplary_jurors_selection_idx').on(t.selectionId)],
);

export const exemplaryScores = pgTable(
  'exemplary_scores',
  {
    nominationId: uuid('nomination_id')
      .notNull()
      .references(() => exemplaryNominations.id),
    jurorId: uuid('juror_id')
      .notNull()
      .references(() => exemplaryJurors.id),
    itemCode: text('item_code').notNull(),
    points: integer('points').notNull(),
    enteredBy: uuid('entered_by'),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.nominationId, t.jurorId, t.itemCode] })],
);

/** An attempt to score a case from the juror's own district: refused, and kept. */
export const exemplaryConflicts = pgTable(
  'exemplary_conflicts',
  {
    id: uuid('id').primaryKey(),
    selectionId: uuid('selection_id').notNull(),
    nominationId: uuid('nomination_id').notNull(),
    jurorId: uuid('juror_id').notNull(),
    districtCode: text('district_code').notNull(),
    attemptedBy: uuid('attempted_by'),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('exemplary_conflicts_selection_idx').on(t.selectionId, t.attemptedAt)],
);

export const exemplaryAwards = pgTable(
  'exemplary_awards',
  {
    id: uuid('id').primaryKey(),
    selectionId: uuid('selection_id')
      .notNull()
      .references(() => exemplarySelections.id),
    nominationId: uuid('nomination_id').notNull(),
    projectId: uuid('project_id').notNull(),
    rank: integer('rank').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    awardedBy: uuid('awarded_by'),
    awardedAt: timestamp('awarded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('exemplary_awards_nomination_uq').on(t.nominationId), index('exemplary_awards_project_idx').on(t.projectId)],
);

// The annual district assessment (R17): what assessors enter for a city's year
// (the scores of indicators the records cannot give, bonus points), and the published snapshot, kept whole as the JSON it answered.
export const assessmentEntries = pgTable(
  'assessment_entries',
  {
    cityCode: text('city_code').notNull(),
    year: integer('year').notNull(),
    districtCode: text('district_code').notNull(),
    // An indicator code (A2.3, A5.1, …) or a bonus ground (B1 … B5).
    code: text('code').notNull(),
    // A score or bonus points in hundredths.
    pointsHundredths: integer('points_hundredths').notNull(),
    evidence: text('evidence').notNull(),
    enteredBy: uuid('entered_by'),
    enteredByUsername: text('entered_by_username').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cityCode, t.year, t.districtCode, t.code] })],
);

export const assessmentPublications = pgTable(
  'assessment_publications',
  {
    cityCode: text('city_code').notNull(),
    year: integer('year').notNull(),
    schemeVersion: text('scheme_version').notNull(),
    // The rule versions used ({key, version}[]), also inside the snapshot.
    rules: jsonb('rules').$type<{ key: string; version: string }[]>().notNull(),
    // The assessment exactly as published (JSON text, so a later read is byte-identical).
    snapshot: text('snapshot').notNull(),
    publishedBy: uuid('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cityCode, t.year] })],
);

// Sample surveys by an outside agency (R19): a reproducible stratified random
// sample of a city's households (strata = districts, the seed recorded), the
// answers the agency enters, and the rule version the estimate is made under.
export const sampleSurveyKinds = ['support', 'satisfaction'] as const;
export const sampleSurveyStatuses = ['draft', 'fielding', 'closed'] as const;
export const sampleAnswers = ['yes', 'no', 'refused', 'unreachable'] as const;
export type SampleSurveyKind = (typeof sampleSurveyKinds)[number];
export type SampleAnswer = (typeof sampleAnswers)[number];

export const sampleSurveys = pgTable(
  'sample_surveys',
  {
    id: uuid('id').primaryKey(),
    cityCode: text('city_code').notNull(),
    year: integer('year').notNull(),
    kind: text('kind', { enum: sampleSurveyKinds }).notNull(),
    title: text('title').notNull(),
    // The seed the draw used (given, or generated and kept): the same seed on the same frame draws the same households.
    seed: text('seed').notNull(),
    totalSize: integer('total_size').notNull(),
    frameSize: integer('frame_size').notNull(),
    // The version of `sampling.survey` (z, minimum per district, decimals) in force at the draw.
    ruleKey: text('rule_key').notNull(),
    ruleVersion: text('rule_version').notNull(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => evaluationInstitutions.id),
    // draft: drawn, nothing entered yet; fielding: answers being entered; closed: no more answers.
    status: text('status', { enum: sampleSurveyStatuses }).notNull().default('draft'),
    createdBy: uuid('created_by'),
    createdByUsername: text('created_by_username').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedBy: uuid('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('sample_surveys_city_year_idx').on(t.cityCode, t.year, t.id)],
);

export const sampleSurveyStrata = pgTable(
  'sample_survey_strata',
  {
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => sampleSurveys.id),
    districtCode: text('district_code').notNull(),
    frameSize: integer('frame_size').notNull(),
    sampleSize: integer('sample_size').notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.districtCode] })],
);

export const sampleSurveyHouseholds = pgTable(
  'sample_survey_households',
  {
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => sampleSurveys.id),
    householdId: uuid('household_id').notNull(),
    districtCode: text('district_code').notNull(),
    compoundId: uuid('compound_id').notNull(),
    // Position in the district's draw (0 first): the order the agency works through.
    drawOrder: integer('draw_order').notNull(),
    answer: text('answer', { enum: sampleAnswers }),
    enteredBy: uuid('entered_by'),
    enteredByUsername: text('entered_by_username'),
    enteredAt: timestamp('entered_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.surveyId, t.householdId] }),
    uniqueIndex('sample_survey_households_order_uq').on(t.surveyId, t.districtCode, t.drawOrder),
  ],
);
