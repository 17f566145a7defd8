// Demo ballots: a project past "consented" has a passed renovation consent
// ballot, one past "plan_approved" a passed ballot on its plan version, so the
// demo agrees with the gates. They are written whole (electorate, votes,
// history and chain) as the service would have, so verification passes. Given
// a context, every head is signed with its key and the opening and close go to
// the anchor log, as the service does; without one the ballot is written as one
// closed before signing existed ('unanchored': its hash chain alone verifies).
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Fraction } from '../../platform/money.ts';
import { ruleAt } from '../../platform/policy.ts';
import { projectCompoundIds, stages, type Stage } from '../projects/index.ts';
import { registry } from '../registry/index.ts';
import { electorateHash, GENESIS, link, linkVote, type Json } from './chain.ts';
import { anchor, receiptCode, voteFields } from './evidence.ts';
import { ballotChain, ballotElectorate, ballots, ballotVoteHistory, ballotVotes } from './schema.ts';
import { signHead } from './signatures.ts';
import { agreeNeeded, count, passes, type Choice } from './tally.ts';

// Seeded records name no account: this id stands for "the demo seed".
const SEED_USER = '00000000-0000-0000-0000-000000000000';
const DAY = 86_400_000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 2000) await insert(rows.slice(i, i + 2000));
}

