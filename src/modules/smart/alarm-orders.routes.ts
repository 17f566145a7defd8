// Raising a work order from an alarm: the alarm's compound, cause and device make the order; an SOS alarm's order
// carries the call-back duty. The work-orders module stays generic: it is handed a source ('alarm', the alarm's id).
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf, type AuthUser } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/problem.ts';
import { compoundInScope } from '../registry/index.ts';
import { createWorkOrder, getWorkOrder, workOrderDetail, type WorkOrderPriority } from '../workorders/index.ts';
import { smartMessages as sm } from './messages.ts';
import { profilesAt, type ProfileSet } from './profiles.ts';
import { alarms, devices, type Severity } from './schema.ts';

/** An alarm's severity as the urgency of the work it calls for. */
export const priorityOfSeverity: Record<Severity, WorkOrderPriority> = {
  critical: 'urgent',
  major: 'high',
  minor: 'normal',
  warning: 'low',
};

/** The alarm and its device when the user may see it (watch-list alerts only with keyperson.read); else 404. */
export async function visibleAlarm(ctx: AppContext, user: AuthUser, id: string) {
  const [found] = await ctx.db
    .select({ alarm: alarms, device: devices })
    .from(alarms)
    .innerJoin(devices, eq(devices.id, alarms.deviceId))
    .where(eq(alarms.id, id));
  const visible =
    found &&
    compoundInScope(user.scope, { id: found.alarm.compoundId, communityCode: found.alarm.communityCode }) &&
    (found.alarm.restricted === 'no' || user.permissions.has('keyperson.read'));
  if (!visible) throw notFound(sm.msg('alarm.entity', { id }));
  return found;
}

export async function workOrderFromAlarm(
  ctx: AppContext,
  user: AuthUser & { ip?: string },
  alarmId: string,
  input: { assigneeId?: string | null; dueAt?: string | null; note?: string | null },
) {
  const { alarm, device } = await visibleAlarm(ctx, user, alarmId);
  const { id } = await createWorkOrder(ctx, user, {
    ...alarmOrder(await profilesAt(ctx.db), alarm, device, input.note),
    dueAt: input.dueAt ?? null,
    assigneeId: input.assigneeId ?? null,
  });
  return getWorkOrder(ctx, user, id);
}

/** The work an alarm calls for: its cause and device as the title, its urgency, and the SOS call-back duty. */
export function alarmOrder(
  profiles: ProfileSet,
  alarm: typeof alarms.$inferSelect,
  device: typeof devices.$inferSelect,
  note?: string | null,
) {
  const rule = profiles.byCode.get(device.profile)?.rules.find((r) => r.code === alarm.rule);
  const cause = rule?.name['zh-CN'] ?? alarm.type;
  const where = [device.name, device.location].filter(Boolean).join(' · ');
  return {
    sourceKind: 'alarm',
    sourceId: alarm.id,
    compoundId: alarm.compoundId,
    title: `${cause}：${where}`.slice(0, 200),
    description: [note, `${alarm.firstAt.toISOString()} · ${alarm.count}`].filter(Boolean).join('\n'),
    priority: priorityOfSeverity[alarm.severity],
    callbackRequired: alarm.type === 'sos.pressed',
  };
}

export async function alarmOrderRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/alarms/:id/work-order',
    {
      config: { permission: 'workorders.manage' },
      schema: {
        tags: ['alarms'],
        summary: "Raise a work order from an alarm (an SOS alarm's order needs the resident called back before it is done)",
        params: z.object({ id: z.string().uuid() }),
        body: z
          .object({
            assigneeId: z.string().uuid().nullish(),
            dueAt: z.iso.datetime({ offset: true }).nullish(),
            note: z.string().trim().max(2000).nullish(),
          })
          .strict()
          .default({}),
        response: { 201: workOrderDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await workOrderFromAlarm(ctx, { ...userOf(req), ip: req.ip }, req.params.id, req.body)),
  );
}
