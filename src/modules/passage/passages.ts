// What passage does with a gate's passage events (stored by the smart community's ingest, told as `smart.passage`):
// an entry on a visitor's pass counts, and a single-entry pass is used up by it, so the gates' revocation list refuses
// the same code at the next gate.
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { defineHandler } from '../../platform/events.ts';
import { uuidPattern } from '../../platform/ids.ts';
import { PASSAGE_EVENT, type PassageEvent } from '../smart/index.ts';
import { listsChanged } from './lists.ts';
import { visitorPasses } from './schema.ts';

export const visitorEntries = defineHandler<PassageEvent, AppContext>({
  name: 'passage.visitor_entries',
  topic: PASSAGE_EVENT,
  async handle(ctx, event, tx) {
    const e = event.payload;
    const id = e.data.credentialId;
    if (e.profile !== 'gate' || e.type !== 'passage.entry' || e.data.result !== 'allowed') return;
    if (typeof id !== 'string' || !uuidPattern.test(id)) return;
    const [row] = await tx
      .update(visitorPasses)
      .set({
        entries: sql`${visitorPasses.entries} + 1`,
        status: sql`case when ${visitorPasses.entry} = 'single' then 'used' else ${visitorPasses.status} end`,
      })
      .where(and(eq(visitorPasses.id, id), eq(visitorPasses.compoundId, e.compoundId), eq(visitorPasses.status, 'approved')))
      .returning({ status: visitorPasses.status, plate: visitorPasses.plate });
    if (row?.status === 'used') await listsChanged(ctx, tx, e.compoundId, row.plate ? ['revocations', 'plates'] : ['revocations']);
  },
});
