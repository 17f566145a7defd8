import os from 'node:os';
import { citySetting } from '../../config/env.ts';

/** The seeded template every test file clones: one per city pack (CITY), so runs of two cities never share one. */
export const TEMPLATE_DB = `renova_test_template_${citySetting()}`;

/** Settings every test context uses; secrets are fixed so that seeded data decrypts. */
export const testSettings: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATA_DIR: os.tmpdir(),
  SESSION_SECRET: 'test-session-secret-0123456789abcdef',
  PERSONAL_DATA_KEY: 'test-personal-data-key-0123456789abcdef',
  // The 32-byte seed of an Ed25519 key (base64url): the template's seeded ballots are signed with it.
  BALLOT_SIGNING_KEY: 'qAjrMPtOekYgLbbzPvjiri1-8rYbURIEV0QIRBcINDw',
  SEED_SCALE: 'none',
  MQTT_PORT: '0',
  SIMULATOR: 'off',
  LOGIN_RATE_PER_MINUTE: '1000',
  // The city pack of this run (CITY in the environment): contexts agree with what the seed and rules read.
  CITY: citySetting(),
};
