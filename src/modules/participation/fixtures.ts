// Test factories for ballots: each test builds its own compound, households and
// project through the API (as the 和睦 community's worker and officer), so no
// test leans on another's ballot or on the demo city's households. Only the
// demo accounts are shared; the demo resident is bound to the first household.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../platform/testing/harness.ts';
import { demoCity } from '../../platform/testing/city.ts';

/** The selected city pack's demo community (CITY). */
export const COMMUNITY = demoCity().community.code;

type Reply = Awaited<ReturnType<TestApp['app']['inject']>>;

export interface BallotWorld {
  projectId: string;
  compoundId: string;
  /** The new compound's households; the first is the demo resident's (`hemu-resident`), verified. */
  households: string[];
  call(method: 'GET' | 'POST', url: string, username: string | null, payload?: unknown, key?: string): Promise<Reply>;
  open(kind?: string, revote?: string): Promise<{ id: string; electorateHash: string; eligible: number }>;
  online(ballot: string, householdId: string, choice: string, key?: string): Promise<Reply>;
  /** A paper sheet keyed by both workers, so it counts. */
  paperVote(ballot: string, householdId: string, choice: string): Promise<void>;
  paper(ballot: string, who: string, householdId: string, choice: string, sheetNo: string): Promise<Reply>;
  close(ballot: string): Promise<Record<string, unknown>>;
  verify(ballot: string): Promise<Record<string, unknown> & { ok: boolean; reasons: string[] }>;
}

let keys = 0;

export async function ballotWorld(t: TestApp, n = 6): Promise<BallotWorld> {
  const call: BallotWorld['call'] = async (method, url, username, payload, key) => {
    const headers: Record<string, string> = username ? { ...(await t.as(username)) } : {};
    if (url.endsWith('/votes')) headers['idempotency-key'] = key ?? `fixture-key-${++keys}-${randomBytes(4).toString('hex')}`;
    return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  };
  const tag = randomBytes(3).toString('hex');
  const compound = await call('POST', '/api/v1/compounds', 'hemu-worker', {
    name: `表决测试小区-${tag}`,
    communityCode: COMMUNITY,
    address: `${demoCity().names.roads[0]}${tag}号`,
    yearBuilt: 1990,
    floorAreaM2: '3000.00',
  });
  expect(compound.statusCode, compound.body).toBe(201);
  const compoundId = compound.json().id as string;
  const added = await call('POST', `/api/v1/compounds/${compoundId}/households`, 'hemu-worker', {
    items: Array.from({ length: n }, (_, i) => ({ building: '1', unit: '1', room: `${101 + i}`, floorAreaM2: '60.00' })),
  });
  expect(added.statusCode, added.body).toBe(201);
  const households = added.json().ids as string[];
  // The demo resident's account is the only way to sign in as a resident; bind it here, verified.
  await t.ctx.database.pool.query(
    `insert into household_residents (compound_id, household_id, resident_id, relation, status, verified_at)
     select $1, $2, u.resident_id, 'owner', 'verified', now() from users u where u.username = 'hemu-resident'`,
    [compoundId, households[0]],
  );
  const project = await call('POST', '/api/v1/projects', 'hemu', { name: `表决测试-${tag}`, year: 2021, compoundIds: [compoundId] });
  expect(project.statusCode, project.body).toBe(201);
  const projectId = project.json().id as string;

  const paper: BallotWorld['paper'] = (ballot, who, householdId, choice, sheetNo) =>
    call('POST', `/api/v1/ballots/${ballot}/votes`, who, {
      householdId,
      choice,
      channel: 'paper',
      evidence: { sheetNo, scanRef: `scan-${sheetNo}` },
    });
  let sheets = 0;
  return {
    projectId,
    compoundId,
    households,
    call,
    paper,
    async open(kind = 'renovation_consent', revote = 'none') {
      const res = await call('POST', `/api/v1/projects/${projectId}/ballots`, 'hemu', {
        kind,
        title: '是否同意改造',
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        revote,
        ...(kind === 'management_mode' ? { proposal: 'professional_property' } : {}),
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    },
    online: (ballot, householdId, choice, key) =>
      call('POST', `/api/v1/ballots/${ballot}/votes`, 'hemu-resident', { householdId, choice, channel: 'online' }, key),
    async paperVote(ballot, householdId, choice) {
      const sheet = `F-${++sheets}`;
      expect((await paper(ballot, 'hemu-worker', householdId, choice, sheet)).statusCode).toBe(201);
      const second = await paper(ballot, 'hemu-worker-2', householdId, choice, sheet);
      expect(second.json().status, second.body).toBe('counted');
    },
    async close(ballot) {
      const res = await call('POST', `/api/v1/ballots/${ballot}/close`, 'hemu');
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },
    async verify(ballot) {
      const res = await call('GET', `/api/v1/ballots/${ballot}/verification`, 'hemu');
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },
  };
}
