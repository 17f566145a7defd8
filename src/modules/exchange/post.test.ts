// Outbound HTTP against real local servers: redirects are followed only to the same origin, a silent platform
// times out, a closed port is an error; none of them is mistaken for a delivery.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../platform/testing/net.ts';
import { post } from './deliver.ts';

async function serve(handler: http.RequestListener) {
  const port = await freePort();
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${port}`, server, hits: [] as string[] };
}

describe('outbound POST', () => {
  let main: Awaited<ReturnType<typeof serve>>;
  let other: Awaited<ReturnType<typeof serve>>;
  const headers = { 'content-type': 'application/json' };

  beforeAll(async () => {
    other = await serve((req, res) => {
      other.hits.push(req.url!);
      res.writeHead(200).end();
    });
    main = await serve((req, res) => {
      main.hits.push(req.url!);
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.url === '/moved') return res.writeHead(307, { location: '/here' }).end();
        if (req.url === '/away') return res.writeHead(307, { location: `${other.origin}/stolen` }).end();
        if (req.url === '/found') return res.writeHead(302, { location: '/here' }).end();
        if (req.url === '/silent') return; // never answers
        res.writeHead(body === '{"a":1}' ? 200 : 400).end('x'.repeat(100_000));
      });
    });
  });
  afterAll(async () => {
    for (const s of [main.server, other.server]) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  it('follows a 307 to the same origin with the same body', async () => {
    const r = await post(`${main.origin}/moved`, '{"a":1}', headers, 5);
    expect(r).toMatchObject({ ok: true, statusCode: 200, error: null });
    expect(main.hits.slice(-2)).toEqual(['/moved', '/here']);
  });

  it('never follows a redirect to another host, nor a 302', async () => {
    const away = await post(`${main.origin}/away`, '{"a":1}', headers, 5);
    expect(away.ok).toBe(false);
    expect(away.statusCode).toBe(307);
    expect(away.error).toContain('not followed');
    expect(other.hits).toEqual([]);
    const found = await post(`${main.origin}/found`, '{"a":1}', headers, 5);
    expect(found).toMatchObject({ ok: false, statusCode: 302 });
  });

  it('times out a platform that does not answer, and reports a closed port', async () => {
    const silent = await post(`${main.origin}/silent`, '{}', headers, 1);
    expect(silent).toMatchObject({ ok: false, statusCode: null, error: 'timeout after 1 s' });
    expect(silent.durationMs).toBeGreaterThanOrEqual(900);
    const closed = await post(`http://127.0.0.1:${await freePort()}/x`, '{}', headers, 5);
    expect(closed).toMatchObject({ ok: false, statusCode: null, error: 'ECONNREFUSED' });
  });
});
