// Tripartite governance of a renovated compound, and the register of property
// companies. The handed_over gate asks governanceGaps() of the stored facts;
// the management mode is only ever taken from a passed management_mode ballot.
import { and, asc, eq, gt, ilike, or, type SQL } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import type { UploadedFile } from '../../platform/http/uploads.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/problem.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { fileStore, keepUpload } from '../../platform/files.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { z } from 'zod';
import { ballotOutcome } from '../participation/index.ts';
import { defineGate, requireProject } from '../projects/index.ts';
import { within } from '../registry/index.ts';
import { governanceGaps, validCreditCode } from './rules.ts';
import { governanceMessages as gm } from './messages.ts';
import { list } from '../../platform/i18n/format.ts';
import type { Message } from '../../platform/i18n/messages.ts';
import {
  governanceDocuments,
  managementModes,
  projectGovernance,
  propertyCompanies,
  type ManagementMode,
  type OwnersCommittee,
} from './schema.ts';

type Company = typeof propertyCompanies.$inferSelect;
const companyView = (c: Company) => ({
  id: c.id,
  name: c.name,
  creditCode: c.creditCode,
  districtCode: c.districtCode,
  qualification: c.qualification,
  status: c.status,
  registeredAt: c.registeredAt.toISOString(),
});

export interface CompanyQuery {
  q?: string;
  district?: string;
  status?: 'active' | 'suspended';
  limit: number;
  cursor?: string;
}

export async function listCompanies(ctx: AppContext, query: CompanyQuery) {
  const after = decodeCursor(query.cursor, z.tuple([z.string(), z.string()]));
  const where: (SQL | undefined)[] = [
    query.q
      ? or(
          ilike(propertyCompanies.name, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
          eq(propertyCompanies.creditCode, query.q.toUpperCase()),
        )
      : undefined,
    query.district ? eq(propertyCompanies.districtCode, query.district) : undefined,
    query.status ? eq(propertyCompanies.status, query.status) : undefined,
    after
      ? or(gt(propertyCompanies.name, after[0]), and(eq(propertyCompanies.name, after[0]), gt(propertyCompanies.id, after[1])))
      : undefined,
  ];
  const rows = await ctx.db
    .select()
    .from(propertyCompanies)
    .where(and(...where))
    .orderBy(asc(propertyCompanies.name), asc(propertyCompanies.id))
    .limit(query.limit + 1);
  const result = page(rows, query.limit, (c) => [c.name, c.id]);
  return { items: result.items.map(companyView), nextCursor: result.nextCursor };
}

function mayRegisterIn(user: AuthUser, districtCode: string) {
  const scope = user.scope.division;
  if (!scope || !(scope === districtCode || within(districtCode, scope)))
    throw forbidden(gm.msg('governance.scope_district', { district: districtCode }));
}

export interface NewCompany {
  name: string;
  creditCode: string;
  districtCode: string;
  qualification?: string | null;
}

export async function registerCompany(ctx: AppContext, user: AuthUser, actor: Actor | undefined, input: NewCompany) {
  const creditCode = input.creditCode.toUpperCase();
  if (!validCreditCode(creditCode))
    throw unprocessable(gm.msg('company.credit_code_invalid'), [{ path: 'body.creditCode', message: gm.msg('field.credit_code') }]);
  mayRegisterIn(user, input.districtCode);
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: propertyCompanies.id })
      .from(propertyCompanies)
      .where(eq(propertyCompanies.creditCode, creditCode));
    if (taken) throw conflict(gm.msg('company.credit_code_taken'), { companyId: taken.id });
    const [row] = await tx
      .insert(propertyCompanies)
      .values({ id: uuidv7(), ...input, creditCode, qualification: input.qualification ?? null, registeredBy: user.id })
      .returning();
    await audit(tx, actor, 'property_company.register', 'property_company', row!.id, { districtCode: input.districtCode });
    return companyView(row!);
  });
}

export async function setCompanyStatus(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  id: string,
  status: 'active' | 'suspended',
) {
  const [found] = await ctx.db.select().from(propertyCompanies).where(eq(propertyCompanies.id, id));
  if (!found) throw notFound(gm.msg('company.entity', { id }));
  mayRegisterIn(user, found.districtCode);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(propertyCompanies).set({ status }).where(eq(propertyCompanies.id, id)).returning();
    await audit(tx, actor, `property_company.${status === 'active' ? 'reinstate' : 'suspend'}`, 'property_company', id);
    return companyView(row!);
  });
}

