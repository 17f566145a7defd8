// Runs the scheduler in a worker thread, so a city-sized timetable never
// stalls the server's other requests.
import { Worker } from 'node:worker_threads';
import type { Model, SolveOptions } from './scheduler/model.ts';
import type { GroupWindow } from './scheduler/renovate-once.ts';

export interface SolveRequest {
  model: Model;
  options: SolveOptions;
  replan?: { previous: [string, number][]; started: string[]; today: number };
}

export interface SolvedPlan {
  starts: [string, number][];
  makespan: number;
  disturbanceDays: number;
  excavations: number;
  groups: GroupWindow[];
}

export type SolveResult =
  | { ok: true; coordinated: SolvedPlan; baseline: SolvedPlan; violations: string[] }
  | { ok: false; error: string; activityId: string | null };

export function solveInWorker(req: SolveRequest): Promise<SolveResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./solve-worker.mjs', import.meta.url), { workerData: req });
    worker.once('message', (result: SolveResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the scheduler worker stopped with code ${code}`));
    });
  });
}
