// Registering devices, reading them (offline first), and their credentials: issued once, rotated, revoked.
// Every change of who may connect records `smart.credentials_changed` in its own transaction, so the broker's
// password file follows (broker-sync.ts).
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { pgArray } from '../../platform/db/sql.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, notFound, unprocessable, type FieldError } from '../../platform/http/problem.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { divisionPrefix, registry } from '../registry/index.ts';
import { z } from 'zod';
import { newCredentials } from './credentials.ts';
import { smartMessages as sm } from './messages.ts';
import { profilesAt, type ProfileSet } from './profiles.ts';
import { devices, deviceStatus } from './schema.ts';

export const CREDENTIALS_CHANGED = 'smart.credentials_changed';

export interface NewDevice {
  compoundId: string;
  profile: string;
  name: string;
  buildingId?: string | null;
  location?: string | null;
  vendor?: string | null;
  model?: string | null;
  serial?: string | null;
  gatewayId?: string | null;
}

type Who = AuthUser & Partial<Actor>;
const actor = (user: Who): Actor => ({ id: user.id, username: user.username, ip: user.ip });

/** The profiles as people read them: names in one language, event types and rule names. */
export async function listProfiles(ctx: AppContext, locale: Locale) {
  const set = await profilesAt(ctx.db);
  return {
    items: set.document.profiles.map((p) => ({
      code: p.code,
      name: p.name[locale],
      heartbeatSeconds: p.heartbeatSeconds,
      gateway: p.gateway ?? false,
      eventTypes: p.eventTypes.map((e) => ({ type: e.type, name: e.name[locale] })),
      rules: p.rules.map((r) => ({ code: r.code, name: r.name[locale], severity: r.severity })),
    })),
  };
}

const invalid = (errors: FieldError[]) => unprocessable(sm.msg('device.invalid'), errors);

/** Whether a Postgres error is the (vendor, serial) unique index refusing a repeat. */
export const isSerialClash = (err: unknown) => {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const c = e.cause ?? e;
  return c.code === '23505' && c.constraint === 'devices_serial_uq';
};

/** Checks a new device against the profiles, the user's scope, the compound's buildings and gateways. */
async function checkNewDevice(ctx: AppContext, user: AuthUser, input: NewDevice, profiles: ProfileSet) {
  const errors: FieldError[] = [];
  if (!profiles.byCode.has(input.profile)) errors.push({ path: 'body.profile', message: sm.msg('field.profile_unknown') });
  const compound = (await registry.compoundsByRef(ctx, user, [{ id: input.compoundId }])).get(`id\u0000${input.compoundId}`);
  if (!compound) throw invalid([...errors, { path: 'body.compoundId', message: sm.msg('field.compound_not_in_scope') }]);
  if (input.buildingId) {
    const buildings = await registry.buildingsOf(ctx, [compound.id]);
    if (!buildings.some((b) => b.id === input.buildingId))
      errors.push({ path: 'body.buildingId', message: sm.msg('field.building_not_in_compound') });
  }
  if (input.gatewayId) {
    const [gw] = await ctx.db
      .select({ profile: devices.profile })
      .from(devices)
      .where(and(eq(devices.id, input.gatewayId), eq(devices.compoundId, compound.id), isNull(devices.revokedAt)));
    if (!gw || !profiles.byCode.get(gw.profile)?.gateway) errors.push({ path: 'body.gatewayId', message: sm.msg('field.gateway_invalid') });
  }
  if (input.serial) {
    const [taken] = await ctx.db
      .select({ id: devices.id })
      .from(devices)
      .where(and(eq(devices.serial, input.serial), sql`${devices.vendor} is not distinct from ${input.vendor ?? null}`));
    if (taken) throw serialTaken(input.vendor ?? null, input.serial);
  }
  if (errors.length) throw invalid(errors);
  return compound;
}

const serialTaken = (vendor: string | null, serial: string) =>
  conflict(sm.msg('device.serial_taken', { vendor: vendor ?? sm.msg('vendor.none'), serial }), {
    errors: [{ path: 'body.serial', message: sm.msg('field.serial_taken') }],
  });

/** Inserts checked devices in the caller's transaction; with `credentials` false they get a key but no secret yet. */
export async function insertDevices(
  tx: Tx,
  createdBy: string,
  rows: (NewDevice & { communityCode: string })[],
  credentials: boolean,
): Promise<{ id: string; key: string; secret: string | null }[]> {
  const out: { id: string; key: string; secret: string | null }[] = [];
  const values = rows.map((input) => {
    const creds = newCredentials();
    const id = uuidv7();
    out.push({ id, key: creds.key, secret: credentials ? creds.secret : null });
    return {
      id,
      compoundId: input.compoundId,
      communityCode: input.communityCode,
      buildingId: input.buildingId ?? null,
      profile: input.profile,
      name: input.name,
      location: input.location ?? null,
      vendor: input.vendor ?? null,
      model: input.model ?? null,
      serial: input.serial ?? null,
      gatewayId: input.gatewayId ?? null,
      key: creds.key,
      secretHash: credentials ? creds.secretHash : null,
      brokerHash: credentials ? creds.brokerHash : null,
      credentialsIssuedAt: credentials ? sql`now()` : null,
      createdBy,
    };
  });
  for (let i = 0; i < values.length; i += 1000) {
    await tx.insert(devices).values(values.slice(i, i + 1000));
    await tx.insert(deviceStatus).values(out.slice(i, i + 1000).map((d) => ({ deviceId: d.id })));
  }
  return out;
}

