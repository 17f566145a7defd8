// Deliberation councils (红茶议事会, 居民议事团, R13): meetings with their agenda,
// attendance, minutes and resolutions, linked to the plan versions they changed.
// Attendance is kept as resident ids and a count: names are personal data and
// stay in the registry.
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { isoDate } from '../../platform/http/fields.ts';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf, userOf, type AuthUser } from '../../platform/http/auth.ts';
import { unprocessable } from '../../platform/http/problem.ts';
import { participationMessages as pm } from './messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { planVersionNumbers, requireProject } from '../projects/index.ts';
import { deliberationBodies, deliberationMeetings } from './schema.ts';

const meetingInput = z.object({
  body: z.enum(deliberationBodies),
  heldOn: isoDate,
  agenda: z.array(z.string().trim().min(1).max(200)).min(1).max(30),
  attendees: z.number().int().min(1).max(10_000),
  attendeeResidentIds: z.array(z.string().uuid()).max(10_000).default([]),
  minutes: z.string().trim().min(1).max(20_000),
  resolutions: z.array(z.object({ text: z.string().trim().min(1).max(1000), adopted: z.boolean() })).max(50),
  planVersions: z.array(z.number().int().min(1)).max(20).default([]),
});
type MeetingInput = z.infer<typeof meetingInput>;

const view = (m: typeof deliberationMeetings.$inferSelect) => ({
  id: m.id,
  body: m.body,
  heldOn: m.heldOn,
  agenda: m.agenda,
  attendees: m.attendees,
  minutes: m.minutes,
  resolutions: m.resolutions,
  planVersions: m.planVersions,
  recordedAt: m.recordedAt.toISOString(),
});

export async function recordMeeting(ctx: AppContext, user: AuthUser, actor: Actor | undefined, projectId: string, input: MeetingInput) {
  await requireProject(ctx, user, projectId);
  const known = new Set(await planVersionNumbers(ctx, projectId));
  const errors = input.planVersions.flatMap((v, i) =>
    known.has(v) ? [] : [{ path: `body.planVersions.${i}`, message: pm.msg('field.no_plan_version', { version: v }) }],
  );
  if (input.attendeeResidentIds.length > input.attendees)
    errors.push({ path: 'body.attendeeResidentIds', message: pm.msg('field.more_than_attended') });
  if (errors.length) throw unprocessable(pm.msg('council.record_invalid'), errors);
  const [row] = await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(deliberationMeetings)
      .values({ id: uuidv7(), projectId, ...input, recordedBy: user.id })
      .returning();
    await audit(tx, actor, 'deliberation.record', 'project', projectId, { body: input.body, planVersions: input.planVersions });
    return inserted;
  });
  return view(row!);
}

export async function listMeetings(ctx: AppContext, user: AuthUser, projectId: string) {
  await requireProject(ctx, user, projectId);
  const rows = await ctx.db
    .select()
    .from(deliberationMeetings)
    .where(and(eq(deliberationMeetings.projectId, projectId)))
    .orderBy(asc(deliberationMeetings.heldOn), asc(deliberationMeetings.recordedAt));
  return rows.map(view);
}

const meetingView = z.object({
  id: z.string(),
  body: z.enum(deliberationBodies),
  heldOn: z.string(),
  agenda: z.array(z.string()),
  attendees: z.number(),
  minutes: z.string(),
  resolutions: z.array(z.object({ text: z.string(), adopted: z.boolean() })),
  planVersions: z.array(z.number()),
  recordedAt: z.string(),
});

export async function deliberationRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const params = z.object({ id: z.string().uuid() });
  app.get(
    '/api/v1/projects/:id/deliberations',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags: ['participation'],
        summary: "A project's deliberation council meetings",
        params,
        response: { 200: z.object({ items: z.array(meetingView) }) },
      },
    },
    async (req) => ({ items: await listMeetings(ctx, userOf(req), req.params.id) }),
  );
  app.post(
    '/api/v1/projects/:id/deliberations',
    {
      config: { permission: 'surveys.manage' },
      schema: {
        tags: ['participation'],
        summary: 'Record a deliberation council meeting and the plan versions it changed',
        params,
        body: meetingInput,
        response: { 201: meetingView },
      },
    },
    async (req, reply) => reply.code(201).send(await recordMeeting(ctx, userOf(req), actorOf(req), req.params.id, req.body)),
  );
}
