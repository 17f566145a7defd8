// The home's reply, section by section (a discriminated union on `kind`): one schema validates the reply,
// types the service and, generated, the web.
import { z } from 'zod';

const int = z.number().int();
const projectItem = {
  projectId: z.string(),
  name: z.string(),
  year: int,
  stage: z.string().describe('the stage code; the web names it'),
  districtCode: z.string(),
  completed: z.boolean(),
};
const planned = z.object({ scheduleId: z.string(), startDate: z.string(), endDate: z.string() }).nullable();

export const homeSection = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('yearProgress'),
    year: int,
    years: z.array(int).describe('the years in which the scope has projects, ascending'),
    districts: z.array(z.object({ code: z.string(), name: z.string(), target: int, started: int, completed: int })),
    months: z.array(z.object({ month: z.string(), started: int, completed: int })).describe('cumulative, by the end of each month'),
  }),
  z.object({ kind: z.literal('lateProjects'), total: int, items: z.array(z.object(projectItem)) }),
  z.object({
    kind: z.literal('disbursed'),
    year: int,
    totalFen: int,
    fundedFen: int.describe("the year's projects' funding lines, all sources"),
    bySource: z.record(z.string(), int),
  }),
  z.object({
    kind: z.literal('projectsByStage'),
    total: int,
    byStage: z.array(z.object({ stage: z.string(), count: int })),
    items: z.array(
      z.object({
        ...projectItem,
        nextStage: z.string().nullable(),
        blockers: z
          .array(z.object({ code: z.string(), message: z.string(), satisfy: z.string() }))
          .describe("the next stage's unmet gates"),
      }),
    ),
  }),
  z.object({
    kind: z.literal('ballotsClosing'),
    days: int,
    items: z.array(
      z.object({
        ballotId: z.string(),
        projectId: z.string(),
        projectName: z.string(),
        title: z.string(),
        kind: z.string(),
        closesAt: z.string(),
        eligible: int,
        voted: int,
      }),
    ),
  }),
  z.object({
    kind: z.literal('findings'),
    total: int,
    items: z.array(
      z.object({
        id: z.string(),
        engagementId: z.string(),
        engagementTitle: z.string(),
        text: z.string(),
        severity: z.string(),
        dueOn: z.string(),
      }),
    ),
  }),
  z.object({
    kind: z.literal('paperBallots'),
    items: z.array(
      z.object({
        ballotId: z.string(),
        projectId: z.string(),
        projectName: z.string(),
        title: z.string(),
        kind: z.string(),
        closesAt: z.string(),
        eligible: int,
        counted: int,
        pending: int,
        pendingForMe: int,
        toKey: int.describe('households with neither a counted vote nor a keyed sheet'),
      }),
    ),
  }),
  z.object({
    kind: z.literal('secondKeyings'),
    items: z.array(
      z.object({
        ballotId: z.string(),
        projectId: z.string(),
        projectName: z.string(),
        ballotTitle: z.string(),
        householdId: z.string(),
        building: z.string(),
        unit: z.string(),
        room: z.string(),
        sheetNo: z.string(),
        keyedAt: z.string(),
      }),
    ),
  }),
  z.object({
    kind: z.literal('surveys'),
    items: z.array(
      z.object({
        surveyId: z.string(),
        projectId: z.string(),
        projectName: z.string(),
        title: z.string(),
        kind: z.string(),
        total: int,
        notReached: int,
      }),
    ),
  }),
  z.object({
    kind: z.literal('bindings'),
    total: int,
    items: z.array(
      z.object({
        compoundId: z.string(),
        compoundName: z.string(),
        householdId: z.string(),
        building: z.string(),
        unit: z.string(),
        room: z.string(),
        residentId: z.string(),
        nameMasked: z.string(),
        relation: z.string(),
        boundByMe: z.boolean(),
      }),
    ),
  }),
  z.object({
    kind: z.literal('packages'),
    year: int.nullable(),
    total: int,
    items: z.array(
      z.object({
        id: z.string(),
        projectId: z.string(),
        projectName: z.string(),
        compoundId: z.string(),
        compoundName: z.string(),
        districtName: z.string(),
        subdistrictName: z.string(),
        year: int,
        kind: z.string(),
        department: z.string(),
        durationDays: int,
        status: z.enum(['planned', 'started', 'done']),
        startedOn: z.string().nullable(),
        planned,
      }),
    ),
  }),
  z.object({
    kind: z.literal('notices'),
    unread: int,
    items: z.array(z.object({ id: z.string(), message: z.string(), packageId: z.string(), createdAt: z.string(), read: z.boolean() })),
  }),
  z.object({ kind: z.literal('workOrders'), open: int, overdue: int }),
]);

export const homeReply = z.object({
  role: z.string(),
  year: int.describe('the year the figures are for: the one asked, else this year if it has projects, else the latest that has'),
  today: z.string(),
  sections: z.array(homeSection),
  badges: z.array(z.object({ key: z.string().describe("a side-menu entry's path"), count: int })),
});
export type HomeSection = z.infer<typeof homeSection>;
export type HomeReply = z.infer<typeof homeReply>;
