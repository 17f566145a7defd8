// Serial schedule generation on a resource profile, forward–backward
// justification, and the placement of compound blocks. Everything works on preallocated typed
// arrays: the search calls `decode` and `justify` tens of thousands of times.
import type { Blocks } from './blocks.ts';
import type { Compiled } from './compile.ts';
import { SchedulingInputError } from './model.ts';

/** Jumps allowed in search of a tight window before settling for a compacted one. */
const TIGHT_ATTEMPTS = 24;

export class Decoder {
  readonly avail: Int32Array;
  readonly start: Int32Array;
  /** Topological position: the tie-break that keeps start-ordered lists precedence-feasible. */
  readonly topoPos: Int32Array;
  /** Preferred starts (re-planning): taken when feasible, else the earliest feasible day. */
  prefer: Int32Array | null = null;
  private readonly placed: Uint8Array;
  private readonly waiting: Uint8Array;
  private readonly predInit: Int32Array;
  private readonly predLeft: Int32Array;
  private readonly blockInit: Int32Array;
  private readonly blockLeft: Int32Array;
  private readonly blockWaiting: Uint8Array;
  private readonly stack: Int32Array;
  private readonly keys: Float64Array;
  private readonly groupMin: Int32Array;
  private readonly groupMax: Int32Array;
  private readonly fixedList: Int32Array;

  constructor(
    readonly c: Compiled,
    readonly blocks: Blocks,
  ) {
    const { n } = c;
    this.avail = new Int32Array(c.base.length);
    this.start = new Int32Array(n);
    this.topoPos = new Int32Array(n);
    c.topo.forEach((j, i) => (this.topoPos[j] = i));
    this.placed = new Uint8Array(n);
    this.waiting = new Uint8Array(n);
    this.predInit = new Int32Array(n);
    this.blockInit = new Int32Array(blocks.count);
    for (let j = 0; j < n; j++)
      for (let e = c.predPtr[j]!; e < c.predPtr[j + 1]!; e++) {
        const p = c.predIdx[e]!;
        if (c.fixed[p]! >= 0) continue;
        this.predInit[j]!++;
        const b = blocks.blockOf[j]!;
        if (b >= 0 && blocks.blockOf[p] !== b) this.blockInit[b]!++;
      }
    this.predLeft = new Int32Array(n);
    this.blockLeft = new Int32Array(blocks.count);
    this.blockWaiting = new Uint8Array(blocks.count);
    this.stack = new Int32Array(n + blocks.count + 1);
    this.keys = new Float64Array(n);
    this.groupMin = new Int32Array(c.groups.length);
    this.groupMax = new Int32Array(c.groups.length);
    this.fixedList = Int32Array.from(c.topo.filter((j) => c.fixed[j]! >= 0));
  }

  /** Earliest day ≥ lb at which j fits the profile and its group's blackouts; `soft`: past the horizon answers a day past it, not an error. */
  earliest(j: number, lb: number, soft = false): number {
    const c = this.c;
    const d = c.dur[j]!;
    if (d === 0) return lb;
    const avail = this.avail;
    const e0 = c.demPtr[j]!;
    const e1 = c.demPtr[j + 1]!;
    const f0 = c.forbPtr[j]!;
    const f1 = c.forbPtr[j + 1]!;
    let s = lb;
    search: for (;;) {
      if (s + d > c.horizon) {
        if (soft) return s;
        throw new SchedulingInputError(`activity ${c.ids[j]} fits nowhere: its demand exceeds the capacity left`, c.ids[j]);
      }
      for (let f = f0; f < f1; f++)
        if (c.forbFrom[f]! < s + d && c.forbTo[f]! > s) {
          s = c.forbTo[f]!;
          continue search;
        }
      // From the last day back: a conflict late in the window skips the most days.
      for (let t = s + d - 1; t >= s; t--)
        for (let e = e0; e < e1; e++)
          if (avail[c.demOff[e]! + t]! < c.demAmt[e]!) {
            s = t + 1;
            continue search;
          }
      return s;
    }
  }

  /** Latest day in [floor, ub] at which j fits; `floor` is known to fit (justification keeps the old position feasible). */
  latest(j: number, ub: number, floor: number): number {
    const c = this.c;
    const d = c.dur[j]!;
    if (d === 0) return Math.max(ub, floor);
    const avail = this.avail;
    const e0 = c.demPtr[j]!;
    const e1 = c.demPtr[j + 1]!;
    let s = ub;
    search: while (s > floor) {
      for (let f = c.forbPtr[j]!; f < c.forbPtr[j + 1]!; f++)
        if (c.forbFrom[f]! < s + d && c.forbTo[f]! > s) {
          s = c.forbFrom[f]! - d;
          continue search;
        }
      for (let t = s; t < s + d; t++)
        for (let e = e0; e < e1; e++)
          if (avail[c.demOff[e]! + t]! < c.demAmt[e]!) {
            s = t - d;
            continue search;
          }
      return s;
    }
    return floor;
  }

