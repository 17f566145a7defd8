// The resident's own view (the mobile web): their homes and binding status, and
// for each verified home the surveys and ballots it is asked, whether it has
// answered, and its vote receipt. Nothing here reveals another household.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf, type AuthUser } from '../../platform/http/auth.ts';
import { projectsOfCompounds } from '../projects/index.ts';
import { registry } from '../registry/index.ts';
import { ballotChain, ballotElectorate, ballots, ballotVotes, surveyResponses, surveys } from './schema.ts';

export async function residentParticipation(ctx: AppContext, user: AuthUser) {
  const homes = user.residentId ? await registry.bindingsOfResident(ctx, user.residentId) : [];
  const verified = homes.filter((h) => h.status === 'verified');
  const householdIds = verified.map((h) => h.householdId);
  const projects = await projectsOfCompounds(ctx.db, [...new Set(verified.map((h) => h.compoundId))]);
  const projectIds = [...new Set(projects.map((p) => p.id))];
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  const [surveyRows, answered, ballotRows, voted] = await Promise.all([
    projectIds.length
      ? ctx.db.select().from(surveys).where(inArray(surveys.projectId, projectIds)).orderBy(desc(surveys.openedAt))
      : Promise.resolve([]),
    householdIds.length
      ? ctx.db
          .select({ surveyId: surveyResponses.surveyId, householdId: surveyResponses.householdId, at: surveyResponses.enteredAt })
          .from(surveyResponses)
          .where(inArray(surveyResponses.householdId, householdIds))
      : Promise.resolve([]),
    householdIds.length
      ? ctx.db
          .select({ ballot: ballots, householdId: ballotElectorate.householdId })
          .from(ballotElectorate)
          .innerJoin(ballots, eq(ballots.id, ballotElectorate.ballotId))
          .where(inArray(ballotElectorate.householdId, householdIds))
          .orderBy(desc(ballots.openedAt))
      : Promise.resolve([]),
    householdIds.length
      ? ctx.db
          .select({
            ballotId: ballotVotes.ballotId,
            householdId: ballotVotes.householdId,
            receipt: ballotVotes.receipt,
            channel: ballotVotes.channel,
            castAt: ballotVotes.castAt,
            position: ballotChain.position,
            head: ballotChain.hash,
            signature: ballotChain.signature,
          })
          .from(ballotVotes)
          .innerJoin(ballotChain, and(eq(ballotChain.ballotId, ballotVotes.ballotId), eq(ballotChain.historyId, ballotVotes.historyId)))
          .where(and(inArray(ballotVotes.householdId, householdIds)))
      : Promise.resolve([]),
  ]);
  const answerOf = new Map(answered.map((a) => [`${a.surveyId}/${a.householdId}`, a.at]));
  const voteOf = new Map(voted.map((v) => [`${v.ballotId}/${v.householdId}`, v]));
  const compoundHouseholds = (compoundId: string) => verified.filter((h) => h.compoundId === compoundId).map((h) => h.householdId);
  const projectHouseholds = (projectId: string) => [
    ...new Set(projects.filter((p) => p.id === projectId).flatMap((p) => compoundHouseholds(p.compoundId))),
  ];
  return {
    households: homes.map((h) => ({
      householdId: h.householdId,
      compoundName: h.compoundName,
      building: h.building,
      unit: h.unit,
      room: h.room,
      relation: h.relation,
      status: h.status,
    })),
    surveys: surveyRows.flatMap((s) =>
      projectHouseholds(s.projectId).map((householdId) => ({
        id: s.id,
        projectId: s.projectId,
        projectName: projectName.get(s.projectId) ?? '',
        kind: s.kind,
        title: s.title,
        status: s.status,
        householdId,
        answeredAt: answerOf.get(`${s.id}/${householdId}`)?.toISOString() ?? null,
      })),
    ),
    ballots: ballotRows.map(({ ballot: b, householdId }) => {
      const vote = voteOf.get(`${b.id}/${householdId}`);
      return {
        id: b.id,
        projectId: b.projectId,
        projectName: projectName.get(b.projectId) ?? '',
        kind: b.kind,
        title: b.title,
        status: b.status,
        closesAt: b.closesAt.toISOString(),
        householdId,
        receipt: vote?.receipt ?? null,
        // What the receipt carries: the household's position in the chain, the head after its vote, and that head's signature.
        position: vote?.position ?? null,
        head: vote?.head ?? null,
        signature: vote?.signature ?? null,
        channel: vote?.channel ?? null,
        votedAt: vote?.castAt.toISOString() ?? null,
      };
    }),
  };
}

const home = z.object({
  householdId: z.string(),
  compoundName: z.string(),
  building: z.string(),
  unit: z.string(),
  room: z.string(),
  relation: z.string(),
  status: z.enum(['pending', 'verified', 'rejected']),
});
const item = {
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  title: z.string(),
  status: z.string(),
  householdId: z.string(),
};

export async function residentRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/me/participation',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['participation'],
        summary: "The signed-in resident's homes, and the surveys and ballots each verified home is asked (with its receipts)",
        response: {
          200: z.object({
            households: z.array(home),
            surveys: z.array(z.object({ ...item, kind: z.string(), answeredAt: z.string().nullable() })),
            ballots: z.array(
              z.object({
                ...item,
                kind: z.string(),
                closesAt: z.string(),
                receipt: z.string().nullable(),
                position: z.number().int().nullable(),
                head: z.string().nullable(),
                signature: z.string().nullable(),
                channel: z.string().nullable(),
                votedAt: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => residentParticipation(ctx, userOf(req)),
  );
}
