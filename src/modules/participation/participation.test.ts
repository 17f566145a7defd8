import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { eq } from 'drizzle-orm';
import { electorateHash, GENESIS, link, type Json } from './chain.ts';
import { voteFields, voteRecord } from './evidence.ts';
import { ballotVoteHistory } from './schema.ts';
import { seedBaselineSurvey } from './surveys.seed.ts';

let t: TestApp;
let projectId: string;
let mine: string; // hemu-resident's household
let others: string[]; // other households of the same compound
beforeAll(async () => {
  t = await testApp();
  const q = (text: string, values: unknown[] = []) => t.ctx.database.pool.query(text, values);
  const { rows } = await q(
    `select hr.household_id, hr.compound_id from household_residents hr join users u on u.resident_id = hr.resident_id
      where u.username = 'hemu-resident' and hr.status = 'verified' limit 1`,
  );
  mine = rows[0].household_id;
  others = (
    await q('select id from households where compound_id = $1 and id <> $2 order by id limit 5', [rows[0].compound_id, mine])
  ).rows.map((r: { id: string }) => r.id);
  const res = await call('POST', '/api/v1/projects', 'hemu', { name: '表决测试', year: 2021, compoundIds: [rows[0].compound_id] });
  expect(res.statusCode, res.body).toBe(201);
  projectId = res.json().id;
});
afterAll(() => t.close());

