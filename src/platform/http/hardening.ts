// Request and response hardening every route shares, so no route can forget it:
// NUL bytes refused at the edge, security headers on every answer, cookie writes
// only from our own origin, and database type errors answered as the client's fault.
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { platformMessages as pm } from '../i18n/platform.messages.ts';
import { verbatim } from '../i18n/messages.ts';
import { badRequest, forbidden, unprocessable, type Problem } from './problem.ts';

// PostgreSQL refuses NUL in text (22021) and drivers fail on it differently; it is never meant.
function nulPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path}.${key.replaceAll('\u0000', '\\u0000')}`;
    const found = nulPath(inner, `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

export function refuseNul(values: Record<string, unknown>): void {
  for (const [where, value] of Object.entries(values)) {
    const path = nulPath(value, where);
    if (path) throw badRequest(pm.msg('request.nul', { path }), [{ path, message: pm.msg('field.nul') }]);
  }
}

/** preValidation hook: the parsed query, path parameters and JSON body hold no NUL (paths named as validation names them). */
export async function nulGuard(req: FastifyRequest): Promise<void> {
  refuseNul({ querystring: req.query, params: req.params, body: req.body });
}

// antd writes its styles at run time (inline style elements and attributes); scripts come only from our origin
// (Swagger UI at /api/docs too: it loads its initializer as a file).
const appCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(production: boolean) {
  return async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    void reply.header('content-security-policy', appCsp);
    void reply.header('x-frame-options', 'DENY');
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    if (production) void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return payload;
  };
}

/** host[:port] of a URL, lower-cased and without the scheme's default port; undefined for `null` or garbage. */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A write carried by the session cookie must come from a page of this site: the browser
 * attaches the cookie to a cross-site form or fetch too (SameSite=Lax still lets top-level
 * POSTs from sibling subdomains through). Origin, or Referer without it, must name this host
 * (X-Forwarded-Host only from a trusted proxy, as Fastify's req.host reads it).
 */
export function checkCookieWriteOrigin(req: FastifyRequest): void {
  if (SAFE_METHODS.has(req.method)) return;
  const claimed = req.headers.origin ?? req.headers.referer;
  // Browsers send Origin on every cross-origin write; a client sending neither is no browser being misused.
  if (claimed === undefined) return;
  if (hostOf(claimed) === undefined || hostOf(claimed) !== hostOf(`${req.protocol}://${req.host}`))
    throw forbidden(
      pm.msg('request.origin_refused', { origin: claimed === 'null' ? pm.msg('request.origin_opaque') : verbatim(`"${claimed}"`) }),
    );
}

// Type errors PostgreSQL raised about a value the client sent; the edge should have refused it already.
const pgValueErrors = {
  '22021': [400, 'db.text_unstorable'],
  '22P02': [400, 'db.value_invalid'],
  '22007': [422, 'db.date_invalid'],
  '22008': [422, 'db.date_out_of_range'],
  '22003': [422, 'db.number_out_of_range'],
} as const satisfies Record<string, [400 | 422, string]>;

/** A Problem for a PostgreSQL data exception (possibly wrapped by drizzle), else undefined. */
export function problemFromDatabase(err: unknown, log: FastifyBaseLogger): Problem | undefined {
  const code = (err as { code?: unknown }).code ?? (err as { cause?: { code?: unknown } }).cause?.code;
  const known =
    typeof code === 'string' && Object.hasOwn(pgValueErrors, code) ? pgValueErrors[code as keyof typeof pgValueErrors] : undefined;
  if (!known) return undefined;
  // Only the code: PostgreSQL's message quotes the value, which may be personal.
  log.warn({ pgCode: code }, 'PostgreSQL refused a value that request validation let through');
  return known[0] === 400 ? badRequest(pm.msg(known[1])) : unprocessable(pm.msg(known[1]), []);
}
