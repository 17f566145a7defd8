// Surveys through the API: the questionnaire, one response per household with
// its history, coverage and the not-reached list, the `surveyed` gate, and the
// needs that reach the plan. Every test builds its own compound, households and
// project (fixtures.ts) and opens its own survey, so none leans on another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { ballotWorld } from './fixtures.ts';

let t: TestApp;
const q = (text: string, values: unknown[] = []) => t.ctx.database.pool.query(text, values);
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** A project over a fresh compound of six households in building 1, unit 1; the first is the demo resident's. */
async function world() {
  const w = await ballotWorld(t);
  const households = w.households.map((id, i) => ({ id, building: '1', unit: '1', room: `${101 + i}` }));
  return { projectId: w.projectId, mine: households[0]!.id, households };
}

async function openSurvey(projectId: string) {
  const opened = await call('POST', `/api/v1/projects/${projectId}/surveys`, 'hemu', { kind: 'baseline', title: '摸底调查', questions });
  expect(opened.statusCode, opened.body).toBe(201);
  return opened.json().id as string;
}

const call = (method: 'GET' | 'POST' | 'PUT', url: string, username: string, payload?: unknown) => t.call(method, url, username, payload);

const questions = [
  {
    id: 'facilities',
    type: 'multiple',
    text: '最需要改造的设施',
    required: true,
    options: [
      { code: 'roof', label: '屋面漏水', indicatorCode: '01.01.01' },
      { code: 'water', label: '供水管网', indicatorCode: '01.02.01' },
      { code: 'none', label: '暂无' },
    ],
  },
  { id: 'score', type: 'scale', text: '满意度', required: true, min: 1, max: 5 },
  { id: 'note', type: 'text', text: '意见', required: false, maxLength: 100 },
];
const respond = (survey: string, who: string, body: object) => call('POST', `/api/v1/surveys/${survey}/responses`, who, body);
const paper = (survey: string, householdId: string, answers: object, sheetNo: string) =>
  respond(survey, 'hemu-worker', { householdId, answers, channel: 'paper', evidence: { sheetNo, scanRef: `scan-${sheetNo}` } });

