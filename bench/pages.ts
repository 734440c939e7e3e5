// `npm run bench:pages`: the main pages under load at a realistic volume. Starts its own
// PostgreSQL and Meilisearch, seeds the demo data multiplied to 10,000 instruments, 5,000
// challenges with bids, 1,000 campaigns, 200 spaces and 20,000 people, indexes the offerings
// through the product's own reindex, starts the real web process from the production build,
// then measures each page logged out and logged in (16 connections, a fixed duration each)
// beside /healthz in the same server, samples the server's memory, and sums the JavaScript
// each page ships. Writes bench/results/pages.json.
import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import postgres from 'postgres'
import { startEmbeddedPostgres, type RunningPostgres } from '../db/embedded.ts'
import { runMigrations } from '../db/migrate.ts'
import { ensureDatabase } from '../scripts/lib/ensure-database.ts'
import { startEmbeddedMeilisearch, type RunningMeilisearch } from '../search/embedded.ts'
import { listedNamespaces, routeJs, routeStrings } from './pages-js.ts'
import { seedVolume } from './pages-seed.ts'
import { hasBuild, webArgs } from '../scripts/lib/processes.ts'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
// The checkout whose production build is served and weighed: this one, or a copy built from
// changes not yet built here.
const appDir = path.resolve(process.env.BENCH_APP ?? root)
const PORT = Number(process.env.BENCH_PORT ?? 3401)
const MEILI_PORT = Number(process.env.BENCH_MEILI_PORT ?? 3411)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = 16
const WORK_DIR = process.env.BENCH_DIR ?? os.tmpdir()
// A data folder kept between runs (seeded and indexed by the first), to re-measure after a change
// without seeding again; by default every run starts from nothing and removes what it made.
const KEEP_DIR = process.env.BENCH_DATA

const LIGHTEST_PAGE = '/privacy'
const TARGETS = { overHello: 0.3, p95Ms: 250, rssMb: 400, jsKb: 150, dashboardJsKb: 400 }

type Run = {
  rps: number
  p50: number
  p95: number
  requests: number
  non2xx: number
  errors: number
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}
const round = (n: number) => Math.round(n * 10) / 10

async function load(url: string, cookie: string | null, seconds: number): Promise<Run> {
  const times: number[] = []
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'accept-language': 'zh-CN', ...(cookie ? { cookie } : {}) },
  })
  // autocannon reports p50 and p97.5 but no p95: the response times are kept here.
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    times.push(ms)
  })
  const result = await instance
  times.sort((a, b) => a - b)
  return {
    rps: round(result.requests.average),
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
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

/**
 * CPU time the process has used, in ms (user + system, from /proc). Per request, it is the
 * figure that moves least when other work shares the machine: req/s and latency move with it.
 */
function cpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    return (Number(fields[11]) + Number(fields[12])) * (1000 / 100)
  } catch {
    return 0
  }
}

function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
    return kb / 1024
  } catch {
    return 0
  }
}

