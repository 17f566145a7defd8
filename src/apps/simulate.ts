// `renova simulate`: the device simulator against the city's broker, and the gentle one `npm start` runs on the
// demo city (src/modules/smart/simulator.ts does the work).
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import type { Env } from '../config/env.ts';
import type { AppContext } from '../platform/context.ts';
import { runSimulation, startDemoSimulator } from '../modules/smart/index.ts';
import { openContext, type ProcessRole } from './server.ts';

export const simulateUsage = `  simulate --compounds N --devices M --rate R --duration S [--burst] [--per-connection K] [--url mqtt://…]
                                simulated devices over N compounds speak MQTT to the broker (MQTT_URL, else the
                                embedded broker on MQTT_PORT) at R events/s for S seconds; --burst: ×3 for the
                                middle third; --per-connection K: K devices share a gateway's connection
`;

const positive = (name: string, value: string | undefined, fallback: number) => {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
};

export async function simulateCommand(args: string[], env: Env, log: Logger): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      compounds: { type: 'string' },
      devices: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      burst: { type: 'boolean' },
      'per-connection': { type: 'string' },
      url: { type: 'string' },
    },
  });
  const opts = {
    compounds: Math.floor(positive('compounds', values.compounds, 5)),
    devices: Math.floor(positive('devices', values.devices, 100)),
    rate: positive('rate', values.rate, 50),
    durationSeconds: positive('duration', values.duration, 30),
    perConnection: Math.floor(positive('per-connection', values['per-connection'], 1)),
    burst: values.burst ?? false,
    url: values.url,
  };
  const ctx = await openContext(env, log, { role: 'api' });
  try {
    const stats = await runSimulation(ctx, opts);
    process.stdout.write(
      `simulated ${opts.devices} devices over ${stats.connections} connections (${stats.refused} refused) for ${stats.seconds.toFixed(1)} s: ` +
        `sent ${stats.sent}, acked ${stats.acked}, failed ${stats.failed}, ${stats.ackedPerSecond} acked/s\n` +
        `by type: ${Object.entries(stats.byType)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}\n`,
    );
    return stats.acked === stats.sent && stats.refused === 0 ? 0 : 2;
  } finally {
    await ctx.database.close();
  }
}

/** The gentle simulator of `npm start` (role all, setting SIMULATOR on), or null. */
export async function demoSimulatorFor(ctx: AppContext, role: ProcessRole, brokerUrl?: string) {
  if (role !== 'all') return null;
  return startDemoSimulator(ctx, brokerUrl).catch((err: unknown) => {
    ctx.log.warn({ err }, 'device simulator did not start');
    return null;
  });
}
