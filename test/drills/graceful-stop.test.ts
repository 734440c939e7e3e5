// Drill: SIGTERM while working. The web process under 16 concurrent requests, some of them
// slow: the running ones finish with 200, new connections are refused, a request arriving on a
// connection already open is answered 503 with Connection: close, and the process exits 0.
// The worker: the job it is working finishes before it exits 0, and it fetches no new job.
// Slowness comes from the database itself (the test holds a lock that a page's query waits
// on), not from a hook in the product.
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { PgBoss } from 'pg-boss'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../scripts/lib/free-port.ts'
import { messageSend } from '../../workers/jobs/message-send.ts'
import {
  baseEnv,
  ensureBuild,
  jobStates,
  startMailServer,
  startProcess,
  stopProcess,
  waitFor,
  type Proc,
} from './support.ts'

const databaseUrl = process.env.DATABASE_URL ?? ''
let dataDir: string
let sql: postgres.Sql
const started: Proc[] = []

beforeAll(async () => {
  await ensureBuild()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-drill-stop-'))
  sql = postgres(databaseUrl, { max: 3, onnotice: () => {} })
}, 600_000)

afterAll(async () => {
  for (const p of started) await stopProcess(p)
  await sql?.end({ timeout: 1 })
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

type Answer = { status: number; body: string; connection: string | undefined }

function get(agent: http.Agent, port: number, pathname: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathname, agent }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
  })
}

function connectError(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(null)
    })
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
  })
}

describe('SIGTERM', () => {
  it('lets the web process finish what it is answering, refuse what is new, and exit 0', async () => {
    const port = await freePort()
    const web = startProcess('server.ts', {
      ...baseEnv({ databaseUrl, dataDir }),
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      // Each waiting page holds connections (its queries run side by side); postgres.js queues
      // further queries behind busy connections once the pool is full, which would make the
      // quick pages wait on the lock too.
      DATABASE_POOL_MAX: '24',
    })
    started.push(web)
    await web.ready

    // The challenges page (its search, answered from the Postgres mirror without Meilisearch)
    // waits on this lock for as long as the test holds it.
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    const locking = sql.begin(async (tx) => {
      await tx`lock table search_documents in access exclusive mode`
      await held
    })
    await waitFor('the lock', async () => {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation
        where c.relname = 'search_documents' and l.mode = 'AccessExclusiveLock' and l.granted`
      return row?.n === 1
    })

    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 })
    const slow = Array.from({ length: 6 }, () => get(agent, port, '/challenges'))
    const fast = Array.from({ length: 10 }, (_, i) =>
      get(agent, port, i % 2 ? '/healthz' : '/events'),
    )
    const fastAnswers = await Promise.all(fast)
    expect(fastAnswers.map((a) => a.status)).toEqual(Array(10).fill(200))
    // The six slow ones are running: their queries wait on the lock (a page may run more than
    // one at once, so the count is read until it stops growing).
    const counts: number[] = []
    await waitFor(
      'the slow requests to wait on the database',
      async () => {
        const [row] = await sql<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
          where wait_event_type = 'Lock' and query ilike '%search_documents%'`
        counts.push(row?.n ?? 0)
        const last = counts.slice(-5)
        return last.length === 5 && (last[0] ?? 0) >= 6 && last.every((n) => n === last[0])
      },
      30_000,
      200,
    )
    // A connection that has begun a request (headers not complete yet) when the signal comes.
    const early = net.connect(port, '127.0.0.1')
    await new Promise((r) => early.once('connect', r))
    early.write('GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n')
    let earlyAnswer = ''
    early.setEncoding('utf8')
    early.on('data', (c: string) => (earlyAnswer += c))
    const earlyClosed = new Promise((r) => early.once('close', r))

    web.child.kill('SIGTERM')
    await waitFor(
      'new connections to be refused',
      async () => (await connectError(port)) === 'ECONNREFUSED',
    )

    early.write('\r\n')
    await earlyClosed
    expect(earlyAnswer).toMatch(/^HTTP\/1\.1 503/)
    expect(earlyAnswer).toMatch(/\r\nConnection: close\r\n/i)
    expect(earlyAnswer).toMatch(/\r\nRetry-After: 5\r\n/i)

    // Still draining: the running requests hold it open.
    expect(web.child.exitCode).toBeNull()
    release()
    await locking
    const slowAnswers = await Promise.all(slow)
    for (const answer of slowAnswers) {
      expect(answer.status).toBe(200)
      expect(answer.body).toContain('</html>')
    }
    expect(await web.exited).toBe(0)
    agent.destroy()
  }, 90_000)

  it('lets the worker finish the job it is working, fetch nothing new, and exit 0', async () => {
    const mail = await startMailServer()
    const boss = new PgBoss({
      connectionString: databaseUrl,
      schema: 'pgboss',
      supervise: false,
      schedule: false,
      migrate: false,
      max: 2,
    })
    boss.on('error', () => {})
    await boss.start()
    try {
      const worker = startProcess('workers/main.ts', {
        ...baseEnv({ databaseUrl, dataDir }),
        SMTP_URL: mail.url,
      })
      started.push(worker)
      await worker.ready
      mail.setHold(true)
      const payload = (to: string) => ({
        channel: 'email' as const,
        to,
        subject: '通知',
        text: '正文',
      })
      const first = await boss.send(messageSend.id, payload('first@example.cn'))
      await waitFor('the worker to be mid-delivery', () => mail.held().length === 1)

      worker.child.kill('SIGTERM')
      const second = await boss.send(messageSend.id, payload('second@example.cn'))
      // Several polling intervals (0.5 s) pass: a worker still fetching would take it.
      await new Promise((r) => setTimeout(r, 2500))
      expect(worker.child.exitCode).toBeNull()
      let states = await jobStates(databaseUrl, messageSend.id)
      expect(states.find((j) => j.id === second)?.state).toBe('created')
      expect(states.find((j) => j.id === first)?.state).toBe('active')

      mail.setHold(false)
      expect(await worker.exited).toBe(0)
      states = await jobStates(databaseUrl, messageSend.id)
      expect(states.find((j) => j.id === first)?.state).toBe('completed')
      expect(states.find((j) => j.id === second)?.state).toBe('created')
      expect(mail.delivered.map((m) => m.to)).toEqual(['first@example.cn'])
    } finally {
      await boss.stop({ graceful: false, timeout: 1000 })
      await mail.close()
    }
  }, 60_000)
})
