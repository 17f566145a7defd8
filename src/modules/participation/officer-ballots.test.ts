// What an officer's ballot list and a worker's paper keying show (issue 16, item 6): turnout and the
// sheets waiting for a second keying per ballot, the result once closed; the household and sheet a first
// keying recorded; the chain's links by kind, adding up to its length.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { ballotWorld } from './fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('ballots for officers', () => {
  it('lists turnout and pending second keyings while open, and the result once closed', async () => {
    const w = await ballotWorld(t, 5);
    const { id: ballot } = await w.open('renovation_consent', 'last_counts');
    const [h1, h2, h3, h4] = w.households as [string, string, string, string];
    await w.paperVote(ballot, h1, 'agree');
    await w.paperVote(ballot, h2, 'agree');
    const first = await w.paper(ballot, 'hemu-worker', h3, 'disagree', 'S-7');
    expect(first.statusCode, first.body).toBe(201);
    // The first keying names the household and sheet it recorded.
    expect(first.json()).toMatchObject({
      status: 'pending_second_keying',
      receipt: null,
      sheetNo: 'S-7',
      household: { compound: expect.stringMatching(/^表决测试小区-/), building: '1', unit: '1', room: '103' },
    });
    expect((await w.paper(ballot, 'hemu-worker', h4, 'agree', 'S-8')).statusCode).toBe(201);

    const open = (await w.call('GET', `/api/v1/projects/${w.projectId}/ballots`, 'hemu')).json().items;
    expect(open).toEqual([
      expect.objectContaining({ id: ballot, status: 'open', eligible: 5, counted: 2, pendingSecondKeying: 2, result: null }),
    ]);

    const pending = await w.call('GET', `/api/v1/ballots/${ballot}/paper?status=pending_second_keying`, 'hemu-worker-2');
    expect(pending.statusCode, pending.body).toBe(200);
    expect(pending.json().items.map((s: { sheetNo: string; room: string; building: string }) => [s.sheetNo, s.building, s.room])).toEqual([
      ['S-7', '1', '103'],
      ['S-8', '1', '104'],
    ]);

    await w.close(ballot);
    const closed = (await w.call('GET', `/api/v1/projects/${w.projectId}/ballots`, 'hemu')).json().items[0];
    expect(closed).toMatchObject({
      status: 'closed',
      closedAt: expect.any(String),
      counted: 2,
      pendingSecondKeying: 0,
      result: { status: 'closed', eligible: 5, agree: 2, notVoted: 3, passed: false, rule: { numerator: 2, denominator: 3 } },
    });
  });

  it("explains the chain's length by its kinds of link, a changed vote and a reconciled sheet included", async () => {
    const w = await ballotWorld(t, 4);
    const { id: ballot } = await w.open('renovation_consent', 'last_counts');
    const [mine, h2, h3] = w.households as [string, string, string];
    expect((await w.online(ballot, mine, 'agree')).statusCode).toBe(201);
    expect((await w.online(ballot, mine, 'disagree')).statusCode).toBe(201);
    await w.paperVote(ballot, h2, 'agree');
    await w.paper(ballot, 'hemu-worker', h3, 'agree', 'M-1');
    expect((await w.paper(ballot, 'hemu-worker-2', h3, 'disagree', 'M-1')).json()).toMatchObject({ status: 'mismatch', sheetNo: 'M-1' });
    const fixed = await w.call('POST', `/api/v1/ballots/${ballot}/paper/reconcile`, 'hemu', {
      householdId: h3,
      sheetNo: 'M-1',
      choice: 'agree',
    });
    expect(fixed.statusCode, fixed.body).toBe(201);
    await w.close(ballot);
    const v = await w.verify(ballot);
    expect(v.composition).toEqual({ open: 1, votes: 4, households: 3, paperMismatches: 1, reconciles: 1, close: 1 });
    const c = v.composition as Record<string, number>;
    expect(v.length).toBe(c.open! + c.votes! + c.paperMismatches! + c.reconciles! + c.close!);
  });
});
