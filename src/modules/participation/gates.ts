// The ballots' gates on a project's stages: consent to renovate before
// "consented", and approval of the plan version now current before
// "plan_approved" (beside the projects module's own check that the plan is
// marked approved). Only a closed, passed ballot counts. Before "surveyed", a
// baseline survey must have reached every household (a refusal is recorded as
// reached); its options mapped to indicators are the project's needs.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { currentPlan, defineGate } from '../projects/index.ts';
import { participationMessages as pm } from './messages.ts';
import { ballots } from './schema.ts';
import { fullyCoveredBaseline } from './surveys.service.ts';

async function lastPassed(ctx: AppContext, projectId: string, kind: 'renovation_consent' | 'plan_approval', planVersion?: number) {
  const [row] = await ctx.db
    .select({ id: ballots.id, planVersion: ballots.planVersion })
    .from(ballots)
    .where(
      and(
        eq(ballots.projectId, projectId),
        eq(ballots.kind, kind),
        eq(ballots.status, 'closed'),
        sql`(${ballots.result} ->> 'passed')::boolean`,
        planVersion === undefined ? undefined : eq(ballots.planVersion, planVersion),
      ),
    )
    .orderBy(desc(ballots.closedAt))
    .limit(1);
  return row;
}

export const consentBallotGate = defineGate({
  stage: 'consented',
  code: 'consent_ballot',
  async check(ctx, project) {
    const passed = await lastPassed(ctx, project.id, 'renovation_consent');
    return {
      satisfied: !!passed,
      message: passed ? pm.msg('gate.consent_ballot.met') : pm.msg('gate.consent_ballot.unmet'),
      satisfy: pm.msg('gate.consent_ballot.satisfy'),
    };
  },
});

export const planApprovalBallotGate = defineGate({
  stage: 'plan_approved',
  code: 'plan_approval_ballot',
  async check(ctx, project) {
    const plan = await currentPlan(ctx, project.id);
    const passed = plan ? await lastPassed(ctx, project.id, 'plan_approval', plan.version) : undefined;
    return {
      satisfied: !!passed,
      message: passed
        ? pm.msg('gate.plan_approval_ballot.met', { version: plan!.version })
        : plan
          ? pm.msg('gate.plan_approval_ballot.unmet', { version: plan.version })
          : pm.msg('gate.plan_approval_ballot.no_plan'),
      satisfy: pm.msg('gate.plan_approval_ballot.satisfy'),
    };
  },
});

export const baselineSurveyCoverageGate = defineGate({
  stage: 'surveyed',
  code: 'baseline_survey_coverage',
  async check(ctx, project) {
    const { covered, coverage } = await fullyCoveredBaseline(ctx, project.id);
    return {
      satisfied: covered,
      message: covered
        ? pm.msg('gate.baseline_survey_coverage.met', { total: coverage.total })
        : coverage
          ? pm.msg('gate.baseline_survey_coverage.partial', { reached: coverage.reached, total: coverage.total })
          : pm.msg('gate.baseline_survey_coverage.none'),
      satisfy: pm.msg('gate.baseline_survey_coverage.satisfy'),
    };
  },
});
