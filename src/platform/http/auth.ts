// Who is calling, and may they? Every route declares `config.permission`;
// the accounts module supplies how a token becomes a user.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../audit.ts';
import { checkCookieWriteOrigin } from './hardening.ts';
import { forbidden, unauthorized } from './problem.ts';
import { platformMessages } from '../i18n/platform.messages.ts';

export interface Scope {
  /** A division code (province, city, district, subdistrict or community), or null. */
  division: string | null;
  /** Compounds granted one by one (residents, contractors, property managers). */
  compoundIds: string[];
}

export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  permissions: ReadonlySet<string>;
  scope: Scope;
  locale: 'zh-CN' | 'en';
  residentId: string | null;
  /** A department liaison's department (power, water, …): what they may see of the departments' works. */
  department: string | null;
}

/**
 * The permission names, as the module that owns them (accounts) declares them by augmenting this interface:
 * the platform knows no domain, yet a route naming a permission that does not exist fails to compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PermissionNames {}

/** `public`: no sign-in; `authenticated`: any signed-in account; otherwise a permission name. */
export type RoutePermission = 'public' | 'authenticated' | keyof PermissionNames;

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
  interface FastifyRequest {
    user: AuthUser | null;
  }
}

export const SESSION_COOKIE = 'renova_session';

export function tokenFrom(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return cookieToken(req);
}

function cookieToken(req: FastifyRequest): string | undefined {
  const cookies = req.headers.cookie;
  if (!cookies) return undefined;
  for (const part of cookies.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== SESSION_COOKIE) continue;
    // A cookie we did not set (malformed escapes, garbage) is no session, not a server error.
    try {
      return decodeURIComponent(rest.join('=')) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function actorOf(req: FastifyRequest): Actor | undefined {
  return req.user ? { id: req.user.id, username: req.user.username, ip: req.ip } : undefined;
}

/** The signed-in user of a route that declared a permission (so it is never null there). */
export function userOf(req: FastifyRequest): AuthUser {
  if (!req.user) throw unauthorized();
  return req.user;
}

export function registerAuth(app: FastifyInstance, authenticate: (token: string) => Promise<AuthUser | null>): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    const permission = req.routeOptions.config?.permission;
    const token = tokenFrom(req);
    if (token) req.user = await authenticate(token);
    if (req.user && !req.headers.authorization?.startsWith('Bearer ')) checkCookieWriteOrigin(req); // signed in by the cookie
    if (permission === 'public' || req.is404) return; // an unknown route answers 404, not 403
    // Static files and the SPA fallback are public by declaration; anything else without one is denied.
    if (!permission) {
      if (!req.url.startsWith('/api/')) return;
      throw forbidden(platformMessages.msg('auth.route_without_permission'));
    }
    if (!req.user) throw unauthorized();
    if (permission !== 'authenticated' && !req.user.permissions.has(permission)) throw forbidden();
  });
}
