// Journeys in Chromium against the production build, started the way a user starts it
// (`npm start` on embedded defaults) with a data directory of its own.
import { defineConfig } from '@playwright/test'
import fs from 'node:fs'

const PORT = Number(process.env.E2E_PORT ?? 3210)
export const E2E_DATA_DIR = '.cache/e2e-data'
const chromium = fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalTimeout: 15 * 60_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'zh-CN',
    extraHTTPHeaders: { 'Accept-Language': 'zh-CN,zh;q=0.9' },
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'off',
  },
  webServer: {
    // A fresh data directory per run: the demo data is seeded anew.
    command: `rm -rf ${E2E_DATA_DIR} && node --import tsx scripts/start.ts`,
    url: `http://localhost:${PORT}/healthz`,
    env: {
      PORT: String(PORT),
      DATA_DIR: E2E_DATA_DIR,
      PUBLIC_URL: `http://localhost:${PORT}`,
      APP_ENV: 'test',
      LOG_LEVEL: 'warn',
    },
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 40_000 },
  },
})
