// Plan versions: a draft is edited in place; submitting freezes it for the
// residents' vote; an approved version is frozen for good. Editing after
// submission starts the next draft.
import { and, desc, eq } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { conflict, notFound, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { fromHundredths, hundredths, toNumber } from '../../platform/money.ts';
import { currentCatalogueVersion, futureScenarios, listIndicators, priceListAt, sixHaves, type Indicator } from '../catalogue/index.ts';
import { yuan } from '../../platform/i18n/format.ts';
import { defineGate, surveyedNeeds } from './gates.ts';
import { planStatusWords, projectMessages as m } from './messages.ts';
import { basicNeedsLeftOut, costPlan, resolvePlanLines, type PlanLineInput } from './plan.ts';
import { projectRow } from './projects.service.ts';
import { planItems, planVersions } from './schema.ts';

// Catalogue versions never change once published, so each is read once per database.
const catalogues = new WeakMap<Db, Map<string, Map<string, Indicator>>>();

async function catalogueMap(db: Db, version: string): Promise<Map<string, Indicator>> {
  let byVersion = catalogues.get(db);
  if (!byVersion) catalogues.set(db, (byVersion = new Map()));
  let map = byVersion.get(version);
  if (!map) {
    map = new Map((await listIndicators(db, version)).items.map((i) => [i.code, i]));
    byVersion.set(version, map);
  }
  return map;
}

async function latestVersion(db: Db | Tx, projectId: string) {
  const [row] = await db
    .select()
    .from(planVersions)
    .where(eq(planVersions.projectId, projectId))
    .orderBy(desc(planVersions.version))
    .limit(1);
  return row;
}

async function shapePlan(ctx: AppContext, version: typeof planVersions.$inferSelect) {
  const catalogue = await catalogueMap(ctx.db, version.catalogueVersion);
  const rows = await ctx.db.select().from(planItems).where(eq(planItems.planVersionId, version.id));
  const costed = costPlan(
    rows.map((r) => ({ indicatorCode: r.indicatorCode, quantityHundredths: hundredths(r.quantity), unitPriceFen: r.unitPriceFen })),
    catalogue,
    sixHaves,
    futureScenarios,
  );
  const versions = await ctx.db
    .select()
    .from(planVersions)
    .where(eq(planVersions.projectId, version.projectId))
    .orderBy(desc(planVersions.version));
  const needs = await surveyedNeeds(ctx, version.projectId);
  return {
    version: version.version,
    status: version.status,
    catalogueVersion: version.catalogueVersion,
    items: costed.items
      .sort((a, b) => a.indicatorCode.localeCompare(b.indicatorCode))
      .map((i) => {
        const ind = catalogue.get(i.indicatorCode)!;
        return {
          indicatorCode: i.indicatorCode,
          name: ind.name,
          unit: ind.unit,
          category: ind.category,
          level1: i.level1,
          level2: i.level2,
          quantity: fromHundredths(i.quantityHundredths),
          unitPriceFen: toNumber(i.unitPriceFen),
          amountFen: toNumber(i.amountFen),
        };
      }),
    totals: {
      totalFen: toNumber(costed.totalFen),
      byLevel1: costed.byLevel1.map((l) => ({ ...l, amountFen: toNumber(l.amountFen) })),
      byLevel2: costed.byLevel2.map((l) => ({ ...l, amountFen: toNumber(l.amountFen) })),
    },
    coverage: costed.coverage,
    basicNeedsLeftOut: basicNeedsLeftOut(
      needs,
      rows.map((r) => r.indicatorCode),
      catalogue,
    ).map((i) => ({ indicatorCode: i.code, name: i.name, nameEn: i.nameEn })),
    versions: versions.map((v) => ({
      version: v.version,
      status: v.status,
      totalFen: toNumber(v.totalFen),
      createdAt: v.createdAt.toISOString(),
    })),
  };
}

export async function getPlan(ctx: AppContext, user: AuthUser, projectId: string, version?: number) {
  await projectRow(ctx, user, projectId);
  const [row] = version
    ? await ctx.db
        .select()
        .from(planVersions)
        .where(and(eq(planVersions.projectId, projectId), eq(planVersions.version, version)))
        .limit(1)
    : [await latestVersion(ctx.db, projectId)];
  if (!row) throw notFound(version ? m.msg('plan.entity_version', { version }) : m.msg('plan.entity'));
  return shapePlan(ctx, row);
}

export async function savePlan(ctx: AppContext, user: AuthUser, actor: Actor | undefined, projectId: string, input: PlanLineInput[]) {
  const project = await projectRow(ctx, user, projectId);
  const latest = await latestVersion(ctx.db, projectId);
  const catalogueVersion = latest?.status === 'draft' ? latest.catalogueVersion : await currentCatalogueVersion(ctx.db);
  // Prices default from the list in force when the project's year begins.
  const { priceList, prices } = await priceListAt(ctx.db, `${project.year}-01-01`);
  const catalogue = await catalogueMap(ctx.db, catalogueVersion);
  const { lines, errors } = resolvePlanLines(input, catalogue, prices);
  if (errors.length) throw unprocessable(m.msg('plan.lines_invalid'), errors);
  const costed = costPlan(lines, catalogue, sixHaves, futureScenarios);
  const saved = await ctx.db.transaction(async (tx) => {
    let version = latest;
    if (version?.status === 'draft') {
      await tx.delete(planItems).where(eq(planItems.planVersionId, version.id));
      [version] = await tx
        .update(planVersions)
        .set({ totalFen: costed.totalFen, priceListId: priceList?.id ?? null })
        .where(eq(planVersions.id, version.id))
        .returning();
    } else {
      [version] = await tx
        .insert(planVersions)
        .values({
          id: uuidv7(),
          projectId,
          version: (latest?.version ?? 0) + 1,
          catalogueVersion,
          priceListId: priceList?.id ?? null,
          totalFen: costed.totalFen,
          createdBy: user.id,
        })
        .returning();
    }
    if (costed.items.length) {
      await tx.insert(planItems).values(
        costed.items.map((i) => ({
          planVersionId: version!.id,
          indicatorCode: i.indicatorCode,
          quantity: fromHundredths(i.quantityHundredths),
          unitPriceFen: i.unitPriceFen,
          amountFen: i.amountFen,
        })),
      );
    }
    await audit(tx, actor, 'plan.save', 'project', projectId, { version: version!.version, items: costed.items.length });
    return version!;
  });
  return shapePlan(ctx, saved);
}

async function moveStatus(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  projectId: string,
  from: 'draft' | 'submitted',
  to: 'submitted' | 'approved',
) {
  await projectRow(ctx, user, projectId);
  const latest = await latestVersion(ctx.db, projectId);
  if (!latest) throw notFound(m.msg('plan.entity'));
  if (latest.status !== from)
    throw conflict(
      m.msg('plan.status_mismatch', { version: latest.version, status: planStatusWords(latest.status), expected: planStatusWords(from) }),
    );
  if (to === 'submitted' && latest.totalFen === 0n) throw conflict(m.msg('plan.empty_submission'));
  const stamp = to === 'submitted' ? { submittedAt: new Date() } : { approvedAt: new Date() };
  const [row] = await ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(planVersions)
      .set({ status: to, ...stamp })
      .where(and(eq(planVersions.id, latest.id), eq(planVersions.status, from)))
      .returning();
    await audit(tx, actor, `plan.${to}`, 'project', projectId, { version: latest.version });
    return updated;
  });
  if (!row) throw conflict(m.msg('plan.changed_meanwhile'));
  return shapePlan(ctx, row);
}

