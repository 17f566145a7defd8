// The typed client: paths, parameters, bodies and answers come from schema.gen.ts, which is
// generated from the server's OpenAPI document (npm run gen:api), so a call that no longer fits
// the server fails the typecheck. Requests go through app/api.ts (session cookie, headers,
// problem+json thrown as ApiError, the 401 hand-off).
import { apiFetch, downloadFile, toQuery, type RequestOptions } from '../app/api.ts';
import type { paths } from './schema.gen.ts';

export type { paths } from './schema.gen.ts';
export { ApiError, type ProblemBody } from '../app/api.ts';

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
type AnyPath = keyof paths;

/** The paths that answer a method. */
export type PathOf<M extends Method> = { [P in AnyPath]: paths[P] extends Record<M, unknown> ? P : never }[AnyPath];
/** One operation of the generated contract. */
export type Operation<P extends AnyPath, M extends Method> = paths[P] extends Record<M, infer O> ? O : never;
type Responses<O> = O extends { responses: infer R } ? R : never;

/** What a 2xx answer of an operation carries (the union when it has several). */
export type ResponseOf<P extends AnyPath, M extends Method = 'get'> = Responses<Operation<P, M>>[keyof Responses<Operation<P, M>>];
/** The answer of an operation under one status (200 done vs 202 queued). */
export type ResponseAt<P extends AnyPath, M extends Method, S extends keyof Responses<Operation<P, M>>> = Responses<Operation<P, M>>[S];
/** The JSON body an operation takes. */
export type BodyOf<P extends AnyPath, M extends Method> = Operation<P, M> extends { body: infer B } ? B : never;
/** The query an operation takes. */
export type QueryOf<P extends AnyPath, M extends Method = 'get'> = Operation<P, M> extends { query: infer Q } ? Q : never;
/** The path parameters an operation takes. */
export type ParamsOf<P extends AnyPath, M extends Method = 'get'> = Operation<P, M> extends { params: infer A } ? A : never;

// Each input is required when the operation has it (the query only when a field of it is required), absent otherwise.
type Inputs<O> = (O extends { params: infer A } ? { params: A } : { params?: never }) &
  (O extends { query: infer Q } ? (object extends Q ? { query?: Q } : { query: Q }) : { query?: never }) &
  // Operations without a JSON body may take a multipart form (uploads declare no body schema).
  (O extends { body: infer B } ? { body: B } : { body?: FormData });
export type CallOptions<O> = Inputs<O> & Pick<RequestOptions, 'signal' | 'headers' | 'allowUnauthorized'>;
type Args<O> = object extends Inputs<O> ? [options?: CallOptions<O>] : [options: CallOptions<O>];

interface AnyOptions {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | boolean | null | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  allowUnauthorized?: boolean;
}

const PREFIX = '/api/v1';

/** The path below /api/v1 with its parameters filled in and its query appended (what apiFetch takes). */
export function apiPath(template: string, options: Pick<AnyOptions, 'params' | 'query'> = {}): string {
  const filled = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = options.params?.[name];
    if (value === undefined) throw new Error(`${template}: the path parameter ${name} is missing`);
    return encodeURIComponent(String(value));
  });
  return `${filled.startsWith(PREFIX) ? filled.slice(PREFIX.length) : filled}${options.query ? toQuery(options.query) : ''}`;
}

/** Sends one operation; the raw Response, for callers that need the status (200 done vs 202 queued). */
async function send(method: Method, template: string, options: AnyOptions = {}): Promise<Response> {
  return apiFetch(apiPath(template, options), {
    method: method.toUpperCase(),
    body: options.body,
    signal: options.signal,
    headers: options.headers,
    allowUnauthorized: options.allowUnauthorized,
  });
}

async function json(method: Method, template: string, options?: AnyOptions): Promise<unknown> {
  const res = await send(method, template, options);
  if (res.status === 204) return undefined;
  if (!(res.headers.get('content-type') ?? '').includes('json')) return undefined;
  return res.json();
}

function caller<M extends Method>(method: M) {
  return <P extends PathOf<M>>(path: P, ...args: Args<Operation<P, M>>): Promise<ResponseOf<P, M>> =>
    json(method, path, args[0] as AnyOptions) as Promise<ResponseOf<P, M>>;
}

// Operations whose answer is a file.
type FilePath = { [P in PathOf<'get'>]: ResponseOf<P, 'get'> extends Blob ? P : never }[PathOf<'get'>];

export const api = {
  get: caller('get'),
  post: caller('post'),
  put: caller('put'),
  patch: caller('patch'),
  delete: caller('delete'),
  /** The operation's raw Response (status and headers), for answers whose status matters. */
  send: <M extends Method, P extends PathOf<M>>(method: M, path: P, ...args: Args<Operation<P, M>>): Promise<Response> =>
    send(method, path, args[0] as AnyOptions),
  /** Saves a file answer (an .xlsx export, a document) under the server's name, else the fallback. */
  download: <P extends FilePath>(path: P, fallbackName: string, ...args: Args<Operation<P, 'get'>>): Promise<void> =>
    downloadFile(apiPath(path, args[0] as AnyOptions), fallbackName),
};
