// R19, the plain part of sample surveys: the seeded generator, the draw, the
// allocation across districts, and the estimate with its intervals, checked
// against a hand-computed example and the shipped rule `sampling.survey`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import shipped from '../../../reference/cities/330100/policy-rules.json' with { type: 'json' };
import {
  allocate,
  drawStratum,
  splitmix64,
  stratifiedEstimate,
  uniformBelow,
  wilsonInterval,
  type SamplingRule,
  type StratumFrame,
} from './sampling.ts';

const rule = (shipped as { rules: { key: string; value: unknown }[] }).rules.find((r) => r.key === 'sampling.survey')!
  .value as SamplingRule;

const frame = (n: number, prefix = 'h') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);

describe('the shipped rule sampling.survey', () => {
  it('gives z = 196/100 for 95%, a minimum of 2 per district and 4 decimals', () => {
    expect(rule).toEqual({ confidence_percent: 95, z: { numerator: 196, denominator: 100 }, min_per_stratum: 2, decimals: 4 });
  });
});

describe('the generator', () => {
  it('is SplitMix64: the published first outputs for key 0', () => {
    const next = splitmix64(0n);
    expect([next(), next(), next()].map((v) => v.toString(16).padStart(16, '0'))).toEqual([
      'e220a8397b1dcdaf',
      '6e789e6aa1b965f4',
      '06c45d188009454f',
    ]);
  });

  it('draws whole numbers below n, each about equally often', () => {
    const next = splitmix64(42n);
    const seen = new Array<number>(7).fill(0);
    for (let i = 0; i < 7000; i++) seen[uniformBelow(next, 7)]! += 1;
    for (const c of seen) expect(c).toBeGreaterThan(850);
    expect(() => uniformBelow(next, 0)).toThrow(RangeError);
  });
});

describe('the draw', () => {
  const ids = frame(500);

  it('draws the same households with the same seed, whatever order the frame comes in', () => {
    const a = drawStratum(ids, 40, '20260101', '330105');
    const b = drawStratum([...ids].reverse(), 40, '20260101', '330105');
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(40);
    for (const id of a) expect(ids).toContain(id);
  });

  it('draws other households with another seed or another district', () => {
    const a = drawStratum(ids, 40, '20260101', '330105');
    expect(drawStratum(ids, 40, '20260102', '330105')).not.toEqual(a);
    expect(drawStratum(ids, 40, '20260101', '330106')).not.toEqual(a);
  });

  it('is a prefix: drawing more keeps the first ones in order', () => {
    expect(drawStratum(ids, 60, 's', 'd').slice(0, 30)).toEqual(drawStratum(ids, 30, 's', 'd'));
  });

  it('draws every household with the whole frame, none with 0, and refuses more than the frame or repeats', () => {
    expect([...drawStratum(ids, 500, 's', 'd')].sort()).toEqual(ids);
    expect(drawStratum(ids, 0, 's', 'd')).toEqual([]);
    expect(() => drawStratum(ids, 501, 's', 'd')).toThrow(RangeError);
    expect(() => drawStratum(['a', 'a'], 1, 's', 'd')).toThrow(RangeError);
  });

  it('gives each household about the same chance (k/N) over many seeds', () => {
    const small = frame(10);
    const hits = new Map(small.map((h) => [h, 0]));
    for (let s = 0; s < 2000; s++) for (const h of drawStratum(small, 3, String(s), 'd')) hits.set(h, hits.get(h)! + 1);
    // Expected 600 each; a binomial (2000, 0.3) has a standard deviation of about 20.
    for (const n of hits.values()) expect(Math.abs(n - 600)).toBeLessThan(100);
  });
});

describe('the allocation', () => {
  it('is proportional with the largest remainders, and keeps the minimum for a small district', () => {
    // 100 of 4,001: C (1 household) gets its whole frame; 99 are shared 1,000 : 3,000,
    // 24.75 and 74.25, floors 24 and 74, the one left to A (remainder 3,000/4,000 against 1,000/4,000).
    const r = allocate(
      [
        { code: 'B', frame: 3000 },
        { code: 'A', frame: 1000 },
        { code: 'C', frame: 1 },
      ],
      100,
      2,
    );
    expect(r).toEqual({
      ok: true,
      strata: [
        { code: 'A', frame: 1000, size: 25 },
        { code: 'B', frame: 3000, size: 74 },
        { code: 'C', frame: 1, size: 1 },
      ],
    });
  });

  it('refuses more than the frame and less than the minimums', () => {
    const s = [
      { code: 'A', frame: 5 },
      { code: 'B', frame: 1 },
      { code: 'C', frame: 9 },
    ];
    expect(allocate(s, 16, 2)).toEqual({ ok: false, reason: 'above_frame', max: 15 });
    expect(allocate(s, 4, 2)).toEqual({ ok: false, reason: 'below_minimum', min: 5 });
    expect(allocate(s, 5, 2)).toMatchObject({ ok: true, strata: [{ size: 2 }, { size: 1 }, { size: 2 }] });
  });

  it('sums exactly to the total, respects frames and minimums, and is within 1 of proportional (property)', () => {
    const strata = fc
      .uniqueArray(fc.record({ code: fc.stringMatching(/^33\d{4}$/), frame: fc.integer({ min: 0, max: 5000 }) }), {
        selector: (s) => s.code,
        minLength: 1,
        maxLength: 15,
      })
      .filter((s) => s.some((x) => x.frame > 0));
    fc.assert(
      fc.property(strata, fc.integer({ min: 0, max: 3 }), fc.double({ min: 0, max: 1, noNaN: true }), (s: StratumFrame[], min, share) => {
        const N = s.reduce((n, x) => n + x.frame, 0);
        const floors = s.reduce((n, x) => n + Math.min(min, x.frame), 0);
        const total = floors + Math.floor(share * (N - floors));
        const r = allocate(s, total, min);
        if (!r.ok) throw new Error(JSON.stringify(r));
        expect(r.strata.reduce((n, x) => n + x.size, 0)).toBe(total);
        for (const x of r.strata) {
          expect(x.size).toBeLessThanOrEqual(x.frame);
          expect(x.size).toBeGreaterThanOrEqual(Math.min(min, x.frame));
        }
        expect(r.strata.map((x) => x.code)).toEqual(
          s
            .filter((x) => x.frame > 0)
            .map((x) => x.code)
            .sort(),
        );
        // Without a minimum every district is within 1 of its exact share total × N_h / N.
        if (min === 0) for (const x of r.strata) expect(Math.abs(x.size * N - total * x.frame)).toBeLessThan(N);
      }),
    );
  });
});

