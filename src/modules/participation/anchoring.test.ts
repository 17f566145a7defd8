// Anchored ballot chains (issue 11, item 8 and acceptance 5): signed heads, the
// anchor log outside the database, receipts a resident can check, and what an
// insider who can write the database but not read the key is caught doing.
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { verifyLogText } from './anchors.ts';
import { GENESIS, link, linkVote, type Json } from './chain.ts';
import { voteFields } from './evidence.ts';
import { ballotWorld, type BallotWorld } from './fixtures.ts';
import { seedPassedBallot } from './seed.ts';
import { headMessage, signHead } from './signatures.ts';
import { signingKey } from '../../platform/signing.ts';

let t: TestApp;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'renova-anchors-'));
beforeAll(async () => {
  // Its own DATA_DIR: this file's anchor log holds only this file's ballots.
  t = await testApp({ DATA_DIR: dataDir });
});
afterAll(() => t.close());

const q = (text: string, values: unknown[] = []) => t.ctx.database.pool.query(text, values);
const logFile = () => path.join(dataDir, 'anchors', 'ballot-heads.log');

/** A closed ballot over a fresh compound: the resident votes online, two households on paper. */
async function closedBallot(w: BallotWorld) {
  const { id } = await w.open();
  const mine = await w.online(id, w.households[0]!, 'agree');
  expect(mine.statusCode, mine.body).toBe(201);
  await w.paperVote(id, w.households[1]!, 'agree');
  await w.paperVote(id, w.households[2]!, 'disagree');
  await w.close(id);
  return { id, receipt: mine.json() as { receipt: string; position: number; head: string; signature: string; keyId: string } };
}

/**
 * What an insider with write access to the database (and this repository's code, but not the key)
 * does: changes a counted vote's choice, recomputes every hash from there on, the stored head and
 * the sealed tally, so the hash chain alone is consistent again.
 */
async function insiderRewrite(
  ballotId: string,
  householdId: string,
  choice: string,
  sign?: (position: number, head: string) => string | null,
) {
  await q(`update ballot_vote_history set choice = $1 where ballot_id = $2 and household_id = $3`, [choice, ballotId, householdId]);
  await q(`update ballot_votes set choice = $1 where ballot_id = $2 and household_id = $3`, [choice, ballotId, householdId]);
  const { rows: links } = await q(`select position, history_id, record from ballot_chain where ballot_id = $1 order by position`, [
    ballotId,
  ]);
  const { rows: history } = await q(
    `select id, ballot_id as "ballotId", household_id as "householdId", choice, channel, evidence, receipt, by_user_id as "byUserId", cast_at as "castAt"
     from ballot_vote_history where ballot_id = $1`,
    [ballotId],
  );
  const { rows: votes } = await q(`select choice from ballot_votes where ballot_id = $1`, [ballotId]);
  const tally = { agree: 0, disagree: 0, abstain: 0 } as Record<string, number>;
  for (const v of votes) tally[v.choice] = (tally[v.choice] ?? 0) + 1;
  let previous = GENESIS;
  for (const l of links as { position: number; history_id: string | null; record: Record<string, unknown> }[]) {
    let record = l.record;
    if (record?.type === 'close') {
      const result = record.result as Record<string, unknown>;
      record = { ...record, result: { ...result, ...tally, notVoted: (result.eligible as number) - votes.length } };
      await q(`update ballots set result = $1 where id = $2`, [JSON.stringify(record.result), ballotId]);
    }
    const h = history.find((x: { id: string }) => x.id === l.history_id);
    previous = h ? linkVote(previous, voteFields(h)) : link(previous, record as Json);
    await q(`update ballot_chain set hash = $1, record = $2 where ballot_id = $3 and position = $4`, [
      previous,
      l.history_id ? null : JSON.stringify(record),
      ballotId,
      l.position,
    ]);
    const signature = sign?.(l.position, previous);
    if (signature)
      await q(`update ballot_chain set signature = $1 where ballot_id = $2 and position = $3`, [signature, ballotId, l.position]);
  }
  await q(`update ballots set chain_head = $1 where id = $2`, [previous, ballotId]);
}

const positionOf = async (ballotId: string, householdId: string) =>
  (
    await q(
      `select c.position from ballot_chain c join ballot_vote_history h on h.id = c.history_id where c.ballot_id = $1 and h.household_id = $2`,
      [ballotId, householdId],
    )
  ).rows[0].position as number;

