// Registering devices and their credentials.
import { sql } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { registry } from '../registry/index.ts';
import { newCredentials } from './credentials.ts';
import { devices, deviceStatus } from './schema.ts';

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

/** Registers a device in a compound of the user's scope; the secret is in the answer and nowhere else. */
export async function createDevice(ctx: AppContext, user: AuthUser & Partial<Actor>, input: NewDevice) {
  const [compound] = await registry.compoundsInScope(ctx, user, [input.compoundId]);
  const creds = newCredentials();
  const id = uuidv7();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(devices).values({
      id,
      compoundId: compound!.id,
      communityCode: compound!.communityCode,
      buildingId: input.buildingId ?? null,
      profile: input.profile,
      name: input.name,
      location: input.location ?? null,
      vendor: input.vendor ?? null,
      model: input.model ?? null,
      serial: input.serial ?? null,
      gatewayId: input.gatewayId ?? null,
      key: creds.key,
      secretHash: creds.secretHash,
      brokerHash: creds.brokerHash,
      credentialsIssuedAt: sql`now()`,
      createdBy: user.id,
    });
    await tx.insert(deviceStatus).values({ deviceId: id });
    await audit(tx, { id: user.id, username: user.username, ip: user.ip }, 'device.create', 'device', id, { profile: input.profile });
  });
  return { id, key: creds.key, secret: creds.secret, profile: input.profile, status: 'never' as const };
}
