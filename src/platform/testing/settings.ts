import os from 'node:os';

export const TEMPLATE_DB = 'renova_test_template';

/** Settings every test context uses; secrets are fixed so that seeded data decrypts. */
export const testSettings: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATA_DIR: os.tmpdir(),
  SESSION_SECRET: 'test-session-secret-0123456789abcdef',
  PERSONAL_DATA_KEY: 'test-personal-data-key-0123456789abcdef',
  SEED_SCALE: 'none',
  LOGIN_RATE_PER_MINUTE: '1000',
};
