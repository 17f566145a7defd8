// Compound blocks: which packages the schedule generation places together.
import type { Compiled } from './compile.ts';

/**
 * The ground-opening packages of a compound, closed under precedence paths
 * between them (a package lying on a path from one to another has to be
 * inside the window anyway). A block is placed at once, so nothing else
 * takes the crews between its members; that is what keeps a compound's
 * excavation in one short window.
 */
export interface Blocks {
  count: number;
  blockOf: Int32Array;
  ptr: Int32Array;
  /** Members of each block in topological order. */
  idx: Int32Array;
  /** The block's own critical-path layout: earliest and latest offset of each member, and the block's length. */
  offEarly: Int32Array;
  offLate: Int32Array;
  length: Int32Array;
}

/** No blocks: every package is planned on its own (the baseline, and plain RCPSP). */
export function noBlocks(n: number): Blocks {
  const none = new Int32Array(0);
  return { count: 0, blockOf: new Int32Array(n).fill(-1), ptr: new Int32Array(1), idx: none, offEarly: none, offLate: none, length: none };
}

export function groundBlocks(c: Compiled): Blocks {
  const { n } = c;
  const blockOf = new Int32Array(n).fill(-1);
  const byGroup: number[][] = c.groups.map(() => []);
  for (let j = 0; j < n; j++) if (c.opens[j] && c.groupOf[j]! >= 0 && c.fixed[j]! < 0) byGroup[c.groupOf[j]!]!.push(j);
  const topoPos = new Int32Array(n);
  c.topo.forEach((j, i) => (topoPos[j] = i));
  const down = new Int32Array(n);
  const up = new Int32Array(n);
  const queue = new Int32Array(n);
  const ptr: number[] = [0];
  const idx: number[] = [];
  const reach = (seeds: number[], mark: Int32Array, stamp: number, p: Int32Array, x: Int32Array) => {
    let head = 0;
    let end = 0;
    for (const s of seeds)
      if (mark[s] !== stamp) {
        mark[s] = stamp;
        queue[end++] = s;
      }
    while (head < end) {
      const j = queue[head++]!;
      for (let e = p[j]!; e < p[j + 1]!; e++)
        if (mark[x[e]!] !== stamp) {
          mark[x[e]!] = stamp;
          queue[end++] = x[e]!;
        }
    }
  };
  byGroup.forEach((members, g) => {
    if (members.length < 2) return;
    reach(members, down, g + 1, c.succPtr, c.succIdx);
    reach(members, up, g + 1, c.predPtr, c.predIdx);
    const closure: number[] = [];
    for (let j = 0; j < n; j++) if (down[j] === g + 1 && up[j] === g + 1) closure.push(j);
    if (closure.some((j) => blockOf[j]! >= 0 || c.fixed[j]! >= 0)) return;
    closure.sort((a, b) => topoPos[a]! - topoPos[b]!);
    for (const j of closure) blockOf[j] = ptr.length - 1;
    idx.push(...closure);
    ptr.push(idx.length);
  });
  dissolveCycles(c, blockOf, ptr.length - 1);
  // Renumber what is left.
  const kept: number[] = [];
  const renum = new Int32Array(ptr.length - 1).fill(-1);
  for (let b = 0; b + 1 < ptr.length; b++)
    if (blockOf[idx[ptr[b]!]!] === b) {
      renum[b] = kept.length;
      kept.push(b);
    }
  const members = kept.map((b) => idx.slice(ptr[b]!, ptr[b + 1]!));
  ptr.length = 1;
  idx.length = 0;
  for (const list of members) {
    idx.push(...list);
    ptr.push(idx.length);
  }
  for (let j = 0; j < n; j++) if (blockOf[j]! >= 0) blockOf[j] = renum[blockOf[j]!]!;
  const count = ptr.length - 1;
  const offEarly = new Int32Array(n);
  const offLate = new Int32Array(n);
  const length = new Int32Array(count);
  for (let b = 0; b < count; b++) {
    for (let m = ptr[b]!; m < ptr[b + 1]!; m++) {
      const j = idx[m]!;
      for (let e = c.predPtr[j]!; e < c.predPtr[j + 1]!; e++)
        if (blockOf[c.predIdx[e]!] === b)
          offEarly[j] = Math.max(offEarly[j]!, offEarly[c.predIdx[e]!]! + c.dur[c.predIdx[e]!]! + c.predLag[e]!);
      length[b] = Math.max(length[b]!, offEarly[j]! + c.dur[j]!);
    }
    for (let m = ptr[b + 1]! - 1; m >= ptr[b]!; m--) {
      const j = idx[m]!;
      let late = length[b]! - c.dur[j]!;
      for (let e = c.succPtr[j]!; e < c.succPtr[j + 1]!; e++)
        if (blockOf[c.succIdx[e]!] === b) late = Math.min(late, offLate[c.succIdx[e]!]! - c.succLag[e]! - c.dur[j]!);
      offLate[j] = late;
    }
  }
  return { count, blockOf, ptr: Int32Array.from(ptr), idx: Int32Array.from(idx), offEarly, offLate, length };
}

/**
 * Two blocks can wait on each other (A's package before one of B's, and B's before one of A's) although
 * each is closed under its own paths. Blocks still waiting after a topological pass of the graph of
 * blocks become single packages again; the rest of the graph is then acyclic.
 */
function dissolveCycles(c: Compiled, blockOf: Int32Array, count: number): void {
  const { n } = c;
  const node = (j: number) => (blockOf[j]! >= 0 ? blockOf[j]! : count + j);
  const indeg = new Int32Array(count + n);
  for (let j = 0; j < n; j++)
    for (let e = c.succPtr[j]!; e < c.succPtr[j + 1]!; e++) if (node(j) !== node(c.succIdx[e]!)) indeg[node(c.succIdx[e]!)]!++;
  const membersOf: number[][] = Array.from({ length: count }, () => []);
  for (let j = 0; j < n; j++) if (blockOf[j]! >= 0) membersOf[blockOf[j]!]!.push(j);
  const queue: number[] = [];
  for (let v = 0; v < count + n; v++) if (indeg[v] === 0 && (v < count || blockOf[v - count]! < 0)) queue.push(v);
  const done = new Uint8Array(count + n);
  while (queue.length) {
    const v = queue.pop()!;
    done[v] = 1;
    for (const j of v < count ? membersOf[v]! : [v - count])
      for (let e = c.succPtr[j]!; e < c.succPtr[j + 1]!; e++) {
        const w = node(c.succIdx[e]!);
        if (w !== v && --indeg[w]! === 0) queue.push(w);
      }
  }
  for (let b = 0; b < count; b++) if (!done[b]) for (const j of membersOf[b]!) blockOf[j] = -1;
}
