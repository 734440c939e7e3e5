// /metrics as a Prometheus scraper sees it: the token rules, an exposition whose every line
// parses, request series labelled by route (never by the ids in a path) that move with
// requests, search latency, and the job queues read from pg-boss.
import crypto from 'node:crypto'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { flatRoutes } from '@remix-run/dev/dist/config/flat-routes.js'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resetEnv } from '../../app/env.server.ts'
import { observeRequests } from '../../app/metrics.server.ts'
import { senderBoss } from '../../app/domains/jobs/boss.server.ts'
import { loader } from '../../app/routes/metrics.ts'
import { meili } from '../../search/client.server.ts'
import { searchOfferings, SearchParamsSchema } from '../../search/query.server.ts'
import { applySettings } from '../../search/sync.server.ts'
import { must } from '../support/must.ts'

const TOKEN = crypto.randomBytes(24).toString('hex')
const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../app')

async function scrape(authorization?: string): Promise<Response> {
  const headers: Record<string, string> = authorization ? { authorization } : {}
  return loader({
    request: new Request('http://localhost/metrics', { headers }),
    params: {},
    context: { ip: '10.0.0.9', nonce: 'test', requestId: 'test' },
  })
}

async function exposition(): Promise<string> {
  const res = await scrape(`Bearer ${TOKEN}`)
  expect(res.status).toBe(200)
  return res.text()
}

/** One sample's value, or 0 when the series is not there yet. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`)
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!m || m[1] !== name) continue
    const have = (m[2] ?? '').split(/,(?=[a-zA-Z_]+=")/).filter(Boolean)
    if (wanted.every((w) => have.includes(w)) && have.length === wanted.length) return Number(m[3])
  }
  return 0
}

/** The route manifest Remix builds from app/routes, as the server's build carries it. */
function buildFromRoutes(): ServerBuild {
  const routes: Record<string, { id: string; parentId?: string; path?: string; index?: boolean }> =
    { root: { id: 'root', path: '' } }
  for (const r of Object.values(flatRoutes(appDir, ['**/*.test.ts', '**/*.test.tsx']))) {
    routes[r.id] = { id: r.id, parentId: r.parentId, path: r.path, index: r.index }
  }
  return { routes } as unknown as ServerBuild
}

let server: ReturnType<ReturnType<typeof express>['listen']>
let base: string

beforeAll(async () => {
  process.env.METRICS_TOKEN = TOKEN
  resetEnv()
  await applySettings(must(meili(), 'the Meilisearch binary ships for linux-x64: tests need it'))
  const app = express()
  app.use(observeRequests(buildFromRoutes()))
  app.get('/', (_req, res) => void res.send('ok'))
  app.all('*', (_req, res) => void res.status(404).send('not found'))
  server = app.listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((r) => server.close(r))
  delete process.env.METRICS_TOKEN
  resetEnv()
})

