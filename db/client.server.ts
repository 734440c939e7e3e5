// The one database handle of a process. Data helpers take a `Tx` (a transaction or the pool) as
// their first argument so that use cases can compose them inside one transaction.
import { AsyncLocalStorage } from 'node:async_hooks'
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from './schema/index.ts'

export type Db = PostgresJsDatabase<typeof schema>
export type Tx = Db | Parameters<Parameters<Db['transaction']>[0]>[0]

let client: postgres.Sql | undefined
let database: Db | undefined

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set (npm start sets it for the embedded database)')
  return url
}

export function db(): Db {
  if (!database) {
    const max = Number(process.env.DATABASE_POOL_MAX ?? 10)
    client = postgres(databaseUrl(), {
      max,
      // Fail fast instead of hanging a request when the database is away.
      connect_timeout: 5,
      // A query waits for its connection's next attempt, and postgres.js spaces attempts after
      // failures up to 20 s apart: a database back after a restart would go unnoticed, and
      // every request meanwhile would hang. At most half a second between attempts keeps the
      // "briefly unavailable" answer quick and the recovery within a second; refused connects
      // are cheap for the server.
      backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** retries, 0.5),
      idle_timeout: 60,
      onnotice: () => {},
    })
    database = gateTransactions(
      drizzle(client, { schema, logger: { logQuery: () => counting.getStore()?.add() } }),
      Math.max(1, max - 2),
    )
  }
  return database
}

/**
 * At most `limit` top-level transactions at once, the rest waiting their turn in this process.
 * postgres.js (3.4.9) can lose track of which connection a transaction reserved when a BEGIN is
 * queued behind busy connections (porsager/postgres#1206, #1218): the transaction stays open
 * on a connection the pool hands out again, and every query behind it waits for ever. Keeping
 * transactions below the pool size means a BEGIN always finds a connection of its own. A
 * transaction opened inside another (in the same async context) is not held back, so nesting
 * cannot wait on itself.
 */
function gateTransactions(database: Db, limit: number): Db {
  const inside = new AsyncLocalStorage<true>()
  const waiting: (() => void)[] = []
  let running = 0
  const acquire = async () => {
    if (running < limit) {
      running++
      return
    }
    await new Promise<void>((resolve) => waiting.push(resolve))
  }
  const release = () => {
    const next = waiting.shift()
    if (next) next()
    else running--
  }
  const transaction = database.transaction.bind(database)
  database.transaction = (async (...args: Parameters<Db['transaction']>) => {
    if (inside.getStore()) return transaction(...args)
    await acquire()
    try {
      return await inside.run(true, () => transaction(...args))
    } finally {
      release()
    }
  }) as Db['transaction']
  return database
}

const counting = new AsyncLocalStorage<{ add: () => void }>()

/**
 * Runs `work` and counts the statements it sends through this handle (transactions' own
 * BEGIN/COMMIT aside): how tests hold a page's loader to a number of queries that does not
 * grow with the data.
 */
export async function countQueries<T>(
  work: () => Promise<T>,
): Promise<{ result: T; queries: number }> {
  let queries = 0
  const result = await counting.run({ add: () => void queries++ }, work)
  return { result, queries }
}

// postgres.js's own codes for a connection it could not open or lost, and the system errors
// under them.
const CONNECTION_CODES = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
])

/**
 * Whether an error says the database is away (down, restarting, refusing connections) rather
 * than that a statement was wrong: the first is answered "briefly unavailable, try again",
 * the second is a bug. SQLSTATE class 08 is a connection failure, 57P01–57P03 a server
 * shutting down or still starting, 53300 too many connections. Drizzle wraps the driver's
 * error, so the causes are looked at too.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') {
      if (CONNECTION_CODES.has(code)) return true
      if (code.startsWith('08') || /^57P0[123]$/.test(code) || code === '53300') return true
    }
    e = (e as { cause?: unknown }).cause
  }
  return false
}

export async function closeDb(): Promise<void> {
  const c = client
  client = undefined
  database = undefined
  await c?.end({ timeout: 5 })
}
