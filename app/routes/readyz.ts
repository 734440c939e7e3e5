// Readiness: database, search and queue, each ok or not. 503 when the database is down, since
// nothing works without it; search and queue degrade.
import { sql } from 'drizzle-orm'
import { db } from '../../db/client.server.ts'
import { env } from '~/env.server.ts'

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

async function check(work: () => Promise<unknown>): Promise<'ok' | 'down'> {
  try {
    await within(2000, work())
    return 'ok'
  } catch {
    return 'down'
  }
}

export async function loader() {
  const { MEILISEARCH_URL } = env()
  const [database, search, queue] = await Promise.all([
    check(() => db().execute(sql`select 1`)),
    MEILISEARCH_URL
      ? check(async () => {
          const res = await fetch(`${MEILISEARCH_URL}/health`)
          if (!res.ok) throw new Error(String(res.status))
        })
      : Promise.resolve('down' as const),
    check(() => db().execute(sql`select 1 from pgboss.version`)),
  ])
  const body = { status: database === 'ok' ? 'ok' : 'down', database, search, queue }
  return Response.json(body, {
    status: database === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  })
}
