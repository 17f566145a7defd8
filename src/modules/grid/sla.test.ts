import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { gridWorld, type GridWorld } from './fixtures.ts';
import { getGridEvent, manifest, slaSweep, transitionGridEvent } from './index.ts';

describe('the SLA clock (acceptance 2: an overdue event escalates by the clock, moved here, never slept)', () => {
  let t: TestApp;
  let w: GridWorld;

  beforeAll(async () => {
    t = await testApp();
    w = await gridWorld(t);
  });
  afterAll(() => t?.close());

  const overdueIds = async (as: string) =>
    (await t.call('GET', `/api/v1/grid-events?overdue=true&compoundId=${w.compoundId}&limit=100`, as))
      .json()
      .items.map((e: { id: string }) => e.id);

  it('flags an event past its time, raises it one level per due escalation, and does nothing twice at the same time', async () => {
    // Dumping: the community is responsible, so it starts at the grid; one hour to be accepted (environment group).
    const e = await w.report({ category: 'dumping' });
    expect(e.level).toBe('grid');
    const due = new Date(e.dueAt!);
    expect(due.getTime() - Date.now()).toBeGreaterThan(3600_000 - 60_000);

    const early = await slaSweep(t.ctx, new Date(due.getTime() - 1000));
    expect(early.escalated.map((x) => x.id)).not.toContain(e.id);
    expect((await getGridEvent(t.ctx, e.id))!).toMatchObject({ level: 'grid', overdue: false, overdueSince: null });
    expect(await overdueIds(w.reviewer)).not.toContain(e.id);

    const at = new Date(due.getTime() + 1000);
    const first = await slaSweep(t.ctx, at);
    expect(first.flagged).toBeGreaterThanOrEqual(1);
    expect(first.escalated).toContainEqual({ id: e.id, level: 'community', category: 'dumping' });
    const d = (await getGridEvent(t.ctx, e.id, 'en'))!;
    expect(d).toMatchObject({ level: 'community', overdue: true, overdueSince: due.toISOString(), state: 'reported' });
    expect(d.steps.slice(-2)).toMatchObject([
      { action: 'overdue', actorRole: 'system', at: due.toISOString(), level: 'grid', note: 'Past its time' },
      {
        action: 'escalated',
        actorRole: 'system',
        at: at.toISOString(),
        level: 'community',
        note: 'Overdue: raised to the community level by the clock',
      },
    ]);
    // The lists (and the dashboard reading them) count it as overdue, for the grid worker and for the community.
    expect(await overdueIds(w.reviewer)).toContain(e.id);
    expect(await overdueIds(w.worker.username)).toContain(e.id);

    const again = await slaSweep(t.ctx, at);
    expect(again.escalated.map((x) => x.id)).not.toContain(e.id);
    expect((await getGridEvent(t.ctx, e.id))!.steps).toHaveLength(d.steps.length);

    // The community gets a day (grid.escalation levelSeconds.community) before it rises again.
    const dayLater = at.getTime() + 86_400_000;
    expect((await slaSweep(t.ctx, new Date(dayLater - 1000))).escalated.map((x) => x.id)).not.toContain(e.id);
    expect((await slaSweep(t.ctx, new Date(dayLater))).escalated).toContainEqual({ id: e.id, level: 'subdistrict', category: 'dumping' });
    expect((await slaSweep(t.ctx, new Date(dayLater + 2 * 86_400_000))).escalated).toContainEqual({
      id: e.id,
      level: 'city',
      category: 'dumping',
    });
    // At the top (a city department) the clock has nowhere to raise it.
    const top = await slaSweep(t.ctx, new Date(dayLater + 30 * 86_400_000));
    expect(top.escalated.map((x) => x.id)).not.toContain(e.id);
    expect((await getGridEvent(t.ctx, e.id))!.level).toBe('city');

    // Accepting starts the next state's time: no longer overdue, the level stays where the clock left it.
    const accepted = await transitionGridEvent(t.ctx, e.id, 'accepted', await w.actor(w.worker.username));
    expect(accepted).toMatchObject({ state: 'accepted', overdue: false, overdueSince: null, level: 'city' });
    expect(await overdueIds(w.reviewer)).not.toContain(e.id);
  });

  it('leaves closed events alone and runs every minute from the manifest', async () => {
    const e = await w.report({ category: 'garbage_overflow' });
    await transitionGridEvent(t.ctx, e.id, 'closed', await w.actor(w.worker.username));
    const r = await slaSweep(t.ctx, new Date(Date.now() + 365 * 86_400_000));
    expect(r.escalated.map((x) => x.id)).not.toContain(e.id);
    expect((await getGridEvent(t.ctx, e.id))!).toMatchObject({ state: 'closed', overdue: false, level: 'grid' });
    expect(manifest.schedules).toContainEqual(
      expect.objectContaining({ cron: '* * * * *', kind: expect.objectContaining({ name: 'grid.sla_sweep' }) }),
    );
  });
});