  private put(j: number, s: number, sign: 1 | -1): void {
    const c = this.c;
    const f = s + c.dur[j]!;
    for (let e = c.demPtr[j]!; e < c.demPtr[j + 1]!; e++) {
      const off = c.demOff[e]!;
      const a = c.demAmt[e]! * sign;
      for (let t = s; t < f; t++) this.avail[off + t]! -= a;
    }
    if (sign === 1) this.start[j] = s;
  }

  private lowerBound(j: number): number {
    const c = this.c;
    let lb = c.release[j]!;
    for (let e = c.predPtr[j]!; e < c.predPtr[j + 1]!; e++) {
      const p = c.predIdx[e]!;
      const f = this.start[p]! + c.dur[p]! + c.predLag[e]!;
      if (f > lb) lb = f;
    }
    return lb;
  }

  private upperBound(j: number, ub: number): number {
    const c = this.c;
    const d = c.dur[j]!;
    for (let e = c.succPtr[j]!; e < c.succPtr[j + 1]!; e++) {
      const s = c.succIdx[e]!;
      if (this.placed[s]) ub = Math.min(ub, this.start[s]! - c.succLag[e]! - d);
    }
    return ub;
  }

  private startAt(j: number, lb: number): number {
    const p = this.prefer?.[j] ?? -1;
    return p >= lb && this.earliest(j, p) === p ? p : this.earliest(j, lb);
  }

  private begin(): void {
    this.avail.set(this.c.base);
    this.placed.fill(0);
    for (const j of this.fixedList) {
      this.start[j] = this.c.fixed[j]!;
      this.placed[j] = 1;
    }
  }

  /** Serial SGS: activities in list order (a block when its first member comes), each at its earliest feasible day. */
  decode(list: Int32Array): void {
    const { blockOf } = this.blocks;
    this.begin();
    this.waiting.fill(0);
    this.predLeft.set(this.predInit);
    this.blockLeft.set(this.blockInit);
    this.blockWaiting.fill(0);
    for (let i = 0; i < list.length; i++) {
      const j = list[i]!;
      if (this.placed[j] || this.waiting[j]) continue;
      const b = blockOf[j]!;
      if (b >= 0) {
        if (this.blockWaiting[b]) continue;
        this.blockWaiting[b] = 1;
        if (this.blockLeft[b] === 0) this.drain(-b - 1);
      } else if (this.predLeft[j] === 0) this.drain(j);
      else this.waiting[j] = 1;
    }
    // A list that leaves something unplaced is a solver bug, never an answer.
    if (this.placed.indexOf(0) >= 0) throw new Error(`internal: activity ${this.c.ids[this.placed.indexOf(0)]} was never placed`);
  }

  /** Places `first` (an activity, or block -b-1) and whatever it releases. */
  private drain(first: number): void {
    const c = this.c;
    const { blockOf } = this.blocks;
    let top = 0;
    this.stack[top++] = first;
    while (top > 0) {
      const x = this.stack[--top]!;
      const from = x >= 0 ? 0 : this.blocks.ptr[-x - 1]!;
      const to = x >= 0 ? 1 : this.blocks.ptr[-x]!;
      if (x >= 0) {
        this.put(x, this.startAt(x, this.lowerBound(x)), 1);
        this.placed[x] = 1;
      } else this.placeBlock(-x - 1);
      for (let m = from; m < to; m++) {
        const j = x >= 0 ? x : this.blocks.idx[m]!;
        const own = blockOf[j]!;
        for (let e = c.succPtr[j]!; e < c.succPtr[j + 1]!; e++) {
          const s = c.succIdx[e]!;
          if (c.fixed[s]! >= 0) continue;
          const b = blockOf[s]!;
          if (b >= 0) {
            if (b !== own && --this.blockLeft[b]! === 0 && this.blockWaiting[b]) this.stack[top++] = -b - 1;
          } else if (--this.predLeft[s]! === 0 && this.waiting[s]) this.stack[top++] = s;
        }
      }
    }
  }

  /**
   * First the tightest window: the block's own critical-path length, at the first day (within a few jumps)
   * where every member fits inside it. Failing that, forward at the earliest days, then each member as late
   * as the block's end allows: the window shrinks, the end stays.
   */
  private placeBlock(b: number): void {
    if (!this.prefer && this.placeTight(b)) return;
    const c = this.c;
    const { ptr, idx } = this.blocks;
    let end = 0;
    for (let m = ptr[b]!; m < ptr[b + 1]!; m++) {
      const j = idx[m]!;
      this.put(j, this.startAt(j, this.lowerBound(j)), 1);
      this.placed[j] = 1;
      end = Math.max(end, this.start[j]! + c.dur[j]!);
    }
    if (this.prefer) return;
    // Members by finish, latest first (ties: later in topological order), so successors move before their predecessors.
    const count = ptr[b + 1]! - ptr[b]!;
    for (let m = 0; m < count; m++) {
      const j = idx[ptr[b]! + m]!;
      this.keys[m] = (this.start[j]! + c.dur[j]!) * c.n + this.topoPos[j]!;
    }
    const keys = this.keys.subarray(0, count).sort();
    for (let m = count - 1; m >= 0; m--) {
      const j = c.topo[keys[m]! % c.n]!;
      const old = this.start[j]!;
      this.put(j, old, -1);
      this.put(j, this.latest(j, this.upperBound(j, end - c.dur[j]!), old), 1);
    }
  }

