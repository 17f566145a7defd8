// Stays from barrier events: the smart community's ingest stores each `passage.entry`/`passage.exit` of a barrier and
// tells `smart.passage`; an entry opens the plate's stay (one open stay per plate and compound: a repeated entry
// changes nothing), an exit closes it and prices it with the tariff in force on the day of entry and the plate's
// monthly passes. Redelivered events change nothing (the entry's event id is unique; a closed stay is not reopened).
import { and, desc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { defineHandler } from '../../platform/events.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { ruleAt } from '../../platform/policy.ts';
import { normalizePlate, plateKind } from '../passage/index.ts';
import { PASSAGE_EVENT, type PassageEvent } from '../smart/index.ts';
import { parkingPasses, parkingSessions } from './schema.ts';
import { monthDays, parkingFee, shanghaiDay, TARIFF_RULE, tariffSchema, type PassDays } from './tariff.ts';

/** The plate's monthly passes in the compound, as days (every month a stay from `from` to `to` touches). */
export async function passDays(tx: Tx, compoundId: string, plate: string, from: Date, to: Date): Promise<PassDays[]> {
  const months: string[] = [];
  for (let m = shanghaiDay(from.getTime()).slice(0, 7); m <= shanghaiDay(to.getTime()).slice(0, 7);) {
    months.push(m);
    const [y, mm] = m.split('-').map(Number) as [number, number];
    m = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
  }
  const rows = await tx
    .select({ month: parkingPasses.month })
    .from(parkingPasses)
    .where(and(eq(parkingPasses.compoundId, compoundId), eq(parkingPasses.plate, plate), inArray(parkingPasses.month, months)));
  return rows.map((r) => monthDays(r.month));
}

/** The fee of a stay ending at `end` (an open stay: what it would cost now). */
export async function quote(tx: Tx, s: { compoundId: string; plate: string; enteredAt: Date }, end: Date) {
  const rule = await ruleAt<unknown>(tx, TARIFF_RULE, shanghaiDay(s.enteredAt.getTime()));
  const tariff = tariffSchema.parse(rule.value);
  const passes = await passDays(tx, s.compoundId, s.plate, s.enteredAt, end);
  return { fee: parkingFee(tariff, s.enteredAt, end, passes), version: rule.version };
}

export async function openStay(tx: Tx, compoundId: string, plate: string, at: Date, event: string): Promise<string | null> {
  const [row] = await tx
    .insert(parkingSessions)
    .values({ id: uuidv7(at.getTime()), compoundId, plate, enteredAt: at, entryEvent: event })
    .onConflictDoNothing()
    .returning({ id: parkingSessions.id });
  return row?.id ?? null;
}

export async function closeStay(tx: Tx, compoundId: string, plate: string, at: Date, event: string) {
  const [open] = await tx
    .select()
    .from(parkingSessions)
    .where(
      and(
        eq(parkingSessions.compoundId, compoundId),
        eq(parkingSessions.plate, plate),
        isNull(parkingSessions.exitedAt),
        lte(parkingSessions.enteredAt, at),
      ),
    )
    .orderBy(desc(parkingSessions.enteredAt))
    .limit(1)
    .for('update');
  if (!open) return null;
  const { fee, version } = await quote(tx, open, at);
  const [closed] = await tx
    .update(parkingSessions)
    .set({ exitedAt: at, exitEvent: event, feeFen: fee.fen, tariffVersion: version, feeDetail: fee })
    .where(eq(parkingSessions.id, open.id))
    .returning();
  return closed!;
}

export const barrierSessions = defineHandler<PassageEvent, AppContext>({
  name: 'parking.barrier_sessions',
  topic: PASSAGE_EVENT,
  async handle(ctx, event, tx) {
    const e = event.payload;
    if (e.profile !== 'barrier' || e.data.result !== 'allowed' || typeof e.data.plate !== 'string') return;
    const plate = normalizePlate(e.data.plate);
    if (!plateKind(plate)) return;
    const at = new Date(e.at);
    const ref = `${e.deviceId}/${e.messageId}`;
    if (e.type === 'passage.entry') await openStay(tx, e.compoundId, plate, at, ref);
    else if (e.type === 'passage.exit' && !(await closeStay(tx, e.compoundId, plate, at, ref)))
      ctx.log.warn({ compoundId: e.compoundId }, 'a barrier exit without an open stay');
  },
});
