import { and, asc, desc, eq, lte } from 'drizzle-orm';
import { cityPack, readCityJson } from '../../platform/city.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { conflict, notFound, unprocessable } from '../../platform/http/problem.ts';
import { catalogueMessages as cm } from './messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { catalogueVersions, indicators, priceLists, prices } from './schema.ts';
import { validateCatalogue } from './validate.ts';

export interface Indicator {
  code: string;
  level: number;
  parent: string | null;
  name: string;
  nameEn: string;
  category: 'basic' | 'improvement' | 'enhancement' | null;
  unit: string | null;
  futureScenario: string | null;
  sixHaves: string | null;
}

/** The six haves (六有): a first-level area serves one, and a few governance items serve 有和谐关系 themselves. */
export const sixHaves = ['有完善设施', '有整洁环境', '有配套服务', '有长效管理', '有特色文化', '有和谐关系'] as const;
export const futureScenarios = [
  'neighbourhood',
  'education',
  'health',
  'entrepreneurship',
  'building',
  'transport',
  'low_carbon',
  'service',
  'governance',
] as const;

interface ShippedCatalogue {
  name: string;
  version: string;
  indicators: {
    code: string;
    level: number;
    parent?: string;
    name: string;
    name_en: string;
    category?: string;
    unit?: string;
    future_scenario?: string;
    six_haves?: string;
  }[];
}

/** Loads the shipped catalogue as a version; an existing version is left as published. */
export async function loadShippedCatalogue(tx: Tx): Promise<string> {
  const file = readCityJson<ShippedCatalogue>('indicators.json');
  const inserted = await tx.insert(catalogueVersions).values({ version: file.version, name: file.name }).onConflictDoNothing().returning();
  if (inserted.length) {
    await tx.insert(indicators).values(
      file.indicators.map((i) => ({
        version: file.version,
        code: i.code,
        level: i.level,
        parent: i.parent ?? null,
        name: i.name,
        nameEn: i.name_en,
        category: (i.category as Indicator['category']) ?? null,
        unit: i.unit ?? null,
        futureScenario: i.future_scenario ?? null,
        sixHaves: i.six_haves ?? null,
      })),
    );
    const [current] = await tx.select().from(catalogueVersions).where(eq(catalogueVersions.current, true)).limit(1);
    if (!current) await tx.update(catalogueVersions).set({ current: true }).where(eq(catalogueVersions.version, file.version));
  }
  return file.version;
}

/** Illustrative demo prices: the city pack's unit price per unit of measure, varied per indicator. */
export async function seedDemoPrices(tx: Tx, catalogueVersion: string, effectiveFrom: string): Promise<void> {
  const { baseFen: base, source } = cityPack().demo.prices;
  const rows = await tx
    .select()
    .from(indicators)
    .where(and(eq(indicators.version, catalogueVersion), eq(indicators.level, 3)));
  const [list] = await tx
    .insert(priceLists)
    .values({
      id: uuidv7(),
      version: `demo-${effectiveFrom.slice(0, 4)}`,
      effectiveFrom,
      source,
    })
    .onConflictDoNothing()
    .returning();
  if (!list) return;
  await tx.insert(prices).values(
    rows.map((r, i) => ({
      priceListId: list.id,
      indicatorCode: r.code,
      unitPriceFen: BigInt(Math.round((base[r.unit ?? 'item'] ?? 10_000_00) * (0.6 + ((i * 37) % 80) / 100))),
    })),
  );
}

export async function currentCatalogueVersion(db: Db | Tx): Promise<string> {
  const [row] = await db.select().from(catalogueVersions).where(eq(catalogueVersions.current, true)).limit(1);
  if (!row) throw notFound(cm.msg('catalogue.none_current'));
  return row.version;
}

export async function listVersions(db: Db) {
  return db.select().from(catalogueVersions).orderBy(desc(catalogueVersions.publishedAt));
}

export async function listIndicators(db: Db | Tx, version?: string): Promise<{ version: string; items: Indicator[] }> {
  const v = version ?? (await currentCatalogueVersion(db));
  const items = await db.select().from(indicators).where(eq(indicators.version, v)).orderBy(asc(indicators.code));
  if (!items.length) throw notFound(cm.msg('catalogue.entity', { version: v }));
  return { version: v, items: items.map(({ version: _v, ...rest }) => rest) };
}

/** The price list in force on a day, with its prices by indicator code. */
export async function priceListAt(db: Db | Tx, day: string) {
  const [list] = await db
    .select()
    .from(priceLists)
    .where(lte(priceLists.effectiveFrom, day))
    .orderBy(desc(priceLists.effectiveFrom))
    .limit(1);
  if (!list) return { priceList: null, prices: new Map<string, bigint>() };
  const rows = await db.select().from(prices).where(eq(prices.priceListId, list.id));
  return { priceList: list, prices: new Map(rows.map((r) => [r.indicatorCode, r.unitPriceFen])) };
}

/** A new catalogue version; plans made under older versions keep theirs. */
export async function publishCatalogue(tx: Tx, input: { version: string; name: string; indicators: Indicator[]; makeCurrent: boolean }) {
  const errors = validateCatalogue(input.indicators);
  if (errors.length) throw unprocessable(cm.msg('catalogue.invalid'), errors);
  const inserted = await tx
    .insert(catalogueVersions)
    .values({ version: input.version, name: input.name })
    .onConflictDoNothing()
    .returning();
  if (!inserted.length)
    throw conflict(cm.msg('catalogue.version_published', { version: input.version }), {
      errors: [{ path: 'body.version', message: cm.msg('field.already_published') }],
    });
  await tx.insert(indicators).values(input.indicators.map((i) => ({ ...i, version: input.version })));
  if (input.makeCurrent) {
    await tx.update(catalogueVersions).set({ current: false }).where(eq(catalogueVersions.current, true));
    await tx.update(catalogueVersions).set({ current: true }).where(eq(catalogueVersions.version, input.version));
  }
  return { version: input.version, indicators: input.indicators.length };
}

/** A new price list, in force from its date; plans priced under an earlier list keep their prices. */
export async function publishPriceList(
  tx: Tx,
  input: { version: string; effectiveFrom: string; source: string; items: { indicatorCode: string; unitPriceFen: number }[] },
) {
  const leaves = new Set((await listIndicators(tx)).items.filter((i) => i.level === 3).map((i) => i.code));
  const seen = new Set<string>();
  const errors = input.items.flatMap((p, n) => {
    const e = [];
    if (!leaves.has(p.indicatorCode)) e.push({ path: `body.items.${n}.indicatorCode`, message: cm.msg('field.not_current_indicator') });
    if (seen.has(p.indicatorCode)) e.push({ path: `body.items.${n}.indicatorCode`, message: cm.msg('field.repeats_line') });
    seen.add(p.indicatorCode);
    return e;
  });
  if (errors.length) throw unprocessable(cm.msg('price_list.invalid'), errors);
  const [list] = await tx
    .insert(priceLists)
    .values({ id: uuidv7(), version: input.version, effectiveFrom: input.effectiveFrom, source: input.source })
    .onConflictDoNothing()
    .returning();
  if (!list)
    throw conflict(cm.msg('price_list.version_published', { version: input.version }), {
      errors: [{ path: 'body.version', message: cm.msg('field.already_published') }],
    });
  await tx
    .insert(prices)
    .values(input.items.map((p) => ({ priceListId: list.id, indicatorCode: p.indicatorCode, unitPriceFen: BigInt(p.unitPriceFen) })));
  return { id: list.id, version: list.version, effectiveFrom: list.effectiveFrom, items: input.items.length };
}
