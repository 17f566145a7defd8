// The demo city's grids: each community of 和睦街道 divided into two or three grids covering its buildings, the demo
// grid worker `grid` on the first grid of 和睦社区 (330105004001), and about twenty events in every state, so the
// grid worker's phone, the review queues and the dashboard have something to show at once.
import { count, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { cityPack } from '../../platform/city.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { accountByUsername } from '../accounts/index.ts';
import { registry } from '../registry/index.ts';
import { categoriesAt, escalationAt, slaAt } from './categories.ts';
import { dueTime, firstEscalation, initialLevel, type ActorKind } from './lifecycle.ts';
import { gridBuildings, gridEvents, gridEventSteps, grids, gridWorkers, type GridEventState, type StepAction } from './schema.ts';

export const GRID_DEMO_USERNAME = 'grid';

/** Demo events: category, what was seen, how far along, and how many hours ago it was reported. */
const demoEvents: { category: string; text: string; path: GridEventState[]; hoursAgo: number; source: 'resident' | 'patrol' | 'staff' }[] =
  [
    { category: 'street_lamp', text: '小区北门路灯不亮（演示）', path: ['reported'], hoursAgo: 1, source: 'resident' },
    { category: 'street_lamp', text: '3幢南侧路灯闪烁（演示）', path: ['reported', 'accepted'], hoursAgo: 30, source: 'resident' },
    { category: 'dumping', text: '围墙外堆放建筑垃圾（演示）', path: ['reported', 'accepted', 'handled'], hoursAgo: 50, source: 'patrol' },
    { category: 'garbage_overflow', text: '垃圾分类亭满溢（演示）', path: ['reported', 'closed'], hoursAgo: 5, source: 'patrol' },
    {
      category: 'illegal_parking',
      text: '消防通道停放私家车（演示）',
      path: ['reported', 'accepted', 'handled', 'reviewed'],
      hoursAgo: 20,
      source: 'resident',
    },
    {
      category: 'water_leak',
      text: '地下车库顶板渗水（演示）',
      path: ['reported', 'accepted', 'handled', 'reviewed', 'closed'],
      hoursAgo: 120,
      source: 'resident',
    },
    {
      category: 'noise',
      text: '夜间装修噪声（演示）',
      path: ['reported', 'accepted', 'handled', 'reviewed', 'closed', 'disputed'],
      hoursAgo: 96,
      source: 'resident',
    },
    { category: 'fire_hazard', text: '楼道内电动车充电（演示）', path: ['reported'], hoursAgo: 3, source: 'patrol' },
    { category: 'elderly_help', text: '独居老人需要协助就医（演示）', path: ['reported', 'accepted'], hoursAgo: 2, source: 'staff' },
    { category: 'road_damage', text: '人行道地砖松动（演示）', path: ['reported', 'accepted'], hoursAgo: 80, source: 'resident' },
    { category: 'facility_damage', text: '健身器材损坏（演示）', path: ['reported', 'closed'], hoursAgo: 26, source: 'patrol' },
    { category: 'dumping', text: '绿化带内倾倒大件垃圾（演示）', path: ['reported'], hoursAgo: 6, source: 'resident' },
    { category: 'river_pollution', text: '小区旁河道水面漂浮物（演示）', path: ['reported'], hoursAgo: 4, source: 'resident' },
    {
      category: 'street_lamp',
      text: '东门路灯白天常亮（演示）',
      path: ['reported', 'accepted', 'handled', 'reviewed', 'closed'],
      hoursAgo: 200,
      source: 'resident',
    },
    { category: 'water_leak', text: '二次供水管道漏水（演示）', path: ['reported', 'accepted', 'handled'], hoursAgo: 10, source: 'patrol' },
    { category: 'noise', text: '广场舞音响过响（演示）', path: ['reported', 'accepted'], hoursAgo: 15, source: 'resident' },
    {
      category: 'fire_hazard',
      text: '消防栓被遮挡（演示）',
      path: ['reported', 'accepted', 'handled', 'reviewed', 'closed'],
      hoursAgo: 72,
      source: 'patrol',
    },
    { category: 'illegal_parking', text: '非机动车乱停放（演示）', path: ['reported', 'closed'], hoursAgo: 8, source: 'patrol' },
    { category: 'road_damage', text: '井盖缺失（演示）', path: ['reported', 'accepted', 'handled'], hoursAgo: 40, source: 'resident' },
    {
      category: 'elderly_help',
      text: '老人走失后已找回，需回访（演示）',
      path: ['reported', 'accepted', 'handled', 'reviewed'],
      hoursAgo: 28,
      source: 'staff',
    },
  ];

const roleOf = (to: GridEventState): ActorKind =>
  to === 'disputed' ? 'resident' : to === 'reviewed' || to === 'closed' ? 'community' : 'grid_worker';

/** Seeds once (a second seed finds grids and adds none); answers how many grids were made. */
export async function seedGrids(tx: Tx, hemuCompoundIds: readonly string[], now = new Date()): Promise<number> {
  const [already] = await tx.select({ n: count() }).from(grids);
  if (already!.n > 0) return 0;
  const places = await registry.compoundPlaces(tx, [...hemuCompoundIds]);
  const buildings = await registry.buildingsOfCompounds(tx, [...hemuCompoundIds]);
  const byCommunity = new Map<string, { compoundId: string; buildingId: string }[]>();
  for (const b of buildings) {
    const c = places.get(b.compoundId);
    if (!c) continue;
    byCommunity.set(c.communityCode, [...(byCommunity.get(c.communityCode) ?? []), { compoundId: b.compoundId, buildingId: b.id }]);
  }
  const worker = await accountByUsername(tx, GRID_DEMO_USERNAME);
  let made = 0;
  let demoGrid: string | null = null;
  for (const [community, list] of [...byCommunity].sort(([a], [b]) => a.localeCompare(b))) {
    // Whole compounds stay together where they can: split the community's compounds into 2–3 runs.
    const compoundsHere = [...new Set(list.map((l) => l.compoundId))];
    const parts = Math.min(compoundsHere.length >= 6 ? 3 : 2, Math.max(1, compoundsHere.length));
    for (let g = 0; g < parts; g++) {
      const mine = new Set(compoundsHere.filter((_, i) => i % parts === g));
      const id = uuidv7();
      await tx.insert(grids).values({ id, communityCode: community, code: String(g + 1).padStart(2, '0'), name: `第${g + 1}网格` });
      const members = list.filter((l) => mine.has(l.compoundId));
      if (members.length)
        await tx.insert(gridBuildings).values(members.map((m) => ({ gridId: id, buildingId: m.buildingId, compoundId: m.compoundId })));
      if (community === cityPack().demo.community.code && g === 0) demoGrid = id;
      made++;
    }
  }
  if (demoGrid && worker) await tx.insert(gridWorkers).values({ gridId: demoGrid, accountId: worker.id });
  if (demoGrid) await seedEvents(tx, demoGrid, worker?.id ?? null, places, now);
  return made;
}

async function seedEvents(
  tx: Tx,
  gridId: string,
  workerId: string | null,
  places: Awaited<ReturnType<typeof registry.compoundPlaces>>,
  now: Date,
) {
  const members = await tx.select().from(gridBuildings).where(eq(gridBuildings.gridId, gridId));
  if (!members.length) return;
  const cats = await categoriesAt(tx);
  const sla = await slaAt(tx);
  const escalation = await escalationAt(tx);
  for (const [i, e] of demoEvents.entries()) {
    const cat = cats.byCode.get(e.category);
    const m = members[(i * 7) % members.length]!;
    const place = places.get(m.compoundId);
    if (!cat || !place) continue;
    // A few metres apart, so the map shows separate pins.
    const lat = place.lat === null ? null : place.lat + ((i % 5) - 2) * 0.0003;
    const lng = place.lng === null ? null : place.lng + ((i % 3) - 1) * 0.0003;
    const reportedAt = new Date(now.getTime() - e.hoursAgo * 3_600_000);
    const level = initialLevel(cat.responsible, e.source);
    const id = uuidv7(reportedAt.getTime());
    const state = e.path[e.path.length - 1]!;
    const stepGap = (e.hoursAgo * 3_600_000) / (e.path.length + 1);
    const lastAt = new Date(reportedAt.getTime() + stepGap * (e.path.length - 1));
    const dueAt = dueTime(sla, cat.group, state, lastAt);
    await tx.insert(gridEvents).values({
      id,
      category: cat.code,
      categoryVersion: cats.version,
      description: e.text,
      state,
      level,
      responsible: cat.responsible,
      source: e.source,
      compoundId: m.compoundId,
      communityCode: place.communityCode,
      subdistrictCode: place.subdistrictCode,
      buildingId: m.buildingId,
      gridId,
      lat: lat === null ? null : lat.toFixed(6),
      lng: lng === null ? null : lng.toFixed(6),
      reporterAccountId: e.source === 'patrol' ? workerId : null,
      assigneeId: level === 'grid' ? workerId : null,
      reportedAt,
      updatedAt: lastAt,
      dueAt,
      // Left for the clock: the first sweep flags and escalates what the demo made overdue.
      escalateAt: firstEscalation(escalation, level, dueAt),
      closedAt: state === 'closed' ? lastAt : null,
      reopenedCount: 0,
    });
    for (const [k, to] of e.path.entries()) {
      const from = k === 0 ? null : e.path[k - 1]!;
      const action: StepAction = k === 0 ? 'reported' : from === 'reported' && to === 'closed' ? 'self_resolved' : 'transitioned';
      await tx.insert(gridEventSteps).values({
        id: uuidv7(),
        eventId: id,
        action,
        actorId: k === 0 ? (e.source === 'patrol' ? workerId : null) : null,
        actorRole: k === 0 ? (e.source === 'patrol' ? 'grid_worker' : e.source === 'staff' ? 'community' : 'resident') : roleOf(to),
        at: new Date(reportedAt.getTime() + stepGap * k),
        level,
        fromState: from,
        toState: to,
        note: null,
      });
    }
  }
}
