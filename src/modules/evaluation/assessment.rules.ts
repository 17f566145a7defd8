// The annual district assessment (R17) as plain rules, testable without a
// database. The scheme (the versioned rule `assessment.scheme`) names the
// indicators and their weights; each district's indicator is an exact fraction
// of integers from its projects' records, or a score entered by an assessor
// with evidence. A score is weight × fraction, kept exact, shown rounded half up
// to 2 decimals in integer arithmetic. Districts are ranked by comparing exact
// scores by cross-multiplication; equal scores share a rank.
import type { Fraction } from '../../platform/money.ts';
import { stages } from '../projects/index.ts';
import { add, compare, decimal, exact, fractionString, min, times, ZERO, type Exact } from '../../platform/exact.ts';
import { placeSatisfaction, type SatisfactionTierRule } from './tiers.ts';

export { add, compare, decimal, exact, fractionString, min, times, ZERO, type Exact };

/** "4.50" or "4" → 450n hundredths; null if not a non-negative decimal of at most 2 places. */
export function parseHundredths(s: string): bigint | null {
  const m = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(s);
  return m ? BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0')) : null;
}

// ── The scheme ───────────────────────────────────────────────────────────────

export interface SchemeIndicator {
  code: string;
  name: string;
  name_en?: string;
  weight: number;
}
export interface Scheme {
  name: string;
  version: string;
  aspects: { code: string; name: string; name_en?: string; indicators: SchemeIndicator[] }[];
  bonus: { cap: number; grounds: { code: string; name: string; name_en?: string }[] };
}

export const indicatorsOf = (scheme: Scheme): SchemeIndicator[] => scheme.aspects.flatMap((a) => a.indicators);

/** What is wrong with a scheme: whole non-negative weights summing to 100, unique codes, a whole cap. */
export function schemeErrors(scheme: Scheme): string[] {
  const errors: string[] = [];
  const list = indicatorsOf(scheme);
  const codes = new Set<string>();
  for (const i of list) {
    if (codes.has(i.code)) errors.push(`${i.code} repeats`);
    codes.add(i.code);
    if (!Number.isInteger(i.weight) || i.weight < 0) errors.push(`${i.code}: weight must be a whole number`);
  }
  const total = list.reduce((s, i) => s + i.weight, 0);
  if (total !== 100) errors.push(`weights sum to ${total}, not 100`);
  if (!Number.isInteger(scheme.bonus.cap) || scheme.bonus.cap < 0) errors.push('bonus cap must be a whole number');
  return errors;
}

/** Indicators measured as a share from the records; A3.1 (satisfaction, tiered) also comes from the records. Every other indicator of a scheme is entered by an assessor. */
export const computedCodes = ['A1.1', 'A1.2', 'A1.3', 'A2.1', 'A2.2', 'A3.2', 'A3.3', 'A4.1', 'A4.3'] as const;
export const SATISFACTION = 'A3.1';
const isMeasured = (code: string): code is (typeof computedCodes)[number] => (computedCodes as readonly string[]).includes(code);
export const isComputed = (code: string) => code === SATISFACTION || isMeasured(code);

// ── Inputs ───────────────────────────────────────────────────────────────────

const stageIndex = (s: string) => stages.indexOf(s as (typeof stages)[number]);
export const atLeast = (stage: string, than: (typeof stages)[number]) => stageIndex(stage) >= stageIndex(than);

export interface ProjectFact {
  id: string;
  stage: string;
  households: number;
  /** Outcomes recorded: facilities present (parking, lifts, service space), 0–3; null without outcomes. */
  facilities: number | null;
  consentPassed: boolean;
  planApprovalPassed: boolean;
  /** Every approval step done with its materials or simplified (the approval_checklist gate's fact). */
  approvalsComplete: boolean;
  /** Governance after renovation in place (the tripartite_governance gate's fact). */
  governanceInPlace: boolean;
  /** Funding sources with money on the project's lines. */
  fundedSources: string[];
}

