// The Fastify instance every entry point shares: zod validation and OpenAPI,
// problem+json errors, authentication, and the route table test's hooks.
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import fastJson from 'fast-json-stringify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Logger } from 'pino';
import { registerAuth, type AuthUser, type RoutePermission } from './auth.ts';
import { nulGuard, problemFromDatabase, securityHeaders } from './hardening.ts';
import type { Locale } from '../i18n/locale.ts';
import { Message, words } from '../i18n/messages.ts';
import { defaultCode, platformMessages } from '../i18n/platform.messages.ts';
import { issueMessage } from '../i18n/zod.ts';
import { localeOf } from './locale.ts';
import { problem, Problem } from './problem.ts';

export type App = FastifyInstance;
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface RouteRecord {
  method: string | string[];
  url: string;
  permission: RoutePermission | undefined;
  /** The declared response schemas by status (the route table test wants one for every 2xx). */
  response: Record<string, unknown> | undefined;
}

/** The response schema of a 204: nothing is sent (the generated client answers undefined). */
export const noContent = z.undefined().describe('No content');

/**
 * The response schema of a file download: its media type and the bytes as a binary string, so the
 * OpenAPI document says what comes back (the generated client types it a Blob). Nothing is serialised:
 * the route sends a Buffer, string or stream with that content type.
 */
export function fileResponse(contentType: string, description: string) {
  const bytes = z.custom<Buffer | string | NodeJS.ReadableStream>().meta({ type: 'string', format: 'binary' });
  return { description, content: { [contentType]: { schema: bytes } } };
}
export const xlsxMediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Uploaded documents go back under the media type read from their bytes (PDF, JPEG, PNG, …): any. */
export const storedFileMediaType = '*/*';

export interface BuildAppOptions {
  logger: Logger;
  authenticate: (token: string) => Promise<AuthUser | null>;
  maxUploadBytes?: number;
  /** Where request limits are counted (shared by every process); in memory when absent. */
  rateLimitStore?: unknown;
  /** The SPA index file, served by @fastify/static for unknown non-API GETs. */
  webIndex?: string;
  /** Fastify's trustProxy: which proxies' X-Forwarded-* headers to believe (TRUST_PROXY); none by default. */
  trustProxy?: boolean | number | string;
  /** Production sends HSTS. */
  production?: boolean;
}

// Responses are written by fast-json-stringify from each route's zod schema
// turned into JSON Schema once at start-up: several times faster on large lists
// than re-validating every reply with zod, and it still writes only declared fields.
// A frozen reply is one a service shares between requests (a cached page): its
// text is kept beside it, so it is serialised once, not once per request.
function serializerCompiler({ schema }: { schema: unknown }): (data: unknown) => string {
  if (!(schema instanceof z.ZodType)) return (data) => JSON.stringify(data);
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'any' });
  const stringify = fastJson(json as Parameters<typeof fastJson>[0]);
  const memo = new WeakMap<object, string>();
  return (data) => {
    if (typeof data !== 'object' || data === null || !Object.isFrozen(data)) return stringify(data);
    let text = memo.get(data);
    if (text === undefined) memo.set(data, (text = stringify(data)));
    return text;
  };
}

function problemFromError(err: FastifyError, log: FastifyBaseLogger): Problem {
  if (err instanceof Problem) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'request';
    const errors = err.validation.map((v) => ({
      path: [
        where,
        ...String(v.instancePath ?? '')
          .split('/')
          .filter(Boolean),
      ].join('.'),
      message: issueMessage({ ...(v.params as object), code: v.keyword, message: v.message } as Parameters<typeof issueMessage>[0]),
    }));
    const listed = { in: (locale: Locale) => errors.map((e) => `${e.path}: ${e.message.in(locale)}`).join(locale === 'en' ? '; ' : '；') };
    const part = words(requestParts[where] ?? { 'zh-CN': where, en: where });
    return problem(400, platformMessages.msg('request.validation', { where: part, errors: listed }), { errors });
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    // Fastify's own refusals (body too large, bad media type, unparsable JSON) keep their English detail beside the code's words.
    const code = defaultCode(err.statusCode);
    const known = platformMessages.has(code) ? platformMessages.entries[code] : undefined;
    const entry = known ? { 'zh-CN': `${known['zh-CN']}（${err.message}）`, en: err.message } : { 'zh-CN': err.message, en: err.message };
    return problem(err.statusCode, new Message(code, entry));
  }
  return problemFromDatabase(err, log) ?? problem(500, platformMessages.msg('server.error'));
}

const requestParts: Record<string, { 'zh-CN': string; en: string }> = {
  body: { 'zh-CN': '请求内容', en: 'body' },
  querystring: { 'zh-CN': '查询参数', en: 'querystring' },
  params: { 'zh-CN': '路径参数', en: 'params' },
  headers: { 'zh-CN': '请求头', en: 'headers' },
};

export async function buildApp(opts: BuildAppOptions): Promise<{ app: ZodApp; routes: RouteRecord[] }> {
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    // A hop count trusts that many proxies in front, whoever they are (Fastify itself now ignores a number).
    trustProxy:
      typeof opts.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (opts.trustProxy as number)
        : (opts.trustProxy ?? false),
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('preValidation', nulGuard);
  app.addHook('onSend', securityHeaders(opts.production ?? false));

  const routes: RouteRecord[] = [];
  app.addHook('onRoute', (route) => {
    // Only our API must declare permissions; docs and static files are public by nature.
    const ours = route.url.startsWith('/api/v1/') && route.url !== '/api/v1/openapi.json';
    if (!ours && !route.config?.permission) route.config = { ...(route.config ?? {}), permission: 'public' };
    if (route.method !== 'HEAD')
      routes.push({
        method: route.method,
        url: route.url,
        permission: route.config?.permission,
        response: route.schema?.response as Record<string, unknown> | undefined,
      });
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const refusal = problemFromError(err, req.log);
    if (refusal.status >= 500) req.log.error({ err }, 'request failed');
    if (isResponseSerializationError(err)) req.log.error({ issues: err.cause.issues }, 'response did not match its schema');
    // A problem that says when to come back says it in the standard header too.
    if (typeof refusal.extra.retryAfterSeconds === 'number') void reply.header('retry-after', String(refusal.extra.retryAfterSeconds));
    void reply
      .code(refusal.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(refusal.body(req.url.split('?')[0], localeOf(req)));
  });
  app.setNotFoundHandler((req, reply) => {
    // A browser asking for a client-side route (/compounds/…) gets the web app's shell.
    if (opts.webIndex && req.method === 'GET' && !req.url.startsWith('/api/') && 'sendFile' in reply) {
      return (reply as typeof reply & { sendFile(file: string): unknown }).sendFile(opts.webIndex);
    }
    void reply
      .code(404)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(
        problem(404, platformMessages.msg('request.no_route', { method: req.method, path: req.url.split('?')[0] ?? '' })).body(
          undefined,
          localeOf(req),
        ),
      );
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Renova API', version: '1.0.0', description: 'Old-compound renovation and smart community platform.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'renova_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/v1/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await app.register(fastifyRateLimit, { global: false, ...(opts.rateLimitStore ? { store: opts.rateLimitStore as never } : {}) });
  await app.register(fastifyMultipart, { limits: { fileSize: opts.maxUploadBytes ?? 50 * 1024 * 1024, files: 1 } });
  registerAuth(app, opts.authenticate);
  return { app: app.withTypeProvider<ZodTypeProvider>(), routes };
}
