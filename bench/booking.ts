// `npm run bench:booking`: the instrument booking form under load, through the real web process.
// First 200 different signed-in members post the same form, at once, for the same slot of an
// instant-book instrument with one unit: exactly one may win; every other must get the form
// back with the conflict notice and next free starts, never a 5xx. Then a run of bookings of
// distinct slots at a fixed concurrency gives bookings per second. Postgres, Meilisearch, the
// web and worker processes and this load generator all share the machine.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { startEmbeddedPostgres } from '../db/embedded.ts'
import { runMigrations } from '../db/migrate.ts'
import { ensureDatabase } from '../scripts/lib/ensure-database.ts'
import { freePort } from '../scripts/lib/free-port.ts'
import { startEmbeddedMeilisearch } from '../search/embedded.ts'

const CONTENDERS = Number(process.env.BENCH_CONTENDERS ?? 200)
const THROUGHPUT_BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 300)
const THROUGHPUT_CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 12)
const THROUGHPUT_LISTINGS = 4
// The factories' listings open 09:00–18:00 every day; one-hour bookings fill nine slots a day.
const OPEN_HOURS = Array.from({ length: 9 }, (_, i) => `${String(9 + i).padStart(2, '0')}:00`)
const HOUR = 3_600_000

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}
const round = (n: number) => Math.round(n * 10) / 10

