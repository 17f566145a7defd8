// Platform acceptance 1: nginx in front of 2 API processes and 2 workers on
// one PostgreSQL. Through it: the project walk; 1,000 concurrent votes over both
// API processes count one vote per household; a lockout reached through one
// process holds in the other; a compound edited through one process is fresh in
// the other's list at once.
import { drizzle } from 'drizzle-orm/node-postgres';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBaselineSurvey, seedPassedBallot } from '../../src/modules/participation/index.ts';
import { checkShippedSite, startCluster, type Cluster } from './cluster.ts';

let cluster: Cluster;
let pool: pg.Pool;
beforeAll(async () => {
  cluster = await startCluster();
  pool = new pg.Pool({ connectionString: cluster.databaseUrl, max: 2 });
  // A process listens for registry changes from its first compound list on; until then it caches nothing.
  // Listing once on each now means that later lists are cached, so a missed invalidation would show.
  for (const api of cluster.apis)
    expect((await call('GET', '/api/v1/compounds?limit=1', 'hemu', undefined, { base: api.base })).status).toBe(200);
});
afterAll(async () => {
  await pool?.end();
  await cluster?.stop();
});

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const tokens = new Map<string, string>();
async function signIn(username: string, base = cluster.base): Promise<string> {
  const cached = tokens.get(username);
  if (cached) return cached;
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Demo@2026' }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  tokens.set(username, token);
  return token;
}

