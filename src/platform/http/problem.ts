// RFC 9457 problem details: every error the API answers has this shape.
export interface FieldError {
  path: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> & { errors?: FieldError[] } = {},
  ) {
    super(detail ?? title);
  }

  body(instance?: string): Record<string, unknown> {
    return {
      type: `https://renova.dev/problems/${this.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...this.extra,
    };
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) => new Problem(400, 'Bad Request', detail, errors ? { errors } : {});
export const unauthorized = (detail = 'Sign in first.') => new Problem(401, 'Unauthorized', detail);
export const forbidden = (detail = 'Your role may not do this.') => new Problem(403, 'Forbidden', detail);
// Out-of-scope records answer exactly like missing ones, so a scope cannot be probed.
export const notFound = (what: string) => new Problem(404, 'Not Found', `${what} does not exist.`);
export const conflict = (detail: string, extra: Record<string, unknown> = {}) => new Problem(409, 'Conflict', detail, extra);
export const unprocessable = (detail: string, errors: FieldError[], extra: Record<string, unknown> = {}) =>
  new Problem(422, 'Unprocessable Content', detail, { errors, ...extra });
