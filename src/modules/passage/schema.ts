// Passage (R24: 居民通行、访客通行、车辆通行): each compound's Ed25519 key pair, the residents' short-lived access
// credentials, visitor passes, registered vehicles, and the versions of the lists pushed to gates and barriers.
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const visitorPassStatuses = ['pending', 'approved', 'refused', 'revoked', 'used'] as const;
export type VisitorPassStatus = (typeof visitorPassStatuses)[number];
export const entryModes = ['single', 'multiple'] as const;
export type EntryMode = (typeof entryModes)[number];
export const passRequesters = ['host', 'staff'] as const;
export const plateKinds = ['ordinary', 'new_energy'] as const;
export const pushedLists = ['revocations', 'plates'] as const;
export type PushedList = (typeof pushedLists)[number];

export const compoundAccessKeys = pgTable('compound_access_keys', {
  compoundId: uuid('compound_id').primaryKey(),
  /** The raw 32-byte Ed25519 public key, base64url: what gates are given. */
  publicKey: text('public_key').notNull(),
  /** The PKCS#8 private key, sealed with the personal-data key (AES-256-GCM), as the exchange keeps its secrets. */
  privateKeySealed: text('private_key_sealed').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A resident's QR credential: kept so it can be revoked by id until it expires. */
export const accessCredentials = pgTable(
  'access_credentials',
  {
    id: uuid('id').primaryKey(),
    compoundId: uuid('compound_id').notNull(),
    householdId: uuid('household_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('access_credentials_resident_idx').on(t.residentId, t.expiresAt),
    index('access_credentials_revoked_idx')
      .on(t.compoundId, t.expiresAt)
      .where(sql`${t.revokedAt} is not null`),
  ],
);

/** A visitor's pass: its id is the credential id in the visitor's QR code. */
export const visitorPasses = pgTable(
  'visitor_passes',
  {
    id: uuid('id').primaryKey(),
    compoundId: uuid('compound_id').notNull(),
    householdId: uuid('household_id').notNull(),
    /** The resident who invited or approved (null while a pass registered by staff awaits the host). */
    hostResidentId: uuid('host_resident_id'),
    requestedBy: text('requested_by', { enum: passRequesters }).notNull(),
    /** Who registered it (null: the demo seed). */
    createdBy: uuid('created_by'),
    /** The visitor's name, sealed (personal data), and its masked form for lists. */
    visitorNameSealed: text('visitor_name_sealed').notNull(),
    visitorNameMasked: text('visitor_name_masked').notNull(),
    plate: text('plate'),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    entry: text('entry', { enum: entryModes }).notNull(),
    status: text('status', { enum: visitorPassStatuses }).notNull(),
    entries: integer('entries').notNull().default(0),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('visitor_passes_household_idx').on(t.householdId, t.createdAt),
    index('visitor_passes_compound_idx').on(t.compoundId, t.validUntil),
  ],
);

export const vehicles = pgTable(
  'vehicles',
  {
    id: uuid('id').primaryKey(),
    compoundId: uuid('compound_id').notNull(),
    householdId: uuid('household_id').notNull(),
    plate: text('plate').notNull(),
    kind: text('kind', { enum: plateKinds }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('vehicles_plate_uq')
      .on(t.compoundId, t.plate)
      .where(sql`${t.removedAt} is null`),
    index('vehicles_household_idx').on(t.householdId),
  ],
);

/** Each list's version per compound: gates keep the highest they have seen (retained messages may arrive late). */
export const passageLists = pgTable(
  'passage_lists',
  {
    compoundId: uuid('compound_id').notNull(),
    list: text('list', { enum: pushedLists }).notNull(),
    version: integer('version').notNull(),
    entries: integer('entries').notNull(),
    devices: integer('devices').notNull().default(0),
    pushedAt: timestamp('pushed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.compoundId, t.list] })],
);

/**
 * Plates other modules let through the barriers for a window (parking's monthly passes): passage owns the plate list,
 * so a module that grants a plate passage asks passage's index.ts to record it here, in the grant's own transaction.
 */
export const plateAllowances = pgTable(
  'plate_allowances',
  {
    id: uuid('id').primaryKey(),
    compoundId: uuid('compound_id').notNull(),
    plate: text('plate').notNull(),
    /** What granted it (`parking_pass`) and that record's id: one allowance per grant. */
    source: text('source').notNull(),
    sourceId: uuid('source_id').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('plate_allowances_source_uq').on(t.source, t.sourceId),
    index('plate_allowances_compound_idx').on(t.compoundId, t.validUntil),
  ],
);