async function call(
  method: Method,
  url: string,
  username: string,
  body?: unknown,
  opts: { base?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await fetch(`${opts.base ?? cluster.base}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${await signIn(username)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...opts.headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text };
}

async function upload(
  url: string,
  username: string,
  fields: Record<string, string>,
  file: { name: string; data: Buffer; type: string },
  base = cluster.base,
): Promise<Answer> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  const res = await fetch(`${base}${url}`, { method: 'POST', headers: { authorization: `Bearer ${await signIn(username)}` }, body: form });
  return { status: res.status, body: await res.json() };
}

/** An import, waited for when it runs as a background job. */
async function importCsv(kind: 'compounds' | 'households', csv: string, base = cluster.base): Promise<unknown> {
  const username = 'hemu';
  const res = await upload(
    `/api/v1/imports/${kind}`,
    username,
    {},
    { name: `${kind}.csv`, data: Buffer.from(csv), type: 'text/csv' },
    base,
  );
  if (res.status === 200) return res.body;
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const job = await call('GET', `/api/v1/jobs/${res.body.jobId}`, username, undefined, { base });
    if (job.body.status === 'succeeded') return job.body.result;
    if (job.body.status === 'failed' || Date.now() > deadline) throw new Error(`import job: ${JSON.stringify(job.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const community = '330105004001';
const newCompound = async (name: string) => {
  const res = await call('POST', '/api/v1/compounds', 'hemu', {
    name,
    communityCode: community,
    address: '和睦路1号',
    yearBuilt: 1992,
    floorAreaM2: '90000.00',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};

describe('a deployment: nginx, 2 API processes and 2 workers on one database', () => {
  it('walks a project from planned to handed over, gate by gate', async () => {
    const db = drizzle(pool);
    const compoundId = (await call('GET', '/api/v1/compounds?limit=3', 'hemu')).body.items[2].id;
    const created = await call('POST', '/api/v1/projects', 'hemu', { name: '部署全流程项目', year: 2021, compoundIds: [compoundId] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const move = (to: string) => call('POST', `/api/v1/projects/${id}/transitions`, 'hemu', { to });
    const unmet = async (to: string) => ((await move(to)).body.unmetGates ?? []).map((g: { code: string }) => g.code);
    const moves = async (to: string) => {
      const res = await move(to);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };

    expect(await unmet('surveyed')).toEqual(['baseline_survey_coverage']);
    await seedBaselineSurvey(db, { projectId: id });
    await moves('surveyed');
    expect(await unmet('consented')).toEqual(['consent_ballot']);
    await seedPassedBallot(db, { projectId: id, year: 2021, kind: 'renovation_consent' });
    await moves('consented');
    expect(await unmet('designed')).toEqual(['plan_drafted']);
    await call('PUT', `/api/v1/projects/${id}/plan`, 'hemu', {
      items: [{ indicatorCode: '01.01.01', quantity: '100', unitPriceFen: 20_000 }],
    });
    await moves('designed');
    await call('POST', `/api/v1/projects/${id}/plan/submit`, 'hemu');
    await seedPassedBallot(db, { projectId: id, year: 2021, kind: 'plan_approval', planVersion: 1 });
    await call('POST', `/api/v1/projects/${id}/plan/approve`, 'hemu');
    await moves('plan_approved');

    expect(await unmet('consulted')).toEqual(['consultation_minutes']);
    const steps = (await call('GET', `/api/v1/projects/${id}/approvals`, 'hemu')).body.steps.map(
      (s: { code: string }) => s.code,
    ) as string[];
    const lines = steps.map((s, i) => `${i + 1}、${s} 简化办理。`);
    const consultation = await call('POST', `/api/v1/projects/${id}/consultations`, 'hemu', {
      date: '2021-05-10',
      leadDepartment: 'housing',
      departments: ['housing', 'finance', 'development_reform'],
      minutes: lines.join('\n'),
      decisions: steps.map((step, i) => ({ step, simplified: true, minute: lines[i] })),
    });
    expect(consultation.status, JSON.stringify(consultation.body)).toBe(201);
    await moves('consulted');
    for (const step of steps) {
      const res = await call('POST', `/api/v1/projects/${id}/approvals/${step}`, 'hemu', {
        status: 'simplified',
        consultationId: consultation.body.id,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    await moves('approved');

    expect(await unmet('tendered')).toEqual(['funding_complete']);
    const funded = await call('PUT', `/api/v1/projects/${id}/funding`, 'hemu', {
      lines: [
        { source: 'central_subsidy', amountFen: 1_500_000 },
        { source: 'pipeline_utility', amountFen: 300_000 },
        { source: 'resident', channel: 'housing_maintenance_fund', amountFen: 200_000 },
      ],
    });
    expect(funded.body.check).toMatchObject({ ok: true, shortfallFen: 0 });
    await moves('tendered');
    await moves('under_construction');

    expect(await unmet('accepted')).toEqual(['completion_acceptance']);
    const { rows: people } = await pool.query(
      `select resident_id from household_residents where compound_id = $1 and status = 'verified' limit 2`,
      [compoundId],
    );
    const signed = await call('POST', `/api/v1/projects/${id}/acceptances`, 'hemu', {
      heldOn: '2021-11-01',
      passed: true,
      signatories: [
        { role: 'resident_representative', residentId: people[0].resident_id },
        { role: 'building_steward', residentId: people[1].resident_id },
        { role: 'supervisor', organisation: '监理单位' },
      ],
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    await moves('accepted');

    expect(await unmet('handed_over')).toEqual(['tripartite_governance']);
    const company = (await call('GET', '/api/v1/property-companies?status=active&limit=1', 'hemu')).body.items[0];
    const ballot = await seedPassedBallot(db, { projectId: id, year: 2021, kind: 'management_mode', proposal: 'professional_property' });
    const recorded = await call('PATCH', `/api/v1/projects/${id}/governance`, 'hemu', {
      partyOrganisation: '小区党支部',
      partyServiceStation: '小区党群服务站',
      ownersCommittee: { name: '业主委员会', electedOn: '2021-11-10', members: 7 },
      propertyCompanyId: company.id,
      managementModeBallotId: ballot,
    });
    expect(recorded.body.gaps).toEqual(['management_rules', 'meeting_rules']);
    for (const [kind, name] of [
      ['management_rules', '管理规约.pdf'],
      ['meeting_rules', '议事规则.pdf'],
    ] as const) {
      const doc = await upload(
        `/api/v1/projects/${id}/governance/documents`,
        'hemu',
        { kind },
        { name, data: Buffer.from(`%PDF-1.4\n% ${kind}\n%%EOF\n`), type: 'application/pdf' },
      );
      expect(doc.status, JSON.stringify(doc.body)).toBe(201);
    }
    await moves('handed_over');
    const project = (await call('GET', `/api/v1/projects/${id}`, 'hemu')).body;
    expect(project).toMatchObject({ stage: 'handed_over', nextStage: null });
    expect(project.timeline).toHaveLength(11);
  });

  it('counts exactly one vote per household from 1,000 concurrent paper votes over both API processes', async () => {
    const households = 800;
    const name = `部署投票小区${randomBytes(3).toString('hex')}`;
    const compoundId = await newCompound(name);
    const csv = ['communityCode,compound,building,unit,room,floorAreaM2']
      .concat(
        Array.from({ length: households }, (_, i) => `${community},${name},${1 + Math.floor(i / 100)}幢,1单元,${100 + (i % 100)},80.00`),
      )
      .join('\n');
    await importCsv('households', csv);
    const project = await call('POST', '/api/v1/projects', 'hemu', { name: '部署投票项目', year: 2022, compoundIds: [compoundId] });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    const opened = await call('POST', `/api/v1/projects/${project.body.id}/ballots`, 'hemu', {
      kind: 'renovation_consent',
      title: '改造意愿表决',
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      revote: 'none',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.eligible).toBe(households);
    const ballotId = opened.body.id as string;
    const { rows } = await pool.query<{ id: string }>(
      'select household_id as id from ballot_electorate where ballot_id = $1 order by household_id',
      [ballotId],
    );
    // 1,000 paper sheets: one for each household, and a second sheet for 200 of them (a household voting twice).
    const sheets = rows.map((r, i) => ({ householdId: r.id, sheetNo: `A${i}`, choice: i % 3 === 0 ? 'disagree' : 'agree' }));
    sheets.push(...rows.slice(0, 200).map((r, i) => ({ householdId: r.id, sheetNo: `B${i}`, choice: 'agree' })));
    expect(sheets).toHaveLength(1000);
    await Promise.all(['hemu-worker', 'hemu-worker-2'].map((u) => signIn(u)));
    const before = cluster.upstreams().length;
    // Each sheet is keyed by two workers, as paper ballots are; all 2,000 keyings race, 200 at a time in flight.
    const keyings = sheets.flatMap((s) =>
      ['hemu-worker', 'hemu-worker-2'].map(
        (user) => () =>
          call(
            'POST',
            `/api/v1/ballots/${ballotId}/votes`,
            user,
            { householdId: s.householdId, choice: s.choice, channel: 'paper', evidence: { sheetNo: s.sheetNo } },
            { headers: { 'idempotency-key': `${user}-${s.sheetNo}-${ballotId}` } },
          ),
      ),
    );
    keyings.sort(() => Math.random() - 0.5);
    const answers: Answer[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 200 }, async () => {
        while (next < keyings.length) answers.push(await keyings[next++]!());
      }),
    );
    const unexpected = answers.filter((a) => a.status !== 201 && a.status !== 409);
    expect(unexpected.slice(0, 3)).toEqual([]);
    const counted = answers.filter((a) => a.status === 201 && a.body.status === 'counted');
    expect(counted).toHaveLength(households);
    expect(new Set(counted.map((a) => a.body.receipt)).size).toBe(households);
    // nginx sent the votes to both API processes.
    const used = new Set(cluster.upstreams().slice(before));
    expect([...used].sort()).toEqual(cluster.apis.map((a) => a.base.replace('http://', '')).sort());

    const closed = await call('POST', `/api/v1/ballots/${ballotId}/close`, 'hemu');
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.agree + closed.body.disagree + closed.body.abstain).toBe(households);
    expect(closed.body.notVoted).toBe(0);
    const { rows: votes } = await pool.query(
      'select count(*)::int as n, count(distinct household_id)::int as d from ballot_votes where ballot_id = $1',
      [ballotId],
    );
    expect(votes[0]).toEqual({ n: households, d: households });
    for (const api of cluster.apis) {
      const verified = await call('GET', `/api/v1/ballots/${ballotId}/verification`, 'hemu', undefined, { base: api.base });
      expect(verified.body).toMatchObject({ ok: true, electorateOk: true, tallyOk: true });
    }
  });

  it('holds a sign-in lockout reached through one API process in the other', async () => {
    const [a, b] = cluster.apis;
    const login = (base: string, password: string) =>
      fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'evaluator', password }),
      });
    expect((await login(b.base, 'Demo@2026')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(a.base, 'wrong-password')).status).not.toBe(200);
    const locked = await login(b.base, 'Demo@2026');
    expect(locked.status).not.toBe(200);
    expect(JSON.stringify(await locked.json())).not.toMatch(/"token"/);
  });

  it('shows a compound edited through one API process fresh in the other’s list at once', async () => {
    const [a, b] = cluster.apis;
    const name = `部署缓存小区${randomBytes(3).toString('hex')}`;
    await newCompound(name);
    const list = async () =>
      (await call('GET', `/api/v1/compounds?q=${encodeURIComponent(name)}`, 'hemu', undefined, { base: b.base })).body.items;
    // B has the page in its cache before the edit.
    expect((await list()).map((c: { address: string }) => c.address)).toEqual(['和睦路1号']);
    expect((await list()).map((c: { address: string }) => c.address)).toEqual(['和睦路1号']);
    const result = await importCsv(
      'compounds',
      `communityCode,name,address,yearBuilt,floorAreaM2\n${community},${name},和睦路99号,1992,90000.00\n`,
      a.base,
    );
    expect(result).toMatchObject({ updated: 1 });
    // At once: a short deadline for the notification between processes, not a fixed wait.
    const deadline = Date.now() + 1_000;
    let seen: string[] = [];
    while (Date.now() < deadline) {
      seen = (await list()).map((c: { address: string }) => c.address);
      if (seen[0] === '和睦路99号') break;
    }
    expect(seen).toEqual(['和睦路99号']);
  });

  it('ships an nginx site that Debian’s nginx loads, logging paths without query strings', () => {
    const { ok, report } = checkShippedSite();
    expect(ok, report).toBe(true);
    expect(readFileSync(new URL('../../deploy/nginx/renova.conf', import.meta.url), 'utf8')).toMatch(/access_log \S+ renova_path;/);
  });

  it('kept every process running through all of it', () => {
    for (const p of [...cluster.apis, ...cluster.workers]) expect(p.child.exitCode, `${p.name}:\n${p.output()}`).toBeNull();
  });
});
