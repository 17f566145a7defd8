// Community commerce (社区商业, O2O listings): shops near the compounds with their category, opening hours (open
// now, in Shanghai's time) and current offers, kept by community workers; residents and the lobby screen list
// those within the rule's radius of a compound, nearest first.
import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { ruleAt } from '../../platform/policy.ts';
import { registry, type CompoundPlace } from '../registry/index.ts';
import { communityInScope, fieldError, homesOf, recordInScope } from './access.ts';
import { communityMessages as m } from './messages.ts';
import { distanceM, isClock, openAt, shanghaiDay } from './rules.ts';
import { offers, shops, type OpeningSpan, type ShopCategory } from './schema.ts';

export const RADIUS_RULE = 'community.commerce_radius_m';

type Caller = AuthUser & { ip?: string };

export interface NewShop {
  communityCode: string;
  name: string;
  category: ShopCategory;
  address: string;
  phone?: string;
  lat: number;
  lng: number;
  hours: OpeningSpan[];
}

/** Hours people can read: HH:MM times, weekdays 1–7; 24:00 only as a close. */
function checkHours(hours: OpeningSpan[]) {
  hours.forEach((s, i) => {
    if (!isClock(s.open)) throw fieldError(`body.hours.${i}.open`, 'field.clock');
    if (!isClock(s.close, true)) throw fieldError(`body.hours.${i}.close`, 'field.clock');
    const bad = s.days.findIndex((d) => !Number.isInteger(d) || d < 1 || d > 7);
    if (bad >= 0 || !s.days.length) throw fieldError(`body.hours.${i}.days${bad >= 0 ? `.${bad}` : ''}`, 'field.weekday');
  });
}

export async function createShop(ctx: AppContext, user: Caller, input: NewShop) {
  if (!communityInScope(user, input.communityCode)) throw fieldError('body.communityCode', 'field.out_of_scope');
  checkHours(input.hours);
  const id = uuidv7();
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(shops).values({
      id,
      communityCode: input.communityCode,
      name: input.name,
      category: input.category,
      address: input.address,
      phone: input.phone ?? null,
      latitude: input.lat.toFixed(6),
      longitude: input.lng.toFixed(6),
      hours: input.hours,
    });
    await audit(tx, { id: user.id, username: user.username, ip: user.ip }, 'community.shop.create', 'community_shop', id);
  });
  return (await shopsWithOffers(ctx, [id], new Date()))[0]!;
}

async function shopFor(ctx: AppContext, user: AuthUser, id: string) {
  const [s] = await ctx.db.select().from(shops).where(eq(shops.id, id));
  if (!s || !recordInScope(user, s)) throw notFound(m.msg('community.shop.entity', { id }));
  return s;
}

export async function addOffer(
  ctx: AppContext,
  user: Caller,
  shopId: string,
  input: { title: string; priceFen?: number; validFrom: string; validUntil: string },
) {
  await shopFor(ctx, user, shopId);
  if (input.validUntil < input.validFrom) throw fieldError('body.validUntil', 'field.valid_range');
  const id = uuidv7();
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(offers).values({ id, shopId, ...input, priceFen: input.priceFen ?? null });
    await audit(tx, { id: user.id, username: user.username, ip: user.ip }, 'community.offer.create', 'community_shop', shopId);
  });
  return (await shopsWithOffers(ctx, [shopId], new Date()))[0]!;
}

async function shopsWithOffers(ctx: AppContext, ids: string[], now: Date, from?: CompoundPlace) {
  if (!ids.length) return [];
  const day = shanghaiDay(now);
  const [rows, current] = await Promise.all([
    ctx.db.select().from(shops).where(inArray(shops.id, ids)),
    ctx.db
      .select()
      .from(offers)
      .where(and(inArray(offers.shopId, ids), lte(offers.validFrom, day), gte(offers.validUntil, day)))
      .orderBy(asc(offers.validUntil)),
  ]);
  return rows.map((s) => {
    const lat = Number(s.latitude);
    const lng = Number(s.longitude);
    return {
      id: s.id,
      communityCode: s.communityCode,
      name: s.name,
      category: s.category,
      address: s.address,
      phone: s.phone,
      lat,
      lng,
      hours: s.hours,
      openNow: openAt(s.hours, now),
      distanceM: from && from.lat !== null && from.lng !== null ? distanceM({ lat: from.lat, lng: from.lng }, { lat, lng }) : null,
      offers: current
        .filter((o) => o.shopId === s.id)
        .map((o) => ({ id: o.id, title: o.title, priceFen: o.priceFen, validFrom: o.validFrom, validUntil: o.validUntil })),
    };
  });
}

export async function listShops(ctx: AppContext, user: AuthUser, now = new Date()) {
  const rows = await ctx.db.select({ id: shops.id, communityCode: shops.communityCode }).from(shops);
  const mine = rows.filter((s) => recordInScope(user, s)).map((s) => s.id);
  const items = await shopsWithOffers(ctx, mine, now);
  return { items: items.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) };
}

/** Shops within the radius of a compound's point, nearest first (none when the compound has no point). */
export async function shopsNear(ctx: AppContext, place: CompoundPlace, now: Date, category?: ShopCategory) {
  if (place.lat === null || place.lng === null) return [];
  const radius = Number((await ruleAt<number>(ctx.db, RADIUS_RULE)).value);
  // A box first (cheap on the few shops of a district), then the great-circle distance.
  const dLat = radius / 111_320;
  const dLng = radius / (111_320 * Math.max(0.01, Math.cos((place.lat * Math.PI) / 180)));
  const all = await ctx.db.select({ id: shops.id, lat: shops.latitude, lng: shops.longitude, category: shops.category }).from(shops);
  const near = all.filter(
    (s) =>
      Math.abs(Number(s.lat) - place.lat!) <= dLat &&
      Math.abs(Number(s.lng) - place.lng!) <= dLng &&
      (!category || s.category === category),
  );
  const items = await shopsWithOffers(
    ctx,
    near.map((s) => s.id),
    now,
    place,
  );
  return items.filter((s) => s.distanceM! <= radius).sort((a, b) => a.distanceM! - b.distanceM!);
}

/** For a resident on /m: the shops near one of their compounds (the first home's when none is named). */
export async function myShops(ctx: AppContext, user: AuthUser, q: { compoundId?: string; category?: ShopCategory }, now = new Date()) {
  const homes = await homesOf(ctx, user);
  const compoundId = q.compoundId ?? homes[0]!.compoundId;
  if (!homes.some((h) => h.compoundId === compoundId)) throw fieldError('querystring.compoundId', 'field.not_your_home');
  const place = (await registry.compoundPlaces(ctx.db, [compoundId])).get(compoundId)!;
  return { compound: { id: place.compoundId, name: place.name }, items: await shopsNear(ctx, place, now, q.category) };
}