export interface Entry {
  code: string;
  /** Hundredths of a point (a score or bonus points). */
  points: bigint | null;
  evidence: string;
  by: string;
}

/** The district's projects' latest satisfaction surveys, counted by the rule `satisfaction.satisfied`. */
export interface SatisfactionFact {
  satisfied: number;
  answered: number;
  /** The projects whose survey was counted. */
  projectIds: string[];
}

export interface DistrictInput {
  districtCode: string;
  /** The district's projects of the year, ordered by id. */
  projects: ProjectFact[];
  /** central_subsidy + central_budget_investment + special_bond over those projects, in fen. */
  centralFundsFen: bigint;
  satisfaction: SatisfactionFact;
  entries: Entry[];
}

export interface RuleRef {
  key: string;
  version: string;
}

export interface IndicatorResult {
  code: string;
  weight: number;
  /** numerator / denominator rounded to 4 decimals; null when there is nothing to measure. */
  value: string | null;
  score: string;
  scoreExact: string;
  numerator: number | null;
  denominator: number | null;
  provenance: {
    projectIds: string[];
    numeratorProjectIds?: string[];
    rules: RuleRef[];
    basis: 'computed' | 'proxy' | 'entered';
    /** The method's code (words in evaluation's catalogue as `note.<code>`), kept in a published snapshot. */
    noteCode?: NoteCode;
    /** The method in words: filled in the reader's language when the assessment is read (see `assessmentIn`). */
    note?: string;
    relativeTo?: string | null;
    tier?: { minPercent: number; scoreShare: string } | null;
    entered?: { by: string; evidence: string };
  };
}

export interface BonusResult {
  ground: string;
  points: string;
  reason: string;
  by: string;
}

export interface DistrictResult {
  districtCode: string;
  score: string;
  scoreExact: string;
  rank: number;
  indicators: IndicatorResult[];
  bonus: BonusResult[];
  bonusTotal: string;
}

// ── Ranking and bonus ────────────────────────────────────────────────────────

/** Ranks by score, highest first; equal scores (compared exactly) share a rank, the next rank skips (1, 1, 3). */
export function rankScores<T extends { score: Exact }>(items: readonly T[]): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => compare(b.score, a.score));
  let rank = 0;
  return sorted.map((it, i) => {
    if (i === 0 || compare(it.score, sorted[i - 1]!.score) !== 0) rank = i + 1;
    return { ...it, rank };
  });
}

/** The bonus total: the sum of the grounds' points (hundredths), at most the scheme's cap (whole points). */
export function cappedBonus(pointsHundredths: readonly bigint[], cap: number): Exact {
  const sum = pointsHundredths.reduce((s, p) => s + p, 0n);
  return min(exact(sum, 100n), exact(BigInt(cap)));
}

/** weight × fraction; nothing to measure scores 0. */
export const weighted = (weight: number, f: Exact | null): Exact => (f ? times(exact(weight), f) : ZERO);

// ── One district's indicators ────────────────────────────────────────────────

interface Measure {
  num: bigint;
  den: bigint;
  projectIds: string[];
  numeratorProjectIds: string[];
  basis: 'computed' | 'proxy';
  noteCode?: NoteCode;
  cap?: boolean;
  relativeTo?: string | null;
}

const ids = (ps: ProjectFact[]) => ps.map((p) => p.id);
function share(of: ProjectFact[], yes: (p: ProjectFact) => boolean, m: Partial<Measure> = {}): Measure {
  const hit = of.filter(yes);
  return {
    num: BigInt(hit.length),
    den: BigInt(of.length),
    projectIds: ids(of),
    numeratorProjectIds: ids(hit),
    basis: 'computed',
    ...m,
  };
}

export const centralSources = ['central_subsidy', 'central_budget_investment', 'special_bond'] as const;

