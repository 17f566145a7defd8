import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, electorateHash, GENESIS, link, verifyChain, type Json, type StoredLink } from './chain.ts';
import { agreeNeeded, choices, count, passes } from './tally.ts';

const twoThirds = { numerator: 2, denominator: 3 };

describe('the integer rule', () => {
  it('120 eligible: 79 agree fails, 80 agree passes', () => {
    expect(passes(79, 120, twoThirds)).toBe(false);
    expect(passes(80, 120, twoThirds)).toBe(true);
    expect(agreeNeeded(120, twoThirds)).toBe(80);
  });

  it('an empty electorate never passes', () => {
    expect(passes(0, 0, twoThirds)).toBe(false);
  });

  it('passes exactly from ceil(eligible × n / d) agree votes, for any electorate and fraction', () => {
    const fraction = fc
      .tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }))
      .map(([a, b]) => ({ numerator: Math.min(a, b), denominator: Math.max(a, b) }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fraction, (eligible, f) => {
        const need = agreeNeeded(eligible, f);
        expect(passes(need, eligible, f)).toBe(true);
        if (need > 0) expect(passes(need - 1, eligible, f)).toBe(false);
        // The same as the real-number comparison where that is exact enough to trust.
        expect(need).toBe(Math.ceil((eligible * f.numerator) / f.denominator - 1e-9));
      }),
    );
  });

  it('counts abstentions and non-voters against: only agree votes move the result', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...choices), { maxLength: 300 }), fc.nat(300), (votes, extra) => {
        const eligible = votes.length + extra;
        const t = count(eligible, votes);
        expect(t.agree + t.disagree + t.abstain + t.notVoted).toBe(eligible);
        const asAgainst = count(
          eligible,
          votes.map((v) => (v === 'agree' ? v : 'disagree')),
        );
        if (eligible > 0) expect(passes(t.agree, eligible, twoThirds)).toBe(passes(asAgainst.agree, eligible, twoThirds));
      }),
    );
  });

  it('refuses more votes than households', () => {
    expect(() => count(1, ['agree', 'agree'])).toThrow(RangeError);
  });
});

const json: fc.Arbitrary<Json> = fc.jsonValue() as fc.Arbitrary<Json>;

function build(records: Json[]): StoredLink[] {
  let previous = GENESIS;
  return records.map((record, i) => {
    previous = link(previous, record);
    return { position: i + 1, record, hash: previous };
  });
}

describe('the hash chain', () => {
  it('encodes objects with sorted keys, whatever their order', () => {
    expect(canonical({ b: 1, a: [{ d: null, c: 'x' }] })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    expect(electorateHash(['b', 'a'])).toBe(electorateHash(['a', 'b']));
  });

  it('round-trips: the canonical encoding parses back to an equal value', () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(canonical(JSON.parse(canonical(v)) as Json)).toBe(canonical(v));
      }),
    );
  });

  it('verifies an untouched chain and reports the first changed record by position', () => {
    fc.assert(
      fc.property(fc.array(json, { minLength: 1, maxLength: 30 }), fc.nat(), json, (records, at, replacement) => {
        const links = build(records);
        expect(verifyChain(links)).toMatchObject({ ok: true, head: links.at(-1)!.hash, length: links.length });
        const i = at % links.length;
        fc.pre(canonical(replacement) !== canonical(records[i]!));
        const tampered = links.map((l, k) => (k === i ? { ...l, record: replacement } : l));
        expect(verifyChain(tampered)).toMatchObject({ ok: false, brokenAt: i + 1 });
      }),
    );
  });

  it('reports a dropped record where the gap is', () => {
    const links = build([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(verifyChain([links[0]!, links[2]!])).toMatchObject({ ok: false, brokenAt: 2 });
    expect(verifyChain([])).toEqual({ ok: true, head: GENESIS, length: 0 });
  });
});
