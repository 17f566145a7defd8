// Ballots through the API. Every test builds its own compound, households,
// project and ballot (fixtures.ts), so each can run alone and none leans on
// what an earlier one left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedRule } from '../../platform/testing/city.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { eq } from 'drizzle-orm';
import { electorateHash, GENESIS, link, type Json } from './chain.ts';
import { voteFields, voteRecord } from './evidence.ts';
import { ballotWorld } from './fixtures.ts';
import { ballotVoteHistory } from './schema.ts';
import { signHead } from './signatures.ts';
import { seedBaselineSurvey } from './surveys.seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();

describe('a renovation consent ballot through the API', () => {
  it('freezes the electorate at opening and publishes its hash', async () => {
    const w = await ballotWorld(t);
    const opened = await w.open();
    expect(opened.eligible).toBe(w.households.length);
    expect(opened.electorateHash).toBe(electorateHash(w.households));
    const again = (kind: string, who = 'hemu') =>
      w.call('POST', `/api/v1/projects/${w.projectId}/ballots`, who, { kind, title: 'x', closesAt: tomorrow(), revote: 'none' });
    expect((await again('renovation_consent')).statusCode).toBe(409);
    expect((await again('plan_approval')).statusCode).toBe(409);
    expect((await again('other', 'hemu-resident')).statusCode).toBe(403);
  });

  it('takes one online vote per household from a verified resident, replays its key, and refuses a revote under "none"', async () => {
    const w = await ballotWorld(t);
    const { id: ballot } = await w.open();
    const [mine, other] = w.households as [string, string];
    const first = await w.online(ballot, mine, 'agree', 'resident-vote-1');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ receipt: expect.stringMatching(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/), status: 'counted' });
    const replay = await w.online(ballot, mine, 'agree', 'resident-vote-1');
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    const revote = await w.online(ballot, mine, 'disagree');
    expect(revote.statusCode).toBe(409);
    expect(revote.headers['content-type']).toMatch(/problem\+json/);
    expect((await w.online(ballot, mine, 'disagree', 'resident-vote-1')).statusCode).toBe(422);
    expect((await w.online(ballot, other, 'agree')).statusCode).toBe(403);
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
    const w = await ballotWorld(t);
    const { id: ballot } = await w.open();
    const turnout = async () => (await w.call('GET', `/api/v1/ballots/${ballot}/tally`, 'hemu')).json();
    const [, a, b] = w.households as [string, string, string];
    expect((await w.paper(ballot, 'hemu-worker', a, 'agree', 'S-001')).json()).toMatchObject({
      receipt: null,
      status: 'pending_second_keying',
      sheetNo: 'S-001',
    });
    expect((await w.paper(ballot, 'hemu-worker', a, 'agree', 'S-001')).statusCode).toBe(409);
    expect(await turnout()).toEqual({ status: 'open', turnout: 0 });
    const second = await w.paper(ballot, 'hemu-worker-2', a, 'agree', 'S-001');
    expect(second.json()).toMatchObject({ receipt: expect.any(String), status: 'counted' });
    expect(await turnout()).toEqual({ status: 'open', turnout: 1 });

    await w.paper(ballot, 'hemu-worker', b, 'agree', 'S-002');
    expect((await w.paper(ballot, 'hemu-worker-2', b, 'disagree', 'S-002')).json()).toMatchObject({
      receipt: null,
      status: 'mismatch',
      sheetNo: 'S-002',
    });
    expect(await turnout()).toEqual({ status: 'open', turnout: 1 });
    expect((await w.paper(ballot, 'hemu', b, 'agree', 'S-002')).statusCode).toBe(409);
    // The officer sees which sheets to settle from their scans, and not what either worker keyed.
    const listed = await w.call('GET', `/api/v1/ballots/${ballot}/paper?status=mismatch`, 'hemu');
    expect(listed.json().items).toEqual([
      {
        householdId: b,
        sheetNo: 'S-002',
        scanRefs: ['scan-S-002'],
        keyings: 2,
        lastKeyedAt: expect.any(String),
        compound: expect.any(String),
        building: '1',
        unit: '1',
        room: '103',
      },
    ]);
    expect(listed.body).not.toMatch(/agree/);
    expect((await w.call('GET', `/api/v1/ballots/${ballot}/paper`, 'hemu-resident')).statusCode).toBe(403);
    const reconcile = (choice: string, who = 'hemu') =>
      w.call('POST', `/api/v1/ballots/${ballot}/paper/reconcile`, who, { householdId: b, sheetNo: 'S-002', choice });
    expect((await reconcile('disagree', 'hemu-worker')).statusCode).toBe(403);
    expect((await reconcile('abstain')).statusCode).toBe(422);
    expect((await reconcile('disagree')).json()).toMatchObject({ receipt: expect.any(String), status: 'counted' });
    expect(await turnout()).toEqual({ status: 'open', turnout: 2 });
    expect((await w.call('GET', `/api/v1/ballots/${ballot}/paper?status=mismatch`, 'hemu')).json().items).toEqual([]);
  });

  it('shows no role any choice before close: turnout only, and no receipts list', async () => {
    const w = await ballotWorld(t);
    const { id: ballot } = await w.open();
    expect((await w.online(ballot, w.households[0]!, 'agree')).statusCode).toBe(201);
    await w.paperVote(ballot, w.households[1]!, 'abstain');
    for (const who of ['hemu', 'hemu-worker', 'hemu-resident', 'admin']) {
      const res = await w.call('GET', `/api/v1/ballots/${ballot}/tally`, who);
      expect(res.json(), who).toEqual({ status: 'open', turnout: 2 });
    }
    expect((await w.call('GET', `/api/v1/ballots/${ballot}/receipts`, 'hemu')).statusCode).toBe(409);
    expect((await w.call('GET', `/api/v1/ballots/${ballot}/tally`, 'contractor')).statusCode).toBe(404);
    const { rows } = await t.ctx.database.pool.query(`select detail::text from audit_log where entity = 'ballot' and entity_id = $1`, [
      ballot,
    ]);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.map((r: { detail: string }) => r.detail).join()).not.toMatch(/agree|abstain/);
  });

  it('fails verification at the position of a vote changed in the database, and passes once it is restored', async () => {
    const w = await ballotWorld(t);
    const { id: ballot } = await w.open();
    await w.paperVote(ballot, w.households[1]!, 'agree');
    await w.paperVote(ballot, w.households[2]!, 'agree');
    expect(await w.verify(ballot)).toMatchObject({ ok: true, length: 3, electorateOk: true });
    const pool = t.ctx.database.pool;
    const { rows } = await pool.query(
      `select c.position, h.id from ballot_chain c join ballot_vote_history h on h.id = c.history_id where c.ballot_id = $1 and h.household_id = $2`,
      [ballot, w.households[1]],
    );
    const { position, id } = rows[0] as { position: number; id: string };
    for (const table of ['ballot_vote_history', 'ballot_votes']) {
      const where = table === 'ballot_votes' ? 'history_id' : 'id';
      await pool.query(`update ${table} set choice = 'disagree' where ${where} = $1`, [id]);
      expect(await w.verify(ballot), table).toMatchObject({ ok: false, brokenAt: position });
      await pool.query(`update ${table} set choice = 'agree' where ${where} = $1`, [id]);
      expect(await w.verify(ballot)).toMatchObject({ ok: true });
    }
    await pool.query('delete from ballot_electorate where ballot_id = $1 and household_id = $2', [ballot, w.households[4]]);
    expect(await w.verify(ballot)).toMatchObject({ ok: false, electorateOk: false });
  });

  it('still verifies vote links stored under encoding 1 (canonical JSON of the record)', async () => {
    const w = await ballotWorld(t);
    const { id: ballot } = await w.open();
    expect((await w.online(ballot, w.households[0]!, 'agree')).statusCode).toBe(201);
    await w.paperVote(ballot, w.households[1]!, 'disagree');
    const pool = t.ctx.database.pool;
    const { rows: chain } = await pool.query(
      `select position, history_id, record from ballot_chain where ballot_id = $1 order by position`,
      [ballot],
    );
    const history = await t.ctx.db.select().from(ballotVoteHistory).where(eq(ballotVoteHistory.ballotId, ballot));
    // Re-linked as encoding 1 did, and signed by the key holder as each link would have been then.
    let previous = GENESIS;
    for (const c of chain as { position: number; history_id: string | null; record: Json }[]) {
      const h = history.find((x) => x.id === c.history_id);
      previous = link(previous, h ? voteRecord(voteFields(h)) : c.record);
      await pool.query(`update ballot_chain set hash = $1, encoding = 1, signature = $2 where ballot_id = $3 and position = $4`, [
        previous,
        signHead(t.ctx.signingKey, ballot, c.position, previous),
        ballot,
        c.position,
      ]);
    }
    expect(await w.verify(ballot)).toMatchObject({ ok: true, length: chain.length });
    await pool.query(`update ballot_vote_history set choice = 'abstain' where id = $1`, [history[0]!.id]);
    expect((await w.verify(ballot)).ok).toBe(false);
  });

  it('closes with the tally judged by the rule of the project year, and publishes receipts and the chain head', async () => {
    const w = await ballotWorld(t);
    const { id: ballot } = await w.open();
    const [mine, a, b] = w.households as [string, string, string];
    expect((await w.online(ballot, mine, 'agree', `close-${ballot}`)).statusCode).toBe(201);
    await w.paperVote(ballot, a, 'agree');
    await w.paperVote(ballot, b, 'disagree');
    expect((await w.call('POST', `/api/v1/ballots/${ballot}/close`, 'hemu-worker')).statusCode).toBe(403);
    const closed = await w.call('POST', `/api/v1/ballots/${ballot}/close`, 'hemu');
    expect(closed.statusCode, closed.body).toBe(200);
    const eligible = w.households.length;
    const { numerator, denominator } = shippedRule<{ numerator: number; denominator: number }>('consent.renovation.threshold').value;
    const threshold = { numerator, denominator };
    expect(closed.json()).toEqual({
      status: 'closed',
      eligible,
      agree: 2,
      disagree: 1,
      abstain: 0,
      notVoted: eligible - 3,
      passed: false,
      rule: { key: 'consent.renovation.threshold', ...threshold, version: expect.any(String), name: expect.any(String) },
    });
    // The rule is named in words for the reader (the seal keeps only its key).
    expect(closed.json().rule.name).toMatch(/^[A-Z].*consent/);
    expect((await w.call('GET', `/api/v1/ballots/${ballot}/tally`, 'hemu-resident')).json()).toEqual(closed.json());
    const verified = (await w.call('GET', `/api/v1/ballots/${ballot}/verification`, 'hemu-resident')).json();
    // open, 3 votes (one paper vote is 1 link), close
    expect(verified).toMatchObject({ ok: true, tallyOk: true, length: 5 });
    expect(verified.chainHead).toBe(verified.publishedHead);
    const receipts = (await w.call('GET', `/api/v1/ballots/${ballot}/receipts`, 'hemu-resident')).json();
    expect(receipts.chainHead).toBe(verified.chainHead);
    expect(receipts.items).toHaveLength(3);
    expect(Object.keys(receipts.items[0]).sort()).toEqual(['at', 'channel', 'receipt']);
    expect((await w.online(ballot, mine, 'agree')).statusCode).toBe(409);
    expect((await w.call('POST', `/api/v1/ballots/${ballot}/close`, 'hemu')).statusCode).toBe(409);
    expect((await w.online(ballot, mine, 'agree', `close-${ballot}`)).statusCode).toBe(201);
  });
});

