// Fetch wrapper for /api/v1: session cookie, JSON, problem+json errors.
import i18n from './i18n/index.ts';
export interface FieldError {
  path?: string;
  /** The stable code of this field's message, when the server gave one. */
  code?: string;
  message: string;
  line?: number;
  column?: string;
}

export interface ProblemBody {
  type?: string;
  /** The stable machine code (also the end of `type`); title, detail and field messages are in the request's language. */
  code?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemBody;
  /** Seconds from a Retry-After header (429, 423), when the server sent one. */
  readonly retryAfter: number | undefined;

  constructor(status: number, problem: ProblemBody, retryAfter?: number) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

export const API_BASE = '/api/v1';

type QueryValue = string | number | boolean | null | undefined;

/** Builds a query string, leaving out empty values. */
export function toQuery(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// Called on a 401 from anywhere but the login call itself; the shell installs it.
let onUnauthorized: (() => void) | null = null;
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

async function readProblem(res: Response): Promise<ProblemBody> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<ProblemBody>;
      return { ...body, title: body.title ?? res.statusText, status: body.status ?? res.status };
    } catch {
      /* fall through to a plain problem */
    }
  }
  return { title: res.statusText || 'Error', status: res.status };
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Skip the global 401 redirect (used by login and the session probe). */
  allowUnauthorized?: boolean;
  signal?: AbortSignal;
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
}

/** Sends a request and returns the raw Response, throwing ApiError unless it is 2xx. */
export async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    // The server words its problems, gates and notices in the interface's language.
    'Accept-Language': i18n.language === 'en' ? 'en' : 'zh-CN',
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, {
      method: options.method ?? 'GET',
      credentials: 'include',
      headers,
      body,
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, { title: 'Network Error', status: 0, detail: String(err) });
  }
  if (!res.ok) {
    const problem = await readProblem(res);
    if (res.status === 401 && !options.allowUnauthorized) onUnauthorized?.();
    const retry = Number(res.headers.get('retry-after') ?? '');
    throw new ApiError(res.status, problem, Number.isFinite(retry) && retry > 0 ? retry : undefined);
  }
  return res;
}

/** JSON request; 204 answers resolve to undefined. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await apiFetch(path, options);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}

/** Downloads a binary answer (xlsx export, templates) through a blob link. */
export async function downloadFile(path: string, fallbackName: string, method = 'GET'): Promise<void> {
  const res = await apiFetch(path, { method });
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = fileNameFrom(disposition) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileNameFrom(disposition: string): string | null {
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* ignore malformed names */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

/**
 * A failed request in words. A problem with a code was worded by the server in the language this
 * interface asked for: it is shown as it is. Without a code (a proxy's error page, a network
 * failure) the gist of the status comes first in Chinese (请先登录, 没有权限, …).
 */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const detail = err.problem.detail ?? err.problem.title;
    // A detail not yet given words by code is still English: the Chinese gist goes first then.
    if (err.problem.code && (i18n.language === 'en' || /[\u4e00-\u9fff]/.test(detail))) return detail;
    const gist = i18n.language === 'en' ? '' : i18n.t(`common.problem.${err.status}`, { defaultValue: '' });
    return gist ? `${gist}：${detail}` : detail;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}
