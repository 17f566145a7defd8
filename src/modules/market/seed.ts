// The demo's market participation in 和睦街道: last month's property-service subsidies of two eligible compounds
// (one paid through the funding ledger, one awaiting the district), and public spaces granted to operators (a
// canteen room in force, an elderly-care room whose grant ends within the reminder days, a parking area free), with a
// relief and a delivery report. This month's subsidies are left for the subdistrict to apply for.
import { count } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { cityPack } from '../../platform/city.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { recordSubsidyDisbursement } from '../funding/index.ts';
import { registry } from '../registry/index.ts';
import { grantDeliveries, grantReliefs, propertySubsidies, publicSpaces, spaceGrants } from './schema.ts';
import { compoundsOfMonth, monthRules } from './subsidy.facts.ts';
import { shanghaiDay, shanghaiMonth } from './subsidy.rules.ts';

const DAY = 86_400_000;

export async function seedMarket(tx: Tx, hemuCompoundIds: readonly string[], now = new Date()): Promise<void> {
  const [already] = await tx.select({ n: count() }).from(publicSpaces);
  if (already!.n > 0) return;
  const thisMonth = shanghaiMonth(now);
  const [y, mo] = thisMonth.split('-').map(Number) as [number, number];
  const lastMonth = mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
  const rules = await monthRules(tx, lastMonth);
  const eligible = (await compoundsOfMonth({ db: tx }, null, rules))
    .filter((c) => !c.ineligible && c.subdistrictCode === cityPack().demo.subdistrict.code)
    .slice(0, 2);
  for (const [i, c] of eligible.entries()) {
    // Just under the cap, in whole yuan: what a subdistrict would ask for.
    const amountFen = (c.capFen / 100n) * 100n;
    const paid = i === 0;
    const id = uuidv7();
    const disbursementId = paid
      ? await recordSubsidyDisbursement(tx, {
          projectId: c.projectId,
          amountFen,
          paidOn: shanghaiDay(now),
          payee: c.company!.name,
          documentRef: `拱财物补〔${y}〕${String(mo).padStart(2, '0')}号（演示）`,
          createdBy: null,
        })
      : null;
    await tx.insert(propertySubsidies).values({
      id,
      compoundId: c.compoundId,
      month: lastMonth,
      projectId: c.projectId,
      propertyCompanyId: c.company!.id,
      districtCode: c.districtCode,
      subdistrictCode: c.subdistrictCode,
      communityCode: c.communityCode,
      floorAreaM2: c.floorAreaM2,
      capFen: c.capFen,
      amountFen,
      ruleVersion: rules.cap.version,
      status: paid ? 'disbursed' : 'applied',
      decidedAt: paid ? now : null,
      disbursementId,
      disbursedAt: paid ? now : null,
    });
  }

  const places = await registry.compoundPlaces(tx, hemuCompoundIds.slice(0, 2));
  const day = (offset: number) => shanghaiDay(new Date(now.getTime() + offset * DAY));
  for (const [i, compoundId] of hemuCompoundIds.slice(0, 2).entries()) {
    const place = places.get(compoundId);
    if (!place) continue;
    const space = (kind: 'canteen_room' | 'elderly_care_room' | 'parking_area', name: string, areaM2: string) => ({
      id: uuidv7(),
      compoundId,
      communityCode: place.communityCode,
      kind,
      name,
      areaM2,
    });
    const spaces =
      i === 0
        ? [space('canteen_room', '老年食堂（1幢底层）', '120.00'), space('parking_area', '北侧停车场', '860.00')]
        : [space('elderly_care_room', '居家养老服务站', '96.50')];
    await tx.insert(publicSpaces).values(spaces);
    const first = spaces[0]!;
    const grantId = uuidv7();
    // The canteen runs for three years; the care room's grant ends within the reminder days.
    const [startsOn, endsOn] = i === 0 ? [day(-400), day(700)] : [day(-340), day(20)];
    await tx.insert(spaceGrants).values({
      id: grantId,
      spaceId: first.id,
      communityCode: place.communityCode,
      operatorName: i === 0 ? cityPack().demo.names.shops.canteenOperator! : cityPack().demo.names.shops.careOperator!,
      startsOn,
      endsOn,
      feeFen: i === 0 ? 3_600_000n : 1_200_000n,
      concessionFen: i === 0 ? 1_800_000n : 1_200_000n,
      terms: i === 0 ? '为辖区 70 周岁以上老人提供助餐，使用费减半' : '为社区老人提供日间照料，免收使用费',
    });
    await tx.insert(grantReliefs).values({
      id: uuidv7(),
      grantId,
      kind: i === 0 ? 'tax' : 'fee',
      amountFen: i === 0 ? 240_000n : 60_000n,
      basis: i === 0 ? '社区养老、托育、家政服务收入免征增值税（演示）' : '免收不动产登记费（演示）',
      grantedOn: startsOn,
    });
    await tx.insert(grantDeliveries).values({
      id: uuidv7(),
      grantId,
      periodStart: day(-90),
      periodEnd: day(-1),
      services: i === 0 ? 5_460 : 820,
      beneficiaries: i === 0 ? 212 : 64,
      summary: i === 0 ? '助餐 5,460 人次，其中送餐上门 610 人次' : '日间照料 820 人次，健康讲座 6 场',
    });
  }
}