describe('concurrent votes', () => {
  it('200 parallel requests for one household store exactly one vote', async () => {
    const w = await ballotWorld(t);
    const { id } = await w.open('management_mode', 'none');
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => w.online(id, w.households[0]!, i % 2 ? 'agree' : 'disagree', `race-${id}-${i}`)),
    );
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c !== 201 && c !== 409)).toEqual([]);
    const pool = t.ctx.database.pool;
    expect((await pool.query('select count(*)::int as n from ballot_votes where ballot_id = $1', [id])).rows[0].n).toBe(1);
    expect((await pool.query('select count(*)::int as n from ballot_vote_history where ballot_id = $1', [id])).rows[0].n).toBe(1);
  });

  it('under "last counts" a revote replaces the counted vote and keeps the history', async () => {
    const w = await ballotWorld(t);
    const { id } = await w.open('other', 'last_counts');
    for (const choice of ['agree', 'disagree']) expect((await w.online(id, w.households[0]!, choice)).statusCode).toBe(201);
    const pool = t.ctx.database.pool;
    expect((await pool.query('select choice from ballot_votes where ballot_id = $1', [id])).rows).toEqual([{ choice: 'disagree' }]);
    expect((await pool.query('select count(*)::int as n from ballot_vote_history where ballot_id = $1', [id])).rows[0].n).toBe(2);
    expect(await w.close(id)).toMatchObject({ agree: 0, disagree: 1 });
    expect(await w.verify(id)).toMatchObject({ ok: true, tallyOk: true });
  });
});

