// Latency figures of sequential calls: the quantiles every bench table prints.
export interface Latency {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

export function latency(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { p50: at(0.5), p99: at(0.99), max: s[s.length - 1]!, n: s.length };
}

/** `runs` sequential calls after 10 untimed ones; `fn` gets the run's index (to vary its input). */
export async function sample(runs: number, fn: (i: number) => Promise<unknown>): Promise<Latency> {
  for (let i = 0; i < 10; i++) await fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return latency(out);
}