describe('signed heads', () => {
  it('publishes the public key, and every receipt carries a position, head and signature that check against it', async () => {
    const w = await ballotWorld(t);
    const key = await w.call('GET', '/api/v1/ballots/signing-key', null);
    expect(key.statusCode, key.body).toBe(200);
    const { publicKeyPem, keyId } = key.json();
    expect(keyId).toBe(t.ctx.signingKey.keyId);
    const { id, receipt } = await closedBallot(w);
    expect(receipt).toMatchObject({ position: 2, head: expect.stringMatching(/^[0-9a-f]{64}$/), keyId });
    // Checked here with node:crypto and the published PEM alone, as anyone outside could.
    expect(
      verify(
        null,
        headMessage(id, receipt.position, receipt.head),
        createPublicKey(publicKeyPem),
        Buffer.from(receipt.signature, 'base64url'),
      ),
    ).toBe(true);
    const { rows } = await q(`select count(*)::int as n, count(signature)::int as signed from ballot_chain where ballot_id = $1`, [id]);
    expect(rows[0]).toEqual({ n: 5, signed: 5 });
    expect(await w.verify(id)).toMatchObject({
      ok: true,
      signedLinks: 5,
      keyId,
      anchor: { status: 'matched', position: 5 },
      reasons: [],
    });
  });

  it('appends the opening and the close to a log outside the database that is itself a hash chain', async () => {
    const w = await ballotWorld(t);
    const { id } = await closedBallot(w);
    const text = readFileSync(logFile(), 'utf8');
    expect(verifyLogText(text)).toMatchObject({ ok: true });
    const lines = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const mine = lines.filter((l) => l.ballotId === id);
    expect(mine.map((l) => l.event)).toEqual(['open', 'close']);
    const { rows } = await q(`select chain_head from ballots where id = $1`, [id]);
    expect(mine[1]).toMatchObject({ position: 5, head: rows[0].chain_head, keyId: t.ctx.signingKey.keyId });
    const published = (await w.call('GET', `/api/v1/ballots/${id}/receipts`, 'hemu-resident')).json();
    expect(published.anchor).toMatchObject({ head: rows[0].chain_head, signature: mine[1].signature });
    // A line changed in the log breaks the log's own chain at the line after it.
    const edited = text.replace(mine[0].head, '0'.repeat(64));
    expect(verifyLogText(edited).ok).toBe(false);
  });
});

describe('an insider who rewrites a closed ballot (acceptance 5)', () => {
  it('is reported by verification, naming the first forged position, and fails the resident’s receipt check', async () => {
    const w = await ballotWorld(t);
    const { id, receipt } = await closedBallot(w);
    const forged = await positionOf(id, w.households[2]!);
    const before = await w.call('GET', `/api/v1/ballots/${id}/receipts/${receipt.receipt}`, null);
    expect(before.json()).toMatchObject({ valid: true, signatureOk: true, ballotOk: true, position: 2 });

    await insiderRewrite(id, w.households[2]!, 'agree');
    const report = await w.verify(id);
    // The hash chain, the stored head and the tally are consistent again: only the signatures and the log tell.
    expect(report.brokenAt).toBeUndefined();
    expect(report.tallyOk).toBe(true);
    expect(report).toMatchObject({ ok: false, forgedAt: forged, anchor: { status: 'mismatch' } });
    expect(report.reasons).toEqual(['signature_forged', 'anchor_mismatch']);

    // The resident's own link (position 2) is before the rewrite, yet the chain it belongs to is forged.
    const check = await w.call('GET', `/api/v1/ballots/${id}/receipts/${receipt.receipt}`, null);
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({ valid: false, ballotOk: false, forgedAt: forged });
    // The rewritten household's own receipt fails on its own signature.
    const { rows } = await q(`select receipt from ballot_votes where ballot_id = $1 and household_id = $2`, [id, w.households[2]]);
    expect((await w.call('GET', `/api/v1/ballots/${id}/receipts/${rows[0].receipt}`, null)).json()).toMatchObject({
      valid: false,
      signatureOk: false,
      reasons: expect.arrayContaining(['receipt_signature_invalid']),
    });
  });

  it('is reported when the insider signs the rewritten heads with a key of their own, or strips the signatures', async () => {
    const w = await ballotWorld(t);
    const { id } = await closedBallot(w);
    const own = signingKey(generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    const forged = await positionOf(id, w.households[1]!);
    // Re-signed from the rewritten vote on, each signature under the real key's id.
    await insiderRewrite(id, w.households[1]!, 'disagree', (position, head) =>
      position >= forged ? signHead(own, id, position, head) : null,
    );
    expect(await w.verify(id)).toMatchObject({ ok: false, forgedAt: forged });

    await q(`update ballot_chain set signature = null, key_id = null where ballot_id = $1`, [id]);
    const stripped = await w.verify(id);
    // Not taken for a ballot from before signing: the log knows it was signed from its opening.
    expect(stripped).toMatchObject({ ok: false, forgedAt: 1, signedLinks: 0 });
    expect(stripped.reasons).not.toContain('unanchored');
  });

  it('reports a chain where only one signature was altered, at that position', async () => {
    const w = await ballotWorld(t);
    const { id } = await closedBallot(w);
    const position = await positionOf(id, w.households[1]!);
    const { rows } = await q(`select signature from ballot_chain where ballot_id = $1 and position = $2`, [id, position]);
    const sig = Buffer.from(rows[0].signature, 'base64url');
    sig.writeUInt8(sig.readUInt8(10) ^ 1, 10);
    await q(`update ballot_chain set signature = $1 where ballot_id = $2 and position = $3`, [sig.toString('base64url'), id, position]);
    const report = await w.verify(id);
    expect(report).toMatchObject({ ok: false, forgedAt: position, anchor: { status: 'matched' } });
    expect(report.reasons).toEqual(['signature_forged']);
  });

  it('holds the receipt against the head and signature the resident kept', async () => {
    const w = await ballotWorld(t);
    const { id, receipt } = await closedBallot(w);
    const url = `/api/v1/ballots/${id}/receipts/${receipt.receipt}`;
    expect((await w.call('GET', `${url}?head=${receipt.head}&signature=${receipt.signature}`, null)).json().valid).toBe(true);
    const other = await w.call('GET', `${url}?head=${'a'.repeat(64)}`, null);
    expect(other.json()).toMatchObject({ valid: false, reasons: ['held_head_differs'] });
    expect((await w.call('GET', `/api/v1/ballots/${id}/receipts/2222-2222-2222`, null)).statusCode).toBe(404);
    const malformed = await w.call('GET', `/api/v1/ballots/${id}/receipts/not-a-receipt`, null);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].path).toMatch(/receipt/);
  });
});

