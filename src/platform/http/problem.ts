// RFC 9457 problem details: every error the API answers has this shape, plus a stable `code`
// (also the end of `type`) and words in the request's language (see platform/i18n).
import type { Locale } from '../i18n/locale.ts';
import { Message, render, type Words } from '../i18n/messages.ts';
import { defaultCode, platformMessages, statusTitle } from '../i18n/platform.messages.ts';

export const PROBLEM_TYPE_BASE = 'https://renova.dev/problems/';

export interface FieldError {
  path: string;
  /** Words by code: a plain string would reach a Chinese reader in English. */
  message: Message;
  [key: string]: unknown;
}

export class Problem extends Error {
  /** The stable machine code: the message's code, else one derived from the status. */
  readonly code: string;
  readonly text: Message | undefined;

  constructor(
    readonly status: number,
    // Kept for callers written before codes; the title a reader sees comes from the code or the status.
    readonly legacyTitle: string,
    // Words by code only: a plain string here would reach a Chinese reader in English.
    detail?: Message,
    readonly extra: Record<string, unknown> & { errors?: FieldError[] } = {},
  ) {
    super(detail === undefined ? legacyTitle : detail.in('en'));
    this.code = detail ? detail.code : defaultCode(status);
    this.text = detail;
  }

  get detail(): string | undefined {
    return this.text?.in('en');
  }

  title(locale: Locale): string {
    return (this.text instanceof Message && this.text.title(locale)) || statusTitle(this.status)[locale];
  }

  body(instance?: string, locale: Locale = 'zh-CN'): Record<string, unknown> {
    const { errors, ...rest } = this.extra;
    return {
      type: `${PROBLEM_TYPE_BASE}${this.code}`,
      code: this.code,
      title: this.title(locale),
      status: this.status,
      ...(this.text ? { detail: this.text.in(locale) } : {}),
      ...(instance ? { instance } : {}),
      ...(render(rest, locale) as Record<string, unknown>),
      ...(errors ? { errors: errors.map((e) => fieldError(e, locale)) } : {}),
    };
  }
}

function fieldError(e: FieldError, locale: Locale): Record<string, unknown> {
  const { path, message, ...rest } = e;
  return {
    path,
    code: message.code,
    message: message.in(locale),
    ...(render(rest, locale) as Record<string, unknown>),
  };
}

/** A problem by code: the usual way to refuse something. */
export const problem = (status: number, message: Message, extra: Record<string, unknown> & { errors?: FieldError[] } = {}) =>
  new Problem(status, statusTitle(status).en, message, extra);

export const badRequest = (detail: Message, errors?: FieldError[]) => new Problem(400, 'Bad Request', detail, errors ? { errors } : {});
export const unauthorized = (detail: Message = platformMessages.msg('auth.unauthorized')) => new Problem(401, 'Unauthorized', detail);
export const forbidden = (detail: Message = platformMessages.msg('auth.forbidden')) => new Problem(403, 'Forbidden', detail);
// Out-of-scope records answer exactly like missing ones, so a scope cannot be probed.
// `what` names the record in words (a module's noun with its id); plain text is kept for older callers.
export const notFound = (what: Words) => new Problem(404, 'Not Found', platformMessages.msg('not_found', { what }));
export const conflict = (detail: Message, extra: Record<string, unknown> = {}) => new Problem(409, 'Conflict', detail, extra);
export const unprocessable = (detail: Message, errors: FieldError[], extra: Record<string, unknown> = {}) =>
  new Problem(422, 'Unprocessable Content', detail, { errors, ...extra });
