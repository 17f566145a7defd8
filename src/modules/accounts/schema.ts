import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const roles = [
  'city_admin',
  'district_officer',
  'subdistrict_officer',
  'community_worker',
  'department_liaison',
  'contractor',
  'evaluator',
  'property_manager',
  'service_provider',
  'public_security',
  'resident',
  'grid_worker',
] as const;
export type Role = (typeof roles)[number];

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: roles }).notNull(),
  // A division code (city, district, subdistrict or community), or compound ids.
  scopeDivision: text('scope_division'),
  scopeCompoundIds: uuid('scope_compound_ids')
    .array()
    .notNull()
    .default(sql`'{}'::uuid[]`),
  department: text('department'),
  residentId: uuid('resident_id'),
  locale: text('locale', { enum: ['zh-CN', 'en'] })
    .notNull()
    .default('zh-CN'),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

// One-time sign-in codes for residents (the mobile web). Only keyed hashes are
// stored: of the phone, to find the latest code, and of the code itself.
export const loginCodes = pgTable(
  'login_codes',
  {
    id: uuid('id').primaryKey(),
    phoneHash: text('phone_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [index('login_codes_phone_idx').on(t.phoneHash, t.createdAt)],
);
