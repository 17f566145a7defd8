// The repairs' plain rules: due time by category, overdue by the clock, and when a finished repair may be rated.
import { describe, expect, it } from 'vitest';
import { dueAt, isOverdue, mayRate, rateUntil } from './rules.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = new Date('2026-06-01T02:00:00Z');

describe('repair rules', () => {
  it('is due the category’s hours after filing, and overdue from then while unfinished or once flagged', () => {
    const due = dueAt(at, { dueHours: 4 });
    expect(due.toISOString()).toBe('2026-06-01T06:00:00.000Z');
    const open = { status: 'open' as const, dueAt: due, overdueAt: null };
    expect(isOverdue(open, new Date(due.getTime() - 1))).toBe(false);
    expect(isOverdue(open, due)).toBe(true);
    expect(isOverdue({ ...open, status: 'in_progress' }, new Date(due.getTime() + HOUR))).toBe(true);
    // Finished in time stays not overdue; finished after the clock flagged it stays overdue.
    expect(isOverdue({ ...open, status: 'done' }, new Date(due.getTime() + DAY))).toBe(false);
    expect(isOverdue({ ...open, status: 'done', overdueAt: due }, new Date(due.getTime() + DAY))).toBe(true);
  });

  it('may be rated once, after it is done, within the rule’s days of completion', () => {
    const done = { status: 'done' as const, completedAt: at, rated: false };
    expect(rateUntil(at, 7)!.getTime()).toBe(at.getTime() + 7 * DAY);
    expect(rateUntil(null, 7)).toBeNull();
    expect(mayRate(done, 7, at)).toBe('ok');
    expect(mayRate(done, 7, new Date(at.getTime() + 7 * DAY))).toBe('ok');
    expect(mayRate(done, 7, new Date(at.getTime() + 7 * DAY + 1))).toBe('too_late');
    expect(mayRate({ ...done, rated: true }, 7, at)).toBe('rated');
    expect(mayRate({ status: 'assigned', completedAt: null, rated: false }, 7, at)).toBe('not_done');
  });
});
