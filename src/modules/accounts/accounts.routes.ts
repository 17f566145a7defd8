import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { noContent, type ZodApp } from '../../platform/http/app.ts';
import { SESSION_COOKIE, tokenFrom, userOf } from '../../platform/http/auth.ts';
import * as accounts from './accounts.service.ts';
import { codeSender, requestCode } from './codes.ts';

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  scope: z.object({ division: z.string().nullable(), compoundIds: z.array(z.string()) }),
  permissions: z.array(z.string()),
  locale: z.enum(['zh-CN', 'en']),
  department: z.string().nullable(),
});

function setSessionCookie(ctx: AppContext, reply: FastifyReply, session: { token: string; expiresAt: Date }): string {
  const secure = ctx.env.NODE_ENV === 'production' ? '; Secure' : '';
  void reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${session.token}; Path=/; HttpOnly; SameSite=Lax; Expires=${session.expiresAt.toUTCString()}${secure}`,
  );
  return session.token;
}

export async function accountsRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  await accounts.dummyPasswordHash();
  app.post(
    '/api/v1/auth/login',
    {
      config: {
        permission: 'public',
        rateLimit: { max: ctx.env.LOGIN_RATE_PER_MINUTE, timeWindow: 60_000 },
      },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in; answers a bearer token and sets the session cookie',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: z.object({ token: z.string(), user: userSchema }) },
      },
    },
    async (req, reply) => {
      const session = await accounts.login(ctx, req.body.username, req.body.password, req.ip);
      return { token: setSessionCookie(ctx, reply, session), user: accounts.publicUser(session.user) };
    },
  );

  const sender = codeSender(ctx.env.LOGIN_CODE_SENDER, ctx.log);
  const phone = z.string().trim().max(20);
  app.get(
    '/api/v1/auth/code',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['accounts'],
        summary: 'Whether residents may sign in by phone and one-time code on this server',
        response: { 200: z.object({ enabled: z.boolean() }) },
      },
    },
    async () => ({ enabled: sender !== null }),
  );
  app.post(
    '/api/v1/auth/code',
    {
      config: { permission: 'public', rateLimit: { max: ctx.env.LOGIN_RATE_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        tags: ['accounts'],
        summary: 'Send a one-time sign-in code to a resident’s phone (the same answer whether or not the number is known)',
        body: z.object({ phone }),
        response: { 202: z.object({ expiresInSeconds: z.number().int() }) },
      },
    },
    async (req, reply) => reply.code(202).send(await requestCode(ctx, sender, req.body.phone)),
  );
  app.post(
    '/api/v1/auth/code/login',
    {
      config: { permission: 'public', rateLimit: { max: ctx.env.LOGIN_RATE_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with the phone and its one-time code; sets the session cookie',
        body: z.object({ phone, code: z.string().trim().max(12) }),
        response: { 200: z.object({ token: z.string(), user: userSchema }) },
      },
    },
    async (req, reply) => {
      const session = await accounts.loginByCode(ctx, sender, req.body.phone, req.body.code, req.ip);
      return { token: setSessionCookie(ctx, reply, session), user: accounts.publicUser(session.user) };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['accounts'], summary: 'Sign out this session', response: { 204: noContent } },
    },
    async (req, reply) => {
      const token = tokenFrom(req);
      if (token) await accounts.logout(ctx, token);
      void reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['accounts'], summary: 'The signed-in account', response: { 200: z.object({ user: userSchema }) } },
    },
    async (req) => ({ user: accounts.publicUser(userOf(req)) }),
  );

  app.put(
    '/api/v1/auth/me/locale',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['accounts'],
        summary: 'Remember the interface language',
        body: z.object({ locale: z.enum(['zh-CN', 'en']) }),
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await accounts.setLocale(ctx, userOf(req), req.body.locale);
      return reply.code(204).send();
    },
  );
}
