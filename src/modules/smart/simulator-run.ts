// Running the simulator: a measured run for the CLI and the benchmark, and the gentle one `npm start` keeps going
// on the demo city so the duty console is alive on first start.
import type { AppContext } from '../../platform/context.ts';
import { profilesAt } from './profiles.ts';
import { allSimulatorDevices, prepareSimulatedDevices, type SimulationSize } from './simulator-devices.ts';
import { Simulator, type SentEvent, type SimulatorStats } from './simulator.ts';

/** The broker devices reach: MQTT_URL, else the embedded broker on this host. */
export const brokerUrl = (ctx: AppContext, port?: number) => ctx.env.MQTT_URL ?? `mqtt://127.0.0.1:${port ?? ctx.env.MQTT_PORT}`;

export interface SimulationOptions extends SimulationSize {
  /** Events per second in all. */
  rate: number;
  durationSeconds: number;
  /** The rate ×3 for the middle third of the run. */
  burst?: boolean;
  url?: string;
  alarmShare?: number;
  onSent?: (event: SentEvent) => void;
  /** Called once connected, before the clock of the run starts. */
  onConnected?: (sim: Simulator) => void | Promise<void>;
}

/** Prepares the devices, runs for the duration, waits for the broker's acknowledgements and answers the counts. */
export async function runSimulation(ctx: AppContext, opts: SimulationOptions): Promise<SimulatorStats> {
  const [devices, profiles] = await Promise.all([prepareSimulatedDevices(ctx, opts), profilesAt(ctx.db)]);
  const third = opts.durationSeconds / 3;
  const sim = await Simulator.start({
    url: opts.url ?? brokerUrl(ctx),
    devices,
    profiles: profiles.byCode,
    rate: opts.rate,
    burst: opts.burst ? { factor: 3, atSecond: third, seconds: third } : null,
    alarmShare: opts.alarmShare,
    criticalEverySeconds: [20, 40],
    silentEverySeconds: null,
    onSent: opts.onSent,
    log: ctx.log,
  });
  if (sim.stats().connected === 0) {
    await sim.stop(0);
    throw new Error(`No simulated device could connect to ${opts.url ?? brokerUrl(ctx)}: is the broker running?`);
  }
  await opts.onConnected?.(sim);
  await new Promise((r) => setTimeout(r, opts.durationSeconds * 1000));
  return sim.stop(30_000);
}

/** How gentle the demo is: a few events a second, an SOS or smoke alarm every minute or two, a device silent now and then. */
export const GENTLE = {
  // One event a second beyond the heartbeats (the demo city's few hundred devices heartbeat a few times a second).
  rate: 1,
  rateIncludesHeartbeats: false,
  criticalEverySeconds: [60, 120] as const,
  silentEverySeconds: [240, 480] as const,
  alarmShare: 0.01,
  firstHeartbeatWithinSeconds: 10,
};

/**
 * Starts the gentle simulator on the demo city's simulator devices when the setting SIMULATOR is on; answers null
 * when it is off or there is nothing to simulate. Connecting happens in the background, so start-up never waits
 * on the broker.
 */
export async function startDemoSimulator(ctx: AppContext, url = brokerUrl(ctx)): Promise<{ stop(): Promise<void> } | null> {
  if (!ctx.env.SIMULATOR) return null;
  const [devices, profiles] = await Promise.all([allSimulatorDevices(ctx), profilesAt(ctx.db)]);
  if (!devices.length) return null;
  let running: Simulator | undefined;
  const starting = Simulator.start({ url, devices, profiles: profiles.byCode, ...GENTLE, log: ctx.log }, (sim) => (running = sim)).then(
    () => ctx.log.info({ devices: devices.length, url }, 'device simulator running on the demo city'),
    (err: unknown) => ctx.log.warn({ err }, 'device simulator did not start'),
  );
  return {
    async stop() {
      await running?.stop(1_000);
      await starting;
    },
  };
}
