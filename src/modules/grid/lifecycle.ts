// The grid event's lifecycle as plain data and functions, tested without a database: which state may follow
// which, for whom; self-resolution; the level above; when a state's time runs out; when the clock escalates.
import { gridLevels, openStates, type GridEventState, type GridLevel } from './schema.ts';

/** Who acts, as the lifecycle sees them (an account's role mapped to its part in the grid). */
export const actorKinds = ['grid_worker', 'community', 'subdistrict', 'city', 'resident', 'system'] as const;
export type ActorKind = (typeof actorKinds)[number];

const staff: readonly ActorKind[] = ['community', 'subdistrict', 'city', 'system'];
const handlers: readonly ActorKind[] = ['grid_worker', ...staff];

/**
 * Every move of the lifecycle and who may make it. Reviewing (事件审核, 办结审核) and deciding a dispute (异议审核)
 * belong to the community and above; accepting and handling also to the grid worker; a dispute is opened by the
 * resident who reported. `system` stands for another module or a city platform acting through the core.
 */
const moves: readonly { from: GridEventState; to: GridEventState; by: readonly ActorKind[] }[] = [
  { from: 'reported', to: 'accepted', by: handlers },
  { from: 'accepted', to: 'handled', by: handlers },
  { from: 'handled', to: 'reviewed', by: staff },
  // The review finds the handling wanting: back to handling.
  { from: 'handled', to: 'accepted', by: staff },
  { from: 'reviewed', to: 'closed', by: staff },
  { from: 'reviewed', to: 'accepted', by: staff },
  { from: 'handled', to: 'disputed', by: ['resident'] },
  { from: 'reviewed', to: 'disputed', by: ['resident'] },
  { from: 'closed', to: 'disputed', by: ['resident'] },
  // 异议审核: upheld, the event is handled again; rejected, it is closed.
  { from: 'disputed', to: 'accepted', by: staff },
  { from: 'disputed', to: 'closed', by: staff },
];

export interface TransitionFacts {
  state: GridEventState;
  actor: ActorKind;
  /** The category allows 自办自结 (grid.categories `selfResolvable`). */
  selfResolvable: boolean;
  /** The actor reported this event (self-resolution and disputes are the reporter's). */
  isReporter: boolean;
  closedAt: Date | null;
  /** A merged duplicate stays closed: disputes go to the event it was merged into. */
  merged?: boolean;
  now: Date;
  /** grid.reopen_days */
  reopenDays: number;
}

/** The states the actor may move the event to now, in the lifecycle's order. */
export function allowedNext(f: TransitionFacts): GridEventState[] {
  const next: GridEventState[] = [];
  for (const m of moves) {
    if (m.from !== f.state || !m.by.includes(f.actor)) continue;
    if (m.to === 'disputed' && !f.isReporter) continue;
    if (m.from === 'closed' && (f.merged || !withinReopen(f.closedAt, f.now, f.reopenDays))) continue;
    if (!next.includes(m.to)) next.push(m.to);
  }
  // 自办自结: the grid worker who found a small matter settles it on the spot.
  if (f.state === 'reported' && f.actor === 'grid_worker' && f.isReporter && f.selfResolvable) next.push('closed');
  return next;
}

export const mayTransition = (f: TransitionFacts, to: GridEventState): boolean => allowedNext(f).includes(to);

/** Whether a move from reported straight to closed is a self-resolution (the step is recorded as such). */
export const isSelfResolution = (from: GridEventState, to: GridEventState): boolean => from === 'reported' && to === 'closed';

export function withinReopen(closedAt: Date | null, now: Date, reopenDays: number): boolean {
  if (!closedAt) return false;
  return now.getTime() - closedAt.getTime() <= reopenDays * 86_400_000;
}

export const isOpen = (state: GridEventState): boolean => (openStates as readonly string[]).includes(state);

/** The level above, or null at the top (a city department). */
export function nextLevel(level: GridLevel, levels: readonly GridLevel[] = gridLevels): GridLevel | null {
  const i = levels.indexOf(level);
  return i >= 0 && i < levels.length - 1 ? levels[i + 1]! : null;
}

export const levelRank = (level: GridLevel): number => gridLevels.indexOf(level);

/** grid.event_sla: seconds allowed in each open state, by category group, with a default. */
export interface EventSla {
  default: Record<Exclude<GridEventState, 'closed'>, number>;
  groups: Record<string, Partial<Record<Exclude<GridEventState, 'closed'>, number>>>;
}

