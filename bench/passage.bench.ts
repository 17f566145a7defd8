// `npm run bench:passage` (issue 14, Performance): gate-side verification of access QR codes, on one core, beside raw
// Ed25519 verification of the same payloads and signatures in the same run:
//   - verifyAccessQr (decode the text, check the compound's key id, verify the signature, the window and the
//     revocation list) ≥ 20,000 codes/s, and at least 0.8 of raw `crypto.verify` over the same bytes.
// The loops alternate in short rounds (raw, gate, gate with the key as text, again and again), so a neighbour's load on
// the shared machine falls on all of them alike; a rate is the loop's median round, the ratio the median of each round
// triple's own ratio. Flags: --smoke (fewer rounds), --codes=2000 --revoked=1000 --rounds=60 --per-round=1000.
// Exit code 0 whether or not budgets are met (the table says); 1 on errors.
import { generateKeyPairSync, randomUUID, verify } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gateKey, signAccessQr, verifyAccessQr } from '../src/modules/passage/index.ts';
import { fmt, textTable, writeReport, type Figure, type Report } from './support/report.ts';
import { elapsedSeconds, log, numberFlag } from './support/run.ts';

const SMOKE = process.argv.includes('--smoke');
const CODES = numberFlag('codes', 2_000);
const REVOKED = numberFlag('revoked', 1_000);
const ROUNDS = numberFlag('rounds', SMOKE ? 10 : 60);
const PER_ROUND = numberFlag('per-round', 1_000);
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function main(): void {
  const pair = generateKeyPairSync('ed25519');
  const raw = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const publicKey = raw.toString('base64url');
  const compoundId = randomUUID();
  const now = new Date();
  const codes: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < CODES; i++) {
    const credentialId = randomUUID();
    ids.push(credentialId);
    codes.push(
      signAccessQr(pair.privateKey, raw, {
        kind: i % 10 === 0 ? 'visitor' : 'resident',
        singleEntry: i % 20 === 0,
        compoundId,
        credentialId,
        notBefore: new Date(now.getTime() - 60_000),
        expiresAt: new Date(now.getTime() + 3_600_000),
      }),
    );
  }
  // A gate's revocation list: other credentials' ids, and every tenth of these codes.
  const revoked = new Set<string>(Array.from({ length: REVOKED }, () => randomUUID()));
  for (let i = 0; i < CODES; i += 10) revoked.add(ids[i]!);
  const expectedOk = CODES - Math.ceil(CODES / 10);

  // The reference: the same payload and signature bytes, split beforehand, through crypto.verify alone.
  const key = gateKey(publicKey);
  const split = codes.map((c) => {
    const b = Buffer.from(c.slice(3), 'base64url');
    return { payload: b.subarray(0, 51), signature: b.subarray(51) };
  });

  let sink = 0;
  const rawRound = () => {
    const t0 = performance.now();
    for (let i = 0; i < PER_ROUND; i++) {
      const s = split[i % CODES]!;
      if (verify(null, s.payload, key.keyObject, s.signature)) sink++;
    }
    return PER_ROUND / ((performance.now() - t0) / 1000);
  };
  const qrRound = (k: typeof key | string) => () => {
    const t0 = performance.now();
    for (let i = 0; i < PER_ROUND; i++) if (verifyAccessQr(k, codes[i % CODES]!, now, revoked).ok) sink++;
    return PER_ROUND / ((performance.now() - t0) / 1000);
  };

  // Correctness first: every code is judged as expected.
  let ok = 0;
  const reasons = new Map<string, number>();
  for (const c of codes) {
    const v = verifyAccessQr(key, c, now, revoked);
    if (v.ok) ok++;
    else reasons.set(v.reason, (reasons.get(v.reason) ?? 0) + 1);
  }
  if (ok !== expectedOk || reasons.get('revoked') !== CODES - expectedOk)
    throw new Error(`unexpected verdicts: ${ok} ok, ${JSON.stringify([...reasons])}`);

  log(`${CODES} codes, ${revoked.size} revoked ids; ${ROUNDS} rounds of ${PER_ROUND} verifications each, alternating`);
  rawRound();
  qrRound(key)();
  const rawRates: number[] = [];
  const qrRates: number[] = [];
  const textRates: number[] = [];
  const ratios: number[] = [];
  const textRatios: number[] = [];
  const load = os.loadavg()[0]!;
  for (let r = 0; r < ROUNDS; r++) {
    const a = rawRound();
    const b = qrRound(key)();
    const c = qrRound(publicKey)();
    rawRates.push(a);
    qrRates.push(b);
    textRates.push(c);
    ratios.push(b / a);
    textRatios.push(c / a);
    if ((r + 1) % 10 === 0) log(`round ${r + 1}: raw ${fmt.int(a)}/s, gate ${fmt.int(b)}/s, gate (key as text) ${fmt.int(c)}/s`);
  }
  const rawRate = median(rawRates);
  const qrRate = median(qrRates);
  const textRate = median(textRates);
  const ratio = median(ratios);
  const textRatio = median(textRatios);

  const figures: Figure[] = [
    {
      figure: 'gate-side QR verification, one core',
      budget: '>= 20,000/s',
      measured: `${fmt.int(qrRate)}/s`,
      reference: `raw Ed25519 verify ${fmt.int(rawRate)}/s`,
      ratio: fmt.ratio(qrRate / rawRate),
      pass: qrRate >= 20_000,
    },
    {
      figure: 'gate-side / raw Ed25519 (prepared key)',
      budget: '>= 0.8',
      measured: fmt.ratio(ratio),
      reference: 'median of paired rounds',
      ratio: fmt.ratio(ratio),
      pass: ratio >= 0.8,
    },
    {
      figure: 'gate-side / raw Ed25519 (key given as text)',
      budget: '>= 0.8',
      measured: fmt.ratio(textRatio),
      reference: `gate ${fmt.int(textRate)}/s`,
      ratio: fmt.ratio(textRatio),
      pass: textRatio >= 0.8,
    },
  ];
  const cpu = os.cpus();
  const report: Report = {
    title: 'bench:passage — gate-side verification of access QR codes',
    date: new Date().toISOString(),
    machine: `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`,
    totalSeconds: elapsedSeconds(),
    figures,
    notes: [
      `${CODES} distinct codes (157 characters: "RA1" + base64url of 51 payload bytes and a 64-byte signature), a revocation list of ${revoked.size} ids; every tenth code is revoked and refused as such.`,
      `Each rate is the median of ${ROUNDS} rounds of ${fmt.int(PER_ROUND)} verifications on the main thread (one core); the loops alternate round by round, and each ratio is the median of the rounds' own ratios, so the shared machine's load falls on both sides of it.`,
      `Load average when the run began: ${load.toFixed(1)} on ${os.cpus().length} cores (other engineers' work on the same machine). The 20,000/s budget is a figure of a core of its own: raw Ed25519 verification itself (the reference, which no gate can exceed) is the ceiling here.`,
      'The raw reference is crypto.verify(null, payload, key, signature) over the same bytes, already split: the ceiling of any gate. The gate adds decoding the text, the key id, the window and the list.',
      SMOKE ? 'Smoke run: fewer rounds.' : 'Full run.',
    ],
    raw: {
      codes: CODES,
      revoked: revoked.size,
      rounds: ROUNDS,
      perRound: PER_ROUND,
      loadAverage: load,
      rawRates,
      qrRates,
      textRates,
      ratios,
      sink,
    },
  };
  console.log('\n' + textTable(figures) + '\n');
  for (const f of writeReport(resultsDir, 'passage', report)) log(`wrote ${path.relative(process.cwd(), f)}`);
}

try {
  main();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
}
