// The search: a genetic algorithm on activity lists (Hartmann 1998: two-point
// crossover, adjacent-swap mutation, ranking selection) whose every child is
// decoded by the serial SGS and improved by forward–backward justification
// (Valls, Ballestín & Quintanilla 2005). The objective is lexicographic:
// disturbance days, then makespan, then (re-planning only) the sum of shifts.
import { prng, type Random } from '../../../platform/random.ts';
import { compile, type Compiled } from './compile.ts';
import type { Model, Schedule, SolveOptions } from './model.ts';
import { groundBlocks, noBlocks, type Blocks } from './blocks.ts';
import { Decoder } from './sgs.ts';

export interface Found {
  start: Int32Array;
  makespan: number;
  disturbance: number;
  shift: number;
  stats: Schedule['stats'];
}

export interface SearchInput {
  c: Compiled;
  /** Off for the baseline: compounds are then no unit of planning. */
  blocks?: boolean;
  /** Previous starts (-1: none): the third criterion is the sum of |shift| against them. */
  previous?: Int32Array;
  /** Extra seeds for the population, e.g. the previous plan's order. */
  lists?: Int32Array[];
}

const now = () => performance.now();
/** Mutation (see `mutate`): expected shift moves per activity up to SHIFT_UP_TO activities, swaps per position beyond. */
const SHIFT_RATE = 0.3;
const SHIFT_UP_TO = 200;
const SWAP_RATE = 0.05;

/** Defaults scale with size: small projects get a thorough search, a city a bounded one. */
function defaults(n: number, o: SolveOptions) {
  return {
    seed: o.seed ?? 1,
    timeLimitMs: o.timeLimitMs ?? Math.min(45_000, 1_000 + n),
    maxSchedules: o.maxSchedules ?? Number.POSITIVE_INFINITY,
    stallSchedules: o.stallSchedules ?? Math.max(2_000, Math.min(500_000, 5_000 * n)),
    populationSize: o.populationSize ?? (n <= 400 ? 20 : n <= 4_000 ? 12 : 4),
    clock: o.clock ?? now,
  };
}

