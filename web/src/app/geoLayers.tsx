// A district map's layers, turned into what GeoMap draws: compounds coloured by the stage of their renovation (a
// red ring where their walking circle has gaps), facilities as small squares coloured by need (specks when zoomed
// out), each compound's walking circle, space resources as diamonds coloured by status, and division outlines
// computed from the compounds themselves (a convex hull: approximate, never an administrative boundary from a
// package), which a click drills into. Pure functions, no fetching.
import type { GeoCircle, GeoLegendItem, GeoPoint, GeoPolygon, LatLng } from './GeoMap.tsx';

export interface MapCompound extends LatLng {
  id: string;
  name: string;
  stage: string | null;
  households: number;
  gapCount: number;
  gaps: string[];
  communityCode: string;
  subdistrictCode: string;
}
export interface MapFacility extends LatLng {
  id: string;
  name: string;
  need: string;
  kind: string;
}
export interface MapSpace extends LatLng {
  id: string;
  name: string;
  kind: string;
  status: string;
  areaM2: string;
}
export interface MapLayerData {
  circle: { radiusM: number; walkM: number };
  compounds: MapCompound[];
  facilities: MapFacility[];
  spaces?: MapSpace[];
}
export type LayerKey = 'compounds' | 'facilities' | 'spaces' | 'circles' | 'gaps';

/** The project stages in order (the legend's order), one colour each from planned (grey-blue) to handed over (green). */
export const STAGE_COLOURS: Record<string, string> = {
  planned: '#8c8c8c',
  surveyed: '#597ef7',
  consented: '#2f54eb',
  designed: '#722ed1',
  plan_approved: '#9254de',
  consulted: '#c41d7f',
  approved: '#fa541c',
  tendered: '#fa8c16',
  under_construction: '#faad14',
  accepted: '#7cb305',
  handed_over: '#389e0d',
};
export const NO_STAGE_COLOUR = '#bfbfbf';
export const GAP_RING = '#f5222d';
export const NEED_COLOURS: Record<string, string> = {
  clothing: '#eb2f96',
  food: '#fa8c16',
  transport: '#13c2c2',
  medical: '#f5222d',
  elderly_care: '#a0d911',
  culture: '#1677ff',
  recreation: '#52c41a',
};
const CIRCLE_COLOUR = '#36cfc9';
/** Space resources by status: still to place (offered, allocated) warm, done (converted, in use) cool. */
export const SPACE_COLOURS: Record<string, string> = {
  offered: '#d48806',
  allocated: '#d4380d',
  converted: '#08979c',
  in_use: '#1d39c4',
};

export const stageColour = (stage: string | null) => (stage ? (STAGE_COLOURS[stage] ?? NO_STAGE_COLOUR) : NO_STAGE_COLOUR);

export interface LayerWords {
  stage: (stage: string | null) => string;
  need: (need: string) => string;
  compoundTip: (c: MapCompound) => string;
  facilityTip: (f: MapFacility) => string;
  noStage: string;
  gapRing: string;
  facility: (need: string) => string;
  spaceTip?: (s: MapSpace) => string;
  space?: (status: string) => string;
}

