// Notices (通知公告): published by community workers or property staff to a compound, some of its buildings, or
// groups of its residents (owners, tenants, elders); each resident's first opening is a read receipt, so staff
// see how many of those targeted have read it, and which homes. Residents see an unread marker on /m.
import { and, desc, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { ruleAt } from '../../platform/policy.ts';
import { registry, type RegistryMember } from '../registry/index.ts';
import { fieldError, homesOf, staffCompound, staffCompoundAt } from './access.ts';
import { dinerRecords } from './canteen.service.ts';
import { communityMessages as m } from './messages.ts';
import { ageOn, reaches, shanghaiDay, type Member } from './rules.ts';
import { noticeReads, notices, type NoticeGroup } from './schema.ts';

export const ELDER_AGE_RULE = 'community.elder_age';

type Caller = AuthUser & { ip?: string };
type Notice = typeof notices.$inferSelect;

export interface NewNotice {
  compoundId: string;
  title: string;
  body: string;
  buildingIds?: string[];
  groups?: NoticeGroup[];
  expiresAt?: string;
}

/** Members with their age (for the elders group) from the canteen's records. */
async function withAges(ctx: AppContext, members: RegistryMember[], today: string): Promise<Member[]> {
  const records = await dinerRecords(ctx.db, [...new Set(members.map((x) => x.residentId))]);
  return members.map((x) => {
    const born = records.get(x.residentId)?.birthDate;
    return { ...x, age: born ? ageOn(born, today) : null };
  });
}

const elderAge = async (ctx: AppContext) => Number((await ruleAt<number>(ctx.db, ELDER_AGE_RULE)).value);
const live = (now: Date) => and(isNull(notices.withdrawnAt), or(isNull(notices.expiresAt), gt(notices.expiresAt, now)));

/** Who a notice reaches now (one per resident) and who of them has read it. */
async function receipts(ctx: AppContext, list: Notice[], now: Date) {
  const today = shanghaiDay(now);
  const members = await withAges(ctx, await registry.verifiedMembersOf(ctx.db, [...new Set(list.map((n) => n.compoundId))]), today);
  const age = await elderAge(ctx);
  const reads = list.length
    ? await ctx.db
        .select()
        .from(noticeReads)
        .where(
          inArray(
            noticeReads.noticeId,
            list.map((n) => n.id),
          ),
        )
    : [];
  return new Map(
    list.map((n) => {
      const targeted = new Set(members.filter((x) => reaches(n, x, age)).map((x) => x.residentId));
      const read = reads.filter((r) => r.noticeId === n.id && targeted.has(r.residentId));
      return [n.id, { targeted: targeted.size, read: read.length, reads: read }] as const;
    }),
  );
}

const summary = (n: Notice, buildingNames: Map<string, string>) => ({
  id: n.id,
  compoundId: n.compoundId,
  title: n.title,
  body: n.body,
  buildings: n.buildingIds.map((id) => ({ id, name: buildingNames.get(id) ?? '' })),
  groups: n.groups,
  publisherRole: n.publisherRole,
  publishedAt: n.publishedAt.toISOString(),
  expiresAt: n.expiresAt?.toISOString() ?? null,
  withdrawnAt: n.withdrawnAt?.toISOString() ?? null,
});

async function namesOf(ctx: AppContext, compoundIds: string[]) {
  const rows = await registry.buildingsOf(ctx, [...new Set(compoundIds)]);
  return new Map(rows.map((b) => [b.id, b.name]));
}

export async function publishNotice(ctx: AppContext, user: Caller, input: NewNotice, now = new Date()) {
  const place = await staffCompound(ctx, user, input.compoundId, 'body.compoundId');
  const buildingIds = [...new Set(input.buildingIds ?? [])];
  if (buildingIds.length) {
    const names = await namesOf(ctx, [place.compoundId]);
    const i = (input.buildingIds ?? []).findIndex((b) => !names.has(b));
    if (i >= 0) throw fieldError(`body.buildingIds.${i}`, 'field.not_in_compound');
  }
  if (input.expiresAt && new Date(input.expiresAt) <= now) throw fieldError('body.expiresAt', 'field.expired');
  const id = uuidv7();
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(notices).values({
      id,
      compoundId: place.compoundId,
      communityCode: place.communityCode,
      title: input.title,
      body: input.body,
      buildingIds,
      groups: [...new Set(input.groups ?? [])],
      publishedBy: user.id,
      publisherRole: user.role,
      publishedAt: now,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    });
    await audit(tx, { id: user.id, username: user.username, ip: user.ip }, 'community.notice.publish', 'community_notice', id, {
      buildings: buildingIds.length,
      groups: input.groups ?? [],
    });
  });
  return noticeDetail(ctx, user, id, now);
}

async function staffNotice(ctx: AppContext, user: AuthUser, id: string): Promise<Notice> {
  const [n] = await ctx.db.select().from(notices).where(eq(notices.id, id));
  if (!n) throw notFound(m.msg('community.notice.entity', { id }));
  await staffCompoundAt(ctx, user, n.compoundId).catch(() => {
    throw notFound(m.msg('community.notice.entity', { id }));
  });
  return n;
}

