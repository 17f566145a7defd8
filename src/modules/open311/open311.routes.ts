// GeoReport v2 under /open311/v2/: one route table, each resource served as .json and .xml from the same
// handler (the document is built once and written in the format the path asks for), in a scope of its own
// whose errors, refusals at the edge (NUL bytes, a body too large, a rate limit) and unknown paths are all
// answered as the specification's error list, never as problem+json. Partners have no session: the POST
// is authorised by its api_key and limited per key; reads are public and limited per address.
import { createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { localeOf } from '../../platform/http/locale.ts';
import { Problem } from '../../platform/http/problem.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { verbatim } from '../../platform/i18n/messages.ts';
import { parseForm, type Form, type GeoError } from './form.ts';
import { contentTypes, errorDocument, formats, render, type Format, type GeoDocument } from './georeport.ts';
import { open311Messages as om } from './messages.ts';
import * as open311 from './open311.service.ts';
import { gridCategories } from '../grid/index.ts';
import { discoveryDocument } from './records.ts';

export const OPEN311_PREFIX = '/open311/v2';

type Query = Record<string, string | undefined>;
interface Call {
  ctx: AppContext;
  req: FastifyRequest;
  locale: Locale;
  query: Query;
  /** The path parameter of the resource (service_code, service_request_id, token), its format removed. */
  param: string;
}
interface GeoRoute {
  method: 'GET' | 'POST';
  /** The resource without its format; `{name}` marks the one path parameter. */
  path: string;
  status?: number;
  handle(call: Call): Promise<GeoDocument>;
}

const routeTable: GeoRoute[] = [
  {
    method: 'GET',
    path: '/discovery',
    async handle({ ctx, req, locale }) {
      const { version } = await gridCategories(ctx);
      return discoveryDocument(`${req.protocol}://${req.host}${OPEN311_PREFIX}`, version, locale);
    },
  },
  { method: 'GET', path: '/services', handle: ({ ctx, query, locale }) => open311.services(ctx, query.jurisdiction_id, locale) },
  {
    method: 'GET',
    path: '/services/{service_code}',
    handle: ({ ctx, param, query, locale }) => open311.serviceDefinition(ctx, param, query.jurisdiction_id, locale),
  },
  { method: 'GET', path: '/requests', handle: ({ ctx, query, locale }) => open311.listRequests(ctx, query, locale) },
  {
    method: 'POST',
    path: '/requests',
    status: 201,
    handle: ({ ctx, req, locale }) => open311.postRequest(ctx, formOf(req), locale),
  },
  {
    method: 'GET',
    path: '/requests/{service_request_id}',
    handle: ({ ctx, param, query, locale }) => open311.requestById(ctx, param, query.jurisdiction_id, locale),
  },
  { method: 'GET', path: '/tokens/{token}', handle: ({ ctx, param, query }) => open311.tokenLookup(ctx, param, query.jurisdiction_id) },
];

const FORM = 'application/x-www-form-urlencoded';

function formOf(req: FastifyRequest): Form {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (type !== FORM) throw new open311.GeoFailure([{ status: 400, message: om.msg('open311.form_required') }]);
  return new Map(Object.entries((req.body ?? {}) as Record<string, string[]>));
}

/** Query values as single strings; a name given twice is read as one comma list (GeoReport's lists are comma lists). */
function queryOf(req: FastifyRequest): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x) => typeof x === 'string').join(',');
  }
  return out;
}

/** The format a path asks for; XML (the format the specification requires) when it names none we serve. */
function formatOf(url: string): Format {
  return /\.json$/i.test(url.split('?')[0] ?? '') ? 'json' : 'xml';
}

function send(reply: FastifyReply, format: Format, status: number, doc: GeoDocument): FastifyReply {
  return reply.code(status).header('content-type', contentTypes[format]).send(render(doc, format));
}

function errorsOf(err: unknown, locale: Locale, retryAfter: number): { status: number; errors: { code: number; description: string }[] } {
  const listed = (status: number, errors: GeoError[]) => ({
    status,
    errors: errors.map((e) => ({ code: e.status, description: e.message.in(locale) })),
  });
  if (err instanceof open311.GeoFailure) return listed(err.status, err.errors);
  const statusCode = (err as { statusCode?: number; status?: number }).statusCode ?? (err as { status?: number }).status;
  if (statusCode === 429) {
    return { status: 429, errors: [{ code: 429, description: om.msg('open311.rate_limited', { seconds: retryAfter }).in(locale) }] };
  }
  if (err instanceof Problem && err.status < 500) {
    // A refusal from the platform's edge or the grid (a compound that is not there, a value out of range).
    const status = err.status === 403 || err.status === 404 ? err.status : 400;
    const fields = (err.extra.errors ?? []).map((f) => `${paramName(f.path)}: ${f.message.in(locale)}`);
    const detail = (err.text?.in(locale) ?? err.title(locale)).replace(/[.。]$/, '');
    const listed = fields.length === 0 ? '' : locale === 'en' ? ` (${fields.join('; ')})` : `（${fields.join('；')}）`;
    return { status, errors: [{ code: status, description: `${detail}${listed}${locale === 'en' ? '.' : '。'}` }] };
  }
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    // Fastify's own refusals (unsupported media type, body too large, malformed body): any other failure is a 400.
    const detail = verbatim((err as Error).message);
    return { status: 400, errors: [{ code: 400, description: om.msg('open311.refused', { detail }).in(locale) }] };
  }
  return { status: 500, errors: [{ code: 500, description: om.msg('open311.service_error').in(locale) }] };
}

