// Cluster suggestions as plain functions: neighbours within the rule's distance join (and neighbours of neighbours),
// far ones do not, different districts never join, the size cap splits a chain at its longest links, and the shared
// gaps and the score count only needs two or more compounds lack.
import { describe, expect, it } from 'vitest';
import shipped from '../../../reference/cities/330100/policy-rules.json' with { type: 'json' };
import { clusterFault, sharedGapsOf, suggestClusters, type ClusterPlace, type ClusterRules } from './clusters.ts';
import type { Need } from './needs.ts';
import { offset } from './reach.ts';

const value = (key: string) => shipped.rules.find((r) => r.key === key)!.value as number;
const rules: ClusterRules = {
  neighbourM: value('livingcircle.cluster_neighbour_m'),
  maxCompounds: value('livingcircle.cluster_max_compounds'),
};
const origin = { lat: 30.3, lng: 120.15 };
const GONGSHU = '330105';
const place = (id: string, east: number, opts: { gaps?: Need[]; households?: number; district?: string; north?: number } = {}) => ({
  compoundId: id,
  districtCode: opts.district ?? GONGSHU,
  households: opts.households ?? 100,
  gaps: opts.gaps ?? [],
  ...offset(origin, opts.north ?? 0, east),
});
const ids = (c: { places: ClusterPlace[] }) => c.places.map((p) => p.compoundId);

describe('suggested clusters', () => {
  it('joins neighbours within the distance, and neighbours of neighbours, but not a compound farther away', () => {
    expect(rules.neighbourM).toBe(500);
    const out = suggestClusters([place('a', 0), place('b', 450), place('c', 900), place('far', 900 + 560), place('alone', 5000)], rules);
    expect(out.map(ids)).toEqual([['a', 'b', 'c']]);
    expect(out[0]!.longestLinkM).toBe(450);
  });

  it('puts a pair exactly at the distance together and one a metre beyond apart', () => {
    expect(suggestClusters([place('a', 0), place('b', rules.neighbourM)], rules).map(ids)).toEqual([['a', 'b']]);
    expect(suggestClusters([place('a', 0), place('b', rules.neighbourM + 1)], rules)).toEqual([]);
  });

  it('never joins compounds of different districts, however close', () => {
    const out = suggestClusters([place('a', 0), place('b', 50, { district: '330106' }), place('c', 100)], rules);
    expect(out.map(ids)).toEqual([['a', 'c']]);
    expect(suggestClusters([place('a', 0), place('b', 50, { district: '330106' })], rules)).toEqual([]);
  });

  it('stops at the size cap, taking the shortest links first', () => {
    // A chain of eight, links of 300 m except one of 480 m in the middle: the cap of 6 cuts there or starts anew.
    const eastings = [0, 300, 600, 900, 1380, 1680, 1980, 2280];
    const out = suggestClusters(
      eastings.map((e, i) => place(`p${i}`, e)),
      { ...rules, maxCompounds: 4 },
    );
    expect(out.map(ids).sort()).toEqual([
      ['p0', 'p1', 'p2', 'p3'],
      ['p4', 'p5', 'p6', 'p7'],
    ]);
    for (const c of out) expect(c.places.length).toBeLessThanOrEqual(4);
  });

  it('counts as shared only the needs two or more compounds lack, with their households, and scores by them', () => {
    const out = suggestClusters(
      [
        place('a', 0, { gaps: ['elderly_care', 'medical'], households: 300 }),
        place('b', 200, { gaps: ['elderly_care', 'recreation'], households: 200 }),
        place('c', 400, { gaps: ['elderly_care', 'medical', 'food'], households: 50 }),
      ],
      rules,
    );
    expect(out).toHaveLength(1);
    expect(out[0]!.households).toBe(550);
    expect(out[0]!.sharedGaps).toEqual([
      { need: 'elderly_care', compounds: 3, households: 550 },
      { need: 'medical', compounds: 2, households: 350 },
    ]);
    expect(out[0]!.score).toBe(900);
  });

  it('ranks the cluster whose households share more gaps first', () => {
    const out = suggestClusters(
      [
        place('a', 0, { households: 900 }),
        place('b', 300, { households: 900 }),
        place('x', 0, { north: 5000, gaps: ['food'], households: 100 }),
        place('y', 300, { north: 5000, gaps: ['food'], households: 100 }),
      ],
      rules,
    );
    expect(out.map(ids)).toEqual([
      ['x', 'y'],
      ['a', 'b'],
    ]);
    expect(out[1]!.score).toBe(0);
  });
});

describe('whether compounds hold together as a cluster', () => {
  it('accepts neighbours linked among themselves and names what is wrong otherwise', () => {
    expect(clusterFault([place('a', 0), place('b', 450), place('c', 900)], rules)).toBeNull();
    expect(clusterFault([place('a', 0)], rules)).toBe('too_few');
    expect(clusterFault([place('a', 0), place('c', 900)], rules)).toBe('apart');
    expect(clusterFault([place('a', 0), place('b', 50, { district: '330106' })], rules)).toBe('districts');
    expect(
      clusterFault(
        Array.from({ length: 7 }, (_, i) => place(`p${i}`, i * 100)),
        rules,
      ),
    ).toBe('too_many');
  });

  it('finds no shared gap where each compound lacks something else', () => {
    expect(
      sharedGapsOf([
        { gaps: ['food'], households: 1 },
        { gaps: ['medical'], households: 1 },
      ]),
    ).toEqual([]);
  });
});
