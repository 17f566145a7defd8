// A local receiving platform for the exchange's outbound deliveries, and the physical reference beside them: the
// same signed POSTs (HMAC-SHA256 over timestamp and body) sent by a bare loop of keep-alive requests, no queue.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Receiver {
  url: string;
  /** Deliveries answered 2xx, and the distinct event ids among them. */
  received: () => { ok: number; distinct: number; badSignature: number; firstAt: number | null; lastAt: number | null };
  reset: () => void;
  close: () => Promise<void>;
}

/**
 * Answers 200 to every POST whose signature `verify` accepts (401 otherwise). `verify` gets the lower-cased headers
 * and the raw body; the event id is read from `idOf` to count distinct deliveries.
 */
export async function startReceiver(
  verify: (headers: http.IncomingHttpHeaders, body: string) => boolean,
  idOf: (headers: http.IncomingHttpHeaders, body: string) => string | null = () => null,
): Promise<Receiver> {
  let ok = 0;
  let bad = 0;
  let ids = new Set<string>();
  let firstAt: number | null = null;
  let lastAt: number | null = null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (!verify(req.headers, body)) {
        bad++;
        res.writeHead(401).end();
        return;
      }
      ok++;
      lastAt = performance.now();
      firstAt ??= lastAt;
      const id = idOf(req.headers, body);
      if (id) ids.add(id);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/inbox`,
    received: () => ({ ok, distinct: ids.size, badSignature: bad, firstAt, lastAt }),
    reset: () => {
      ok = 0;
      bad = 0;
      ids = new Set();
      firstAt = null;
      lastAt = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The physical reference: `concurrency` loops each signing a body (`headers` makes the signature headers) and
 * POSTing it over a keep-alive agent for `seconds`; answers deliveries per second acknowledged 2xx.
 */
export async function rawSignedPostRate(
  url: string,
  seconds: number,
  concurrency: number,
  body: (i: number) => string,
  headers: (body: string, i: number) => Record<string, string>,
): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  let done = 0;
  let i = 0;
  const until = performance.now() + seconds * 1000;
  const post = (payload: string, n: number) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: { ...headers(payload, n), 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const n = i++;
        const status = await post(body(n), n);
        if (status >= 200 && status < 300) done++;
      }
    }),
  );
  agent.destroy();
  return done / ((performance.now() - t0) / 1000);
}