export async function listNotices(ctx: AppContext, user: AuthUser, compoundId: string, now = new Date()) {
  await staffCompound(ctx, user, compoundId, 'querystring.compoundId');
  const rows = await ctx.db.select().from(notices).where(eq(notices.compoundId, compoundId)).orderBy(desc(notices.publishedAt)).limit(200);
  const [counts, names] = await Promise.all([receipts(ctx, rows, now), namesOf(ctx, [compoundId])]);
  return {
    items: rows.map((n) => ({ ...summary(n, names), targeted: counts.get(n.id)!.targeted, read: counts.get(n.id)!.read })),
  };
}

/** One notice with its receipts: the count read of those targeted, and the homes that read it (never a name). */
export async function noticeDetail(ctx: AppContext, user: AuthUser, id: string, now = new Date()) {
  const n = await staffNotice(ctx, user, id);
  const [counts, names] = await Promise.all([receipts(ctx, [n], now), namesOf(ctx, [n.compoundId])]);
  const c = counts.get(n.id)!;
  const homes = new Map((await registry.householdFrame(ctx.db, { householdIds: c.reads.map((r) => r.householdId) })).map((h) => [h.id, h]));
  return {
    ...summary(n, names),
    targeted: c.targeted,
    read: c.read,
    readers: c.reads
      .sort((a, b) => a.readAt.getTime() - b.readAt.getTime())
      .map((r) => {
        const h = homes.get(r.householdId);
        return { home: h ? `${h.building} ${h.unit} ${h.room}` : '', readAt: r.readAt.toISOString() };
      }),
  };
}

export async function withdrawNotice(ctx: AppContext, user: Caller, id: string, now = new Date()) {
  await staffNotice(ctx, user, id);
  await ctx.database.db.transaction(async (tx) => {
    await tx
      .update(notices)
      .set({ withdrawnAt: now })
      .where(and(eq(notices.id, id), isNull(notices.withdrawnAt)));
    await audit(tx, { id: user.id, username: user.username, ip: user.ip }, 'community.notice.withdraw', 'community_notice', id);
  });
  return noticeDetail(ctx, user, id, now);
}

/** The notices reaching a resident now, newest first, each with whether they have read it. */
async function noticesFor(ctx: AppContext, user: AuthUser, now: Date) {
  const homes = await withAges(ctx, await homesOf(ctx, user), shanghaiDay(now));
  const age = await elderAge(ctx);
  const rows = await ctx.db
    .select()
    .from(notices)
    .where(and(inArray(notices.compoundId, [...new Set(homes.map((h) => h.compoundId))]), live(now)))
    .orderBy(desc(notices.publishedAt))
    .limit(200);
  const mine = rows.filter((n) => homes.some((h) => reaches(n, h, age)));
  const read = mine.length
    ? await ctx.db
        .select({ noticeId: noticeReads.noticeId, readAt: noticeReads.readAt })
        .from(noticeReads)
        .where(
          and(
            eq(noticeReads.residentId, user.residentId!),
            inArray(
              noticeReads.noticeId,
              mine.map((n) => n.id),
            ),
          ),
        )
    : [];
  return { homes, age, mine, readAt: new Map(read.map((r) => [r.noticeId, r.readAt])) };
}

export async function myNotices(ctx: AppContext, user: AuthUser, now = new Date()) {
  const { mine, readAt } = await noticesFor(ctx, user, now);
  const names = await namesOf(
    ctx,
    mine.map((n) => n.compoundId),
  );
  const items = mine.map((n) => ({ ...summary(n, names), unread: !readAt.has(n.id), readAt: readAt.get(n.id)?.toISOString() ?? null }));
  return { items, unread: items.filter((i) => i.unread).length };
}

/** Opens a notice: the first opening is the read receipt. */
export async function readNotice(ctx: AppContext, user: AuthUser, id: string, now = new Date()) {
  const { homes, age, mine, readAt } = await noticesFor(ctx, user, now);
  const n = mine.find((x) => x.id === id);
  if (!n) throw notFound(m.msg('community.notice.entity', { id }));
  const home = homes.find((h) => reaches(n, h, age))!;
  if (!readAt.has(id)) {
    await ctx.db
      .insert(noticeReads)
      .values({ noticeId: id, residentId: user.residentId!, accountId: user.id, householdId: home.householdId, readAt: now })
      .onConflictDoNothing();
  }
  const names = await namesOf(ctx, [n.compoundId]);
  return { ...summary(n, names), unread: false, readAt: (readAt.get(id) ?? now).toISOString() };
}

/** The notices a lobby screen shows: live ones to the whole compound or its buildings (group notices stay on /m). */
export async function screenNotices(ctx: AppContext, compoundId: string, now: Date) {
  const rows = await ctx.db
    .select()
    .from(notices)
    .where(and(eq(notices.compoundId, compoundId), live(now)))
    .orderBy(desc(notices.publishedAt))
    .limit(20);
  const names = await namesOf(ctx, [compoundId]);
  return rows.filter((n) => !n.groups.length).map((n) => summary(n, names));
}
