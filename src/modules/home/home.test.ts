// Each role's home: the community worker's 待办 follows the paper sheets as they are keyed once and twice,
// a binding waits for a second person, the liaison's packages carry the dates of the latest timetable, the
// officers see what blocks a project and which ballots close, and nobody sees a section their role or
// permissions would not give them. Every record asserted on is made here (ballotWorld, packages of 2031).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../platform/ids.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { ballotWorld, type BallotWorld } from '../participation/fixtures.ts';
import { badgesOf, sectionsFor, type HomeReply, type HomeSection } from './index.ts';
import { isLate, progressByDistrict, progressByMonth } from './plan.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const home = async (username: string, query = ''): Promise<HomeReply> => {
  const res = await t.call('GET', `/api/v1/me/home${query}`, username);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const section = <K extends HomeSection['kind']>(h: HomeReply, kind: K) =>
  h.sections.find((s): s is Extract<HomeSection, { kind: K }> => s.kind === kind);

describe("the community worker's 待办", () => {
  let w: BallotWorld;
  let ballotId: string;
  beforeAll(async () => {
    w = await ballotWorld(t, 4);
    ballotId = (await w.open()).id;
  });

  const ballotOf = (h: HomeReply) => section(h, 'paperBallots')!.items.find((b) => b.ballotId === ballotId);

  it('lists the open ballot with every sheet still to key, then follows a first and a second keying', async () => {
    const before = ballotOf(await home('hemu-worker'))!;
    expect(before).toMatchObject({ projectId: w.projectId, eligible: 4, counted: 0, pending: 0, toKey: 4 });
    expect(before.projectName).toContain('表决测试');

    expect((await w.paper(ballotId, 'hemu-worker', w.households[1]!, 'agree', 'S-77')).statusCode).toBe(201);
    const mine = await home('hemu-worker');
    expect(ballotOf(mine)).toMatchObject({ counted: 0, pending: 1, pendingForMe: 0, toKey: 3 });
    // The one who keyed it first cannot key it second: it is not in their list.
    expect(section(mine, 'secondKeyings')!.items.some((s) => s.ballotId === ballotId)).toBe(false);

    const other = await home('hemu-worker-2');
    expect(ballotOf(other)).toMatchObject({ pending: 1, pendingForMe: 1, toKey: 3 });
    const waiting = section(other, 'secondKeyings')!.items.filter((s) => s.ballotId === ballotId);
    expect(waiting).toEqual([
      expect.objectContaining({
        householdId: w.households[1],
        sheetNo: 'S-77',
        building: '1',
        unit: '1',
        room: '102',
        projectId: w.projectId,
      }),
    ]);
    expect(waiting[0]).not.toHaveProperty('choice');

    expect((await w.paper(ballotId, 'hemu-worker-2', w.households[1]!, 'agree', 'S-77')).json().status).toBe('counted');
    const after = await home('hemu-worker-2');
    expect(ballotOf(after)).toMatchObject({ counted: 1, pending: 0, pendingForMe: 0, toKey: 3 });
    expect(section(after, 'secondKeyings')!.items.some((s) => s.ballotId === ballotId)).toBe(false);
  });

  it('lists a binding waiting for a second person, and households an open survey has not reached', async () => {
    const added = await t.call('POST', `/api/v1/households/${w.households[2]}/residents`, 'hemu-worker', {
      name: '待核验居民',
      fake: true,
    });
    expect(added.statusCode, added.body).toBe(201);
    const mine = section(await home('hemu-worker'), 'bindings')!;
    const row = mine.items.find((b) => b.householdId === w.households[2]);
    expect(row).toMatchObject({ compoundId: w.compoundId, room: '103', boundByMe: true });
    expect(row!.nameMasked).not.toBe('待核验居民');
    expect(mine.total).toBeGreaterThanOrEqual(1);
    expect(section(await home('hemu-worker-2'), 'bindings')!.items.find((b) => b.householdId === w.households[2])?.boundByMe).toBe(false);

    const survey = await t.call('POST', `/api/v1/projects/${w.projectId}/surveys`, 'hemu', {
      kind: 'baseline',
      title: '摸底',
      questions: [
        {
          id: 'q',
          type: 'single',
          text: '是否需要改造',
          required: true,
          options: [
            { code: 'y', label: '是' },
            { code: 'n', label: '否' },
          ],
        },
      ],
    });
    expect(survey.statusCode, survey.body).toBe(201);
    const surveys = section(await home('hemu-worker'), 'surveys')!;
    expect(surveys.items.find((s) => s.surveyId === survey.json().id)).toMatchObject({ total: 4, notReached: 4, projectId: w.projectId });
  });

  it('counts what waits on the home entry of the menu', async () => {
    const h = await home('hemu-worker');
    const todo = h.badges.find((b) => b.key === '/')!.count;
    expect(todo).toBe(badgesOf(h.sections).find((b) => b.key === '/')!.count);
    expect(todo).toBeGreaterThanOrEqual(3 + 1 + 4);
  });

  it('shows the subdistrict what blocks the project and the ballot about to close; the liaison none of it', async () => {
    const officer = await home('hemu');
    expect(officer.sections.map((s) => s.kind)).toEqual(['projectsByStage', 'ballotsClosing', 'findings']);
    expect(section(officer, 'ballotsClosing')!.items.find((b) => b.ballotId === ballotId)).toMatchObject({ voted: 1, eligible: 4 });
    const stages = section(officer, 'projectsByStage')!;
    expect(stages.byStage.find((s) => s.stage === 'planned')!.count).toBeGreaterThanOrEqual(1);
    const liaison = await home('power');
    expect(liaison.sections.map((s) => s.kind)).toEqual(['packages', 'notices']);
    expect(JSON.stringify(liaison)).not.toContain(ballotId);
  });
});

