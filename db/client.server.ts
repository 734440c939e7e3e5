// The one database handle of a process. Data helpers take a `Tx` (a transaction or the pool) as
// their first argument so that use cases can compose them inside one transaction.
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
    client = postgres(databaseUrl(), {
      max: Number(process.env.DATABASE_POOL_MAX ?? 10),
      // Fail fast instead of hanging a request when the database is away.
      connect_timeout: 5,
      idle_timeout: 60,
      onnotice: () => {},
    })
    database = drizzle(client, { schema })
  }
  return database
}

export async function closeDb(): Promise<void> {
  const c = client
  client = undefined
  database = undefined
  await c?.end({ timeout: 5 })
}