export const submitPlan = (ctx: AppContext, user: AuthUser, actor: Actor | undefined, projectId: string) =>
  moveStatus(ctx, user, actor, projectId, 'draft', 'submitted');
export const approvePlan = (ctx: AppContext, user: AuthUser, actor: Actor | undefined, projectId: string) =>
  moveStatus(ctx, user, actor, projectId, 'submitted', 'approved');

/** The plan version a stage gate or another module looks at: the latest, with its status and total. */
export async function currentPlan(ctx: AppContext, projectId: string) {
  const latest = await latestVersion(ctx.db, projectId);
  return latest ? { id: latest.id, version: latest.version, status: latest.status, totalFen: latest.totalFen } : null;
}

export const planDraftedGate = defineGate({
  stage: 'designed',
  code: 'plan_drafted',
  async check(ctx, project) {
    const plan = await currentPlan(ctx, project.id);
    return {
      satisfied: !!plan && plan.totalFen > 0n,
      message: plan ? m.msg('gate.plan_drafted.met', { version: plan.version, cost: yuan(plan.totalFen) }) : m.msg('gate.plan.none'),
      satisfy: m.msg('gate.plan_drafted.satisfy'),
    };
  },
});

export const planApprovedGate = defineGate({
  stage: 'plan_approved',
  code: 'plan_approved',
  async check(ctx, project) {
    const plan = await currentPlan(ctx, project.id);
    return {
      satisfied: plan?.status === 'approved',
      message: plan
        ? m.msg('gate.plan_approved.status', { version: plan.version, status: planStatusWords(plan.status) })
        : m.msg('gate.plan.none'),
      satisfy: m.msg('gate.plan_approved.satisfy'),
    };
  },
});

/** The version numbers of a project's plans (other modules link records to them). */
export async function planVersionNumbers(ctx: AppContext, projectId: string): Promise<number[]> {
  const rows = await ctx.db.select({ version: planVersions.version }).from(planVersions).where(eq(planVersions.projectId, projectId));
  return rows.map((r) => r.version);
}
