// Validates a model and turns it into flat typed arrays for the solver: the
// inner loop of schedule generation must not touch strings, maps or objects.
import { capacityProfile, capacityTailStart, SchedulingInputError, tailCapacity, type Model } from './model.ts';

export interface Compiled {
  n: number;
  nRes: number;
  /** Days in the resource profile; no schedule generated from a valid model reaches past it. */
  horizon: number;
  ids: string[];
  dur: Int32Array;
  release: Int32Array;
  /** Start day of fixed activities, -1 for the others. */
  fixed: Int32Array;
  succPtr: Int32Array;
  succIdx: Int32Array;
  succLag: Int32Array;
  predPtr: Int32Array;
  predIdx: Int32Array;
  predLag: Int32Array;
  /** Non-zero demands per activity; `demOff` holds resource × horizon, the row offset in the profile. */
  demPtr: Int32Array;
  demOff: Int32Array;
  demAmt: Int32Array;
  /** Days an activity may not be in progress (its group's blackouts), sorted. */
  forbPtr: Int32Array;
  forbFrom: Int32Array;
  forbTo: Int32Array;
  /** Free capacity per resource row and day, after blackouts and fixed activities. */
  base: Int32Array;
  topo: Int32Array;
  /** Earliest start by precedence and release alone, and the longest path from the start to the end. */
  est: Int32Array;
  tail: Int32Array;
  groupOf: Int32Array;
  groups: string[];
  opens: Uint8Array;
  lbMakespan: number;
  lbDisturbance: number;
}

interface Edge {
  from: number;
  to: number;
  lag: number;
}

const isDay = (x: number) => Number.isInteger(x) && x >= 0;

function csr(n: number, edges: readonly Edge[], key: 'from' | 'to') {
  const ptr = new Int32Array(n + 1);
  for (const e of edges) ptr[e[key] + 1]!++;
  for (let i = 0; i < n; i++) ptr[i + 1]! += ptr[i]!;
  const fill = ptr.slice(0, n);
  const idx = new Int32Array(edges.length);
  const lag = new Int32Array(edges.length);
  for (const e of edges) {
    const at = fill[e[key]]!++;
    idx[at] = key === 'from' ? e.to : e.from;
    lag[at] = e.lag;
  }
  return { ptr, idx, lag };
}

