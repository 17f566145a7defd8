// What waits on people for a project's ballots and surveys (issue 16's homes): paper sheets still to key,
// sheets keyed once and waiting for a second person, ballots about to close, households a survey has not
// reached. Read-only; the caller passes the project ids its scope allows (projects' scopedProjects).
// Inside the correlated subqueries the outer ballot is named in full: drizzle would write its id unqualified.
import { and, asc, eq, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { projectCompoundIds } from '../projects/index.ts';
import { registry } from '../registry/index.ts';
import { ballotPaperKeyings, ballots, ballotVotes, surveyResponses, surveys } from './schema.ts';

export interface OpenBallotWork {
  ballotId: string;
  projectId: string;
  title: string;
  kind: string;
  closesAt: string;
  eligible: number;
  /** Households with a counted vote. */
  counted: number;
  /** Households whose sheet was keyed once and waits for a second keying (by anyone). */
  pending: number;
  /** Of those, sheets the asking person may key second: keyed by someone else. */
  pendingForMe: number;
  /** Households with neither a counted vote nor a keyed sheet: paper sheets still to key. */
  toKey: number;
}

/** The open ballots of some projects with how many sheets wait, soonest closing first. */
export async function openBallotWork(db: Db | Tx, projectIds: string[], userId: string): Promise<OpenBallotWork[]> {
  if (!projectIds.length) return [];
  const rows = await db
    .select({
      ballotId: ballots.id,
      projectId: ballots.projectId,
      title: ballots.title,
      kind: ballots.kind,
      closesAt: ballots.closesAt,
      eligible: ballots.eligible,
      counted: sql<number>`(select count(*)::int from ${ballotVotes} v where v.ballot_id = "ballots"."id")`,
      pending: sql<number>`(select count(distinct k.household_id)::int from ${ballotPaperKeyings} k
        where k.ballot_id = "ballots"."id" and k.status = 'pending_second_keying'
          and not exists (select 1 from ${ballotVotes} v where v.ballot_id = k.ballot_id and v.household_id = k.household_id))`,
      pendingForMe: sql<number>`(select count(distinct k.household_id)::int from ${ballotPaperKeyings} k
        where k.ballot_id = "ballots"."id" and k.status = 'pending_second_keying' and k.keyed_by <> ${userId}
          and not exists (select 1 from ${ballotVotes} v where v.ballot_id = k.ballot_id and v.household_id = k.household_id)
          and not exists (select 1 from ${ballotPaperKeyings} m where m.ballot_id = k.ballot_id
            and m.household_id = k.household_id and m.keyed_by = ${userId} and m.status = 'pending_second_keying'))`,
    })
    .from(ballots)
    .where(and(inArray(ballots.projectId, projectIds), eq(ballots.status, 'open')))
    .orderBy(asc(ballots.closesAt), asc(ballots.id));
  return rows.map((r) => ({
    ...r,
    closesAt: r.closesAt.toISOString(),
    toKey: Math.max(0, r.eligible - r.counted - r.pending),
  }));
}

export interface PendingSheet {
  ballotId: string;
  projectId: string;
  ballotTitle: string;
  householdId: string;
  building: string;
  unit: string;
  room: string;
  sheetNo: string;
  keyedAt: string;
}

/**
 * Sheets keyed once by someone else that the asking person may key second (open ballots only), oldest first.
 * The choice keyed is never shown: the second keying is blind.
 */
export async function sheetsAwaitingSecondKeying(
  db: Db | Tx,
  projectIds: string[],
  userId: string,
  limit: number,
): Promise<PendingSheet[]> {
  if (!projectIds.length) return [];
  const rows = await db
    .select({
      ballotId: ballotPaperKeyings.ballotId,
      projectId: ballots.projectId,
      ballotTitle: ballots.title,
      householdId: ballotPaperKeyings.householdId,
      sheetNo: ballotPaperKeyings.sheetNo,
      keyedAt: ballotPaperKeyings.keyedAt,
    })
    .from(ballotPaperKeyings)
    .innerJoin(ballots, eq(ballots.id, ballotPaperKeyings.ballotId))
    .where(
      and(
        inArray(ballots.projectId, projectIds),
        eq(ballots.status, 'open'),
        eq(ballotPaperKeyings.status, 'pending_second_keying'),
        ne(ballotPaperKeyings.keyedBy, userId),
        sql`not exists (select 1 from ${ballotVotes} v where v.ballot_id = ${ballotPaperKeyings.ballotId} and v.household_id = ${ballotPaperKeyings.householdId})`,
        sql`not exists (select 1 from ${ballotPaperKeyings} m where m.ballot_id = ${ballotPaperKeyings.ballotId}
          and m.household_id = ${ballotPaperKeyings.householdId} and m.keyed_by = ${userId} and m.status = 'pending_second_keying')`,
      ),
    )
    .orderBy(asc(ballotPaperKeyings.keyedAt))
    .limit(limit);
  if (!rows.length) return [];
  const frame = new Map(
    (await registry.householdFrame(db, { householdIds: [...new Set(rows.map((r) => r.householdId))] })).map((h) => [h.id, h]),
  );
  return rows.map((r) => {
    const h = frame.get(r.householdId);
    return { ...r, building: h?.building ?? '', unit: h?.unit ?? '', room: h?.room ?? '', keyedAt: r.keyedAt.toISOString() };
  });
}

/** Open ballots of some projects closing before a moment, with their turnout (counted households). */
export async function ballotsClosingBefore(db: Db | Tx, projectIds: string[], before: Date) {
  if (!projectIds.length) return [];
  const rows = await db
    .select({
      ballotId: ballots.id,
      projectId: ballots.projectId,
      title: ballots.title,
      kind: ballots.kind,
      closesAt: ballots.closesAt,
      eligible: ballots.eligible,
      voted: sql<number>`(select count(*)::int from ${ballotVotes} v where v.ballot_id = "ballots"."id")`,
    })
    .from(ballots)
    .where(and(inArray(ballots.projectId, projectIds), eq(ballots.status, 'open'), lte(ballots.closesAt, before)))
    .orderBy(asc(ballots.closesAt));
  return rows.map((r) => ({ ...r, closesAt: r.closesAt.toISOString() }));
}

export interface OpenSurveyWork {
  surveyId: string;
  projectId: string;
  title: string;
  kind: string;
  total: number;
  notReached: number;
}

/** The open surveys of some projects with the households they have not reached yet. */
export async function openSurveyWork(db: Db | Tx, projectIds: string[]): Promise<OpenSurveyWork[]> {
  if (!projectIds.length) return [];
  const open = await db
    .select({ id: surveys.id, projectId: surveys.projectId, title: surveys.title, kind: surveys.kind })
    .from(surveys)
    .where(and(inArray(surveys.projectId, projectIds), eq(surveys.status, 'open')))
    .orderBy(asc(surveys.openedAt));
  const out: OpenSurveyWork[] = [];
  for (const s of open) {
    const households = await registry.householdIdsOfCompounds(db, await projectCompoundIds(db, s.projectId));
    const [reached] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.surveyId, s.id), households.length ? inArray(surveyResponses.householdId, households) : sql`false`));
    out.push({
      surveyId: s.id,
      projectId: s.projectId,
      title: s.title,
      kind: s.kind,
      total: households.length,
      notReached: households.length - (reached?.n ?? 0),
    });
  }
  return out;
}
