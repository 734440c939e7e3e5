// Backup and restore of the embedded setup, on a PostgreSQL and DATA_DIR of this test's own (the
// shared test server is not touched): a backup taken while the server runs and is written to
// restores into a fresh folder with the same rows and the same upload bytes, and the workers'
// start rebuilds the search index from the restored database.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import * as schema from '../../db/schema/index.ts'
import { startEmbeddedPostgres, type RunningPostgres } from '../../db/embedded.ts'
import { runMigrations } from '../../db/migrate.ts'
import { ensureDatabase } from '../../scripts/lib/ensure-database.ts'
import { takeBackup, type BackupResult } from '../../scripts/lib/backup.ts'
import { restoreBackup, RestoreError, type RestoreResult } from '../../scripts/lib/restore.ts'
import { createOrg, createSpace, createUser } from '../factories/index.ts'
import { createListing } from '../factories/equipment.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const DATABASE = 'zhongchuang'

let dir: string
let source: RunningPostgres
let sourceSql: postgres.Sql
let backup: BackupResult
let restored: RestoreResult
let restoredPg: RunningPostgres | undefined
let restoredSql: postgres.Sql | undefined
const uploadBytes = crypto.randomBytes(300_000)
const uploadId = crypto.randomUUID()
const uploadKey = `${uploadId.slice(0, 2)}/${uploadId}`
const evidenceKey = crypto.randomBytes(32).toString('base64')
/** Users whose insert had committed before the backup began. */
const committedBefore: string[] = []
/** Every user the writer inserted (some after the backup's end). */
const written: string[] = []

