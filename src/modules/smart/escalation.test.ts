// Escalation by the rule `smart.alarm_sla`, with the clock moved by passing `now` (never by sleeping).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { applyEvents } from './alarms.engine.ts';
import { escalateAlarmJob, escalateDue, slaAt, type AlarmSla } from './escalation.ts';
import { smartWorld, type SmartWorld } from './fixtures.ts';
import { KEYPERSON_RETENTION_RULE, purgeKeyperson } from './keyperson.ts';
import { ruleAt } from '../../platform/policy.ts';

let t: TestApp;
let world: SmartWorld;
let sla: AlarmSla;
beforeAll(async () => {
  t = await testApp();
  world = await smartWorld(t);
  sla = await slaAt(t.ctx.db);
});
afterAll(() => t.close());

async function raise(profile: string, type: string, at: Date, data: Record<string, unknown> = {}): Promise<string> {
  const d = await world.device(profile);
  const [c] = await t.ctx.db.transaction((tx) => applyEvents(t.ctx, tx, [world.event(d, profile, type, at, data)]));
  return c!.alarmId;
}
const later = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);
const mine = (id: string, list: { alarmId: string; action: string; level: string }[]) =>
  list.filter((e) => e.alarmId === id).map((e) => [e.action, e.level]);
const row = async (id: string) => (await t.ctx.database.pool.query(`select * from alarms where id = $1`, [id])).rows[0];

describe('an unacknowledged critical alarm', () => {
  it('climbs level by level on its SLA, is re-announced at the top, and stops when acknowledged', async () => {
    const at = new Date();
    const id = await raise('sos_button', 'sos.pressed', at);
    const s = sla.severities.critical;
    const [first, second, top] = sla.levels as [string, string, string];
    expect((await row(id)).level).toBe(first);
    // The precise clock: a job due at the alarm's escalateAt.
    const jobs = (
      await t.ctx.database.pool.query(`select start_after from pgboss.job where name = 'smart.escalate_alarm' and data->>'alarmId' = $1`, [
        id,
      ])
    ).rows;
    expect(jobs.map((j) => j.start_after.getTime())).toEqual([later(at, s.acknowledgeSeconds).getTime()]);

    // Critical: its first level is told at once, by a job (off the ingest's path).
    await t.settled();
    const raisedSteps = (await t.call('GET', `/api/v1/alarms/${id}`, 'hemu')).json().steps;
    expect(raisedSteps.filter((x: { action: string }) => x.action === 'notified').map((x: { level: string }) => x.level)).toEqual(
      s.sms ? [first, first] : [],
    );
    expect(mine(id, await escalateDue(t.ctx, later(at, s.acknowledgeSeconds - 1)))).toEqual([]);
    expect(mine(id, await escalateDue(t.ctx, later(at, s.acknowledgeSeconds)))).toEqual([['escalated', second]]);
    // Running the clock twice at the same moment does nothing twice.
    expect(mine(id, await escalateDue(t.ctx, later(at, s.acknowledgeSeconds)))).toEqual([]);
    expect(mine(id, await escalateDue(t.ctx, later(at, 2 * s.acknowledgeSeconds)))).toEqual([['escalated', top]]);
    expect(mine(id, await escalateDue(t.ctx, later(at, 2 * s.acknowledgeSeconds + s.remindSeconds)))).toEqual([['reminded', top]]);
    expect((await row(id)).level).toBe(top);

    const detail = (await t.call('GET', `/api/v1/alarms/${id}`, 'hemu')).json();
    const notified = detail.steps.filter((x: { action: string }) => x.action === 'notified');
    // Each level told: the community's two workers, then the subdistrict's officer; the SMS honestly not sent.
    expect(notified.map((x: { note: string }) => x.note)).toContain('The community: 2 duty accounts notified');
    expect(notified.map((x: { note: string }) => x.note)).toContain('The subdistrict: 1 duty accounts notified');
    expect(notified.some((x: { note: string }) => x.note.startsWith('Critical alarm SMS: no duty account'))).toBe(s.sms);

    const ack = await t.call('POST', `/api/v1/alarms/${id}/acknowledge`, 'hemu');
    expect(ack.statusCode, ack.body).toBe(200);
    expect(mine(id, await escalateDue(t.ctx, later(at, 100 * s.acknowledgeSeconds)))).toEqual([]);
    expect((await row(id)).escalate_at).toBeNull();
  });

  it('a less severe alarm waits for its own, longer SLA', async () => {
    const at = new Date();
    const id = await raise('lift', 'equipment.fault', at, { code: 'E7' });
    const major = sla.severities.major.acknowledgeSeconds;
    expect(major).toBeGreaterThan(sla.severities.critical.acknowledgeSeconds);
    expect(mine(id, await escalateDue(t.ctx, later(at, sla.severities.critical.acknowledgeSeconds)))).toEqual([]);
    expect(mine(id, await escalateDue(t.ctx, later(at, major)))).toEqual([['escalated', sla.levels[1]!]]);
  });

  it('a watch-list alert never climbs to duty levels that may not read it', async () => {
    const at = new Date();
    const id = await raise('keyperson_camera', 'keyperson.match', at, { vendorRef: 'V-9' });
    expect((await row(id)).escalate_at).toBeNull();
    expect(mine(id, await escalateDue(t.ctx, later(at, 100 * sla.severities.critical.acknowledgeSeconds)))).toEqual([]);
  });

  it('a cleared alarm never escalates', async () => {
    const at = new Date();
    const id = await raise('sos_button', 'sos.pressed', at);
    expect((await t.call('POST', `/api/v1/alarms/${id}/clear`, 'hemu-worker', { note: '误触' })).statusCode).toBe(200);
    expect(mine(id, await escalateDue(t.ctx, later(at, 10 * sla.severities.critical.acknowledgeSeconds)))).toEqual([]);
  });
});

