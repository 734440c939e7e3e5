// A consistent physical backup of the embedded setup: PostgreSQL's data folder copied between
// pg_backup_start and pg_backup_stop (non-exclusive, one session) with the WAL that brings the
// copy to a consistent state, then the uploads and the generated keys. See docs/decisions/0022.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'
import { now } from '../../app/clock.server.ts'
import { embeddedUrl, startEmbeddedPostgres } from '../../db/embedded.ts'
import {
  BACKUP_FORMAT,
  CARRIED,
  copyFile,
  copyTree,
  runningPostmaster,
  toManifestPath,
  type Manifest,
  type ManifestFile,
} from './backup-files.ts'

export class BackupError extends Error {}

// Not copied, as the PostgreSQL documentation lists for a base backup: the server's own run
// files, and folders whose contents are rebuilt at start (the folders themselves must exist).
const SKIPPED_FILES = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'backup_label',
  'backup_label.old',
  'tablespace_map',
  'backup_manifest',
])
const EMPTIED_FOLDERS = new Set([
  'pg_wal',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
  'pg_replslot',
])

function skipInDataFolder(relative: string, isDirectory: boolean): 'file' | 'contents' | null {
  const name = relative.slice(relative.lastIndexOf('/') + 1)
  if (name.startsWith('pgsql_tmp') || name === 'pg_internal.init') return 'file'
  if (!relative.includes('/')) {
    if (isDirectory && EMPTIED_FOLDERS.has(name)) return 'contents'
    if (!isDirectory && (SKIPPED_FILES.has(name) || name.startsWith('.s.PGSQL.'))) return 'file'
  }
  return null
}

const WAL_SEGMENT = /^[0-9A-F]{24}$/

export type BackupResult = { dir: string; manifest: Manifest }

/**
 * Backs up `dataDir` into a new folder under `parentDir` named for the time. Works while
 * `npm start` runs (the copy is taken from its server) and when nothing runs (a server is
 * started on the folder for the copy and stopped again).
 */
export async function takeBackup(options: {
  dataDir: string
  parentDir: string
  log?: (line: string) => void
}): Promise<BackupResult> {
  const log = options.log ?? (() => {})
  const dataDir = path.resolve(options.dataDir)
  const postgresDir = path.join(dataDir, CARRIED.postgres)
  if (!fs.existsSync(path.join(postgresDir, 'PG_VERSION')))
    throw new BackupError(
      `no embedded PostgreSQL data in ${postgresDir}: nothing to back up ` +
        '(an external DATABASE_URL is backed up by its managed service)',
    )
  const createdAt = now()
  const name = `zhongchuang-${createdAt.toISOString().replace(/[:.]/g, '-')}`
  const finalDir = path.join(path.resolve(options.parentDir), name)
  const workDir = `${finalDir}.partial`
  if (fs.existsSync(finalDir)) throw new BackupError(`${finalDir} exists already`)
  fs.mkdirSync(workDir, { recursive: true, mode: 0o700 })

  let started: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null
  try {
    const running = runningPostmaster(postgresDir)
    let port: number
    if (running) {
      log(`copying from the running PostgreSQL (pid ${running.pid}, port ${running.port})`)
      port = running.port
    } else {
      // Nothing runs: starting the server (rather than copying the stopped folder) also
      // finishes a recovery the folder may owe, and keeps one tested path for both cases.
      log('PostgreSQL is not running: starting it for the copy')
      started = await startEmbeddedPostgres({ dataDir })
      port = started.port
    }
    const files: ManifestFile[] = []
    const directories: string[] = []
    const postgresPart = await copyDataFolder({
      url: embeddedUrl(port, 'postgres'),
      postgresDir,
      into: path.join(workDir, CARRIED.postgres),
      files,
      directories,
      log,
    })
    // After pg_backup_stop: every upload a restored row can name was written before its row
    // committed, so it is on disk by now (files are only ever added or removed, never changed).
    for (const part of [CARRIED.uploads, CARRIED.keys]) {
      await copyTree({
        from: path.join(dataDir, part),
        to: path.join(workDir, part),
        prefix: part,
        files,
        directories,
      })
    }
    const uploads = files.filter((f) => f.path.startsWith(`${CARRIED.uploads}/`)).length
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      createdAt: createdAt.toISOString(),
      postgres: { ...postgresPart, mode: running ? 'online' : 'started' },
      counts: {
        files: files.length,
        bytes: files.reduce((sum, f) => sum + f.bytes, 0),
        walSegments: files.filter((f) => f.path.startsWith(`${CARRIED.postgres}/pg_wal/`)).length,
        uploads,
      },
      directories,
      files,
    }
    fs.writeFileSync(
      path.join(workDir, 'manifest.json'),
      `${JSON.stringify(manifest, null, 2)}\n`,
      {
        mode: 0o600,
      },
    )
    // Only a finished backup carries its final name.
    fs.renameSync(workDir, finalDir)
    return { dir: finalDir, manifest }
  } catch (error) {
    fs.rmSync(workDir, { recursive: true, force: true })
    throw error
  } finally {
    if (started) await started.stop()
  }
}

