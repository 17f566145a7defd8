// Reader of PSPLIB's single-mode `.sm` files (Kolisch & Sprecher 1996): the
// standard RCPSP benchmark the core is measured on. Pure: takes the text.
import { SchedulingInputError, type Model } from './model.ts';

export interface PsplibInstance {
  jobs: number;
  horizon: number;
  capacities: number[];
  durations: number[];
  /** demands[job][resource] */
  demands: number[][];
  /** successors[job], 0-based job numbers */
  successors: number[][];
}

const ints = (line: string) => line.trim().split(/\s+/).filter(Boolean).map(Number);

function fail(why: string): never {
  throw new SchedulingInputError(`not a PSPLIB .sm file: ${why}`);
}

/** The lines after the section heading that starts with `title`, up to the next row of asterisks. */
function section(lines: string[], title: string): string[] {
  const at = lines.findIndex((l) => l.startsWith(title));
  if (at < 0) fail(`no ${title} section`);
  const out: string[] = [];
  for (let i = at + 1; i < lines.length && !lines[i]!.startsWith('***'); i++) out.push(lines[i]!);
  return out;
}

function field(lines: string[], label: RegExp): number {
  const line = lines.find((l) => label.test(l));
  const value = line === undefined ? NaN : Number(line.split(':')[1]?.trim().split(/\s+/)[0]);
  if (!Number.isInteger(value)) fail(`no ${label.source}`);
  return value;
}

export function parsePsplib(text: string): PsplibInstance {
  const lines = text.split(/\r?\n/);
  const jobs = field(lines, /^jobs \(incl\. supersource\/sink \)/);
  const horizon = field(lines, /^horizon/);
  const renewable = field(lines, /^\s*- renewable/);
  const successors: number[][] = Array.from({ length: jobs }, () => []);
  const durations = new Array<number>(jobs).fill(0);
  const demands: number[][] = Array.from({ length: jobs }, () => new Array<number>(renewable).fill(0));

  const numeric = (rows: string[]) => rows.filter((l) => /^\s*\d/.test(l)).map(ints);
  const precedence = numeric(section(lines, 'PRECEDENCE RELATIONS:'));
  if (precedence.length !== jobs) fail(`${precedence.length} precedence rows for ${jobs} jobs`);
  for (const [job, , count, ...succ] of precedence) {
    if (job === undefined || job < 1 || job > jobs || succ.length !== count) fail(`bad precedence row for job ${job}`);
    successors[job - 1] = succ.map((s) => {
      if (!(s >= 1 && s <= jobs)) fail(`job ${job} has unknown successor ${s}`);
      return s - 1;
    });
  }
  const requests = numeric(section(lines, 'REQUESTS/DURATIONS:'));
  if (requests.length !== jobs) fail(`${requests.length} request rows for ${jobs} jobs`);
  for (const [job, , duration, ...req] of requests) {
    if (job === undefined || job < 1 || job > jobs || duration === undefined || req.length < renewable)
      fail(`bad request row for job ${job}`);
    durations[job - 1] = duration;
    demands[job - 1] = req.slice(0, renewable);
  }
  const capacities = numeric(section(lines, 'RESOURCEAVAILABILITIES:'))[0]?.slice(0, renewable) ?? [];
  if (capacities.length !== renewable) fail('no resource availabilities');
  return { jobs, horizon, capacities, durations, demands, successors };
}

/** Jobs become activities "1"… "n", resources "R1"… "Rk" of constant capacity. */
export function psplibModel(p: PsplibInstance): Model {
  return {
    resources: p.capacities.map((capacity, k) => ({ id: `R${k + 1}`, capacity })),
    activities: p.durations.map((duration, j) => ({
      id: String(j + 1),
      duration,
      demands: Object.fromEntries(p.demands[j]!.map((d, k) => [`R${k + 1}`, d])),
    })),
    precedences: p.successors.flatMap((succ, j) => succ.map((s) => ({ before: String(j + 1), after: String(s + 1) }))),
  };
}
