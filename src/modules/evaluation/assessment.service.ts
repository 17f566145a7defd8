// The annual district assessment (R17): a city's districts scored on the scheme
// in force on 1 January of the year (the versioned rule `assessment.scheme`).
// A draft is computed afresh from the records of other modules (through their
// index functions) and the assessors' entries; publishing stores the whole
// result with the rule versions used, and a published year never changes again.
import { and, asc, eq } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { conflict, notFound, unprocessable, type FieldError } from '../../platform/http/problem.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { evaluationMessages as em } from './messages.ts';
import { hundredths } from '../../platform/money.ts';
import { ruleAt } from '../../platform/policy.ts';
import { projectsWithCompleteApprovals } from '../approvals/index.ts';
import { fundedSourcesOfProjects, fundingBySource } from '../funding/index.ts';
import { projectsWithGovernance } from '../governance/index.ts';
import { passedBallotKinds, satisfactionCounts, type SatisfiedRule } from '../participation/index.ts';
import { projectsForAssessment } from '../projects/index.ts';
import { divisionLevelOf, registry } from '../registry/index.ts';
import {
  assess,
  centralSources,
  indicatorsOf,
  isComputed,
  parseHundredths,
  type DistrictInput,
  type DistrictResult,
  type Entry,
  type ProjectFact,
  type RuleRef,
  type Scheme,
} from './assessment.rules.ts';
import { assessmentEntries, assessmentPublications } from './schema.ts';
import type { SatisfactionTierRule } from './tiers.ts';

export interface Assessment {
  year: number;
  cityCode: string;
  schemeVersion: string;
  scheme: { name: string; version: string };
  status: 'draft' | 'published';
  publishedAt: string | null;
  rules: RuleRef[];
  districts: (DistrictResult & { name: string })[];
}

/**
 * The assessment with each method's note in the reader's language, from its stored code. A published snapshot
 * keeps codes, not words, so it reads in either language and its notes change only if the catalogue's words do;
 * a snapshot published before notes had codes keeps its notes as written.
 */
export function assessmentIn(a: Assessment, locale: Locale): Assessment {
  return {
    ...a,
    districts: a.districts.map((d) => ({
      ...d,
      indicators: d.indicators.map((i) => {
        const code = i.provenance.noteCode;
        const key = `note.${code}`;
        return code && em.has(key) ? { ...i, provenance: { ...i.provenance, note: em.msg(key).in(locale) } } : i;
      }),
    })),
  };
}

/** The city whose districts an account assesses: the city of its scope division (a province-wide account has none). */
export function cityOf(user: AuthUser): string {
  const scope = user.scope.division;
  const level = scope ? divisionLevelOf(scope) : undefined;
  if (!scope || !level || level === 'province') throw notFound(em.msg('assessment.entity_city'));
  return `${scope.slice(0, 4)}00`;
}

const firstOfYear = (year: number) => `${year}-01-01`;

async function schemeOf(ctx: AppContext, year: number) {
  const scheme = await ruleAt<Scheme>(ctx.db, 'assessment.scheme', firstOfYear(year));
  const tiers = await ruleAt<SatisfactionTierRule[]>(ctx.db, 'satisfaction.tiers', firstOfYear(year));
  const satisfied = await ruleAt<SatisfiedRule>(ctx.db, 'satisfaction.satisfied', firstOfYear(year));
  return { scheme, tiers, satisfied };
}

async function entriesOf(ctx: AppContext, cityCode: string, year: number) {
  return ctx.db
    .select()
    .from(assessmentEntries)
    .where(and(eq(assessmentEntries.cityCode, cityCode), eq(assessmentEntries.year, year)))
    .orderBy(asc(assessmentEntries.districtCode), asc(assessmentEntries.code));
}

