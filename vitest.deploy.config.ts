// The deployment test: nginx in front of two API processes and two workers on one
// PostgreSQL (DATABASE_URL, as in CI; an embedded server when unset). Needs Debian's nginx.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/deploy/**/*.deploy.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