/** Every table's rows as one checksum, in a fixed order (the rows' text, byte order). */
async function checksums(sql: postgres.Sql): Promise<Record<string, string>> {
  const tables = await sql<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`
  const sums: Record<string, string> = {}
  for (const t of tables) {
    const [row] = await sql<{ sum: string | null; n: string }[]>`
      select md5(coalesce(string_agg(x::text, E'\n' order by x::text collate "C"), '')) as sum,
             count(*)::text as n
      from ${sql(t.schema)}.${sql(t.name)} x`
    sums[`${t.schema}.${t.name}`] = `${row?.n ?? 0}:${row?.sum ?? ''}`
  }
  return sums
}

function startWorker(databaseUrl: string, index: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      APP_ENV: 'test',
      LOG_LEVEL: 'error',
      DATABASE_URL: databaseUrl,
      DATA_DIR: path.join(dir, `worker-${index}`),
      MEILISEARCH_URL: inject('meiliUrl'),
      MEILISEARCH_KEY: inject('meiliKey'),
      MEILISEARCH_INDEX: index,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

function stopWorker(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

async function indexedDocuments(index: string): Promise<number> {
  const res = await fetch(`${inject('meiliUrl')}/indexes/${index}/stats`, {
    headers: { Authorization: `Bearer ${inject('meiliKey')}` },
  })
  if (!res.ok) return 0
  return ((await res.json()) as { numberOfDocuments: number }).numberOfDocuments
}

/** Polls until `probe` is true (a process coming up), at most `ms`. */
async function until(probe: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await probe()) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`timed out waiting for ${what}`)
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-backup-'))
  fs.chmodSync(dir, 0o755)
  const sourceDir = path.join(dir, 'source')
  source = await startEmbeddedPostgres({ dataDir: sourceDir })
  await ensureDatabase(source.url('postgres'), DATABASE)
  await runMigrations(source.url(DATABASE))
  sourceSql = postgres(source.url(DATABASE), { max: 4, onnotice: () => {} })
  const tx = drizzle(sourceSql, { schema })

  // Rows of several kinds, public offerings among them, and one upload with its bytes.
  const owner = await createUser(tx, { name: '备份测试用户' })
  const operator = await createOrg(tx, { ownerId: owner.id })
  for (let i = 0; i < 3; i++) await createSpace(tx, { operatorOrgId: operator.id })
  for (let i = 0; i < 3; i++) await createListing(tx)
  await tx.insert(schema.uploads).values({
    id: uploadId,
    ownerUserId: owner.id,
    purpose: 'test-report',
    mime: 'application/pdf',
    ext: 'pdf',
    sizeBytes: uploadBytes.length,
    sha256: crypto.createHash('sha256').update(uploadBytes).digest('hex'),
    storageKey: uploadKey,
    originalName: '检测报告.pdf',
    createdAt: new Date(),
  })
  fs.mkdirSync(path.dirname(path.join(sourceDir, 'uploads', uploadKey)), { recursive: true })
  fs.writeFileSync(path.join(sourceDir, 'uploads', uploadKey), uploadBytes)
  fs.mkdirSync(path.join(sourceDir, 'keys'))
  fs.writeFileSync(path.join(sourceDir, 'keys', 'evidence.key'), evidenceKey)

  // As in a running deployment, the index holds every offering and the mirror says so.
  const sourceIndex = `offerings_backup_source_${process.pid}`
  const worker = startWorker(source.url(DATABASE), sourceIndex)
  try {
    await until(
      async () => {
        const [row] = await sourceSql<{ all: number; confirmed: number }[]>`
          select count(*)::int as all, count(indexed_version)::int as confirmed
          from search_documents`
        return (row?.all ?? 0) >= 6 && row?.all === row?.confirmed
      },
      90_000,
      'the source index to confirm every document',
    )
  } finally {
    await stopWorker(worker)
  }

  // The backup is taken while a writer keeps inserting users.
  let writing = true
  const writer = (async () => {
    while (writing) {
      const email = `writer-${written.length}-${process.pid}@example.test`
      await createUser(tx, { email })
      written.push(email)
      // New WAL segments while the copy runs: the backup must carry the whole range from its
      // start to its stop, not just the segment it began in.
      if (written.length % 5 === 0) await sourceSql`select pg_switch_wal()`
    }
  })()
  await until(async () => written.length >= 20, 30_000, 'the writer to start')
  committedBefore.push(...written)
  backup = await takeBackup({ dataDir: sourceDir, parentDir: path.join(dir, 'backups') })
  await until(async () => written.length >= committedBefore.length + 20, 30_000, 'more writes')
  writing = false
  await writer

  restored = await restoreBackup({
    from: backup.dir,
    dataDir: path.join(dir, 'restored'),
    database: DATABASE,
  })
  restoredPg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'restored') })
  restoredSql = postgres(restoredPg.url(DATABASE), { max: 2, onnotice: () => {} })
}, 300_000)

afterAll(async () => {
  await restoredSql?.end({ timeout: 5 })
  await restoredPg?.stop()
  await sourceSql?.end({ timeout: 5 })
  await source?.stop()
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

describe('backup of the embedded setup, taken online under writes', () => {
  it('was copied from the running server and lists its files with checksums', () => {
    expect(backup.manifest.postgres.mode).toBe('online')
    expect(backup.manifest.counts.uploads).toBe(1)
    expect(backup.manifest.counts.walSegments).toBeGreaterThan(1)
    expect(path.basename(backup.dir)).toMatch(/^zhongchuang-\d{4}-\d\d-\d\dT/)
    const label = backup.manifest.files.find((f) => f.path === 'postgres/backup_label')
    expect(label?.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(backup.manifest.files.some((f) => f.path === 'postgres/postmaster.pid')).toBe(false)
    expect(fs.existsSync(path.join(backup.dir, 'meilisearch'))).toBe(false)
  })

  it('restores every table not written meanwhile with the same rows and checksums', async () => {
    const sql = restoredSql
    if (!sql) throw new Error('restored server not running')
    const before = await checksums(sourceSql)
    const after = await checksums(sql)
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort())
    // users was written during the backup; search_documents' confirmations are reset below.
    const untouched = Object.keys(before).filter(
      (t) => t !== 'public.users' && t !== 'public.search_documents',
    )
    expect(untouched.length).toBeGreaterThan(50)
    for (const table of untouched) expect([table, after[table]]).toEqual([table, before[table]])
    // The counts the restore reported are the restored database's.
    for (const table of untouched)
      expect(String(restored.tables[table])).toBe(before[table]?.split(':')[0])
  })

  it('restores the table being written as a consistent state: every committed row, no torn rows', async () => {
    const sql = restoredSql
    if (!sql) throw new Error('restored server not running')
    const emails = (
      await sql<{ email: string }[]>`select email from users where email like 'writer-%'`
    ).map((r) => r.email)
    const restoredSet = new Set(emails)
    for (const email of committedBefore) expect(restoredSet.has(email)).toBe(true)
    // What the restore holds is a prefix of what was written, in order.
    expect(written.slice(0, emails.length).sort()).toEqual([...emails].sort())
    expect(emails.length).toBeLessThan(written.length)
    // The restored rows are byte for byte the source's rows.
    const sum = async (s: postgres.Sql) => {
      const [row] = await s<{ sum: string }[]>`
        select md5(string_agg(u::text, E'\n' order by u.id)) as sum from users u
        where u.email in ${s(emails)}`
      return row?.sum
    }
    expect(await sum(sql)).toBe(await sum(sourceSql))
  })

  it('restores the upload bytes and the evidence key unchanged', () => {
    const placed = path.join(dir, 'restored')
    expect(fs.readFileSync(path.join(placed, 'uploads', uploadKey)).equals(uploadBytes)).toBe(true)
    expect(fs.readFileSync(path.join(placed, 'keys', 'evidence.key'), 'utf8')).toBe(evidenceKey)
    expect(fs.existsSync(path.join(placed, 'meilisearch'))).toBe(false)
  })

  it('rebuilds the search index from the restored database when the workers start', async () => {
    const sql = restoredSql
    const pg = restoredPg
    if (!sql || !pg) throw new Error('restored server not running')
    const [mirror] = await sql<{ all: number; confirmed: number }[]>`
      select count(*)::int as all, count(indexed_version)::int as confirmed from search_documents`
    expect(mirror?.all).toBeGreaterThanOrEqual(6)
    expect(mirror?.confirmed).toBe(0)
    expect(restored.searchDocumentsOwed).toBe(mirror?.all)

    const index = `offerings_backup_restored_${process.pid}`
    const worker = startWorker(pg.url(DATABASE), index)
    try {
      await until(
        async () => (await indexedDocuments(index)) === mirror?.all,
        90_000,
        'the restored index to hold every document',
      )
    } finally {
      await stopWorker(worker)
    }
    expect(await indexedDocuments(index)).toBe(mirror?.all)
  }, 150_000)
})

describe('backup of the embedded setup while nothing runs', () => {
  it('starts PostgreSQL for the copy, stops it again, and the copy restores the same rows', async () => {
    const sql = restoredSql
    if (!sql) throw new Error('restored server not running')
    const before = await checksums(sql)
    // The restored folder, its server stopped: as after Ctrl-C on `npm start`.
    await restoredSql?.end({ timeout: 5 })
    await restoredPg?.stop()
    restoredSql = undefined
    restoredPg = undefined
    const stopped = path.join(dir, 'restored')
    expect(fs.existsSync(path.join(stopped, 'postgres', 'postmaster.pid'))).toBe(false)
    const cold = await takeBackup({ dataDir: stopped, parentDir: path.join(dir, 'backups-cold') })
    expect(cold.manifest.postgres.mode).toBe('started')
    expect(fs.existsSync(path.join(stopped, 'postgres', 'postmaster.pid'))).toBe(false)
    const again = await restoreBackup({
      from: cold.dir,
      dataDir: path.join(dir, 'restored-again'),
      database: DATABASE,
    })
    for (const [table, sum] of Object.entries(before))
      expect([table, again.tables[table]]).toEqual([table, Number(sum.split(':')[0])])
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'restored-again') })
    const againSql = postgres(pg.url(DATABASE), { max: 1, onnotice: () => {} })
    try {
      const after = await checksums(againSql)
      // The restore forgot what Meilisearch confirmed, on purpose; everything else is equal.
      delete before['public.search_documents']
      delete after['public.search_documents']
      expect(after).toEqual(before)
    } finally {
      await againSql.end({ timeout: 5 })
      await pg.stop()
    }
    expect(
      fs.readFileSync(path.join(dir, 'restored-again', 'uploads', uploadKey)).equals(uploadBytes),
    ).toBe(true)
  }, 150_000)
})

describe('restore refuses what it must not do', () => {
  it('refuses a DATA_DIR that is not empty and leaves it as it was', async () => {
    const busy = path.join(dir, 'busy')
    fs.mkdirSync(busy)
    fs.writeFileSync(path.join(busy, 'keep.txt'), 'mine')
    const refused = await restoreBackup({ from: backup.dir, dataDir: busy }).catch(
      (e: unknown) => e,
    )
    expect(refused).toBeInstanceOf(RestoreError)
    expect(String((refused as Error).message)).toContain('is not empty')
    expect(fs.readdirSync(busy)).toEqual(['keep.txt'])
  })

  it('says so on the command line, with exit code 2', () => {
    const busy = path.join(dir, 'busy-cli')
    fs.mkdirSync(busy)
    fs.writeFileSync(path.join(busy, 'keep.txt'), 'mine')
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/restore.ts', '--from', backup.dir, '--data-dir', busy],
      {
        cwd: root,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test' },
      },
    )
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(`${busy} is not empty`)
  })

  it('finds a damaged file before placing anything', async () => {
    // A copy of the backup with one byte of the upload changed on disk.
    const copy = path.join(dir, 'damaged-backup')
    fs.cpSync(backup.dir, copy, { recursive: true })
    const file = path.join(copy, 'uploads', uploadKey)
    const bytes = fs.readFileSync(file)
    bytes[0] = (bytes[0] ?? 0) ^ 0xff
    fs.writeFileSync(file, bytes)
    const target = path.join(dir, 'restore-of-damaged')
    const damaged = await restoreBackup({ from: copy, dataDir: target }).catch((e: unknown) => e)
    expect(damaged).toBeInstanceOf(RestoreError)
    expect(String((damaged as Error).message)).toContain(
      `uploads/${uploadKey} has another checksum`,
    )
    expect(fs.existsSync(target)).toBe(false)
    expect(fs.existsSync(`${target}.restoring`)).toBe(false)
  }, 60_000)
})
