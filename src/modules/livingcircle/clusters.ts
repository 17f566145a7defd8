// Clusters (片区) as plain functions: which neighbouring compounds of one district to renovate together. Compounds
// join by single linkage (a pair closer than the rule's neighbour distance links them), taken shortest link first
// and never past the rule's cluster size, so a dense old town splits into clusters of walkable size instead of one
// chain across the district. A cluster is worth more the more households share the same missing needs: one new
// facility between them serves them all (the report's 片区化改造, sharing what the cluster has).
import { needs, type Need } from './needs.ts';
import { GridIndex, straightM, type Point } from './reach.ts';

/** livingcircle.cluster_neighbour_m and livingcircle.cluster_max_compounds. */
export interface ClusterRules {
  neighbourM: number;
  maxCompounds: number;
}

export interface ClusterPlace extends Point {
  compoundId: string;
  districtCode: string;
  households: number;
  /** The needs the compound's circle lacks. */
  gaps: readonly Need[];
}

export interface SharedGap {
  need: Need;
  /** How many of the cluster's compounds lack it (2 or more). */
  compounds: number;
  households: number;
}

export interface Cluster<P extends ClusterPlace = ClusterPlace> {
  places: P[];
  districtCode: string;
  households: number;
  /** The longest link that holds the cluster together, whole metres. */
  longestLinkM: number;
  sharedGaps: SharedGap[];
  /** Households that lack a need together with another compound of the cluster, summed over the shared needs. */
  score: number;
}

interface Link {
  a: number;
  b: number;
  m: number;
}

/** Pairs of the same district closer than the neighbour distance, shortest first (ties by ids: the same on every run). */
function linksOf(places: readonly ClusterPlace[], rules: ClusterRules): Link[] {
  const grid = new GridIndex<ClusterPlace & { i: number }>(rules.neighbourM, Math.max(0, ...places.map((p) => Math.abs(p.lat))));
  places.forEach((p, i) => grid.add({ ...p, i }));
  const links: Link[] = [];
  places.forEach((p, a) => {
    for (const q of grid.near(p)) {
      if (q.i <= a || q.districtCode !== p.districtCode) continue;
      const m = Math.round(straightM(p, q));
      if (m <= rules.neighbourM) links.push({ a, b: q.i, m });
    }
  });
  const key = (l: Link) => `${places[l.a]!.compoundId}|${places[l.b]!.compoundId}`;
  return links.sort((x, y) => x.m - y.m || (key(x) < key(y) ? -1 : 1));
}

/** The shared gaps of some compounds: needs two or more of them lack, most households first. */
export function sharedGapsOf(places: readonly Pick<ClusterPlace, 'gaps' | 'households'>[]): SharedGap[] {
  return needs
    .map((need) => {
      const lacking = places.filter((p) => p.gaps.includes(need));
      return { need, compounds: lacking.length, households: lacking.reduce((s, p) => s + p.households, 0) };
    })
    .filter((g) => g.compounds >= 2)
    .sort((a, b) => b.households - a.households || b.compounds - a.compounds || needs.indexOf(a.need) - needs.indexOf(b.need));
}

function clusterOf<P extends ClusterPlace>(places: P[], longestLinkM: number): Cluster<P> {
  const sharedGaps = sharedGapsOf(places);
  return {
    places,
    districtCode: places[0]!.districtCode,
    households: places.reduce((s, p) => s + p.households, 0),
    longestLinkM,
    sharedGaps,
    score: sharedGaps.reduce((s, g) => s + g.households, 0),
  };
}

/**
 * The suggested clusters: groups of two or more compounds of one district linked by neighbour distance, at most
 * the rule's size, best score first (then more households, then the first compound's id).
 */
export function suggestClusters<P extends ClusterPlace>(places: readonly P[], rules: ClusterRules): Cluster<P>[] {
  const parent = places.map((_, i) => i);
  const size = places.map(() => 1);
  const longest = places.map(() => 0);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const l of linksOf(places, rules)) {
    const a = root(l.a);
    const b = root(l.b);
    if (a === b || size[a]! + size[b]! > rules.maxCompounds) continue;
    parent[b] = a;
    size[a]! += size[b]!;
    longest[a] = Math.max(longest[a]!, longest[b]!, l.m);
  }
  const groups = new Map<number, P[]>();
  places.forEach((p, i) => {
    const r = root(i);
    const g = groups.get(r);
    if (g) g.push(p);
    else groups.set(r, [p]);
  });
  return [...groups.entries()]
    .filter(([, g]) => g.length >= 2)
    .map(([r, g]) =>
      clusterOf(
        [...g].sort((a, b) => (a.compoundId < b.compoundId ? -1 : 1)),
        longest[r]!,
      ),
    )
    .sort((x, y) => y.score - x.score || y.households - x.households || (x.places[0]!.compoundId < y.places[0]!.compoundId ? -1 : 1));
}

export type ClusterFault = 'too_few' | 'too_many' | 'districts' | 'apart';

/**
 * Whether some compounds may be renovated as one cluster under the rules: two or more, at most the rule's size, of
 * one district, and connected by neighbour links among themselves (what a suggestion is; a person may accept a
 * suggestion that the latest data would split differently, as long as it still holds together).
 */
export function clusterFault(places: readonly ClusterPlace[], rules: ClusterRules): ClusterFault | null {
  if (places.length < 2) return 'too_few';
  if (places.length > rules.maxCompounds) return 'too_many';
  if (new Set(places.map((p) => p.districtCode)).size > 1) return 'districts';
  const seen = new Set([0]);
  const queue = [0];
  while (queue.length) {
    const i = queue.pop()!;
    places.forEach((q, j) => {
      if (!seen.has(j) && Math.round(straightM(places[i]!, q)) <= rules.neighbourM) {
        seen.add(j);
        queue.push(j);
      }
    });
  }
  return seen.size === places.length ? null : 'apart';
}
