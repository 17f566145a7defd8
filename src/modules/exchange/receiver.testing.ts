// A real receiving platform for tests and the benchmark: node:http on a free port, answering each request with
// the status `respond` picks (by its 1-based number), and keeping what it received (headers and raw body).
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { freePort } from '../../platform/testing/net.ts';

export interface Received {
  n: number;
  eventId: string;
  timestamp: string;
  signature: string;
  body: string;
  path: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Checks a request's signature with the secret, as the platform would: HMAC-SHA256 of "<timestamp>.<body>". */
  validSignature(r: Received, secret: string): boolean;
  close(): Promise<void>;
}

export async function startReceiver(respond: (n: number) => number = () => 200, opts: { keepBodies?: boolean } = {}): Promise<Receiver> {
  const received: Received[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const i = ++n;
      const h = (name: string) => String(req.headers[name] ?? '');
      received.push({
        n: i,
        eventId: h('x-renova-event-id'),
        timestamp: h('x-renova-timestamp'),
        signature: h('x-renova-signature'),
        body: opts.keepBodies === false ? '' : Buffer.concat(chunks).toString('utf8'),
        path: req.url ?? '',
      });
      const status = respond(i);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: status < 300 }));
    });
  });
  server.keepAliveTimeout = 30_000;
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/renova/events`,
    received,
    validSignature(r, secret) {
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${r.timestamp}.${r.body}`).digest('hex')}`);
      const given = Buffer.from(r.signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
