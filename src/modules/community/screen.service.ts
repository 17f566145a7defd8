// The lobby information screen (社区信息屏): a public page per compound for a display with no keyboard, so it
// signs in with nothing but a long random token in its URL. Only the token's SHA-256 is stored; rotating it
// retires every old URL at once. What the screen shows is public by nature: notices to the whole compound or its
// buildings, today's canteen menu, shops open nearby, and today's alarms as counts by severity.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, or } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { forbidden, notFound } from '../../platform/http/problem.ts';
import { registry } from '../registry/index.ts';
import { alarmSummaryToday } from '../smart/index.ts';
import { staffCompoundAt } from './access.ts';
import { menusBetween } from './canteen.service.ts';
import { shopsNear } from './commerce.service.ts';
import { communityMessages as m } from './messages.ts';
import { screenNotices } from './notices.service.ts';
import { shanghaiDay } from './rules.ts';
import { canteens, screens } from './schema.ts';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export const screenPath = (compoundId: string, token: string) => `/screen/${compoundId}?token=${token}`;

/** Sets a compound's screen token (a given one for the demo seed, else 32 random bytes) and returns it once. */
export async function setScreenToken(
  ctx: AppContext,
  compoundId: string,
  by: string | null,
  token = randomBytes(24).toString('base64url'),
) {
  const values = { tokenHash: hash(token), rotatedAt: new Date(), rotatedBy: by };
  await ctx.database.db
    .insert(screens)
    .values({ compoundId, ...values })
    .onConflictDoUpdate({ target: screens.compoundId, set: values });
  return token;
}

export async function rotateScreen(ctx: AppContext, user: AuthUser & { ip?: string }, compoundId: string) {
  await staffCompoundAt(ctx, user, compoundId);
  const token = await setScreenToken(ctx, compoundId, user.id);
  await ctx.database.db.transaction((tx) =>
    audit(tx, { id: user.id, username: user.username, ip: user.ip }, 'community.screen.rotate', 'compound', compoundId),
  );
  const [row] = await ctx.db.select().from(screens).where(eq(screens.compoundId, compoundId));
  return { compoundId, token, path: screenPath(compoundId, token), rotatedAt: row!.rotatedAt.toISOString() };
}

export async function screenStatus(ctx: AppContext, user: AuthUser, compoundId: string) {
  await staffCompoundAt(ctx, user, compoundId);
  const [row] = await ctx.db.select().from(screens).where(eq(screens.compoundId, compoundId));
  return { compoundId, configured: !!row, rotatedAt: row?.rotatedAt.toISOString() ?? null };
}

/** The token matches the compound's (compared in constant time); any other answer is the same 403. */
async function checkToken(ctx: AppContext, compoundId: string, token: string) {
  const [row] = await ctx.db.select().from(screens).where(eq(screens.compoundId, compoundId));
  const given = Buffer.from(hash(token), 'hex');
  const ok = !!row && timingSafeEqual(given, Buffer.from(row.tokenHash, 'hex'));
  if (!ok) throw forbidden(m.msg('community.screen.token_invalid'));
}

export async function screenData(ctx: AppContext, compoundId: string, token: string, now = new Date()) {
  await checkToken(ctx, compoundId, token);
  const place = (await registry.compoundPlaces(ctx.db, [compoundId])).get(compoundId);
  if (!place) throw notFound(m.msg('community.compound.entity', { id: compoundId }));
  const today = shanghaiDay(now);
  const served = await ctx.db
    .select()
    .from(canteens)
    .where(and(eq(canteens.communityCode, place.communityCode), or(isNull(canteens.compoundId), eq(canteens.compoundId, compoundId))));
  const [notices, menus, shops, alarms] = await Promise.all([
    screenNotices(ctx, compoundId, now),
    menusBetween(
      ctx,
      served.map((c) => c.id),
      today,
      today,
    ),
    shopsNear(ctx, place, now),
    alarmSummaryToday(ctx.db, compoundId, now),
  ]);
  return {
    compound: { id: place.compoundId, name: place.name, address: place.address },
    at: now.toISOString(),
    date: today,
    notices: notices.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      buildings: n.buildings.map((b) => b.name),
      publishedAt: n.publishedAt,
    })),
    canteens: served.map((c) => ({
      id: c.id,
      name: c.name,
      address: c.address,
      menus: menus
        .filter((x) => x.canteenId === c.id)
        .map((x) => ({ meal: x.meal, dishes: x.dishes.map((d) => ({ name: d.name, priceFen: d.priceFen })), left: x.left })),
    })),
    shops: shops.slice(0, 8).map((s) => ({
      name: s.name,
      category: s.category,
      openNow: s.openNow,
      distanceM: s.distanceM,
      offers: s.offers.map((o) => o.title),
    })),
    alarms,
    /** How often the page asks again, in seconds. */
    refreshSeconds: 30,
  };
}
