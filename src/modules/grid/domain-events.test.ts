import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineHandler } from '../../platform/events.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { gridWorld, type GridWorld } from './fixtures.ts';
import { escalateGridEvent, slaSweep, transitionGridEvent } from './index.ts';

// Handlers of this file only, registered but never worked: what the core records stays in their queues to be read.
const topics = ['grid.event_created', 'grid.event_transitioned', 'grid.event_escalated'] as const;
const handlers = topics.map((topic) => defineHandler({ name: `test_${topic.replace('.', '_')}`, topic, handle: async () => undefined }));

describe('domain events of the grid core', () => {
  let t: TestApp;
  let w: GridWorld;

  beforeAll(async () => {
    t = await testApp();
    t.ctx.events.register(...(handlers as never[]));
    await t.ctx.events.start();
    w = await gridWorld(t);
  });
  afterAll(() => t?.close());

  const recorded = async (eventId: string) => {
    const res = await t.ctx.db.execute<{ data: { topic: string; payload: Record<string, unknown> } }>(
      sql`select data from pgboss.job where name like 'event.test_grid_%' and data->'payload'->>'id' = ${eventId} order by created_on, data->>'id'`,
    );
    return res.rows.map((r) => ({ topic: r.data.topic, ...r.data.payload }));
  };

  it('records created, transitioned and escalated in the transaction of each change, and nothing for a refused one', async () => {
    const e = await w.report({ category: 'dumping', source: 'platform', platform: 'river', sourceRef: `ext-${w.tag}` }, null);
    expect(await recorded(e.id)).toEqual([
      { topic: 'grid.event_created', id: e.id, category: 'dumping', source: 'platform', platform: 'river', level: 'grid' },
    ]);
    await transitionGridEvent(t.ctx, e.id, 'accepted', await w.actor(w.worker.username));
    await expect(transitionGridEvent(t.ctx, e.id, 'closed', await w.actor(w.worker.username))).rejects.toMatchObject({ status: 409 });
    await escalateGridEvent(t.ctx, e.id, await w.actor(w.reviewer));
    const all = await recorded(e.id);
    expect(all).toHaveLength(3);
    expect(all).toContainEqual({
      topic: 'grid.event_transitioned',
      id: e.id,
      from: 'reported',
      to: 'accepted',
      level: 'grid',
      source: 'platform',
      platform: 'river',
    });
    expect(all).toContainEqual({ topic: 'grid.event_escalated', id: e.id, level: 'community', category: 'dumping' });
  });

  it('records grid.event_escalated for each rise by the clock, once', async () => {
    const e = await w.report({ category: 'noise' });
    const at = new Date(Date.parse(e.dueAt!) + 1);
    await slaSweep(t.ctx, at);
    await slaSweep(t.ctx, at);
    const esc = (await recorded(e.id)).filter((r) => r.topic === 'grid.event_escalated');
    expect(esc).toEqual([{ topic: 'grid.event_escalated', id: e.id, level: 'community', category: 'noise' }]);
  });
});
