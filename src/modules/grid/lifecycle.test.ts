import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actorKinds,
  allowedNext,
  boundingBox,
  clockStep,
  dueTime,
  eventRef,
  firstEscalation,
  haversineM,
  inPolygon,
  initialLevel,
  isOverdue,
  nextEscalation,
  nextLevel,
  withinReopen,
  type ActorKind,
  type EscalationRule,
  type EventSla,
  type TransitionFacts,
} from './lifecycle.ts';
import { gridEventStates, gridLevels, type GridEventState } from './schema.ts';

const now = new Date('2026-03-01T08:00:00Z');
const facts = (f: Partial<TransitionFacts>): TransitionFacts => ({
  state: 'reported',
  actor: 'grid_worker',
  selfResolvable: false,
  isReporter: false,
  closedAt: null,
  now,
  reopenDays: 7,
  ...f,
});

const sla: EventSla = {
  default: { reported: 3600, accepted: 86400, handled: 86400, reviewed: 86400, disputed: 86400 },
  groups: { safety: { reported: 600 } },
};
const rule: EscalationRule = {
  levels: ['grid', 'community', 'subdistrict', 'city'],
  graceSeconds: 0,
  levelSeconds: { community: 3600, subdistrict: 7200 },
};

describe('the grid event lifecycle', () => {
  it('walks the full path reported → accepted → handled → reviewed → closed with the right actors', () => {
    expect(allowedNext(facts({ state: 'reported', actor: 'grid_worker' }))).toEqual(['accepted']);
    expect(allowedNext(facts({ state: 'accepted', actor: 'grid_worker' }))).toEqual(['handled']);
    expect(allowedNext(facts({ state: 'handled', actor: 'grid_worker' }))).toEqual([]);
    expect(allowedNext(facts({ state: 'handled', actor: 'community' }))).toEqual(['reviewed', 'accepted']);
    expect(allowedNext(facts({ state: 'reviewed', actor: 'subdistrict' }))).toEqual(['closed', 'accepted']);
    expect(allowedNext(facts({ state: 'closed', actor: 'city' }))).toEqual([]);
  });

  it('lets only the grid worker who reported a self-resolvable matter settle it at once (自办自结)', () => {
    expect(allowedNext(facts({ selfResolvable: true, isReporter: true }))).toEqual(['accepted', 'closed']);
    expect(allowedNext(facts({ selfResolvable: true, isReporter: false }))).toEqual(['accepted']);
    expect(allowedNext(facts({ selfResolvable: false, isReporter: true }))).toEqual(['accepted']);
    expect(allowedNext(facts({ selfResolvable: true, isReporter: true, actor: 'community' }))).toEqual(['accepted']);
  });

  it('opens a dispute for the reporting resident only, and from closed only within the reopen days', () => {
    expect(allowedNext(facts({ state: 'handled', actor: 'resident', isReporter: true }))).toEqual(['disputed']);
    expect(allowedNext(facts({ state: 'handled', actor: 'resident', isReporter: false }))).toEqual([]);
    const closedAt = new Date(now.getTime() - 6 * 86_400_000);
    expect(allowedNext(facts({ state: 'closed', actor: 'resident', isReporter: true, closedAt }))).toEqual(['disputed']);
    const longAgo = new Date(now.getTime() - 8 * 86_400_000);
    expect(allowedNext(facts({ state: 'closed', actor: 'resident', isReporter: true, closedAt: longAgo }))).toEqual([]);
    expect(allowedNext(facts({ state: 'closed', actor: 'resident', isReporter: true, closedAt, merged: true }))).toEqual([]);
    expect(allowedNext(facts({ state: 'disputed', actor: 'community' }))).toEqual(['accepted', 'closed']);
    expect(allowedNext(facts({ state: 'disputed', actor: 'resident', isReporter: true }))).toEqual([]);
  });

  it('never allows a move to the same state, and never lets a resident do staff work (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...gridEventStates),
        fc.constantFrom(...actorKinds),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 30 }),
        (state: GridEventState, actor: ActorKind, selfResolvable, isReporter, daysAgo) => {
          const next = allowedNext(
            facts({ state, actor, selfResolvable, isReporter, closedAt: new Date(now.getTime() - daysAgo * 86_400_000) }),
          );
          expect(next).not.toContain(state);
          expect(new Set(next).size).toBe(next.length);
          if (actor === 'resident') expect(next.every((s) => s === 'disputed')).toBe(true);
          if (actor !== 'resident') expect(next).not.toContain('disputed');
          // Reviews belong to the community and above.
          if (actor === 'grid_worker') expect(next).not.toContain('reviewed');
        },
      ),
    );
  });

  it('reaches closed from every state by some sequence of allowed moves (property: no dead ends)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...gridEventStates), (start) => {
        const seen = new Set<GridEventState>([start]);
        const queue = [start];
        while (queue.length) {
          const s = queue.shift()!;
          for (const actor of actorKinds)
            for (const n of allowedNext(facts({ state: s, actor, isReporter: true, closedAt: now, selfResolvable: true })))
              if (!seen.has(n)) {
                seen.add(n);
                queue.push(n);
              }
        }
        expect(seen.has('closed')).toBe(true);
      }),
    );
  });

  it('counts the reopen window inclusively in whole days', () => {
    expect(withinReopen(null, now, 7)).toBe(false);
    expect(withinReopen(new Date(now.getTime() - 7 * 86_400_000), now, 7)).toBe(true);
    expect(withinReopen(new Date(now.getTime() - 7 * 86_400_000 - 1), now, 7)).toBe(false);
  });
});