type DocumentRow = typeof governanceDocuments.$inferSelect;
const documentView = (d: DocumentRow) => ({
  id: d.id,
  kind: d.kind,
  filename: d.filename,
  contentType: d.contentType,
  sizeBytes: d.sizeBytes,
  sha256: d.sha256,
  uploadedAt: d.uploadedAt.toISOString(),
});

async function loadGovernance(db: Db, projectId: string) {
  const [[row], docs] = await Promise.all([
    db
      .select({ g: projectGovernance, company: propertyCompanies })
      .from(projectGovernance)
      .leftJoin(propertyCompanies, eq(propertyCompanies.id, projectGovernance.propertyCompanyId))
      .where(eq(projectGovernance.projectId, projectId)),
    db.select().from(governanceDocuments).where(eq(governanceDocuments.projectId, projectId)).orderBy(asc(governanceDocuments.uploadedAt)),
  ]);
  return { g: row?.g ?? null, company: row?.company ?? null, docs };
}

async function gapsOf(ctx: AppContext, loaded: Awaited<ReturnType<typeof loadGovernance>>) {
  const { g, company, docs } = loaded;
  const ballot = g?.managementModeBallotId ? await ballotOutcome(ctx, g.managementModeBallotId) : null;
  return governanceGaps({
    partyOrganisation: g?.partyOrganisation ?? null,
    partyServiceStation: g?.partyServiceStation ?? null,
    ownersCommittee: g?.ownersCommittee ?? null,
    propertyCompany: company,
    managementMode: g?.managementMode ?? null,
    modeBallotPassed: !!ballot?.passed && ballot.proposal === g?.managementMode,
    documentKinds: docs.map((d) => d.kind),
  });
}

export async function getGovernance(ctx: AppContext, user: AuthUser, projectId: string) {
  await requireProject(ctx, user, projectId);
  const loaded = await loadGovernance(ctx.db, projectId);
  const { g, company, docs } = loaded;
  return {
    projectId,
    partyOrganisation: g?.partyOrganisation ?? null,
    partyServiceStation: g?.partyServiceStation ?? null,
    ownersCommittee: g?.ownersCommittee ?? null,
    propertyCompany: company ? companyView(company) : null,
    managementMode: g?.managementMode ?? null,
    managementModeBallotId: g?.managementModeBallotId ?? null,
    managementModeAdoptedOn: g?.managementModeAdoptedOn ?? null,
    documents: docs.map(documentView),
    gaps: await gapsOf(ctx, loaded),
    updatedAt: g?.updatedAt.toISOString() ?? null,
  };
}

export interface GovernancePatch {
  partyOrganisation?: string | null;
  partyServiceStation?: string | null;
  ownersCommittee?: OwnersCommittee | null;
  propertyCompanyId?: string | null;
  managementModeBallotId?: string | null;
}

