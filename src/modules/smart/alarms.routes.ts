// Thin routes for the duty console: alarms (list, detail, live stream, export, the human steps) and safety figures.
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { fileResponse, xlsxMediaType, type ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf } from '../../platform/http/auth.ts';
import { localeOf } from '../../platform/http/locale.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { writeXlsx } from '../../platform/spreadsheet.ts';
import * as service from './alarms.service.ts';
import { endStreams, streamAlarms } from './live.ts';
import { safetyQuery, safetySummary } from './safety.ts';
import { alarmStatuses, alarmStepActions, dutyLevels, severities } from './schema.ts';

const tags = ['alarms'];
const id = z.object({ id: z.string().uuid() });
const person = z.object({ id: z.string(), displayName: z.string() });

export const alarmItemSchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  compoundId: z.string(),
  type: z.string(),
  severity: z.enum(severities),
  status: z.enum(alarmStatuses),
  count: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
  assignee: person.nullable(),
  deviceName: z.string(),
  communityCode: z.string(),
  typeName: z.string(),
  severityName: z.string(),
  statusName: z.string(),
  level: z.enum(dutyLevels),
  levelName: z.string(),
  restricted: z.boolean(),
  acknowledgedAt: z.string().nullable(),
  clearedAt: z.string().nullable(),
  escalateAt: z.string().nullable(),
});

const alarmDetailSchema = alarmItemSchema.extend({
  rule: z.string(),
  ruleVersion: z.string(),
  detail: z.record(z.string(), z.unknown()),
  acknowledgedBy: person.nullable(),
  clearedBy: person.nullable(),
  clearNote: z.string().nullable(),
  /** The grid event the alarm was handed over as (rule `grid.alarm_handover`), if any. */
  gridEvent: z.object({ id: z.string(), ref: z.string(), state: z.string() }).nullable(),
  steps: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      action: z.enum(alarmStepActions),
      actionName: z.string(),
      actor: person.nullable(),
      level: z.enum(dutyLevels).nullable(),
      levelName: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
});

const count = z.number().int();
const safetySchema = z.object({
  division: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  alarms: z.object({
    total: count,
    open: count,
    byType: z.array(z.object({ type: z.string(), typeName: z.string(), count })),
    bySeverity: z.array(z.object({ severity: z.enum(severities), severityName: z.string(), count })),
  }),
  meanSecondsToAcknowledge: count.nullable(),
  meanSecondsToClear: count.nullable(),
  devices: z.object({ online: count, offline: count, never: count, total: count }),
});

const EXPORT_NAME = 'alarms.xlsx';

