// The Gantt chart's data, without ECharts: rows (compounds or departments), bars in lanes so that
// packages running side by side in one row do not hide each other, and each compound's disturbance
// window as a band behind its row. Dates are local midnights (ECharts' time axis shows local time);
// a bar ends the day after its last working day, so a one-day package is one day wide.
import type { DisturbanceWindow, ScheduledPackage } from './types.ts';

export type RowsBy = 'compound' | 'department';
export type PlanView = 'coordinated' | 'baseline';

export interface GanttBar {
  row: number;
  lane: number;
  lanes: number;
  startMs: number;
  endMs: number;
  startDate: string;
  endDate: string;
  /** What the bar says: its work kind on a compound's row; its compound on a department's row (the row names the department). */
  label: string;
  pkg: ScheduledPackage;
}

export interface GanttBand {
  row: number;
  startMs: number;
  endMs: number;
  window: DisturbanceWindow;
}

export interface GanttModel {
  rows: { key: string; label: string }[];
  bars: GanttBar[];
  bands: GanttBand[];
  minMs: number;
  maxMs: number;
}

const DAY = 86_400_000;

/** Local midnight of a yyyy-mm-dd date. */
export function dateMs(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y!, m! - 1, d!).getTime();
}

/** Midnight after a date: the exclusive end of a bar whose last day is `iso`. */
export function dayAfterMs(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y!, m! - 1, d! + 1).getTime();
}

/** Puts each bar of one row in the first lane free at its start; every bar learns the row's lane count. */
function assignLanes(bars: GanttBar[]): void {
  const sorted = [...bars].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const laneEnds: number[] = [];
  for (const bar of sorted) {
    let lane = laneEnds.findIndex((end) => end <= bar.startMs);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(bar.endMs);
    } else laneEnds[lane] = bar.endMs;
    bar.lane = lane;
  }
  for (const bar of bars) bar.lanes = Math.max(1, laneEnds.length);
}

export function buildGantt(
  packages: ScheduledPackage[],
  windows: DisturbanceWindow[],
  rowsBy: RowsBy,
  plan: PlanView,
  departmentOrder: string[],
  departmentLabel: (d: string) => string,
  kindLabel: (k: string) => string = (k) => k,
): GanttModel {
  const span = (p: ScheduledPackage) =>
    plan === 'coordinated'
      ? { startDate: p.startDate, endDate: p.endDate, days: p.end - p.start }
      : { startDate: p.baselineStartDate, endDate: p.baselineEndDate, days: p.baselineEnd - p.baselineStart };
  const windowOf = new Map(windows.map((w) => [w.compoundId, w]));

  // Row order: compounds by the start of their window (else their first package), then name; departments in the vocabulary's order.
  let rows: { key: string; label: string }[];
  if (rowsBy === 'compound') {
    const first = new Map<string, { name: string; start: string }>();
    for (const p of packages) {
      const s = span(p).startDate;
      const seen = first.get(p.compoundId);
      if (!seen || s < seen.start) first.set(p.compoundId, { name: p.compoundName, start: s });
    }
    rows = [...first]
      .map(([key, v]) => ({ key, label: v.name, start: windowOf.get(key)?.startDate ?? v.start }))
      .sort((a, b) => a.start.localeCompare(b.start) || a.label.localeCompare(b.label, 'zh-CN'))
      .map(({ key, label }) => ({ key, label }));
    // Two compounds of one name (in different districts) get numbered rows, so they are not taken for one.
    const total = new Map<string, number>();
    for (const r of rows) total.set(r.label, (total.get(r.label) ?? 0) + 1);
    const seen = new Map<string, number>();
    rows = rows.map((r) => {
      if (total.get(r.label)! < 2) return r;
      const n = (seen.get(r.label) ?? 0) + 1;
      seen.set(r.label, n);
      return { key: r.key, label: `${r.label} (${n})` };
    });
  } else {
    const present = new Set<string>(packages.map((p) => p.department));
    const ordered = [...departmentOrder.filter((d) => present.has(d)), ...[...present].filter((d) => !departmentOrder.includes(d)).sort()];
    rows = ordered.map((d) => ({ key: d, label: departmentLabel(d) }));
  }
  const rowIndex = new Map(rows.map((r, i) => [r.key, i]));

  const byRow = new Map<number, GanttBar[]>();
  let minMs = Number.POSITIVE_INFINITY;
  let maxMs = Number.NEGATIVE_INFINITY;
  for (const p of packages) {
    const { startDate, endDate, days } = span(p);
    if (!startDate || !endDate) continue;
    const row = rowIndex.get(rowsBy === 'compound' ? p.compoundId : p.department)!;
    const startMs = dateMs(startDate);
    // A zero-day package shows as a sliver; otherwise a bar ends the day after its last working day.
    const endMs = days > 0 ? dayAfterMs(endDate) : startMs + DAY / 4;
    const label = rowsBy === 'compound' ? kindLabel(p.kind) : p.compoundName;
    const bar: GanttBar = { row, lane: 0, lanes: 1, startMs, endMs, startDate, endDate, label, pkg: p };
    (byRow.get(row) ?? byRow.set(row, []).get(row)!).push(bar);
    minMs = Math.min(minMs, startMs);
    maxMs = Math.max(maxMs, endMs);
  }
  for (const bars of byRow.values()) assignLanes(bars);

  const bands: GanttBand[] =
    rowsBy === 'compound'
      ? windows.flatMap((w) => {
          const row = rowIndex.get(w.compoundId);
          return row === undefined ? [] : [{ row, startMs: dateMs(w.startDate), endMs: dayAfterMs(w.endDate), window: w }];
        })
      : [];

  if (!Number.isFinite(minMs)) {
    minMs = Date.now();
    maxMs = minMs + 30 * DAY;
  }
  return { rows, bars: [...byRow.values()].flat(), bands, minMs, maxMs };
}

export const DEPARTMENT_COLORS: Record<string, string> = {
  housing: '#1558b0',
  city_management: '#13a8a8',
  police: '#2f54eb',
  fire: '#f5222d',
  civil_affairs: '#722ed1',
  power: '#fa8c16',
  water: '#1890ff',
  gas: '#eb2f96',
  telecom: '#52c41a',
};
const SPARE = ['#8c8c8c', '#a0d911', '#faad14', '#597ef7'];

export function departmentColor(department: string, index = 0): string {
  return DEPARTMENT_COLORS[department] ?? SPARE[index % SPARE.length]!;
}
