// The exchange's figure for the grid benchmark (issue 13, Performance: "outbound deliveries to a local receiver at
// no less than 1,000 signed deliveries/s with retries on"). A receiving platform runs in its own process and fails
// every tenth request, so a tenth of the deliveries are retried by pg-boss with the connector's backoff; the figure is
// attempts (each signed, each answered) per second of `deliverPending`, the workers' own batch path. The reference,
// measured in the same run against the same receiver: bare unsigned keep-alive POSTs with the same concurrency and no
// database, the ceiling of this machine's HTTP alone.
import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/apps/test-server.ts';
import { deliverPending, exchangeBench } from '../../src/modules/exchange/index.ts';
import type { AppContext } from '../../src/platform/context.ts';

export interface ExchangeFigures {
  deliveries: number;
  attempts: number;
  seconds: number;
  perSecond: number;
  /** Everything delivered in the end (after the retries fell due), and every signature the receiver checked valid. */
  delivered: number;
  invalidSignatures: number;
  reference: { posts: number; seconds: number; perSecond: number };
}

interface Stats {
  requests: number;
  valid: number;
  invalid: number;
  distinctDelivered: number;
}

export async function benchExchangeDeliveries(
  ctx: AppContext,
  opts: { deliveries?: number; concurrency?: number; batchSize?: number; failEvery?: number; code?: string } = {},
): Promise<ExchangeFigures> {
  const n = opts.deliveries ?? 20_000;
  const concurrency = opts.concurrency ?? 16;
  const batchSize = opts.batchSize ?? 200;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/renova/events`;
  const { connector, secret } = await exchangeBench.createConnector(ctx, {
    code: opts.code ?? 'bench_platform',
    name: '基准测试平台',
    endpointUrl: url,
    kinds: ['escalated'],
    categories: [],
    maxTries: 5,
    backoffSeconds: 1,
    timeoutSeconds: 10,
  });
  const rx = fork(path.join(path.dirname(fileURLToPath(import.meta.url)), 'exchange-receiver.mjs'), {
    env: { PORT: String(port), SECRET: secret, FAIL_EVERY: String(opts.failEvery ?? 10) },
  });
  await new Promise((r) => rx.once('message', r));
  const stats = () =>
    new Promise<Stats>((r) => {
      rx.once('message', (m) => r(m as Stats));
      rx.send('stats');
    });
  try {
    await exchangeBench.queueDeliveries(ctx, connector.id, n);
    const t0 = performance.now();
    await deliverPending(ctx, { concurrency, batchSize });
    const seconds = (performance.now() - t0) / 1000;
    const { requests } = await stats();
    // The retries still waiting fall due within seconds (backoff 1 s, doubling): drain them for the final count.
    for (let i = 0; i < 60; i++) {
      const { rows } = await ctx.database.pool.query<{ n: number }>(
        `select count(*)::int as n from exchange_deliveries where connector_id = $1 and status in ('pending', 'retrying')`,
        [connector.id],
      );
      if (rows[0]!.n === 0) break;
      await new Promise((r) => setTimeout(r, 1000));
      await deliverPending(ctx, { concurrency, batchSize });
    }
    const end = await stats();
    rx.send('reset');
    const reference = await barePosts(url, Math.min(n, 20_000), concurrency * batchSize);
    return {
      deliveries: n,
      attempts: requests,
      seconds,
      perSecond: requests / seconds,
      delivered: end.distinctDelivered,
      invalidSignatures: end.invalid,
      reference,
    };
  } finally {
    rx.send('stop');
  }
}

/** The same receiver, the same bodies' size, no signing and no database: how fast this machine posts at all. */
async function barePosts(url: string, n: number, parallel: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const body = JSON.stringify({ id: 'x', type: 'grid.event_escalated', event: { description: '河道旁发现倾倒垃圾'.repeat(8) } });
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) {
        next++;
        await new Promise<void>((resolve, reject) => {
          const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
            res.resume();
            res.on('end', resolve);
          });
          req.on('error', reject);
          req.end(body);
        });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return { posts: n, seconds, perSecond: n / seconds };
}
