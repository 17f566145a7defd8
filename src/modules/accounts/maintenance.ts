// Sessions and one-time codes past their expiry are deleted every night: they can never be used again, and a
// code's keyed hashes are still personal data's traces.
import { lt } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { defineJob } from '../../platform/queue.ts';
import { loginCodes, sessions } from './schema.ts';

export const purgeExpired = defineJob<object, AppContext>({
  name: 'accounts.purge_expired',
  options: { retryLimit: 2, timeoutSeconds: 10 * 60 },
  async run(ctx) {
    const now = new Date();
    const gone = await ctx.db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.tokenHash });
    const codes = await ctx.db.delete(loginCodes).where(lt(loginCodes.expiresAt, now)).returning({ id: loginCodes.id });
    return { sessions: gone.length, codes: codes.length };
  },
});
