// Demo evaluation: two institutions, a performance evaluation of 拱墅区 and a risk
// assessment of one of its projects, each with a finding; and the 2021 selection
// of exemplary cases with nominations from three districts, eight jurors (two of
// each kind) and the scores of the jurors who may score each case.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { cityPack } from '../../platform/city.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { SeededProject } from '../projects/index.ts';
import { registry } from '../registry/index.ts';
import { creditCheckChar, defaultSheet, isConflictOfInterest } from './rules.ts';
import {
  assessmentEntries,
  evaluationEngagements,
  evaluationFindings,
  evaluationInstitutions,
  exemplaryJurors,
  exemplaryNominations,
  exemplaryScores,
  exemplarySelections,
  sampleSurveyHouseholds,
  sampleSurveys,
  type JurorKind,
} from './schema.ts';
import { seedMembers } from './members.service.ts';
import { drawIn, frameOf } from './sample-surveys.service.ts';

const code = (n: number) => {
  const first17 = `52${cityPack().code}${String(n).padStart(9, '0')}`;
  return first17 + creditCheckChar(first17);
};

export async function seedEvaluation(tx: Tx, projects: SeededProject[]): Promise<void> {
  const agency = { id: uuidv7(), name: '浙江城市更新评估中心（演示）', creditCode: code(1801), kind: 'evaluation_agency' as const };
  const university = { id: uuidv7(), name: '浙江大学城乡规划评估团队（演示）', creditCode: null, kind: 'university' as const };
  // Seeding again finds the demo agency and leaves everything as it is.
  const [seeded] = await tx
    .select({ id: evaluationInstitutions.id })
    .from(evaluationInstitutions)
    .where(eq(evaluationInstitutions.creditCode, agency.creditCode));
  if (seeded) return seedMembers(tx, seeded.id, ['evaluator']);
  await tx.insert(evaluationInstitutions).values([agency, university]);
  await seedMembers(tx, agency.id, ['evaluator']);

  const { district, subdistrict, names } = cityPack().demo;
  const gongshu = projects.find((p) => p.districtCode === district.code && p.year <= 2021);
  const performance = {
    id: uuidv7(),
    institutionId: agency.id,
    kind: 'performance_evaluation' as const,
    title: names.shops.evaluationTitle!,
    subjectKind: 'division' as const,
    subjectProjectId: null,
    subjectDivision: district.code,
    periodFrom: '2021-01-01',
    periodTo: '2021-12-31',
    status: 'ongoing' as const,
  };
  const engagements: (typeof evaluationEngagements.$inferInsert)[] = [performance];
  const findings: (typeof evaluationFindings.$inferInsert)[] = [
    {
      id: uuidv7(),
      engagementId: performance.id,
      text: '部分小区改造后长效管理机制尚未建立，物业覆盖率偏低。',
      severity: 'medium' as const,
      responsibleDivision: subdistrict.code,
      dueOn: '2022-03-31',
    },
  ];
  if (gongshu) {
    const risk = {
      id: uuidv7(),
      institutionId: university.id,
      kind: 'risk_assessment' as const,
      title: '加装电梯与管线改造重大决策社会稳定风险评估',
      subjectKind: 'project' as const,
      subjectProjectId: gongshu.id,
      subjectDivision: gongshu.districtCode,
      periodFrom: `${gongshu.year}-03-01`,
      periodTo: `${gongshu.year}-04-30`,
      status: 'planned' as const,
    };
    engagements.push(risk);
    findings.push({
      id: uuidv7(),
      engagementId: risk.id,
      text: '低层住户对加装电梯意见分歧较大，需完善协商与补偿方案。',
      severity: 'high' as const,
      responsibleDivision: district.code,
      dueOn: `${gongshu.year}-06-30`,
    });
  }
  await tx.insert(evaluationEngagements).values(engagements);
  await tx.insert(evaluationFindings).values(findings);

  // The 2021 selection: one nomination from each of three districts (their earliest projects of 2021 or before).
  const candidates = [...projects].filter((p) => p.year <= 2021).sort((a, b) => a.year - b.year || (a.id < b.id ? -1 : 1));
  const nominees: SeededProject[] = [];
  for (const p of candidates) if (nominees.length < 3 && !nominees.some((n) => n.districtCode === p.districtCode)) nominees.push(p);
  if (nominees.length < 3) return;
  const selectionId = uuidv7();
  await tx
    .insert(exemplarySelections)
    .values({ id: selectionId, year: 2021, title: '2021 年度老旧小区改造示范案例评选', sheet: defaultSheet });
  const nominations = nominees.map((p, i) => ({
    id: uuidv7(),
    selectionId,
    year: 2021,
    projectId: p.id,
    projectName: p.name,
    districtCode: p.districtCode,
    nominatedAt: new Date(Date.UTC(2021, 10, 1 + i)),
  }));
  await tx.insert(exemplaryNominations).values(nominations);
  const districts = nominees.map((p) => p.districtCode);
  const juror = (name: string, kind: JurorKind, districtCode: string | null) => ({ id: uuidv7(), selectionId, name, kind, districtCode });
  const jurors = [
    juror('王建国（城市更新专家）', 'expert', null),
    juror('李敏（规划专家）', 'expert', districts[0]!),
    juror('陈立（人大代表）', 'npc_deputy', districts[1]!),
    juror('周红（人大代表）', 'npc_deputy', districts[2]!),
    juror('赵文（政协委员）', 'cppcc_member', districts[0]!),
    juror('孙悦（政协委员）', 'cppcc_member', districts[2]!),
    juror('吴阿姨（居民代表）', 'resident_representative', districts[1]!),
    juror('郑师傅（居民代表）', 'resident_representative', districts[0]!),
  ];
  await tx.insert(exemplaryJurors).values(jurors);
  // Fixed demo points: each juror who may score a case (not from its district) scores the whole sheet.
  const scores = nominations.flatMap((n, ni) =>
    jurors
      .filter((j) => !isConflictOfInterest(j.districtCode, n.districtCode))
      .flatMap((j, ji) =>
        defaultSheet.map((item, ii) => ({
          nominationId: n.id,
          jurorId: j.id,
          itemCode: item.code,
          points: item.maxPoints - ((ni * 3 + ji * 2 + ii) % 7),
        })),
      ),
  );
  await tx.insert(exemplaryScores).values(scores);
  await seedAssessmentEntries(tx);
  await seedSampleSurveys(tx, agency.id);
}

