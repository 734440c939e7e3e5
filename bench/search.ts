// `npm run bench:search`: 100,000 realistic offerings in a real Meilisearch and the Postgres
// mirror, then, after a warm-up, latency of a fixed mix of 50 filtered, faceted queries: raw
// Meilisearch (concurrency 1 and 8), through /api/v1/search and the /search page (a real web
// process), index lag while 50 changes/s are written (through real worker processes), and the
// degraded Postgres search. Everything, the load generator included, shares this machine.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { startEmbeddedPostgres } from '../db/embedded.ts'
import { runMigrations } from '../db/migrate.ts'
import { ensureDatabase } from '../scripts/lib/ensure-database.ts'
import { startEmbeddedMeilisearch } from '../search/embedded.ts'
import { freePort } from '../scripts/lib/free-port.ts'

const DOCS = Number(process.env.BENCH_DOCS ?? 100_000)
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}
const round = (n: number) => Math.round(n * 10) / 10

async function measure(
  queries: (() => Promise<unknown>)[],
  concurrency: number,
  rounds: number,
): Promise<number[]> {
  const times: number[] = []
  const work = Array.from({ length: rounds }, () => queries).flat()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let next = work.shift(); next; next = work.shift()) {
        const t = performance.now()
        await next()
        times.push(performance.now() - t)
      }
    }),
  )
  return times
}