/** GeoMap's points, circles and legend for the layers switched on. Compounds come first (they are clicked). */
export function drawnLayers(
  data: MapLayerData,
  on: Record<LayerKey, boolean>,
  words: LayerWords,
): { points: GeoPoint[]; circles: GeoCircle[]; legend: GeoLegendItem[] } {
  const points: GeoPoint[] = [];
  const legend: GeoLegendItem[] = [];
  if (on.compounds) {
    for (const c of data.compounds)
      points.push({
        id: c.id,
        lat: c.lat,
        lng: c.lng,
        label: words.compoundTip(c),
        color: stageColour(c.stage),
        size: 6,
        farSize: 4,
        ring: on.gaps && c.gapCount > 0 ? GAP_RING : undefined,
        layer: on.gaps && c.gapCount > 0 ? 'compoundsWithGaps' : 'compounds',
      });
    const present = new Set(data.compounds.map((c) => c.stage));
    for (const s of Object.keys(STAGE_COLOURS))
      if (present.has(s)) legend.push({ key: `stage-${s}`, color: STAGE_COLOURS[s]!, label: words.stage(s) });
    if (present.has(null)) legend.push({ key: 'stage-none', color: NO_STAGE_COLOUR, label: words.noStage });
    if (on.gaps) legend.push({ key: 'gaps', color: GAP_RING, label: words.gapRing });
  }
  if (on.facilities) {
    const needsShown = new Set<string>();
    for (const f of data.facilities) {
      needsShown.add(f.need);
      points.push({
        id: f.id,
        lat: f.lat,
        lng: f.lng,
        label: words.facilityTip(f),
        color: NEED_COLOURS[f.need] ?? '#595959',
        size: 3.5,
        farSize: 1.5,
        shape: 'square',
        layer: 'facilities',
        inert: true,
      });
    }
    for (const n of Object.keys(NEED_COLOURS))
      if (needsShown.has(n))
        legend.push({ key: `need-${n}`, color: NEED_COLOURS[n]!, label: words.facility(words.need(n)), shape: 'square' });
  }
  if (on.spaces && data.spaces?.length && words.spaceTip && words.space) {
    for (const sp of data.spaces)
      points.push({
        id: sp.id,
        lat: sp.lat,
        lng: sp.lng,
        label: words.spaceTip(sp),
        color: SPACE_COLOURS[sp.status] ?? '#595959',
        size: 6,
        farSize: 4,
        shape: 'diamond',
        layer: 'spaces',
        inert: true,
      });
    const present = new Set(data.spaces.map((sp) => sp.status));
    for (const st of Object.keys(SPACE_COLOURS))
      if (present.has(st)) legend.push({ key: `space-${st}`, color: SPACE_COLOURS[st]!, label: words.space(st), shape: 'diamond' });
  }
  const circles: GeoCircle[] = on.circles
    ? data.compounds.map((c) => ({
        id: `circle-${c.id}`,
        lat: c.lat,
        lng: c.lng,
        radiusM: data.circle.radiusM,
        color: CIRCLE_COLOUR,
        layer: 'circles',
      }))
    : [];
  return { points, circles, legend };
}

/** The convex hull of points (Andrew's monotone chain), counter-clockwise; fewer than 3 distinct points give []. */
export function convexHull(pts: LatLng[]): LatLng[] {
  const p = [...new Map(pts.map((q) => [`${q.lng},${q.lat}`, q])).values()].sort((a, b) => a.lng - b.lng || a.lat - b.lat);
  if (p.length < 3) return [];
  const cross = (o: LatLng, a: LatLng, b: LatLng) => (a.lng - o.lng) * (b.lat - o.lat) - (a.lat - o.lat) * (b.lng - o.lng);
  const lower: LatLng[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: LatLng[] = [];
  for (const q of [...p].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0) upper.pop();
    upper.push(q);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** The four corners of the square `m` metres either side of each point: a hull around them encloses one point too. */
function padded(ps: LatLng[], m: number): LatLng[] {
  if (m <= 0) return ps;
  return ps.flatMap((p) => {
    const dLat = m / 111_320;
    const dLng = dLat / Math.cos((p.lat * Math.PI) / 180);
    return [
      { lat: p.lat - dLat, lng: p.lng - dLng },
      { lat: p.lat - dLat, lng: p.lng + dLng },
      { lat: p.lat + dLat, lng: p.lng - dLng },
      { lat: p.lat + dLat, lng: p.lng + dLng },
    ];
  });
}

/**
 * Approximate outlines of the divisions the compounds fall in (by a key such as the subdistrict code; compounds
 * whose key is null are left out), each `padM` metres around its compounds; `labelOf` names an outline.
 */
export function divisionOutlines(
  compounds: MapCompound[],
  keyOf: (c: MapCompound) => string | null,
  colour = '#8c8c8c',
  opts: { padM?: number; labelOf?: (key: string) => string | undefined } = {},
): GeoPolygon[] {
  const groups = new Map<string, LatLng[]>();
  for (const c of compounds) {
    const k = keyOf(c);
    if (k === null) continue;
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  return [...groups]
    .map(([k, ps]) => ({
      id: `outline-${k}`,
      key: k,
      ring: convexHull(padded(ps, opts.padM ?? 0)),
      color: colour,
      label: opts.labelOf?.(k),
    }))
    .filter((p) => p.ring.length >= 3);
}

/**
 * The division one level below `division` that a compound lies in, read off its codes: a city's district, a
 * district's subdistrict, a subdistrict's community; null at a community (nothing below) or for another code.
 */
export function childDivisionOf(division: string | null, c: Pick<MapCompound, 'communityCode' | 'subdistrictCode'>): string | null {
  if (!division) return null;
  if (/^\d{9}$/.test(division)) return c.subdistrictCode === division ? c.communityCode : null;
  if (!/^\d{6}$/.test(division) || division.endsWith('0000')) return null;
  if (division.endsWith('00')) return c.communityCode.slice(0, 4) === division.slice(0, 4) ? c.communityCode.slice(0, 6) : null;
  return c.communityCode.startsWith(division) ? c.subdistrictCode : null;
}