/** Registers a device in a compound of the user's scope; the secret is in the answer and nowhere else. */
export async function createDevice(ctx: AppContext, user: Who, input: NewDevice) {
  const profiles = await profilesAt(ctx.db);
  const compound = await checkNewDevice(ctx, user, input, profiles);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [d] = await insertDevices(tx, user.id, [{ ...input, compoundId: compound.id, communityCode: compound.communityCode }], true);
      await audit(tx, actor(user), 'device.create', 'device', d!.id, { profile: input.profile, compoundId: compound.id });
      await ctx.events.record(tx, CREDENTIALS_CHANGED, { deviceIds: [d!.id], change: 'create' });
      return { id: d!.id, key: d!.key, secret: d!.secret!, profile: input.profile, status: 'offline' as const, neverSeen: true };
    });
  } catch (err) {
    // Two registrations of one serial at once: the index decides.
    if (isSerialClash(err)) throw serialTaken(input.vendor ?? null, input.serial!);
    throw err;
  }
}

// ---- reading ---------------------------------------------------------------

/** Devices the user may see: compounds granted one by one, or a division's communities. */
export function deviceScope(user: AuthUser): SQL {
  const parts: SQL[] = [];
  if (user.scope.compoundIds.length) parts.push(sql`d.compound_id = any(${pgArray(user.scope.compoundIds)}::uuid[])`);
  if (user.scope.division) parts.push(sql`d.community_code like ${divisionPrefix(user.scope.division) + '%'}`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

// Offline first (the duty room's worry), then never seen, then online.
const RANK = sql`case s.status when 'offline' then 0 when 'never' then 1 else 2 end`;

type DeviceRow = {
  id: string;
  key: string;
  compound_id: string;
  building_id: string | null;
  profile: string;
  name: string;
  location: string | null;
  vendor: string | null;
  model: string | null;
  serial: string | null;
  gateway_id: string | null;
  credentials_issued_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
  status: 'online' | 'offline' | 'never';
  last_seen_at: Date | null;
  rank: number;
};

const SELECT = sql`select d.id, d.key, d.compound_id, d.building_id, d.profile, d.name, d.location, d.vendor, d.model, d.serial,
  d.gateway_id, d.credentials_issued_at, d.revoked_at, d.created_at, s.status, s.last_seen_at, ${RANK} as rank
  from devices d join device_status s on s.device_id = d.id`;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Rows as the API answers them, with the names of their compound, building and profile. */
async function present(ctx: AppContext, user: AuthUser, locale: Locale, rows: DeviceRow[]) {
  const compoundIds = [...new Set(rows.map((r) => r.compound_id))];
  const [profiles, compounds, buildings] = await Promise.all([
    profilesAt(ctx.db),
    registry.compoundsByRef(
      ctx,
      user,
      compoundIds.map((id) => ({ id })),
    ),
    registry.buildingsOf(ctx, compoundIds),
  ]);
  const buildingName = new Map(buildings.map((b) => [b.id, b.name]));
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    compoundId: r.compound_id,
    compoundName: compounds.get(`id\u0000${r.compound_id}`)?.name ?? null,
    buildingId: r.building_id,
    buildingName: r.building_id ? (buildingName.get(r.building_id) ?? null) : null,
    profile: r.profile,
    profileName: profiles.byCode.get(r.profile)?.name[locale] ?? r.profile,
    name: r.name,
    location: r.location,
    vendor: r.vendor,
    model: r.model,
    serial: r.serial,
    gatewayId: r.gateway_id,
    // The contract knows online and offline: a device never heard from is offline, and says so.
    status: r.status === 'online' ? ('online' as const) : ('offline' as const),
    neverSeen: r.status === 'never',
    lastSeenAt: iso(r.last_seen_at),
    credentialsIssued: r.credentials_issued_at !== null,
    revoked: r.revoked_at !== null,
    revokedAt: iso(r.revoked_at),
    createdAt: iso(r.created_at)!,
  }));
}

export type DeviceView = Awaited<ReturnType<typeof present>>[number];

export const deviceFilters = z.object({
  compoundId: z.string().uuid().optional(),
  division: z
    .string()
    .regex(/^\d{6}(\d{3})?(\d{3})?$/)
    .optional(),
  status: z.enum(['online', 'offline', 'never']).optional(),
  profile: z.string().max(64).optional(),
  buildingId: z.string().uuid().optional(),
  q: z.string().trim().max(100).optional(),
});
export type DeviceFilters = z.infer<typeof deviceFilters>;

const cursorShape = z.tuple([z.number().int(), z.string(), z.string()]);

