// The demo's car park in the demo resident's compound: a space the household owns, two shared ones and a charging
// space, and one visitor's stay under way. Idempotent: a compound with spaces is left as it is.
import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { parkingSessions, parkingSpaces } from './schema.ts';

export async function seedParking(tx: Tx, home: { compoundId: string; householdId: string } | null, now = new Date()): Promise<number> {
  if (!home) return 0;
  const { compoundId, householdId } = home;
  const existing = await tx.select({ id: parkingSpaces.id }).from(parkingSpaces).where(eq(parkingSpaces.compoundId, compoundId)).limit(1);
  if (existing.length) return 0;
  const spaces = [
    { code: 'A-001', kind: 'owned' as const, householdId },
    { code: 'A-002', kind: 'shared' as const, householdId: null },
    { code: 'A-003', kind: 'shared' as const, householdId: null },
    { code: 'C-001', kind: 'charging' as const, householdId: null },
  ];
  await tx.insert(parkingSpaces).values(spaces.map((s) => ({ id: uuidv7(), compoundId, ...s })));
  const enteredAt = new Date(now.getTime() - 95 * 60_000);
  await tx
    .insert(parkingSessions)
    .values({ id: uuidv7(enteredAt.getTime()), compoundId, plate: '浙B67890', enteredAt, entryEvent: 'seed/demo-entry' });
  return spaces.length;
}
