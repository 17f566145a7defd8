// Home care services (R22): providers (companies and individuals) with the compounds they serve, their offerings by
// kind, time slots with capacity and qualifications with expiry; older residents' care profiles (personal data,
// sealed like the registry's residents) and the family members who may order for them; orders with their offers
// (automatic or by hand), check-in and check-out, ratings and complaints.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const providerKinds = ['company', 'individual'] as const;
export type ProviderKind = (typeof providerKinds)[number];
export const genders = ['female', 'male'] as const;
export type Gender = (typeof genders)[number];
export const orderStatuses = ['requested', 'offered', 'accepted', 'in_service', 'completed', 'cancelled', 'unmatched', 'no_show'] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const offerAnswers = ['pending', 'accepted', 'declined', 'expired', 'withdrawn'] as const;
export type OfferAnswer = (typeof offerAnswers)[number];
export const complaintStatuses = ['open', 'handling', 'resolved', 'closed'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];
export const orderedAs = ['self', 'family', 'worker'] as const;
export type OrderedAs = (typeof orderedAs)[number];

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const serviceProviders = pgTable(
  'service_providers',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: providerKinds }).notNull(),
    name: text('name').notNull(),
    /** An individual's gender (an elder may prefer a carer's); null for a company. */
    gender: text('gender', { enum: genders }),
    /** Dialects its people speak (codes of the catalogue's dialects). */
    dialects: text('dialects')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The community that registered it: staff of a division see the providers registered in it. */
    communityCode: text('community_code').notNull(),
    /** Its base: distance to an elder is measured from here. */
    lat: numeric('lat', { precision: 8, scale: 6 }).notNull(),
    lng: numeric('lng', { precision: 9, scale: 6 }).notNull(),
    ratingSum: integer('rating_sum').notNull().default(0),
    ratingCount: integer('rating_count').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('service_providers_community_idx').on(t.communityCode)],
);

/** The accounts (role service_provider) acting for a provider: each account for one provider. */
export const serviceProviderAccounts = pgTable(
  'service_provider_accounts',
  {
    accountId: uuid('account_id').primaryKey(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => serviceProviders.id, { onDelete: 'cascade' }),
  },
  (t) => [index('service_provider_accounts_provider_idx').on(t.providerId)],
);

/** The compounds a provider serves: its scope, and where matching looks for it. */
export const serviceProviderCompounds = pgTable(
  'service_provider_compounds',
  {
    compoundId: uuid('compound_id').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => serviceProviders.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.compoundId, t.providerId] }), index('service_provider_compounds_provider_idx').on(t.providerId)],
);

export const serviceQualifications = pgTable(
  'service_qualifications',
  {
    id: uuid('id').primaryKey(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => serviceProviders.id, { onDelete: 'cascade' }),
    /** A code of the catalogue's qualifications (health_certificate, caregiver_certificate…). */
    code: text('code').notNull(),
    /** The certificate's number as written on it. */
    ref: text('ref'),
    validUntil: date('valid_until').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('service_qualifications_provider_idx').on(t.providerId, t.code)],
);

export const serviceOfferings = pgTable(
  'service_offerings',
  {
    id: uuid('id').primaryKey(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => serviceProviders.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    priceFen: integer('price_fen').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('service_offerings_provider_kind_idx')
      .on(t.providerId, t.kind)
      .where(sql`${t.active}`),
    check('service_offerings_price_ck', sql`${t.priceFen} >= 0`),
  ],
);

/** A window in which a provider gives an offering to as many elders as its capacity. */
export const serviceSlots = pgTable(
  'service_slots',
  {
    id: uuid('id').primaryKey(),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => serviceOfferings.id, { onDelete: 'cascade' }),
    providerId: uuid('provider_id').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
  },
  (t) => [
    index('service_slots_offering_idx').on(t.offeringId, t.startsAt),
    check('service_slots_capacity_ck', sql`${t.capacity} > 0 and ${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`),
    check('service_slots_window_ck', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * An older resident's care profile, kept by community workers. Name, phone, birth date and notes are personal data:
 * sealed (AES-256-GCM) with masked copies for lists; the full read takes `personal.read` and is audited.
 */
export const careProfiles = pgTable(
  'care_profiles',
  {
    id: uuid('id').primaryKey(),
    /** The registry's resident, when the elder is one (then their own account may order for them). */
    residentId: uuid('resident_id'),
    compoundId: uuid('compound_id').notNull(),
    householdId: uuid('household_id'),
    communityCode: text('community_code').notNull(),
    /** The compound's point, copied when kept: matching measures distance without asking the registry. */
    lat: numeric('lat', { precision: 8, scale: 6 }),
    lng: numeric('lng', { precision: 9, scale: 6 }),
    nameEnc: text('name_enc').notNull(),
    nameMasked: text('name_masked').notNull(),
    phoneEnc: text('phone_enc'),
    phoneMasked: text('phone_masked'),
    birthDateEnc: text('birth_date_enc').notNull(),
    /** Only the year in clear: lists show an age band, never the birthday. */
    birthYear: smallint('birth_year').notNull(),
    gender: text('gender', { enum: genders }).notNull(),
    livingAlone: boolean('living_alone').notNull().default(false),
    careLevel: text('care_level').notNull(),
    needs: text('needs')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Preferences: the carer's gender, the dialect they speak. */
    carerGender: text('carer_gender', { enum: genders }),
    dialect: text('dialect'),
    notesEnc: text('notes_enc'),
    fake: boolean('fake').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('care_profiles_resident_uq')
      .on(t.residentId)
      .where(sql`${t.residentId} is not null`),
    index('care_profiles_community_idx').on(t.communityCode, t.id),
    index('care_profiles_compound_idx').on(t.compoundId),
    index('care_profiles_household_idx').on(t.householdId),
  ],
);

/** A family member (a resident, e.g. a daughter) who may order for the elder and follow their orders. */
export const careFamilyLinks = pgTable(
  'care_family_links',
  {
    profileId: uuid('profile_id')
      .notNull()
      .references(() => careProfiles.id, { onDelete: 'cascade' }),
    residentId: uuid('resident_id').notNull(),
    relation: text('relation').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.residentId] }), index('care_family_links_resident_idx').on(t.residentId)],
);

