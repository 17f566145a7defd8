// The offline timers with a clock of the test's own: one timer at the earliest deadline, the database asked
// again before anyone is declared silent, and no declarations while the broker is away or just back.
import { describe, expect, it } from 'vitest';
import { OfflineTimers, type OfflineClock } from './offline.ts';

class FakeClock implements OfflineClock {
  t = 0;
  timers: { at: number; fn: () => void; id: number }[] = [];
  private next = 1;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers = this.timers.filter((x) => x.id !== id);
  };
  /** Moves time on, firing due timers in order (and letting their async work finish). */
  async advance(ms: number) {
    const until = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const due = this.timers[0];
      if (!due || due.at > until) break;
      this.timers.shift();
      this.t = Math.max(this.t, due.at);
      due.fn();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    this.t = until;
  }
}

function setup(db: Map<string, number>, silenceMs = 90_000) {
  const clock = new FakeClock();
  const declared: [string[], number][] = [];
  const timers = new OfflineTimers(
    {
      deadlines: async (ids) => new Map(ids.filter((id) => db.has(id)).map((id) => [id, db.get(id)!])),
      silent: async (ids, now) => {
        declared.push([[...ids].sort(), now.getTime()]);
        for (const id of ids) db.delete(id);
      },
      silenceMs: () => silenceMs,
      onError: (err) => {
        throw err;
      },
    },
    clock,
  );
  return { clock, declared, timers };
}

describe('offline timers', () => {
  it('declare each device at its own deadline, with one timer armed at a time', async () => {
    const db = new Map([
      ['a', 5_000],
      ['b', 2_000],
      ['c', 2_000],
    ]);
    const { clock, declared, timers } = setup(db);
    for (const [id, d] of db) timers.set(id, d); // loaded at start, not heard by this process
    timers.brokerUp();
    expect(clock.timers).toHaveLength(1);
    await clock.advance(100_000); // past the grace after connecting: these devices were not heard since
    expect(declared).toEqual([[['a', 'b', 'c'], 90_000]]);

    const db2 = new Map([
      ['a', 95_000],
      ['b', 92_000],
    ]);
    const s = setup(db2);
    s.timers.brokerUp();
    await s.clock.advance(91_000);
    s.timers.set('a', 95_000, true);
    s.timers.set('b', 92_000, true);
    expect(s.clock.timers).toHaveLength(1);
    await s.clock.advance(1_500);
    expect(s.declared).toEqual([[['b'], 92_000]]);
    await s.clock.advance(3_000);
    expect(s.declared).toEqual([
      [['b'], 92_000],
      [['a'], 95_000],
    ]);
  });

  it('asks the database again: a device another process heard since is not declared, but re-armed', async () => {
    const db = new Map([['a', 95_000]]);
    const { clock, declared, timers } = setup(db);
    timers.brokerUp();
    await clock.advance(91_000);
    timers.set('a', 95_000, true);
    db.set('a', 150_000); // heard by another ingest process
    await clock.advance(10_000);
    expect(declared).toEqual([]);
    await clock.advance(50_000);
    expect(declared).toEqual([[['a'], 150_000]]);
  });

  it('declares nobody while the broker is down, and gives every device not heard since its grace after it returns', async () => {
    const db = new Map([
      ['kept', 100_000],
      ['quiet', 100_000],
    ]);
    const { clock, declared, timers } = setup(db);
    timers.brokerUp();
    await clock.advance(95_000);
    timers.set('kept', 100_000, true);
    timers.set('quiet', 100_000, true);
    timers.brokerDown();
    await clock.advance(20_000); // deadlines pass while down
    expect(declared).toEqual([]);
    timers.brokerUp(); // back at 115 s
    await clock.advance(1_000);
    db.set('kept', 116_000 + 90_000);
    timers.set('kept', 116_000 + 90_000, true); // kept publishing
    expect(declared).toEqual([]);
    await clock.advance(89_500); // 205.5 s: quiet's grace (115 + 90 = 205 s) is over
    expect(declared).toEqual([[['quiet'], 205_000]]);
    await clock.advance(10_000);
    expect(declared).toEqual([
      [['quiet'], 205_000],
      [['kept'], 206_000],
    ]);
  });
});
