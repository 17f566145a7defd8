// The platform's own housekeeping, run by the clock on a worker: handled-event marks past the queue's retention
// (nothing can be redelivered after it) and request-limit windows long closed.
import { sql } from 'drizzle-orm';
import type { AppContext } from './context.ts';
import { defineModule } from './module.ts';
import { defineJob } from './queue.ts';

/** pg-boss keeps a finished job 14 days by default; a mark older than that guards against nothing. */
const MARK_RETENTION_DAYS = 30;

export const purgePlatform = defineJob<object, AppContext>({
  name: 'platform.purge',
  options: { retryLimit: 2, timeoutSeconds: 10 * 60 },
  async run(ctx) {
    const marks = await ctx.db.execute(
      sql`delete from handled_events where handled_at < now() - make_interval(days => ${MARK_RETENTION_DAYS})`,
    );
    const windows = await ctx.db.execute(sql`delete from rate_limits where window_start < now() - interval '1 day'`);
    return { marks: marks.rowCount ?? 0, rateLimitWindows: windows.rowCount ?? 0 };
  },
});

/** The platform's manifest: no routes of its own here (those are in http/), only its scheduled work. */
export const platformManifest = defineModule({
  name: 'platform',
  schedules: [{ kind: purgePlatform, cron: '17 3 * * *' }],
});
