// The ballots' gates on a project's stages: consent to renovate before
// "consented", and approval of the plan version now current before
// "plan_approved" (beside the projects module's own check that the plan is
// marked approved). Only a closed, passed ballot counts. Before "surveyed", a
// baseline survey must have reached every household (a refusal is recorded as
// reached); its options mapped to indicators are the project's needs.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { currentPlan, registerGate, registerNeedsSource } from '../projects/index.ts';
import { ballots } from './schema.ts';
import { baselineNeeds, fullyCoveredBaseline } from './surveys.service.ts';

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

registerGate({
  stage: 'consented',
  code: 'consent_ballot',
  async check(ctx, project) {
    const passed = await lastPassed(ctx, project.id, 'renovation_consent');
    return {
      satisfied: !!passed,
      message: passed ? 'The residents consented to the renovation by ballot.' : 'No renovation consent ballot has passed.',
      satisfy: 'Open a renovation consent ballot and close it with agreement from the share of all households the rule requires.',
    };
  },
});

registerGate({
  stage: 'plan_approved',
  code: 'plan_approval_ballot',
  async check(ctx, project) {
    const plan = await currentPlan(ctx, project.id);
    const passed = plan ? await lastPassed(ctx, project.id, 'plan_approval', plan.version) : undefined;
    return {
      satisfied: !!passed,
      message: passed
        ? `The residents approved plan version ${plan!.version} by ballot.`
        : plan
          ? `No plan approval ballot has passed on plan version ${plan.version}.`
          : 'There is no plan yet.',
      satisfy: 'Submit the plan, open a plan approval ballot on that version, and close it with the required agreement.',
    };
  },
});

registerGate({
  stage: 'surveyed',
  code: 'baseline_survey_coverage',
  async check(ctx, project) {
    const { covered, coverage } = await fullyCoveredBaseline(ctx, project.id);
    return {
      satisfied: covered,
      message: covered
        ? `The baseline survey reached all ${coverage.total} households.`
        : coverage
          ? `The baseline survey has reached ${coverage.reached} of ${coverage.total} households.`
          : 'No baseline survey has been opened.',
      satisfy:
        'Open a baseline survey and record a response for every household (online, a paper form, or a refusal); the coverage view lists the households not yet reached.',
    };
  },
});

registerNeedsSource(baselineNeeds);
