// Matching an order to providers, as a pure function: the candidates (one row per provider offering and slot, as
// the indexed query found them) are filtered by what must hold (the slot has room, the provider is near enough and
// holds every qualification the kind requires, valid on the service day) and ranked by an integer score: the rule's
// weights times parts of 0…1000 for distance, free capacity, rating and the elder's preferences. Ties go to the
// nearer, then the cheaper, then the provider id, so the same inputs always rank the same way.
import type { Gender } from './schema.ts';

export interface Candidate {
  providerId: string;
  providerName: string;
  offeringId: string;
  slotId: string;
  priceFen: number;
  lat: number;
  lng: number;
  capacity: number;
  booked: number;
  ratingSum: number;
  ratingCount: number;
  gender: Gender | null;
  dialects: readonly string[];
  /** Qualification code → the latest day it is valid until (YYYY-MM-DD). */
  qualifications: Readonly<Record<string, string>>;
}

export interface MatchRequest {
  /** The elder's point (their compound's); null: distance counts as halfway for everyone. */
  lat: number | null;
  lng: number | null;
  /** The service day in Asia/Shanghai (YYYY-MM-DD): a qualification must be valid on it. */
  day: string;
  /** Qualification codes the kind requires. */
  requires: readonly string[];
  carerGender: Gender | null;
  dialect: string | null;
  /** Providers already offered this order (declined or timed out): not offered again automatically. */
  exclude?: ReadonlySet<string>;
}

export interface MatchingRule {
  maxDistanceM: number;
  weights: { distance: number; capacity: number; rating: number; preference: number };
}

export interface Parts {
  distance: number;
  capacity: number;
  rating: number;
  preference: number;
}

export interface Ranked extends Candidate {
  distanceM: number | null;
  free: number;
  score: number;
  parts: Parts;
}

export type IneligibleReason = 'excluded' | 'full' | 'too_far' | 'qualification_missing' | 'qualification_expired';

export interface Ineligible {
  providerId: string;
  reason: IneligibleReason;
  /** The qualification missing or expired. */
  qualification?: string;
}

/** Ratings count as if every provider had two more of 3 stars: one 5-star rating does not outrank a long record. */
const PRIOR_COUNT = 2;
const PRIOR_STARS = 3;
export const PART_MAX = 1000;

export function haversineM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function ratingPart(sum: number, count: number): number {
  return Math.floor((PART_MAX * (sum + PRIOR_STARS * PRIOR_COUNT)) / (5 * (count + PRIOR_COUNT)));
}

/** The elder's preferences met: each stated one scores 1000 when met, 0 when not (a company's carer: 500). */
export function preferencePart(c: Pick<Candidate, 'gender' | 'dialects'>, req: Pick<MatchRequest, 'carerGender' | 'dialect'>): number {
  const scores: number[] = [];
  if (req.carerGender) scores.push(c.gender === null ? PART_MAX / 2 : c.gender === req.carerGender ? PART_MAX : 0);
  if (req.dialect) scores.push(c.dialects.includes(req.dialect) ? PART_MAX : 0);
  if (!scores.length) return PART_MAX / 2;
  return Math.floor(scores.reduce((a, b) => a + b, 0) / scores.length);
}

function missingQualification(c: Candidate, req: MatchRequest): Ineligible | null {
  for (const code of req.requires) {
    const until = c.qualifications[code];
    if (until === undefined) return { providerId: c.providerId, reason: 'qualification_missing', qualification: code };
    if (until < req.day) return { providerId: c.providerId, reason: 'qualification_expired', qualification: code };
  }
  return null;
}

const better = (a: Ranked, b: Ranked): number =>
  b.score - a.score ||
  (a.distanceM ?? Number.MAX_SAFE_INTEGER) - (b.distanceM ?? Number.MAX_SAFE_INTEGER) ||
  a.priceFen - b.priceFen ||
  (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0);

/** Ranks the candidates, best first (one entry per provider: its best slot), and says why the others were left out. */
export function rankCandidates(
  candidates: readonly Candidate[],
  req: MatchRequest,
  rule: MatchingRule,
): { ranked: Ranked[]; ineligible: Ineligible[] } {
  const best = new Map<string, Ranked>();
  const why = new Map<string, Ineligible>();
  const w = rule.weights;
  for (const c of candidates) {
    const out = (i: Ineligible) => {
      if (!best.has(c.providerId) && !why.has(c.providerId)) why.set(c.providerId, i);
    };
    if (req.exclude?.has(c.providerId)) {
      out({ providerId: c.providerId, reason: 'excluded' });
      continue;
    }
    const lacking = missingQualification(c, req);
    if (lacking) {
      out(lacking);
      continue;
    }
    const free = c.capacity - c.booked;
    if (free <= 0) {
      out({ providerId: c.providerId, reason: 'full' });
      continue;
    }
    const distanceM = req.lat === null || req.lng === null ? null : Math.round(haversineM({ lat: req.lat, lng: req.lng }, c));
    if (distanceM !== null && distanceM > rule.maxDistanceM) {
      out({ providerId: c.providerId, reason: 'too_far' });
      continue;
    }
    const parts: Parts = {
      distance:
        distanceM === null ? PART_MAX / 2 : Math.floor((PART_MAX * (rule.maxDistanceM - distanceM)) / Math.max(1, rule.maxDistanceM)),
      capacity: Math.floor((PART_MAX * free) / c.capacity),
      rating: ratingPart(c.ratingSum, c.ratingCount),
      preference: preferencePart(c, req),
    };
    const score = w.distance * parts.distance + w.capacity * parts.capacity + w.rating * parts.rating + w.preference * parts.preference;
    const ranked: Ranked = { ...c, distanceM, free, score, parts };
    const prev = best.get(c.providerId);
    if (!prev || better(ranked, prev) < 0) best.set(c.providerId, ranked);
    why.delete(c.providerId);
  }
  return { ranked: [...best.values()].sort(better), ineligible: [...why.values()] };
}
