// A whole Renova (embedded PostgreSQL, demo city, web UI) in a throwaway
// folder on free ports: what the browser tests and benchmarks run against.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEnv } from '../config/env.ts';
import { freePort } from '../platform/testing/net.ts';

export { freePort };
import { startServer, type RunningServer } from './server.ts';

export async function startTestServer(settings: Record<string, string> = {}): Promise<RunningServer & { dataDir: string }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'renova-'));
  const env = loadEnv({
    DATA_DIR: dataDir,
    PORT: '0',
    EMBEDDED_PG_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    SEED_SCALE: 'demo',
    // The device simulator needs a broker; a browser test that wants it turns it on (and gives MQTT_PORT).
    SIMULATOR: 'off',
    MQTT_PORT: '0',
    ...settings,
  });
  const server = await startServer(env);
  return {
    ...server,
    dataDir,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
