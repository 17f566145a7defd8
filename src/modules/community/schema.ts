// Community services on the residents' app (issue 14, items 4 and 8): the community canteen (menus by date and
// meal, bookings with the subsidised price), notices targeted by compound, building or group with read receipts,
// the lobby information screen's token, and community commerce (shops, offers, opening hours).
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const meals = ['breakfast', 'lunch', 'dinner'] as const;
export type Meal = (typeof meals)[number];
export const bookingModes = ['pickup', 'delivery'] as const;
export type BookingMode = (typeof bookingModes)[number];
export const bookingStatuses = ['booked', 'cancelled'] as const;
export const noticeGroups = ['owners', 'tenants', 'elders'] as const;
export type NoticeGroup = (typeof noticeGroups)[number];
export const shopCategories = ['grocery', 'restaurant', 'pharmacy', 'barber', 'laundry', 'repair', 'housekeeping', 'other'] as const;
export type ShopCategory = (typeof shopCategories)[number];

/** A dish on a menu; its id is short and stable within the menu (bookings name it). */
export interface Dish {
  id: string;
  name: string;
  priceFen: number;
}

/** A canteen serves its community, or one compound of it when `compoundId` is set. */
export const canteens = pgTable(
  'community_canteens',
  {
    id: uuid('id').primaryKey(),
    communityCode: text('community_code').notNull(),
    compoundId: uuid('compound_id'),
    name: text('name').notNull(),
    address: text('address').notNull(),
    phone: text('phone'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('community_canteens_community_idx').on(t.communityCode)],
);

export const menus = pgTable(
  'community_menus',
  {
    id: uuid('id').primaryKey(),
    canteenId: uuid('canteen_id')
      .notNull()
      .references(() => canteens.id, { onDelete: 'cascade' }),
    date: date('date').notNull(),
    meal: text('meal', { enum: meals }).notNull(),
    /** How many bookings the kitchen takes for this meal. */
    capacity: integer('capacity').notNull(),
    dishes: jsonb('dishes').$type<Dish[]>().notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('community_menus_uq').on(t.canteenId, t.date, t.meal)],
);

export interface BookedItem {
  dishId: string;
  name: string;
  priceFen: number;
  qty: number;
}

export const bookings = pgTable(
  'community_bookings',
  {
    id: uuid('id').primaryKey(),
    canteenId: uuid('canteen_id').notNull(),
    menuId: uuid('menu_id')
      .notNull()
      .references(() => menus.id, { onDelete: 'cascade' }),
    date: date('date').notNull(),
    meal: text('meal', { enum: meals }).notNull(),
    residentId: uuid('resident_id').notNull(),
    accountId: uuid('account_id').notNull(),
    householdId: uuid('household_id').notNull(),
    compoundId: uuid('compound_id').notNull(),
    mode: text('mode', { enum: bookingModes }).notNull(),
    items: jsonb('items').$type<BookedItem[]>().notNull(),
    totalFen: integer('total_fen').notNull(),
    subsidyFen: integer('subsidy_fen').notNull(),
    payFen: integer('pay_fen').notNull(),
    /** The version of community.meal_subsidy that priced it, and why (age band, living alone). */
    subsidyRuleVersion: text('subsidy_rule_version').notNull(),
    subsidyReasons: jsonb('subsidy_reasons').$type<string[]>().notNull(),
    status: text('status', { enum: bookingStatuses }).notNull().default('booked'),
    createdAt: ts('created_at').notNull().defaultNow(),
    cancelledAt: ts('cancelled_at'),
  },
  (t) => [
    // One booking per resident and meal: a second one is a change, not another portion.
    uniqueIndex('community_bookings_one_uq')
      .on(t.menuId, t.residentId)
      .where(sql`${t.status} = 'booked'`),
    index('community_bookings_day_idx').on(t.canteenId, t.date),
    index('community_bookings_resident_idx').on(t.residentId, t.date),
  ],
);

/**
 * What community workers know of a diner for the subsidy and for notices to elders: the registry keeps no birth
 * date (only an encrypted ID number), so the worker records it here after seeing the resident's papers.
 */
export const diners = pgTable('community_diners', {
  residentId: uuid('resident_id').primaryKey(),
  birthDate: date('birth_date'),
  livesAlone: boolean('lives_alone').notNull().default(false),
  updatedBy: uuid('updated_by').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const notices = pgTable(
  'community_notices',
  {
    id: uuid('id').primaryKey(),
    compoundId: uuid('compound_id').notNull(),
    communityCode: text('community_code').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Empty: every building of the compound. */
    buildingIds: uuid('building_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Empty: everyone; else residents in any of these groups. */
    groups: text('groups')
      .array()
      .$type<NoticeGroup[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    publishedBy: uuid('published_by').notNull(),
    publisherRole: text('publisher_role').notNull(),
    publishedAt: ts('published_at').notNull().defaultNow(),
    expiresAt: ts('expires_at'),
    withdrawnAt: ts('withdrawn_at'),
  },
  (t) => [index('community_notices_compound_idx').on(t.compoundId, t.publishedAt)],
);

export const noticeReads = pgTable(
  'community_notice_reads',
  {
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    residentId: uuid('resident_id').notNull(),
    accountId: uuid('account_id').notNull(),
    householdId: uuid('household_id').notNull(),
    readAt: ts('read_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.residentId] })],
);

/** The lobby screen of a compound: only the token's SHA-256 is kept; rotating it retires the old URL. */
export const screens = pgTable('community_screens', {
  compoundId: uuid('compound_id').primaryKey(),
  tokenHash: text('token_hash').notNull(),
  rotatedAt: ts('rotated_at').notNull().defaultNow(),
  rotatedBy: uuid('rotated_by'),
});

/** Opening hours: spans by ISO weekday (1 Monday … 7 Sunday), "HH:MM"; a close at or before the open runs past midnight. */
export interface OpeningSpan {
  days: number[];
  open: string;
  close: string;
}

export const shops = pgTable(
  'community_shops',
  {
    id: uuid('id').primaryKey(),
    communityCode: text('community_code').notNull(),
    name: text('name').notNull(),
    category: text('category', { enum: shopCategories }).notNull(),
    address: text('address').notNull(),
    phone: text('phone'),
    latitude: text('latitude').notNull(),
    longitude: text('longitude').notNull(),
    hours: jsonb('hours').$type<OpeningSpan[]>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('community_shops_community_idx').on(t.communityCode)],
);

export const offers = pgTable(
  'community_offers',
  {
    id: uuid('id').primaryKey(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    priceFen: integer('price_fen'),
    validFrom: date('valid_from').notNull(),
    validUntil: date('valid_until').notNull(),
  },
  (t) => [index('community_offers_shop_idx').on(t.shopId, t.validUntil)],
);
