// The simulator's devices in the database: registered under the vendor `Renova 模拟器` (and only those are ever
// touched), reused from run to run, and given fresh secrets at each start so the simulator holds them in memory
// (the database keeps only their hashes, as for any device).
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { compoundsForSeeding } from '../registry/index.ts';
import { newCredentials } from './credentials.ts';
import { devices, deviceStatus } from './schema.ts';
import type { SimDevice } from './simulator.ts';

export const SIMULATOR_VENDOR = 'Renova 模拟器';
/** The devices module's event of changed credentials (the broker's password file follows it). */
const CREDENTIALS_CHANGED = 'smart.credentials_changed';

/** The mix of devices a simulated compound gets, in order (then again): mostly smoke detectors and SOS buttons. */
export const SIMULATED_MIX = [
  'smoke_detector',
  'sos_button',
  'smoke_detector',
  'perimeter',
  'smoke_detector',
  'throwing_camera',
  'sos_button',
  'lift',
  'key_area',
  'water_pump',
] as const;

type DeviceRow = typeof devices.$inferSelect;

/**
 * Issues new secrets to simulator devices that connect themselves (not those behind a gateway), in bulk, and
 * answers the devices with their secrets. Other vendors' devices are never touched, whatever ids are given.
 */
export async function rotateSimulatorSecrets(db: Db | Tx, rows: readonly DeviceRow[]): Promise<SimDevice[]> {
  const ours = rows.filter((r) => r.vendor === SIMULATOR_VENDOR && !r.revokedAt);
  const keyOf = new Map(ours.map((r) => [r.id, r.key]));
  const out: SimDevice[] = [];
  const direct = ours.filter((r) => !r.gatewayId);
  for (let i = 0; i < direct.length; i += 1000) {
    const chunk = direct.slice(i, i + 1000).map((r) => ({ row: r, creds: newCredentials() }));
    const values = sql.join(
      chunk.map((c) => sql`(${c.row.id}::uuid, ${c.creds.secretHash}, ${c.creds.brokerHash})`),
      sql`, `,
    );
    await db.execute(sql`
      update devices d set secret_hash = v.secret_hash, broker_hash = v.broker_hash, credentials_issued_at = now()
      from (values ${values}) as v(id, secret_hash, broker_hash)
      where d.id = v.id and d.vendor = ${SIMULATOR_VENDOR}`);
    for (const c of chunk) out.push({ id: c.row.id, key: c.row.key, profile: c.row.profile, secret: c.creds.secret, gatewayKey: null });
  }
  for (const r of ours.filter((r) => r.gatewayId))
    out.push({ id: r.id, key: r.key, profile: r.profile, secret: null, gatewayKey: keyOf.get(r.gatewayId!) ?? null });
  return out;
}

/**
 * Tells whoever keeps a broker's password file in step that these devices have new secrets (the devices module's
 * `smart.credentials_changed`; nothing is recorded while nobody handles it).
 */
async function announce(ctx: AppContext, tx: Tx, rotated: SimDevice[]): Promise<SimDevice[]> {
  const deviceIds = rotated.filter((d) => d.secret).map((d) => d.id);
  if (deviceIds.length) await ctx.events.record(tx, CREDENTIALS_CHANGED, { deviceIds, change: 'rotated' });
  return rotated;
}

/** Every simulator device of the database (the demo city's), with fresh secrets. */
export async function allSimulatorDevices(ctx: AppContext): Promise<SimDevice[]> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(devices)
      .where(and(eq(devices.vendor, SIMULATOR_VENDOR), isNull(devices.revokedAt)))
      .orderBy(asc(devices.createdAt), asc(devices.id));
    return announce(ctx, tx, await rotateSimulatorSecrets(tx, rows));
  });
}

export interface NewSimulatedDevice {
  compoundId: string;
  communityCode: string;
  profile: string;
  name: string;
  buildingId?: string | null;
  location?: string | null;
  model?: string | null;
  serial?: string | null;
  gatewayId?: string | null;
  /** Seen just now (the demo starts with devices online), or never. */
  online?: boolean;
  /** When an online device's silence becomes an offline alarm (seen + heartbeat + grace). */
  offlineAt?: Date | null;
}

