// The indicator catalogue (R4) and the city's price list, both versioned: a
// plan records the catalogue version and price list it was made under.
import { bigint, boolean, date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const categories = ['basic', 'improvement', 'enhancement'] as const;

export const catalogueVersions = pgTable('catalogue_versions', {
  version: text('version').primaryKey(),
  name: text('name').notNull(),
  current: boolean('current').notNull().default(false),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
});

export const indicators = pgTable(
  'indicators',
  {
    version: text('version')
      .notNull()
      .references(() => catalogueVersions.version),
    code: text('code').notNull(),
    level: integer('level').notNull(),
    parent: text('parent'),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    category: text('category', { enum: categories }),
    unit: text('unit'),
    futureScenario: text('future_scenario'),
    sixHaves: text('six_haves'),
  },
  (t) => [primaryKey({ columns: [t.version, t.code] })],
);

export const priceLists = pgTable('price_lists', {
  id: uuid('id').primaryKey(),
  version: text('version').notNull().unique(),
  effectiveFrom: date('effective_from').notNull(),
  source: text('source').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
});

export const prices = pgTable(
  'prices',
  {
    priceListId: uuid('price_list_id')
      .notNull()
      .references(() => priceLists.id, { onDelete: 'cascade' }),
    indicatorCode: text('indicator_code').notNull(),
    unitPriceFen: bigint('unit_price_fen', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.priceListId, t.indicatorCode] })],
);