describe('the consent gate', () => {
  it('holds once a renovation consent ballot opened through the API has passed', async () => {
    const w = await ballotWorld(t);
    const move = (to: string) => w.call('POST', `/api/v1/projects/${w.projectId}/transitions`, 'hemu', { to });
    await seedBaselineSurvey(t.ctx.db, { projectId: w.projectId });
    expect((await move('surveyed')).statusCode).toBe(200);
    expect((await move('consented')).json().unmetGates.map((g: { code: string }) => g.code)).toEqual(['consent_ballot']);
    const { id, eligible } = await w.open('renovation_consent', 'none');
    // The selected city's threshold (2/3 in 杭州, 3/4 in 宁波): exactly enough agree.
    const { numerator, denominator } = shippedRule<{ numerator: number; denominator: number }>('consent.renovation.threshold').value;
    const need = Math.ceil((eligible * numerator) / denominator);
    for (const h of w.households.slice(0, need)) await w.paperVote(id, h, 'agree');
    expect(await w.close(id)).toMatchObject({ agree: need, passed: true });
    expect((await move('consented')).statusCode).toBe(200);
  });
});

describe('proxy votes', () => {
  it('count by written mandate up to the rule’s cap per proxy holder, and yield to the household’s own vote', async () => {
    const w = await ballotWorld(t);
    const { id: ballot } = await w.open('other', 'none');
    const [mine, h1, h2, h3, h4] = w.households as [string, string, string, string, string];
    const bound = await w.call('POST', `/api/v1/households/${h4}/residents`, 'hemu-worker', { name: '代理人', relation: 'owner' });
    expect(bound.statusCode, bound.body).toBe(201);
    const holder = bound.json().residentId as string;
    const proxy = (householdId: string, evidence: object = { mandateRef: `委托书-${householdId.slice(0, 8)}`, proxyResidentId: holder }) =>
      w.call('POST', `/api/v1/ballots/${ballot}/votes`, 'hemu-worker', { householdId, choice: 'agree', channel: 'proxy', evidence });

    const noMandate = await proxy(h1, { proxyResidentId: holder });
    expect(noMandate.statusCode).toBe(422);
    expect(noMandate.json().errors[0].path).toBe('body.evidence.mandateRef');
    // The demo rule (consent.proxy.max_mandates) allows three households per proxy holder.
    for (const h of [mine, h1, h2]) expect((await proxy(h)).json().status).toBe('counted');
    const fourth = await proxy(h3);
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().rule).toMatchObject({ key: 'consent.proxy.max_mandates', value: 3 });

    // The household votes itself: its own vote replaces the proxy's, even with no revote allowed.
    const own = await w.online(ballot, mine, 'disagree');
    expect(own.statusCode, own.body).toBe(201);
    const { rows: counted } = await t.ctx.database.pool.query(
      `select channel, choice from ballot_votes where ballot_id = $1 and household_id = $2`,
      [ballot, mine],
    );
    expect(counted).toEqual([{ channel: 'online', choice: 'disagree' }]);
    // …and a proxy never overrides a household's own vote; the freed mandate can be used elsewhere.
    expect((await proxy(mine)).statusCode).toBe(409);
    expect((await proxy(h3)).json().status).toBe('counted');
    expect((await w.verify(ballot)).ok).toBe(true);
  });
});