/** The draft: computed now from the records, with the scheme in force on 1 January of the year. */
export async function computeAssessment(ctx: AppContext, cityCode: string, year: number): Promise<Assessment> {
  const { scheme, tiers, satisfied } = await schemeOf(ctx, year);
  const [districts, projects, entries] = await Promise.all([
    registry.childDivisions(ctx.db, cityCode),
    projectsForAssessment(ctx.db, year, cityCode),
    entriesOf(ctx, cityCode, year),
  ]);
  const ids = projects.map((p) => p.id);
  const [ballots, sources, surveys, approved, governed] = await Promise.all([
    passedBallotKinds(ctx.db, ids),
    fundedSourcesOfProjects(ctx.db, ids),
    satisfactionCounts(ctx.db, ids, satisfied.value),
    projectsWithCompleteApprovals(ctx, ids),
    projectsWithGovernance(ctx, ids),
  ]);
  const passed = new Set(ballots.map((b) => `${b.projectId}/${b.kind}`));
  const sourcesOf = new Map<string, string[]>();
  for (const s of sources) sourcesOf.set(s.projectId, [...(sourcesOf.get(s.projectId) ?? []), s.source].sort());
  const inputs: DistrictInput[] = [];
  for (const d of districts) {
    const own = projects.filter((p) => p.districtCode === d.code);
    const facts: ProjectFact[] = own.map((p) => ({
      id: p.id,
      stage: p.stage,
      households: p.households,
      facilities:
        p.parkingSpacesAdded === null
          ? null
          : Number(p.parkingSpacesAdded > 0) + Number(p.liftsInstalled! > 0) + Number(hundredths(p.publicServiceSpaceM2!) > 0n),
      consentPassed: passed.has(`${p.id}/renovation_consent`),
      planApprovalPassed: passed.has(`${p.id}/plan_approval`),
      approvalsComplete: approved.has(p.id),
      governanceInPlace: governed.has(p.id),
      fundedSources: sourcesOf.get(p.id) ?? [],
    }));
    const funds = await fundingBySource(
      ctx.db,
      own.map((p) => p.id),
    );
    const central = centralSources.reduce((s, k) => s + BigInt(funds[k]), 0n);
    const own_entries: Entry[] = entries
      .filter((e) => e.districtCode === d.code)
      .map((e) => ({
        code: e.code,
        points: e.pointsHundredths === null ? null : BigInt(e.pointsHundredths),
        evidence: e.evidence,
        by: e.enteredByUsername,
      }));
    const surveyed = own.filter((p) => surveys.has(p.id));
    const satisfaction = {
      satisfied: surveyed.reduce((n, p) => n + surveys.get(p.id)!.satisfied, 0),
      answered: surveyed.reduce((n, p) => n + surveys.get(p.id)!.answered, 0),
      projectIds: surveyed.map((p) => p.id),
    };
    inputs.push({ districtCode: d.code, projects: facts, centralFundsFen: central, satisfaction, entries: own_entries });
  }
  const schemeRule = { key: scheme.key, version: scheme.version };
  const tiersRule = { key: tiers.key, version: tiers.version };
  const satisfiedRule = { key: satisfied.key, version: satisfied.version };
  const names = new Map(districts.map((d) => [d.code, d.name]));
  const results = assess({ scheme: scheme.value, schemeRule, tiers: tiers.value, tiersRule, satisfiedRule, districts: inputs });
  return {
    year,
    cityCode,
    schemeVersion: scheme.version,
    scheme: { name: scheme.value.name, version: scheme.value.version },
    status: 'draft',
    publishedAt: null,
    rules: [schemeRule, tiersRule, satisfiedRule],
    districts: results.map((r) => ({ ...r, name: names.get(r.districtCode) ?? r.districtCode })),
  };
}

async function publication(ctx: AppContext, cityCode: string, year: number) {
  const [row] = await ctx.db
    .select()
    .from(assessmentPublications)
    .where(and(eq(assessmentPublications.cityCode, cityCode), eq(assessmentPublications.year, year)));
  return row;
}

/** The published snapshot of the year, exactly as stored; otherwise the draft computed now. */
export async function getAssessment(ctx: AppContext, user: AuthUser, year: number): Promise<Assessment> {
  const cityCode = cityOf(user);
  const published = await publication(ctx, cityCode, year);
  if (published) return JSON.parse(published.snapshot) as Assessment;
  return computeAssessment(ctx, cityCode, year);
}

export interface EntryInput {
  districtCode: string;
  code: string;
  score?: string | null;
  evidence: string;
}
export interface BonusInput {
  districtCode: string;
  ground: string;
  points: string;
  reason: string;
}

const alreadyPublished = (year: number) => conflict(em.msg('assessment.published', { year }));

