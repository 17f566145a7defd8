// Plain geometry for GeoMap: an equirectangular projection corrected by cos(latitude) at a fixed reference
// latitude (so shapes at a city's scale keep their proportions), the fit to data, hot-spot cells and a
// scale bar. No DOM here, so it is testable and the component stays about drawing and input.

export interface LatLng {
  lat: number;
  lng: number;
}

/** The view: the centre, pixels per degree of latitude, and the cosine of the reference latitude. */
export interface View {
  lat: number;
  lng: number;
  /** Pixels per degree of latitude; a degree of longitude is `scale * cos` pixels. */
  scale: number;
  cos: number;
}

export const METRES_PER_DEGREE_LAT = 111_320;
export const MIN_SCALE = 50; // about the size of a province in a few hundred pixels
export const MAX_SCALE = 5_000_000; // a few metres per pixel

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function project(view: View, p: LatLng, width: number, height: number): { x: number; y: number } {
  return { x: width / 2 + (p.lng - view.lng) * view.cos * view.scale, y: height / 2 - (p.lat - view.lat) * view.scale };
}

export function unproject(view: View, x: number, y: number, width: number, height: number): LatLng {
  return { lng: view.lng + (x - width / 2) / (view.cos * view.scale), lat: view.lat - (y - height / 2) / view.scale };
}

/** Valid coordinates only: NaN, out-of-range and the (0, 0) of a missing value are left out. */
export function isPlaced(p: LatLng): boolean {
  return (
    Number.isFinite(p.lat) && Number.isFinite(p.lng) && Math.abs(p.lat) <= 85 && Math.abs(p.lng) <= 180 && !(p.lat === 0 && p.lng === 0)
  );
}

/** The view showing every position with a margin. With none the map shows its empty text, so any view does: no city is named. */
export function fitView(positions: LatLng[], width: number, height: number, padding = 32): View {
  const placed = positions.filter(isPlaced);
  if (!placed.length) return { lat: 35, lng: 105, scale: 2_000, cos: Math.cos((35 * Math.PI) / 180) };
  let minLat = Infinity,
    maxLat = -Infinity,
    minLng = Infinity,
    maxLng = -Infinity;
  for (const p of placed) {
    minLat = Math.min(minLat, p.lat);
    maxLat = Math.max(maxLat, p.lat);
    minLng = Math.min(minLng, p.lng);
    maxLng = Math.max(maxLng, p.lng);
  }
  const lat = (minLat + maxLat) / 2;
  const lng = (minLng + maxLng) / 2;
  const cos = Math.cos((lat * Math.PI) / 180);
  const w = Math.max(1, width - 2 * padding);
  const h = Math.max(1, height - 2 * padding);
  // A single point (or points a few metres apart) shows about a kilometre around it.
  const dLat = Math.max(maxLat - minLat, 0.01);
  const dLng = Math.max(maxLng - minLng, 0.01 / cos);
  const scale = clamp(Math.min(h / dLat, w / (dLng * cos)), MIN_SCALE, MAX_SCALE);
  return { lat, lng, scale, cos };
}

/** Zooms by `factor` keeping the geographic point under (x, y) where it is. */
export function zoomAt(view: View, factor: number, x: number, y: number, width: number, height: number): View {
  const scale = clamp(view.scale * factor, MIN_SCALE, MAX_SCALE);
  const anchor = unproject(view, x, y, width, height);
  const next = { ...view, scale };
  const moved = unproject(next, x, y, width, height);
  return { ...next, lat: next.lat + (anchor.lat - moved.lat), lng: next.lng + (anchor.lng - moved.lng) };
}

export function panBy(view: View, dx: number, dy: number): View {
  return { ...view, lng: view.lng - dx / (view.cos * view.scale), lat: clamp(view.lat + dy / view.scale, -85, 85) };
}

/** Distance in metres between two points (equirectangular: good to a fraction of a percent within a city). */
export function distanceM(a: LatLng, b: LatLng): number {
  const cos = Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  const dy = (a.lat - b.lat) * METRES_PER_DEGREE_LAT;
  const dx = (a.lng - b.lng) * METRES_PER_DEGREE_LAT * cos;
  return Math.sqrt(dx * dx + dy * dy);
}

export interface HeatCell {
  /** The cell's south-west corner and its size in degrees of latitude (longitude: size / cos). */
  lat: number;
  lng: number;
  sizeDeg: number;
  /** Width in degrees of longitude when counted elsewhere (the server's cells); else sizeDeg / cos of the view. */
  sizeLngDeg?: number;
  count: number;
}

/**
 * Positions counted in square cells of about `cellPx` pixels at the view's scale, on a grid anchored at
 * (0, 0) so cells do not shift while panning.
 */
export function aggregateCells(positions: LatLng[], view: View, cellPx: number): HeatCell[] {
  const sizeDeg = cellPx / view.scale;
  const sizeLng = sizeDeg / view.cos;
  const cells = new Map<string, HeatCell>();
  for (const p of positions) {
    if (!isPlaced(p)) continue;
    const i = Math.floor(p.lat / sizeDeg);
    const j = Math.floor(p.lng / sizeLng);
    const key = `${i}:${j}`;
    const cell = cells.get(key);
    if (cell) cell.count++;
    else cells.set(key, { lat: i * sizeDeg, lng: j * sizeLng, sizeDeg, count: 1 });
  }
  return [...cells.values()];
}

