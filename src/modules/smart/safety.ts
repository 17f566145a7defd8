// Safety figures for the overview at any division level (city, district, subdistrict, community):
// alarms by type and by severity, mean times to acknowledge and to clear, devices online and offline.
// Scoped like the alarms themselves; watch-list alerts count only for readers of them.
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { badRequest, problem } from '../../platform/http/problem.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { within } from '../registry/index.ts';
import { alarmScope, communityUnder, divisionCode } from './alarms.service.ts';
import { smartMessages as sm } from './messages.ts';
import { profilesAt } from './profiles.ts';
import { alarms, devices, deviceStatus, severities, type Severity } from './schema.ts';

export const safetyQuery = z.object({
  division: divisionCode.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

const DAY_MS = 86_400_000;
/** Without a range the figures cover the last thirty days. */
const DEFAULT_DAYS = 30;

function divisionWhere(
  user: AuthUser,
  division: string | undefined,
  column: typeof alarms.communityCode | typeof devices.communityCode,
): SQL | undefined {
  if (!division) return undefined;
  // A division above the reader's own is narrowed to their scope by the scope filter; one beside it shows nothing of theirs.
  const overlaps = !user.scope.division || within(division, user.scope.division) || within(user.scope.division, division);
  if (!overlaps && !user.scope.compoundIds.length)
    throw problem(404, sm.msg('division.out_of_scope'), {
      errors: [{ path: 'querystring.division', message: sm.msg('field.division_out_of_scope') }],
    });
  return communityUnder(column, division);
}

function deviceScope(user: AuthUser): SQL {
  const parts: SQL[] = [];
  if (user.scope.division) parts.push(communityUnder(devices.communityCode, user.scope.division));
  if (user.scope.compoundIds.length) parts.push(inArray(devices.compoundId, user.scope.compoundIds));
  return parts.length ? or(...parts)! : sql`false`;
}

export async function safetySummary(ctx: AppContext, user: AuthUser, locale: Locale, q: z.infer<typeof safetyQuery>) {
  const to = q.to ? new Date(q.to) : new Date();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
  if (from >= to) throw badRequest(sm.msg('alarm.range_invalid'), [{ path: 'querystring.from', message: sm.msg('field.range_reversed') }]);
  const inDivision = divisionWhere(user, q.division, alarms.communityCode);
  const where = and(
    alarmScope(user),
    inDivision,
    sql`${alarms.firstAt} >= ${from.toISOString()}::timestamptz`,
    sql`${alarms.firstAt} < ${to.toISOString()}::timestamptz`,
  );

  const [byType, bySeverity, means, devicesByStatus, profiles] = await Promise.all([
    ctx.db
      .select({
        type: alarms.type,
        profile: sql<string>`min(${devices.profile})`,
        rule: sql<string>`min(${alarms.rule})`,
        count: sql<number>`count(*)::int`,
      })
      .from(alarms)
      .innerJoin(devices, eq(devices.id, alarms.deviceId))
      .where(where)
      .groupBy(alarms.type)
      .orderBy(sql`count(*) desc`, alarms.type),
    ctx.db
      .select({ severity: alarms.severity, count: sql<number>`count(*)::int` })
      .from(alarms)
      .where(where)
      .groupBy(alarms.severity),
    ctx.db
      .select({
        total: sql<number>`count(*)::int`,
        open: sql<number>`(count(*) filter (where ${alarms.status} <> 'cleared'))::int`,
        ack: sql<number | null>`round(extract(epoch from avg(${alarms.acknowledgedAt} - ${alarms.firstAt})))::int`,
        clear: sql<number | null>`round(extract(epoch from avg(${alarms.clearedAt} - ${alarms.firstAt})))::int`,
      })
      .from(alarms)
      .where(where),
    ctx.db
      .select({ status: deviceStatus.status, count: sql<number>`count(*)::int` })
      .from(devices)
      .innerJoin(deviceStatus, eq(deviceStatus.deviceId, devices.id))
      .where(and(deviceScope(user), divisionWhere(user, q.division, devices.communityCode), sql`${devices.revokedAt} is null`))
      .groupBy(deviceStatus.status),
    profilesAt(ctx.db),
  ]);
  const ruleName = (profile: string, rule: string, type: string) =>
    profiles.byCode.get(profile)?.rules.find((r) => r.code === rule || r.cause === type)?.name[locale] ?? type;
  const severityCount = new Map(bySeverity.map((r) => [r.severity, r.count]));
  const deviceCount = (s: string) => devicesByStatus.find((r) => r.status === s)?.count ?? 0;
  const m = means[0]!;
  return {
    division: q.division ?? user.scope.division,
    from: from.toISOString(),
    to: to.toISOString(),
    alarms: {
      total: m.total,
      open: m.open,
      byType: byType.map((r) => ({ type: r.type, typeName: ruleName(r.profile, r.rule, r.type), count: r.count })),
      bySeverity: severities.map((s: Severity) => ({
        severity: s,
        severityName: sm.msg(`severity.${s}`).in(locale),
        count: severityCount.get(s) ?? 0,
      })),
    },
    meanSecondsToAcknowledge: m.ack,
    meanSecondsToClear: m.clear,
    devices: {
      online: deviceCount('online'),
      offline: deviceCount('offline'),
      never: deviceCount('never'),
      total: devicesByStatus.reduce((n, r) => n + r.count, 0),
    },
  };
}
