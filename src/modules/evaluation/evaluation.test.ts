import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const pdf = Buffer.from('%PDF-1.4\n% 评估报告\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function institution(name: string) {
  const res = await t.call('POST', '/api/v1/evaluation/institutions', 'evaluator', { name, kind: 'evaluation_agency' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('third-party evaluation', () => {
  it('validates with problem+json naming fields, and checks credit codes', async () => {
    const bad = await t.call('POST', '/api/v1/evaluation/institutions', 'evaluator', { name: '', kind: 'think_tank' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.kind']));
    const code = await t.call('POST', '/api/v1/evaluation/institutions', 'evaluator', {
      name: '错码机构',
      kind: 'consultancy',
      creditCode: '91330105MA2AXXXXX0',
    });
    expect(code.statusCode).toBe(422);
    expect(code.json().errors[0].path).toBe('body.creditCode');
    expect((await t.call('POST', '/api/v1/evaluation/institutions', 'hemu', { name: 'x', kind: 'other' })).statusCode).toBe(403);
  });

  it('files a report and sends it back as uploaded; reported needs the report', async () => {
    const institutionId = await institution('报告往返评估所');
    const created = await t.call('POST', '/api/v1/evaluation/engagements', 'gongshu', {
      institutionId,
      kind: 'performance_evaluation',
      title: '拱墅区绩效评价',
      subject: { division: '330105' },
      periodFrom: '2021-01-01',
      periodTo: '2021-12-31',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await t.call('PATCH', `/api/v1/evaluation/engagements/${id}`, 'gongshu', { status: 'ongoing' })).statusCode).toBe(200);
    const early = await t.call('PATCH', `/api/v1/evaluation/engagements/${id}`, 'gongshu', { status: 'reported' });
    expect(early.statusCode).toBe(409);
    const up = await t.upload(`/api/v1/evaluation/engagements/${id}/reports`, 'gongshu', {}, { name: '绩效评价报告.pdf', data: pdf });
    expect(up.statusCode, up.body).toBe(201);
    const wrong = await t.upload(`/api/v1/evaluation/engagements/${id}/reports`, 'gongshu', {}, { name: 'report.docx', data: pdf });
    expect(wrong.statusCode).toBe(415);
    expect(wrong.json().errors[0].path).toBe('body.file');
    const content = await t.app.inject({ url: `/api/v1/evaluation/reports/${up.json().id}/content`, headers: await t.as('evaluator') });
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('application/pdf');
    expect(content.headers['content-disposition']).toContain(encodeURIComponent('绩效评价报告.pdf'));
    expect(content.rawPayload.equals(pdf)).toBe(true);
    // 和睦街道 (330105004) is not the subject's scope: the report does not exist for it.
    const outside = await t.app.inject({ url: `/api/v1/evaluation/reports/${up.json().id}/content`, headers: await t.as('hemu') });
    expect(outside.statusCode).toBe(404);
    const reported = await t.call('PATCH', `/api/v1/evaluation/engagements/${id}`, 'gongshu', { status: 'reported' });
    expect(reported.statusCode).toBe(200);
    expect(reported.json().reports.map((r: { sha256: string }) => r.sha256)).toHaveLength(1);
  });

  it('keeps engagements within scope: projects by the projects’ check, divisions by their codes', async () => {
    const institutionId = await institution('范围评估所');
    const projects = (await t.call('GET', '/api/v1/projects?limit=5', 'hemu')).json().items as { id: string }[];
    const onProject = await t.call('POST', '/api/v1/evaluation/engagements', 'gongshu', {
      institutionId,
      kind: 'risk_assessment',
      title: '加装电梯风险评估',
      subject: { projectId: projects[0]!.id },
      periodFrom: '2021-03-01',
      periodTo: '2021-04-30',
    });
    expect(onProject.statusCode, onProject.body).toBe(201);
    const elsewhere = await t.call('POST', '/api/v1/evaluation/engagements', 'gongshu', {
      institutionId,
      kind: 'performance_evaluation',
      title: '西湖区',
      subject: { division: '330106' },
      periodFrom: '2021-01-01',
      periodTo: '2021-12-31',
    });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().errors[0].path).toBe('body.subject.division');
    // 和睦 sees the engagement on its project (by the project's scope), not the district-wide ones.
    const seen = (await t.call('GET', `/api/v1/evaluation/engagements?institutionId=${institutionId}`, 'hemu')).json();
    expect(seen.items.map((e: { id: string }) => e.id)).toEqual([onProject.json().id]);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { items: { id: string }[]; nextCursor: string | null } = (
        await t.call('GET', `/api/v1/evaluation/engagements?limit=1${cursor ? `&cursor=${cursor}` : ''}`, 'gongshu')
      ).json();
      all.push(...res.items.map((e) => e.id));
      cursor = res.nextCursor;
    } while (cursor);
    expect(all).toContain(onProject.json().id);
    expect(new Set(all).size).toBe(all.length);
    expect((await t.call('GET', `/api/v1/evaluation/engagements?cursor=nonsense`, 'gongshu')).json().errors[0].path).toBe('query.cursor');
  });

  it('tracks a finding to closure by the responsible office only', async () => {
    const institutionId = await institution('整改跟踪评估所');
    const e = await t.call('POST', '/api/v1/evaluation/engagements', 'gongshu', {
      institutionId,
      kind: 'performance_evaluation',
      title: '拱墅区年度评价',
      subject: { division: '330105' },
      periodFrom: '2021-01-01',
      periodTo: '2021-12-31',
    });
    const add = (responsibleDivision: string) =>
      t.call('POST', `/api/v1/evaluation/engagements/${e.json().id}/findings`, 'evaluator', {
        text: '长效管理机制尚未建立',
        severity: 'medium',
        responsibleDivision,
        dueOn: '2022-03-31',
      });
    const bad = await add('33010');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.responsibleDivision');
    const toHemu = await add('330105004');
    expect(toHemu.statusCode, toHemu.body).toBe(201);
    const toDistrict = await add('330105');
    const close = (id: string, who: string) =>
      t.call('POST', `/api/v1/evaluation/findings/${id}/close`, who, { note: '已建立业委会并引入物业' });

    // The district sees 和睦's finding but is not the responsible office: 403.
    expect((await close(toHemu.json().id, 'gongshu')).statusCode).toBe(403);
    // 和睦 neither sees the district's engagement nor is responsible for the district's finding: 404.
    expect((await close(toDistrict.json().id, 'hemu')).statusCode).toBe(404);
    // The evaluator may read but not close.
    expect((await close(toHemu.json().id, 'evaluator')).statusCode).toBe(403);

    const open = (await t.call('GET', '/api/v1/evaluation/findings?status=open', 'hemu')).json();
    expect(open.items.map((f: { id: string }) => f.id)).toContain(toHemu.json().id);
    expect(open.items.map((f: { id: string }) => f.id)).not.toContain(toDistrict.json().id);

    const closed = await close(toHemu.json().id, 'hemu');
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closingNote: '已建立业委会并引入物业', closedBy: 'hemu' });
    expect((await close(toHemu.json().id, 'hemu')).statusCode).toBe(409);
    const detail = (await t.call('GET', `/api/v1/evaluation/engagements/${e.json().id}`, 'gongshu')).json();
    expect(detail.findings.map((f: { status: string }) => f.status)).toEqual(['closed', 'open']);
    const { rows } = await t.ctx.database.pool.query(
      `select actor_username from audit_log where action = 'evaluation.finding.close' and entity_id = $1`,
      [toHemu.json().id],
    );
    expect(rows).toEqual([{ actor_username: 'hemu' }]);
  });
});

describe('exemplary cases', () => {
  let selectionId: string;
  let projects: { id: string; districtCode: string }[];
  const juror = async (name: string, kind: string, districtCode: string | null) => {
    const res = await t.call('POST', `/api/v1/evaluation/selections/${selectionId}/jurors`, 'admin', { name, kind, districtCode });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const score = (nominationId: string, jurorId: string, points: Record<string, number>, who = 'admin') =>
    t.call('PUT', `/api/v1/evaluation/nominations/${nominationId}/scores/${jurorId}`, who, { points });

  beforeAll(async () => {
    const res = await t.call('POST', '/api/v1/evaluation/selections', 'admin', {
      year: 2030,
      title: '测试年度示范案例',
      sheet: [
        { code: 'effect', name: '改造成效', maxPoints: 10 },
        { code: 'participation', name: '居民参与', maxPoints: 5 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    selectionId = res.json().id;
    const items = (await t.call('GET', '/api/v1/projects?limit=200', 'admin')).json().items as { id: string; districtCode: string }[];
    // Four projects of three districts, two of them of 拱墅区.
    const gongshu = items.filter((p) => p.districtCode === '330105');
    const others = items.filter((p) => p.districtCode !== '330105');
    const second = others.find((p) => p.districtCode !== others[0]!.districtCode)!;
    projects = [gongshu[0]!, others[0]!, gongshu[1]!, second];
  });

  it('refuses a second selection of a year, a sheet with a repeated code, and district officers', async () => {
    expect((await t.call('POST', '/api/v1/evaluation/selections', 'admin', { year: 2030, title: '再来' })).statusCode).toBe(409);
    const repeated = await t.call('POST', '/api/v1/evaluation/selections', 'admin', {
      year: 2031,
      title: 'x',
      sheet: [
        { code: 'a', name: 'A', maxPoints: 5 },
        { code: 'a', name: 'B', maxPoints: 5 },
      ],
    });
    expect(repeated.statusCode).toBe(422);
    expect(repeated.json().errors[0].path).toBe('body.sheet.1.code');
    expect((await t.call('POST', '/api/v1/evaluation/selections', 'gongshu', { year: 2032, title: 'x' })).statusCode).toBe(403);
  });

  it('refuses a juror of the nominating district with 422 and records the attempt', async () => {
    const n = await t.call('POST', `/api/v1/evaluation/selections/${selectionId}/nominations`, 'gongshu', { projectId: projects[0]!.id });
    expect(n.statusCode, n.body).toBe(201);
    expect(n.json().districtCode).toBe('330105');
    const again = await t.call('POST', `/api/v1/evaluation/selections/${selectionId}/nominations`, 'admin', { projectId: projects[0]!.id });
    expect(again.statusCode).toBe(409);
    const deputy = await juror('拱墅区人大代表', 'npc_deputy', '330105');
    const res = await score(n.json().id, deputy, { effect: 8, participation: 4 });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ reason: 'conflict_of_interest', errors: [{ path: 'params.jurorId' }] });
    const conflicts = (await t.call('GET', `/api/v1/evaluation/selections/${selectionId}/conflicts`, 'admin')).json();
    expect(conflicts.items).toEqual([expect.objectContaining({ nominationId: n.json().id, jurorId: deputy, districtCode: '330105' })]);
    const { rows } = await t.ctx.database.pool.query(
      `select detail from audit_log where action = 'exemplary.conflict_of_interest' and entity_id = $1`,
      [n.json().id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].detail).toMatchObject({ jurorId: deputy, districtCode: '330105' });
    const { rows: scores } = await t.ctx.database.pool.query(`select 1 from exemplary_scores where juror_id = $1`, [deputy]);
    expect(scores).toEqual([]);
    // A resident representative must have a district; only experts may be city-level.
    const noDistrict = await t.call('POST', `/api/v1/evaluation/selections/${selectionId}/jurors`, 'admin', {
      name: 'x',
      kind: 'resident_representative',
      districtCode: null,
    });
    expect(noDistrict.json().errors[0].path).toBe('body.districtCode');
  });

  it('validates scores item by item, naming the item', async () => {
    const [n] = (await t.call('GET', `/api/v1/evaluation/selections/${selectionId}`, 'admin')).json().nominations;
    const expert = await juror('校验专家', 'expert', null);
    const res = await score(n.id, expert, { effect: 11, participation: 2.5 });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.points.effect', 'body.points.participation']);
    expect(res.json().errors[0].message).toBe('改造成效: a whole number from 0 to 10');
    expect((await score(n.id, expert, { effect: 10 })).json().errors[0].path).toBe('body.points.participation');
    // A juror who is not the caller's account, scored by someone without the selection's staff rights: 403.
    expect((await score(n.id, expert, { effect: 1, participation: 1 }, 'gongshu')).statusCode).toBe(403);
  });

  it('ranks exactly by the mean total, a tie going to the earlier nomination, and awards the top N', async () => {
    const created = await t.call('POST', '/api/v1/evaluation/selections', 'admin', {
      year: 2029,
      title: '排名测试',
      sheet: [
        { code: 'effect', name: '改造成效', maxPoints: 10 },
        { code: 'innovation', name: '创新特色', maxPoints: 10 },
      ],
    });
    const sid = created.json().id;
    const nominate = async (projectId: string) =>
      (await t.call('POST', `/api/v1/evaluation/selections/${sid}/nominations`, 'admin', { projectId })).json().id as string;
    const [x, y, z, w] = [
      await nominate(projects[0]!.id),
      await nominate(projects[1]!.id),
      await nominate(projects[2]!.id),
      await nominate(projects[3]!.id),
    ];
    // One juror of each kind, from a district none of the projects is in.
    const jurors: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.call('POST', `/api/v1/evaluation/selections/${sid}/jurors`, 'admin', {
        name: `评委${i}`,
        kind: ['expert', 'npc_deputy', 'cppcc_member', 'resident_representative'][i],
        districtCode: '330199',
      });
      expect(res.statusCode, res.body).toBe(201);
      jurors.push(res.json().id);
    }
    const give = async (n: string, totals: number[]) => {
      for (const [i, total] of totals.entries()) {
        const res = await score(n, jurors[i]!, { effect: Math.min(total, 10), innovation: total - Math.min(total, 10) });
        expect(res.statusCode, res.body).toBe(200);
      }
    };
    await give(x, [10, 11]); // 21/2, nominated first
    await give(y, [9, 12, 10, 11]); // 42/4 = 21/2, nominated second: after x
    await give(z, [11, 10, 11]); // 32/3, the highest
    // w is not scored: last.
    const ranking = (await t.call('GET', `/api/v1/evaluation/selections/${sid}/ranking`, 'hemu')).json();
    expect(ranking.items.map((r: { id: string; rank: number }) => [r.rank, r.id])).toEqual([
      [1, z],
      [2, x],
      [3, y],
      [4, w],
    ]);
    expect(ranking.items[0].overall).toEqual({ total: 32, count: 3, mean: '10.67', fraction: '32/3' });
    expect(ranking.items[2].overall).toMatchObject({ fraction: '21/2', mean: '10.50' });
    expect(ranking.items[2].byKind.expert).toEqual({ total: 9, count: 1, mean: '9.00', fraction: '9' });
    expect(ranking.items[3].overall.mean).toBeNull();

    const tooMany = await t.call('POST', `/api/v1/evaluation/selections/${sid}/awards`, 'admin', { top: 4, amountFen: 100 });
    expect(tooMany.json().errors[0].path).toBe('body.top');
    const awarded = await t.call('POST', `/api/v1/evaluation/selections/${sid}/awards`, 'admin', { top: 2, amountFen: 50_000_000 });
    expect(awarded.statusCode, awarded.body).toBe(200);
    expect(awarded.json().status).toBe('awarded');
    expect(
      awarded.json().awards.map((a: { nominationId: string; rank: number; amountFen: number }) => [a.rank, a.nominationId, a.amountFen]),
    ).toEqual([
      [1, z, 50_000_000],
      [2, x, 50_000_000],
    ]);
    expect((await score(w, jurors[0]!, { effect: 1, innovation: 1 })).statusCode).toBe(409);
    const awards = (await t.call('GET', `/api/v1/evaluation/awards?projectId=${projects[2]!.id}`, 'admin')).json();
    expect(awards.items).toEqual([expect.objectContaining({ year: 2029, rank: 1, amountFen: 50_000_000 })]);
    // The award is in the winner's funding as its own source, and a funding plan can neither write nor drop it.
    const funding = async () => (await t.call('GET', `/api/v1/projects/${projects[2]!.id}/funding`, 'admin')).json();
    const before = await funding();
    expect(before.bySource.find((b: { source: string }) => b.source === 'exemplary_award').plannedFen).toBe(50_000_000);
    const forged = await t.call('PUT', `/api/v1/projects/${projects[2]!.id}/funding`, 'admin', {
      lines: [{ source: 'exemplary_award', amountFen: 1 }],
    });
    expect(forged.statusCode).toBe(422);
    expect(forged.json().errors[0].path).toBe('body.lines.0.source');
    const kept = await t.call('PUT', `/api/v1/projects/${projects[2]!.id}/funding`, 'admin', { lines: [] });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().bySource.find((b: { source: string }) => b.source === 'exemplary_award').plannedFen).toBe(50_000_000);
  });

  it('has the demo 2021 selection: three districts, eight jurors of four kinds, and no score across a conflict', async () => {
    const list = (await t.call('GET', '/api/v1/evaluation/selections', 'evaluator')).json();
    const demo = list.items.find((s: { year: number }) => s.year === 2021);
    const detail = (await t.call('GET', `/api/v1/evaluation/selections/${demo.id}`, 'evaluator')).json();
    expect(new Set(detail.nominations.map((n: { districtCode: string }) => n.districtCode)).size).toBe(3);
    expect(detail.jurors).toHaveLength(8);
    const { rows } = await t.ctx.database.pool.query(`
      select count(*)::int as n from exemplary_scores s
      join exemplary_jurors j on j.id = s.juror_id join exemplary_nominations n on n.id = s.nomination_id
      where j.district_code = n.district_code`);
    expect(rows[0].n).toBe(0);
    const ranking = (await t.call('GET', `/api/v1/evaluation/selections/${demo.id}/ranking`, 'evaluator')).json();
    expect(ranking.items.every((r: { overall: { count: number } }) => r.overall.count > 0)).toBe(true);
  });
});
