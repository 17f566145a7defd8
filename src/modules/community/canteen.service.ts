// The community canteen (智慧助餐): canteens, menus by date and meal, the diners' records community workers keep
// (birth date, living alone: what the subsidy needs), and the canteen staff's daily list. Residents' bookings
// are in bookings.service.ts.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { registry } from '../registry/index.ts';
import { communityInScope, fieldError, recordInScope, staffCompound } from './access.ts';
import { communityMessages as m } from './messages.ts';
import { addDays, ageOn, shanghaiDay } from './rules.ts';
import { bookings, canteens, diners, menus, type Dish, type Meal } from './schema.ts';

type Caller = AuthUser & { ip?: string };
const actorOf = (u: Caller): Actor => ({ id: u.id, username: u.username, ip: u.ip });

export interface NewCanteen {
  communityCode: string;
  compoundId?: string;
  name: string;
  address: string;
  phone?: string;
}

const canteenView = (c: typeof canteens.$inferSelect) => ({
  id: c.id,
  communityCode: c.communityCode,
  compoundId: c.compoundId,
  name: c.name,
  address: c.address,
  phone: c.phone,
});

export async function createCanteen(ctx: AppContext, user: Caller, input: NewCanteen) {
  if (!communityInScope(user, input.communityCode)) throw fieldError('body.communityCode', 'field.out_of_scope');
  if (input.compoundId) {
    const place = await staffCompound(ctx, user, input.compoundId, 'body.compoundId');
    if (place.communityCode !== input.communityCode) throw fieldError('body.compoundId', 'field.community_mismatch');
  }
  const id = uuidv7();
  const [row] = await ctx.database.db.transaction(async (tx) => {
    const rows = await tx
      .insert(canteens)
      .values({ id, ...input, compoundId: input.compoundId ?? null, phone: input.phone ?? null })
      .returning();
    await audit(tx, actorOf(user), 'community.canteen.create', 'community_canteen', id);
    return rows;
  });
  return canteenView(row!);
}

export async function listCanteens(ctx: AppContext, user: AuthUser) {
  const rows = await ctx.db.select().from(canteens).orderBy(asc(canteens.communityCode), asc(canteens.name));
  return { items: rows.filter((c) => recordInScope(user, c)).map(canteenView) };
}

export async function canteenFor(ctx: AppContext, user: AuthUser, id: string) {
  const [c] = await ctx.db.select().from(canteens).where(eq(canteens.id, id));
  if (!c || !recordInScope(user, c)) throw notFound(m.msg('community.canteen.entity', { id }));
  return c;
}

async function bookedCounts(ctx: AppContext, menuIds: string[]): Promise<Map<string, number>> {
  if (!menuIds.length) return new Map();
  const rows = await ctx.db
    .select({ menuId: bookings.menuId, n: sql<number>`count(*)::int` })
    .from(bookings)
    .where(and(inArray(bookings.menuId, menuIds), eq(bookings.status, 'booked')))
    .groupBy(bookings.menuId);
  return new Map(rows.map((r) => [r.menuId, r.n]));
}

export const menuView = (r: typeof menus.$inferSelect, booked: number) => ({
  id: r.id,
  canteenId: r.canteenId,
  date: r.date,
  meal: r.meal,
  capacity: r.capacity,
  booked,
  left: Math.max(0, r.capacity - booked),
  dishes: r.dishes,
});

/** Menus of canteens between two days, with how many are booked. */
export async function menusBetween(ctx: AppContext, canteenIds: string[], from: string, to: string) {
  if (!canteenIds.length) return [];
  const rows = await ctx.db
    .select()
    .from(menus)
    .where(and(inArray(menus.canteenId, canteenIds), gte(menus.date, from), lte(menus.date, to)))
    .orderBy(asc(menus.date), sql`array_position(array['breakfast','lunch','dinner'], ${menus.meal}::text)`);
  const counts = await bookedCounts(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => menuView(r, counts.get(r.id) ?? 0));
}

