// The canteen through the API: menus set by staff (validation names the field), residents' menus, the quote and
// the booking priced by community.meal_subsidy exact to the fen (and by the version in force on the meal's day),
// capacity, the cut-off for booking and cancelling (the clock passed in, not waited for), the day's list for the
// canteen staff, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRule } from '../../platform/policy.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { book, cancelBooking } from './bookings.service.ts';
import { canteenWith, communityWorld, type CommunityWorld } from './fixtures.ts';
import { addDays, shanghaiDay } from './rules.ts';

const lunch = [
  { name: '红烧肉', priceFen: 1200 },
  { name: '米饭', priceFen: 100 },
];

describe('the community canteen', () => {
  let t: TestApp;
  let w: CommunityWorld;
  const day = addDays(shanghaiDay(new Date()), 2);
  let canteenId: string;
  let menuId: string;
  let dishes: { id: string; name: string; priceFen: number }[];
  let elder: { username: string; residentId: string };
  let young: { username: string; residentId: string };
  let third: { username: string; residentId: string };

  beforeAll(async () => {
    t = await testApp();
    w = await communityWorld(t);
    ({ canteenId, menuId, dishes } = await canteenWith(t, { date: day, meal: 'lunch', capacity: 2, dishes: lunch }, w.compoundId));
    elder = await w.resident(0);
    young = await w.resident(1);
    third = await w.resident(2);
  });
  afterAll(() => t.close());

  it('refuses bad menus naming the field', async () => {
    const dup = await t.call('PUT', `/api/v1/canteens/${canteenId}/menus/${day}/dinner`, 'hemu-worker', {
      capacity: 10,
      dishes: [...lunch, { name: '米饭', priceFen: 150 }],
    });
    expect(dup.statusCode).toBe(422);
    expect(dup.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(dup.json().errors[0].path).toBe('body.dishes.2.name');
    const fraction = await t.call('PUT', `/api/v1/canteens/${canteenId}/menus/${day}/dinner`, 'hemu-worker', {
      capacity: 10,
      dishes: [{ name: '米饭', priceFen: 1.5 }],
    });
    expect(fraction.statusCode).toBe(400);
    expect(fraction.json().errors.map((e: { path: string }) => e.path)).toContain('body.dishes.0.priceFen');
    const meal = await t.call('PUT', `/api/v1/canteens/${canteenId}/menus/${day}/supper`, 'hemu-worker', { capacity: 1, dishes: lunch });
    expect(meal.statusCode).toBe(400);
    const badDay = await t.call('PUT', `/api/v1/canteens/${canteenId}/menus/2026-02-30/lunch`, 'hemu-worker', {
      capacity: 1,
      dishes: lunch,
    });
    expect(badDay.statusCode).toBe(400);
  });

  it('keeps canteens to staff in scope: residents and property staff are refused', async () => {
    expect((await t.call('GET', '/api/v1/canteens', elder.username)).statusCode).toBe(403);
    expect((await t.call('GET', `/api/v1/canteens/${canteenId}/bookings?date=${day}`, 'property')).statusCode).toBe(403);
    const other = await t.call('POST', '/api/v1/canteens', 'hemu-worker', {
      communityCode: '330105001001',
      name: '别处食堂',
      address: '别处',
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().errors[0].path).toBe('body.communityCode');
  });

  it('prices a meal exactly with the subsidy the diner’s record entitles them to', async () => {
    // 80 on the meal's day and living alone: 4.00 + 1.00 yuan off 14.00 yuan.
    const born = `${Number(day.slice(0, 4)) - 80}${day.slice(4)}`;
    const set = await t.call('PUT', `/api/v1/diners/${elder.residentId}`, 'hemu-worker', { birthDate: born, livesAlone: true });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ residentId: elder.residentId, age: 79, livesAlone: true });
    const order = {
      menuId,
      items: [
        { dishId: dishes[0]!.id, qty: 1 },
        { dishId: dishes[1]!.id, qty: 2 },
      ],
    };
    const q = await t.call('POST', '/api/v1/me/canteen/quote', elder.username, order);
    expect(q.statusCode, q.body).toBe(200);
    expect(q.json()).toMatchObject({ totalFen: 1400, subsidyFen: 500, payFen: 900, reasons: ['age:80', 'lives_alone'] });
    const none = await t.call('POST', '/api/v1/me/canteen/quote', young.username, order);
    expect(none.json()).toMatchObject({ totalFen: 1400, subsidyFen: 0, payFen: 1400, reasons: [] });
    const unknown = await t.call('POST', '/api/v1/me/canteen/quote', young.username, { menuId, items: [{ dishId: 'nope', qty: 1 }] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].path).toBe('body.items.0.dishId');
  });

  it('prices by the rule version in force on the meal’s day', async () => {
    const later = addDays(day, 1);
    const m = await t.call('PUT', `/api/v1/canteens/${canteenId}/menus/${later}/lunch`, 'hemu-worker', { capacity: 5, dishes: lunch });
    await t.ctx.database.db.transaction((tx) =>
      publishRule(tx, {
        key: 'community.meal_subsidy',
        version: 'test-next',
        value: { bands: [{ minAge: 80, fenOff: 600 }], livesAloneFenOff: 0, maxPercentOfPrice: 100 },
        source: 'test',
        effectiveFrom: later,
      }),
    );
    const order = (id: string, ds: { id: string }[]) => ({
      menuId: id,
      items: [
        { dishId: ds[0]!.id, qty: 1 },
        { dishId: ds[1]!.id, qty: 2 },
      ],
    });
    const before = await t.call('POST', '/api/v1/me/canteen/quote', elder.username, order(menuId, dishes));
    const after = await t.call('POST', '/api/v1/me/canteen/quote', elder.username, order(m.json().id, m.json().dishes));
    expect(before.json()).toMatchObject({ subsidyFen: 500, payFen: 900 });
    expect(after.json()).toMatchObject({ subsidyFen: 600, payFen: 800, ruleVersion: 'test-next' });
  });

  it('books within capacity, one booking per resident and meal, and frees a place on cancelling', async () => {
    const order = { menuId, mode: 'pickup', items: [{ dishId: dishes[0]!.id, qty: 1 }] };
    const a = await t.call('POST', '/api/v1/me/canteen/bookings', elder.username, order);
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ status: 'booked', totalFen: 1200, subsidyFen: 500, payFen: 700, cancellable: true });
    expect((await t.call('POST', '/api/v1/me/canteen/bookings', elder.username, order)).json().code).toBe('community.booking.already');
    const b = await t.call('POST', '/api/v1/me/canteen/bookings', young.username, { ...order, mode: 'delivery' });
    expect(b.statusCode, b.body).toBe(201);
    const full = await t.call('POST', '/api/v1/me/canteen/bookings', third.username, order);
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'community.booking.full', capacity: 2 });
    // Someone else's booking is not found; the owner's cancel frees the place.
    expect((await t.call('POST', `/api/v1/me/canteen/bookings/${b.json().id}/cancel`, third.username)).statusCode).toBe(404);
    const cancelled = await t.call('POST', `/api/v1/me/canteen/bookings/${b.json().id}/cancel`, young.username);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancellable: false });
    expect((await t.call('POST', '/api/v1/me/canteen/bookings', third.username, order)).statusCode).toBe(201);
    const menus = await t.call('GET', '/api/v1/me/canteen', third.username);
    expect(menus.json().menus.find((x: { id: string }) => x.id === menuId)).toMatchObject({ booked: 2, left: 0, bookable: false });
  });

  it('closes booking and cancelling at the cut-off, two hours before the meal', async () => {
    const later = addDays(day, 3);
    const m = await t.call('PUT', `/api/v1/canteens/${canteenId}/menus/${later}/lunch`, 'hemu-worker', { capacity: 5, dishes: lunch });
    const order = { menuId: m.json().id, mode: 'pickup' as const, items: [{ dishId: m.json().dishes[0].id, qty: 1 }] };
    // Lunch at 11:30 Shanghai: the cut-off is 09:30 (01:30 UTC).
    const cutoff = new Date(`${later}T01:30:00Z`);
    const user = await w.user(young.username);
    const late = await book(t.ctx, user, order, cutoff).catch((e: unknown) => e);
    expect(late).toMatchObject({ status: 409, code: 'community.booking.cutoff_passed' });
    const ok = await book(t.ctx, user, order, new Date(cutoff.getTime() - 1000));
    expect(ok.cutoffAt).toBe(cutoff.toISOString());
    const tooLate = await cancelBooking(t.ctx, user, ok.id, cutoff).catch((e: unknown) => e);
    expect(tooLate).toMatchObject({ status: 409, code: 'community.booking.cutoff_passed' });
    expect((await cancelBooking(t.ctx, user, ok.id, new Date(cutoff.getTime() - 1))).status).toBe('cancelled');
  });

  it('refuses a resident whose compound the canteen does not serve', async () => {
    const elsewhere = await communityWorld(t);
    const stranger = await elsewhere.resident(0);
    const res = await t.call('POST', '/api/v1/me/canteen/bookings', stranger.username, {
      menuId,
      mode: 'pickup',
      items: [{ dishId: dishes[0]!.id, qty: 1 }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('body.menuId');
    expect((await t.call('GET', '/api/v1/me/canteen', 'hemu-worker')).statusCode).toBe(403);
  });

  it('lists the day’s bookings for the canteen staff by home, with dish totals and sums', async () => {
    const res = await t.call('GET', `/api/v1/canteens/${canteenId}/bookings?date=${day}`, 'hemu-worker');
    expect(res.statusCode, res.body).toBe(200);
    const lunchList = res.json().meals.find((x: { meal: string }) => x.meal === 'lunch');
    expect(lunchList.bookings).toHaveLength(2);
    expect(lunchList.bookings.map((b: { home: string }) => b.home).sort()).toEqual([
      expect.stringContaining('1幢 1单元 101'),
      expect.stringContaining('1幢 1单元 102'),
    ]);
    expect(lunchList.dishTotals.find((d: { name: string }) => d.name === '红烧肉').qty).toBe(2);
    expect(lunchList.payFen).toBe(700 + 1200);
    expect(lunchList.subsidyFen).toBe(500);
    // A menu with bookings keeps its booked dishes and never drops below the bookings.
    const shrink = await t.call('PUT', `/api/v1/canteens/${canteenId}/menus/${day}/lunch`, 'hemu-worker', { capacity: 1, dishes: lunch });
    expect(shrink.json().errors[0].path).toBe('body.capacity');
    const drop = await t.call('PUT', `/api/v1/canteens/${canteenId}/menus/${day}/lunch`, 'hemu-worker', {
      capacity: 5,
      dishes: [lunch[1]],
    });
    expect(drop.json().errors[0].path).toBe('body.dishes');
  });
});