describe('the precise clock (a job due at escalateAt)', () => {
  const jobsOf = async (id: string) =>
    (
      await t.ctx.database.pool.query(`select start_after from pgboss.job where name = 'smart.escalate_alarm' and data->>'alarmId' = $1`, [
        id,
      ])
    ).rows;
  const progress = () => undefined;

  it('run early, it escalates nothing and is sent again for the same time; run when due, it escalates', async () => {
    const id = await raise('sos_button', 'sos.pressed', new Date());
    // A critical alarm's notify job holds the alarm's row while it runs: let it finish, or the run below skips the
    // locked row and (its due time then past) sends nothing again.
    await t.settled();
    const due = (await row(id)).escalate_at as Date;
    expect(await escalateAlarmJob.run(t.ctx, { alarmId: id, due: due.toISOString() }, progress, { id: 'x', attempt: 1 })).toEqual({
      escalated: 0,
    });
    expect((await jobsOf(id)).map((j) => j.start_after.getTime())).toEqual([due.getTime(), due.getTime()]);
    // Time passes (the due time is put behind us rather than waited for).
    const past = new Date(Date.now() - 1000);
    await t.ctx.database.pool.query(`update alarms set escalate_at = $2 where id = $1`, [id, past]);
    // The every-minute sweep may get there first on a busy machine: between the two, it climbs exactly once.
    const out = await escalateAlarmJob.run(t.ctx, { alarmId: id, due: past.toISOString() }, progress, { id: 'y', attempt: 1 });
    expect((out as { escalated: number }).escalated).toBeLessThanOrEqual(1);
    expect((await row(id)).level).toBe(sla.levels[1]);
    const climbs = await t.ctx.database.pool.query(
      `select count(*)::int as n from alarm_steps where alarm_id = $1 and action = 'escalated'`,
      [id],
    );
    expect(climbs.rows[0].n).toBe(1);
  });
});

describe('key-person retention', () => {
  it('purges watch-list alarms and their history after the retention days, and nothing else', async () => {
    const days = (await ruleAt<number>(t.ctx.db, KEYPERSON_RETENTION_RULE)).value;
    const old = new Date(Date.now() - (days + 1) * 86_400_000);
    const watch = await raise('keyperson_camera', 'keyperson.match', old, { vendorRef: 'V-OLD' });
    const sos = await raise('sos_button', 'sos.pressed', old);
    const fresh = await raise('keyperson_camera', 'keyperson.match', new Date(), { vendorRef: 'V-NEW' });
    const out = await purgeKeyperson(t.ctx, new Date());
    expect(out.alarms).toBe(1);
    expect(await row(watch)).toBeUndefined();
    expect((await t.ctx.database.pool.query(`select count(*)::int as n from alarm_steps where alarm_id = $1`, [watch])).rows[0].n).toBe(0);
    expect(await row(sos)).toBeDefined();
    expect(await row(fresh)).toBeDefined();
  });
});