export async function canteenMenus(ctx: AppContext, user: AuthUser, canteenId: string, q: { from?: string; to?: string }) {
  await canteenFor(ctx, user, canteenId);
  const from = q.from ?? shanghaiDay(new Date());
  return { items: await menusBetween(ctx, [canteenId], from, q.to ?? addDays(from, 30)) };
}

/**
 * Sets a meal's menu (creating it). Once booked, a dish keeps its price and stays on the menu, and the capacity
 * never falls below the bookings: what a resident booked is what they get.
 */
export async function setMenu(
  ctx: AppContext,
  user: Caller,
  canteenId: string,
  date: string,
  meal: Meal,
  input: { capacity: number; dishes: { name: string; priceFen: number }[] },
) {
  await canteenFor(ctx, user, canteenId);
  const names = input.dishes.map((d) => d.name);
  const dup = names.findIndex((n, i) => names.indexOf(n) !== i);
  if (dup >= 0) throw fieldError(`body.dishes.${dup}.name`, 'field.duplicate_dish');
  return ctx.database.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(menus)
      .where(and(eq(menus.canteenId, canteenId), eq(menus.date, date), eq(menus.meal, meal)))
      .for('update');
    const before = new Map((existing?.dishes ?? []).map((d) => [d.name, d]));
    const dishes: Dish[] = input.dishes.map((d) => ({ id: before.get(d.name)?.id ?? `d${randomBytes(4).toString('hex')}`, ...d }));
    let booked = 0;
    if (existing) {
      const live = await tx
        .select({ items: bookings.items })
        .from(bookings)
        .where(and(eq(bookings.menuId, existing.id), eq(bookings.status, 'booked')));
      booked = live.length;
      if (input.capacity < booked) throw fieldError('body.capacity', 'field.below_booked', { booked });
      const bookedDishes = new Set(live.flatMap((b) => b.items.map((i) => i.dishId)));
      for (const old of existing.dishes) {
        if (!bookedDishes.has(old.id)) continue;
        const now = dishes.findIndex((d) => d.id === old.id);
        if (now < 0 || dishes[now]!.priceFen !== old.priceFen)
          throw fieldError(`body.dishes${now < 0 ? '' : `.${now}.priceFen`}`, 'field.dish_booked');
      }
    }
    const id = existing?.id ?? uuidv7();
    const [row] = existing
      ? await tx.update(menus).set({ capacity: input.capacity, dishes, updatedAt: new Date() }).where(eq(menus.id, id)).returning()
      : await tx.insert(menus).values({ id, canteenId, date, meal, capacity: input.capacity, dishes }).returning();
    await audit(tx, actorOf(user), 'community.menu.set', 'community_menu', id, { date, meal, dishes: dishes.length });
    return menuView(row!, booked);
  });
}

/** The canteen staff's list for a day: each meal's bookings (the home's address, never a name) and dish totals. */
export async function dailyList(ctx: AppContext, user: AuthUser, canteenId: string, date: string) {
  const canteen = await canteenFor(ctx, user, canteenId);
  const dayMenus = await menusBetween(ctx, [canteenId], date, date);
  const rows = await ctx.db
    .select()
    .from(bookings)
    .where(and(eq(bookings.canteenId, canteenId), eq(bookings.date, date), eq(bookings.status, 'booked')))
    .orderBy(asc(bookings.createdAt));
  const homes = new Map(
    (await registry.householdFrame(ctx.db, { householdIds: [...new Set(rows.map((r) => r.householdId))] })).map((h) => [h.id, h]),
  );
  return {
    canteen: canteenView(canteen),
    date,
    meals: dayMenus.map((menu) => {
      const mine = rows.filter((r) => r.menuId === menu.id);
      const totals = new Map<string, number>();
      for (const b of mine) for (const i of b.items) totals.set(i.dishId, (totals.get(i.dishId) ?? 0) + i.qty);
      return {
        ...menu,
        dishTotals: menu.dishes.map((d) => ({ dishId: d.id, name: d.name, qty: totals.get(d.id) ?? 0 })),
        payFen: mine.reduce((s, b) => s + b.payFen, 0),
        subsidyFen: mine.reduce((s, b) => s + b.subsidyFen, 0),
        bookings: mine.map((b) => {
          const h = homes.get(b.householdId);
          return {
            id: b.id,
            home: h ? `${h.compound} ${h.building} ${h.unit} ${h.room}` : '',
            mode: b.mode,
            items: b.items,
            totalFen: b.totalFen,
            subsidyFen: b.subsidyFen,
            payFen: b.payFen,
            bookedAt: b.createdAt.toISOString(),
          };
        }),
      };
    }),
  };
}

