// Unit and integration tests against real PostgreSQL (a database per worker, cloned from a
// migrated template) and the real Meilisearch binary, both started once by the global setup.
import tsconfigPaths from 'vite-tsconfig-paths'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: [
      'app/**/*.test.{ts,tsx}',
      'db/**/*.test.ts',
      'workers/**/*.test.ts',
      'search/**/*.test.ts',
      'scripts/**/*.test.ts',
      'vite-plugins/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/drills/**/*.test.ts',
    ],
    globalSetup: ['test/setup/global-setup.ts'],
    setupFiles: ['test/setup/worker-setup.ts'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { APP_ENV: 'test', LOG_LEVEL: 'warn' },
  },
})
