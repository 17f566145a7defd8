// R19: a finished project's satisfaction rate comes from its satisfaction survey,
// counted by the versioned rule of which answers are satisfied, and its tier
// from the tier rule; a project without such a survey has no rate and no tier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('project satisfaction', () => {
  it('counts the latest satisfaction survey by the rule and places the rate in its tier', async () => {
    const q = (text: string, values: unknown[] = []) => t.ctx.database.pool.query(text, values);
    const { rows } = await q(`select id from projects where stage = 'handed_over' and subdistrict_codes @> array['330105004'] limit 1`);
    const id = rows[0].id as string;
    const res = await t.call('GET', `/api/v1/projects/${id}/satisfaction`, 'hemu');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const [want] = (
      await q(
        `select count(*) filter (where r.channel <> 'refused')::int as answered,
           count(*) filter (where r.channel <> 'refused' and r.answers ->> 'overall' in ('very_satisfied', 'satisfied', 'basically_satisfied'))::int as satisfied
         from surveys s join survey_responses r on r.survey_id = s.id where s.project_id = $1 and s.kind = 'satisfaction'`,
        [id],
      )
    ).rows;
    expect(body).toMatchObject({ satisfied: want.satisfied, answered: want.answered, rate: `${want.satisfied}/${want.answered}` });
    expect(want.answered).toBeGreaterThan(0);
    // The tier is the highest whose threshold the exact rate reaches.
    const edges = [90, 80, 70, 0];
    const expected = edges.findIndex((e) => 100 * want.satisfied >= e * want.answered);
    expect(body.tier).toEqual({ index: expected, minPercent: edges[expected] });
    expect(body.rules.map((r: { key: string }) => r.key)).toEqual(['satisfaction.satisfied', 'satisfaction.tiers']);

    // While a survey is open its responses are counted as they stand: reopened (as if still fielding) with every
    // satisfied answer turned "dissatisfied", the project drops to the bottom tier.
    await q(`update surveys set status = 'open', tally = null, closed_at = null where id = $1`, [body.surveyId]);
    await q(`update survey_responses set answers = '{"overall":"dissatisfied"}'::jsonb where survey_id = $1 and channel <> 'refused'`, [
      body.surveyId,
    ]);
    expect((await t.call('GET', `/api/v1/projects/${id}/satisfaction`, 'hemu')).json()).toMatchObject({ satisfied: 0, tier: { index: 3 } });
    // Closing freezes the counts into the survey's tally, and the tally is what is read from then on.
    const closed = await t.call('POST', `/api/v1/surveys/${body.surveyId}/close`, 'hemu');
    expect(closed.statusCode, closed.body).toBe(200);
    const [{ tally }] = (await q(`select tally from surveys where id = $1`, [body.surveyId])).rows;
    expect(tally).toMatchObject({ answered: want.answered, answers: { overall: { dissatisfied: want.answered } } });
    await q(`update survey_responses set answers = '{"overall":"satisfied"}'::jsonb where survey_id = $1 and channel <> 'refused'`, [
      body.surveyId,
    ]);
    expect((await t.call('GET', `/api/v1/projects/${id}/satisfaction`, 'hemu')).json()).toMatchObject({
      satisfied: 0,
      answered: want.answered,
    });
  });

  it('has no rate or tier before a satisfaction survey, and answers 404 outside the scope', async () => {
    const { rows } = await t.ctx.database.pool.query(
      `select id from projects where stage = 'planned' and subdistrict_codes @> array['330105004'] limit 1`,
    );
    const none = (await t.call('GET', `/api/v1/projects/${rows[0].id}/satisfaction`, 'hemu')).json();
    expect(none).toMatchObject({ surveyId: null, rate: null, tier: null });
    const { rows: far } = await t.ctx.database.pool.query(`select id from projects where district_code <> '330105' limit 1`);
    expect((await t.call('GET', `/api/v1/projects/${far[0].id}/satisfaction`, 'hemu')).statusCode).toBe(404);
  });
});
