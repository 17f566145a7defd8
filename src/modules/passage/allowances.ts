// Plates other modules let through the barriers for a window (parking's monthly passes), and the sweep that pushes a
// compound's plate list again once a window in it has ended: a barrier enforces the windows offline, but the list it
// holds should not keep plates that can no longer pass (nor grow with every month sold).
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { defineJob } from '../../platform/queue.ts';
import { listsChanged, pushLists } from './lists.ts';
import { normalizePlate } from './plates.ts';
import { plateAllowances } from './schema.ts';

export interface PlateGrant {
  compoundId: string;
  plate: string;
  /** What grants it (`parking_pass`) and that record's id. */
  source: string;
  sourceId: string;
  validFrom: Date;
  validUntil: Date;
}

/**
 * Lets `plate` through the compound's barriers from `validFrom` to `validUntil`, in the caller's transaction; the
 * plate list is pushed again once it commits. Granting the same source record twice changes nothing.
 */
export async function allowPlate(ctx: AppContext, tx: Tx, grant: PlateGrant, now = new Date()): Promise<void> {
  const [row] = await tx
    .insert(plateAllowances)
    .values({ id: uuidv7(), ...grant, plate: normalizePlate(grant.plate) })
    .onConflictDoNothing()
    .returning({ id: plateAllowances.id });
  if (row && grant.validUntil.getTime() > now.getTime()) await listsChanged(ctx, tx, grant.compoundId, ['plates']);
}

/** Compounds whose pushed plate list still holds a window that has ended by `now` (visitors' or granted plates'). */
export async function compoundsWithEndedWindows(db: Db | Tx, now: Date): Promise<string[]> {
  const { rows } = await db.execute<{ compound_id: string }>(sql`
    select l.compound_id from passage_lists l
    where l.list = 'plates' and exists (
      select 1 from plate_allowances a
      where a.compound_id = l.compound_id and a.valid_until > l.updated_at and a.valid_until <= ${now.toISOString()}::timestamptz
      union all
      select 1 from visitor_passes v
      where v.compound_id = l.compound_id and v.status = 'approved' and v.plate is not null
        and v.valid_until > l.updated_at and v.valid_until <= ${now.toISOString()}::timestamptz)`);
  return rows.map((r) => r.compound_id);
}

/** Pushes the plate list of every compound with an ended window; answers how many compounds. */
export async function pushEndedWindows(ctx: AppContext, now = new Date()): Promise<number> {
  const ids = await compoundsWithEndedWindows(ctx.db, now);
  for (const compoundId of ids) await ctx.db.transaction((tx) => pushLists(ctx, tx, compoundId, ['plates'], now));
  return ids.length;
}

export const plateWindowsSweep = defineJob<object, AppContext>({
  name: 'passage.plate_windows_sweep',
  options: { timeoutSeconds: 120 },
  async run(ctx) {
    return { pushed: await pushEndedWindows(ctx, new Date()) };
  },
});