/** The full search on a compiled model. */
export function search(input: SearchInput, options: SolveOptions = {}): Found {
  const { c } = input;
  const n = c.n;
  const o = defaults(n, options);
  const t0 = o.clock();
  const blocks: Blocks = input.blocks === false ? noBlocks(n) : groundBlocks(c);
  const dec = new Decoder(c, blocks);
  const rng = prng(o.seed);
  const P = Math.max(2, o.populationSize);
  const scale = c.horizon + 1;
  const lbPrimary = c.lbDisturbance * scale + c.lbMakespan;

  // Population: 2P slots, the first P are the parents after each selection.
  let lists: Int32Array[] = Array.from({ length: 2 * P }, () => new Int32Array(n));
  let fit = new Float64Array(2 * P);
  let fit2 = new Float64Array(2 * P);
  let hash = new Uint32Array(2 * P);
  const best = {
    start: new Int32Array(n),
    primary: Number.POSITIVE_INFINITY,
    shift: Number.POSITIVE_INFINITY,
    makespan: 0,
    disturbance: 0,
  };
  const saved = new Int32Array(n);
  let schedules = 0;
  let lastImprovement = 0;

  // Second key: the shift against the previous plan when re-planning; otherwise the sum of starts, which
  // ranks schedules of equal makespan (the GA's plateaus) by how early their work is done.
  const shiftOf = () => {
    const prev = input.previous;
    let s = 0;
    if (prev) {
      for (let j = 0; j < n; j++) if (prev[j]! >= 0) s += Math.abs(dec.start[j]! - prev[j]!);
    } else for (let j = 0; j < n; j++) s += dec.start[j]!;
    return s;
  };
  const score = () => dec.disturbance() * scale + dec.makespan();
  const better = (a: number, a2: number, b: number, b2: number) => a < b || (a === b && a2 < b2);

  /** Decodes `list` in slot `k`, justifies, keeps the better of the two, and rewrites the list from that schedule. */
  const evaluate = (k: number) => {
    const list = lists[k]!;
    dec.decode(list);
    let f = score();
    let f2 = shiftOf();
    saved.set(dec.start);
    dec.justify();
    schedules += 3;
    const g = score();
    const g2 = shiftOf();
    if (better(g, g2, f, f2) || (g === f && g2 === f2)) {
      f = g;
      f2 = g2;
    } else dec.start.set(saved);
    dec.listOf(list);
    fit[k] = f;
    fit2[k] = f2;
    let h = 2166136261;
    for (let j = 0; j < n; j++) h = Math.imul(h ^ dec.start[j]!, 16777619);
    hash[k] = h >>> 0;
    if (better(f, f2, best.primary, best.shift)) {
      best.primary = f;
      best.shift = f2;
      best.start.set(dec.start);
      best.makespan = dec.makespan();
      best.disturbance = dec.disturbance();
      lastImprovement = schedules;
    }
  };

  const done = () =>
    (best.primary <= lbPrimary && (best.shift === 0 || !input.previous)) ||
    schedules >= o.maxSchedules ||
    schedules - lastImprovement >= o.stallSchedules ||
    o.clock() - t0 >= o.timeLimitMs;

  const seeds = [priorityList(c, dec.topoPos, (j) => -c.tail[j]!), priorityList(c, dec.topoPos, (j) => c.est[j]!), ...(input.lists ?? [])];
  const fill = (from: number) => {
    for (let k = from; k < P && !(k > 0 && done()); k++) {
      lists[k]!.set(k < seeds.length ? seeds[k]! : randomList(c, dec.topoPos, rng));
      evaluate(k);
    }
  };
  fill(0);

  const taken = new Int32Array(n);
  let stamp = 0;
  const crossover = (mother: Int32Array, father: Int32Array, child: Int32Array) => {
    const q1 = rng.int(0, n);
    const q2 = rng.int(q1, n);
    stamp++;
    let at = 0;
    for (; at < q1; at++) taken[(child[at] = mother[at]!)] = stamp;
    for (let i = 0; i < n && at < q2; i++) if (taken[father[i]!] !== stamp) taken[(child[at++] = father[i]!)] = stamp;
    for (let i = 0; i < n && at < n; i++) if (taken[mother[i]!] !== stamp) taken[(child[at++] = mother[i]!)] = stamp;
  };
  // Small projects: shift moves, an activity to a random place between its last predecessor and first
  // successor. Lists rewritten from schedules hold long runs of same-day activities where swapping
  // neighbours changes nothing; on PSPLIB's hard j30 classes shifts at this rate clearly beat swaps.
  // City-sized lists: adjacent swaps (Hartmann's), which keep a child close to its parents; a few far
  // jumps of whole compounds there mostly undo what the search had found.
  const posOf = new Int32Array(n);
  const mutate = (list: Int32Array) => {
    if (n > SHIFT_UP_TO) {
      for (let i = 0; i + 1 < n; i++) {
        if (rng.next() >= SWAP_RATE) continue;
        const a = list[i]!;
        const b = list[i + 1]!;
        let linked = false;
        for (let e = c.predPtr[b]!; e < c.predPtr[b + 1]! && !linked; e++) linked = c.predIdx[e] === a;
        if (!linked) {
          list[i] = b;
          list[i + 1] = a;
        }
      }
      return;
    }
    const expected = SHIFT_RATE * n;
    const moves = Math.floor(expected) + (rng.next() < expected % 1 ? 1 : 0);
    for (let q = 0; q < n; q++) posOf[list[q]!] = q;
    for (let move = 0; move < moves; move++) {
      const i = rng.int(0, n - 1);
      const j = list[i]!;
      let lo = 0;
      let hi = n - 1;
      for (let e = c.predPtr[j]!; e < c.predPtr[j + 1]!; e++) lo = Math.max(lo, posOf[c.predIdx[e]!]! + 1);
      for (let e = c.succPtr[j]!; e < c.succPtr[j + 1]!; e++) hi = Math.min(hi, posOf[c.succIdx[e]!]! - 1);
      const to = rng.int(lo, Math.max(lo, hi));
      if (to > i) list.copyWithin(i, i + 1, to + 1);
      else if (to < i) list.copyWithin(to + 1, to, i);
      list[to] = j;
      for (let q = Math.min(i, to); q <= Math.max(i, to); q++) posOf[list[q]!] = q;
    }
  };
  const pick = () => {
    const a = rng.int(0, P - 1);
    const b = rng.int(0, P - 1);
    return better(fit[a]!, fit2[a]!, fit[b]!, fit2[b]!) ? a : b;
  };

  const order = Array.from({ length: 2 * P }, (_, i) => i);
  let generation = 0;
  let lastBestGeneration = 0;
  let bestSeen = best.primary;
  while (!done()) {
    for (let k = P; k < 2 * P && !done(); k += 2) {
      const m = pick();
      let f = pick();
      if (f === m) f = (m + 1) % P;
      crossover(lists[m]!, lists[f]!, lists[k]!);
      mutate(lists[k]!);
      evaluate(k);
      if (k + 1 < 2 * P) {
        crossover(lists[f]!, lists[m]!, lists[k + 1]!);
        mutate(lists[k + 1]!);
        evaluate(k + 1);
      }
    }
    // Ranking selection; a second copy of the same schedule only fills what distinct ones cannot.
    order.sort((a, b) => fit[a]! - fit[b]! || fit2[a]! - fit2[b]!);
    const seen = new Set<number>();
    const chosen: number[] = [];
    const rest: number[] = [];
    for (const k of order) {
      (seen.has(hash[k]!) ? rest : chosen).push(k);
      seen.add(hash[k]!);
    }
    const next = [...chosen, ...rest];
    lists = next.map((k) => lists[k]!);
    fit = Float64Array.from(next, (k) => fit[k]!);
    fit2 = Float64Array.from(next, (k) => fit2[k]!);
    hash = Uint32Array.from(next, (k) => hash[k]!);
    generation++;
    if (best.primary < bestSeen) {
      bestSeen = best.primary;
      lastBestGeneration = generation;
    }
    // A converged population only repeats itself: keep the best few, draw the rest anew.
    if (generation - lastBestGeneration >= 15 && P >= 8) {
      lastBestGeneration = generation;
      for (let k = Math.ceil(P / 4); k < P && !done(); k++) {
        lists[k]!.set(randomList(c, dec.topoPos, rng));
        evaluate(k);
      }
    }
  }

  return {
    start: best.start,
    makespan: best.makespan,
    disturbance: best.disturbance,
    shift: best.shift,
    stats: {
      schedules,
      elapsedMs: o.clock() - t0,
      lowerBound: { makespan: c.lbMakespan, disturbanceDays: c.lbDisturbance },
      atLowerBound: best.primary <= lbPrimary,
    },
  };
}