/** The codes of the methods' notes; their words are evaluation's `note.<code>` messages. */
export const noteCodes = ['A1.3', 'A2.1', 'A2.2', 'A3.2', 'A3.3', 'A4.1', 'A4.3', 'satisfaction', 'not_entered'] as const;
export type NoteCode = (typeof noteCodes)[number];

/** The measures of the computed indicators; relative ones need the best district's value. */
function measures(d: DistrictInput, best: { facilities: Best; funds: Best }): Record<(typeof computedCodes)[number], Measure> {
  const ps = d.projects;
  const sumHouseholds = (xs: ProjectFact[]) => xs.reduce((s, p) => s + BigInt(p.households), 0n);
  const accepted = ps.filter((p) => atLeast(p.stage, 'accepted'));
  const pastPlan = ps.filter((p) => atLeast(p.stage, 'plan_approved'));
  const inApproval = ps.filter((p) => atLeast(p.stage, 'consulted'));
  const withOutcomes = ps.filter((p) => p.facilities !== null);
  const funded = ps.filter((p) => p.fundedSources.some((s) => s !== 'exemplary_award'));
  const facilities = withOutcomes.reduce((s, p) => s + BigInt(p.facilities!), 0n);
  return {
    'A1.1': share(ps, (p) => atLeast(p.stage, 'under_construction')),
    'A1.2': share(ps, (p) => atLeast(p.stage, 'accepted')),
    'A1.3': {
      num: sumHouseholds(accepted),
      den: sumHouseholds(ps),
      projectIds: ids(ps),
      numeratorProjectIds: ids(accepted),
      basis: 'computed',
      noteCode: 'A1.3',
      cap: true,
    },
    'A2.1': share(pastPlan, (p) => p.consentPassed && p.planApprovalPassed, {
      noteCode: 'A2.1',
    }),
    'A2.2': share(inApproval, (p) => p.approvalsComplete, {
      noteCode: 'A2.2',
    }),
    'A3.2': {
      num: facilities,
      den: best.facilities.value,
      projectIds: ids(withOutcomes),
      numeratorProjectIds: ids(withOutcomes.filter((p) => p.facilities! > 0)),
      basis: 'computed',
      noteCode: 'A3.2',
      relativeTo: best.facilities.district,
    },
    'A3.3': share(accepted, (p) => p.governanceInPlace, {
      noteCode: 'A3.3',
    }),
    'A4.1': {
      num: d.centralFundsFen,
      den: best.funds.value,
      projectIds: ids(ps),
      numeratorProjectIds: ids(ps.filter((p) => p.fundedSources.some((s) => (centralSources as readonly string[]).includes(s)))),
      basis: 'computed',
      noteCode: 'A4.1',
      relativeTo: best.funds.district,
    },
    'A4.3': share(funded, (p) => p.fundedSources.includes('resident'), {
      noteCode: 'A4.3',
    }),
  };
}

interface Best {
  district: string | null;
  value: bigint;
}

function bestOf(ds: readonly DistrictInput[], value: (d: DistrictInput) => bigint): Best {
  let best: Best = { district: null, value: 0n };
  for (const d of ds) {
    const v = value(d);
    if (v > best.value) best = { district: d.districtCode, value: v };
  }
  return best;
}