describe('levels, SLA and the clock', () => {
  it('climbs grid → community → subdistrict → city and stops at the top', () => {
    expect(nextLevel('grid')).toBe('community');
    expect(nextLevel('community')).toBe('subdistrict');
    expect(nextLevel('subdistrict')).toBe('city');
    expect(nextLevel('city')).toBeNull();
    expect(nextLevel('community', ['grid', 'community'])).toBeNull();
  });

  it('takes a state’s time from its group, else the default; closed has none', () => {
    expect(dueTime(sla, 'safety', 'reported', now)!.getTime() - now.getTime()).toBe(600_000);
    expect(dueTime(sla, 'safety', 'accepted', now)!.getTime() - now.getTime()).toBe(86_400_000);
    expect(dueTime(sla, 'unknown', 'reported', now)!.getTime() - now.getTime()).toBe(3_600_000);
    expect(dueTime(sla, 'safety', 'closed', now)).toBeNull();
  });

  it('escalates first at due + grace, then after each level’s own time, never from the top', () => {
    const due = new Date(now.getTime() + 1000);
    expect(firstEscalation({ ...rule, graceSeconds: 60 }, 'grid', due)!.getTime()).toBe(due.getTime() + 60_000);
    expect(firstEscalation(rule, 'city', due)).toBeNull();
    expect(nextEscalation(rule, 'community', now)!.getTime()).toBe(now.getTime() + 3_600_000);
    expect(nextEscalation(rule, 'city', now)).toBeNull();
  });

  it('flags overdue once and rises one level per due escalation; a second step at the same time does nothing (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...gridLevels),
        fc.constantFrom('reported', 'accepted', 'handled', 'reviewed', 'disputed' as const),
        fc.integer({ min: -10_000, max: 10_000 }),
        (level, state, dueOffsetS) => {
          const dueAt = new Date(now.getTime() + dueOffsetS * 1000);
          const e = { state, level, dueAt, escalateAt: firstEscalation(rule, level, dueAt), overdueSince: null };
          const once = clockStep(rule, e, now);
          expect(once.flagged).toBe(dueOffsetS <= 0);
          expect(once.escalated).toBe(dueOffsetS <= 0 && level !== 'city');
          if (once.escalated) expect(once.level).toBe(nextLevel(level));
          const twice = clockStep(rule, { ...e, ...once }, now);
          expect(twice.flagged).toBe(false);
          expect(twice.escalated).toBe(false);
          expect(twice.level).toBe(once.level);
          expect(isOverdue({ state, dueAt }, now)).toBe(dueOffsetS <= 0);
        },
      ),
    );
  });

  it('starts platform events at the grid and routes others by the responsible body', () => {
    expect(initialLevel('property', 'resident')).toBe('grid');
    expect(initialLevel('community', 'patrol')).toBe('grid');
    expect(initialLevel('subdistrict', 'resident')).toBe('subdistrict');
    expect(initialLevel('city', 'resident')).toBe('city');
    expect(initialLevel('city', 'platform')).toBe('grid');
  });
});

describe('places and references', () => {
  it('finds a point inside an outline and outside its hole', () => {
    const square = [
      [120, 30],
      [120.01, 30],
      [120.01, 30.01],
      [120, 30.01],
      [120, 30],
    ];
    const hole = [
      [120.004, 30.004],
      [120.006, 30.004],
      [120.006, 30.006],
      [120.004, 30.006],
      [120.004, 30.004],
    ];
    expect(inPolygon({ lat: 30.002, lng: 120.002 }, [square])).toBe(true);
    expect(inPolygon({ lat: 30.02, lng: 120.002 }, [square])).toBe(false);
    expect(inPolygon({ lat: 30.005, lng: 120.005 }, [square, hole])).toBe(false);
    expect(inPolygon({ lat: 30.002, lng: 120.002 }, [square, hole])).toBe(true);
    expect(inPolygon({ lat: 30.002, lng: 120.002 }, [])).toBe(false);
  });

  it('reads the reference as the year in China and six digits', () => {
    expect(eventRef(123, new Date('2026-06-01T00:00:00Z'))).toBe('2026-000123');
    expect(eventRef(7, new Date('2025-12-31T17:00:00Z'))).toBe('2026-000007');
  });

  it('measures 100 m north as about 100 m, and the bounding box holds every point within the radius (property)', () => {
    const p = { lat: 30.27, lng: 120.15 };
    expect(Math.round(haversineM(p, { lat: p.lat + 100 / 111_195, lng: p.lng }))).toBe(100);
    fc.assert(
      fc.property(
        fc.double({ min: -60, max: 60, noNaN: true }),
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lat, lng, radius, angle, share) => {
          const box = boundingBox({ lat, lng }, radius);
          const d = radius * share * 0.999;
          const q = {
            lat: lat + (d * Math.cos(angle)) / 111_320,
            lng: lng + (d * Math.sin(angle)) / (111_320 * Math.cos((lat * Math.PI) / 180)),
          };
          if (haversineM({ lat, lng }, q) <= radius) {
            expect(q.lat).toBeGreaterThanOrEqual(box.minLat);
            expect(q.lat).toBeLessThanOrEqual(box.maxLat);
            expect(q.lng).toBeGreaterThanOrEqual(box.minLng);
            expect(q.lng).toBeLessThanOrEqual(box.maxLng);
          }
        },
      ),
    );
  });
});