describe("the liaison's packages", () => {
  it('carry the planned dates of the latest finished timetable, and only their department’s', async () => {
    const pool = t.ctx.database.pool;
    const { rows } = await pool.query<{ id: string; name: string; community_code: string }>(
      `select id, name, community_code from compounds where district_code = '330105' order by id limit 1`,
    );
    const c = rows[0]!;
    const pkg = (department: string, kind: string) => {
      const id = uuidv7();
      return pool
        .query(
          `insert into work_packages (id, project_id, compound_id, project_name, compound_name, community_code, year, kind, department,
             duration_days, crews, opens_ground) values ($1, $2, $3, '首页测试项目', $4, $5, 2031, $6, $7, 5, 1, true)`,
          [id, uuidv7(), c.id, c.name, c.community_code, kind, department],
        )
        .then(() => id);
    };
    const power = await pkg('power', 'power');
    const unplaced = await pkg('power', 'power_meter');
    const water = await pkg('water', 'water');
    const timetable = async (createdAt: string, status: string, start: number, end: number) => {
      const id = uuidv7();
      await pool.query(
        `insert into schedules (id, year, division, status, starts_on, created_at) values ($1, 2031, '330100', $2, '2031-03-03', $3)`,
        [id, status, createdAt],
      );
      await pool.query(
        `insert into schedule_packages (schedule_id, package_id, start, "end", baseline_start, baseline_end) values ($1, $2, $3, $4, $3, $4)`,
        [id, power, start, end],
      );
      return id;
    };
    await timetable('2031-01-01T00:00:00Z', 'done', 0, 5);
    const latest = await timetable('2031-01-02T00:00:00Z', 'done', 5, 10);
    await timetable('2031-01-03T00:00:00Z', 'running', 20, 25);

    const packages = section(await home('power'), 'packages')!;
    expect(packages.year).toBe(2031);
    expect(packages.items.every((p) => p.department === 'power')).toBe(true);
    expect(packages.items.map((p) => p.id)).not.toContain(water);
    // Monday 2031-03-03 is day 0: days 5..9 are the next week, Monday to Friday.
    expect(packages.items.find((p) => p.id === power)!.planned).toEqual({
      scheduleId: latest,
      startDate: '2031-03-10',
      endDate: '2031-03-14',
    });
    expect(packages.items.find((p) => p.id === unplaced)!.planned).toBeNull();
    // Each package says where it is: the district and subdistrict by name (330105 is 拱墅区).
    expect(packages.items.find((p) => p.id === power)).toMatchObject({
      districtName: '拱墅区',
      subdistrictName: expect.stringMatching(/街道$/),
    });
    // Placed ones first.
    expect(packages.items[0]!.id).toBe(power);

    // The packages list carries the same dates.
    const listed = await t.call('GET', '/api/v1/work-packages?year=2031&limit=50', 'power');
    expect(listed.statusCode, listed.body).toBe(200);
    const item = (listed.json().items as { id: string; planned: unknown }[]).find((p) => p.id === power);
    expect(item?.planned).toEqual({ scheduleId: latest, startDate: '2031-03-10', endDate: '2031-03-14' });
  });
});

