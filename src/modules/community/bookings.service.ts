// A resident's side of the canteen on /m: the menus of the canteens serving their homes, a quote with the
// subsidised price, booking (pickup or delivery) before the cut-off and within the meal's capacity, and
// cancelling before the cut-off. Every function takes `now`, so tests move the clock instead of waiting.
import { and, asc, desc, eq, inArray, or, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { conflict, notFound } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { ruleAt } from '../../platform/policy.ts';
import { registry, type RegistryMember } from '../registry/index.ts';
import { fieldError, homesOf } from './access.ts';
import { dinerRecords, menusBetween } from './canteen.service.ts';
import { communityMessages as m } from './messages.ts';
import { addDays, ageOn, bookingCutoff, mealPrice, shanghaiDay, type BookingRule, type SubsidyRule } from './rules.ts';
import { bookings, canteens, menus, type BookedItem, type BookingMode, type Meal } from './schema.ts';

export const BOOKING_RULE = 'community.canteen_booking';
export const SUBSIDY_RULE = 'community.meal_subsidy';

const bookingRule = async (db: AppContext['db'] | Tx) => (await ruleAt<BookingRule>(db, BOOKING_RULE)).value;

/** Shanghai wall-clock "yyyy-mm-dd HH:MM" of an instant, as the cut-off is told to people. */
const wallClock = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The canteens serving a resident's homes: their community's, unless a canteen serves one compound only. */
async function canteensFor(ctx: AppContext, homes: RegistryMember[]) {
  const places = await registry.compoundPlaces(
    ctx.db,
    homes.map((h) => h.compoundId),
  );
  const codes = [...new Set([...places.values()].map((p) => p.communityCode))];
  if (!codes.length) return { rows: [], places };
  const rows = await ctx.db
    .select()
    .from(canteens)
    .where(
      and(
        inArray(canteens.communityCode, codes),
        or(
          isNull(canteens.compoundId),
          inArray(
            canteens.compoundId,
            homes.map((h) => h.compoundId),
          ),
        ),
      ),
    )
    .orderBy(asc(canteens.name));
  return { rows, places };
}

/** The home a canteen serves (the first such of the resident's), or null. */
function servedHome(
  c: { communityCode: string; compoundId: string | null },
  homes: RegistryMember[],
  places: Map<string, { communityCode: string }>,
) {
  return (
    homes.find((h) => (c.compoundId ? h.compoundId === c.compoundId : places.get(h.compoundId)?.communityCode === c.communityCode)) ?? null
  );
}

export async function myCanteen(ctx: AppContext, user: AuthUser, now = new Date()) {
  const homes = await homesOf(ctx, user);
  const { rows } = await canteensFor(ctx, homes);
  const rule = await bookingRule(ctx.db);
  const today = shanghaiDay(now);
  const list = await menusBetween(
    ctx,
    rows.map((c) => c.id),
    today,
    addDays(today, rule.advanceDays),
  );
  const mine = await ctx.db
    .select({ id: bookings.id, menuId: bookings.menuId })
    .from(bookings)
    .where(
      and(
        eq(bookings.residentId, user.residentId!),
        eq(bookings.status, 'booked'),
        inArray(bookings.date, [...new Set(list.map((x) => x.date))].concat(today)),
      ),
    );
  const booked = new Map(mine.map((b) => [b.menuId, b.id]));
  const diner = (await dinerRecords(ctx.db, [user.residentId!])).get(user.residentId!) ?? null;
  // What the rule in force today grants this diner (a price large enough that no cap hides a reason).
  const subsidy = await ruleAt<SubsidyRule>(ctx.db, SUBSIDY_RULE, today);
  const reasons = mealPrice([{ priceFen: 1_000_000, qty: 1 }], diner, subsidy.value, today).reasons;
  return {
    canteens: rows.map((c) => ({ id: c.id, name: c.name, address: c.address, phone: c.phone })),
    menus: list.map((x) => {
      const cutoff = bookingCutoff(rule, x.date, x.meal);
      return {
        ...x,
        cutoffAt: cutoff.toISOString(),
        bookable: now < cutoff && x.left > 0 && !booked.has(x.id),
        myBookingId: booked.get(x.id) ?? null,
      };
    }),
    diner: {
      age: diner?.birthDate ? ageOn(diner.birthDate, today) : null,
      livesAlone: diner?.livesAlone ?? false,
      recorded: !!diner,
      reasons,
    },
    cutoffMinutes: rule.cutoffMinutes,
  };
}

interface Order {
  menuId: string;
  items: { dishId: string; qty: number }[];
}

/** The menu (locked in a transaction), its canteen, the home it serves, and the items priced from it. */
async function priced(ctx: AppContext, db: AppContext['db'] | Tx, user: AuthUser, order: Order, lock: boolean) {
  const homes = await homesOf(ctx, user);
  const q = db.select().from(menus).where(eq(menus.id, order.menuId));
  const [menu] = lock ? await q.for('update') : await q;
  if (!menu) throw fieldError('body.menuId', 'field.out_of_scope');
  const [canteen] = await db.select().from(canteens).where(eq(canteens.id, menu.canteenId));
  const places = await registry.compoundPlaces(
    ctx.db,
    homes.map((h) => h.compoundId),
  );
  const home = canteen ? servedHome(canteen, homes, places) : null;
  if (!canteen || !home) throw fieldError('body.menuId', 'field.not_served');
  const items: BookedItem[] = order.items.map((it, i) => {
    const dish = menu.dishes.find((d) => d.id === it.dishId);
    if (!dish) throw fieldError(`body.items.${i}.dishId`, 'field.unknown_dish');
    return { dishId: dish.id, name: dish.name, priceFen: dish.priceFen, qty: it.qty };
  });
  // The rule in force on the meal's day prices it: a rule published for next year leaves this year's meals alone.
  const rule = await ruleAt<SubsidyRule>(db, SUBSIDY_RULE, menu.date);
  const diner = (await dinerRecords(db as AppContext['db'], [user.residentId!])).get(user.residentId!) ?? null;
  return { menu, canteen, home, items, rule, price: mealPrice(items, diner, rule.value, menu.date) };
}

export async function quote(ctx: AppContext, user: AuthUser, order: Order) {
  const { items, price, rule } = await priced(ctx, ctx.db, user, order, false);
  return { items, ...price, ruleVersion: rule.version };
}

export const bookingView = (b: typeof bookings.$inferSelect, cutoff: Date, now: Date) => ({
  id: b.id,
  canteenId: b.canteenId,
  menuId: b.menuId,
  date: b.date,
  meal: b.meal,
  mode: b.mode,
  items: b.items,
  totalFen: b.totalFen,
  subsidyFen: b.subsidyFen,
  payFen: b.payFen,
  subsidyReasons: b.subsidyReasons,
  status: b.status,
  createdAt: b.createdAt.toISOString(),
  cancelledAt: b.cancelledAt?.toISOString() ?? null,
  cutoffAt: cutoff.toISOString(),
  cancellable: b.status === 'booked' && now < cutoff,
});

const mealWords = (meal: Meal, day: string) => ({ in: (l: 'zh-CN' | 'en') => `${day} ${m.msg(`meal.${meal}`).in(l)}` });

export async function book(ctx: AppContext, user: AuthUser, order: Order & { mode: BookingMode }, now = new Date()) {
  const rule = await bookingRule(ctx.db);
  return ctx.database.db.transaction(async (tx) => {
    // The menu's row lock serialises bookings of one meal: the capacity check and the insert see the same count.
    const { menu, canteen, home, items, price, rule: subsidy } = await priced(ctx, tx, user, order, true);
    const cutoff = bookingCutoff(rule, menu.date, menu.meal);
    if (menu.date > addDays(shanghaiDay(now), rule.advanceDays)) throw fieldError('body.menuId', 'field.too_far_ahead');
    if (now >= cutoff)
      throw conflict(m.msg('community.booking.cutoff_passed', { meal: mealWords(menu.meal, menu.date), cutoff: wallClock(cutoff) }), {
        cutoffAt: cutoff.toISOString(),
      });
    const live = await tx
      .select({ residentId: bookings.residentId })
      .from(bookings)
      .where(and(eq(bookings.menuId, menu.id), eq(bookings.status, 'booked')));
    if (live.some((b) => b.residentId === user.residentId)) throw conflict(m.msg('community.booking.already'));
    if (live.length >= menu.capacity)
      throw conflict(m.msg('community.booking.full', { meal: mealWords(menu.meal, menu.date), capacity: menu.capacity }), {
        capacity: menu.capacity,
      });
    const [row] = await tx
      .insert(bookings)
      .values({
        id: uuidv7(),
        canteenId: canteen.id,
        menuId: menu.id,
        date: menu.date,
        meal: menu.meal,
        residentId: user.residentId!,
        accountId: user.id,
        householdId: home.householdId,
        compoundId: home.compoundId,
        mode: order.mode,
        items,
        totalFen: price.totalFen,
        subsidyFen: price.subsidyFen,
        payFen: price.payFen,
        subsidyRuleVersion: subsidy.version,
        subsidyReasons: price.reasons,
        createdAt: now,
      })
      .returning();
    return bookingView(row!, cutoff, now);
  });
}

export async function myBookings(ctx: AppContext, user: AuthUser, now = new Date()) {
  await homesOf(ctx, user);
  const rule = await bookingRule(ctx.db);
  const rows = await ctx.db
    .select()
    .from(bookings)
    .where(and(eq(bookings.residentId, user.residentId!), sql`${bookings.date} >= ${addDays(shanghaiDay(now), -30)}`))
    .orderBy(desc(bookings.date), desc(bookings.createdAt))
    .limit(100);
  return { items: rows.map((b) => bookingView(b, bookingCutoff(rule, b.date, b.meal), now)) };
}

export async function cancelBooking(ctx: AppContext, user: AuthUser, id: string, now = new Date()) {
  await homesOf(ctx, user);
  const rule = await bookingRule(ctx.db);
  return ctx.database.db.transaction(async (tx) => {
    const [b] = await tx.select().from(bookings).where(eq(bookings.id, id)).for('update');
    if (!b || b.residentId !== user.residentId) throw notFound(m.msg('community.booking.entity', { id }));
    const cutoff = bookingCutoff(rule, b.date, b.meal);
    if (b.status === 'cancelled') throw conflict(m.msg('community.booking.cancelled'));
    if (now >= cutoff)
      throw conflict(m.msg('community.booking.cutoff_passed', { meal: mealWords(b.meal, b.date), cutoff: wallClock(cutoff) }), {
        cutoffAt: cutoff.toISOString(),
      });
    const [row] = await tx.update(bookings).set({ status: 'cancelled', cancelledAt: now }).where(eq(bookings.id, id)).returning();
    return bookingView(row!, cutoff, now);
  });
}