/**
 * The agency's sample surveys: the 2021 satisfaction survey drawn with a recorded
 * seed and answered (fixed answers by draw order: most satisfied, some not, some
 * refusing or unreachable), closed; and the 2022 support survey just drawn,
 * waiting for the agency's answers.
 */
async function seedSampleSurveys(tx: Tx, agencyId: string): Promise<void> {
  const by = { cityCode: cityPack().code, userId: null, username: 'evaluator' };
  // About half the frame, at most 300: the demo city's frames are small.
  const size = async (year: number, kind: 'support' | 'satisfaction') =>
    Math.min(300, Math.ceil((await frameOf(tx, by.cityCode, year, kind)).households.length / 2));
  const done = await drawIn(tx, by, undefined, {
    kind: 'satisfaction',
    year: 2021,
    title: '2021年度老旧小区改造居民满意度第三方抽样调查',
    totalSize: await size(2021, 'satisfaction'),
    seed: '20211215',
    institutionId: agencyId,
  });
  await tx
    .update(sampleSurveyHouseholds)
    .set({
      answer: sql`case when draw_order % 12 = 0 then 'unreachable' when draw_order % 12 = 5 then 'refused'
        when draw_order % 9 = 4 then 'no' else 'yes' end`,
      enteredByUsername: by.username,
      enteredAt: new Date('2021-12-20T02:00:00Z'),
    })
    .where(eq(sampleSurveyHouseholds.surveyId, done.id));
  await tx
    .update(sampleSurveys)
    .set({ status: 'closed', closedAt: new Date('2021-12-31T02:00:00Z') })
    .where(eq(sampleSurveys.id, done.id));
  await drawIn(tx, by, undefined, {
    kind: 'support',
    year: 2022,
    title: '2022年度老旧小区改造居民意愿第三方抽样调查',
    totalSize: await size(2022, 'support'),
    seed: '20220301',
    institutionId: agencyId,
  });
}

/**
 * The assessor's 2021 entries for the demo city: every district's indicators the
 * records cannot give (A2.3 safety, A4.2 timely disbursement, A5.1 policy, A5.2
 * publicity) with their evidence, and a few bonus points, so the year's
 * assessment is complete and ready to publish.
 */
async function seedAssessmentEntries(tx: Tx): Promise<void> {
  const [cityCode, year] = [cityPack().code, 2021];
  const entered = [
    { code: 'A2.3', weight: 6, evidence: '2021年度建设工程安全文明施工检查记录' },
    { code: 'A4.2', weight: 6, evidence: '2021年度改造资金拨付台账（财政国库支付记录）' },
    { code: 'A5.1', weight: 6, evidence: '区老旧小区改造实施办法及配套制度文件' },
    { code: 'A5.2', weight: 6, evidence: '2021年度信息报送及媒体宣传统计' },
  ];
  const districts = await registry.childDivisions(tx, cityCode);
  const base = { cityCode, year, enteredBy: null, enteredByUsername: 'evaluator' };
  // Fixed demo scores: between 70 % and 100 % of the weight, varying by district and indicator.
  const rows: (typeof assessmentEntries.$inferInsert)[] = districts.flatMap((d, di) =>
    entered.map((e, ei) => ({
      ...base,
      districtCode: d.code,
      code: e.code,
      pointsHundredths: e.weight * 100 - ((di * 37 + ei * 53) % 181),
      evidence: e.evidence,
    })),
  );
  const bonus = cityPack().demo.assessmentBonuses;
  for (const b of bonus.filter((x) => districts.some((d) => d.code === x.district)))
    rows.push({ ...base, districtCode: b.district, code: b.ground, pointsHundredths: b.points, evidence: b.reason });
  await tx.insert(assessmentEntries).values(rows).onConflictDoNothing();
}
