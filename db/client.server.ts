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

export async function closeDb(): Promise<void> {
  const c = client
  client = undefined
  database = undefined
  await c?.end({ timeout: 5 })
}
