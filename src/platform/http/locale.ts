// The language a request is answered in (see i18n/locale.ts for the order of preference).
import type { FastifyRequest } from 'fastify';
import { negotiateLocale, type Locale } from '../i18n/locale.ts';
import { render, type Rendered } from '../i18n/messages.ts';

export function localeOf(req: FastifyRequest): Locale {
  const header = req.headers['accept-language'];
  return negotiateLocale(Array.isArray(header) ? header.join(',') : header, req.user?.locale);
}

/** A reply with every Words value in it put into the request's language. */
export const localized = <T>(req: FastifyRequest, value: T): Rendered<T> => render(value, localeOf(req));