describe('surveys', () => {
  it('refuses an unsound questionnaire, and opens a sound one for officers only', async () => {
    const { projectId } = await world();
    const bad = await call('POST', `/api/v1/projects/${projectId}/surveys`, 'hemu', {
      kind: 'baseline',
      title: '摸底',
      questions: [
        { id: 'a', type: 'single', text: 'x', required: true, options: [{ code: 'o', label: 'o' }] },
        { id: 'a', type: 'scale', text: 'x', required: true, min: 3, max: 1 },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.questions.0.options',
      'body.questions.1.id',
      'body.questions.1.max',
    ]);
    const unknownCode = await call('POST', `/api/v1/projects/${projectId}/surveys`, 'hemu', {
      kind: 'baseline',
      title: '摸底',
      questions: [
        {
          ...questions[0],
          options: [
            { code: 'x', label: 'x', indicatorCode: '99.99.99' },
            { code: 'y', label: 'y' },
          ],
        },
      ],
    });
    expect(unknownCode.statusCode).toBe(422);
    expect(unknownCode.json().errors[0].path).toBe('body.questions.0.options.0.indicatorCode');
    const willingness = await call('POST', `/api/v1/projects/${projectId}/surveys`, 'hemu', {
      kind: 'willingness',
      title: '意愿',
      questions,
    });
    expect(willingness.statusCode).toBe(422);
    expect(
      (await call('POST', `/api/v1/projects/${projectId}/surveys`, 'hemu-worker', { kind: 'baseline', title: '摸底', questions }))
        .statusCode,
    ).toBe(403);
    const survey = await openSurvey(projectId);
    expect((await call('GET', `/api/v1/surveys/${survey}`, 'hemu-resident')).json().questions).toHaveLength(3);
    expect((await call('GET', `/api/v1/surveys/${survey}`, 'contractor')).statusCode).toBe(404);
  });

  it('checks answers against the questionnaire and who may use which channel', async () => {
    const { projectId, mine, households } = await world();
    const survey = await openSurvey(projectId);
    const wrong = await respond(survey, 'hemu-resident', {
      householdId: mine,
      answers: { facilities: ['attic'], score: 9 },
      channel: 'online',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.answers.facilities', 'body.answers.score']);
    const other = households.find((h) => h.id !== mine)!.id;
    expect(
      (await respond(survey, 'hemu-resident', { householdId: other, answers: { facilities: ['none'], score: 3 }, channel: 'online' }))
        .statusCode,
    ).toBe(403);
    expect((await respond(survey, 'hemu-resident', { householdId: other, answers: {}, channel: 'refused' })).statusCode).toBe(403);
    expect(
      (await respond(survey, 'hemu-worker', { householdId: other, answers: { facilities: ['none'], score: 3 }, channel: 'paper' }))
        .statusCode,
    ).toBe(422);
    const { rows } = await q(
      'select id from households where compound_id not in (select compound_id from project_compounds where project_id = $1) limit 1',
      [projectId],
    );
    expect((await paper(survey, rows[0].id, { facilities: ['none'], score: 3 }, 'P-0')).statusCode).toBe(422);
    expect((await respond(survey, 'hemu-worker', { householdId: other, answers: { score: 3 }, channel: 'refused' })).statusCode).toBe(422);
  });

  it('keeps one response per household: a newer one replaces the older, and the history keeps both', async () => {
    const { projectId, mine } = await world();
    const survey = await openSurvey(projectId);
    const first = await respond(survey, 'hemu-resident', {
      householdId: mine,
      answers: { facilities: ['none'], score: 4 },
      channel: 'online',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ replaced: false, channel: 'online' });
    const second = await respond(survey, 'hemu-resident', {
      householdId: mine,
      answers: { facilities: ['roof'], score: 2, note: '屋顶漏雨' },
      channel: 'online',
    });
    expect(second.json()).toMatchObject({ replaced: true });
    const current = await q('select answers, channel from survey_responses where survey_id = $1', [survey]);
    expect(current.rows).toEqual([{ answers: { facilities: ['roof'], score: 2, note: '屋顶漏雨' }, channel: 'online' }]);
    expect(
      (await q('select count(*)::int as n from survey_response_history where survey_id = $1 and household_id = $2', [survey, mine])).rows[0]
        .n,
    ).toBe(2);
    const audited = await q(
      `select detail::text from audit_log where entity = 'survey' and entity_id = $1 and action = 'survey.response'`,
      [survey],
    );
    expect(audited.rows).toHaveLength(2);
    expect(audited.rows.map((r: { detail: string }) => r.detail).join()).not.toMatch(/roof|屋顶/);
  });

  it('reports coverage by building and unit with the households not reached; a refusal counts as reached', async () => {
    const { projectId, mine, households } = await world();
    const survey = await openSurvey(projectId);
    expect(
      (await respond(survey, 'hemu-resident', { householdId: mine, answers: { facilities: ['roof'], score: 2 }, channel: 'online' }))
        .statusCode,
    ).toBe(201);
    const others = households.filter((h) => h.id !== mine);
    expect((await paper(survey, others[0]!.id, { facilities: ['water', 'roof'], score: 3 }, 'P-1')).statusCode).toBe(201);
    expect((await respond(survey, 'hemu-worker', { householdId: others[1]!.id, answers: {}, channel: 'refused' })).statusCode).toBe(201);
    const c = (await call('GET', `/api/v1/surveys/${survey}/coverage`, 'hemu')).json();
    const reachedIds = new Set([mine, others[0]!.id, others[1]!.id]);
    expect(c).toMatchObject({ total: households.length, reached: 3, refused: 1 });
    expect(c.notReached).toEqual(
      households.filter((h) => !reachedIds.has(h.id)).map((h) => ({ householdId: h.id, building: h.building, unit: h.unit, room: h.room })),
    );
    const units = new Map<string, { total: number; reached: number }>();
    for (const h of households) {
      const u = units.get(`${h.building}/${h.unit}`) ?? { total: 0, reached: 0 };
      u.total++;
      if (reachedIds.has(h.id)) u.reached++;
      units.set(`${h.building}/${h.unit}`, u);
    }
    expect(
      c.byBuilding.map((b: { building: string; unit: string; total: number; reached: number }) => [
        `${b.building}/${b.unit}`,
        b.total,
        b.reached,
      ]),
    ).toEqual([...units].map(([k, v]) => [k, v.total, v.reached]));
    expect((await call('GET', `/api/v1/surveys/${survey}/coverage`, 'hemu-resident')).statusCode).toBe(403);
    const detail = (await call('GET', `/api/v1/surveys/${survey}`, 'hemu')).json();
    expect(detail).toMatchObject({ responses: 3, refused: 1 });
    expect(detail.results[0]).toEqual({
      questionId: 'facilities',
      answered: 2,
      options: [
        { code: 'roof', count: 2 },
        { code: 'water', count: 1 },
        { code: 'none', count: 0 },
      ],
    });
    expect((await call('GET', `/api/v1/projects/${projectId}/surveys`, 'hemu')).json().items).toEqual([
      expect.objectContaining({ id: survey, kind: 'baseline', status: 'open', responses: 3, refused: 1 }),
    ]);
  });

  it('holds the project before "surveyed" until every household is reached, then lets it pass', async () => {
    const { projectId, mine, households } = await world();
    const survey = await openSurvey(projectId);
    expect((await paper(survey, mine, { facilities: ['roof'], score: 2 }, 'P-mine')).statusCode).toBe(201);
    const move = () => call('POST', `/api/v1/projects/${projectId}/transitions`, 'hemu', { to: 'surveyed' });
    const blocked = await move();
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().unmetGates).toEqual([
      expect.objectContaining({ code: 'baseline_survey_coverage', message: expect.stringContaining(`1 of ${households.length}`) }),
    ]);
    const notReached = (await call('GET', `/api/v1/surveys/${survey}/coverage`, 'hemu')).json().notReached as { householdId: string }[];
    for (const [i, h] of notReached.entries()) {
      const res =
        i % 2
          ? await respond(survey, 'hemu-worker', { householdId: h.householdId, answers: {}, channel: 'refused' })
          : await paper(survey, h.householdId, { facilities: ['none'], score: 3 }, `Q-${i}`);
      expect(res.statusCode, res.body).toBe(201);
    }
    expect((await call('GET', `/api/v1/surveys/${survey}/coverage`, 'hemu')).json()).toMatchObject({
      reached: households.length,
      notReached: [],
    });
    const closed = await call('POST', `/api/v1/surveys/${survey}/close`, 'hemu');
    expect(closed.json()).toMatchObject({ status: 'closed', responses: households.length });
    expect((await paper(survey, mine, { facilities: ['none'], score: 3 }, 'late')).statusCode).toBe(409);
    expect((await move()).statusCode).toBe(200);
  });

  it("feeds the households' needs into the plan's basic needs left out", async () => {
    const { projectId, households } = await world();
    const survey = await openSurvey(projectId);
    for (const [i, h] of households.entries()) {
      const facilities = i === 0 ? ['water', 'roof'] : i === 1 ? ['roof'] : ['none'];
      expect((await paper(survey, h.id, { facilities, score: 3 }, `N-${i}`)).statusCode).toBe(201);
    }
    expect((await call('POST', `/api/v1/surveys/${survey}/close`, 'hemu')).statusCode).toBe(200);
    expect((await call('POST', `/api/v1/projects/${projectId}/transitions`, 'hemu', { to: 'surveyed' })).statusCode).toBe(200);
    const plan = await call('PUT', `/api/v1/projects/${projectId}/plan`, 'hemu', {
      items: [{ indicatorCode: '01.01.01', quantity: '100' }],
    });
    expect(plan.statusCode, plan.body).toBe(200);
    // Roof (01.01.01) is planned; water supply (01.02.01), chosen by one household, is flagged.
    expect(plan.json().basicNeedsLeftOut.map((i: { indicatorCode: string }) => i.indicatorCode)).toEqual(['01.02.01']);
  });
});
