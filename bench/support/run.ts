// Small helpers shared by the benchmarks: progress lines, timing, command-line flags.
import { readFileSync } from 'node:fs';

const started = performance.now();

/** A progress line, prefixed with the seconds since the benchmark started. */
export function log(message: string): void {
  process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
}

export function elapsedSeconds(): number {
  return (performance.now() - started) / 1000;
}

/** Runs `fn` and answers its result with the wall-clock seconds it took. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

/** Prints a heartbeat every `everyMs` while `work` runs: long steps (seeding) report nothing themselves. */
export async function withHeartbeat<T>(label: string, work: Promise<T>, everyMs = 10_000): Promise<T> {
  const t0 = performance.now();
  const timer = setInterval(() => log(`${label}… ${((performance.now() - t0) / 1000).toFixed(0)} s`), everyMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/** `--name=value` from the command line, or `fallback`. */
export function flag(name: string, fallback: string): string {
  const prefix = `--${name}=`;
  const arg = process.argv.find((a) => a.startsWith(prefix));
  return arg ? arg.slice(prefix.length) : fallback;
}

export function numberFlag(name: string, fallback: number): number {
  const value = Number(flag(name, String(fallback)));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Share of all cores busy over `ms`, from /proc/stat: whether other work competes with the benchmark. */
export async function cpuBusyPercent(ms = 1000): Promise<number> {
  const sample = () => {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3]! + (fields[4] ?? 0); // idle + iowait
    return { idle, total: fields.reduce((a, b) => a + b, 0) };
  };
  const a = sample();
  await sleep(ms);
  const b = sample();
  return b.total === a.total ? 0 : 100 * (1 - (b.idle - a.idle) / (b.total - a.total));
}