/** A closed ballot that passed, closing at `closedAt`; about four in five households agree. */
export async function seedPassedBallot(
  tx: Tx,
  p: {
    projectId: string;
    year: number;
    kind: 'renovation_consent' | 'plan_approval' | 'management_mode';
    planVersion?: number | null;
    proposal?: string;
    closedAt?: Date;
    /** Signs and anchors the ballot with this context's key and DATA_DIR. */
    signWith?: Pick<AppContext, 'signingKey' | 'env'>;
  },
): Promise<string> {
  const ruleKey = p.kind === 'plan_approval' ? 'consent.plan_approval.threshold' : 'consent.renovation.threshold';
  const rule = await ruleAt<Fraction>(tx, ruleKey, `${p.year}-01-01`);
  const households = (await registry.householdIdsOfCompounds(tx, await projectCompoundIds(tx, p.projectId))).sort();
  const closedAt = p.closedAt ?? new Date();
  const openedAt = new Date(closedAt.getTime() - 14 * DAY);
  const id = uuidv7(openedAt.getTime());
  const hash = electorateHash(households);
  const agree = Math.max(agreeNeeded(households.length, rule.value), Math.ceil((households.length * 4) / 5));
  const planVersion = p.kind === 'plan_approval' ? (p.planVersion ?? 1) : null;
  const chain: (typeof ballotChain.$inferInsert)[] = [];
  let previous = GENESIS;
  const key = p.signWith?.signingKey;
  const signed = (position: number, hash: string) =>
    key ? { signature: signHead(key, id, position, hash), keyId: key.keyId } : { signature: null, keyId: null };
  const push = (type: (typeof ballotChain.$inferInsert)['type'], record: Json) => {
    previous = link(previous, record);
    const position = chain.length + 1;
    chain.push({ ballotId: id, position, type, historyId: null, record, encoding: 1, hash: previous, ...signed(position, previous) });
  };
  const pushVote = (h: typeof ballotVoteHistory.$inferSelect) => {
    previous = linkVote(previous, voteFields(h));
    const position = chain.length + 1;
    chain.push({
      ballotId: id,
      position,
      type: 'vote',
      historyId: h.id,
      record: null,
      encoding: 2,
      hash: previous,
      ...signed(position, previous),
    });
  };
  const title = {
    renovation_consent: '是否同意实施改造',
    plan_approval: `改造方案第${planVersion}版认可`,
    management_mode: '小区管理模式表决',
  }[p.kind];
  const proposal = p.proposal ?? null;
  const base = { ballotId: id, projectId: p.projectId, kind: p.kind, title, planVersion, proposal, revote: 'none', ruleKey };
  push('open', {
    ...base,
    electorateHash: hash,
    eligible: households.length,
    closesAt: closedAt.toISOString(),
    byUserId: SEED_USER,
    type: 'open',
  });
  const history: (typeof ballotVoteHistory.$inferSelect)[] = [];
  households.forEach((householdId, i) => {
    const choice: Choice | null = i < agree ? 'agree' : (['disagree', 'abstain', null] as const)[i % 3]!;
    if (!choice) return;
    const castAt = new Date(openedAt.getTime() + Math.floor(((i + 1) * 13 * DAY) / households.length));
    const h = {
      id: uuidv7(castAt.getTime()),
      ballotId: id,
      householdId,
      choice,
      channel: 'paper' as const,
      evidence: { sheetNo: `D-${i + 1}` },
      receipt: receiptCode(),
      byUserId: SEED_USER,
      castAt,
    };
    history.push(h);
    pushVote(h);
  });
  const t = count(
    households.length,
    history.map((h) => h.choice as Choice),
  );
  const result = {
    status: 'closed' as const,
    ...t,
    passed: passes(t.agree, t.eligible, rule.value),
    rule: { key: rule.key, numerator: rule.value.numerator, denominator: rule.value.denominator, version: rule.version },
  };
  push('close', { ballotId: id, result, closedAt: closedAt.toISOString(), byUserId: SEED_USER, type: 'close' });
  await tx.insert(ballots).values({
    id,
    projectId: p.projectId,
    kind: p.kind,
    title,
    planVersion,
    proposal,
    ruleKey,
    revote: 'none',
    status: 'closed',
    electorateHash: hash,
    eligible: households.length,
    closesAt: closedAt,
    openedBy: SEED_USER,
    openedAt,
    closedAt,
    result,
    chainHead: previous,
  });
  await insertChunked(households, (c) => tx.insert(ballotElectorate).values(c.map((householdId) => ({ ballotId: id, householdId }))));
  await insertChunked(history, (c) => tx.insert(ballotVoteHistory).values(c));
  await insertChunked(history, (c) =>
    tx.insert(ballotVotes).values(
      c.map((h) => ({
        ballotId: id,
        householdId: h.householdId,
        historyId: h.id,
        choice: h.choice,
        channel: h.channel,
        receipt: h.receipt,
        castAt: h.castAt,
      })),
    ),
  );
  await insertChunked(chain, (c) => tx.insert(ballotChain).values(c));
  if (p.signWith) {
    const head = (l: (typeof chain)[number]) => ({ position: l.position, hash: l.hash, signature: l.signature!, keyId: l.keyId! });
    await anchor(p.signWith, id, 'open', head(chain[0]!), openedAt);
    await anchor(p.signWith, id, 'close', head(chain.at(-1)!), closedAt);
  }
  return id;
}

/** The day a seeded project reached a stage, as the projects seed lays out its timeline. */
const reachedOn = (year: number, stage: Stage) => new Date(Date.UTC(year, 0, 10) + stages.indexOf(stage) * 21 * DAY);

export async function seedBallots(
  tx: Tx,
  projects: { id: string; year: number; stage: Stage }[],
  signWith?: Pick<AppContext, 'signingKey' | 'env'>,
): Promise<void> {
  for (const p of projects) {
    const at = stages.indexOf(p.stage);
    if (at >= stages.indexOf('consented')) {
      await seedPassedBallot(tx, {
        projectId: p.id,
        year: p.year,
        kind: 'renovation_consent',
        closedAt: reachedOn(p.year, 'consented'),
        signWith,
      });
    }
    if (at >= stages.indexOf('plan_approved')) {
      await seedPassedBallot(tx, {
        projectId: p.id,
        year: p.year,
        kind: 'plan_approval',
        planVersion: 1,
        closedAt: reachedOn(p.year, 'plan_approved'),
        signWith,
      });
    }
  }
}