const safe = (v: bigint): number => {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${v} is beyond exact integers`);
  return Number(v);
};

export interface AssessInput {
  scheme: Scheme;
  schemeRule: RuleRef;
  tiers: SatisfactionTierRule[];
  tiersRule: RuleRef;
  satisfiedRule: RuleRef;
  districts: readonly DistrictInput[];
}

/** Every district's indicators, bonus, score and rank, in rank order (then by district code). */
export function assess(input: AssessInput): DistrictResult[] {
  const { scheme, schemeRule, tiers, tiersRule, satisfiedRule } = input;
  const best = {
    facilities: bestOf(input.districts, (d) => d.projects.reduce((s, p) => s + BigInt(p.facilities ?? 0), 0n)),
    funds: bestOf(input.districts, (d) => d.centralFundsFen),
  };
  const grounds = new Set(scheme.bonus.grounds.map((g) => g.code));
  const scored = input.districts.map((d) => {
    const m = measures(d, best);
    const entries = new Map(d.entries.map((e) => [e.code, e]));
    let total = ZERO;
    const indicators: IndicatorResult[] = indicatorsOf(scheme).map((ind) => {
      let result: IndicatorResult;
      let s: Exact;
      if (isMeasured(ind.code)) {
        const x = m[ind.code];
        const raw = x.den > 0n ? exact(x.num, x.den) : null;
        const f = raw && x.cap ? min(raw, exact(1)) : raw;
        s = weighted(ind.weight, f);
        result = {
          code: ind.code,
          weight: ind.weight,
          value: f ? decimal(f, 4) : null,
          score: decimal(s),
          scoreExact: fractionString(s),
          numerator: safe(x.num),
          denominator: safe(x.den),
          provenance: {
            projectIds: x.projectIds,
            numeratorProjectIds: x.numeratorProjectIds,
            rules: [schemeRule],
            basis: x.basis,
            ...(x.noteCode ? { noteCode: x.noteCode } : {}),
            ...(x.relativeTo !== undefined ? { relativeTo: x.relativeTo } : {}),
          },
        };
      } else if (ind.code === SATISFACTION) {
        const { satisfied, answered, projectIds } = d.satisfaction;
        const place = answered > 0 ? placeSatisfaction(satisfied, answered, tiers) : null;
        s = place ? weighted(ind.weight, exact(place.scoreShare.numerator, place.scoreShare.denominator)) : ZERO;
        result = {
          code: ind.code,
          weight: ind.weight,
          value: answered > 0 ? decimal(exact(satisfied, answered), 4) : null,
          score: decimal(s),
          scoreExact: fractionString(s),
          numerator: satisfied,
          denominator: answered,
          provenance: {
            projectIds,
            rules: [schemeRule, tiersRule, satisfiedRule],
            basis: 'computed',
            noteCode: 'satisfaction',
            tier: place ? { minPercent: place.minPercent, scoreShare: fractionText(place.scoreShare) } : null,
          },
        };
      } else {
        const e = entries.get(ind.code);
        s = e?.points != null ? min(exact(e.points, 100n), exact(ind.weight)) : ZERO;
        result = {
          code: ind.code,
          weight: ind.weight,
          value: null,
          score: decimal(s),
          scoreExact: fractionString(s),
          numerator: null,
          denominator: null,
          provenance: {
            projectIds: [],
            rules: [schemeRule],
            basis: 'entered',
            ...(e ? { entered: { by: e.by, evidence: e.evidence } } : { noteCode: 'not_entered' as const }),
          },
        };
      }
      total = add(total, s);
      return result;
    });
    const bonusEntries = d.entries.filter((e) => grounds.has(e.code)).sort((a, b) => (a.code < b.code ? -1 : 1));
    const bonusTotal = cappedBonus(
      bonusEntries.map((e) => e.points ?? 0n),
      scheme.bonus.cap,
    );
    const score = add(total, bonusTotal);
    return {
      districtCode: d.districtCode,
      score,
      indicators,
      bonus: bonusEntries.map((e) => ({ ground: e.code, points: decimal(exact(e.points ?? 0n, 100n)), reason: e.evidence, by: e.by })),
      bonusTotal,
    };
  });
  return rankScores(scored)
    .sort((a, b) => a.rank - b.rank || (a.districtCode < b.districtCode ? -1 : a.districtCode > b.districtCode ? 1 : 0))
    .map((r) => ({
      districtCode: r.districtCode,
      score: decimal(r.score),
      scoreExact: fractionString(r.score),
      rank: r.rank,
      indicators: r.indicators,
      bonus: r.bonus,
      bonusTotal: decimal(r.bonusTotal),
    }));
}

const fractionText = (f: Fraction) => fractionString(exact(f.numerator, f.denominator));
