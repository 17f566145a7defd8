// The smart community's tables: devices and their credentials, each device's
// live status and rule state, the device events (partitioned by day of the
// event's own time, see the migration), and alarms with their history.
// Profiles and alarm rules are not tables: they are the versioned policy rule
// `smart.device_profiles` (reference/catalogue/device-profiles.json).
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const severities = ['critical', 'major', 'minor', 'warning'] as const;
export type Severity = (typeof severities)[number];
export const alarmStatuses = ['active', 'acknowledged', 'cleared'] as const;
export type AlarmStatus = (typeof alarmStatuses)[number];
/** The duty levels an alarm climbs while nobody acknowledges it (the rule `smart.alarm_sla` names them in order). */
export const dutyLevels = ['compound', 'community', 'subdistrict'] as const;
export type DutyLevel = (typeof dutyLevels)[number];

export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    compoundId: uuid('compound_id').notNull(),
    /** The compound's community, copied at registration: scope checks and division figures need no join into the registry. */
    communityCode: text('community_code').notNull(),
    buildingId: uuid('building_id'),
    /** A profile code of the rule `smart.device_profiles`. */
    profile: text('profile').notNull(),
    name: text('name').notNull(),
    location: text('location'),
    vendor: text('vendor'),
    model: text('model'),
    serial: text('serial'),
    /** A gateway that publishes for this device, if any. */
    gatewayId: uuid('gateway_id'),
    /** The MQTT username and HTTP key: public, unique. */
    key: text('key').notNull().unique(),
    /** SHA-256 of the secret (a 256-bit random string, so no slow hash is needed to resist guessing). */
    secretHash: text('secret_hash'),
    /** The same secret in Mosquitto's password-file form (PBKDF2-SHA512), so the broker's file can be written without the secret. */
    brokerHash: text('broker_hash'),
    credentialsIssuedAt: timestamp('credentials_issued_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('devices_compound_idx').on(t.compoundId, t.profile),
    index('devices_community_idx').on(t.communityCode),
    index('devices_gateway_idx').on(t.gatewayId),
    uniqueIndex('devices_serial_uq')
      .on(t.vendor, t.serial)
      .where(sql`${t.serial} is not null`),
  ],
);

/** What changes with every event: kept apart from `devices` so the hot row is small. */
export const deviceStatus = pgTable(
  'device_status',
  {
    deviceId: uuid('device_id').primaryKey(),
    status: text('status', { enum: ['online', 'offline', 'never'] })
      .notNull()
      .default('never'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    /** When silence becomes an offline alarm: last seen + heartbeat + grace. */
    offlineAt: timestamp('offline_at', { withTimezone: true }),
    /** Per-rule state the evaluator carries between events (hold start, recent times for repetition). */
    ruleState: jsonb('rule_state')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    rejected: bigint('rejected', { mode: 'number' }).notNull().default(0),
    lastRejectedAt: timestamp('last_rejected_at', { withTimezone: true }),
    lastRejectReason: text('last_reject_reason'),
  },
  (t) => [
    index('device_status_offline_idx')
      .on(t.offlineAt)
      .where(sql`${t.status} = 'online'`),
  ],
);

/**
 * Every accepted event, once: partitioned by range of `at` (one partition a day,
 * made ahead and dropped after the retention rule by the clock's work), so the
 * key must hold `at`. The migration declares the partitioning by hand.
 */
export const deviceEvents = pgTable(
  'device_events',
  {
    deviceId: uuid('device_id').notNull(),
    messageId: text('message_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    compoundId: uuid('compound_id').notNull(),
    type: text('type').notNull(),
    data: jsonb('data')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.messageId, t.at] }), index('device_events_compound_idx').on(t.compoundId, t.at)],
);

/** Refused messages, counted per claimed device key and reason (a key that is no device counts too). */
export const ingestRejections = pgTable(
  'ingest_rejections',
  {
    deviceKey: text('device_key').notNull(),
    reason: text('reason').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(0),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.deviceKey, t.reason] })],
);

export const alarms = pgTable(
  'alarms',
  {
    id: uuid('id').primaryKey(),
    deviceId: uuid('device_id').notNull(),
    compoundId: uuid('compound_id').notNull(),
    communityCode: text('community_code').notNull(),
    /** The cause (a rule's `cause`): one active alarm per device and cause. */
    type: text('type').notNull(),
    /** The rule that raised it, and the version of `smart.device_profiles` it came from. */
    rule: text('rule').notNull(),
    ruleVersion: text('rule_version').notNull(),
    severity: text('severity', { enum: severities }).notNull(),
    status: text('status', { enum: alarmStatuses }).notNull().default('active'),
    count: integer('count').notNull().default(1),
    firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
    /** Watch-list alerts: only public security in scope reads them. */
    restricted: text('restricted', { enum: ['no', 'keyperson'] })
      .notNull()
      .default('no'),
    /** Never a face image: the vendor's event reference and the triggering values. */
    detail: jsonb('detail')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    level: text('level', { enum: dutyLevels }).notNull().default('compound'),
    /** When the next escalation or reminder is due while unacknowledged; null once acknowledged or cleared. */
    escalateAt: timestamp('escalate_at', { withTimezone: true }),
    assigneeId: uuid('assignee_id'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by'),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
    clearedBy: uuid('cleared_by'),
    clearNote: text('clear_note'),
  },
  (t) => [
    // The database, not the code, keeps one open alarm per (device, cause): concurrent raisers merge into it.
    uniqueIndex('alarms_open_uq')
      .on(t.deviceId, t.type)
      .where(sql`${t.status} <> 'cleared'`),
    index('alarms_compound_idx').on(t.compoundId, t.status, t.firstAt),
    index('alarms_community_idx').on(t.communityCode, t.status, t.firstAt),
    index('alarms_escalate_idx')
      .on(t.escalateAt)
      .where(sql`${t.escalateAt} is not null`),
  ],
);

/** `handed_over`: handed to grid governance as a grid event (handover.ts). */
export const alarmStepActions = [
  'raised',
  'repeated',
  'acknowledged',
  'assigned',
  'escalated',
  'reminded',
  'cleared',
  'notified',
  'handed_over',
] as const;

export const alarmSteps = pgTable(
  'alarm_steps',
  {
    id: uuid('id').primaryKey(),
    alarmId: uuid('alarm_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    action: text('action', { enum: alarmStepActions }).notNull(),
    actorId: uuid('actor_id'),
    level: text('level', { enum: dutyLevels }),
    note: text('note'),
  },
  (t) => [index('alarm_steps_alarm_idx').on(t.alarmId, t.at)],
);