let keys = 0;
async function call(method: 'GET' | 'POST', url: string, username: string, payload?: unknown, key?: string) {
  const headers: Record<string, string> = { ...(await t.as(username)) };
  if (url.endsWith('/votes')) headers['idempotency-key'] = key ?? `test-key-${++keys}`;
  return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();
async function open(kind = 'renovation_consent', revote = 'none') {
  const res = await call('POST', `/api/v1/projects/${projectId}/ballots`, 'hemu', {
    kind,
    title: '是否同意改造',
    closesAt: tomorrow(),
    revote,
    ...(kind === 'management_mode' ? { proposal: 'professional_property' } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; electorateHash: string; eligible: number };
}
const paper = (ballot: string, who: string, householdId: string, choice: string, sheetNo: string) =>
  call('POST', `/api/v1/ballots/${ballot}/votes`, who, {
    householdId,
    choice,
    channel: 'paper',
    evidence: { sheetNo, scanRef: `scan-${sheetNo}` },
  });

describe('a renovation consent ballot through the API', () => {
  let ballot: string;
  let countedPaper: string;

  it('freezes the electorate at opening and publishes its hash', async () => {
    const opened = await open();
    ballot = opened.id;
    const { rows } = await t.ctx.database.pool.query(
      'select h.id from households h join project_compounds pc on pc.compound_id = h.compound_id where pc.project_id = $1',
      [projectId],
    );
    expect(opened.eligible).toBe(rows.length);
    expect(opened.electorateHash).toBe(electorateHash(rows.map((r: { id: string }) => r.id)));
    const again = await call('POST', `/api/v1/projects/${projectId}/ballots`, 'hemu', {
      kind: 'renovation_consent',
      title: 'x',
      closesAt: tomorrow(),
      revote: 'none',
    });
    expect(again.statusCode).toBe(409);
    const plan = await call('POST', `/api/v1/projects/${projectId}/ballots`, 'hemu', {
      kind: 'plan_approval',
      title: 'x',
      closesAt: tomorrow(),
      revote: 'none',
    });
    expect(plan.statusCode).toBe(409);
    expect(
      (
        await call('POST', `/api/v1/projects/${projectId}/ballots`, 'hemu-resident', {
          kind: 'other',
          title: 'x',
          closesAt: tomorrow(),
          revote: 'none',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('takes one online vote per household from a verified resident, replays its key, and refuses a revote under "none"', async () => {
    const first = await call(
      'POST',
      `/api/v1/ballots/${ballot}/votes`,
      'hemu-resident',
      { householdId: mine, choice: 'agree', channel: 'online' },
      'resident-vote-1',
    );
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ receipt: expect.stringMatching(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/), status: 'counted' });
    const replay = await call(
      'POST',
      `/api/v1/ballots/${ballot}/votes`,
      'hemu-resident',
      { householdId: mine, choice: 'agree', channel: 'online' },
      'resident-vote-1',
    );
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    const revote = await call('POST', `/api/v1/ballots/${ballot}/votes`, 'hemu-resident', {
      householdId: mine,
      choice: 'disagree',
      channel: 'online',
    });
    expect(revote.statusCode).toBe(409);
    expect(revote.headers['content-type']).toMatch(/problem\+json/);
    const reused = await call(
      'POST',
      `/api/v1/ballots/${ballot}/votes`,
      'hemu-resident',
      { householdId: mine, choice: 'disagree', channel: 'online' },
      'resident-vote-1',
    );
    expect(reused.statusCode).toBe(422);
    const notMine = await call('POST', `/api/v1/ballots/${ballot}/votes`, 'hemu-resident', {
      householdId: others[0],
      choice: 'agree',
      channel: 'online',
    });
    expect(notMine.statusCode).toBe(403);
    const noKey = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ballots/${ballot}/votes`,
      headers: await t.as('hemu-resident'),
      payload: { householdId: mine, choice: 'agree', channel: 'online' },
    });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().errors[0].path).toBe('headers.idempotency-key');
  });

  it('counts a paper sheet only when a second account keys it alike, and flags a mismatch until reconciled', async () => {
    const a = others[0]!;
    expect((await paper(ballot, 'hemu-worker', a, 'agree', 'S-001')).json()).toEqual({ receipt: null, status: 'pending_second_keying' });
    expect((await paper(ballot, 'hemu-worker', a, 'agree', 'S-001')).statusCode).toBe(409);
    expect((await call('GET', `/api/v1/ballots/${ballot}/tally`, 'hemu')).json()).toEqual({ status: 'open', turnout: 1 });
    const second = await paper(ballot, 'hemu-worker-2', a, 'agree', 'S-001');
    expect(second.json()).toEqual({ receipt: expect.any(String), status: 'counted' });
    countedPaper = a;

    const b = others[1]!;
    await paper(ballot, 'hemu-worker', b, 'agree', 'S-002');
    expect((await paper(ballot, 'hemu-worker-2', b, 'disagree', 'S-002')).json()).toEqual({ receipt: null, status: 'mismatch' });
    expect((await call('GET', `/api/v1/ballots/${ballot}/tally`, 'hemu')).json()).toEqual({ status: 'open', turnout: 2 });
    expect((await paper(ballot, 'hemu', b, 'agree', 'S-002')).statusCode).toBe(409);
    // The officer sees which sheets to settle from their scans, and not what either worker keyed.
    const listed = await call('GET', `/api/v1/ballots/${ballot}/paper?status=mismatch`, 'hemu');
    expect(listed.json().items).toEqual([
      { householdId: b, sheetNo: 'S-002', scanRefs: ['scan-S-002'], keyings: 2, lastKeyedAt: expect.any(String) },
    ]);
    expect(listed.body).not.toMatch(/agree/);
    expect((await call('GET', `/api/v1/ballots/${ballot}/paper`, 'hemu-resident')).statusCode).toBe(403);
    const reconcile = (choice: string, who = 'hemu') =>
      call('POST', `/api/v1/ballots/${ballot}/paper/reconcile`, who, { householdId: b, sheetNo: 'S-002', choice });
    expect((await reconcile('disagree', 'hemu-worker')).statusCode).toBe(403);
    expect((await reconcile('abstain')).statusCode).toBe(422);
    expect((await reconcile('disagree')).json()).toEqual({ receipt: expect.any(String), status: 'counted' });
    expect((await call('GET', `/api/v1/ballots/${ballot}/tally`, 'hemu')).json()).toEqual({ status: 'open', turnout: 3 });
    expect((await call('GET', `/api/v1/ballots/${ballot}/paper?status=mismatch`, 'hemu')).json().items).toEqual([]);
  });

  it('shows no role any choice before close: turnout only, and no receipts list', async () => {
    for (const who of ['hemu', 'hemu-worker', 'hemu-resident', 'admin']) {
      const res = await call('GET', `/api/v1/ballots/${ballot}/tally`, who);
      expect(res.json(), who).toEqual({ status: 'open', turnout: 3 });
    }
    expect((await call('GET', `/api/v1/ballots/${ballot}/receipts`, 'hemu')).statusCode).toBe(409);
    expect((await call('GET', `/api/v1/ballots/${ballot}/tally`, 'contractor')).statusCode).toBe(404);
    const { rows } = await t.ctx.database.pool.query(`select detail::text from audit_log where entity = 'ballot'`);
    expect(rows.map((r: { detail: string }) => r.detail).join()).not.toMatch(/agree|abstain/);
  });

  it('fails verification at the position of a vote changed in the database, and passes once it is restored', async () => {
    expect((await call('GET', `/api/v1/ballots/${ballot}/verification`, 'hemu')).json()).toMatchObject({
      ok: true,
      length: 6,
      electorateOk: true,
    });
    const pool = t.ctx.database.pool;
    const { rows } = await pool.query(
      `select c.position, h.id from ballot_chain c join ballot_vote_history h on h.id = c.history_id where c.ballot_id = $1 and h.household_id = $2`,
      [ballot, countedPaper],
    );
    const { position, id } = rows[0] as { position: number; id: string };
    for (const table of ['ballot_vote_history', 'ballot_votes']) {
      const where = table === 'ballot_votes' ? 'history_id' : 'id';
      await pool.query(`update ${table} set choice = 'disagree' where ${where} = $1`, [id]);
      expect((await call('GET', `/api/v1/ballots/${ballot}/verification`, 'hemu')).json(), table).toMatchObject({
        ok: false,
        brokenAt: position,
      });
      await pool.query(`update ${table} set choice = 'agree' where ${where} = $1`, [id]);
      expect((await call('GET', `/api/v1/ballots/${ballot}/verification`, 'hemu')).json()).toMatchObject({ ok: true });
    }
    await pool.query('delete from ballot_electorate where ballot_id = $1 and household_id = $2', [ballot, others[4]]);
    expect((await call('GET', `/api/v1/ballots/${ballot}/verification`, 'hemu')).json()).toMatchObject({ ok: false, electorateOk: false });
    await pool.query('insert into ballot_electorate (ballot_id, household_id) values ($1, $2)', [ballot, others[4]]);
  });

  it('still verifies vote links stored under encoding 1 (canonical JSON of the record)', async () => {
    const pool = t.ctx.database.pool;
    const { rows: chain } = await pool.query(
      `select position, history_id, record from ballot_chain where ballot_id = $1 order by position`,
      [ballot],
    );
    const history = await t.ctx.db.select().from(ballotVoteHistory).where(eq(ballotVoteHistory.ballotId, ballot));
    let previous = GENESIS;
    for (const c of chain as { position: number; history_id: string | null; record: Json }[]) {
      const h = history.find((x) => x.id === c.history_id);
      previous = link(previous, h ? voteRecord(voteFields(h)) : c.record);
      await pool.query(`update ballot_chain set hash = $1, encoding = 1 where ballot_id = $2 and position = $3`, [
        previous,
        ballot,
        c.position,
      ]);
    }
    expect((await call('GET', `/api/v1/ballots/${ballot}/verification`, 'hemu')).json()).toMatchObject({ ok: true, length: chain.length });
    await pool.query(`update ballot_vote_history set choice = 'abstain' where id = $1`, [history[0]!.id]);
    expect((await call('GET', `/api/v1/ballots/${ballot}/verification`, 'hemu')).json().ok).toBe(false);
    await pool.query(`update ballot_vote_history set choice = $1 where id = $2`, [history[0]!.choice, history[0]!.id]);
  });

  it('closes with the tally judged by the rule of the project year, and publishes receipts and the chain head', async () => {
    expect((await call('POST', `/api/v1/ballots/${ballot}/close`, 'hemu-worker')).statusCode).toBe(403);
    const closed = await call('POST', `/api/v1/ballots/${ballot}/close`, 'hemu');
    expect(closed.statusCode, closed.body).toBe(200);
    const eligible = closed.json().eligible as number;
    expect(closed.json()).toEqual({
      status: 'closed',
      eligible,
      agree: 2,
      disagree: 1,
      abstain: 0,
      notVoted: eligible - 3,
      passed: false,
      rule: { key: 'consent.renovation.threshold', numerator: 2, denominator: 3, version: expect.any(String) },
    });
    expect((await call('GET', `/api/v1/ballots/${ballot}/tally`, 'hemu-resident')).json()).toEqual(closed.json());
    const verified = (await call('GET', `/api/v1/ballots/${ballot}/verification`, 'hemu-resident')).json();
    expect(verified).toMatchObject({ ok: true, tallyOk: true, length: 7 });
    expect(verified.chainHead).toBe(verified.publishedHead);
    const receipts = (await call('GET', `/api/v1/ballots/${ballot}/receipts`, 'hemu-resident')).json();
    expect(receipts.chainHead).toBe(verified.chainHead);
    expect(receipts.items).toHaveLength(3);
    expect(Object.keys(receipts.items[0]).sort()).toEqual(['at', 'channel', 'receipt']);
    expect(
      (await call('POST', `/api/v1/ballots/${ballot}/votes`, 'hemu-resident', { householdId: mine, choice: 'agree', channel: 'online' }))
        .statusCode,
    ).toBe(409);
    expect((await call('POST', `/api/v1/ballots/${ballot}/close`, 'hemu')).statusCode).toBe(409);
    const replay = await call(
      'POST',
      `/api/v1/ballots/${ballot}/votes`,
      'hemu-resident',
      { householdId: mine, choice: 'agree', channel: 'online' },
      'resident-vote-1',
    );
    expect(replay.statusCode).toBe(201);
  });
});

describe('concurrent votes', () => {
  it('200 parallel requests for one household store exactly one vote', async () => {
    const { id } = await open('management_mode', 'none');
    const headers = await t.as('hemu-resident');
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/ballots/${id}/votes`,
          headers: { ...headers, 'idempotency-key': `race-${id}-${i}` },
          payload: { householdId: mine, choice: i % 2 ? 'agree' : 'disagree', channel: 'online' },
        }),
      ),
    );
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c !== 201 && c !== 409)).toEqual([]);
    const pool = t.ctx.database.pool;
    expect((await pool.query('select count(*)::int as n from ballot_votes where ballot_id = $1', [id])).rows[0].n).toBe(1);
    expect((await pool.query('select count(*)::int as n from ballot_vote_history where ballot_id = $1', [id])).rows[0].n).toBe(1);
  });

  it('under "last counts" a revote replaces the counted vote and keeps the history', async () => {
    const { id } = await open('other', 'last_counts');
    for (const choice of ['agree', 'disagree']) {
      expect(
        (await call('POST', `/api/v1/ballots/${id}/votes`, 'hemu-resident', { householdId: mine, choice, channel: 'online' })).statusCode,
      ).toBe(201);
    }
    const pool = t.ctx.database.pool;
    expect((await pool.query('select choice from ballot_votes where ballot_id = $1', [id])).rows).toEqual([{ choice: 'disagree' }]);
    expect((await pool.query('select count(*)::int as n from ballot_vote_history where ballot_id = $1', [id])).rows[0].n).toBe(2);
    const closed = (await call('POST', `/api/v1/ballots/${id}/close`, 'hemu')).json();
    expect(closed).toMatchObject({ agree: 0, disagree: 1 });
    expect((await call('GET', `/api/v1/ballots/${id}/verification`, 'hemu')).json()).toMatchObject({ ok: true, tallyOk: true });
  });
});

describe('the consent gate', () => {
  it('holds once a renovation consent ballot opened through the API has passed', async () => {
    const move = (to: string) => call('POST', `/api/v1/projects/${projectId}/transitions`, 'hemu', { to });
    await seedBaselineSurvey(t.ctx.db, { projectId });
    expect((await move('surveyed')).statusCode).toBe(200);
    expect((await move('consented')).json().unmetGates.map((g: { code: string }) => g.code)).toEqual(['consent_ballot']);
    const { id, eligible } = await open('renovation_consent', 'none');
    const { rows } = await t.ctx.database.pool.query('select household_id from ballot_electorate where ballot_id = $1 order by 1', [id]);
    const need = Math.ceil((eligible * 2) / 3);
    for (const [i, r] of (rows as { household_id: string }[]).slice(0, need).entries()) {
      expect((await paper(id, 'hemu-worker', r.household_id, 'agree', `G-${i}`)).statusCode).toBe(201);
      expect((await paper(id, 'hemu-worker-2', r.household_id, 'agree', `G-${i}`)).json().status).toBe('counted');
    }
    expect((await call('POST', `/api/v1/ballots/${id}/close`, 'hemu')).json()).toMatchObject({ agree: need, passed: true });
    expect((await move('consented')).statusCode).toBe(200);
  });
});

describe('proxy votes', () => {
  it('count by written mandate up to the rule’s cap per proxy holder, and yield to the household’s own vote', async () => {
    const res = await call('POST', `/api/v1/projects/${projectId}/ballots`, 'hemu', {
      kind: 'other',
      title: '委托投票测试',
      closesAt: tomorrow(),
      revote: 'none',
    });
    expect(res.statusCode, res.body).toBe(201);
    const ballot = res.json().id as string;
    const { rows } = await t.ctx.database.pool.query(`select resident_id from household_residents where household_id = $1 limit 1`, [
      others[4],
    ]);
    const holder = rows[0].resident_id as string;
    const proxy = (householdId: string, evidence: object = { mandateRef: `委托书-${householdId.slice(0, 8)}`, proxyResidentId: holder }) =>
      call('POST', `/api/v1/ballots/${ballot}/votes`, 'hemu-worker', { householdId, choice: 'agree', channel: 'proxy', evidence });

    const noMandate = await proxy(others[0]!, { proxyResidentId: holder });
    expect(noMandate.statusCode).toBe(422);
    expect(noMandate.json().errors[0].path).toBe('body.evidence.mandateRef');
    // The demo rule (consent.proxy.max_mandates) allows three households per proxy holder.
    for (const h of [mine, others[0]!, others[1]!]) expect((await proxy(h)).json().status).toBe('counted');
    const fourth = await proxy(others[2]!);
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().rule).toMatchObject({ key: 'consent.proxy.max_mandates', value: 3 });

    // The household votes itself: its own vote replaces the proxy's, even with no revote allowed.
    const own = await call('POST', `/api/v1/ballots/${ballot}/votes`, 'hemu-resident', {
      householdId: mine,
      choice: 'disagree',
      channel: 'online',
    });
    expect(own.statusCode, own.body).toBe(201);
    const { rows: counted } = await t.ctx.database.pool.query(
      `select channel, choice from ballot_votes where ballot_id = $1 and household_id = $2`,
      [ballot, mine],
    );
    expect(counted).toEqual([{ channel: 'online', choice: 'disagree' }]);
    // …and a proxy never overrides a household's own vote; the freed mandate can be used elsewhere.
    expect((await proxy(mine)).statusCode).toBe(409);
    expect((await proxy(others[2]!)).json().status).toBe('counted');
    expect((await call('GET', `/api/v1/ballots/${ballot}/verification`, 'hemu')).json().ok).toBe(true);
  });
});