describe('the plan of each role', () => {
  it('gives each role its own sections, never one its permissions refuse', () => {
    const all = new Set([
      'projects.read',
      'ballots.enter_paper',
      'surveys.enter',
      'residents.bind',
      'packages.write',
      'findings.close',
      'workorders.read',
    ]);
    expect(sectionsFor('community_worker', all)).toEqual(['paperBallots', 'secondKeyings', 'surveys', 'bindings']);
    expect(sectionsFor('community_worker', new Set(['projects.read', 'residents.bind']))).toEqual(['bindings']);
    expect(sectionsFor('department_liaison', all)).toEqual(['packages', 'notices']);
    expect(sectionsFor('resident', all)).toEqual([]);
  });

  it("adds up the bureau's progress by district and month, and calls earlier years' unfinished projects late", () => {
    const projects = [
      { id: 'a', districtCode: '330105', stage: 'accepted' },
      { id: 'b', districtCode: '330105', stage: 'under_construction' },
      { id: 'c', districtCode: '330106', stage: 'planned' },
    ];
    expect(progressByDistrict(projects, new Map([['330105', '拱墅区']]))).toEqual([
      { code: '330105', name: '拱墅区', target: 2, started: 2, completed: 1 },
      { code: '330106', name: '330106', target: 1, started: 0, completed: 0 },
    ]);
    const months = progressByMonth(2031, projects, [
      { projectId: 'a', stage: 'under_construction', month: '2031-03' },
      { projectId: 'a', stage: 'accepted', month: '2031-06' },
      { projectId: 'b', stage: 'under_construction', month: '2031-05' },
    ]);
    expect(months[1]).toEqual({ month: '2031-02', started: 0, completed: 0 });
    expect(months[2]).toEqual({ month: '2031-03', started: 1, completed: 0 });
    expect(months[5]).toEqual({ month: '2031-06', started: 2, completed: 1 });
    expect(isLate({ year: 2030, stage: 'tendered' }, 2031)).toBe(true);
    expect(isLate({ year: 2030, stage: 'accepted' }, 2031)).toBe(false);
    expect(isLate({ year: 2031, stage: 'planned' }, 2031)).toBe(false);
  });

  it("shows the city bureau the year's progress, late projects and money paid out", async () => {
    const h = await home('admin', '?year=2022');
    expect(h.sections.map((s) => s.kind)).toEqual(['yearProgress', 'lateProjects', 'disbursed']);
    const progress = section(h, 'yearProgress')!;
    expect(progress.year).toBe(2022);
    expect(progress.months).toHaveLength(12);
    const gongshu = progress.districts.find((d) => d.code === '330105')!;
    expect(gongshu.name).toBe('拱墅区');
    expect(gongshu.target).toBeGreaterThan(0);
    expect(progress.months.at(-1)!.completed).toBe(progress.districts.reduce((n, d) => n + d.completed, 0));
    const paid = section(h, 'disbursed')!;
    expect(paid.totalFen).toBe(Object.values(paid.bySource).reduce((n, v) => n + v, 0));
  });
});
