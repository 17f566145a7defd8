// Matching as a pure function: no database. Eligibility (slot room, distance, qualifications valid on the day, the
// exclusion of providers already offered), the integer score and its parts, and a deterministic order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  haversineM,
  preferencePart,
  rankCandidates,
  ratingPart,
  type Candidate,
  type MatchRequest,
  type MatchingRule,
} from './matching.ts';

const rule: MatchingRule = { maxDistanceM: 5000, weights: { distance: 4, capacity: 2, rating: 3, preference: 3 } };
const LAT = 30.27;
const LNG = 120.12;
// Metres north as degrees on the sphere haversineM measures on (6,371 km).
const north = (m: number) => LAT + m / ((6_371_000 * Math.PI) / 180);

function cand(id: string, over: Partial<Candidate> = {}): Candidate {
  return {
    providerId: id,
    providerName: `P${id}`,
    offeringId: `o-${id}`,
    slotId: `s-${id}`,
    priceFen: 1500,
    lat: north(1000),
    lng: LNG,
    capacity: 10,
    booked: 0,
    ratingSum: 0,
    ratingCount: 0,
    gender: null,
    dialects: [],
    qualifications: { health_certificate: '2030-01-01' },
    ...over,
  };
}

const req = (over: Partial<MatchRequest> = {}): MatchRequest => ({
  lat: LAT,
  lng: LNG,
  day: '2026-12-04',
  requires: ['health_certificate'],
  carerGender: null,
  dialect: null,
  ...over,
});

describe('rankCandidates', () => {
  it('ranks the nearer provider first when all else is equal, with distance in metres', () => {
    const { ranked } = rankCandidates([cand('far', { lat: north(3000) }), cand('near', { lat: north(500) })], req(), rule);
    expect(ranked.map((r) => r.providerId)).toEqual(['near', 'far']);
    expect(ranked[0]!.distanceM).toBe(500);
    expect(ranked[0]!.parts.distance).toBe(900);
    expect(ranked[1]!.parts.distance).toBe(400);
  });

  it('leaves out full slots, providers too far, and those lacking or with an expired qualification, saying why', () => {
    const { ranked, ineligible } = rankCandidates(
      [
        cand('ok'),
        cand('full', { booked: 10 }),
        cand('far', { lat: north(6000) }),
        cand('none', { qualifications: {} }),
        cand('expired', { qualifications: { health_certificate: '2026-12-03' } }),
        cand('valid-today', { qualifications: { health_certificate: '2026-12-04' } }),
      ],
      req(),
      rule,
    );
    expect(ranked.map((r) => r.providerId).sort()).toEqual(['ok', 'valid-today']);
    expect(Object.fromEntries(ineligible.map((i) => [i.providerId, i.reason]))).toEqual({
      full: 'full',
      far: 'too_far',
      none: 'qualification_missing',
      expired: 'qualification_expired',
    });
    expect(ineligible.find((i) => i.providerId === 'expired')!.qualification).toBe('health_certificate');
  });

  it('a qualification that expires before the service day makes the provider ineligible for that day only', () => {
    const c = cand('a', { qualifications: { health_certificate: '2026-12-10' } });
    expect(rankCandidates([c], req({ day: '2026-12-10' }), rule).ranked).toHaveLength(1);
    expect(rankCandidates([c], req({ day: '2026-12-11' }), rule).ineligible[0]!.reason).toBe('qualification_expired');
  });

  it('excludes providers already offered the order', () => {
    const { ranked, ineligible } = rankCandidates([cand('a'), cand('b')], req({ exclude: new Set(['a']) }), rule);
    expect(ranked.map((r) => r.providerId)).toEqual(['b']);
    expect(ineligible).toEqual([{ providerId: 'a', reason: 'excluded' }]);
  });

  it("honours the elder's preferences: the carer's gender and dialect", () => {
    const woman = cand('woman', { gender: 'female', lat: north(2000) });
    const man = cand('man', { gender: 'male', lat: north(1500) });
    const company = cand('company', { gender: null, lat: north(1500), dialects: ['hangzhou'] });
    expect(rankCandidates([woman, man], req(), rule).ranked[0]!.providerId).toBe('man');
    expect(rankCandidates([woman, man], req({ carerGender: 'female' }), rule).ranked[0]!.providerId).toBe('woman');
    expect(rankCandidates([woman, man, company], req({ dialect: 'hangzhou' }), rule).ranked[0]!.providerId).toBe('company');
    expect(preferencePart(woman, { carerGender: 'female', dialect: 'hangzhou' })).toBe(500);
    expect(preferencePart(company, { carerGender: 'female', dialect: null })).toBe(500);
  });

  it('prefers more free capacity and a better rating, a long good record over a single 5-star', () => {
    const roomy = cand('roomy', { booked: 0 });
    const busy = cand('busy', { booked: 8 });
    expect(rankCandidates([busy, roomy], req(), rule).ranked.map((r) => r.providerId)).toEqual(['roomy', 'busy']);
    expect(ratingPart(5, 1)).toBeLessThan(ratingPart(90, 20));
    const one = cand('one', { ratingSum: 5, ratingCount: 1 });
    const many = cand('many', { ratingSum: 90, ratingCount: 20 });
    expect(rankCandidates([one, many], req(), rule).ranked[0]!.providerId).toBe('many');
  });

  it('keeps one entry per provider: its best slot', () => {
    const { ranked } = rankCandidates(
      [cand('a', { slotId: 'full-ish', booked: 9 }), cand('a', { slotId: 'empty', booked: 0 }), cand('b', { lat: north(4000) })],
      req(),
      rule,
    );
    expect(ranked.map((r) => [r.providerId, r.slotId])).toEqual([
      ['a', 'empty'],
      ['b', 's-b'],
    ]);
  });

  it('without the elder’s point, distance counts the same for everyone', () => {
    const { ranked } = rankCandidates([cand('x', { lat: north(4000) }), cand('y')], req({ lat: null, lng: null }), rule);
    expect(ranked.every((r) => r.distanceM === null && r.parts.distance === 500)).toBe(true);
  });

  it('is deterministic and total: any order of the same candidates gives the same ranking, scores descending', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            d: fc.integer({ min: 0, max: 6000 }),
            booked: fc.integer({ min: 0, max: 10 }),
            sum: fc.integer({ min: 0, max: 100 }),
            price: fc.integer({ min: 0, max: 5000 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        (specs) => {
          const cands = specs.map((s, i) =>
            cand(`p${i}`, { lat: north(s.d), booked: s.booked, ratingSum: Math.min(s.sum, 5 * 20), ratingCount: 20, priceFen: s.price }),
          );
          const a = rankCandidates(cands, req(), rule).ranked;
          const b = rankCandidates([...cands].reverse(), req(), rule).ranked;
          expect(b.map((r) => r.providerId)).toEqual(a.map((r) => r.providerId));
          for (let i = 1; i < a.length; i++) expect(a[i - 1]!.score).toBeGreaterThanOrEqual(a[i]!.score);
          for (const r of a) expect(Number.isInteger(r.score)).toBe(true);
        },
      ),
    );
  });

  it('measures great-circle distance in metres', () => {
    expect(Math.round(haversineM({ lat: LAT, lng: LNG }, { lat: north(1000), lng: LNG }))).toBe(1000);
  });
});
