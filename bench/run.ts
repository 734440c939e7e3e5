// `npm run bench`: how fast factories seed users (the reason they share one precomputed
// password hash). Starts its own embedded PostgreSQL; writes bench/results/seed.json.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { startEmbeddedPostgres } from '../db/embedded.ts'
import { runMigrations } from '../db/migrate.ts'
import * as schema from '../db/schema/index.ts'
import { ensureDatabase } from '../scripts/lib/ensure-database.ts'
import { createUser } from '../test/factories/index.ts'

const USERS = Number(process.env.BENCH_USERS ?? 5000)

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-bench-'))
  fs.chmodSync(dir, 0o755)
  const pg = await startEmbeddedPostgres({ dataDir: dir })
  try {
    await ensureDatabase(pg.url('postgres'), 'bench')
    await runMigrations(pg.url('bench'))
    const client = postgres(pg.url('bench'), { max: 4, onnotice: () => {} })
    const db = drizzle(client, { schema })
    const started = performance.now()
    await db.transaction(async (tx) => {
      for (let i = 0; i < USERS; i++)
        await createUser(tx, { email: `bench${i}@example.test`, name: `用户${i}` })
    })
    const seconds = (performance.now() - started) / 1000
    await client.end()
    const result = {
      metrics: {
        users: USERS,
        seconds: Number(seconds.toFixed(2)),
        users_per_second: Math.round(USERS / seconds),
      },
      cpus: os.cpus().length,
      note: 'PostgreSQL and the bench share the machine',
    }
    fs.mkdirSync('bench/results', { recursive: true })
    fs.writeFileSync('bench/results/seed.json', JSON.stringify(result, null, 2))
    process.stdout.write(`${JSON.stringify(result)}\n`)
  } finally {
    await pg.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

void main()
