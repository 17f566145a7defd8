import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { seedBaselineSurvey, seedPassedBallot } from '../participation/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, username: string, payload?: unknown, app = t) =>
  app.call(method, url, username, payload);

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really an image')]);

const upload = (
  projectId: string,
  fields: Record<string, string>,
  file: { name: string; data: Buffer; type?: string },
  username = 'hemu',
  app = t,
) => app.upload(`/api/v1/projects/${projectId}/documents`, username, fields, file);

/** A new project of hemu's, walked to plan_approved the way projects.test.ts does. */
async function projectAtPlanApproved(app = t, pick = 0) {
  const compounds = (await call('GET', '/api/v1/compounds?limit=20', 'hemu', undefined, app)).json().items as { id: string }[];
  const res = await call('POST', '/api/v1/projects', 'hemu', { name: '审批测试', year: 2022, compoundIds: [compounds[pick]!.id] }, app);
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const move = (to: string) => call('POST', `/api/v1/projects/${id}/transitions`, 'hemu', { to }, app);
  await seedBaselineSurvey(app.ctx.db, { projectId: id });
  expect((await move('surveyed')).statusCode).toBe(200);
  await seedPassedBallot(app.ctx.db, { projectId: id, year: 2022, kind: 'renovation_consent' });
  expect((await move('consented')).statusCode).toBe(200);
  await call('PUT', `/api/v1/projects/${id}/plan`, 'hemu', { items: [{ indicatorCode: '02.01.01', quantity: '10' }] }, app);
  expect((await move('designed')).statusCode).toBe(200);
  await call('POST', `/api/v1/projects/${id}/plan/submit`, 'hemu', undefined, app);
  await seedPassedBallot(app.ctx.db, { projectId: id, year: 2022, kind: 'plan_approval', planVersion: 1 });
  await call('POST', `/api/v1/projects/${id}/plan/approve`, 'hemu', undefined, app);
  expect((await move('plan_approved')).statusCode).toBe(200);
  return id;
}

const minutes = '一、同意项目建议书与可行性研究合并编制,简化项目建议书审批。二、初步设计以改造方案设计文本代替,附联合审查意见。';

