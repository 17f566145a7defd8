// The demo's passage in 和睦: the demo resident's compound gets its key pair, their household two vehicles (one with a
// new-energy plate) and an approved visitor pass for the next two days. Idempotent: a second run adds nothing.
import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { encrypt, maskName, type PersonalDataKey } from '../../platform/personal-data.ts';
import { registry } from '../registry/index.ts';
import { newKeyPair } from './keys.ts';
import { plateKind } from './plates.ts';
import { compoundAccessKeys, vehicles, visitorPasses } from './schema.ts';

export const DEMO_PLATES = ['浙A12345', '浙AD12345'] as const;

/** Returns the demo household and compound, for parking's seed; null when the demo resident is not bound. */
export async function seedPassage(
  tx: Tx,
  key: PersonalDataKey,
  residentId: string | null,
  now = new Date(),
): Promise<{ compoundId: string; householdId: string } | null> {
  if (!residentId) return null;
  const [householdId] = await registry.householdIdsOfResident(tx, residentId);
  if (!householdId) return null;
  const [home] = await registry.householdFrame(tx, { householdIds: [householdId] });
  const compoundId = home!.compoundId;
  await tx
    .insert(compoundAccessKeys)
    .values({ compoundId, ...newKeyPair(key) })
    .onConflictDoNothing();
  const existing = await tx.select({ id: vehicles.id }).from(vehicles).where(eq(vehicles.householdId, householdId));
  if (existing.length) return { compoundId, householdId };
  for (const plate of DEMO_PLATES)
    await tx
      .insert(vehicles)
      .values({ id: uuidv7(), compoundId, householdId, plate, kind: plateKind(plate)! })
      .onConflictDoNothing();
  const from = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  await tx.insert(visitorPasses).values({
    id: uuidv7(),
    compoundId,
    householdId,
    hostResidentId: residentId,
    requestedBy: 'host',
    createdBy: null,
    visitorNameSealed: encrypt(key, '王访客(演示)'),
    visitorNameMasked: maskName('王访客(演示)'),
    plate: '浙B67890',
    validFrom: from,
    validUntil: new Date(from.getTime() + 2 * 86_400_000),
    entry: 'multiple',
    status: 'approved',
    decidedAt: from,
  });
  return { compoundId, householdId };
}
