// The demo city's facilities: around every compound with a point, for most needs one or two facilities at
// plausible walking distances (100 m to 1.6 km), named after the compound, so some needs are met, some only
// beyond the standard's distance, and a few missing: the circle page has gaps to show. Deterministic: the same
// seed places the same facilities. The circles of the whole city are computed at the end, so the sums are ready.
import { cityPack } from '../../platform/city.ts';
import type { Tx } from '../../platform/db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { prng } from '../../platform/random.ts';
import { registry } from '../registry/index.ts';
import { recomputeDivision } from './circle.service.ts';
import { seedCluster } from './clusters.seed.ts';
import { facilityKinds, kindNames, needs, type FacilityKind } from './needs.ts';
import { offset, type Point } from './reach.ts';
import { facilities, spaceResources, spaceSteps, type OpeningSpan } from './schema.ts';
import type { SpaceStatus } from './spaces.match.ts';

const daily = (open: string, close: string): OpeningSpan[] => [{ days: [1, 2, 3, 4, 5, 6, 7], open, close }];
const hoursOf: Partial<Record<FacilityKind, OpeningSpan[]>> = {
  canteen: daily('07:00', '19:00'),
  market: daily('06:00', '18:30'),
  supermarket: daily('08:00', '22:00'),
  clinic: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' }],
  elderly_day_care: daily('08:00', '17:30'),
  library: [{ days: [2, 3, 4, 5, 6, 7], open: '09:00', close: '20:00' }],
  kindergarten: [{ days: [1, 2, 3, 4, 5], open: '07:30', close: '17:00' }],
};
const capacityOf: Partial<Record<FacilityKind, [number, number]>> = {
  canteen: [60, 200],
  elderly_day_care: [20, 60],
  kindergarten: [90, 360],
  nursery: [20, 80],
  library: [50, 300],
};

/** Places the demo facilities and computes every circle; returns how many facilities were placed. */
export async function seedLivingCircle(tx: Tx, seed: number): Promise<number> {
  const rnd = prng(seed + 15);
  const places = await registry.circlePlaces(tx, {});
  const rows: (typeof facilities.$inferInsert)[] = [];
  for (const p of places) {
    const stem = p.name.replace(/(小区|花园|新村|公寓|苑|社区)$/, '');
    for (const need of needs) {
      if (rnd.next() < 0.2) continue;
      const count = rnd.int(1, 2);
      for (let i = 0; i < count; i++) {
        const kind = rnd.pick(facilityKinds[need]) as FacilityKind;
        const d = rnd.int(100, 1600);
        const bearing = rnd.next() * 2 * Math.PI;
        const at = offset(p, d * Math.cos(bearing), d * Math.sin(bearing));
        const cap = capacityOf[kind];
        rows.push({
          id: uuidv7(),
          name: `${stem}${kindNames[kind]['zh-CN']}${i ? `（${i + 1}）` : ''}`,
          need,
          kind,
          latitude: at.lat.toFixed(6),
          longitude: at.lng.toFixed(6),
          divisionCode: p.communityCode,
          address: `${stem}附近`,
          hours: hoursOf[kind] ?? null,
          capacity: cap ? rnd.int(cap[0], cap[1]) : null,
          operator: need === 'elderly_care' || kind === 'canteen' ? `${stem}社区居家养老服务中心（演示）` : null,
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 2000)
    await tx
      .insert(facilities)
      .values(rows.slice(i, i + 2000))
      .onConflictDoNothing();
  await seedSpaceResources(tx, places);
  for (const city of new Set(places.map((p) => p.cityCode))) await recomputeDivision(tx, city);
  await seedCluster(tx);
  return rows.length;
}

/**
 * Space resources around the demo community's first compounds (its names from the city pack's demo.json): a state-owned idle room on offer, an existing room
 * allocated, scattered land on offer, and a state-owned room already converted into an elderly day-care centre
 * (its facility added here, so the city's figures and circles include it when they are computed next).
 */
async function seedSpaceResources(tx: Tx, places: Awaited<ReturnType<typeof registry.circlePlaces>>): Promise<void> {
  const { city, district, subdistrict, community } = cityPack().demo;
  const HEMU_COMMUNITY = community.code;
  const stem = community.name.replace(/社区$/, '');
  const hemu = places.filter((p) => p.communityCode === HEMU_COMMUNITY).slice(0, 3);
  if (hemu.length < 3) return;
  const [p1, p2, p3] = hemu as [(typeof hemu)[0], (typeof hemu)[0], (typeof hemu)[0]];
  const at = (p: Point, north: number, east: number) => {
    const q = offset(p, north, east);
    return { latitude: q.lat.toFixed(6), longitude: q.lng.toFixed(6) };
  };
  const converted = uuidv7();
  const care = uuidv7();
  const careAt = at(p3, -150, 120);
  const spaces: (typeof spaceResources.$inferInsert & { steps: SpaceStatus[] })[] = [
    {
      id: uuidv7(),
      kind: 'state_room',
      name: `原${subdistrict.name}办事处闲置办公用房`,
      areaM2: '320.00',
      owner: `${district.name}机关事务管理中心`,
      ...at(p1, 180, -90),
      divisionCode: HEMU_COMMUNITY,
      condition: '二层砖混，结构完好，需重新装修',
      status: 'offered',
      steps: ['offered'],
    },
    {
      id: uuidv7(),
      kind: 'existing_room',
      name: `${p2.name}自行车库`,
      areaM2: '145.50',
      owner: `${p2.name}业主委员会`,
      compoundId: p2.compoundId,
      ...at(p2, 40, 30),
      divisionCode: HEMU_COMMUNITY,
      condition: '一层，长期闲置',
      status: 'allocated',
      allocatedTo: community.name,
      steps: ['offered', 'allocated'],
    },
    {
      id: uuidv7(),
      kind: 'scattered_land',
      name: `${p1.name}东侧边角地`,
      areaM2: '260.00',
      owner: `${district.name}城市管理局`,
      ...at(p1, -60, 200),
      divisionCode: HEMU_COMMUNITY,
      condition: '平整空地',
      status: 'offered',
      steps: ['offered'],
    },
    {
      id: converted,
      kind: 'state_room',
      name: '原区粮食公司门市部',
      areaM2: '410.00',
      owner: `${city.name}某国有粮食企业（演示）`,
      ...careAt,
      divisionCode: HEMU_COMMUNITY,
      condition: '已改造',
      status: 'converted',
      need: 'elderly_care',
      facilityKind: 'elderly_day_care',
      facilityId: care,
      convertedAt: new Date(),
      steps: ['offered', 'allocated', 'converted'],
    },
  ];
  await tx
    .insert(facilities)
    .values({
      id: care,
      name: `${stem}老年人日间照料中心（国有用房改造）`,
      need: 'elderly_care',
      kind: 'elderly_day_care',
      ...careAt,
      divisionCode: HEMU_COMMUNITY,
      hours: hoursOf.elderly_day_care ?? null,
      capacity: 40,
      operator: `${community.name}居家养老服务中心（演示）`,
    })
    .onConflictDoNothing();
  for (const { steps, ...row } of spaces) {
    await tx.insert(spaceResources).values(row);
    await tx.insert(spaceSteps).values(steps.map((status) => ({ id: uuidv7(), spaceId: row.id, status, actorUsername: 'hemu' })));
  }
}