describe('the estimate', () => {
  // By hand: A has 1,000 households, 40 answered, 30 yes; B 3,000, 60 answered, 36 yes.
  // W = 1/4, 3/4; p = 1/4 × 3/4 + 3/4 × 3/5 = 51/80 = 0.6375.
  // v = (1/16)(1 − 40/1000)(3/4 · 1/4)/40 + (9/16)(1 − 60/3000)(3/5 · 2/5)/60
  //   = 9/32000 + 441/200000 = 1989/800000; √v = 0.0498623…, 1.96 √v = 0.0977301…
  // → 0.5398 … 0.7352.
  const strata = [
    { code: 'A', frame: 1000, yes: 30, responded: 40 },
    { code: 'B', frame: 3000, yes: 36, responded: 60 },
  ];

  it('matches the hand-computed stratified estimate, variance and interval', () => {
    const e = stratifiedEstimate(strata, rule);
    expect(e).toEqual({
      rate: '51/80',
      value: '0.6375',
      variance: '1989/800000',
      interval: { lower: '0.5398', upper: '0.7352' },
      weights: { A: '1/4', B: '3/4' },
      strataWithoutAnswers: [],
    });
    const half = 1.96 * Math.sqrt(1989 / 800000);
    expect(Number(e.interval!.lower)).toBeCloseTo(0.6375 - half, 4);
    expect(Number(e.interval!.upper)).toBeCloseTo(0.6375 + half, 4);
  });

  it('takes z from the rule: another confidence level, another width', () => {
    const wider = stratifiedEstimate(strata, { ...rule, confidence_percent: 99, z: { numerator: 2576, denominator: 1000 } });
    const half = 2.576 * Math.sqrt(1989 / 800000);
    expect(wider.interval).toEqual({ lower: (0.6375 - half).toFixed(4), upper: (0.6375 + half).toFixed(4) });
  });

  it('has no variance when every household of a district answered (the finite-population correction)', () => {
    expect(stratifiedEstimate([{ code: 'A', frame: 10, yes: 7, responded: 10 }], rule)).toMatchObject({
      rate: '7/10',
      variance: '0',
      interval: { lower: '0.7000', upper: '0.7000' },
    });
  });

  it('leaves out a district without answers and says so; no answers at all, no estimate', () => {
    const e = stratifiedEstimate([...strata, { code: 'C', frame: 500, yes: 0, responded: 0 }], rule);
    expect(e.rate).toBe('51/80');
    expect(e.strataWithoutAnswers).toEqual(['C']);
    expect(stratifiedEstimate([{ code: 'C', frame: 500, yes: 0, responded: 0 }], rule)).toMatchObject({ rate: null, interval: null });
  });

  it('clips the interval to [0, 1]', () => {
    const e = stratifiedEstimate([{ code: 'A', frame: 1000, yes: 1, responded: 20 }], rule);
    expect(e.interval!.lower).toBe('0.0000');
  });

  it('gives the pooled Wilson interval: 66 of 100 at 95% is 0.5628 … 0.7454', () => {
    // center (66 + 1.9208)/103.8416 = 0.654083; half 1.96/103.8416 × √(22.44 + 0.9604) = 0.091305.
    expect(wilsonInterval(66, 100, rule)).toEqual({ lower: '0.5628', upper: '0.7454' });
    const z = 1.96;
    const n = 100;
    const p = 0.66;
    const c = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const h = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
    expect(wilsonInterval(66, 100, rule)).toEqual({ lower: (c - h).toFixed(4), upper: (c + h).toFixed(4) });
    expect(wilsonInterval(0, 0, rule)).toBeNull();
    expect(wilsonInterval(0, 10, rule)!.lower).toBe('0.0000');
  });
});