export function compile(model: Model): Compiled {
  const n = model.activities.length;
  const ids = model.activities.map((a) => a.id);
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    if (index.has(id)) throw new SchedulingInputError(`activity ${id} is listed twice`, id);
    index.set(id, i);
  });
  const resIndex = new Map(model.resources.map((r, k) => [r.id, k]));
  if (resIndex.size !== model.resources.length) throw new SchedulingInputError('a resource id is listed twice');
  const nRes = model.resources.length;

  const dur = new Int32Array(n);
  const release = new Int32Array(n);
  const fixed = new Int32Array(n).fill(-1);
  const groupIndex = new Map<string, number>();
  const groupOf = new Int32Array(n).fill(-1);
  const opens = new Uint8Array(n);
  let lastChange = 0;
  let sumDur = 0;
  model.activities.forEach((a, i) => {
    if (!isDay(a.duration)) throw new SchedulingInputError(`activity ${a.id}: duration must be an integer ≥ 0, got ${a.duration}`, a.id);
    dur[i] = a.duration;
    sumDur += a.duration;
    if (a.earliestStart !== undefined) {
      if (!isDay(a.earliestStart)) throw new SchedulingInputError(`activity ${a.id}: earliest start must be a day ≥ 0`, a.id);
      release[i] = a.earliestStart;
    }
    if (a.fixedStart !== undefined) {
      if (!isDay(a.fixedStart)) throw new SchedulingInputError(`activity ${a.id}: fixed start must be a day ≥ 0`, a.id);
      fixed[i] = a.fixedStart;
      release[i] = a.fixedStart;
    }
    lastChange = Math.max(lastChange, release[i]! + a.duration);
    if (a.group !== undefined) {
      if (!groupIndex.has(a.group)) groupIndex.set(a.group, groupIndex.size);
      groupOf[i] = groupIndex.get(a.group)!;
    }
    if (a.opensGround && a.duration > 0) opens[i] = 1;
  });

  const edges: Edge[] = [];
  let sumLag = 0;
  for (const p of model.precedences) {
    const from = index.get(p.before);
    const to = index.get(p.after);
    if (from === undefined) throw new SchedulingInputError(`precedence names unknown activity ${p.before}`, p.before);
    if (to === undefined) throw new SchedulingInputError(`precedence names unknown activity ${p.after}`, p.after);
    const lag = p.lag ?? 0;
    if (!isDay(lag)) throw new SchedulingInputError(`precedence ${p.before} → ${p.after}: lag must be an integer ≥ 0`, p.after);
    if (from === to) throw new SchedulingInputError(`activity ${p.before} cannot precede itself`, p.before);
    edges.push({ from, to, lag });
    sumLag += lag;
  }
  const succ = csr(n, edges, 'from');
  const pred = csr(n, edges, 'to');
  const topo = topologicalOrder(n, succ.ptr, succ.idx, pred.ptr, ids);

  // Forbidden days per activity: its group's blackouts.
  const byGroup = new Map<number, [number, number][]>();
  for (const b of model.groupBlackouts ?? []) {
    if (!isDay(b.from) || !isDay(b.to) || b.to < b.from)
      throw new SchedulingInputError(`group ${b.group}: blackout [${b.from}, ${b.to}) is not a day range`);
    const g = groupIndex.get(b.group);
    lastChange = Math.max(lastChange, b.to);
    if (g !== undefined && b.to > b.from) (byGroup.get(g) ?? byGroup.set(g, []).get(g)!).push([b.from, b.to]);
  }
  for (const list of byGroup.values()) list.sort((a, b) => a[0] - b[0]);
  const forbPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) forbPtr[i + 1] = forbPtr[i]! + (dur[i]! > 0 ? (byGroup.get(groupOf[i]!)?.length ?? 0) : 0);
  const forbFrom = new Int32Array(forbPtr[n]!);
  const forbTo = new Int32Array(forbPtr[n]!);
  for (let i = 0; i < n; i++) {
    if (dur[i] === 0) continue;
    (byGroup.get(groupOf[i]!) ?? []).forEach(([f, t], k) => {
      forbFrom[forbPtr[i]! + k] = f;
      forbTo[forbPtr[i]! + k] = t;
    });
  }

  for (const r of model.resources) lastChange = Math.max(lastChange, capacityTailStart(r.capacity));
  for (const b of model.blackouts ?? []) {
    if (!isDay(b.from) || !isDay(b.to) || b.to < b.from)
      throw new SchedulingInputError(`city blackout [${b.from}, ${b.to}) is not a day range`);
    lastChange = Math.max(lastChange, b.to);
  }
  // Past `lastChange` everything is constant, so a serial schedule never needs more than the sum of all
  // durations and lags beyond it; a tight block may leave a gap up to its own length before it: twice that.
  const digging = new Map<number, number>();
  for (let i = 0; i < n; i++) if (opens[i] && groupOf[i]! >= 0) digging.set(groupOf[i]!, (digging.get(groupOf[i]!) ?? 0) + 1);
  const blocks = [...digging.values()].some((k) => k > 1);
  const horizon = lastChange + (blocks ? 2 : 1) * (sumDur + sumLag) + 1;
  const base = new Int32Array(nRes * horizon);
  const maxCap = new Int32Array(nRes);
  model.resources.forEach((r, k) => {
    const row = capacityProfile(r.capacity, horizon);
    for (const b of model.blackouts ?? []) row.fill(0, b.from, b.to);
    for (let t = 0; t < horizon; t++) if (row[t]! < 0) throw new SchedulingInputError(`resource ${r.id}: negative capacity on day ${t}`);
    maxCap[k] = row.reduce((m, c) => Math.max(m, c), 0);
    if (tailCapacity(r.capacity) < 0) throw new SchedulingInputError(`resource ${r.id}: negative capacity`);
    base.set(row, k * horizon);
  });

  const demPtr = new Int32Array(n + 1);
  const dems: [number, number][][] = model.activities.map((a) => {
    const out: [number, number][] = [];
    for (const [rid, amount] of Object.entries(a.demands ?? {})) {
      const k = resIndex.get(rid);
      if (k === undefined) throw new SchedulingInputError(`activity ${a.id} needs unknown resource ${rid}`, a.id);
      if (!isDay(amount)) throw new SchedulingInputError(`activity ${a.id}: demand on ${rid} must be an integer ≥ 0`, a.id);
      if (amount > maxCap[k]! && a.duration > 0)
        throw new SchedulingInputError(`activity ${a.id} needs ${amount} of ${rid}, but at most ${maxCap[k]} is ever available`, a.id);
      if (amount > 0 && a.duration > 0) out.push([k * horizon, amount]);
    }
    return out;
  });
  dems.forEach((d, i) => (demPtr[i + 1] = demPtr[i]! + d.length));
  const demOff = new Int32Array(demPtr[n]!);
  const demAmt = new Int32Array(demPtr[n]!);
  dems.forEach((d, i) => d.forEach(([off, a], k) => ((demOff[demPtr[i]! + k] = off), (demAmt[demPtr[i]! + k] = a))));

  const est = new Int32Array(n);
  for (const j of topo) {
    let s = release[j]!;
    for (let e = pred.ptr[j]!; e < pred.ptr[j + 1]!; e++) s = Math.max(s, est[pred.idx[e]!]! + dur[pred.idx[e]!]! + pred.lag[e]!);
    if (fixed[j]! >= 0) {
      // A started package's predecessors must have started too: the solver cannot promise a free one finishes in time.
      for (let e = pred.ptr[j]!; e < pred.ptr[j + 1]!; e++) {
        const q = pred.idx[e]!;
        if (fixed[q]! < 0 || fixed[q]! + dur[q]! + pred.lag[e]! > fixed[j]!)
          throw new SchedulingInputError(
            `activity ${ids[j]} is fixed at day ${fixed[j]} but its predecessor ${ids[q]} is ${fixed[q]! < 0 ? 'not fixed' : 'fixed too late'}`,
            ids[j],
          );
      }
    }
    est[j] = fixed[j]! >= 0 ? fixed[j]! : s;
  }
  const tail = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const j = topo[i]!;
    let q = 0;
    for (let e = succ.ptr[j]!; e < succ.ptr[j + 1]!; e++) q = Math.max(q, succ.lag[e]! + tail[succ.idx[e]!]!);
    tail[j] = q + dur[j]!;
  }

  placeFixed(model, { n, horizon, ids, dur, fixed, base, demPtr, demOff, demAmt, forbPtr, forbFrom, forbTo });

  let lbMakespan = 0;
  for (let j = 0; j < n; j++) lbMakespan = Math.max(lbMakespan, est[j]! + tail[j]!);
  const plainCapacity =
    model.resources.every((r) => typeof r.capacity === 'number') && !model.blackouts?.length && fixed.every((f) => f < 0);
  if (plainCapacity)
    model.resources.forEach((r, k) => {
      let work = 0;
      for (let j = 0; j < n; j++)
        for (let e = demPtr[j]!; e < demPtr[j + 1]!; e++) if (demOff[e] === k * horizon) work += demAmt[e]! * dur[j]!;
      if ((r.capacity as number) > 0) lbMakespan = Math.max(lbMakespan, Math.ceil(work / (r.capacity as number)));
    });
  // A compound's window is at least as long as its longest ground-opening package.
  const longest = new Int32Array(groupIndex.size);
  for (let j = 0; j < n; j++) if (opens[j] && groupOf[j]! >= 0) longest[groupOf[j]!] = Math.max(longest[groupOf[j]!]!, dur[j]!);
  const lbDisturbance = longest.reduce((a, b) => a + b, 0);

  return {
    n,
    nRes,
    horizon,
    ids,
    dur,
    release,
    fixed,
    succPtr: succ.ptr,
    succIdx: succ.idx,
    succLag: succ.lag,
    predPtr: pred.ptr,
    predIdx: pred.idx,
    predLag: pred.lag,
    demPtr,
    demOff,
    demAmt,
    forbPtr,
    forbFrom,
    forbTo,
    base,
    topo,
    est,
    tail,
    groupOf,
    groups: [...groupIndex.keys()],
    opens,
    lbMakespan,
    lbDisturbance,
  };
}