describe('reading ballots', () => {
  it('lists a project’s ballots and shows one without choices or counts', async () => {
    const list = await call('GET', `/api/v1/projects/${projectId}/ballots`, 'hemu-worker');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; kind: string; status: string; chainHead: string | null }[];
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(items)).not.toMatch(/agree|disagree/);
    const one = await call('GET', `/api/v1/ballots/${items[0]!.id}`, 'hemu-resident');
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: items[0]!.id, projectId });
    expect(items.filter((b) => b.status === 'open').every((b) => b.chainHead === null)).toBe(true);
  });
});

describe("the resident's own view", () => {
  it('lists their homes, the ballots each verified home is asked, and their receipts, and no other household', async () => {
    const view = (await call('GET', '/api/v1/me/participation', 'hemu-resident')).json();
    expect(view.households.map((h: { householdId: string }) => h.householdId)).toContain(mine);
    const here = view.ballots.filter((b: { projectId: string }) => b.projectId === projectId);
    expect(here.length).toBeGreaterThanOrEqual(2);
    expect(here.every((b: { householdId: string }) => b.householdId === mine)).toBe(true);
    const { rows } = await t.ctx.database.pool.query(`select ballot_id, receipt from ballot_votes where household_id = $1`, [mine]);
    for (const b of here as { id: string; receipt: string | null }[])
      expect(b.receipt).toBe(rows.find((r: { ballot_id: string }) => r.ballot_id === b.id)?.receipt ?? null);
    expect(JSON.stringify(view)).not.toMatch(/"choice"|agree/);
    // Staff have no home of their own to show.
    expect((await call('GET', '/api/v1/me/participation', 'hemu')).json()).toEqual({ households: [], surveys: [], ballots: [] });
  });
});