/** Assessors' entries: the scores of indicators the records cannot give (with evidence) and bonus points. */
export async function enter(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  year: number,
  input: { indicators: EntryInput[]; bonus: BonusInput[] },
): Promise<Assessment> {
  const cityCode = cityOf(user);
  if (await publication(ctx, cityCode, year)) throw alreadyPublished(year);
  const { scheme } = await schemeOf(ctx, year);
  const districts = new Set((await registry.childDivisions(ctx.db, cityCode)).map((d) => d.code));
  const weights = new Map(indicatorsOf(scheme.value).map((i) => [i.code, i.weight]));
  const grounds = new Set(scheme.value.bonus.grounds.map((g) => g.code));
  const errors: FieldError[] = [];
  const rows: (typeof assessmentEntries.$inferInsert)[] = [];
  const base = { cityCode, year, enteredBy: user.id, enteredByUsername: user.username };
  const seen = new Set<string>();
  const once = (at: string, district: string, code: string) => {
    if (seen.has(`${district}/${code}`)) errors.push({ path: at, message: em.msg('field.entry_twice', { district, code }) });
    seen.add(`${district}/${code}`);
  };
  input.indicators.forEach((e, i) => {
    const at = `body.indicators.${i}`;
    if (!districts.has(e.districtCode))
      errors.push({ path: `${at}.districtCode`, message: em.msg('field.not_district_of', { city: cityCode }) });
    once(at, e.districtCode, e.code);
    const weight = weights.get(e.code);
    if (weight === undefined || isComputed(e.code)) {
      errors.push({ path: `${at}.code`, message: em.msg('field.not_entered_indicator', { code: e.code, version: scheme.version }) });
      return;
    }
    const points = e.score == null ? null : parseHundredths(e.score);
    if (points === null || points > BigInt(weight) * 100n)
      errors.push({ path: `${at}.score`, message: em.msg('field.score_upto', { max: weight }) });
    else rows.push({ ...base, districtCode: e.districtCode, code: e.code, pointsHundredths: Number(points), evidence: e.evidence });
  });
  input.bonus.forEach((b, i) => {
    const at = `body.bonus.${i}`;
    if (!districts.has(b.districtCode))
      errors.push({ path: `${at}.districtCode`, message: em.msg('field.not_district_of', { city: cityCode }) });
    once(at, b.districtCode, b.ground);
    if (!grounds.has(b.ground))
      errors.push({ path: `${at}.ground`, message: em.msg('field.not_bonus_ground', { version: scheme.version }) });
    const points = parseHundredths(b.points);
    const cap = scheme.value.bonus.cap;
    if (points === null || points > BigInt(cap) * 100n)
      errors.push({ path: `${at}.points`, message: em.msg('field.points_upto', { max: cap }) });
    else rows.push({ ...base, districtCode: b.districtCode, code: b.ground, pointsHundredths: Number(points), evidence: b.reason });
  });
  if (errors.length) throw unprocessable(em.msg('assessment.entries_refused'), errors);
  await ctx.db.transaction(async (tx) => {
    const [published] = await tx
      .select({ year: assessmentPublications.year })
      .from(assessmentPublications)
      .where(and(eq(assessmentPublications.cityCode, cityCode), eq(assessmentPublications.year, year)))
      .for('share');
    if (published) throw alreadyPublished(year);
    for (const row of rows)
      await tx
        .insert(assessmentEntries)
        .values(row)
        .onConflictDoUpdate({
          target: [assessmentEntries.cityCode, assessmentEntries.year, assessmentEntries.districtCode, assessmentEntries.code],
          set: {
            pointsHundredths: row.pointsHundredths,
            evidence: row.evidence,
            enteredBy: row.enteredBy,
            enteredByUsername: row.enteredByUsername,
            enteredAt: new Date(),
          },
        });
    await audit(tx, actor, 'assessment.enter', 'assessment', `${cityCode}/${year}`, {
      entries: rows.map((r) => `${r.districtCode}/${r.code}`),
    });
  });
  return computeAssessment(ctx, cityCode, year);
}

/** Publishes the year: the full result is stored with the scheme and rule versions, and never changes again. */
export async function publish(ctx: AppContext, user: AuthUser, actor: Actor | undefined, year: number): Promise<Assessment> {
  const cityCode = cityOf(user);
  if (await publication(ctx, cityCode, year)) throw alreadyPublished(year);
  const draft = await computeAssessment(ctx, cityCode, year);
  const publishedAt = new Date();
  const snapshot: Assessment = { ...draft, status: 'published', publishedAt: publishedAt.toISOString() };
  await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(assessmentPublications)
      .values({
        cityCode,
        year,
        schemeVersion: draft.schemeVersion,
        rules: draft.rules,
        snapshot: JSON.stringify(snapshot),
        publishedBy: user.id,
        publishedAt,
      })
      .onConflictDoNothing()
      .returning({ year: assessmentPublications.year });
    if (!inserted.length) throw alreadyPublished(year);
    await audit(tx, actor, 'assessment.publish', 'assessment', `${cityCode}/${year}`, {
      schemeVersion: draft.schemeVersion,
      rules: draft.rules,
    });
  });
  return snapshot;
}
