// The demo of the community services in 和睦社区 (330105004001): a canteen with this week's menus, two notices to the
// demo resident's compound (one to all, one to their building), a few shops around it with an offer, the demo
// resident's diner record (so the subsidy shows), and the lobby screen's token of that compound (printed in README).
import { createHash } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { cityPack } from '../../platform/city.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { accountByUsername } from '../accounts/index.ts';
import { registry } from '../registry/index.ts';
import { addDays, shanghaiDay } from './rules.ts';
import { canteens, diners, menus, notices, offers, screens, shops, type Dish, type Meal, type OpeningSpan } from './schema.ts';

const shopNames = () => cityPack().demo.names.shops;
/** The demo compound's screen token: public in README, so a real deployment rotates it on its first day. */
export const DEMO_SCREEN_TOKEN = 'hemu-lobby-screen-demo-2026';

const lunch: [string, number][] = [
  ['红烧肉', 1200],
  ['清蒸鲈鱼', 1500],
  ['番茄炒蛋', 600],
  ['青菜豆腐', 400],
  ['米饭', 100],
];
const dinner: [string, number][] = [
  ['土豆烧鸡块', 1000],
  ['西湖醋鱼', 1400],
  ['炒时蔬', 400],
  ['紫菜蛋花汤', 300],
  ['米饭', 100],
];
const breakfast: [string, number][] = [
  ['小米粥', 200],
  ['菜包', 150],
  ['豆浆', 200],
  ['茶叶蛋', 150],
];

const dishes = (list: [string, number][], day: number): Dish[] =>
  // A little variety by day: the first dish rotates to the end on odd days.
  (day % 2 ? [...list.slice(1), list[0]!] : list).map(([name, priceFen], i) => ({ id: `d${day}${i}`, name, priceFen }));

const everyDay = [1, 2, 3, 4, 5, 6, 7];
const demoShops = (): {
  name: string;
  category: (typeof shops.$inferInsert)['category'];
  dLat: number;
  dLng: number;
  hours: OpeningSpan[];
}[] => [
  {
    name: shopNames().grocery!,
    category: 'grocery',
    dLat: 0.0012,
    dLng: 0.0008,
    hours: [{ days: everyDay, open: '07:00', close: '22:00' }],
  },
  {
    name: shopNames().noodles!,
    category: 'restaurant',
    dLat: -0.0018,
    dLng: 0.0011,
    hours: [{ days: everyDay, open: '06:30', close: '20:30' }],
  },
  {
    name: shopNames().pharmacy!,
    category: 'pharmacy',
    dLat: 0.0025,
    dLng: -0.0009,
    hours: [{ days: everyDay, open: '00:00', close: '24:00' }],
  },
  {
    name: '邻里理发店（演示）',
    category: 'barber',
    dLat: -0.0007,
    dLng: -0.0021,
    hours: [{ days: [2, 3, 4, 5, 6, 7], open: '09:00', close: '19:00' }],
  },
  {
    name: '夜宵烧烤（演示）',
    category: 'restaurant',
    dLat: 0.0031,
    dLng: 0.0024,
    hours: [{ days: [5, 6], open: '18:00', close: '02:00' }],
  },
  {
    name: '阿姨家政服务站（演示）',
    category: 'housekeeping',
    dLat: 0.0009,
    dLng: -0.0004,
    hours: [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:30' }],
  },
];

export async function seedCommunity(
  tx: Tx,
  hemuCompoundIds: readonly string[],
  hemuResidentId: string | null,
  now = new Date(),
): Promise<number> {
  const [already] = await tx.select({ n: count() }).from(canteens);
  if (already!.n > 0 || !hemuCompoundIds.length) return 0;
  const homes = hemuResidentId ? await registry.membershipsOfResident(tx, hemuResidentId) : [];
  const places = await registry.compoundPlaces(tx, [...hemuCompoundIds]);
  const demo = places.get(homes.find((h) => places.has(h.compoundId))?.compoundId ?? hemuCompoundIds[0]!)!;
  const home = homes.find((h) => h.compoundId === demo.compoundId);

  const canteenId = uuidv7();
  await tx.insert(canteens).values({
    id: canteenId,
    communityCode: cityPack().demo.community.code,
    name: shopNames().canteen!,
    address: shopNames().canteenAddress!,
    phone: shopNames().canteenPhone!,
  });
  // This week in Shanghai, Monday to Sunday.
  const today = shanghaiDay(now);
  const weekday = ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const monday = addDays(today, 1 - weekday);
  const rows: (typeof menus.$inferInsert)[] = [];
  for (let d = 0; d < 7; d++) {
    const date = addDays(monday, d);
    const day: [Meal, [string, number][], number][] = [
      ['breakfast', breakfast, 40],
      ['lunch', lunch, 80],
      ['dinner', dinner, 60],
    ];
    for (const [meal, list, capacity] of day) rows.push({ id: uuidv7(), canteenId, date, meal, capacity, dishes: dishes(list, d) });
  }
  await tx.insert(menus).values(rows);

  const worker = await accountByUsername(tx, 'hemu-worker');
  if (worker) {
    await tx.insert(notices).values({
      id: uuidv7(),
      compoundId: demo.compoundId,
      communityCode: demo.communityCode,
      title: '关于本周六开展消防安全演练的通知（演示）',
      body: '本周六上午 9:00 在小区中心广场开展消防安全演练，请各位居民准时参加。演练期间请勿使用电梯。',
      publishedBy: worker.id,
      publisherRole: 'community_worker',
      publishedAt: new Date(now.getTime() - 26 * 3_600_000),
    });
    if (home)
      await tx.insert(notices).values({
        id: uuidv7(),
        compoundId: demo.compoundId,
        communityCode: demo.communityCode,
        title: '本楼二次供水水箱清洗停水通知（演示）',
        body: '明天 9:00—15:00 清洗本楼二次供水水箱，期间停水，请提前储水。',
        buildingIds: [home.buildingId],
        publishedBy: worker.id,
        publisherRole: 'community_worker',
        publishedAt: new Date(now.getTime() - 3 * 3_600_000),
      });
  }

  if (demo.lat !== null && demo.lng !== null) {
    const shopRows = demoShops().map((s) => ({
      id: uuidv7(),
      communityCode: cityPack().demo.community.code,
      name: s.name,
      category: s.category,
      address: shopNames().shopsAddress!,
      latitude: (demo.lat! + s.dLat).toFixed(6),
      longitude: (demo.lng! + s.dLng).toFixed(6),
      hours: s.hours,
    }));
    await tx.insert(shops).values(shopRows);
    await tx.insert(offers).values({
      id: uuidv7(),
      shopId: shopRows[0]!.id,
      title: '60 岁以上老人凭卡购物九五折（演示）',
      validFrom: addDays(today, -7),
      validUntil: addDays(today, 60),
    });
  }

  if (hemuResidentId && worker)
    await tx.insert(diners).values({ residentId: hemuResidentId, birthDate: '1944-05-01', livesAlone: true, updatedBy: worker.id });
  await tx.insert(screens).values({
    compoundId: demo.compoundId,
    tokenHash: createHash('sha256').update(DEMO_SCREEN_TOKEN).digest('hex'),
  });
  return rows.length;
}
