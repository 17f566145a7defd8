// Demo repairs: a property staff account (`property-staff`) who handles repairs in the demo resident's compound, and
// two open requests from the demo resident's home (a leaking kitchen pipe and a dark stairwell), so the staff list
// and the resident's /m have something to show at once. Written in the seed's transaction, through the work
// orders' index (the order raised for its source, as another module's record would raise it).
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { accountByUsername, upsertAccount } from '../accounts/index.ts';
import { registry } from '../registry/index.ts';
import { ensureWorkOrderForSource } from '../workorders/index.ts';
import { REPAIR_SOURCE } from './clock.ts';
import { dueAt, repairCategoriesAt } from './rules.ts';
import { repairs } from './schema.ts';

export const REPAIR_STAFF_USERNAME = 'property-staff';

const demoRequests = [
  { category: 'water', text: '厨房水槽下方水管接口漏水，地面有积水（演示）' },
  { category: 'public_lighting', text: '3楼楼道灯不亮，晚上看不清台阶（演示）' },
];

export async function seedRepairs(ctx: AppContext, tx: Tx, residentId: string | null, password: string): Promise<void> {
  if (!residentId) return;
  const [householdId] = await registry.householdIdsOfResident(tx, residentId);
  if (!householdId) return;
  const [home] = await registry.householdFrame(tx, { householdIds: [householdId] });
  const compound = (await registry.compoundPlaces(tx, [home!.compoundId])).get(home!.compoundId);
  await upsertAccount(tx, {
    username: REPAIR_STAFF_USERNAME,
    displayName: '物业维修 师傅甲',
    role: 'property_manager',
    password,
    scopeCompoundIds: [home!.compoundId],
  });
  const resident = await accountByUsername(tx, 'hemu-resident');
  if (!resident || !compound) return;
  const cats = await repairCategoriesAt(tx);
  const now = new Date();
  for (const r of demoRequests) {
    const category = cats.byCode.get(r.category)!;
    const id = uuidv7();
    const order = await ensureWorkOrderForSource(
      ctx,
      tx,
      {
        sourceKind: REPAIR_SOURCE,
        sourceId: id,
        compoundId: home!.compoundId,
        communityCode: compound.communityCode,
        title: `报修：${category.name.zh}（${home!.building}${home!.unit}${home!.room}）`,
        description: r.text,
      },
      { id: resident.id, username: resident.username },
    );
    await tx.insert(repairs).values({
      id,
      compoundId: home!.compoundId,
      communityCode: compound.communityCode,
      householdId,
      filedBy: resident.id,
      category: category.code,
      ruleVersion: cats.version,
      description: r.text,
      dueAt: dueAt(now, category),
      workOrderId: order.id,
    });
  }
}
