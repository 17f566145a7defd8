import { parentPort, workerData } from 'node:worker_threads';
import type { SolveRequest, SolveResult, SolvedPlan } from './solve.ts';
import { type Model, SchedulingInputError } from './scheduler/model.ts';
import { baseline, planRenovation, replan, type RenovationPlan } from './scheduler/renovate-once.ts';
import { verifySchedule } from './scheduler/verify.ts';

const plain = (p: RenovationPlan): SolvedPlan => ({
  starts: [...p.starts],
  makespan: p.makespan,
  disturbanceDays: p.disturbanceDays,
  excavations: p.excavations,
  groups: p.groups,
});

function run(req: SolveRequest): SolveResult {
  const model: Model = req.model;
  try {
    const coordinated = req.replan
      ? replan(model, new Map(req.replan.previous), req.replan.started, req.replan.today, req.options)
      : planRenovation(model, req.options);
    const alone = baseline(model);
    // Every answer is checked by the independent verifier before anyone sees it.
    const violations = [...verifySchedule(model, coordinated.starts, { limit: 10 }), ...verifySchedule(model, alone.starts, { limit: 10 })];
    return { ok: true, coordinated: plain(coordinated), baseline: plain(alone), violations };
  } catch (err) {
    if (err instanceof SchedulingInputError) return { ok: false, error: err.message, activityId: err.activityId ?? null };
    throw err;
  }
}

parentPort!.postMessage(run(workerData as SolveRequest));