  private placeTight(b: number): boolean {
    const c = this.c;
    const { ptr, idx, offEarly, offLate, length } = this.blocks;
    let t = 0;
    for (let m = ptr[b]!; m < ptr[b + 1]!; m++) {
      const j = idx[m]!;
      let lb = c.release[j]!;
      for (let e = c.predPtr[j]!; e < c.predPtr[j + 1]!; e++) {
        const p = c.predIdx[e]!;
        if (this.blocks.blockOf[p] !== b) lb = Math.max(lb, this.start[p]! + c.dur[p]! + c.predLag[e]!);
      }
      t = Math.max(t, lb - offEarly[j]!);
    }
    attempts: for (let attempt = 0; attempt < TIGHT_ATTEMPTS; attempt++) {
      const end = t + length[b]!;
      if (end > c.horizon) return false;
      for (let m = ptr[b]!; m < ptr[b + 1]!; m++) {
        const j = idx[m]!;
        const s = this.earliest(j, Math.max(t + offEarly[j]!, this.lowerBound(j)), true);
        if (s > t + offLate[j]!) {
          for (let k = ptr[b]!; k < m; k++) this.put(idx[k]!, this.start[idx[k]!]!, -1);
          t = Math.max(t + 1, s - offLate[j]!);
          continue attempts;
        }
        this.put(j, s, 1);
        if (s + c.dur[j]! > end) throw new Error('unreachable: a member past its latest offset');
      }
      for (let m = ptr[b]!; m < ptr[b + 1]!; m++) this.placed[idx[m]!] = 1;
      return true;
    }
    return false;
  }

  /** Forward–backward improvement: right-justify against the makespan, then left-justify again. Never lengthens the schedule. */
  justify(): void {
    const c = this.c;
    const n = c.n;
    const keys = this.keys;
    let mk = 0;
    for (let j = 0; j < n; j++) mk = Math.max(mk, this.start[j]! + c.dur[j]!);
    for (let j = 0; j < n; j++) keys[j] = (this.start[j]! + c.dur[j]!) * n + this.topoPos[j]!;
    keys.sort();
    this.begin();
    for (let i = n - 1; i >= 0; i--) {
      const j = c.topo[keys[i]! % n]!;
      if (c.fixed[j]! >= 0) continue;
      const old = this.start[j]!;
      this.put(j, this.latest(j, this.upperBound(j, mk - c.dur[j]!), old), 1);
      this.placed[j] = 1;
    }
    for (let j = 0; j < n; j++) keys[j] = this.start[j]! * n + this.topoPos[j]!;
    keys.sort();
    this.begin();
    for (let i = 0; i < n; i++) {
      const j = c.topo[keys[i]! % n]!;
      if (c.fixed[j]! >= 0) continue;
      this.put(j, this.earliest(j, this.lowerBound(j)), 1);
      this.placed[j] = 1;
    }
  }

  /** The activity list of the current schedule: by start day, ties in topological order. */
  listOf(out: Int32Array): void {
    const n = this.c.n;
    for (let j = 0; j < n; j++) this.keys[j] = this.start[j]! * n + this.topoPos[j]!;
    this.keys.sort();
    for (let i = 0; i < n; i++) out[i] = this.c.topo[this.keys[i]! % n]!;
  }

  makespan(): number {
    let mk = 0;
    for (let j = 0; j < this.c.n; j++) mk = Math.max(mk, this.start[j]! + this.c.dur[j]!);
    return mk;
  }

  disturbance(): number {
    const c = this.c;
    if (c.groups.length === 0) return 0;
    this.groupMin.fill(0x7fffffff);
    this.groupMax.fill(-1);
    for (let j = 0; j < c.n; j++) {
      if (!c.opens[j]) continue;
      const g = c.groupOf[j]!;
      if (g < 0) continue;
      this.groupMin[g] = Math.min(this.groupMin[g]!, this.start[j]!);
      this.groupMax[g] = Math.max(this.groupMax[g]!, this.start[j]! + c.dur[j]!);
    }
    let sum = 0;
    for (let g = 0; g < c.groups.length; g++) if (this.groupMax[g]! >= 0) sum += this.groupMax[g]! - this.groupMin[g]!;
    return sum;
  }
}