export async function listDevices(
  ctx: AppContext,
  user: AuthUser,
  locale: Locale,
  f: DeviceFilters & { limit: number; cursor?: string | undefined },
) {
  const where: SQL[] = [deviceScope(user)];
  if (f.compoundId) where.push(sql`d.compound_id = ${f.compoundId}`);
  if (f.buildingId) where.push(sql`d.building_id = ${f.buildingId}`);
  if (f.division) where.push(sql`d.community_code like ${divisionPrefix(f.division) + '%'}`);
  if (f.profile) where.push(sql`d.profile = ${f.profile}`);
  // "offline" is what the contract calls a device that is not online, never-seen ones included.
  if (f.status === 'online') where.push(sql`s.status = 'online'`);
  if (f.status === 'offline') where.push(sql`s.status <> 'online'`);
  if (f.status === 'never') where.push(sql`s.status = 'never'`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(d.name ilike ${like} or d.key ilike ${like} or d.serial ilike ${like} or d.location ilike ${like})`);
  }
  const after = decodeCursor(f.cursor, cursorShape);
  if (after) where.push(sql`(${RANK}, d.name, d.id::text) > (${after[0]}, ${after[1]}, ${after[2]})`);
  const res = await ctx.db.execute<DeviceRow>(
    sql`${SELECT} where ${sql.join(where, sql` and `)} order by ${RANK}, d.name, d.id::text limit ${f.limit + 1}`,
  );
  const paged = page(res.rows, f.limit, (r) => [r.rank, r.name, r.id]);
  return { items: await present(ctx, user, locale, paged.items), nextCursor: paged.nextCursor };
}

async function deviceRow(ctx: AppContext | { db: Tx }, user: AuthUser, id: string, lock = false): Promise<DeviceRow> {
  const res = await ctx.db.execute<DeviceRow>(
    sql`${SELECT} where d.id = ${id} and ${deviceScope(user)} ${lock ? sql`for update of d` : sql``}`,
  );
  if (!res.rows[0]) throw notFound(sm.msg('device.entity', { id }));
  return res.rows[0];
}

export async function getDevice(ctx: AppContext, user: AuthUser, locale: Locale, id: string): Promise<DeviceView> {
  const [view] = await present(ctx, user, locale, [await deviceRow(ctx, user, id)]);
  return view!;
}

/** A compound's buildings, each with its devices (offline first), and the devices placed in no building. */
export async function compoundDevices(ctx: AppContext, user: AuthUser, locale: Locale, compoundId: string) {
  const compound = (await registry.compoundsByRef(ctx, user, [{ id: compoundId }])).get(`id\u0000${compoundId}`);
  if (!compound) throw notFound(sm.msg('device.compound', { id: compoundId }));
  const res = await ctx.db.execute<DeviceRow>(
    sql`${SELECT} where d.compound_id = ${compoundId} and ${deviceScope(user)} order by ${RANK}, d.name, d.id::text`,
  );
  const items = await present(ctx, user, locale, res.rows);
  const buildings = await registry.buildingsOf(ctx, [compoundId]);
  const tally = (list: DeviceView[]) => ({
    online: list.filter((d) => d.status === 'online').length,
    offline: list.filter((d) => d.status === 'offline').length,
  });
  return {
    compoundId,
    buildings: buildings.map((b) => {
      const list = items.filter((d) => d.buildingId === b.id);
      return { id: b.id, name: b.name, ...tally(list), devices: list };
    }),
    unplaced: items.filter((d) => !d.buildingId),
  };
}

// ---- credentials ------------------------------------------------------------

/** A new secret for the same key: the old secret stops working at the broker and over HTTP. */
export async function rotateCredentials(ctx: AppContext, user: Who, id: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await deviceRow({ db: tx }, user, id, true);
    if (row.revoked_at) throw conflict(sm.msg('device.revoked', { id }));
    const creds = newCredentials();
    await tx
      .update(devices)
      .set({ secretHash: creds.secretHash, brokerHash: creds.brokerHash, credentialsIssuedAt: sql`now()` })
      .where(eq(devices.id, id));
    await audit(tx, actor(user), row.credentials_issued_at ? 'device.rotate' : 'device.issue', 'device', id, {});
    await ctx.events.record(tx, CREDENTIALS_CHANGED, { deviceIds: [id], change: 'rotate' });
    return { key: row.key, secret: creds.secret };
  });
}

/** For good: the broker refuses the device at its next connect, and the HTTP ingest at once. */
export async function revokeDevice(ctx: AppContext, user: Who, id: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await deviceRow({ db: tx }, user, id, true);
    if (row.revoked_at) throw conflict(sm.msg('device.revoked', { id }));
    const [done] = await tx
      .update(devices)
      .set({ revokedAt: sql`now()` })
      .where(eq(devices.id, id))
      .returning({ revokedAt: devices.revokedAt });
    await audit(tx, actor(user), 'device.revoke', 'device', id, {});
    await ctx.events.record(tx, CREDENTIALS_CHANGED, { deviceIds: [id], change: 'revoke' });
    return { id, revokedAt: done!.revokedAt!.toISOString() };
  });
}
