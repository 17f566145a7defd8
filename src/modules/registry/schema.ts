// Tables the registry owns. Large tables carry compound_id so that a province
// can later distribute them on it (Citus); divisions form the R1 hierarchy.
import { sql } from 'drizzle-orm';
import { bigint, foreignKey, index, integer, numeric, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const divisionLevels = ['province', 'city', 'district', 'subdistrict', 'community'] as const;
export type DivisionLevel = (typeof divisionLevels)[number];

export const divisions = pgTable(
  'divisions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: divisionLevels }).notNull(),
    parent: text('parent'),
  },
  (t) => [index('divisions_parent_idx').on(t.parent, t.code)],
);

export const propertyModes = ['professional', 'self_managed', 'community_hosted', 'none'] as const;

export const compounds = pgTable(
  'compounds',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    communityCode: text('community_code').notNull(),
    subdistrictCode: text('subdistrict_code').notNull(),
    districtCode: text('district_code').notNull(),
    cityCode: text('city_code').notNull(),
    address: text('address').notNull(),
    longitude: numeric('longitude', { precision: 9, scale: 6 }),
    latitude: numeric('latitude', { precision: 8, scale: 6 }),
    yearBuilt: integer('year_built').notNull(),
    floorAreaM2: numeric('floor_area_m2', { precision: 12, scale: 2 }).notNull(),
    buildingsCount: integer('buildings_count').notNull().default(0),
    householdsCount: integer('households_count').notNull().default(0),
    propertyMode: text('property_mode', { enum: propertyModes }).notNull().default('none'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('compounds_natural_uq').on(t.communityCode, t.name),
    index('compounds_subdistrict_name_idx').on(t.subdistrictCode, t.name, t.id),
    index('compounds_district_name_idx').on(t.districtCode, t.name, t.id),
    index('compounds_city_name_idx').on(t.cityCode, t.name, t.id),
    index('compounds_community_name_idx').on(t.communityCode, t.name, t.id),
  ],
);

// Each level points at its parent together with the compound id, so a unit
// cannot sit in another compound than its building, nor a household than its
// unit; the keys stay distributable on compound_id (DESIGN.md §1), and a
// household costs one foreign-key check, not two.
export const buildings = pgTable(
  'buildings',
  {
    id: uuid('id').primaryKey(),
    compoundId: uuid('compound_id')
      .notNull()
      .references(() => compounds.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('buildings_natural_uq').on(t.compoundId, t.name), unique('buildings_compound_id_uq').on(t.compoundId, t.id)],
);

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey(),
    compoundId: uuid('compound_id').notNull(),
    buildingId: uuid('building_id').notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    uniqueIndex('units_natural_uq').on(t.buildingId, t.name),
    unique('units_compound_id_uq').on(t.compoundId, t.id),
    foreignKey({
      name: 'units_building_fk',
      columns: [t.compoundId, t.buildingId],
      foreignColumns: [buildings.compoundId, buildings.id],
    }).onDelete('cascade'),
  ],
);

export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey(),
    compoundId: uuid('compound_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    room: text('room').notNull(),
    floorAreaM2: numeric('floor_area_m2', { precision: 10, scale: 2 }).notNull(),
    deedRef: text('deed_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('households_natural_uq').on(t.unitId, t.room),
    index('households_compound_idx').on(t.compoundId, t.id),
    foreignKey({ name: 'households_unit_fk', columns: [t.compoundId, t.unitId], foreignColumns: [units.compoundId, units.id] }).onDelete(
      'cascade',
    ),
  ],
);

// Personal data is stored encrypted (AES-256-GCM) with masked copies for lists;
// the ID number also as a keyed hash, so duplicates match without decryption.
export const residents = pgTable(
  'residents',
  {
    id: uuid('id').primaryKey(),
    nameEnc: text('name_enc').notNull(),
    nameMasked: text('name_masked').notNull(),
    phoneEnc: text('phone_enc'),
    phoneMasked: text('phone_masked'),
    // Keyed hash of the phone number: how a resident signing in by phone and one-time code is found.
    phoneHash: text('phone_hash'),
    idNumberEnc: text('id_number_enc'),
    idNumberMasked: text('id_number_masked'),
    idNumberHash: text('id_number_hash'),
    fake: integer('fake').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('residents_id_number_hash_uq')
      .on(t.idNumberHash)
      .where(sql`id_number_hash is not null`),
    index('residents_phone_hash_idx')
      .on(t.phoneHash)
      .where(sql`phone_hash is not null`),
  ],
);

export const bindingStatuses = ['pending', 'verified', 'rejected'] as const;

export const householdResidents = pgTable(
  'household_residents',
  {
    compoundId: uuid('compound_id').notNull(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id, { onDelete: 'cascade' }),
    relation: text('relation', { enum: ['owner', 'family', 'tenant'] })
      .notNull()
      .default('owner'),
    status: text('status', { enum: bindingStatuses }).notNull().default('pending'),
    // Who added the binding: a second person verifies it (policy rule residents.binding.second_verifier).
    boundBy: uuid('bound_by'),
    verifiedBy: uuid('verified_by'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('household_residents_uq').on(t.householdId, t.residentId),
    index('household_residents_resident_idx').on(t.residentId),
  ],
);

// One row, bumped by a statement trigger on every write to compounds (see the
// migration), so list caches in any process know when they are stale.
export const registryVersions = pgTable('registry_versions', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});
