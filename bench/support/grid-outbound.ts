// Outbound deliveries for the grid benchmark: a connector to a receiver in this process (which checks every
// signature with the connector's secret), many deliveries queued to it as the exchange's handlers queue them, and
// the running server's delivery workers sending them; beside it, the same signed bodies POSTed by bare loops.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../src/platform/context.ts';
import { exchangeBench, signExchangeBody } from '../../src/modules/exchange/index.ts';
import { rawSignedPostRate, startReceiver } from './grid-receiver.ts';
import { log, sleep } from './run.ts';

export interface OutboundFigures {
  deliveries: number;
  received: number;
  badSignatures: number;
  /** Received ÷ seconds from the first received to the last (the delivery workers' rate). */
  perSecond: number;
  seconds: number;
  /** Received ÷ seconds from the start of queueing to the last received. */
  endToEndPerSecond: number;
  endToEndSeconds: number;
  queueSeconds: number;
  maxTries: number;
  rawPerSecond: number;
  rawConcurrency: number;
}

const MAX_TRIES = 5;
const RAW_CONCURRENCY = 32;

export async function measureOutbound(ctx: AppContext, deliveries: number): Promise<OutboundFigures | null> {
  let secret = '';
  const receiver = await startReceiver(
    (headers, body) => {
      const ts = Number(headers['x-renova-timestamp']);
      return Number.isInteger(ts) && headers['x-renova-signature'] === signExchangeBody(secret, ts, body);
    },
    (headers) => String(headers['x-renova-event-id'] ?? '') || null,
  );
  try {
    const created = await exchangeBench.createConnector(ctx, {
      code: 'bench_receiver',
      name: '压测接收平台',
      endpointUrl: receiver.url,
      kinds: ['escalated'],
      categories: [],
      maxTries: MAX_TRIES,
      backoffSeconds: 1,
      timeoutSeconds: 10,
    });
    secret = created.secret;
    const t0 = performance.now();
    await exchangeBench.queueDeliveries(ctx, created.connector.id, deliveries);
    const queueSeconds = (performance.now() - t0) / 1000;
    log(`outbound: ${deliveries} deliveries queued in ${queueSeconds.toFixed(1)} s`);
    const deadline = performance.now() + 300_000;
    while (receiver.received().distinct < deliveries && performance.now() < deadline) await sleep(20);
    const got = receiver.received();
    const endToEndSeconds = ((got.lastAt ?? performance.now()) - t0) / 1000;
    const seconds = got.firstAt !== null && got.lastAt !== null ? Math.max(0.001, (got.lastAt - got.firstAt) / 1000) : endToEndSeconds;
    log(
      `outbound: ${got.distinct} of ${deliveries} received, ${seconds.toFixed(1)} s first to last, ${endToEndSeconds.toFixed(1)} s from queueing (${got.badSignature} bad signatures)`,
    );

    // The reference: the same kind of body, signed the same way, POSTed by bare keep-alive loops.
    receiver.reset();
    const body = (i: number) =>
      JSON.stringify({
        id: randomUUID(),
        type: 'grid.event_escalated',
        occurredAt: new Date().toISOString(),
        platform: 'bench_receiver',
        event: {
          id: randomUUID(),
          ref: `2026-${String(i).padStart(6, '0')}`,
          category: 'river_pollution',
          description: '河道旁发现倾倒垃圾，水面有漂浮物',
          state: 'accepted',
          level: 'city',
          lat: 30.2741,
          lng: 120.1551,
        },
        change: { level: 'city' },
      });
    const rawPerSecond = await rawSignedPostRate(receiver.url, 5, RAW_CONCURRENCY, body, (payload) => {
      const ts = Math.floor(Date.now() / 1000);
      return {
        'content-type': 'application/json; charset=utf-8',
        'x-renova-event-id': randomUUID(),
        'x-renova-timestamp': String(ts),
        'x-renova-signature': signExchangeBody(secret, ts, payload),
      };
    });
    log(`outbound reference: ${rawPerSecond.toFixed(0)}/s raw signed POSTs (${receiver.received().badSignature} bad)`);
    return {
      deliveries,
      received: got.distinct,
      badSignatures: got.badSignature,
      perSecond: got.distinct / seconds,
      seconds,
      endToEndPerSecond: got.distinct / endToEndSeconds,
      endToEndSeconds,
      queueSeconds,
      maxTries: MAX_TRIES,
      rawPerSecond,
      rawConcurrency: RAW_CONCURRENCY,
    };
  } finally {
    await receiver.close();
  }
}
