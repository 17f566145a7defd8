// Sign-in by phone and one-time code, for residents on the mobile web. The
// sender is pluggable (LOGIN_CODE_SENDER): development writes the code to the
// log, production posts it to an SMS gateway or has no code sign-in at all.
// Only keyed hashes of the phone and the code are stored; an unknown number
// gets the same answer as a known one, so the endpoint tells nobody who lives where.
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { problem } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { decrypt, encrypt, maskPhone, matchHash } from '../../platform/personal-data.ts';
import { defineJob } from '../../platform/queue.ts';
import { registry } from '../registry/index.ts';
import { accountsMessages as am } from './messages.ts';
import { loginCodes, users } from './schema.ts';

// Security settings, not policy: a code lives five minutes, allows five tries,
// and a phone gets a new one at most once a minute and ten times a day.
const CODE_TTL_SECONDS = 300;
const MAX_ATTEMPTS = 5;
const RESEND_SECONDS = 60;
const MAX_PER_DAY = 10;

export interface CodeSender {
  send(phone: string, code: string, expiresInSeconds: number): Promise<void>;
}

export function codeSender(setting: string, log: Logger): CodeSender | null {
  if (setting === 'none') return null;
  if (setting === 'log')
    return {
      async send(phone, code) {
        log.warn({ phone: maskPhone(phone), code }, 'one-time sign-in code (development sender: LOGIN_CODE_SENDER=log)');
      },
    };
  return {
    async send(phone, code, expiresInSeconds) {
      const res = await fetch(setting, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone, code, expiresInSeconds }),
        signal: AbortSignal.timeout(5000),
      }).catch((err: Error) => ({ ok: false, status: 0, statusText: err.message }));
      // Sent from a job: a refusal is retried there, and the resident never waits on the gateway.
      if (!res.ok) throw new Error(`the sign-in code gateway refused the message (HTTP ${res.status})`);
    },
  };
}

const phonePattern = /^1\d{10}$/;
const invalidPhone = () =>
  problem(400, am.msg('code.phone_invalid'), { errors: [{ path: 'body.phone', message: am.msg('field.phone_invalid') }] });
const codeHash = (ctx: AppContext, phoneHash: string, code: string) =>
  createHmac('sha256', ctx.env.SESSION_SECRET).update(`${phoneHash}:${code}`).digest();
const codeOff = () => problem(404, am.msg('code.off'));

export async function requestCode(ctx: AppContext, sender: CodeSender | null, phone: string): Promise<{ expiresInSeconds: number }> {
  if (!sender) throw codeOff();
  if (!phonePattern.test(phone)) throw invalidPhone();
  const phoneHash = matchHash(ctx.personalKey, phone);
  const recent = await ctx.db
    .select({ createdAt: loginCodes.createdAt })
    .from(loginCodes)
    .where(and(eq(loginCodes.phoneHash, phoneHash), gt(loginCodes.createdAt, new Date(Date.now() - 86_400_000))))
    .orderBy(desc(loginCodes.createdAt));
  const wait = recent[0] ? Math.ceil(RESEND_SECONDS - (Date.now() - recent[0].createdAt.getTime()) / 1000) : 0;
  if (wait > 0 || recent.length >= MAX_PER_DAY)
    throw problem(429, wait > 0 ? am.msg('code.wait', { seconds: wait }) : am.msg('code.too_many_today'), {
      retryAfterSeconds: wait > 0 ? wait : 3600,
    });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await ctx.db.transaction(async (tx) => {
    await tx.insert(loginCodes).values({
      id: uuidv7(),
      phoneHash,
      codeHash: codeHash(ctx, phoneHash, code).toString('base64url'),
      expiresAt: new Date(Date.now() + CODE_TTL_SECONDS * 1000),
    });
    // Whether the number is known, and the message itself, are the job's: the answer is the same either way, in
    // its words and in its time. The job's data is sealed like any personal data.
    await ctx.queue.enqueue(tx, sendCodeJob, { sealed: encrypt(ctx.personalKey, JSON.stringify({ phone, code })) }, { createdBy: null });
  });
  return { expiresInSeconds: CODE_TTL_SECONDS };
}

/** Sends a one-time code to a number the registry knows; unknown numbers get nothing. Retried on a gateway refusal. */
export const sendCodeJob = defineJob<{ sealed: string }, AppContext>({
  name: 'accounts.send_code',
  options: { retryLimit: 3, retryDelaySeconds: 5, retryBackoff: true, timeoutSeconds: 60 },
  async run(ctx, data) {
    const sender = codeSender(ctx.env.LOGIN_CODE_SENDER, ctx.log);
    if (!sender) return { sent: false };
    const { phone, code } = JSON.parse(decrypt(ctx.personalKey, data.sealed)) as { phone: string; code: string };
    if (!(await registry.residentIdsByPhone(ctx, phone)).length) return { sent: false };
    await sender.send(phone, code, CODE_TTL_SECONDS);
    return { sent: true };
  },
});

const wrongCode = () => problem(401, am.msg('code.wrong'));

/** Checks the code and answers the resident's account id, creating the account at the first sign-in. */
export async function verifyCode(ctx: AppContext, sender: CodeSender | null, phone: string, code: string, ip: string): Promise<string> {
  if (!sender) throw codeOff();
  if (!phonePattern.test(phone)) throw invalidPhone();
  if (!/^\d{6}$/.test(code))
    throw problem(400, am.msg('code.six_digits'), { errors: [{ path: 'body.code', message: am.msg('field.six_digits') }] });
  const phoneHash = matchHash(ctx.personalKey, phone);
  const [latest] = await ctx.db
    .select()
    .from(loginCodes)
    .where(and(eq(loginCodes.phoneHash, phoneHash), isNull(loginCodes.consumedAt), gt(loginCodes.expiresAt, new Date())))
    .orderBy(desc(loginCodes.createdAt))
    .limit(1);
  if (!latest || latest.attempts >= MAX_ATTEMPTS) throw wrongCode();
  // Counting the attempt first means parallel guesses cannot exceed the limit.
  const [counted] = await ctx.db
    .update(loginCodes)
    .set({ attempts: sql`${loginCodes.attempts} + 1` })
    .where(and(eq(loginCodes.id, latest.id), sql`${loginCodes.attempts} < ${MAX_ATTEMPTS}`, isNull(loginCodes.consumedAt)))
    .returning({ id: loginCodes.id });
  const expected = Buffer.from(latest.codeHash, 'base64url');
  if (!counted || !timingSafeEqual(expected, codeHash(ctx, phoneHash, code))) throw wrongCode();
  const residentIds = await registry.residentIdsByPhone(ctx, phone);
  if (!residentIds.length) throw wrongCode();
  return ctx.db.transaction(async (tx) => {
    const [consumed] = await tx
      .update(loginCodes)
      .set({ consumedAt: new Date() })
      .where(and(eq(loginCodes.id, latest.id), isNull(loginCodes.consumedAt)))
      .returning({ id: loginCodes.id });
    if (!consumed) throw wrongCode();
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.residentId, residentIds), eq(users.role, 'resident')))
      .limit(1);
    const userId = existing?.id ?? uuidv7();
    if (!existing)
      await tx.insert(users).values({
        id: userId,
        username: `resident-${userId.slice(-12)}`,
        displayName: maskPhone(phone),
        // Code sign-in only: a password no one knows.
        passwordHash: '!code-only',
        role: 'resident',
        residentId: residentIds[0]!,
      });
    await audit(tx, { id: userId, username: 'resident', ip }, existing ? 'login.code' : 'account.created_by_code', 'user', userId);
    return userId;
  });
}
