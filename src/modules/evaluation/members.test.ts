// An evaluator account belongs to an institution and answers (and sees the
// drawn households of) that institution's sample surveys only; the city's
// account administrator sets the membership.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { upsertAccount } from '../accounts/index.ts';

let t: TestApp;
let ours: string;
let theirs: string;
let surveyId: string;
let householdId: string;

const institution = async (name: string) => {
  const res = await t.call('POST', '/api/v1/evaluation/institutions', 'admin', { name, kind: 'evaluation_agency' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
const join = (institutionId: string, username: string, as = 'admin') =>
  t.call('POST', `/api/v1/evaluation/institutions/${institutionId}/members`, as, { username });
const answer = (username: string, answer = 'yes') =>
  t.call('PUT', `/api/v1/sample-surveys/${surveyId}/households/${householdId}`, username, { answer });

beforeAll(async () => {
  t = await testApp();
  ours = await institution('本所评估中心');
  theirs = await institution('他所评估中心');
  await t.ctx.db.transaction(async (tx) => {
    for (const username of ['evaluator-ours', 'evaluator-theirs', 'evaluator-nowhere'])
      await upsertAccount(tx, { username, displayName: username, password: 'Demo@2026', role: 'evaluator', scopeDivision: '330100' });
  });
  const drawn = await t.call('POST', '/api/v1/sample-surveys', 'admin', {
    kind: 'support',
    year: 2022,
    title: '本所的抽样调查',
    institutionId: ours,
    totalSize: 30,
    seed: 'members',
  });
  expect(drawn.statusCode, drawn.body).toBe(201);
  surveyId = drawn.json().id;
  const { rows } = await t.ctx.database.pool.query(`select household_id from sample_survey_households where survey_id = $1 limit 1`, [
    surveyId,
  ]);
  householdId = rows[0].household_id;
});
afterAll(() => t.close());

describe('institution members', () => {
  it('are set by the account administrator, evaluator accounts only, one institution each', async () => {
    expect((await join(ours, 'evaluator-ours')).statusCode).toBe(201);
    expect((await join(theirs, 'evaluator-theirs')).statusCode).toBe(201);
    // Staff who manage evaluation list the members but do not set them.
    expect((await join(ours, 'evaluator-nowhere', 'gongshu')).statusCode).toBe(403);
    const notEvaluator = await join(ours, 'hemu-worker');
    expect(notEvaluator.statusCode).toBe(422);
    expect(notEvaluator.json().errors).toEqual([expect.objectContaining({ path: 'body.username' })]);
    expect((await join(ours, 'no-such-account')).json().errors[0].path).toBe('body.username');
    const listed = await t.call('GET', `/api/v1/evaluation/institutions/${ours}/members`, 'gongshu');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((m: { username: string }) => m.username)).toEqual(['evaluator-ours']);
  });

  it('an evaluator of another institution, or of none, neither answers nor sees the drawn households', async () => {
    for (const username of ['evaluator-theirs', 'evaluator-nowhere']) {
      const res = await answer(username);
      expect(res.statusCode, username).toBe(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect((await t.call('GET', `/api/v1/sample-surveys/${surveyId}/households?limit=5`, username)).statusCode).toBe(404);
    }
    const { rows } = await t.ctx.database.pool.query(
      `select answer from sample_survey_households where survey_id = $1 and household_id = $2`,
      [surveyId, householdId],
    );
    expect(rows[0].answer).toBeNull();
  });

  it('the institution’s own evaluator answers; moved to another institution, it no longer does', async () => {
    const res = await answer('evaluator-ours', 'no');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ answer: 'no', enteredBy: 'evaluator-ours' });
    expect((await join(theirs, 'evaluator-ours')).statusCode).toBe(201);
    expect((await answer('evaluator-ours')).statusCode).toBe(404);
    // Staff who manage evaluation (not an agency's evaluator) still key answers for any institution.
    expect((await answer('admin', 'yes')).statusCode).toBe(200);
  });

  it('the demo evaluator works for the agency that runs the demo sample surveys', async () => {
    const { rows } = await t.ctx.database.pool.query(
      `select distinct s.institution_id = m.institution_id as same
       from sample_surveys s, evaluation_institution_members m join users u on u.id = m.user_id
       where u.username = 'evaluator' and s.created_by_username = 'evaluator'`,
    );
    expect(rows).toEqual([{ same: true }]);
  });
});
