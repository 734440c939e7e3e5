// Drill: PostgreSQL stops while the web process serves a steady stream of requests to pages
// that read it, then starts again. While it is away every request is answered at once with a
// 503 page in the visitor's language (not a hang, not a 500), /readyz says 503; once it is back
// the same web process serves 200 again by itself. This drill runs its own PostgreSQL (the
// shared one of the test run must not be stopped under the other test files).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres, type RunningPostgres } from '../../db/embedded.ts'
import { runMigrations } from '../../db/migrate.ts'
import { freePort } from '../../scripts/lib/free-port.ts'
import { ensureDatabase } from '../../scripts/lib/ensure-database.ts'
import { baseEnv, ensureBuild, startProcess, stopProcess, waitFor, type Proc } from './support.ts'

const PAGES = ['/challenges', '/events']
/** The connect timeout of db/client.server.ts: no answer may take longer while the database is away. */
const CONNECT_TIMEOUT_MS = 5_000

let dataDir: string
let pgPort: number
let pg: RunningPostgres | undefined
let web: Proc | undefined
let base: string
let databaseUrl: string

async function startPostgres(): Promise<RunningPostgres> {
  return startEmbeddedPostgres({ dataDir, port: pgPort })
}

beforeAll(async () => {
  await ensureBuild()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-drill-pg-'))
  fs.chmodSync(dataDir, 0o755)
  pgPort = await freePort()
  pg = await startPostgres()
  await ensureDatabase(pg.url('postgres'), 'zhongchuang')
  databaseUrl = pg.url('zhongchuang')
  await runMigrations(databaseUrl)
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  web = startProcess('server.ts', {
    ...baseEnv({ databaseUrl, dataDir }),
    PORT: String(port),
    PUBLIC_URL: base,
  })
  await web.ready
}, 600_000)

afterAll(async () => {
  await stopProcess(web)
  await pg?.stop()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

type Answer = {
  path: string
  status: number
  startedAt: number
  ms: number
  body: string
  retryAfter: string | null
}

async function ask(pathname: string, language = 'zh-CN'): Promise<Answer> {
  const started = Date.now()
  // A bound well past the promise, so a hang shows as a failed assertion, not a stuck test.
  const response = await fetch(`${base}${pathname}`, {
    headers: { 'Accept-Language': language },
    signal: AbortSignal.timeout(15_000),
  })
  const body = await response.text()
  return {
    path: pathname,
    status: response.status,
    startedAt: started,
    ms: Date.now() - started,
    body,
    retryAfter: response.headers.get('retry-after'),
  }
}

/** A steady stream of requests, one after another per page, recording every answer. */
function traffic() {
  const answers: Answer[] = []
  let running = true
  const loops = PAGES.map(async (page) => {
    while (running) {
      answers.push(
        await ask(page).catch((error: unknown) => ({
          path: page,
          status: 0,
          startedAt: Date.now(),
          ms: 0,
          body: String(error),
          retryAfter: null,
        })),
      )
      await new Promise((r) => setTimeout(r, 50))
    }
  })
  return {
    answers,
    /** Answers to requests sent after `t`. */
    sentAfter: (t: number) => answers.filter((a) => a.startedAt > t),
    stop: async () => {
      running = false
      await Promise.all(loops)
    },
  }
}

describe('PostgreSQL restarting under traffic', () => {
  it('answers 503 at once while the database is away and 200 again once it is back, without a restart', async () => {
    if (!pg || !web) throw new Error('not started')
    const pid = web.child.pid
    const stream = traffic()
    await waitFor(
      'healthy answers',
      () => stream.answers.filter((a) => a.status === 200).length >= 4,
    )
    expect(stream.answers.every((a) => a.status === 200)).toBe(true)

    await pg.stop()
    pg = undefined
    const downFrom = Date.now()
    await waitFor(
      'answers while the database is away',
      () => stream.sentAfter(downFrom).length >= 10,
    )
    // Every request sent once the database was gone.
    for (const answer of stream.sentAfter(downFrom)) {
      expect(answer.status, `${answer.path}: ${answer.body.slice(0, 200)}`).toBe(503)
      expect(answer.ms).toBeLessThan(CONNECT_TIMEOUT_MS)
      expect(answer.retryAfter).toBe('5')
      expect(answer.body).toContain('服务暂时不可用')
      expect(answer.body).toContain('重试')
    }

    // The same page in English, and readiness.
    const english = await ask('/challenges', 'en')
    expect(english.status).toBe(503)
    expect(english.body).toContain('Briefly unavailable')
    expect(english.body).toContain('Try again')
    const ready = await fetch(`${base}/readyz`)
    expect(ready.status).toBe(503)
    expect(await ready.json()).toMatchObject({ database: 'down' })

    pg = await startPostgres()
    const upFrom = Date.now()
    await waitFor(
      'the web process to serve 200 again',
      () => stream.sentAfter(upFrom).filter((a) => a.status === 200).length >= 4,
      30_000,
    )
    await stream.stop()
    // Recovered by itself: the same process, and once back, nothing but 200.
    expect(web.child.pid).toBe(pid)
    expect(web.child.exitCode).toBeNull()
    // Once one request was served again, every request sent after it was too.
    const firstOk = stream.sentAfter(upFrom).find((a) => a.status === 200)
    const after = stream.sentAfter((firstOk?.startedAt ?? 0) + (firstOk?.ms ?? 0))
    expect(after.map((a) => `${a.path} ${a.status} ${a.body.slice(0, 200)}`)).toEqual(
      after.map((a) => `${a.path} 200 ${a.body.slice(0, 200)}`),
    )
    expect((await fetch(`${base}/readyz`)).status).toBe(200)
    const unexpected = stream.answers.filter((a) => a.status !== 200 && a.status !== 503)
    expect(unexpected).toEqual([])
  }, 120_000)

  it('gives back every transaction turn when transactions fail, so all of them run once the database is back', async () => {
    pg ??= await startPostgres()
    // This process's own handle, on the drill's database.
    const { closeDb, db } = await import('../../db/client.server.ts')
    await closeDb()
    const sharedUrl = process.env.DATABASE_URL
    process.env.DATABASE_URL = databaseUrl
    process.env.DATABASE_POOL_MAX = '4'
    try {
      const many = () =>
        Promise.allSettled(
          Array.from({ length: 12 }, () =>
            db().transaction(async (tx) => tx.execute(sql`select pg_sleep(0.01)`)),
          ),
        )
      expect((await many()).every((r) => r.status === 'fulfilled')).toBe(true)
      await pg.stop()
      pg = undefined
      // More failing transactions than the gate has turns (2 with a pool of 4).
      expect((await many()).every((r) => r.status === 'rejected')).toBe(true)
      pg = await startPostgres()
      // All 12 run: the gate's turns came back.
      await waitFor('transactions to run again', async () => {
        const results = await many()
        return results.every((r) => r.status === 'fulfilled') ? results : null
      })
    } finally {
      await closeDb()
      process.env.DATABASE_URL = sharedUrl
      delete process.env.DATABASE_POOL_MAX
    }
  }, 60_000)
})