/** A precedence-feasible list by ascending key (ties in topological order). */
export function priorityList(c: Compiled, topoPos: Int32Array, key: (j: number) => number): Int32Array {
  const keyed = Array.from(c.topo, (j) => j);
  const k = new Float64Array(c.n);
  for (const j of c.topo) {
    let v = key(j);
    for (let e = c.predPtr[j]!; e < c.predPtr[j + 1]!; e++) v = Math.max(v, k[c.predIdx[e]!]!);
    k[j] = v;
  }
  keyed.sort((a, b) => k[a]! - k[b]! || topoPos[a]! - topoPos[b]!);
  return Int32Array.from(keyed);
}

/**
 * Latest-start priority drowned in noise: close to a uniformly random precedence-feasible order.
 * Diversity beats sensible starting lists here (measured on PSPLIB's hardest j30 instances).
 */
function randomList(c: Compiled, topoPos: Int32Array, rng: Random): Int32Array {
  const spread = Math.max(1, c.lbMakespan) * 10;
  return priorityList(c, topoPos, (j) => -c.tail[j]! + rng.next() * spread);
}

/** Compiles and searches; answers starts by activity id. */
export function solveRcpsp(model: Model, options: SolveOptions = {}): Schedule {
  const c = compile(model);
  return toSchedule(c, search({ c }, options));
}

export function toSchedule(c: Compiled, found: Found): Schedule {
  const starts = new Map<string, number>();
  c.ids.forEach((id, j) => starts.set(id, found.start[j]!));
  return { starts, makespan: found.makespan, disturbanceDays: found.disturbance, stats: found.stats };
}