describe('/metrics access', () => {
  it('does not exist without a configured token', async () => {
    delete process.env.METRICS_TOKEN
    resetEnv()
    try {
      expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404)
    } finally {
      process.env.METRICS_TOKEN = TOKEN
      resetEnv()
    }
  })

  it('answers 401 without the token, with another token or another scheme', async () => {
    for (const header of [undefined, `Bearer ${TOKEN}x`, 'Bearer ', `Basic ${TOKEN}`, TOKEN]) {
      const res = await scrape(header)
      expect([header, res.status]).toEqual([header, 401])
      expect(res.headers.get('www-authenticate')).toContain('Bearer')
      expect(await res.text()).not.toContain('zhongchuang_')
    }
  })

  it('answers the exposition in the text format to the right token', async () => {
    const res = await scrape(`Bearer ${TOKEN}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-store')
  })
})

describe('/metrics contents', () => {
  it('counts requests by route id, method and status class, never by the ids in the path', async () => {
    const id = crypto.randomUUID()
    const key = {
      route: 'routes/uploads.$id',
      method: 'GET',
      status: '4xx',
    }
    const before = sample(
      await exposition(),
      'zhongchuang_http_request_duration_seconds_count',
      key,
    )
    for (let i = 0; i < 3; i++) await fetch(`${base}/uploads/${id}`)
    await fetch(`${base}/spaces/space-7/members.data`)
    await fetch(`${base}/`)
    // Observed when each response finishes, just after the client has it.
    let text = ''
    for (let i = 0; i < 40; i++) {
      text = await exposition()
      if (sample(text, 'zhongchuang_http_request_duration_seconds_count', key) >= before + 3) break
      await new Promise((r) => setTimeout(r, 25))
    }
    expect(sample(text, 'zhongchuang_http_request_duration_seconds_count', key)).toBe(before + 3)
    expect(
      sample(text, 'zhongchuang_http_request_duration_seconds_count', {
        route: 'routes/spaces.$slug.members._index',
        method: 'GET',
        status: '4xx',
      }),
    ).toBeGreaterThanOrEqual(1)
    expect(
      sample(text, 'zhongchuang_http_request_duration_seconds_count', {
        route: 'routes/_index',
        method: 'GET',
        status: '2xx',
      }),
    ).toBeGreaterThanOrEqual(1)
    expect(text).not.toContain(id)
    expect(text).not.toContain('space-7')
    const routes = [...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1] ?? '')
    expect(routes.length).toBeGreaterThan(0)
    for (const route of routes) expect(route).toMatch(/^(routes\/[^/]+|root|unmatched)$/)
  })

  it('times searches by the backend that answered', async () => {
    const count = (text: string) =>
      sample(text, 'zhongchuang_search_duration_seconds_count', { backend: 'meilisearch' }) +
      sample(text, 'zhongchuang_search_duration_seconds_count', { backend: 'postgres' })
    const before = await exposition()
    const result = await searchOfferings(SearchParamsSchema.parse({ q: '扫描电镜' }))
    const after = await exposition()
    expect(count(after)).toBe(count(before) + 1)
    const backend = result.degraded ? 'postgres' : 'meilisearch'
    expect(
      sample(after, 'zhongchuang_search_duration_seconds_count', { backend }) -
        sample(before, 'zhongchuang_search_duration_seconds_count', { backend }),
    ).toBe(1)
  })

  it('reads queue depth, jobs by state and failures from pg-boss', async () => {
    const boss = await senderBoss()
    const queue = 'notification.email'
    const before = await exposition()
    await boss.send(queue, { probe: 1 })
    const failing = await boss.send(queue, { probe: 2 }, { retryLimit: 0, startAfter: 0 })
    const queued = await exposition()
    expect(sample(queued, 'zhongchuang_queue_depth', { queue })).toBe(
      sample(before, 'zhongchuang_queue_depth', { queue }) + 2,
    )
    expect(sample(queued, 'zhongchuang_jobs', { queue, state: 'created' })).toBe(
      sample(before, 'zhongchuang_jobs', { queue, state: 'created' }) + 2,
    )
    if (!failing) throw new Error('job not sent')
    const fetched = await boss.fetch(queue, { batchSize: 10 })
    for (const job of fetched) {
      if (job.id === failing) await boss.fail(queue, job.id, { reason: 'probe' })
      else await boss.complete(queue, job.id)
    }
    const after = await exposition()
    expect(sample(after, 'zhongchuang_queue_depth', { queue })).toBe(0)
    expect(sample(after, 'zhongchuang_jobs', { queue, state: 'failed' })).toBe(
      sample(before, 'zhongchuang_jobs', { queue, state: 'failed' }) + 1,
    )
    expect(sample(after, 'zhongchuang_job_failures_last_hour', { queue })).toBe(
      sample(before, 'zhongchuang_job_failures_last_hour', { queue }) + 1,
    )
  })

  it('flags search as degraded while Meilisearch does not answer', async () => {
    expect(sample(await exposition(), 'zhongchuang_degraded', { component: 'database' })).toBe(0)
    expect(sample(await exposition(), 'zhongchuang_degraded', { component: 'search' })).toBe(0)
    const url = process.env.MEILISEARCH_URL
    // A port of this test's own on which nothing listens.
    process.env.MEILISEARCH_URL = 'http://127.0.0.1:3452'
    resetEnv()
    try {
      expect(sample(await exposition(), 'zhongchuang_degraded', { component: 'search' })).toBe(1)
    } finally {
      process.env.MEILISEARCH_URL = url
      resetEnv()
    }
  })

  it('parses: every line is a HELP, a TYPE or a sample of a declared family; buckets add up', async () => {
    await searchOfferings(SearchParamsSchema.parse({ q: '质谱' }))
    const text = await exposition()
    expect(text.endsWith('\n')).toBe(true)
    const declared = new Map<string, string>()
    const buckets = new Map<string, number[]>()
    const counts = new Map<string, number>()
    for (const line of text.trimEnd().split('\n')) {
      const help = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) \S.*$/.exec(line)
      if (help) continue
      const type =
        /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line)
      if (type) {
        declared.set(type[1] ?? '', type[2] ?? '')
        continue
      }
      const m =
        /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*",?)*\})? (-?[0-9.e+-]+|\+Inf|-Inf|NaN)$/.exec(
          line,
        )
      expect([line, m !== null]).toEqual([line, true])
      const name = m?.[1] ?? ''
      const family = name.replace(/_(bucket|sum|count)$/, '')
      expect([line, declared.has(name) || declared.get(family) === 'histogram']).toEqual([
        line,
        true,
      ])
      if (name.endsWith('_bucket')) {
        const series = (m?.[2] ?? '').replace(/,?le="[^"]*"/, '')
        buckets.set(`${family}${series}`, [
          ...(buckets.get(`${family}${series}`) ?? []),
          Number(m?.[3]),
        ])
      }
      if (name.endsWith('_count') && declared.get(family) === 'histogram')
        counts.set(`${family}${m?.[2] ?? ''}`, Number(m?.[3]))
    }
    expect(declared.get('zhongchuang_http_request_duration_seconds')).toBe('histogram')
    expect(declared.get('zhongchuang_search_duration_seconds')).toBe('histogram')
    expect(declared.get('process_resident_memory_bytes')).toBe('gauge')
    expect(sample(text, 'process_resident_memory_bytes', {})).toBeGreaterThan(10_000_000)
    expect(buckets.size).toBeGreaterThan(0)
    for (const [series, values] of buckets) {
      // Cumulative: never decreasing, and the last (+Inf) is the series' count.
      for (let i = 1; i < values.length; i++)
        expect(values[i]).toBeGreaterThanOrEqual(values[i - 1] ?? 0)
      const key = series.replace(/\{\}$/, '')
      expect([series, values[values.length - 1]]).toEqual([series, counts.get(key)])
    }
  })
})
