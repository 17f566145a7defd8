// Who hears of a grant about to end: the reminder's event (market.space_grant_expiring) raises a work order in the
// space's compound, source `space_grant`, so it lands in the work-order lists of the community's staff who granted
// it (community workers and the subdistrict above them, by their scope), where they renew it, take the space back
// or arrange what follows. The work order is the codebase's one channel to staff: there is no staff inbox, and
// accounts keep no phone number. Operators hold no accounts (a grant names them by name and credit code), so the
// order carries the operator's name and code for the staff to contact them. One order per grant, ever: a
// redelivered event or a second reminder finds the grant's order and raises nothing.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { defineHandler } from '../../platform/events.ts';
import { ensureWorkOrderForSource, workOrderOfSource } from '../workorders/index.ts';
import { EXPIRING_TOPIC } from './reminders.ts';
import { publicSpaces, spaceGrants } from './schema.ts';

export const GRANT_SOURCE = 'space_grant';

export const expiringGrantHandler = defineHandler<{ grantId: string; spaceId: string; endsOn: string }, AppContext>({
  name: 'market.space_grant_expiring_order',
  topic: EXPIRING_TOPIC,
  async handle(ctx, event, tx) {
    const { grantId } = event.payload;
    if (await workOrderOfSource(tx, GRANT_SOURCE, grantId)) return;
    const [row] = await tx
      .select({ grant: spaceGrants, space: publicSpaces })
      .from(spaceGrants)
      .innerJoin(publicSpaces, eq(publicSpaces.id, spaceGrants.spaceId))
      .where(eq(spaceGrants.id, grantId));
    // Terminated since the reminder: nothing left to decide.
    if (!row || row.grant.status !== 'active') return;
    const { grant, space } = row;
    const operator = grant.operatorCreditCode ? `${grant.operatorName}（${grant.operatorCreditCode}）` : grant.operatorName;
    await ensureWorkOrderForSource(
      ctx,
      tx,
      {
        sourceKind: GRANT_SOURCE,
        sourceId: grant.id,
        compoundId: space.compoundId,
        communityCode: space.communityCode,
        // Stored words, as an alarm's order keeps its cause: the work-order pages show titles as written.
        title: `公共空间使用权将于 ${grant.endsOn} 到期：${space.name}（${grant.operatorName}）`,
        description: [
          `使用方：${operator}`,
          `使用期限：${grant.startsOn} 至 ${grant.endsOn}`,
          '请在到期前与使用方确定续约、收回或交接安排。',
        ].join('\n'),
      },
      null,
    );
  },
});