/** The Shanghai calendar date `days` after today's (UTC+8, no daylight saving). */
function shanghaiDate(days: number): string {
  return new Date(Date.now() + 8 * HOUR + days * 24 * HOUR).toISOString().slice(0, 10)
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

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

type Outcome = {
  kind: 'success' | 'conflict' | 'server_error' | 'other'
  status: number
  ms: number
  location: string | null
  nextFree: number
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-bench-booking-'))
  fs.chmodSync(dir, 0o755)
  const pg = await startEmbeddedPostgres({ dataDir: dir })
  const meiliServer = await startEmbeddedMeilisearch({ dataDir: dir })
  if (!meiliServer)
    throw new Error('the booking benchmark needs the Meilisearch binary (linux-x64)')
  const children: ChildProcess[] = []
  const serverLog = path.join(dir, 'server.log')
  const logFd = fs.openSync(serverLog, 'a')
  try {
    await ensureDatabase(pg.url('postgres'), 'bench')
    await runMigrations(pg.url('bench'))
    const port = await freePort()
    Object.assign(process.env, {
      DATABASE_URL: pg.url('bench'),
      MEILISEARCH_URL: meiliServer.url,
      MEILISEARCH_KEY: meiliServer.key,
      MEILISEARCH_INDEX: 'offerings',
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      PORT: String(port),
    })
    // Imported only now: they read the environment set above.
    const { db, closeDb } = await import('../db/client.server.ts')
    const { equipmentBookings, feeSchedules, payments } = await import('../db/schema/index.ts')
    const { createUser } = await import('../test/factories/index.ts')
    const { createListing } = await import('../test/factories/equipment.ts')
    const { createSession, sessionCookieName } =
      await import('../app/domains/accounts/session.server.ts')
    const { PriceListSchema } = await import('../app/domains/equipment/price-blocks.schema.ts')
    const { liveBookingStatuses } = await import('../app/domains/equipment/booking.machine.ts')
    const { installQueues, createBoss } = await import('../app/domains/jobs/boss.server.ts')
    const { jobs } = await import('../workers/jobs/index.ts')

    const boss = createBoss(pg.url('bench'))
    await installQueues(jobs, boss)
    await boss.stop({ graceful: false, timeout: 1000 })

    // Instant booking bills at once, which needs the equipment fee schedule the migrations seed.
    const schedules = await db()
      .select()
      .from(feeSchedules)
      .where(eq(feeSchedules.marketplace, 'equipment'))
    if (schedules.length === 0) throw new Error('no equipment fee schedule after migrating')

    // ¥300 an hour.
    const priceBlocks = PriceListSchema.parse({
      blocks: { hour: { priceFen: 30_000 } },
      cancellation: { freeUntilHours: 24, lateFeeBp: 0 },
    })
    const instrument = () =>
      createListing(db(), { instantBooking: true, capacity: 1, leadTimeHours: 0, priceBlocks })
    const contested = await instrument()
    const warmUp = await instrument()
    const lanes = await Promise.all(Array.from({ length: THROUGHPUT_LISTINGS }, instrument))

    // Members signed in the way the login form leaves them: a verified user and a session row.
    const cookieName = sessionCookieName()
    const members = await db().transaction(async (tx) => {
      const made: { id: string; cookie: string }[] = []
      for (let i = 0; i < CONTENDERS; i++) {
        const user = await createUser(tx, { email: `booker${i}@example.test`, name: `预约人${i}` })
        const { token } = await createSession(tx, user.id)
        made.push({ id: user.id, cookie: `${cookieName}=${token}` })
      }
      return made
    })

    if (!fs.existsSync(path.join(root, 'build/server/index.js')))
      spawnSync('npx', ['remix', 'vite:build'], { cwd: root, stdio: 'inherit' })
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' as const }
    for (const entry of ['server.ts', 'workers/main.ts'])
      children.push(
        spawn(process.execPath, ['--import', 'tsx', entry], {
          cwd: root,
          env,
          stdio: ['ignore', logFd, logFd],
        }),
      )
    const base = `http://127.0.0.1:${port}`
    await waitFor(`${base}/healthz`, 60_000)

    // What the browser knows is the conflict notice: its text in each language the site speaks.
    const takenTexts = fs
      .readdirSync(path.join(root, 'app/i18n/locales'))
      .map((lng) => path.join(root, 'app/i18n/locales', lng, 'booking-form.json'))
      .filter((file) => fs.existsSync(file))
      .map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as { conflict: { taken: string } })
      .map((messages) => messages.conflict.taken)
    // Each next free start is a button that books it again with everything else kept.
    const nextFreeLink = /name="pick" value="\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"/g

    // Time on the instrument with the lab's operator, the one service mode the factory's
    // listings offer; a form that does not ask for the mode ignores the field.
    const form = (date: string, startTime: string, hours: number) =>
      new URLSearchParams({
        serviceMode: 'operator_run',
        date,
        startTime,
        hours: String(hours),
        purpose: '样品表面形貌观察',
      })

    /** Posts the booking form as a browser without scripts does: a same-origin form POST. */
    async function book(
      slug: string,
      member: { cookie: string },
      body: URLSearchParams,
    ): Promise<Outcome> {
      const started = performance.now()
      const response = await fetch(`${base}/equipment/${slug}/book`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie: member.cookie,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
          origin: base,
          'sec-fetch-site': 'same-origin',
          'sec-fetch-mode': 'navigate',
        },
        body,
      })
      const html = await response.text()
      const ms = performance.now() - started
      const location = response.headers.get('location')
      const nextFree = html.match(nextFreeLink)?.length ?? 0
      const kind =
        response.status >= 500
          ? 'server_error'
          : response.status === 302 && location?.startsWith('/bookings/')
            ? 'success'
            : response.status === 409 &&
                takenTexts.some((t) => html.includes(t)) &&
                nextFree > 0 &&
                html.includes('<form')
              ? 'conflict'
              : 'other'
      return { kind, status: response.status, ms, location, nextFree }
    }

    // Warm-up: the form, and one booking of another instrument, so neither first-use costs nor
    // a broken setup hide in the measured runs.
    const page = await fetch(`${base}/equipment/${contested.slug}/book`, {
      headers: { cookie: members[0]?.cookie ?? '' },
      redirect: 'manual',
    })
    if (page.status !== 200) throw new Error(`the booking form answered ${page.status}`)
    const firstDay = shanghaiDate(3)
    const warm = await book(warmUp.slug, members[0] ?? { cookie: '' }, form(firstDay, '09:00', 1))
    if (warm.kind !== 'success')
      throw new Error(`the warm-up booking was not booked: ${warm.status} ${warm.kind}`)

    // Each contender has the form open, as a browser would before submitting: this also leaves
    // one kept-alive connection per contender, so the posts below leave together.
    await Promise.all(
      members.map((m) =>
        fetch(`${base}/equipment/${contested.slug}/book?hours=2`, {
          headers: { cookie: m.cookie },
        }).then((r) => r.text()),
      ),
    )
    const contendedStarted = performance.now()
    const contention = await Promise.all(
      members.map((m) => book(contested.slug, m, form(firstDay, '10:00', 2))),
    )
    const contentionSeconds = (performance.now() - contendedStarted) / 1000
    const count = (outcomes: Outcome[], kind: Outcome['kind']) =>
      outcomes.filter((o) => o.kind === kind).length
    const held = await db()
      .select({ id: equipmentBookings.id })
      .from(equipmentBookings)
      .where(
        and(
          eq(equipmentBookings.listingId, contested.id),
          inArray(equipmentBookings.status, [...liveBookingStatuses]),
        ),
      )

    // The same conflict answered one at a time: what a contender waits for without a queue.
    const alone: Outcome[] = []
    for (const m of members.slice(1, 21))
      alone.push(await book(contested.slug, m, form(firstDay, '10:00', 2)))
    if (alone.some((o) => o.kind !== 'conflict'))
      throw new Error('a lone post for the taken slot was not answered with the conflict notice')

    // Throughput: distinct one-hour slots, consecutive within opening hours, spread over a few
    // instruments and many members, posted by a fixed number of concurrent clients.
    const plan = Array.from({ length: THROUGHPUT_BOOKINGS }, (_, i) => {
      const lane = lanes[i % lanes.length]
      const slot = Math.floor(i / lanes.length)
      const day = shanghaiDate(4 + Math.floor(slot / OPEN_HOURS.length))
      const member = members[i % members.length]
      const startTime = OPEN_HOURS[slot % OPEN_HOURS.length]
      if (!lane || !member || !startTime) throw new Error('bad plan')
      return { slug: lane.slug, member, body: form(day, startTime, 1) }
    })
    const throughput: Outcome[] = []
    let nextJob = 0
    const throughputStarted = performance.now()
    await Promise.all(
      Array.from({ length: THROUGHPUT_CONCURRENCY }, async () => {
        for (let job = plan[nextJob++]; job; job = plan[nextJob++])
          throughput.push(await book(job.slug, job.member, job.body))
      }),
    )
    const throughputSeconds = (performance.now() - throughputStarted) / 1000
    const throughputBooked = await db()
      .select({ id: equipmentBookings.id })
      .from(equipmentBookings)
      .where(
        and(
          inArray(
            equipmentBookings.listingId,
            lanes.map((l) => l.id),
          ),
          eq(equipmentBookings.status, 'awaiting_payment'),
        ),
      )
    const billed = await db()
      .select({ id: payments.id })
      .from(payments)
      .where(
        and(
          eq(payments.businessKind, 'booking'),
          inArray(
            payments.businessId,
            [...throughputBooked, ...held].map((b) => b.id),
          ),
        ),
      )

    const [stats] = await db().execute<{ deadlocks: number }>(
      sql`select deadlocks::int as deadlocks from pg_stat_database where datname = current_database()`,
    )

    // Give the workers a moment to log anything the bookings' jobs made them complain about.
    await new Promise((r) => setTimeout(r, 2000))
    const logLines = fs
      .readFileSync(serverLog, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
    const levelOf = (line: string) => {
      try {
        return (JSON.parse(line) as { level?: string }).level ?? 'unstructured'
      } catch {
        return 'unstructured'
      }
    }
    const serverErrors = logLines.filter((l) => ['error', 'unstructured'].includes(levelOf(l)))
    const serverWarnings = logLines.filter((l) => levelOf(l) === 'warn')

    const successes = count(contention, 'success')
    const conflicts = count(contention, 'conflict')
    const contentionServerErrors = count(contention, 'server_error')
    const throughputSuccesses = count(throughput, 'success')
    const result = {
      metrics: {
        attempts: contention.length,
        successes,
        conflicts,
        server_errors: contentionServerErrors,
        p50_ms: round(
          percentile(
            contention.map((o) => o.ms),
            50,
          ),
        ),
        p95_ms: round(
          percentile(
            contention.map((o) => o.ms),
            95,
          ),
        ),
        bookings_per_s: round(throughputSuccesses / throughputSeconds),
      },
      contention: {
        description: `${contention.length} members post the booking form at once for the same 2-hour slot of an instant-book instrument with one unit`,
        other_answers: contention
          .filter((o) => o.kind === 'other')
          .map((o) => ({ status: o.status, location: o.location })),
        max_ms: round(Math.max(...contention.map((o) => o.ms))),
        wall_seconds: round(contentionSeconds),
        next_free_links_min: Math.min(
          ...contention.filter((o) => o.kind === 'conflict').map((o) => o.nextFree),
        ),
        live_bookings_of_the_instrument: held.length,
        lone_conflict_p50_ms: round(
          percentile(
            alone.map((o) => o.ms),
            50,
          ),
        ),
      },
      throughput: {
        description: `${plan.length} one-hour bookings of distinct slots on ${lanes.length} instant-book instruments, ${THROUGHPUT_CONCURRENCY} concurrent clients`,
        bookings: plan.length,
        concurrency: THROUGHPUT_CONCURRENCY,
        successes: throughputSuccesses,
        server_errors: count(throughput, 'server_error'),
        other_answers: throughput.length - throughputSuccesses - count(throughput, 'server_error'),
        seconds: round(throughputSeconds),
        p50_ms: round(
          percentile(
            throughput.map((o) => o.ms),
            50,
          ),
        ),
        p95_ms: round(
          percentile(
            throughput.map((o) => o.ms),
            95,
          ),
        ),
        bookings_in_database: throughputBooked.length,
        payments_in_database: billed.length,
      },
      postgres_deadlocks: stats?.deadlocks ?? null,
      server_log: {
        errors: serverErrors.length,
        warnings: serverWarnings.length,
        first_errors: serverErrors.slice(0, 5),
        first_warnings: serverWarnings.slice(0, 5),
      },
      environment: {
        cores: os.cpus().length,
        node: process.version,
        database_pool_max: Number(process.env.DATABASE_POOL_MAX ?? 10),
        notes:
          'The load generator, PostgreSQL, Meilisearch, the web process and the worker process share ' +
          `this machine's ${os.cpus().length} cores. Requests are same-origin form posts without ` +
          'scripts (a document request: 302 to the booking, or 409 with the form and its conflict ' +
          'notice); each member has its own session cookie. The app refuses cross-site posts by ' +
          'Fetch Metadata and has no CSRF token.',
      },
    }

    fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true })
    fs.writeFileSync(path.join(root, 'bench/results/booking.json'), JSON.stringify(result, null, 2))
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n\n`)
    const rows: [string, string | number][] = [
      ['contention attempts', result.metrics.attempts],
      ['  successes', successes],
      ['  conflicts', conflicts],
      ['  server errors (5xx)', contentionServerErrors],
      ['  other answers', result.contention.other_answers.length],
      ['  p50 ms', result.metrics.p50_ms],
      ['  p95 ms', result.metrics.p95_ms],
      ['throughput bookings', `${throughputSuccesses}/${plan.length}`],
      ['  concurrency', THROUGHPUT_CONCURRENCY],
      ['  bookings/s', result.metrics.bookings_per_s],
      ['  p50 ms', result.throughput.p50_ms],
      ['  p95 ms', result.throughput.p95_ms],
      ['server log errors', serverErrors.length],
    ]
    for (const [label, value] of rows)
      process.stdout.write(`${label.padEnd(26)}${String(value).padStart(10)}\n`)

    const failures = [
      successes !== 1 && `${successes} contenders booked the one slot, not exactly 1`,
      conflicts !== contention.length - 1 &&
        `${conflicts} conflict answers, not ${contention.length - 1}`,
      contentionServerErrors > 0 && `${contentionServerErrors} server errors while contending`,
      held.length !== 1 && `${held.length} live bookings hold the contested instrument`,
      throughputSuccesses !== plan.length &&
        `${throughputSuccesses} of ${plan.length} distinct slots were booked`,
      throughputBooked.length !== plan.length &&
        `${throughputBooked.length} throughput bookings in the database, not ${plan.length}`,
    ].filter((f): f is string => typeof f === 'string')
    await closeDb()
    if (failures.length > 0)
      throw new Error(`booking benchmark failed:\n  ${failures.join('\n  ')}`)
  } finally {
    await Promise.all(children.map(stopChild))
    fs.closeSync(logFd)
    // Kept beside the results: what the web and worker processes said is the first thing to read
    // when an assertion fails.
    fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true })
    fs.copyFileSync(serverLog, path.join(root, 'bench/results/booking-server.log'))
    await meiliServer.stop()
    await pg.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

// Pools and the job client would otherwise keep the process alive after the report.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  },
)