/** Kahn's algorithm; on a cycle, names an activity on it. */
function topologicalOrder(n: number, succPtr: Int32Array, succIdx: Int32Array, predPtr: Int32Array, ids: string[]): Int32Array {
  const indeg = new Int32Array(n);
  for (let j = 0; j < n; j++) indeg[j] = predPtr[j + 1]! - predPtr[j]!;
  const order = new Int32Array(n);
  let head = 0;
  let tailAt = 0;
  for (let j = 0; j < n; j++) if (indeg[j] === 0) order[tailAt++] = j;
  while (head < tailAt) {
    const j = order[head++]!;
    for (let e = succPtr[j]!; e < succPtr[j + 1]!; e++) if (--indeg[succIdx[e]!]! === 0) order[tailAt++] = succIdx[e]!;
  }
  if (tailAt < n) {
    // Walk successors that are still blocked until one repeats: that one lies on a cycle.
    let j = indeg.findIndex((d) => d > 0);
    const seen = new Uint8Array(n);
    while (!seen[j]) {
      seen[j] = 1;
      for (let e = succPtr[j]!; e < succPtr[j + 1]!; e++)
        if (indeg[succIdx[e]!]! > 0) {
          j = succIdx[e]!;
          break;
        }
    }
    throw new SchedulingInputError(`precedences form a cycle through activity ${ids[j]}`, ids[j]);
  }
  return order;
}

type FixedInput = Pick<
  Compiled,
  'n' | 'horizon' | 'ids' | 'dur' | 'fixed' | 'base' | 'demPtr' | 'demOff' | 'demAmt' | 'forbPtr' | 'forbFrom' | 'forbTo'
>;

/** Fixed (started) activities take their capacity up front; a conflict among them is the caller's to resolve. */
function placeFixed(model: Model, c: FixedInput): void {
  for (let j = 0; j < c.n; j++) {
    const s = c.fixed[j]!;
    if (s < 0) continue;
    const f = s + c.dur[j]!;
    for (let e = c.forbPtr[j]!; e < c.forbPtr[j + 1]!; e++)
      if (c.forbFrom[e]! < f && c.forbTo[e]! > s)
        throw new SchedulingInputError(`activity ${c.ids[j]} is fixed inside its group's blackout`, c.ids[j]);
    for (let e = c.demPtr[j]!; e < c.demPtr[j + 1]!; e++)
      for (let t = s; t < f; t++) {
        const at = c.demOff[e]! + t;
        c.base[at]! -= c.demAmt[e]!;
        if (c.base[at]! < 0) {
          const r = model.resources[Math.floor(c.demOff[e]! / c.horizon)]!.id;
          throw new SchedulingInputError(
            `fixed activity ${c.ids[j]} overloads ${r} on day ${t} (with the other fixed activities)`,
            c.ids[j],
          );
        }
      }
  }
}
