// Each test worker gets its own database, cloned from the migrated template, so workers never
// see each other's rows. Environment is set before any product module reads it.
import { afterAll, inject } from 'vitest'
import { ensureDatabase } from '../../scripts/lib/ensure-database.ts'

const name = `zc_test_${process.env.VITEST_POOL_ID ?? '0'}_${process.pid}`
await ensureDatabase(inject('pgAdminUrl'), name, 'zc_template')
process.env.DATABASE_URL = `${inject('pgUrlPrefix')}${name}`
process.env.DATA_DIR = `${inject('dataDir')}/${name}`
if (inject('meiliUrl')) {
  process.env.MEILISEARCH_URL = inject('meiliUrl')
  process.env.MEILISEARCH_KEY = inject('meiliKey')
  // One Meilisearch for the run, an index of its own for each worker.
  process.env.MEILISEARCH_INDEX = `offerings_${name}`
}

afterAll(async () => {
  const { closeDb } = await import('../../db/client.server.ts')
  const { stopBoss } = await import('../../app/domains/jobs/boss.server.ts')
  await stopBoss({ graceful: false, timeout: 1000 }).catch(() => {})
  await closeDb()
})
