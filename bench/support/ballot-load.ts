// Ballots under the budgets, through the HTTP API of a running server:
// the tally and verification of a closed 2,000-household ballot, and a burst
// of concurrent paper keyings against one open ballot, checked in the DB after.
import type { AppContext } from '../../src/platform/context.ts';
import { readEvidence, seedPassedBallot } from '../../src/modules/participation/index.ts';
import { postJson } from './ballot-setup.ts';
import { getJson } from './load.ts';
import { log } from './run.ts';

export interface LatencyFigures {
  runs: number;
  medianMs: number;
  maxMs: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Times `fn` `runs` times one after another, after a few untimed runs that warm the JIT and PostgreSQL's caches. */
async function latencies(runs: number, fn: () => Promise<unknown>): Promise<LatencyFigures> {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { runs, medianMs: percentile(ms, 50), maxMs: ms.at(-1)! };
}

export interface TallyFigures {
  eligible: number;
  chainLength: number;
  /** The first verification in the server process: every signature checked against the public key. */
  firstVerificationMs: number;
  tally: LatencyFigures;
  verification: LatencyFigures;
  /** The four SELECTs verification makes, straight on the pool: the database's share of it. */
  rawReads: LatencyFigures;
  /** GET /api/v1/auth/me: an authenticated round trip that reads nothing of the ballot. */
  me: LatencyFigures;
}

/** A passed, closed ballot over the project's households, written by the module's own seed, then read through the API. */
export async function benchTally(ctx: AppContext, url: string, token: string, projectId: string, runs: number): Promise<TallyFigures> {
  // Signed and anchored as a ballot closed through the API is: every head signed, the opening and close in the anchor log.
  const ballotId = await ctx.db.transaction((tx) =>
    seedPassedBallot(tx, { projectId, year: 2021, kind: 'renovation_consent', signWith: ctx }),
  );
  const tally = await getJson<{ eligible: number; status: string }>(`${url}/api/v1/ballots/${ballotId}/tally`, token);
  // The first verification in the process checks every signature; later ones re-hash the whole chain every time but
  // check only signatures not seen before (signatures.ts), so it is timed apart.
  const t0 = performance.now();
  const check = await getJson<{ ok: boolean; tallyOk: boolean; length: number; signedLinks: number; anchor: { status: string } }>(
    `${url}/api/v1/ballots/${ballotId}/verification`,
    token,
  );
  const firstMs = performance.now() - t0;
  if (tally.status !== 'closed' || !check.ok || !check.tallyOk || check.signedLinks !== check.length || check.anchor.status !== 'matched')
    throw new Error(`seeded ballot: ${JSON.stringify({ tally, check })}`);
  log(`tally: closed ballot of ${tally.eligible} households, chain of ${check.length} links; timing ${runs} runs each`);
  return {
    eligible: tally.eligible,
    chainLength: check.length,
    firstVerificationMs: firstMs,
    tally: await latencies(runs, () => getJson(`${url}/api/v1/ballots/${ballotId}/tally`, token)),
    verification: await latencies(runs, () => getJson(`${url}/api/v1/ballots/${ballotId}/verification`, token)),
    rawReads: await latencies(runs, () => readEvidence(ctx.database.pool, ballotId)),
    me: await latencies(runs, () => getJson(`${url}/api/v1/auth/me`, token)),
  };
}

interface Keying {
  householdId: string;
  choice: 'agree' | 'disagree' | 'abstain';
  sheetNo: string;
}

export interface BurstFigures {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Fires every keying at once (one fetch each, no pool limit) and times each answer.
 * An answer other than 201 with `status` is a failed vote, counted and kept, not thrown.
 */
async function burst(
  url: string,
  token: string,
  ballotId: string,
  keyings: Keying[],
  keyPrefix: string,
  status: string,
): Promise<{ figures: BurstFigures; receipts: (string | null)[]; failures: string[] }> {
  const ms: number[] = [];
  const failures: string[] = [];
  const t0 = performance.now();
  const receipts = await Promise.all(
    keyings.map(async (k, i) => {
      const started = performance.now();
      const res = await fetch(`${url}/api/v1/ballots/${ballotId}/votes`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': `bench-${keyPrefix}-${String(i).padStart(6, '0')}`,
        },
        body: JSON.stringify({
          householdId: k.householdId,
          choice: k.choice,
          channel: 'paper',
          evidence: { sheetNo: k.sheetNo, scanRef: `scan-${k.sheetNo}` },
        }),
      }).catch((err: unknown) => err as Error);
      const answer = res instanceof Error ? res.message : await res.text();
      ms.push(performance.now() - started);
      const body = res instanceof Error || res.status !== 201 ? null : (JSON.parse(answer) as { receipt: string | null; status: string });
      if (body?.status !== status) failures.push(`${k.sheetNo}: ${res instanceof Error ? 'network' : res.status} ${answer.slice(0, 200)}`);
      return body?.receipt ?? null;
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  ms.sort((a, b) => a - b);
  const figures = {
    requests: keyings.length,
    seconds,
    requestsPerSecond: keyings.length / seconds,
    p50Ms: percentile(ms, 50),
    p99Ms: percentile(ms, 99),
    maxMs: ms.at(-1)!,
  };
  log(
    `votes: ${keyings.length} concurrent keyings (${status}) in ${seconds.toFixed(2)} s, p99 ${figures.p99Ms.toFixed(0)} ms, ${failures.length} failed`,
  );
  return { figures, receipts, failures };
}

export interface VoteFigures {
  eligible: number;
  firstKeying: BurstFigures;
  secondKeying: BurstFigures;
  counted: number;
  replays: number;
  closed: { agree: number; disagree: number; abstain: number };
  /** Lost, duplicated or altered votes found in the DB after the burst; empty when none. */
  problems: string[];
}

/** Numbers from the DB that must come out exact after the burst. */
async function stored(ctx: AppContext, ballotId: string) {
  const { rows } = await ctx.database.pool.query(
    `select (select count(*)::int from ballot_votes where ballot_id = $1) as votes,
            (select count(distinct household_id)::int from ballot_votes where ballot_id = $1) as households,
            (select count(*)::int from ballot_vote_history where ballot_id = $1) as history,
            (select count(*)::int from ballot_chain where ballot_id = $1) as links,
            (select count(*)::int from ballot_paper_keyings where ballot_id = $1 and status = 'counted') as keyings`,
    [ballotId],
  );
  return rows[0] as { votes: number; households: number; history: number; links: number; keyings: number };
}

/**
 * An officer opens a ballot; one community worker keys `n` paper sheets at once,
 * then the second worker keys the same sheets at once: each second keying counts
 * a vote, so the second burst is the figure. Then the DB must hold exactly one
 * counted vote per keyed household, with the keyed choice, and replays change nothing.
 */
export async function benchConcurrentVotes(
  ctx: AppContext,
  url: string,
  tokens: { officer: string; worker: string; worker2: string },
  projectId: string,
  n: number,
): Promise<VoteFigures> {
  const closesAt = new Date(Date.now() + 86_400_000).toISOString();
  const opened = await postJson<{ id: string; eligible: number }>(`${url}/api/v1/projects/${projectId}/ballots`, tokens.officer, {
    kind: 'other',
    title: '并发表决压测',
    closesAt,
    revote: 'none',
  });
  const { rows } = await ctx.database.pool.query<{ household_id: string }>(
    'select household_id from ballot_electorate where ballot_id = $1 order by household_id limit $2',
    [opened.id, n],
  );
  if (rows.length < n) throw new Error(`the electorate has ${opened.eligible} households, fewer than ${n}`);
  const choices = ['agree', 'disagree', 'abstain'] as const;
  const keyings: Keying[] = rows.map((r, i) => ({ householdId: r.household_id, choice: choices[i % 3]!, sheetNo: `C-${i + 1}` }));
  log(`votes: ballot ${opened.id} open over ${opened.eligible} households; keying ${n} sheets twice`);

  // Integrity misses are the figure's failure, not the run's: they are collected, not thrown.
  const problems: string[] = [];
  const first = await burst(url, tokens.worker, opened.id, keyings, 'first', 'pending_second_keying');
  const second = await burst(url, tokens.worker2, opened.id, keyings, 'second', 'counted');
  for (const [name, b] of [
    ['first keying', first],
    ['second keying', second],
  ] as const)
    if (b.failures.length) problems.push(`${b.failures.length} ${name}s failed, e.g. ${b.failures.slice(0, 3).join(' | ')}`);
  const after = await stored(ctx, opened.id);
  const expected = { votes: n, households: n, history: n, links: n + 1, keyings: 2 * n };
  if (JSON.stringify(after) !== JSON.stringify(expected))
    problems.push(`stored ${JSON.stringify(after)}, expected ${JSON.stringify(expected)}`);
  const { rows: wrong } = await ctx.database.pool.query<{ n: number }>(
    `select count(*)::int as n from ballot_votes v join unnest($2::uuid[], $3::text[]) k(household_id, choice) using (household_id)
      where v.ballot_id = $1 and v.choice::text <> k.choice`,
    [opened.id, keyings.map((k) => k.householdId), keyings.map((k) => k.choice)],
  );
  if (wrong[0]!.n !== 0) problems.push(`${wrong[0]!.n} counted votes differ from their sheets`);

  // A client that lost its answers retries with the same keys: the same receipts come back, nothing is stored twice.
  const replays = Math.min(100, n);
  const again = await burst(url, tokens.worker2, opened.id, keyings.slice(0, replays), 'second', 'counted');
  if (again.failures.length || again.receipts.some((r, i) => r !== second.receipts[i]))
    problems.push('a replay did not answer the first receipt');
  if (JSON.stringify(await stored(ctx, opened.id)) !== JSON.stringify(after)) problems.push('a replay changed the stored votes');

  const closed = await postJson<{ agree: number; disagree: number; abstain: number }>(
    `${url}/api/v1/ballots/${opened.id}/close`,
    tokens.officer,
    {},
    200,
  );
  const verified = await getJson<{ ok: boolean; tallyOk: boolean }>(`${url}/api/v1/ballots/${opened.id}/verification`, tokens.officer);
  const want = (c: string) => keyings.filter((k) => k.choice === c).length;
  if (closed.agree !== want('agree') || closed.disagree !== want('disagree') || closed.abstain !== want('abstain'))
    problems.push(`closed tally ${JSON.stringify(closed)} differs from the sheets keyed`);
  if (!verified.ok || !verified.tallyOk) problems.push(`verification after close: ${JSON.stringify(verified)}`);
  log(
    `votes: ${after.votes} counted over ${after.households} households; ${replays} replays; ${problems.length ? problems.join('; ') : 'no vote lost or duplicated, verification ok'}`,
  );
  return {
    eligible: opened.eligible,
    firstKeying: first.figures,
    secondKeying: second.figures,
    counted: after.votes,
    replays,
    closed,
    problems,
  };
}