async function main() {
  fs.mkdirSync(WORK_DIR, { recursive: true })
  const dir = KEEP_DIR
    ? path.resolve(KEEP_DIR)
    : fs.mkdtempSync(path.join(WORK_DIR, 'zc-bench-pages-'))
  fs.mkdirSync(dir, { recursive: true })
  fs.chmodSync(dir, 0o755)
  let pg: RunningPostgres | undefined
  let meiliServer: RunningMeilisearch | null = null
  let server: ChildProcess | undefined
  const stopAll = async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server?.once('exit', r))
      server.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
      if (server.exitCode === null) server.kill('SIGKILL')
    }
    await meiliServer?.stop()
    await pg?.stop()
    if (!KEEP_DIR) fs.rmSync(dir, { recursive: true, force: true })
  }
  const onSignal = () => void stopAll().finally(() => process.exit(130))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    const say = (line: string) => process.stdout.write(`${line}\n`)
    pg = await startEmbeddedPostgres({ dataDir: dir })
    meiliServer = await startEmbeddedMeilisearch({ dataDir: dir, port: MEILI_PORT })
    if (!meiliServer) throw new Error('the page benchmark needs the Meilisearch binary (linux-x64)')
    await ensureDatabase(pg.url('postgres'), 'bench')
    await runMigrations(pg.url('bench'))
    Object.assign(process.env, {
      DATABASE_URL: pg.url('bench'),
      MEILISEARCH_URL: meiliServer.url,
      MEILISEARCH_KEY: meiliServer.key,
      MEILISEARCH_INDEX: 'offerings',
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
    })
    // Imported only now: they read the environment set above.
    const { db, closeDb } = await import('../db/client.server.ts')
    const { seedDemo } = await import('../db/seed/seed.ts')
    const { meili } = await import('../search/client.server.ts')
    const { reindex } = await import('../search/reindex.server.ts')
    const { createSession } = await import('../app/domains/accounts/session.server.ts')

    const admin = postgres(pg.url('bench'), { max: 1, onnotice: () => {} })
    const kept = await admin<
      { value: string }[]
    >`select value from app_meta where key = 'bench-pages'`
    let prepared = kept[0]
      ? (JSON.parse(kept[0].value) as {
          volume: Awaited<ReturnType<typeof seedVolume>>
          seedSeconds: number
          indexSeconds: number
          documents: number
        })
      : null
    if (prepared) say(`reusing the data seeded and indexed in ${dir}`)
    else {
      let started = performance.now()
      await seedDemo(db())
      const volume = await seedVolume(admin)
      const seedSeconds = round((performance.now() - started) / 1000)
      say(`seeded in ${seedSeconds} s: ${JSON.stringify(volume)}`)
      started = performance.now()
      const client = meili()
      if (!client) throw new Error('no Meilisearch client')
      const { documents } = await reindex(client)
      const indexSeconds = round((performance.now() - started) / 1000)
      say(`indexed ${documents} offerings in ${indexSeconds} s`)
      prepared = { volume, seedSeconds, indexSeconds, documents }
      await admin`insert into app_meta (key, value, updated_at)
        values ('bench-pages', ${JSON.stringify(prepared)}, now())`
    }
    const { volume, seedSeconds, indexSeconds } = prepared

    // The pages measured: a copy in the middle of the volume, not the demo row itself.
    const pick = async (table: string, where: string) => {
      const copies = `${where} and slug ~ '-[0-9]+$'`
      const rows = await admin.unsafe(
        `select slug from "${table}" where ${copies} order by created_at, slug offset (select count(*) / 2 from "${table}" where ${copies}) limit 1`,
      )
      const slug = rows[0]?.slug as string | undefined
      if (!slug) throw new Error(`nothing to measure in ${table}`)
      return slug
    }
    const pages: { name: string; path: string; route: string }[] = [
      { name: 'home', path: '/', route: 'routes/_index' },
      {
        name: 'search',
        path: `/search?q=${encodeURIComponent('扫描电镜 苏州')}`,
        route: 'routes/search',
      },
      { name: 'equipment', path: '/equipment', route: 'routes/equipment._index' },
      {
        name: 'equipment_id',
        path: `/equipment/${await pick('equipment_listings', `status = 'published'`)}`,
        route: 'routes/equipment.$id._index',
      },
      {
        name: 'challenges_id',
        path: `/challenges/${await pick('challenges', `status = 'open' and confidentiality = 'public'`)}`,
        route: 'routes/challenges.$id._index',
      },
      {
        name: 'campaigns_id',
        path: `/campaigns/${await pick('campaigns', `status = 'live'`)}`,
        route: 'routes/campaigns.$slug._index',
      },
      {
        name: 'spaces_slug',
        path: `/spaces/${await pick('spaces', 'true')}`,
        route: 'routes/spaces.$slug._index',
      },
    ]

    // Logged in as a maker of the demo (bids, bookings, notifications of their own).
    const maker = await admin`select id from users where email = 'chensiyuan@demo.zhongchuang.cn'`
    const makerId = maker[0]?.id as string | undefined
    if (!makerId) throw new Error('the demo maker is missing')
    const session = await createSession(db(), makerId)
    const cookie = `zc_session=${session.token}`
    await admin.end()
    await closeDb()

    if (!hasBuild(appDir)) throw new Error('no production build: run npm run build first')
    const base = `http://127.0.0.1:${PORT}`
    const serverLog = fs.openSync(path.join(dir, 'server.log'), 'a')
    server = spawn(process.execPath, webArgs(), {
      cwd: appDir,
      env: {
        ...process.env,
        APP_ENV: 'production',
        NODE_ENV: 'production',
        PORT: String(PORT),
        HOST: '127.0.0.1',
        PUBLIC_URL: base,
        // Nothing is sent while pages are read; production only requires a mail server.
        SMTP_URL: 'smtp://127.0.0.1:3419',
        EVIDENCE_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', serverLog, serverLog],
    })
    const pid = server.pid
    if (!pid) throw new Error('the web process did not start')
    await waitFor(`${base}/healthz`, 60_000).catch((error: unknown) => {
      // The log goes with the temporary folder: say why the web process did not come up.
      const log = fs.readFileSync(path.join(dir, 'server.log'), 'utf8').split('\n').slice(-20)
      throw new Error(`${String(error)}\n${log.join('\n')}`)
    })

    // Every page answers 200 both ways before anything is timed. The namespaces each document
    // lists (its render's) are counted with its strings below.
    const observed: Record<string, string[]> = {}
    for (const page of pages) {
      for (const c of [null, cookie]) {
        const response = await fetch(`${base}${page.path}`, {
          headers: c ? { cookie: c } : {},
          redirect: 'manual',
        })
        if (response.status !== 200)
          throw new Error(
            `${page.path} (${c ? 'logged in' : 'logged out'}) answered ${response.status}`,
          )
        const html = await response.text()
        observed[page.route] = [...(observed[page.route] ?? []), ...listedNamespaces(html)]
        if (c && !html.includes('陈思远'))
          throw new Error(`${page.path} does not show the logged-in person`)
      }
    }

    let maxRss = rssMb(pid)
    const sampler = setInterval(() => {
      maxRss = Math.max(maxRss, rssMb(pid))
    }, 250)
    const measured: { name: string; run: Run & { cpu: number } }[] = []
    let lightest: (Run & { cpu: number }) | undefined
    try {
      say(`warming up (${pages.length * 2 + 1} × 2 s)…`)
      await load(`${base}/healthz`, null, 2)
      for (const page of pages) {
        await load(`${base}${page.path}`, null, 2)
        await load(`${base}${page.path}`, cookie, 2)
      }
      // The web process's CPU per request beside each run: see cpuMs.
      const timed = async (url: string, c: string | null) => {
        const before = cpuMs(pid)
        const run = await load(url, c, SECONDS)
        const cpu = Math.round(((cpuMs(pid) - before) / Math.max(1, run.requests)) * 100) / 100
        return { ...run, cpu }
      }
      const hello = await timed(`${base}/healthz`, null)
      measured.push({ name: 'hello', run: hello })
      // Not a target: the lightest page of the product (static text in the site's frame), to
      // show how much of every page's cost is the document itself rather than the page.
      lightest = await timed(`${base}${LIGHTEST_PAGE}`, null)
      say(`lightest page ${LIGHTEST_PAGE}: ${lightest.rps} req/s, p95 ${lightest.p95} ms`)
      for (const page of pages) {
        for (const [suffix, c] of [
          ['out', null],
          ['in', cookie],
        ] as const) {
          const run = await timed(`${base}${page.path}`, c)
          measured.push({ name: `${page.name}_${suffix}`, run })
          say(`${page.name}_${suffix}: ${run.rps} req/s, p50 ${run.p50} ms, p95 ${run.p95} ms`)
        }
      }
    } finally {
      clearInterval(sampler)
    }

    // Every page loads the strings of the namespaces its render uses before it hydrates: counted
    // with each page, in the primary language (see routeStrings).
    const strings = routeStrings(
      path.join(appDir, 'build/client'),
      path.join(appDir, 'app'),
      'zh-CN',
      observed,
    )
    const stringsOf = (route: string) => strings.find((r) => r.route === route)
    const js = routeJs(path.join(appDir, 'build/client')).map((r) => ({
      ...r,
      kb: Math.round((r.kb + (stringsOf(r.route)?.kb ?? 0)) * 10) / 10,
      strings_kb: stringsOf(r.route)?.kb ?? 0,
    }))
    const pagesJs = js.filter((r) => !r.dashboard)
    const dashboards = js.filter((r) => r.dashboard)
    const maxJs = pagesJs.reduce((m, r) => (r.kb > m.kb ? r : m))
    const maxDashboard = dashboards.reduce((m, r) => (r.kb > m.kb ? r : m), { route: '', kb: 0 })
    const jsOf = (route: string) => js.find((r) => r.route === route)?.kb ?? 0

    const helloRps = measured[0]?.run.rps ?? 0
    const metrics: Record<string, number> = {}
    const table: Record<string, unknown>[] = []
    for (const { name, run } of measured) {
      const page = pages.find((p) => name === `${p.name}_out` || name === `${p.name}_in`)
      if (name !== 'hello') {
        metrics[`${name}_over_hello`] = Math.round((run.rps / helloRps) * 100) / 100
        metrics[`${name}_p95_ms`] = run.p95
      }
      table.push({
        page: name,
        path: name === 'hello' ? '/healthz' : page?.path,
        'req/s': run.rps,
        p50_ms: run.p50,
        p95_ms: run.p95,
        over_hello: name === 'hello' ? 1 : Math.round((run.rps / helloRps) * 100) / 100,
        non2xx: run.non2xx,
        errors: run.errors,
        js_kb_gz: page ? jsOf(page.route) : null,
        web_cpu_ms_per_req: run.cpu,
      })
    }
    if (lightest) {
      metrics.lightest_page_over_hello = Math.round((lightest.rps / helloRps) * 100) / 100
      table.splice(1, 0, {
        page: 'lightest_page (not a target)',
        path: LIGHTEST_PAGE,
        'req/s': lightest.rps,
        p50_ms: lightest.p50,
        p95_ms: lightest.p95,
        over_hello: metrics.lightest_page_over_hello,
        non2xx: lightest.non2xx,
        errors: lightest.errors,
        js_kb_gz: null,
        web_cpu_ms_per_req: lightest.cpu,
      })
    }
    metrics.rss_mb = Math.round(maxRss)
    metrics.max_js_kb_gz = maxJs.kb
    metrics.dashboard_js_kb_gz = maxDashboard.kb
    const failures = [
      ...measured
        .filter((m) => m.run.non2xx > 0 || m.run.errors > 0)
        .map((m) => `${m.name}: non-2xx or errors`),
      ...measured
        .filter((m) => m.name !== 'hello' && m.run.rps < TARGETS.overHello * helloRps)
        .map((m) => `${m.name}: ${m.run.rps} req/s < ${TARGETS.overHello} × hello`),
      ...measured
        .filter((m) => m.name !== 'hello' && m.run.p95 > TARGETS.p95Ms)
        .map((m) => `${m.name}: p95 ${m.run.p95} ms`),
      ...(maxRss > TARGETS.rssMb ? [`rss ${Math.round(maxRss)} MB`] : []),
      ...(maxJs.kb > TARGETS.jsKb ? [`${maxJs.route}: ${maxJs.kb} KB of JavaScript`] : []),
      ...(maxDashboard.kb > TARGETS.dashboardJsKb
        ? [`${maxDashboard.route}: ${maxDashboard.kb} KB`]
        : []),
    ]
    const result = {
      metrics,
      table,
      targets: {
        over_hello: `≥ ${TARGETS.overHello}`,
        p95_ms: `≤ ${TARGETS.p95Ms}`,
        rss_mb: `≤ ${TARGETS.rssMb}`,
        max_js_kb_gz: `≤ ${TARGETS.jsKb}`,
        dashboard_js_kb_gz: `≤ ${TARGETS.dashboardJsKb}`,
      },
      failures,
      js: {
        max_route: maxJs.route,
        dashboard_route: maxDashboard.route,
        // zh-CN strings loaded before hydration; included in each route's figure.
        max_strings_kb_gz: Math.max(...js.map((r) => r.strings_kb)),
        strings: Object.fromEntries(strings.map((r) => [r.route, r.namespaces.join(' ')])),
        method:
          "client entry + each route of the chain (module and its static imports, per the Remix manifest) + the zh-CN namespace chunks of the page (those the chain's client modules name, and those the served page listed for the measured pages), gzip -9 per file, summed; dashboards add the ECharts chunk they import on demand",
      },
      load: {
        connections: CONNECTIONS,
        seconds_per_page: SECONDS,
        warm_up_seconds: 2,
        logged_in_as: 'the demo maker (a real session cookie)',
      },
      volume,
      seed_seconds: seedSeconds,
      index_seconds: indexSeconds,
      indexed_documents: prepared.documents,
      machine: `${os.cpus().length} cores`,
      note: `PostgreSQL, Meilisearch and the load generator (autocannon) share the ${os.cpus().length} cores with the web process; figures are for comparison between runs on this machine, not capacity.`,
    }
    fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true })
    fs.writeFileSync(
      path.join(root, 'bench/results/pages.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    )
    console.table(table)
    say(
      `rss max ${metrics.rss_mb} MB · JS max ${maxJs.kb} KB gz (${maxJs.route}) · dashboard ${maxDashboard.kb} KB gz · strings max ${result.js.max_strings_kb_gz} KB gz`,
    )
    say(result.note)
    if (failures.length > 0) say(`over target:\n  ${failures.join('\n  ')}`)
  } finally {
    await stopAll()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