/** The diner's record, kept by a community worker of one of the resident's compounds. */
export async function setDiner(
  ctx: AppContext,
  user: Caller,
  residentId: string,
  input: { birthDate: string | null; livesAlone: boolean },
) {
  const homes = await registry.membershipsOfResident(ctx.db, residentId);
  const places = await registry.compoundPlaces(
    ctx.db,
    homes.map((h) => h.compoundId),
  );
  const visible = homes.filter((h) => {
    const p = places.get(h.compoundId);
    return p && recordInScope(user, { communityCode: p.communityCode, compoundId: p.compoundId });
  });
  if (!visible.length) throw notFound(m.msg('community.resident.entity', { id: residentId }));
  const today = shanghaiDay(new Date());
  if (input.birthDate && input.birthDate > today) throw fieldError('body.birthDate', 'field.expired');
  await ctx.database.db.transaction(async (tx) => {
    const values = { birthDate: input.birthDate, livesAlone: input.livesAlone, updatedBy: user.id, updatedAt: new Date() };
    await tx
      .insert(diners)
      .values({ residentId, ...values })
      .onConflictDoUpdate({ target: diners.residentId, set: values });
    // Which fields changed hands, never their values (a birth date is personal data).
    await audit(tx, actorOf(user), 'community.diner.set', 'resident', residentId, { fields: ['birthDate', 'livesAlone'] });
  });
  return dinerView(residentId, input, today);
}

const dinerView = (residentId: string, d: { birthDate: string | null; livesAlone: boolean }, today: string) => ({
  residentId,
  // The age, not the birth date: lists need the band, and the date stays where it was entered.
  age: d.birthDate ? ageOn(d.birthDate, today) : null,
  livesAlone: d.livesAlone,
});

/** Diners' records of the residents of one compound in scope, with each home's address. */
export async function dinersOf(ctx: AppContext, user: AuthUser, compoundId: string) {
  await staffCompound(ctx, user, compoundId, 'querystring.compoundId');
  const members = await registry.verifiedMembersOf(ctx.db, [compoundId]);
  const records = members.length
    ? await ctx.db
        .select()
        .from(diners)
        .where(
          inArray(
            diners.residentId,
            members.map((x) => x.residentId),
          ),
        )
    : [];
  const byId = new Map(records.map((r) => [r.residentId, r]));
  const frame = new Map((await registry.householdFrame(ctx.db, { householdIds: members.map((x) => x.householdId) })).map((h) => [h.id, h]));
  const today = shanghaiDay(new Date());
  return {
    items: members.map((x) => {
      const r = byId.get(x.residentId);
      const h = frame.get(x.householdId);
      return {
        ...dinerView(x.residentId, r ?? { birthDate: null, livesAlone: false }, today),
        recorded: !!r,
        householdId: x.householdId,
        home: h ? `${h.building} ${h.unit} ${h.room}` : '',
        relation: x.relation,
      };
    }),
  };
}

/** The canteen's records of some residents (the subsidy and the `elders` group read them). */
export async function dinerRecords(db: AppContext['db'], residentIds: string[]) {
  if (!residentIds.length) return new Map<string, { birthDate: string | null; livesAlone: boolean }>();
  const rows = await db.select().from(diners).where(inArray(diners.residentId, residentIds));
  return new Map(rows.map((r) => [r.residentId, { birthDate: r.birthDate, livesAlone: r.livesAlone }]));
}