/** Yellow (few) to deep red (the most), as rgba with the given opacity. */
export function heatColour(count: number, max: number, alpha = 0.55): string {
  const t = max <= 1 ? 1 : Math.log(count) / Math.log(max);
  const hue = 50 - 50 * t; // 50° yellow → 0° red
  const light = 60 - 18 * t;
  return `hsla(${hue.toFixed(0)}, 95%, ${light.toFixed(0)}%, ${alpha})`;
}

/** A round length (1, 2 or 5 × 10^n metres) that spans at most `maxPx` pixels, and its width in pixels. */
export function scaleBar(view: View, maxPx: number): { metres: number; px: number } {
  const metresPerPx = METRES_PER_DEGREE_LAT / view.scale;
  const most = metresPerPx * maxPx;
  const pow = 10 ** Math.floor(Math.log10(most));
  const metres = [5, 2, 1].map((m) => m * pow).find((m) => m <= most) ?? pow;
  return { metres, px: metres / metresPerPx };
}

/** Round steps for faint graticule lines, in degrees, about every `px` pixels. */
export function graticuleStep(view: View, px: number): number {
  const deg = px / view.scale;
  const pow = 10 ** Math.floor(Math.log10(deg));
  return [1, 2, 5, 10].map((m) => m * pow).find((m) => m >= deg) ?? pow * 10;
}

/** The positions' extent as a key ("none" when empty): a map refits when it changes, not on every refetch. */
export function extentOf(positions: LatLng[]): string {
  let a = Infinity,
    b = -Infinity,
    c = Infinity,
    d = -Infinity;
  for (const p of positions) {
    if (!isPlaced(p)) continue;
    a = Math.min(a, p.lat);
    b = Math.max(b, p.lat);
    c = Math.min(c, p.lng);
    d = Math.max(d, p.lng);
  }
  return a === Infinity ? 'none' : [a, b, c, d].map((v) => v.toFixed(5)).join(',');
}

/** What a key does on the map: pan by whole steps (x, y), zoom by a factor, or a step through the points. */
export type MapKeyAction = { pan: [number, number] } | { zoom: number } | { step: 'fit' | 'next' | 'previous' | 'open' | 'leave' };

export function mapKey(key: string): MapKeyAction | null {
  switch (key) {
    case 'ArrowLeft':
      return { pan: [1, 0] };
    case 'ArrowRight':
      return { pan: [-1, 0] };
    case 'ArrowUp':
      return { pan: [0, 1] };
    case 'ArrowDown':
      return { pan: [0, -1] };
    case '+':
    case '=':
      return { zoom: 1.5 };
    case '-':
    case '_':
      return { zoom: 1 / 1.5 };
    case '0':
    case 'Home':
      return { step: 'fit' };
    case 'n':
    case ']':
      return { step: 'next' };
    case 'p':
    case '[':
      return { step: 'previous' };
    case 'Enter':
    case ' ':
      return { step: 'open' };
    case 'Escape':
      return { step: 'leave' };
    default:
      return null;
  }
}

/** The points within reach of (x, y) on screen (a point's own radius + 3 px, at least `hitPx`), nearest first. */
export function pointsNear<P extends LatLng & { size?: number }>(
  points: readonly P[],
  view: View,
  width: number,
  height: number,
  x: number,
  y: number,
  hitPx: number,
): P[] {
  const near: { p: P; d: number }[] = [];
  for (const p of points) {
    const q = project(view, p, width, height);
    const d = (q.x - x) ** 2 + (q.y - y) ** 2;
    const r = Math.max(hitPx, (p.size ?? 5) + 3);
    if (d <= r * r) near.push({ p, d });
  }
  return near.sort((a, b) => a.d - b.d).map((n) => n.p);
}

/** Whether `p` lies inside the ring (even-odd ray casting in degrees: fine at a city's scale). */
export function insideRing(p: LatLng, ring: readonly LatLng[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a.lat > p.lat !== b.lat > p.lat && p.lng < ((b.lng - a.lng) * (p.lat - a.lat)) / (b.lat - a.lat) + a.lng) inside = !inside;
  }
  return inside;
}

/** A ring's area in square degrees (the shoelace formula), to compare rings with. */
export function ringArea(ring: readonly LatLng[]): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) twice += (ring[j]!.lng + ring[i]!.lng) * (ring[j]!.lat - ring[i]!.lat);
  return Math.abs(twice) / 2;
}

/** The polygon under `p`: the smallest of those containing it (approximate outlines of neighbours may overlap). */
export function polygonAt<T extends { ring: readonly LatLng[] }>(polygons: readonly T[], p: LatLng): T | null {
  let best: T | null = null;
  let bestArea = Infinity;
  for (const poly of polygons) {
    if (poly.ring.length < 3 || !insideRing(p, poly.ring)) continue;
    const area = ringArea(poly.ring);
    if (area < bestArea) [best, bestArea] = [poly, area];
  }
  return best;
}