export const serviceOrderSeq = pgSequence('service_order_seq', { startWith: 1 });

export const serviceOrders = pgTable(
  'service_orders',
  {
    id: uuid('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' })
      .notNull()
      .default(sql`nextval('service_order_seq')`),
    kind: text('kind').notNull(),
    profileId: uuid('profile_id')
      .notNull()
      .references(() => careProfiles.id),
    compoundId: uuid('compound_id').notNull(),
    householdId: uuid('household_id'),
    communityCode: text('community_code').notNull(),
    orderedBy: uuid('ordered_by'),
    orderedAs: text('ordered_as', { enum: orderedAs }).notNull(),
    dispatchMode: text('dispatch_mode', { enum: ['auto', 'manual'] }).notNull(),
    status: text('status', { enum: orderStatuses }).notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    note: text('note'),
    providerId: uuid('provider_id'),
    offeringId: uuid('offering_id'),
    slotId: uuid('slot_id'),
    priceFen: integer('price_fen'),
    subsidyFen: integer('subsidy_fen'),
    /** The subsidy rule's version that gave `subsidyFen`, and the age band it fell in. */
    subsidyRule: jsonb('subsidy_rule').$type<{ key: string; version: string; minAge: number | null } | null>(),
    createdAt: ts('created_at').notNull(),
    offeredAt: ts('offered_at'),
    acceptedAt: ts('accepted_at'),
    checkInAt: ts('check_in_at'),
    checkInLat: numeric('check_in_lat', { precision: 8, scale: 6 }),
    checkInLng: numeric('check_in_lng', { precision: 9, scale: 6 }),
    checkOutAt: ts('check_out_at'),
    checkOutLat: numeric('check_out_lat', { precision: 8, scale: 6 }),
    checkOutLng: numeric('check_out_lng', { precision: 9, scale: 6 }),
    serviceNote: text('service_note'),
    /** When it ended as cancelled, unmatched or a no-show. */
    closedAt: ts('closed_at'),
  },
  (t) => [
    uniqueIndex('service_orders_seq_uq').on(t.seq),
    index('service_orders_community_idx').on(t.communityCode, t.createdAt),
    index('service_orders_compound_idx').on(t.compoundId, t.createdAt),
    index('service_orders_provider_idx').on(t.providerId, t.startsAt),
    index('service_orders_profile_idx').on(t.profileId, t.createdAt),
    index('service_orders_household_idx').on(t.householdId, t.createdAt),
    index('service_orders_no_show_idx')
      .on(t.endsAt)
      .where(sql`${t.status} = 'accepted'`),
  ],
);

/** Each offer of an order to a provider, in rank order: the best first, the next on a decline or a timeout. */
export const serviceOffers = pgTable(
  'service_offers',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => serviceOrders.id, { onDelete: 'cascade' }),
    providerId: uuid('provider_id').notNull(),
    offeringId: uuid('offering_id').notNull(),
    slotId: uuid('slot_id').notNull(),
    rank: integer('rank').notNull(),
    score: integer('score').notNull(),
    byHand: boolean('by_hand').notNull().default(false),
    offeredAt: ts('offered_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    answer: text('answer', { enum: offerAnswers }).notNull().default('pending'),
    answeredAt: ts('answered_at'),
    reason: text('reason'),
  },
  (t) => [
    index('service_offers_order_idx').on(t.orderId, t.offeredAt),
    index('service_offers_provider_idx').on(t.providerId, t.answer),
    uniqueIndex('service_offers_one_pending_uq')
      .on(t.orderId)
      .where(sql`${t.answer} = 'pending'`),
  ],
);

export const serviceRatings = pgTable(
  'service_ratings',
  {
    orderId: uuid('order_id')
      .primaryKey()
      .references(() => serviceOrders.id, { onDelete: 'cascade' }),
    providerId: uuid('provider_id').notNull(),
    stars: smallint('stars').notNull(),
    comment: text('comment'),
    byAccountId: uuid('by_account_id'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [check('service_ratings_stars_ck', sql`${t.stars} between 1 and 5`)],
);

export interface ComplaintStep {
  at: string;
  by: string | null;
  role: string;
  status: ComplaintStatus;
  note: string | null;
}

export const serviceComplaints = pgTable(
  'service_complaints',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => serviceOrders.id, { onDelete: 'cascade' }),
    providerId: uuid('provider_id'),
    communityCode: text('community_code').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: complaintStatuses }).notNull().default('open'),
    filedBy: uuid('filed_by'),
    filedAt: ts('filed_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    steps: jsonb('steps').$type<ComplaintStep[]>().notNull().default([]),
  },
  (t) => [index('service_complaints_order_idx').on(t.orderId), index('service_complaints_community_idx').on(t.communityCode, t.status)],
);