describe('approvals: consultations, checklist, documents and gates', () => {
  let id: string;
  let consultationId: string;
  let bare: string;
  const move = (to: string) => call('POST', `/api/v1/projects/${id}/transitions`, 'hemu', { to });
  const setStep = (step: string, body: object) => call('POST', `/api/v1/projects/${id}/approvals/${step}`, 'hemu', body);

  it('keeps a project out of "consulted" until a consultation has minutes', async () => {
    id = await projectAtPlanApproved();
    const first = await move('consulted');
    expect(first.statusCode).toBe(409);
    expect(first.json().unmetGates).toEqual([
      expect.objectContaining({ code: 'consultation_minutes', satisfy: expect.stringMatching(/minutes/) }),
    ]);
    const noMinutes = await call('POST', `/api/v1/projects/${id}/consultations`, 'hemu', {
      date: '2022-03-01',
      leadDepartment: 'housing',
      departments: ['housing', 'planning'],
    });
    expect(noMinutes.statusCode, noMinutes.body).toBe(201);
    bare = noMinutes.json().id;
    expect((await move('consulted')).json().unmetGates.map((g: { code: string }) => g.code)).toEqual(['consultation_minutes']);
  });

  it('refuses decisions without minutes, a minute not quoted from them, and a lead who was not there', async () => {
    const bad = await call('POST', `/api/v1/projects/${id}/consultations`, 'hemu', {
      date: '2022-03-10',
      leadDepartment: 'housing',
      departments: ['planning'],
      decisions: [{ step: 'project_proposal', simplified: true, minute: '简化' }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.leadDepartment', 'body.minutes']);
    const misquoted = await call('POST', `/api/v1/projects/${id}/consultations`, 'hemu', {
      date: '2022-03-10',
      leadDepartment: 'housing',
      departments: ['housing'],
      minutes,
      decisions: [{ step: 'tender', simplified: true, minute: '取消招标' }],
    });
    expect(misquoted.json().errors).toEqual([
      { path: 'body.decisions.0.minute', code: 'consultation.not_a_quotation', message: expect.any(String) },
    ]);
  });

  it('records the meeting whose minutes simplify steps and change materials, and then lets the project in', async () => {
    const res = await call('POST', `/api/v1/projects/${id}/consultations`, 'hemu', {
      date: '2022-03-15',
      leadDepartment: 'housing',
      departments: ['housing', 'development_reform', 'finance', 'planning', 'power'],
      minutes,
      decisions: [
        { step: 'project_proposal', simplified: true, minute: '一、同意项目建议书与可行性研究合并编制,简化项目建议书审批。' },
        { step: 'preliminary_design', requiredMaterials: ['scheme_design', 'joint_review_opinion'] },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    consultationId = res.json().id;
    expect((await move('consulted')).statusCode).toBe(200);
    const view = (await call('GET', `/api/v1/projects/${id}/approvals`, 'hemu')).json();
    expect(view.steps.map((s: { code: string }) => s.code)).toEqual([
      'project_proposal',
      'feasibility',
      'preliminary_design',
      'construction_drawing_review',
      'construction_permit',
      'budget_review',
      'tender',
    ]);
    const design = view.steps.find((s: { code: string }) => s.code === 'preliminary_design');
    expect(design.requiredMaterials.map((m: { type: string }) => m.type)).toEqual(['scheme_design', 'joint_review_opinion']);
    expect(view.consultations).toHaveLength(2);
  });

  it('simplifies a step only with a minute that allows it', async () => {
    const without = await setStep('project_proposal', { status: 'simplified' });
    expect(without.statusCode).toBe(422);
    expect(without.json().errors[0].path).toBe('body.consultationId');
    const notAllowed = await setStep('feasibility', { status: 'simplified', consultationId });
    expect(notAllowed.statusCode).toBe(409);
    expect(notAllowed.json().detail).toMatch(/do not simplify feasibility/);
    expect((await setStep('project_proposal', { status: 'simplified', consultationId: bare })).statusCode).toBe(409);
    const ok = await setStep('project_proposal', { status: 'simplified', consultationId });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().steps[0]).toMatchObject({
      status: 'simplified',
      satisfied: true,
      simplifiedBy: { consultationId, minute: expect.stringMatching(/^一、/) },
    });
  });

  it('refuses "done" while a required material is missing', async () => {
    const none = await setStep('construction_drawing_review', { status: 'done' });
    expect(none.statusCode).toBe(409);
    expect(none.json().missingMaterials).toEqual(['construction_drawings', 'drawing_review_certificate']);
    const up = await upload(
      id,
      { step: 'construction_drawing_review', materialType: 'construction_drawings' },
      { name: '施工图.pdf', data: pdf('a') },
    );
    expect(up.statusCode, up.body).toBe(201);
    const one = await setStep('construction_drawing_review', { status: 'done' });
    expect(one.statusCode).toBe(409);
    expect(one.json().missingMaterials).toEqual(['drawing_review_certificate']);
    await upload(
      id,
      { step: 'construction_drawing_review', materialType: 'drawing_review_certificate' },
      { name: '合格书.pdf', data: pdf('b') },
    );
    const done = await setStep('construction_drawing_review', { status: 'done' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().steps[3]).toMatchObject({ status: 'done', satisfied: true });
  });

  it('checks uploads by their bytes and names the field', async () => {
    const fields = { step: 'tender', materialType: 'tender_documents' };
    const disguised = await upload(id, fields, { name: '招标文件.pdf', data: png });
    expect(disguised.statusCode).toBe(415);
    expect(disguised.headers['content-type']).toMatch(/problem\+json/);
    expect(disguised.json().errors).toEqual([
      { path: 'body.file', code: expect.stringMatching(/^file\./), message: expect.stringMatching(/png/) },
    ]);
    const text = await upload(id, fields, { name: 'notes.pdf', data: Buffer.from('just text') });
    expect(text.json().errors[0].path).toBe('body.file');
    const lying = await upload(id, fields, { name: 'a.pdf', data: pdf('x'), type: 'image/png' });
    expect(lying.statusCode).toBe(415);
    const wrongMaterial = await upload(id, { step: 'tender', materialType: 'proposal_text' }, { name: 'a.pdf', data: pdf('x') });
    expect(wrongMaterial.statusCode).toBe(422);
    expect(wrongMaterial.json().errors[0].path).toBe('body.materialType');
    const badStep = await upload(id, { step: 'demolition', materialType: 'tender_documents' }, { name: 'a.pdf', data: pdf('x') });
    expect(badStep.statusCode).toBe(400);
    expect(badStep.json().errors[0].path).toBe('body.step');
    const listed = (await call('GET', `/api/v1/projects/${id}/approvals`, 'hemu')).json().documents;
    expect(listed.filter((d: { step: string }) => d.step === 'tender')).toEqual([]);
  });

  it('gives back the same bytes within scope and 404 outside it', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('预算').addRow(['项目', '金额']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await upload(id, { step: 'budget_review', materialType: 'construction_budget' }, { name: '施工图预算.xlsx', data: xlsx });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ contentType: expect.stringMatching(/spreadsheetml/), size: xlsx.length });
    const docId = up.json().id;
    const back = await call('GET', `/api/v1/documents/${docId}/content`, 'gongshu');
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toMatch(/spreadsheetml/);
    expect(back.rawPayload.equals(xlsx)).toBe(true);
    expect(back.headers['content-disposition']).toContain(encodeURIComponent('施工图预算.xlsx'));
    // A district officer of another district sees no such document.
    const other = (await call('GET', '/api/v1/compounds?division=330106&limit=1', 'admin')).json().items[0];
    const theirs = await call('POST', '/api/v1/projects', 'admin', { name: '西湖项目', year: 2022, compoundIds: [other.id] });
    const theirDoc = await upload(
      theirs.json().id,
      { step: 'tender', materialType: 'tender_documents' },
      { name: 't.pdf', data: pdf('w') },
      'admin',
    );
    expect(theirDoc.statusCode, theirDoc.body).toBe(201);
    expect((await call('GET', `/api/v1/documents/${theirDoc.json().id}/content`, 'hemu')).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/documents/${theirDoc.json().id}/content`, 'admin')).rawPayload.equals(pdf('w'))).toBe(true);
    expect(
      (await upload(theirs.json().id, { step: 'tender', materialType: 'tender_documents' }, { name: 't.pdf', data: pdf('w') })).statusCode,
    ).toBe(404);
  });

  it('keeps the project out of "approved" until every step is done or simplified, then closes the checklist', async () => {
    const early = await move('approved');
    expect(early.statusCode).toBe(409);
    const gate = early.json().unmetGates.find((g: { code: string }) => g.code === 'approval_checklist');
    expect(gate.satisfy).toMatch(/feasibility: mark it done/);
    expect(gate.satisfy).toMatch(/preliminary_design: .*scheme_design, joint_review_opinion/);
    expect(gate.satisfy).not.toMatch(/project_proposal|construction_drawing_review/);
    const files: [string, string][] = [
      ['feasibility', 'feasibility_report'],
      ['feasibility', 'feasibility_approval'],
      ['preliminary_design', 'scheme_design'],
      ['preliminary_design', 'joint_review_opinion'],
      ['construction_permit', 'permit_application'],
      ['construction_permit', 'construction_permit'],
      ['budget_review', 'budget_review_report'],
      ['tender', 'tender_documents'],
      ['tender', 'tender_filing_receipt'],
    ];
    for (const [step, materialType] of files) {
      expect((await upload(id, { step, materialType }, { name: `${materialType}.pdf`, data: pdf(materialType) })).statusCode).toBe(201);
    }
    for (const step of ['feasibility', 'preliminary_design', 'construction_permit', 'budget_review']) {
      expect((await setStep(step, { status: 'done' })).statusCode).toBe(200);
    }
    expect((await move('approved')).json().unmetGates).toEqual([
      expect.objectContaining({
        code: 'approval_checklist',
        satisfy: 'tender: mark it done (materials: all present) or simplified citing a consultation minute',
      }),
    ]);
    expect((await setStep('tender', { status: 'done' })).statusCode).toBe(200);
    const approved = await move('approved');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().stage).toBe('approved');
    expect((await setStep('tender', { status: 'pending' })).statusCode).toBe(409);
  });
});

describe('upload size', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await testApp({ MAX_UPLOAD_MB: '1' });
  });
  afterAll(() => small.close());

  it('refuses a file over MAX_UPLOAD_MB, naming the field, and takes one at the limit', async () => {
    const compounds = (await call('GET', '/api/v1/compounds?limit=1', 'hemu', undefined, small)).json().items as { id: string }[];
    const p = (
      await call('POST', '/api/v1/projects', 'hemu', { name: '大小测试', year: 2022, compoundIds: [compounds[0]!.id] }, small)
    ).json();
    const fields = { step: 'tender', materialType: 'tender_documents' };
    const atLimit = Buffer.concat([pdf('big'), Buffer.alloc(2 ** 20 - pdf('big').length, 0x20)]);
    expect((await upload(p.id, fields, { name: 'ok.pdf', data: atLimit }, 'hemu', small)).statusCode).toBe(201);
    const over = await upload(p.id, fields, { name: 'big.pdf', data: Buffer.concat([atLimit, Buffer.from(' ')]) }, 'hemu', small);
    expect(over.statusCode).toBe(413);
    expect(over.headers['content-type']).toMatch(/problem\+json/);
    expect(over.json().errors).toEqual([
      { path: 'body.file', code: 'file.larger_than', message: expect.stringMatching(/larger than 1048576 bytes/) },
    ]);
  });
});