/** Registers simulator devices in bulk (the seed and the bench make thousands); answers their ids in order. */
export async function insertSimulatedDevices(tx: Tx | Db, list: readonly NewSimulatedDevice[], now = new Date()): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < list.length; i += 1000) {
    const chunk = list.slice(i, i + 1000).map((d) => ({ d, id: uuidv7(), creds: newCredentials() }));
    await tx.insert(devices).values(
      chunk.map(({ d, id, creds }) => ({
        id,
        compoundId: d.compoundId,
        communityCode: d.communityCode,
        buildingId: d.buildingId ?? null,
        profile: d.profile,
        name: d.name,
        location: d.location ?? null,
        vendor: SIMULATOR_VENDOR,
        model: d.model ?? null,
        serial: d.serial ?? null,
        gatewayId: d.gatewayId ?? null,
        key: creds.key,
        secretHash: creds.secretHash,
        brokerHash: creds.brokerHash,
        credentialsIssuedAt: now,
      })),
    );
    await tx.insert(deviceStatus).values(
      chunk.map(({ d, id }) => ({
        deviceId: id,
        status: d.online ? ('online' as const) : ('never' as const),
        lastSeenAt: d.online ? now : null,
        offlineAt: d.online ? (d.offlineAt ?? null) : null,
      })),
    );
    ids.push(...chunk.map((c) => c.id));
  }
  return ids;
}

export interface SimulationSize {
  compounds: number;
  devices: number;
  /** Devices per MQTT connection: above 1, each group is a gateway and the devices it publishes for. */
  perConnection?: number;
}

/**
 * `size.devices` simulator devices spread evenly over the first `size.compounds` compounds of the database,
 * reusing those registered by earlier runs and registering the rest; secrets re-issued.
 */
export async function prepareSimulatedDevices(ctx: AppContext, size: SimulationSize): Promise<SimDevice[]> {
  const perConnection = Math.max(1, Math.floor(size.perConnection ?? 1));
  return ctx.db.transaction(async (tx) => {
    const compounds = (await compoundsForSeeding(tx)).slice(0, Math.max(1, size.compounds));
    if (!compounds.length) throw new Error('The database has no compounds: seed it first (renova seed).');
    const existing = await tx
      .select()
      .from(devices)
      .where(
        and(
          eq(devices.vendor, SIMULATOR_VENDOR),
          isNull(devices.revokedAt),
          inArray(
            devices.compoundId,
            compounds.map((c) => c.id),
          ),
        ),
      )
      .orderBy(asc(devices.createdAt), asc(devices.id));
    const chosen: DeviceRow[] = [];
    const fresh: NewSimulatedDevice[] = [];
    compounds.forEach((c, ci) => {
      const want = Math.floor(size.devices / compounds.length) + (ci < size.devices % compounds.length ? 1 : 0);
      const have = existing.filter((d) => d.compoundId === c.id).slice(0, want);
      chosen.push(...have);
      for (let n = have.length; n < want; n++) {
        const gateway = perConnection > 1 && (n - have.length) % perConnection === 0;
        fresh.push({
          compoundId: c.id,
          communityCode: c.communityCode,
          profile: gateway ? 'gateway' : SIMULATED_MIX[n % SIMULATED_MIX.length]!,
          name: `模拟设备-${n + 1}`,
          model: 'SIM-1',
        });
      }
    });
    if (fresh.length) {
      // A gateway is registered first, then the devices it publishes for (its group of perConnection).
      let gatewayId: string | null = null;
      const withGateways = fresh.map((d, i) => ({ d, i }));
      const ids = await insertSimulatedDevices(tx, fresh);
      const updates: { id: string; gatewayId: string }[] = [];
      for (const { d, i } of withGateways) {
        if (d.profile === 'gateway') gatewayId = ids[i]!;
        else if (perConnection > 1 && gatewayId) updates.push({ id: ids[i]!, gatewayId });
      }
      for (let i = 0; i < updates.length; i += 1000) {
        const values = sql.join(
          updates.slice(i, i + 1000).map((u) => sql`(${u.id}::uuid, ${u.gatewayId}::uuid)`),
          sql`, `,
        );
        await tx.execute(sql`update devices d set gateway_id = v.g from (values ${values}) as v(id, g) where d.id = v.id`);
      }
      chosen.push(...(await tx.select().from(devices).where(inArray(devices.id, ids))));
    }
    return announce(ctx, tx, await rotateSimulatorSecrets(tx, chosen));
  });
}
