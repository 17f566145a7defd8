// HTTP load: autocannon against a Renova route and against a hello-world
// Fastify route, with the same settings, so the ratio shows how much of the
// machine's HTTP capacity the route leaves.
import autocannon from 'autocannon';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { log } from './run.ts';

const WARMUP_SECONDS = 2;

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
  /** Socket errors tolerated, as a share of the requests (a proxy's connection churn); default none. */
  tolerateErrorShare?: number;
}

export interface LoadFigures {
  requestsPerSecond: number;
  p99Ms: number;
  meanMs: number;
  total: number;
}

/**
 * One autocannon run. The load generator runs in a worker thread: the server
 * under test lives in this process, and sharing its event loop with the client
 * would halve what either could do. Any non-2xx answer or socket error fails the run.
 */
export async function load(label: string, url: string, settings: LoadSettings, headers: Record<string, string> = {}): Promise<LoadFigures> {
  log(`load: ${label}, ${settings.connections} connections for ${settings.durationSeconds} s (after a ${WARMUP_SECONDS} s warm-up)`);
  // The warm-up's figures are dropped: they measure the JIT and cold caches, not the route.
  await autocannon({ url, connections: settings.connections, duration: WARMUP_SECONDS, headers, workers: 1 });
  const r = await autocannon({ url, connections: settings.connections, duration: settings.durationSeconds, headers, workers: 1 });
  if (r.non2xx || r.timeouts || r.errors > (settings.tolerateErrorShare ?? 0) * r.requests.total)
    throw new Error(`${label}: ${r.non2xx} non-2xx answers, ${r.errors} errors, ${r.timeouts} timeouts`);
  const figures = { requestsPerSecond: r.requests.average, p99Ms: r.latency.p99, meanMs: r.latency.mean, total: r.requests.total };
  log(`load: ${label}: ${figures.requestsPerSecond.toFixed(0)} req/s, p99 ${figures.p99Ms} ms`);
  return figures;
}

/** A hello-world Fastify server on a free port of this process: the HTTP floor of the machine. */
export async function startHelloServer(): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ logger: false });
  app.get('/hello', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hello`, close: () => app.close() };
}

/** Signs in through the API and answers the bearer token. */
export async function bearerToken(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login as ${username}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** GETs `url` once and answers the JSON body; throws on a non-2xx answer. */
export async function getJson<T>(url: string, token?: string): Promise<T> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
