// What /metrics reports, in Prometheus' text format: request durations by route (observed in
// the web process), search latency, and at scrape time the job queues (read from pg-boss's
// tables, so the worker processes are covered too), degraded parts and memory. See ADR 0022.
import type { matchRoutes } from '@remix-run/react'
import type { ServerBuild } from '@remix-run/node'
import { sql } from 'drizzle-orm'
import type { RequestHandler } from 'express'
import { db } from '../db/client.server.ts'
import { now } from './clock.server.ts'
import { env } from './env.server.ts'
import { log } from './log.server.ts'

type Labels = Record<string, string>
type Series = { labels: Labels; buckets: number[]; sum: number; count: number }
type Histogram = {
  name: string
  help: string
  bounds: readonly number[]
  series: Map<string, Series>
}
type Registry = { histograms: Map<string, Histogram> }

// The web process's own bundle (server.ts, built to build/web.js) and the Remix build each carry
// a copy of this module: both must observe into one registry, so it lives on the global object.
const holder = globalThis as typeof globalThis & { __zhongchuangMetrics?: Registry }
const registry: Registry = (holder.__zhongchuangMetrics ??= { histograms: new Map() })

function histogram(name: string, help: string, bounds: readonly number[]): Histogram {
  let h = registry.histograms.get(name)
  if (!h) {
    h = { name, help, bounds, series: new Map() }
    registry.histograms.set(name, h)
  }
  return h
}

function observe(h: Histogram, labels: Labels, value: number): void {
  const key = JSON.stringify(labels)
  let s = h.series.get(key)
  if (!s) {
    s = { labels, buckets: h.bounds.map(() => 0), sum: 0, count: 0 }
    h.series.set(key, s)
  }
  for (let i = 0; i < h.bounds.length; i++)
    if (value <= (h.bounds[i] ?? 0)) s.buckets[i] = (s.buckets[i] ?? 0) + 1
  s.sum += value
  s.count += 1
}

const REQUEST_SECONDS = histogram(
  'zhongchuang_http_request_duration_seconds',
  'Time to answer a request, by Remix route id, method and status class.',
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
)
const SEARCH_SECONDS = histogram(
  'zhongchuang_search_duration_seconds',
  'Time to answer an offerings search, by the backend that answered (postgres = degraded).',
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
)

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

export function observeRequest(o: {
  route: string
  method: string
  status: number
  seconds: number
}): void {
  const method = METHODS.has(o.method.toUpperCase()) ? o.method.toUpperCase() : 'OTHER'
  const status = `${Math.min(5, Math.max(1, Math.floor(o.status / 100)))}xx`
  observe(REQUEST_SECONDS, { route: o.route, method, status }, o.seconds)
}

export function observeSearch(backend: 'meilisearch' | 'postgres', seconds: number): void {
  observe(SEARCH_SECONDS, { backend }, seconds)
}

type RouteNode = {
  id: string
  path?: string
  index?: boolean
  caseSensitive?: boolean
  children?: RouteNode[]
}
/** The route objects matchRoutes takes; built below with an index route never given children. */
type RouteObjects = Parameters<typeof matchRoutes>[0]
const trees = new WeakMap<ServerBuild, RouteObjects>()

function routeTree(build: ServerBuild): RouteObjects {
  let tree = trees.get(build)
  if (!tree) {
    const routes = Object.values(build.routes)
    const childrenOf = (parentId: string | undefined): RouteNode[] =>
      routes
        .filter((r) => r.parentId === parentId)
        .map((r) => {
          const children = childrenOf(r.id)
          return {
            id: r.id,
            path: r.path,
            index: r.index,
            caseSensitive: r.caseSensitive,
            ...(r.index ? {} : { children }),
          }
        })
    tree = childrenOf(undefined) as RouteObjects
    trees.set(build, tree)
  }
  return tree
}

/**
 * The id of the route that answers a path (`routes/uploads.$id`), as Remix would match it:
 * a label with the route's pattern, never the ids in the path, so series stay few.
 */
async function routeIdFor(build: ServerBuild, pathname: string): Promise<string> {
  const known = recentRoutes.get(pathname)
  if (known) return known
  const id = await matchRouteId(build, pathname)
  // Matching walks and ranks every route again (a twelfth of a page's CPU without this): the
  // answers for the paths seen lately are kept, a bounded number, forgotten all at once.
  if (pathname.length > 200) return id
  if (recentRoutes.size >= RECENT_ROUTES) recentRoutes.clear()
  recentRoutes.set(pathname, id)
  return id
}

const RECENT_ROUTES = 5000
const recentRoutes = new Map<string, string>()

async function matchRouteId(build: ServerBuild, pathname: string): Promise<string> {
  // Single-fetch data requests carry the page's path with `.data` (the root's is `_root.data`).
  let path = pathname
  if (path.endsWith('.data')) path = path.slice(0, -'.data'.length)
  if (path === '/_root') path = '/'
  // Loaded on first use: what searches without serving pages (the benchmarks) never needs it.
  const { matchRoutes: match } = await import('@remix-run/react')
  const matches = match(routeTree(build), path)
  return matches?.[matches.length - 1]?.route.id ?? 'unmatched'
}

/** Express middleware timing every request that reaches it, labelled by its Remix route. */
export function observeRequests(build: ServerBuild | (() => Promise<ServerBuild>)): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      void Promise.resolve(typeof build === 'function' ? build() : build)
        .then((b) => routeIdFor(b, req.path))
        .catch(() => 'unmatched')
        .then((route) =>
          observeRequest({ route, method: req.method, status: res.statusCode, seconds }),
        )
    })
    next()
  }
}

