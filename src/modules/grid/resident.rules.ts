// The resident side's plain rule: the window a report may be reopened in.

const DAY_MS = 86_400_000;

/**
 * Whether the reporter may reopen (异议) now, and until when. Handled or reviewed events may be disputed while
 * they wait for review (no deadline yet); a closed one within `days` of its closure; a merged duplicate never
 * (its dispute belongs to the event it was merged into); nobody but the reporter.
 */
export function reopenWindow(
  e: { state: string; closedAt: Date | null; merged: boolean; reporter: boolean },
  days: number,
  now: Date,
): { allowed: boolean; until: Date | null } {
  if (!e.reporter || e.merged) return { allowed: false, until: null };
  if (e.state === 'handled' || e.state === 'reviewed') return { allowed: true, until: null };
  if (e.state === 'closed' && e.closedAt) {
    const until = new Date(e.closedAt.getTime() + days * DAY_MS);
    return { allowed: now.getTime() <= until.getTime(), until };
  }
  return { allowed: false, until: null };
}
