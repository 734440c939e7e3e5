// Starts one embedded PostgreSQL and one Meilisearch for the whole run, migrates a template
// database, and hands their addresses to the test workers.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgres } from '../../db/embedded.ts'
import { runMigrations } from '../../db/migrate.ts'
import { startEmbeddedMeilisearch } from '../../search/embedded.ts'
import { ensureDatabase } from '../../scripts/lib/ensure-database.ts'
import { createBoss, installQueues } from '../../app/domains/jobs/boss.server.ts'
import { jobs } from '../../workers/jobs/index.ts'

export const TEMPLATE_DB = 'zc_template'

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-test-'))
  fs.chmodSync(dir, 0o755)
  const pg = await startEmbeddedPostgres({ dataDir: dir })
  await ensureDatabase(pg.url('postgres'), TEMPLATE_DB)
  await runMigrations(pg.url(TEMPLATE_DB))
  // The job queues belong to the schema too: install them once in the template.
  const boss = createBoss(pg.url(TEMPLATE_DB))
  await installQueues(jobs, boss)
  await boss.stop({ graceful: false, timeout: 1000 })
  const meili = await startEmbeddedMeilisearch({ dataDir: dir })
  project.provide('pgAdminUrl', pg.url('postgres'))
  project.provide('pgUrlPrefix', pg.url(''))
  project.provide('dataDir', dir)
  project.provide('meiliUrl', meili?.url ?? '')
  project.provide('meiliKey', meili?.key ?? '')
  return async () => {
    await meili?.stop()
    await pg.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string
    pgUrlPrefix: string
    dataDir: string
    meiliUrl: string
    meiliKey: string
  }
}