// The grid names its fields as its own API does; a partner knows them by their GeoReport names.
const gridFields: Record<string, string> = {
  'body.lat': 'lat',
  'body.lng': 'long',
  'body.compoundId': 'address_id',
  'body.buildingId': 'address_id',
  'body.category': 'service_code',
  'body.description': 'description',
  'body.mediaUrl': 'media_url',
  'body.addressText': 'address_string',
};
function paramName(path: string): string {
  const attribute = /^body\.attributes\.(.+)$/.exec(path);
  if (attribute) return `attribute[${attribute[1]}]`;
  return gridFields[path] ?? path.replace(/^body\./, '').replace(/\.0$/, '');
}

// Rate limits count per key (never the key itself: a digest) for the POST, per address for reads (a list of 1000
// requests is the costliest answer a stranger can ask for).
function limitKey(req: FastifyRequest): string {
  const form = req.body as Record<string, string[]> | undefined;
  const apiKey = req.method === 'POST' && form && typeof form === 'object' ? form.api_key?.[0] : undefined;
  return apiKey ? `key:${createHash('sha256').update(apiKey).digest('hex').slice(0, 24)}` : `ip:${req.ip}`;
}

async function georeport(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  // Form bodies are read as name → values; a null prototype, so a field named __proto__ stays a field.
  scope.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 256 * 1024 }, (_req, body, done) => {
    const out = Object.create(null) as Record<string, string[]>;
    for (const [k, v] of parseForm(String(body))) out[k] = v;
    done(null, out);
  });
  scope.setErrorHandler((err: FastifyError, req, reply) => {
    const { status, errors } = errorsOf(err, localeOf(req), Number(reply.getHeader('retry-after') ?? 60) || 60);
    if (status >= 500) req.log.error({ err }, 'open311 request failed');
    return send(reply, formatOf(req.url), status, errorDocument(errors));
  });
  const noRoute = (req: FastifyRequest, reply: FastifyReply) => {
    const path = (req.url.split('?')[0] ?? '').slice(0, 200);
    return send(
      reply,
      formatOf(req.url),
      404,
      errorDocument([{ code: 404, description: om.msg('open311.no_route', { path }).in(localeOf(req)) }]),
    );
  };
  scope.setNotFoundHandler(noRoute);
  // When the web app is served, its catch-all GET route would answer an unknown GeoReport path with the app's page:
  // this wildcard is more specific, so a client gets the error list.
  scope.route({ method: ['GET', 'POST'], url: '/*', config: { permission: 'public' }, schema: { hide: true }, handler: noRoute });

  const limit = (max: number) => ({ max, timeWindow: 60_000, hook: 'preHandler' as const, keyGenerator: limitKey });
  const writes = limit(ctx.env.OPEN311_RATE_PER_MINUTE);
  const reads = ctx.env.OPEN311_READS_PER_MINUTE > 0 ? limit(ctx.env.OPEN311_READS_PER_MINUTE) : false;
  for (const route of routeTable) {
    const param = /\{(\w+)\}$/.exec(route.path)?.[1];
    const run = async (req: FastifyRequest, reply: FastifyReply, format: Format, value: string) => {
      const doc = await route.handle({ ctx, req, locale: localeOf(req), query: queryOf(req), param: value });
      return send(reply, format, route.status ?? 200, doc);
    };
    const config = { permission: 'public' as const, rateLimit: route.method === 'POST' ? writes : reads };
    if (param) {
      // The parameter carries its format (`street_lamp.json`): split at the last dot.
      const base = route.path.replace(`{${param}}`, ':file');
      scope.route({
        method: route.method,
        url: base,
        config,
        schema: { hide: true },
        handler: async (req, reply) => {
          const file = (req.params as { file: string }).file;
          const dot = file.lastIndexOf('.');
          const format = file.slice(dot + 1).toLowerCase();
          if (dot <= 0 || !(formats as readonly string[]).includes(format))
            throw new open311.GeoFailure([{ status: 404, message: om.msg('open311.format_unknown') }]);
          return run(req, reply, format as Format, file.slice(0, dot));
        },
      });
    } else {
      for (const format of formats)
        scope.route({
          method: route.method,
          url: `${route.path}.${format}`,
          config,
          schema: { hide: true },
          handler: (req, reply) => run(req, reply, format, ''),
        });
    }
  }
}

export async function open311Routes(app: ZodApp, ctx: AppContext): Promise<void> {
  await app.register(async (scope) => georeport(scope, ctx), { prefix: OPEN311_PREFIX });
}