/** Changes the fields sent; the management mode follows the ballot named, which must have passed. */
export async function updateGovernance(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  projectId: string,
  patch: GovernancePatch,
) {
  await requireProject(ctx, user, projectId);
  const set: Partial<typeof projectGovernance.$inferInsert> = {};
  if (patch.partyOrganisation !== undefined) set.partyOrganisation = patch.partyOrganisation;
  if (patch.partyServiceStation !== undefined) set.partyServiceStation = patch.partyServiceStation;
  if (patch.ownersCommittee !== undefined) set.ownersCommittee = patch.ownersCommittee;
  if (patch.propertyCompanyId) {
    const [company] = await ctx.db.select().from(propertyCompanies).where(eq(propertyCompanies.id, patch.propertyCompanyId));
    if (!company)
      throw unprocessable(gm.msg('company.not_registered'), [{ path: 'body.propertyCompanyId', message: gm.msg('field.not_in_register') }]);
    if (company.status !== 'active')
      throw unprocessable(gm.msg('company.suspended', { name: company.name }), [
        { path: 'body.propertyCompanyId', message: gm.msg('field.suspended') },
      ]);
  }
  if (patch.propertyCompanyId !== undefined) set.propertyCompanyId = patch.propertyCompanyId;
  if (patch.managementModeBallotId) {
    const ballot = await ballotOutcome(ctx, patch.managementModeBallotId);
    const field = [{ path: 'body.managementModeBallotId', message: '' }];
    const refuse = (message: Message, detail: Message) => unprocessable(detail, [{ ...field[0]!, message }]);
    if (!ballot || ballot.projectId !== projectId)
      throw refuse(gm.msg('field.ballot_not_of_project'), gm.msg('governance.ballot_not_of_project'));
    if (ballot.kind !== 'management_mode') throw refuse(gm.msg('field.not_mode_ballot'), gm.msg('governance.ballot_not_mode'));
    if (!ballot.passed) throw refuse(gm.msg('field.not_passed'), gm.msg('governance.ballot_not_passed'));
    if (!managementModes.includes(ballot.proposal as ManagementMode))
      throw refuse(
        gm.msg('field.mode_unknown', { proposal: ballot.proposal ?? '', modes: [...managementModes] }),
        gm.msg('governance.mode_unknown'),
      );
    set.managementMode = ballot.proposal as ManagementMode;
    set.managementModeBallotId = ballot.id;
    set.managementModeAdoptedOn = ballot.closedAt!.toISOString().slice(0, 10);
  } else if (patch.managementModeBallotId === null) {
    set.managementMode = null;
    set.managementModeBallotId = null;
    set.managementModeAdoptedOn = null;
  }
  await ctx.db.transaction(async (tx) => {
    const values = { ...set, updatedBy: user.id, updatedAt: new Date() };
    await tx
      .insert(projectGovernance)
      .values({ projectId, ...values })
      .onConflictDoUpdate({ target: projectGovernance.projectId, set: values });
    await audit(tx, actor, 'governance.update', 'project', projectId, { fields: Object.keys(set) });
  });
  return getGovernance(ctx, user, projectId);
}

export async function uploadGovernanceDocument(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  projectId: string,
  input: UploadedFile & { kind: DocumentRow['kind'] },
) {
  await requireProject(ctx, user, projectId);
  const kept = await keepUpload(ctx.env.dataDir, input, ctx.env.MAX_UPLOAD_MB * 2 ** 20);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(governanceDocuments)
      .values({
        id: uuidv7(),
        projectId,
        kind: input.kind,
        ...kept,
        uploadedBy: user.id,
      })
      .returning();
    await audit(tx, actor, 'governance.document', 'project', projectId, { documentId: row!.id, kind: input.kind, size: kept.sizeBytes });
    return documentView(row!);
  });
}

export async function governanceDocumentContent(
  ctx: AppContext,
  user: AuthUser,
  id: string,
): Promise<{ doc: ReturnType<typeof documentView>; body: Readable }> {
  const [row] = await ctx.db.select().from(governanceDocuments).where(eq(governanceDocuments.id, id));
  if (!row) throw notFound(gm.msg('document.entity', { id }));
  await requireProject(ctx, user, row.projectId).catch(() => {
    throw notFound(gm.msg('document.entity', { id }));
  });
  return { doc: documentView(row), body: await fileStore(ctx.env.dataDir).read(row.sha256) };
}

/** The projects among these whose governance after renovation is in place: the fact the `tripartite_governance` gate checks. */
export async function projectsWithGovernance(ctx: AppContext, projectIds: string[]): Promise<Set<string>> {
  const inPlace = new Set<string>();
  for (const id of projectIds) if ((await gapsOf(ctx, await loadGovernance(ctx.db, id))).length === 0) inPlace.add(id);
  return inPlace;
}

export const tripartiteGovernanceGate = defineGate({
  stage: 'handed_over',
  code: 'tripartite_governance',
  async check(ctx, project) {
    const gaps = await gapsOf(ctx, await loadGovernance(ctx.db, project.id));
    return {
      satisfied: gaps.length === 0,
      message: gaps.length ? gm.msg('gate.tripartite_governance.lacks', { count: gaps.length }) : gm.msg('gate.tripartite_governance.met'),
      satisfy: gaps.length
        ? gm.msg('gate.tripartite_governance.record', {
            gaps: list(
              gaps.map((g) => gm.msg(`gap.${g}` as 'gap.party_organisation')),
              true,
            ),
          })
        : gm.msg('gate.tripartite_governance.nothing'),
    };
  },
});