async function copyDataFolder(options: {
  url: string
  postgresDir: string
  into: string
  files: ManifestFile[]
  directories: string[]
  log: (line: string) => void
}): Promise<Omit<Manifest['postgres'], 'mode'>> {
  const sql = postgres(options.url, { max: 1, onnotice: () => {}, connect_timeout: 10 })
  // pg_backup_start and pg_backup_stop must run in one session; a session that ends between
  // them (this process dies) aborts the backup on the server by itself.
  const session = await sql.reserve()
  try {
    const [settings] = await session<{ version: string; walLevel: string }[]>`
      select current_setting('server_version') as version, current_setting('wal_level') as "walLevel"`
    if (!settings || settings.walLevel === 'minimal')
      throw new BackupError('wal_level is minimal: PostgreSQL cannot take an online backup')
    // A temporary slot holds every WAL segment from here on until this session ends, so no
    // checkpoint during the copy can recycle a segment the restored copy needs.
    await session`select pg_create_physical_replication_slot(${`zc_backup_${process.pid}`}, true, true)`
    const [start] = await session<{ lsn: string }[]>`
      select pg_backup_start(${`zhongchuang ${now().toISOString()}`}, true)::text as lsn`
    options.log(`backup started at WAL ${start?.lsn ?? '?'}`)
    await copyTree({
      from: options.postgresDir,
      to: options.into,
      prefix: CARRIED.postgres,
      skip: skipInDataFolder,
      files: options.files,
      directories: options.directories,
    })
    const [stop] = await session<{ lsn: string; labelfile: string; spcmapfile: string | null }[]>`
      select lsn::text as lsn, labelfile, spcmapfile from pg_backup_stop(false)`
    if (!stop) throw new BackupError('pg_backup_stop returned nothing')
    if (stop.spcmapfile?.trim())
      throw new BackupError('tablespaces outside the data folder are not backed up by this script')
    const [last] = await session<{ file: string }[]>`
      select pg_walfile_name(${stop.lsn}::pg_lsn) as file`
    const startWalFile = /\(file ([0-9A-F]{24})\)/.exec(stop.labelfile)?.[1]
    if (!startWalFile || !last) throw new BackupError('cannot read the backup label')

    // The label tells recovery where to begin; the WAL from the start segment to the stop
    // segment (which pg_backup_stop has just completed) brings the copy to consistency.
    const label = writeFile(options.into, 'backup_label', stop.labelfile)
    options.files.push(label)
    const walDir = path.join(options.postgresDir, 'pg_wal')
    for (const folder of ['archive_status', 'summaries']) {
      fs.mkdirSync(path.join(options.into, 'pg_wal', folder), { recursive: true, mode: 0o700 })
      options.directories.push(`${CARRIED.postgres}/pg_wal/${folder}`)
    }
    const segments = fs
      .readdirSync(walDir)
      .filter(
        (f) =>
          (WAL_SEGMENT.test(f) && f >= startWalFile && f <= last.file) || f.endsWith('.history'),
      )
      .sort()
    if (!segments.includes(startWalFile) || !segments.includes(last.file))
      throw new BackupError(`WAL ${startWalFile}…${last.file} is not all in ${walDir}`)
    for (const segment of segments) {
      const copied = await copyFile(path.join(walDir, segment), {
        target: path.join(options.into, 'pg_wal', segment),
        manifestPath: toManifestPath(path.join(CARRIED.postgres, 'pg_wal', segment)),
      })
      if (!copied) throw new BackupError(`WAL segment ${segment} vanished during the backup`)
      options.files.push(copied)
    }
    options.log(`backup stopped at WAL ${stop.lsn}; ${segments.length} WAL segment(s) copied`)
    return {
      version: settings.version,
      startLsn: start?.lsn ?? '',
      stopLsn: stop.lsn,
      startWalFile,
    }
  } finally {
    session.release()
    await sql.end({ timeout: 5 })
  }
}

function writeFile(dir: string, name: string, text: string): ManifestFile {
  const bytes = Buffer.from(text, 'utf8')
  fs.writeFileSync(path.join(dir, name), bytes, { mode: 0o600 })
  return {
    path: `${CARRIED.postgres}/${name}`,
    bytes: bytes.length,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
  }
}
