// Demo governance: a register of property companies in every district, and for
// each project already handed over, the governance its gate asks for (party
// organisation, owners' committee, a company, the mode adopted by a passed
// ballot, and the two rules documents), so the demo agrees with the gates.
import type { Tx } from '../../platform/db/client.ts';
import { cityPack } from '../../platform/city.ts';
import { fileStore } from '../../platform/files.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { seedPassedBallot } from '../participation/index.ts';
import { stages, type SeededProject } from '../projects/index.ts';
import { creditCheckChar } from './rules.ts';
import { governanceDocuments, projectGovernance, propertyCompanies } from './schema.ts';

const companyNames = () => cityPack().demo.names.propertyCompanies;

/** A small valid PDF naming what it stands for; the file store keys it by its hash, so each kind is stored once. */
const demoPdf = (title: string) =>
  Buffer.from(`%PDF-1.4\n% ${title}（演示）\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

export async function seedGovernance(tx: Tx, dataDir: string, projects: SeededProject[]): Promise<void> {
  const districts = [...new Set(projects.map((p) => p.districtCode))].sort();
  const companies = districts.flatMap((districtCode, d) =>
    companyNames()
      .slice(0, 2)
      .map((name, i) => {
        const first17 = `91${districtCode}${String(d * 10 + i).padStart(9, '0')}`;
        return {
          id: uuidv7(),
          name: `${name}（${districtCode}）`,
          creditCode: first17 + creditCheckChar(first17),
          districtCode,
          qualification: '物业服务',
        };
      }),
  );
  if (companies.length) await tx.insert(propertyCompanies).values(companies).onConflictDoNothing();
  const handedOver = projects.filter((p) => p.stage === stages[stages.length - 1]);
  if (!handedOver.length) return;
  const store = fileStore(dataDir);
  const rules = await store.store(demoPdf('管理规约'));
  const meeting = await store.store(demoPdf('业主大会议事规则'));
  for (const [i, p] of handedOver.entries()) {
    const company = companies.find((c) => c.districtCode === p.districtCode)!;
    const mode = i % 5 === 4 ? 'self_management' : 'professional_property';
    const closedAt = new Date(Date.UTC(p.year, 10, 20));
    const ballotId = await seedPassedBallot(tx, { projectId: p.id, year: p.year, kind: 'management_mode', proposal: mode, closedAt });
    await tx.insert(projectGovernance).values({
      projectId: p.id,
      partyOrganisation: '小区党支部',
      partyServiceStation: '小区党群服务站',
      ownersCommittee: { name: '业主委员会', electedOn: `${p.year}-11-10`, members: 7 },
      propertyCompanyId: mode === 'self_management' ? null : company.id,
      managementMode: mode,
      managementModeBallotId: ballotId,
      managementModeAdoptedOn: closedAt.toISOString().slice(0, 10),
    });
    await tx.insert(governanceDocuments).values([
      {
        id: uuidv7(),
        projectId: p.id,
        kind: 'management_rules',
        filename: '管理规约.pdf',
        contentType: 'application/pdf',
        sizeBytes: rules.size,
        sha256: rules.sha256,
      },
      {
        id: uuidv7(),
        projectId: p.id,
        kind: 'meeting_rules',
        filename: '议事规则.pdf',
        contentType: 'application/pdf',
        sizeBytes: meeting.size,
        sha256: meeting.sha256,
      },
    ]);
  }
}
