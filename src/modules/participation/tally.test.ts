import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonical,
  canonicalSlow,
  electorateHash,
  GENESIS,
  link,
  linkVote,
  verifyChain,
  voteInput,
  type Json,
  type StoredLink,
  type VoteFields,
} from './chain.ts';
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
        fc.pre(eligible > 0);
        const t = count(eligible, votes);
        const agree = votes.filter((v) => v === 'agree').length;
        expect(t).toEqual({
          eligible,
          agree,
          disagree: votes.filter((v) => v === 'disagree').length,
          abstain: votes.filter((v) => v === 'abstain').length,
          notVoted: extra,
        });
        // The base is every eligible household, written out independently of passes().
        const passed = passes(t.agree, t.eligible, twoThirds);
        expect(passed).toBe(3 * agree >= 2 * eligible);
        // An abstention or a household that did not vote weighs exactly like a "disagree"…
        const asDisagree = count(
          eligible,
          votes.map((v) => (v === 'agree' ? v : 'disagree')),
        );
        expect(passes(asDisagree.agree, asDisagree.eligible, twoThirds)).toBe(passed);
        // …and unlike a rule over cast votes only: with abstentions or non-voters that rule would sometimes pass where this fails.
        const castOnly = agree + t.disagree;
        if (castOnly > 0 && 3 * agree >= 2 * castOnly && 3 * agree < 2 * eligible) expect(passed).toBe(false);
        // One more "agree" in place of an abstention never turns a pass into a fail.
        const i = votes.indexOf('abstain');
        if (i >= 0) {
          const more = count(eligible, votes.with(i, 'agree'));
          if (passed) expect(passes(more.agree, eligible, twoThirds)).toBe(true);
        }
      }),
    );
    // The case the rule is about: 6 of 9 agree passes; 5 agree with 1 abstaining and 3 not voting fails, though 5 of 6 cast agree.
    expect(passes(count(9, ['agree', 'agree', 'agree', 'agree', 'agree', 'agree']).agree, 9, twoThirds)).toBe(true);
    expect(passes(count(9, ['agree', 'agree', 'agree', 'agree', 'agree', 'abstain']).agree, 9, twoThirds)).toBe(false);
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

  it('writes the same bytes by its fast path (JSON.stringify of values already in order) as by its loops', () => {
    fc.assert(
      fc.property(json, (v) => {
        const ordered = JSON.parse(canonicalSlow(v)) as Json;
        expect(canonical(ordered)).toBe(canonicalSlow(ordered));
        expect(canonical(v)).toBe(canonicalSlow(v));
      }),
    );
    // Integer-like keys come first in the engine's own order, which is not string order.
    expect(canonical({ 10: 'a', 9: 'b' } as unknown as Json)).toBe('{"10":"a","9":"b"}');
    expect(() => canonical({ a: Number.NaN })).toThrow(TypeError);
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

  const vote = fc.record({
    id: fc.uuid(),
    ballotId: fc.uuid(),
    householdId: fc.uuid(),
    choice: fc.constantFrom('agree', 'disagree', 'abstain'),
    channel: fc.constantFrom('online', 'paper', 'proxy'),
    receipt: fc.stringMatching(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/),
    byUserId: fc.uuid(),
    castAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    evidence: json,
  }) as fc.Arbitrary<VoteFields>;

  it('links votes by their fields (encoding 2) beside records (encoding 1), and finds any changed field by position', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            vote.map((v) => ({ vote: v })),
            json.map((r) => ({ record: r })),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        fc.nat(),
        fc.constantFrom<keyof VoteFields>('id', 'householdId', 'choice', 'channel', 'receipt', 'castAt', 'evidence'),
        (items, at, field) => {
          let previous = GENESIS;
          const links: StoredLink[] = items.map((item, i) => {
            previous = 'vote' in item ? linkVote(previous, item.vote) : link(previous, item.record);
            return { position: i + 1, hash: previous, ...item };
          });
          expect(verifyChain(links)).toMatchObject({ ok: true, length: links.length });
          const i = at % links.length;
          const target = links[i]!;
          fc.pre('vote' in target);
          const v = (target as { vote: VoteFields }).vote;
          const changed = {
            ...v,
            [field]:
              field === 'evidence'
                ? { changed: canonical(v.evidence) }
                : field === 'choice' && v.choice === 'agree'
                  ? 'disagree'
                  : `${v[field]}x`,
          };
          const tampered = links.map((l, k) => (k === i ? { ...l, vote: changed as VoteFields } : l));
          expect(verifyChain(tampered)).toMatchObject({ ok: false, brokenAt: i + 1 });
        },
      ),
    );
  });

  it('writes encoding 2 as a fixed tag and one field per line', () => {
    const v: VoteFields = {
      id: 'i',
      ballotId: 'b',
      householdId: 'h',
      choice: 'agree',
      channel: 'paper',
      receipt: 'R',
      byUserId: 'u',
      castAt: '2026-01-01T00:00:00.000Z',
      evidence: { sheetNo: 'S-1', a: 1 },
    };
    expect(voteInput(v)).toBe('vote/2\ni\nb\nh\nagree\npaper\nR\nu\n2026-01-01T00:00:00.000Z\n{"a":1,"sheetNo":"S-1"}');
  });
});