describe('ballots from before signing', () => {
  it('verify by their hash chain alone, reported as unanchored, and a changed vote still breaks them', async () => {
    const w = await ballotWorld(t);
    const id = await t.ctx.db.transaction((tx) => seedPassedBallot(tx, { projectId: w.projectId, year: 2021, kind: 'renovation_consent' }));
    const report = await w.verify(id);
    expect(report).toMatchObject({ ok: true, signedLinks: 0, anchor: { status: 'none' }, reasons: ['unanchored'] });
    const { rows } = await q(`select household_id from ballot_votes where ballot_id = $1 limit 1`, [id]);
    await q(`update ballot_vote_history set choice = 'abstain' where ballot_id = $1 and household_id = $2`, [id, rows[0].household_id]);
    expect(await w.verify(id)).toMatchObject({ ok: false, brokenAt: await positionOf(id, rows[0].household_id) });
  });

  it('a seeded ballot given the context is signed and anchored like one closed through the API', async () => {
    const w = await ballotWorld(t);
    const id = await t.ctx.db.transaction((tx) =>
      seedPassedBallot(tx, { projectId: w.projectId, year: 2021, kind: 'renovation_consent', signWith: t.ctx }),
    );
    expect(await w.verify(id)).toMatchObject({ ok: true, anchor: { status: 'matched' }, reasons: [] });
  });
});

describe('the public notice', () => {
  it('answers anyone the close head from the anchor log, checked, and fails it once the ballot is rewritten', async () => {
    const w = await ballotWorld(t);
    const { id } = await closedBallot(w);
    const res = await w.call('GET', `/api/v1/ballots/${id}/anchor`, null);
    expect(res.statusCode, res.body).toBe(200);
    const { anchor } = res.json();
    expect(res.json()).toMatchObject({ valid: true, signatureOk: true, ballotOk: true, status: 'closed', anchor: { position: 5 } });
    const held = `?head=${anchor.head}&signature=${anchor.signature}`;
    expect((await w.call('GET', `/api/v1/ballots/${id}/anchor${held}`, null)).json().valid).toBe(true);
    await insiderRewrite(id, w.households[1]!, 'disagree');
    // The log still holds the true head, whose signature checks; the stored chain no longer leads to it.
    expect((await w.call('GET', `/api/v1/ballots/${id}/anchor${held}`, null)).json()).toMatchObject({
      valid: false,
      signatureOk: true,
      ballotOk: false,
      anchor: { head: anchor.head },
    });
    const open = await w.open('other');
    expect((await w.call('GET', `/api/v1/ballots/${open.id}/anchor`, null)).json()).toMatchObject({
      valid: false,
      anchor: null,
      reasons: ['not_anchored'],
    });
  });
});