/** grid.escalation: the levels in order, the grace past a state's time, and the time each higher level gets. */
export interface EscalationRule {
  levels: GridLevel[];
  graceSeconds: number;
  levelSeconds: Partial<Record<GridLevel, number>>;
}

export function slaSeconds(sla: EventSla, group: string, state: GridEventState): number | null {
  if (state === 'closed') return null;
  return sla.groups[group]?.[state] ?? sla.default[state];
}

/** When the state entered at `from` runs out of time; null for closed. */
export function dueTime(sla: EventSla, group: string, state: GridEventState, from: Date): Date | null {
  const s = slaSeconds(sla, group, state);
  return s === null ? null : new Date(from.getTime() + s * 1000);
}

/** When the clock first raises the level of an event due at `due` (null: closed, or already at the top). */
export function firstEscalation(rule: EscalationRule, level: GridLevel, due: Date | null): Date | null {
  if (!due || nextLevel(level, rule.levels) === null) return null;
  return new Date(due.getTime() + rule.graceSeconds * 1000);
}

/** After rising to `level` at `now`: when it rises again (null at the top, or when the rule gives that level no time). */
export function nextEscalation(rule: EscalationRule, level: GridLevel, now: Date): Date | null {
  if (nextLevel(level, rule.levels) === null) return null;
  const s = rule.levelSeconds[level];
  return s === undefined ? null : new Date(now.getTime() + s * 1000);
}

export const isOverdue = (e: { state: GridEventState; dueAt: Date | null }, now: Date): boolean =>
  e.state !== 'closed' && e.dueAt !== null && e.dueAt.getTime() <= now.getTime();

/** What the clock does to one event at `now`: flag it overdue, and raise its level when its escalation is due. */
export function clockStep(
  rule: EscalationRule,
  e: { state: GridEventState; level: GridLevel; dueAt: Date | null; escalateAt: Date | null; overdueSince: Date | null },
  now: Date,
): { overdueSince: Date | null; level: GridLevel; escalateAt: Date | null; flagged: boolean; escalated: boolean } {
  const flagged = e.overdueSince === null && isOverdue(e, now);
  const overdueSince = flagged ? e.dueAt : e.overdueSince;
  const up =
    e.state !== 'closed' && e.escalateAt !== null && e.escalateAt.getTime() <= now.getTime() ? nextLevel(e.level, rule.levels) : null;
  if (!up) return { overdueSince, level: e.level, escalateAt: e.escalateAt, flagged, escalated: false };
  return { overdueSince, level: up, escalateAt: nextEscalation(rule, up, now), flagged, escalated: true };
}

/** The level an event starts at, from its category's responsible body (a city platform's own events start at the grid). */
export function initialLevel(responsible: 'property' | 'community' | 'subdistrict' | 'city', source: string): GridLevel {
  if (source === 'platform') return 'grid';
  return responsible === 'subdistrict' ? 'subdistrict' : responsible === 'city' ? 'city' : 'grid';
}

/** The human reference: the year reported and the sequence number, "2026-000123". */
export const eventRef = (seq: number, reportedAt: Date): string =>
  `${new Date(reportedAt.getTime() + 8 * 3_600_000).getUTCFullYear()}-${String(seq).padStart(6, '0')}`;

/** Great-circle distance in metres (the same formula the duplicate query runs in SQL). */
export function haversineM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A box around a point that holds every point within `radiusM` (for the index; the exact distance filters after). */
export function boundingBox(p: { lat: number; lng: number }, radiusM: number) {
  const dLat = radiusM / 111_320;
  const dLng = radiusM / (111_320 * Math.max(0.01, Math.cos((p.lat * Math.PI) / 180)));
  return { minLat: p.lat - dLat, maxLat: p.lat + dLat, minLng: p.lng - dLng, maxLng: p.lng + dLng };
}

/** Whether a point lies inside a GeoJSON polygon ([outer ring, …holes], each [[lng, lat], …]): even-odd ray casting. */
export function inPolygon(p: { lat: number; lng: number }, polygon: readonly (readonly (readonly number[])[])[]): boolean {
  const inRing = (ring: readonly (readonly number[])[]) => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]! as [number, number];
      const [xj, yj] = ring[j]! as [number, number];
      if (yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  const [outer, ...holes] = polygon;
  return !!outer && inRing(outer) && !holes.some(inRing);
}