// The text format, version 0.0.4.
const escapeLabel = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')
const labelText = (labels: Labels) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`)
  return parts.length > 0 ? `{${parts.join(',')}}` : ''
}
const number = (n: number) => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : '-Inf')

function histogramText(h: Histogram): string[] {
  const lines = [`# HELP ${h.name} ${escapeHelp(h.help)}`, `# TYPE ${h.name} histogram`]
  for (const s of h.series.values()) {
    h.bounds.forEach((bound, i) =>
      lines.push(
        `${h.name}_bucket${labelText({ ...s.labels, le: String(bound) })} ${s.buckets[i]}`,
      ),
    )
    lines.push(`${h.name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`)
    lines.push(`${h.name}_sum${labelText(s.labels)} ${number(s.sum)}`)
    lines.push(`${h.name}_count${labelText(s.labels)} ${s.count}`)
  }
  return lines
}

type Gauge = { name: string; help: string; samples: { labels: Labels; value: number }[] }

function gaugeText(g: Gauge): string[] {
  return [
    `# HELP ${g.name} ${escapeHelp(g.help)}`,
    `# TYPE ${g.name} gauge`,
    ...g.samples.map((s) => `${g.name}${labelText(s.labels)} ${number(s.value)}`),
  ]
}

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const

/** The queues as pg-boss holds them now: jobs by state, waiting depth, failures of the last hour. */
async function queueGauges(): Promise<Gauge[]> {
  const at = now().toISOString()
  const hourAgo = new Date(now().getTime() - 3600_000).toISOString()
  const queues = (await db().execute(
    // pg-boss's own internal queues (__pgboss__…) are not the product's work.
    sql`select name from pgboss.queue where not starts_with(name, '__pgboss__') order by name`,
  )) as unknown as { name: string }[]
  const byState = (await db().execute(sql`
    select name, state::text as state, count(*)::int as n from pgboss.job group by 1, 2`)) as unknown as {
    name: string
    state: string
    n: number
  }[]
  const waiting = (await db().execute(sql`
    select name,
      count(*) filter (where state in ('created', 'retry') and start_after <= ${at}::timestamptz)::int as depth,
      coalesce(extract(epoch from ${at}::timestamptz - min(start_after)
        filter (where state in ('created', 'retry') and start_after <= ${at}::timestamptz)), 0)::float8 as oldest,
      count(*) filter (where state = 'failed' and completed_on >= ${hourAgo}::timestamptz)::int as failed
    from pgboss.job group by name`)) as unknown as {
    name: string
    depth: number
    oldest: number
    failed: number
  }[]
  const stateCount = new Map(byState.map((r) => [`${r.name}\u0000${r.state}`, r.n]))
  const wait = new Map(waiting.map((r) => [r.name, r]))
  return [
    {
      name: 'zhongchuang_jobs',
      help: 'Jobs pg-boss holds per queue and state (completed and failed ones until its retention ends).',
      samples: queues.flatMap((q) =>
        JOB_STATES.map((state) => ({
          labels: { queue: q.name, state },
          value: stateCount.get(`${q.name}\u0000${state}`) ?? 0,
        })),
      ),
    },
    {
      name: 'zhongchuang_queue_depth',
      help: 'Jobs ready to run and not yet started, per queue.',
      samples: queues.map((q) => ({
        labels: { queue: q.name },
        value: wait.get(q.name)?.depth ?? 0,
      })),
    },
    {
      name: 'zhongchuang_queue_oldest_waiting_seconds',
      help: 'How long the oldest ready job of a queue has waited (0 when none waits).',
      samples: queues.map((q) => ({
        labels: { queue: q.name },
        value: Math.max(0, Number(wait.get(q.name)?.oldest ?? 0)),
      })),
    },
    {
      name: 'zhongchuang_job_failures_last_hour',
      help: 'Jobs of a queue that failed for good (retries used up) in the last hour.',
      samples: queues.map((q) => ({
        labels: { queue: q.name },
        value: wait.get(q.name)?.failed ?? 0,
      })),
    },
  ]
}

async function searchAway(): Promise<boolean> {
  const url = env().MEILISEARCH_URL
  if (!url) return true
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })
    return !res.ok
  } catch {
    return true
  }
}

/** The whole exposition, collected now. */
export async function renderMetrics(): Promise<string> {
  const [databaseDown, queues, searchDown] = await Promise.all([
    within(2000, db().execute(sql`select 1`)).then(
      () => false,
      () => true,
    ),
    within(5000, queueGauges()).catch((error: unknown) => {
      log.warn('metrics.queues-unread', {
        error: error instanceof Error ? error.message : String(error),
      })
      return null
    }),
    searchAway(),
  ])
  const gauges: Gauge[] = [
    {
      name: 'zhongchuang_degraded',
      help: '1 while a part is away: database (nothing works) or search (answered from PostgreSQL).',
      samples: [
        { labels: { component: 'database' }, value: databaseDown ? 1 : 0 },
        { labels: { component: 'search' }, value: searchDown ? 1 : 0 },
      ],
    },
    ...(queues ?? []),
    {
      name: 'process_resident_memory_bytes',
      help: 'Resident memory of this web process.',
      samples: [{ labels: {}, value: process.memoryUsage.rss() }],
    },
    {
      name: 'process_start_time_seconds',
      help: 'When this web process started, in seconds since the epoch.',
      samples: [{ labels: {}, value: Math.round(performance.timeOrigin / 1000) }],
    },
  ]
  const lines = [
    ...[...registry.histograms.values()].flatMap(histogramText),
    ...gauges.flatMap(gaugeText),
  ]
  return `${lines.join('\n')}\n`
}