async function waitFor(url: string, ms: number) {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${url} did not come up`)
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-bench-search-'))
  fs.chmodSync(dir, 0o755)
  const pg = await startEmbeddedPostgres({ dataDir: dir })
  const meiliServer = await startEmbeddedMeilisearch({ dataDir: dir })
  if (!meiliServer) throw new Error('the search benchmark needs the Meilisearch binary (linux-x64)')
  const children: ChildProcess[] = []
  try {
    await ensureDatabase(pg.url('postgres'), 'bench')
    await runMigrations(pg.url('bench'))
    Object.assign(process.env, {
      DATABASE_URL: pg.url('bench'),
      MEILISEARCH_URL: meiliServer.url,
      MEILISEARCH_KEY: meiliServer.key,
      MEILISEARCH_INDEX: 'offerings',
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      API_RATE_LIMIT_PER_MINUTE: '1000000',
    })
    // Imported only now: they read the environment set above.
    const { db, closeDb } = await import('../db/client.server.ts')
    const { meili } = await import('../search/client.server.ts')
    const { applySettings, confirm } = await import('../search/sync.server.ts')
    const { searchPostgres, SearchParamsSchema } = await import('../search/query.server.ts')
    const { generateOfferings, queryMix } = await import('./search-data.ts')
    const { createOrg, createUser } = await import('../test/factories/index.ts')
    const { installQueues, createBoss } = await import('../app/domains/jobs/boss.server.ts')
    const { jobs } = await import('../workers/jobs/index.ts')
    const { organisations } = await import('../db/schema/index.ts')
    const { eq } = await import('drizzle-orm')

    const client = meili()
    if (!client) throw new Error('no client')
    await applySettings(client)
    const boss = createBoss(pg.url('bench'))
    await installQueues(jobs, boss)
    await boss.stop({ graceful: false, timeout: 1000 })

    // Load.
    const loadStarted = performance.now()
    const docs = generateOfferings(DOCS)
    for (let i = 0; i < docs.length; i += 10_000) {
      await confirm(
        client.index('offerings').addDocuments(docs.slice(i, i + 10_000), { primaryKey: 'id' }),
      )
    }
    const { words } = await import('../search/words.ts')
    for (let i = 0; i < docs.length; i += 1000) {
      const chunk = docs.slice(i, i + 1000)
      await db().execute(sql`
        insert into search_documents (id, kind, row_id, doc, words, segments1, segments2, city, status, spaces, created_at, source_version, indexed_version)
        values ${sql.join(
          chunk.map((d) => {
            const text = words(
              [d.title, d.titleEn ?? '', ...d.keywords, d.summary, d.city].join(' '),
              { characters: true },
            ).join(' ')
            const at = new Date(d.createdAt * 1000).toISOString()
            return sql`(${d.id}, ${d.kind}, ${d.rowId}, ${JSON.stringify(d)}::jsonb, to_tsvector('simple', ${text}), ${`{${d.segments1.join(',')}}`}::text[], ${`{${d.segments2.join(',')}}`}::text[], ${d.city}, ${d.status}, '{}'::text[], ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz)`
          }),
          sql`, `,
        )}`)
    }
    await db().execute(sql`analyze search_documents`)
    const loadSeconds = (performance.now() - loadStarted) / 1000

    // Web and worker processes, as in production.
    const port = await freePort()
    if (!fs.existsSync(path.join(root, 'build/server/index.js')))
      spawnSync('npx', ['remix', 'vite:build'], { cwd: root, stdio: 'inherit' })
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      NODE_ENV: 'production' as const,
    }
    children.push(
      spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
        cwd: root,
        env,
        stdio: 'ignore',
      }),
    )
    children.push(
      spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
        cwd: root,
        env,
        stdio: 'ignore',
      }),
    )
    const base = `http://127.0.0.1:${port}`
    await waitFor(`${base}/healthz`, 60_000)

    const mix = queryMix()
    const index = client.index('offerings')
    const raw = mix.map(
      (m) => () =>
        index.search(m.q, {
          filter: m.filter,
          facets: ['kind', 'segments1', 'segments2', 'city'],
          hitsPerPage: 20,
        }),
    )
    const api = mix.map((m) => () => fetch(`${base}/api/v1/search?${m.qs}`).then((r) => r.text()))
    const page = mix.map((m) => () => fetch(`${base}/search?${m.qs}`).then((r) => r.text()))
    const fallback = mix.map(
      (m) => () =>
        searchPostgres(SearchParamsSchema.parse(Object.fromEntries(new URLSearchParams(m.qs)))),
    )

    // Warm-up, then the measured runs.
    await measure([...raw, ...api, ...page, ...fallback], 2, 1)
    const raw1 = await measure(raw, 1, 4)
    const raw8 = await measure(raw, 8, 8)
    const api1 = await measure(api, 1, 4)
    const api8 = await measure(api, 8, 8)
    const page1 = await measure(page, 1, 2)
    const fallback1 = await measure(fallback, 1, 2)

    // Index lag: 50 committed changes a second for 10 s, each through the real pipeline (a job
    // on the write's transaction, a worker, Meilisearch), timed from the commit until the index
    // serves the new version. One observer asks Meilisearch every 20 ms for the documents still
    // awaited (by id, one request): a poller per change would itself load the two cores with
    // thousands of searches a second. 1,000 organisations take turns, so no change is
    // overwritten by the next change to the same row before it is seen.
    const owner = await createUser(db(), { email: 'bench-owner@example.test' })
    const orgs = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        createOrg(db(), { name: `指标机构${i}`, ownerId: owner.id }),
      ),
    )
    const { indexLater } = await import('../search/index-later.server.ts')
    const lags: number[] = []
    const awaited = new Map<string, { token: string; committedAt: number }>()
    let writing = true
    const observer = (async () => {
      while (writing || awaited.size > 0) {
        if (awaited.size > 0) {
          const batch = [...awaited.entries()]
          const seenAt = performance.now()
          const { results } = await index.getDocuments<{ id: string; summary: string }>({
            ids: batch.map(([id]) => id),
            fields: ['id', 'summary'],
            limit: batch.length,
          })
          const summaries = new Map(results.map((d) => [d.id, d.summary]))
          for (const [id, wanted] of batch) {
            if (summaries.get(id) === wanted.token) {
              lags.push(seenAt - wanted.committedAt)
              awaited.delete(id)
            } else if (seenAt - wanted.committedAt > 30_000) {
              lags.push(30_000)
              awaited.delete(id)
            }
          }
        }
        await new Promise((res) => setTimeout(res, 20))
      }
    })()
    const writes: Promise<void>[] = []
    const started = Date.now()
    for (let n = 0; Date.now() - started < 10_000; n++) {
      const org = orgs[n % orgs.length]
      if (!org) break
      const token = `lag${n}x${Math.random().toString(36).slice(2, 8)}`
      // Writes are not awaited here, so the rate holds at 50 a second however long each takes.
      writes.push(
        db()
          .transaction(async (tx) => {
            await tx
              .update(organisations)
              .set({ description: token, updatedAt: new Date() })
              .where(eq(organisations.id, org.id))
            await indexLater(tx, 'organisation', org.id)
          })
          .then(() => {
            awaited.set(`organisation-${org.id}`, { token, committedAt: performance.now() })
          }),
      )
      const wait = started + (n + 1) * 20 - Date.now()
      if (wait > 0) await new Promise((res) => setTimeout(res, wait))
    }
    await Promise.all(writes)
    writing = false
    await observer
    // What the documents route serves, search finds: check the last change by a search.
    const last = orgs[(writes.length - 1) % orgs.length]
    const lastToken = (await index.getDocument(`organisation-${last?.id}`)).summary as string
    if ((await index.search(lastToken, { hitsPerPage: 1 })).hits.length !== 1)
      throw new Error('a change the documents route serves is not found by search')

    const metrics = {
      docs: DOCS,
      load_seconds: round(loadSeconds),
      raw_p50_ms: round(percentile(raw1, 50)),
      raw_p95_ms: round(percentile(raw1, 95)),
      raw_c8_p50_ms: round(percentile(raw8, 50)),
      raw_c8_p95_ms: round(percentile(raw8, 95)),
      api_p50_ms: round(percentile(api1, 50)),
      api_p95_ms: round(percentile(api1, 95)),
      api_c8_p50_ms: round(percentile(api8, 50)),
      api_c8_p95_ms: round(percentile(api8, 95)),
      api_over_raw_p50: round(percentile(api1, 50) / percentile(raw1, 50)),
      page_p50_ms: round(percentile(page1, 50)),
      page_p95_ms: round(percentile(page1, 95)),
      index_lag_p50_ms: round(percentile(lags, 50)),
      index_lag_p95_ms: round(percentile(lags, 95)),
      index_lag_changes: lags.length,
      index_lag_changes_per_second: round(lags.length / 10),
      fallback_p50_ms: round(percentile(fallback1, 50)),
      fallback_p95_ms: round(percentile(fallback1, 95)),
    }
    const result = {
      metrics,
      machine: `${os.cpus().length} cores; Postgres, Meilisearch, the web and worker processes and the load generator share them`,
      queries: mix.length,
    }
    fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true })
    fs.writeFileSync(path.join(root, 'bench/results/search.json'), JSON.stringify(result, null, 2))
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    const { stopBoss } = await import('../app/domains/jobs/boss.server.ts')
    await stopBoss({ graceful: false, timeout: 1000 })
    await closeDb()
  } finally {
    for (const c of children) c.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 1500))
    await meiliServer.stop()
    await pg.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

// The job client and pools would otherwise keep the process alive after the report.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  },
)
