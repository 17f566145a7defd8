// Vitest global setup: one PostgreSQL for the whole run — the embedded server
// by default, or the real server named by DATABASE_URL — and a template
// database, migrated and seeded with the demo city, that every test file clones.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { externalDatabaseUrl, loadEnv } from '../../config/env.ts';
import { startEmbedded, type EmbeddedServer } from '../db/embedded.ts';
import { createLogger } from '../logger.ts';
import { TEMPLATE_DB, testSettings } from './settings.ts';
import { freePort } from '../../apps/test-server.ts';

let embedded: EmbeddedServer | undefined;
let dataDir: string | undefined;

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

export async function setup(project: TestProject) {
  const log = createLogger('warn');
  let adminUrl = externalDatabaseUrl();
  if (!adminUrl) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'renova-test-'));
    embedded = await startEmbedded(dataDir, await freePort(), log);
    adminUrl = embedded.url;
  }
  await adminQuery(adminUrl, `drop database if exists ${TEMPLATE_DB} with (force)`);
  await adminQuery(adminUrl, `create database ${TEMPLATE_DB}`);
  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE_DB}`;
  // Build the template through the product's own start-up path: migrate, then seed.
  const { openContext } = await import('../../apps/server.ts');
  const { seedCity } = await import('../../apps/seed.ts');
  const env = loadEnv({ ...testSettings, DATABASE_URL: url.toString() });
  const ctx = await openContext(env, log);
  await seedCity(ctx, 'demo', env.SEED_VALUE);
  await ctx.database.close();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgMode', embedded ? 'embedded' : 'external');
}

export async function teardown() {
  await embedded?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgMode: 'embedded' | 'external';
  }
}
