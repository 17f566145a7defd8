// The duty console's alarms: lists and detail within the reader's scope, and the human steps
// (acknowledge, assign, clear), each audited and written to the alarm's history.
// Watch-list alerts (restricted = 'keyperson') exist only for readers holding `keyperson.read`.
import { and, asc, desc, eq, gte, inArray, lt, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { badRequest, conflict, notFound, unprocessable } from '../../platform/http/problem.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { accountsByIds, accountsWithPermissionOver, authUserByUsername } from '../accounts/index.ts';
import { compoundInScope, divisionPrefix } from '../registry/index.ts';
import { gridEventOfAlarm } from './grid-link.ts';
import { smartMessages as sm } from './messages.ts';
import { profilesAt, type ProfileSet } from './profiles.ts';
import { alarms, alarmSteps, alarmStatuses, devices, severities, type DutyLevel } from './schema.ts';

export const divisionCode = z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/, 'a division code');

export const alarmFilters = z.object({
  compoundId: z.string().uuid().optional(),
  division: divisionCode.optional(),
  /** `open`: not cleared (active or acknowledged). */
  status: z.enum([...alarmStatuses, 'open']).optional(),
  severity: z.enum(severities).optional(),
  type: z.string().min(1).max(64).optional(),
  /** On the alarm's first occurrence: from inclusive, to exclusive. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AlarmFilters = z.infer<typeof alarmFilters>;

type AlarmRow = typeof alarms.$inferSelect & { deviceName: string; profile: string };

const canReadRestricted = (user: AuthUser) => user.permissions.has('keyperson.read');

/**
 * Community codes under a division: a community is an equality; above it a prefix match (which the btree index
 * serves under the C collation the database is made with, and stays correct under any other).
 */
export function communityUnder(column: AnyColumn, division: string): SQL {
  const prefix = divisionPrefix(division);
  return prefix.length === 12 ? sql`${column} = ${prefix}` : sql`${column} like ${prefix + '%'}`;
}

/** The rows a user may see: compounds of their scope, and no watch-list alert unless they read those. */
export function alarmScope(user: AuthUser): SQL {
  const parts: SQL[] = [];
  if (user.scope.division) parts.push(communityUnder(alarms.communityCode, user.scope.division));
  if (user.scope.compoundIds.length) parts.push(inArray(alarms.compoundId, user.scope.compoundIds));
  const scoped = parts.length ? or(...parts)! : sql`false`;
  return canReadRestricted(user) ? scoped : and(scoped, eq(alarms.restricted, 'no'))!;
}

export function alarmVisible(user: AuthUser, a: { compoundId: string; communityCode: string; restricted: string }): boolean {
  if (a.restricted !== 'no' && !canReadRestricted(user)) return false;
  return compoundInScope(user.scope, { id: a.compoundId, communityCode: a.communityCode });
}

function filterWhere(f: AlarmFilters): SQL[] {
  const w: SQL[] = [];
  if (f.compoundId) w.push(eq(alarms.compoundId, f.compoundId));
  if (f.division) w.push(communityUnder(alarms.communityCode, f.division));
  if (f.status === 'open') w.push(sql`${alarms.status} <> 'cleared'`);
  else if (f.status) w.push(eq(alarms.status, f.status));
  if (f.severity) w.push(eq(alarms.severity, f.severity));
  if (f.type) w.push(eq(alarms.type, f.type));
  if (f.from) w.push(gte(alarms.firstAt, new Date(f.from)));
  if (f.to) w.push(lt(alarms.firstAt, new Date(f.to)));
  if (f.from && f.to && new Date(f.from) >= new Date(f.to))
    throw badRequest(sm.msg('alarm.range_invalid'), [{ path: 'querystring.from', message: sm.msg('field.range_reversed') }]);
  return w;
}

const rowColumns = { alarm: alarms, deviceName: devices.name, profile: devices.profile };
const flatten = (r: { alarm: typeof alarms.$inferSelect; deviceName: string; profile: string }): AlarmRow => ({
  ...r.alarm,
  deviceName: r.deviceName,
  profile: r.profile,
});

/** Alarm rows by id, with their device's name and profile (for the live feed and after a change). */
export async function alarmRows(db: Db | Tx, ids: readonly string[]): Promise<AlarmRow[]> {
  if (!ids.length) return [];
  const rows = await db
    .select(rowColumns)
    .from(alarms)
    .innerJoin(devices, eq(devices.id, alarms.deviceId))
    .where(inArray(alarms.id, [...ids]));
  return rows.map(flatten);
}

export interface Names {
  profiles: ProfileSet;
  accounts: Map<string, { id: string; displayName: string }>;
}

export async function namesFor(
  ctx: AppContext,
  rows: readonly { assigneeId: string | null }[],
  more: readonly string[] = [],
): Promise<Names> {
  const ids = [...new Set([...rows.map((r) => r.assigneeId).filter((x): x is string => !!x), ...more])];
  const accounts = new Map((await accountsByIds(ctx.db, ids)).map((a) => [a.id, { id: a.id, displayName: a.displayName }]));
  return { profiles: await profilesAt(ctx.db), accounts };
}

/** The name of an alarm's cause: its rule's name in the profile (data), else the cause itself. */
function typeName(names: Names, profile: string, rule: string, type: string, locale: Locale): string {
  const r = names.profiles.byCode.get(profile)?.rules.find((x) => x.code === rule || x.cause === type);
  return r ? r.name[locale] : type;
}

/** The list item: the contract's fields, then words in the reader's language. */
export function alarmItem(r: AlarmRow, names: Names, locale: Locale) {
  return {
    id: r.id,
    deviceId: r.deviceId,
    compoundId: r.compoundId,
    type: r.type,
    severity: r.severity,
    status: r.status,
    count: r.count,
    firstAt: r.firstAt.toISOString(),
    lastAt: r.lastAt.toISOString(),
    assignee: r.assigneeId ? (names.accounts.get(r.assigneeId) ?? { id: r.assigneeId, displayName: '' }) : null,
    deviceName: r.deviceName,
    communityCode: r.communityCode,
    typeName: typeName(names, r.profile, r.rule, r.type, locale),
    severityName: sm.msg(`severity.${r.severity}`).in(locale),
    statusName: sm.msg(`status.${r.status}`).in(locale),
    level: r.level,
    levelName: sm.msg(`level.${r.level}`).in(locale),
    restricted: r.restricted !== 'no',
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    clearedAt: r.clearedAt?.toISOString() ?? null,
    escalateAt: r.escalateAt?.toISOString() ?? null,
  };
}
export type AlarmItem = ReturnType<typeof alarmItem>;

/** Each read of watch-list alerts by public security is audited (which alerts, never their content). */
async function auditRestrictedReads(ctx: AppContext, actor: Actor | undefined, rows: readonly AlarmRow[], how: string) {
  const ids = rows.filter((r) => r.restricted !== 'no').map((r) => r.id);
  if (!ids.length) return;
  await audit(ctx.db, actor, 'keyperson.read', 'alarm', ids.length === 1 ? ids[0] : null, { how, alarmIds: ids });
}

const cursorShape = z.tuple([z.string(), z.string()]);

async function selectPage(ctx: AppContext, user: AuthUser, f: AlarmFilters & { limit: number; cursor?: string }) {
  const where = [alarmScope(user), ...filterWhere(f)];
  const after = decodeCursor(f.cursor, cursorShape);
  if (after) where.push(or(lt(alarms.firstAt, new Date(after[0])), and(eq(alarms.firstAt, new Date(after[0])), lt(alarms.id, after[1])))!);
  const rows = await ctx.db
    .select(rowColumns)
    .from(alarms)
    .innerJoin(devices, eq(devices.id, alarms.deviceId))
    .where(and(...where))
    .orderBy(desc(alarms.firstAt), desc(alarms.id))
    .limit(f.limit + 1);
  return page(rows.map(flatten), f.limit, (r) => [r.firstAt.toISOString(), r.id]);
}

export async function listAlarms(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  locale: Locale,
  f: AlarmFilters & { limit: number; cursor?: string },
) {
  const p = await selectPage(ctx, user, f);
  await auditRestrictedReads(ctx, actor, p.items, 'list');
  const names = await namesFor(ctx, p.items);
  return { items: p.items.map((r) => alarmItem(r, names, locale)), nextCursor: p.nextCursor };
}

/** Every alarm of the filter, page by page (the export). */
export async function* allAlarms(ctx: AppContext, user: AuthUser, actor: Actor | undefined, locale: Locale, f: AlarmFilters) {
  let cursor: string | undefined;
  do {
    const p = await selectPage(ctx, user, { ...f, limit: 500, cursor });
    await auditRestrictedReads(ctx, actor, p.items, 'export');
    const names = await namesFor(ctx, p.items);
    yield* p.items.map((r) => alarmItem(r, names, locale));
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
}

const missing = (id: string) => notFound(sm.msg('alarm.entity', { id }));

async function visibleRow(db: Db | Tx, user: AuthUser, id: string, lock = false): Promise<AlarmRow> {
  const q = db.select(rowColumns).from(alarms).innerJoin(devices, eq(devices.id, alarms.deviceId)).where(eq(alarms.id, id));
  const [row] = lock ? await q.for('update', { of: alarms }) : await q;
  // Out of scope, or a watch-list alert for someone who may not read it: answered as missing, so it cannot be probed.
  if (!row || !alarmVisible(user, row.alarm)) throw missing(id);
  return flatten(row);
}

/** A system step's note is a message code with its parameters, rendered in the reader's language. */
export const systemNote = (code: string, params: Record<string, string | number> = {}) => JSON.stringify({ code, params });

function noteText(note: string | null, actorId: string | null, locale: Locale): string | null {
  if (!note || actorId) return note;
  try {
    const { code, params } = JSON.parse(note) as { code: string; params: Record<string, string | number> };
    const rendered = Object.fromEntries(
      Object.entries(params).map(([k, v]) => [k, k === 'level' && typeof v === 'string' ? sm.msg(`level.${v as DutyLevel}`) : v]),
    );
    return sm.has(code) ? sm.msg(code as never, rendered as never).in(locale) : note;
  } catch {
    return note;
  }
}

export async function getAlarm(ctx: AppContext, user: AuthUser, actor: Actor | undefined, locale: Locale, id: string) {
  const row = await visibleRow(ctx.db, user, id);
  await auditRestrictedReads(ctx, actor, [row], 'detail');
  const steps = await ctx.db.select().from(alarmSteps).where(eq(alarmSteps.alarmId, id)).orderBy(asc(alarmSteps.at), asc(alarmSteps.id));
  const actorIds = steps.map((s) => s.actorId).filter((x): x is string => !!x);
  const names = await namesFor(ctx, [row], [...actorIds, ...[row.acknowledgedBy, row.clearedBy].filter((x): x is string => !!x)]);
  const person = (pid: string | null) => (pid ? (names.accounts.get(pid) ?? { id: pid, displayName: '' }) : null);
  return {
    ...alarmItem(row, names, locale),
    rule: row.rule,
    ruleVersion: row.ruleVersion,
    detail: row.detail,
    acknowledgedBy: person(row.acknowledgedBy),
    clearedBy: person(row.clearedBy),
    clearNote: row.clearNote,
    gridEvent: await gridEventOfAlarm(ctx, id),
    steps: steps.map((s) => ({
      id: s.id,
      at: s.at.toISOString(),
      action: s.action,
      actionName: sm.msg(`step.${s.action}`).in(locale),
      actor: person(s.actorId),
      level: s.level,
      levelName: s.level ? sm.msg(`level.${s.level}`).in(locale) : null,
      note: noteText(s.note, s.actorId, locale),
    })),
  };
}

async function step(
  tx: Tx,
  alarmId: string,
  action: (typeof alarmSteps.$inferInsert)['action'],
  actorId: string | null,
  extra: { level?: DutyLevel; note?: string; at?: Date } = {},
) {
  await tx
    .insert(alarmSteps)
    .values({ id: uuidv7(), alarmId, action, actorId, level: extra.level ?? null, note: extra.note ?? null, at: extra.at ?? new Date() });
}
export { step as writeStep };

async function handled(ctx: AppContext, user: AuthUser, locale: Locale, id: string) {
  const [row] = await alarmRows(ctx.db, [id]);
  return alarmItem(row!, await namesFor(ctx, [row!]), locale);
}

export async function acknowledgeAlarm(ctx: AppContext, user: AuthUser, actor: Actor | undefined, locale: Locale, id: string) {
  await ctx.db.transaction(async (tx) => {
    const row = await visibleRow(tx, user, id, true);
    if (row.status === 'cleared') throw conflict(sm.msg('alarm.already_cleared'));
    if (row.status === 'acknowledged') throw conflict(sm.msg('alarm.already_acknowledged'));
    const now = new Date();
    // Acknowledging stops the escalation: no due time is left for the clock to find.
    await tx
      .update(alarms)
      .set({ status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: user.id, escalateAt: null })
      .where(eq(alarms.id, id));
    await step(tx, id, 'acknowledged', user.id, { level: row.level, at: now });
    await audit(tx, actor, 'alarm.acknowledge', 'alarm', id, { type: row.type, severity: row.severity });
  });
  return handled(ctx, user, locale, id);
}

export async function assignAlarm(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  locale: Locale,
  id: string,
  assigneeId: string,
) {
  const [account] = await accountsByIds(ctx.db, [assigneeId]);
  const assignee = account ? await authUserByUsername(ctx, account.username).catch(() => undefined) : undefined;
  await ctx.db.transaction(async (tx) => {
    const row = await visibleRow(tx, user, id, true);
    if (row.status === 'cleared') throw conflict(sm.msg('alarm.already_cleared'));
    if (!assignee || !assignee.permissions.has('alarms.handle') || !alarmVisible(assignee, row))
      throw unprocessable(sm.msg('alarm.assignee_invalid'), [{ path: 'body.assigneeId', message: sm.msg('field.assignee_out_of_scope') }]);
    await tx.update(alarms).set({ assigneeId }).where(eq(alarms.id, id));
    await step(tx, id, 'assigned', user.id, { level: row.level, note: assignee.displayName });
    await audit(tx, actor, 'alarm.assign', 'alarm', id, { assigneeId });
  });
  return handled(ctx, user, locale, id);
}

/** Who may be handed an alarm: accounts that may handle alarms and whose scope covers it (and may read it, if restricted). */
export async function alarmAssignees(ctx: AppContext, user: AuthUser, id: string) {
  const row = await visibleRow(ctx.db, user, id);
  const candidates = await accountsWithPermissionOver(ctx.db, 'alarms.handle', { id: row.compoundId, communityCode: row.communityCode });
  const items = [];
  for (const c of candidates) {
    if (row.restricted === 'no') {
      items.push({ id: c.id, displayName: c.displayName });
      continue;
    }
    const who = await authUserByUsername(ctx, c.username).catch(() => undefined);
    if (who && alarmVisible(who, row)) items.push({ id: c.id, displayName: c.displayName });
  }
  return { items };
}

export async function clearAlarm(ctx: AppContext, user: AuthUser, actor: Actor | undefined, locale: Locale, id: string, note: string) {
  await ctx.db.transaction(async (tx) => {
    const row = await visibleRow(tx, user, id, true);
    if (row.status === 'cleared') throw conflict(sm.msg('alarm.already_cleared'));
    const now = new Date();
    await tx
      .update(alarms)
      .set({ status: 'cleared', clearedAt: now, clearedBy: user.id, clearNote: note, escalateAt: null })
      .where(eq(alarms.id, id));
    await step(tx, id, 'cleared', user.id, { level: row.level, note, at: now });
    await audit(tx, actor, 'alarm.clear', 'alarm', id, { type: row.type, by: 'hand' });
  });
  return handled(ctx, user, locale, id);
}