describe('reading ballots', () => {
  it('lists a project’s ballots, the counts of a closed one only, and shows one without choices or counts', async () => {
    const w = await ballotWorld(t);
    const closed = await w.open('renovation_consent');
    await w.paperVote(closed.id, w.households[1]!, 'agree');
    await w.close(closed.id);
    const open = await w.open('other');
    const list = await w.call('GET', `/api/v1/projects/${w.projectId}/ballots`, 'hemu-worker');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; kind: string; status: string; chainHead: string | null }[];
    expect(items.map((b) => b.id).sort()).toEqual([closed.id, open.id].sort());
    // An open ballot's counts stay sealed; a closed one carries the result it was sealed with.
    expect(JSON.stringify(items.find((b) => b.id === open.id))).not.toMatch(/agree|disagree/);
    expect(items.find((b) => b.id === closed.id)).toMatchObject({ result: { agree: 1, disagree: 0, passed: false } });
    const one = await w.call('GET', `/api/v1/ballots/${closed.id}`, 'hemu-resident');
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: closed.id, projectId: w.projectId, chainHead: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(items.find((b) => b.id === open.id)!.chainHead).toBeNull();
  });
});

describe("the resident's own view", () => {
  it('lists their homes, the ballots each verified home is asked, and their receipts, and no other household', async () => {
    const w = await ballotWorld(t);
    const mine = w.households[0]!;
    const voted = await w.open('renovation_consent');
    const receipt = (await w.online(voted.id, mine, 'agree')).json();
    await w.paperVote(voted.id, w.households[1]!, 'disagree');
    const notVoted = await w.open('other');
    const view = (await w.call('GET', '/api/v1/me/participation', 'hemu-resident')).json();
    expect(view.households.map((h: { householdId: string }) => h.householdId)).toContain(mine);
    const here = view.ballots.filter((b: { projectId: string }) => b.projectId === w.projectId);
    expect(here.map((b: { id: string }) => b.id).sort()).toEqual([voted.id, notVoted.id].sort());
    expect(here.every((b: { householdId: string }) => b.householdId === mine)).toBe(true);
    // The receipt as the vote answered it: position, the head after the vote and its signature.
    expect(here.find((b: { id: string }) => b.id === voted.id)).toMatchObject({
      receipt: receipt.receipt,
      position: receipt.position,
      head: receipt.head,
      signature: receipt.signature,
    });
    expect(here.find((b: { id: string }) => b.id === notVoted.id)).toMatchObject({ receipt: null, position: null });
    expect(JSON.stringify(view)).not.toMatch(/"choice"|agree/);
    // Staff have no home of their own to show.
    expect((await w.call('GET', '/api/v1/me/participation', 'hemu')).json()).toEqual({ households: [], surveys: [], ballots: [] });
  });
});