export async function alarmsRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  // Before the server waits for its connections to end: a held stream never would.
  app.addHook('preClose', async () => endStreams(ctx));

  app.get(
    '/api/v1/alarms',
    {
      config: { permission: 'alarms.read' },
      schema: {
        tags,
        summary: 'Alarms within your scope, newest first, filtered and paged',
        querystring: service.alarmFilters.extend(pageQuery),
        response: { 200: pageSchema(alarmItemSchema) },
      },
    },
    async (req) => service.listAlarms(ctx, userOf(req), actorOf(req), localeOf(req), req.query),
  );

  app.get(
    '/api/v1/alarms/stream',
    {
      config: { permission: 'alarms.read' },
      schema: {
        tags,
        summary: 'Live alarms as Server-Sent Events (`event: alarm`, data in the list item shape)',
        querystring: z.object({ compoundId: z.string().uuid().optional() }),
        response: { 200: fileResponse('text/event-stream', 'An event stream of alarms') },
      },
    },
    async (req, reply) => streamAlarms(ctx, userOf(req), req, reply, req.query.compoundId),
  );

  app.get(
    '/api/v1/alarms/export',
    {
      config: { permission: 'alarms.read' },
      schema: {
        tags,
        summary: 'The alarm history, as filtered, as .xlsx',
        querystring: service.alarmFilters,
        response: { 200: fileResponse(xlsxMediaType, EXPORT_NAME) },
      },
    },
    async (req, reply) => {
      const body = await exportAlarms(ctx, req, req.query);
      return reply
        .header('content-type', xlsxMediaType)
        .header('content-disposition', `attachment; filename="${EXPORT_NAME}"; filename*=UTF-8''${encodeURIComponent(EXPORT_NAME)}`)
        .send(body);
    },
  );

  app.get(
    '/api/v1/alarms/:id',
    {
      config: { permission: 'alarms.read' },
      schema: { tags, summary: 'One alarm with its history', params: id, response: { 200: alarmDetailSchema } },
    },
    async (req) => service.getAlarm(ctx, userOf(req), actorOf(req), localeOf(req), req.params.id),
  );

  app.post(
    '/api/v1/alarms/:id/acknowledge',
    {
      config: { permission: 'alarms.handle' },
      schema: { tags, summary: 'Acknowledge an alarm (stops its escalation)', params: id, response: { 200: alarmItemSchema } },
    },
    async (req) => service.acknowledgeAlarm(ctx, userOf(req), actorOf(req), localeOf(req), req.params.id),
  );

  app.get(
    '/api/v1/alarms/:id/assignees',
    {
      config: { permission: 'alarms.handle' },
      schema: {
        tags,
        summary: 'Who may be assigned an alarm (may handle alarms, scope covering it)',
        params: id,
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string() })) }) },
      },
    },
    async (req) => service.alarmAssignees(ctx, userOf(req), req.params.id),
  );

  app.post(
    '/api/v1/alarms/:id/assign',
    {
      config: { permission: 'alarms.handle' },
      schema: {
        tags,
        summary: 'Assign an alarm to someone whose scope covers it',
        params: id,
        body: z.object({ assigneeId: z.string().uuid() }),
        response: { 200: alarmItemSchema },
      },
    },
    async (req) => service.assignAlarm(ctx, userOf(req), actorOf(req), localeOf(req), req.params.id, req.body.assigneeId),
  );

  app.post(
    '/api/v1/alarms/:id/clear',
    {
      config: { permission: 'alarms.handle' },
      schema: {
        tags,
        summary: 'Clear an alarm by hand, with a note',
        params: id,
        body: z.object({ note: z.string().trim().min(1).max(500) }),
        response: { 200: alarmItemSchema },
      },
    },
    async (req) => service.clearAlarm(ctx, userOf(req), actorOf(req), localeOf(req), req.params.id, req.body.note),
  );

  app.get(
    '/api/v1/safety/summary',
    {
      config: { permission: 'alarms.read' },
      schema: {
        tags,
        summary: 'Safety figures of a division: alarms by type and severity, mean times to acknowledge and clear, devices online',
        querystring: safetyQuery,
        response: { 200: safetySchema },
      },
    },
    async (req) => safetySummary(ctx, userOf(req), localeOf(req), req.query),
  );
}

function exportAlarms(ctx: AppContext, req: import('fastify').FastifyRequest, filters: service.AlarmFilters): Promise<Buffer> {
  const rows = service.allAlarms(ctx, userOf(req), actorOf(req), localeOf(req), filters);
  const t = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 19) + 'Z' : null);
  return writeXlsx<service.AlarmItem>(
    '告警 Alarms',
    [
      { header: '首次发生 First (UTC)', width: 22, value: (r) => t(r.firstAt) },
      { header: '最近发生 Last (UTC)', width: 22, value: (r) => t(r.lastAt) },
      { header: '设备 Device', width: 24, value: (r) => r.deviceName },
      { header: '社区代码 Community', width: 16, value: (r) => r.communityCode },
      { header: '告警类型 Type', width: 22, value: (r) => r.typeName },
      { header: '级别 Severity', value: (r) => r.severityName },
      { header: '状态 Status', value: (r) => r.statusName },
      { header: '次数 Count', value: (r) => r.count },
      { header: '上报层级 Level', width: 18, value: (r) => r.levelName },
      { header: '确认时间 Acknowledged (UTC)', width: 22, value: (r) => t(r.acknowledgedAt) },
      { header: '解除时间 Cleared (UTC)', width: 22, value: (r) => t(r.clearedAt) },
      { header: '处理人 Assignee', width: 16, value: (r) => r.assignee?.displayName },
    ],
    rows,
  );
}
