// What a backup of the embedded setup holds and how its files are copied and checked: the
// manifest format shared by `npm run backup` and `npm run restore`. See docs/decisions/0022.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

export const BACKUP_FORMAT = 'zhongchuang-backup/1'

/**
 * The parts of DATA_DIR a backup carries. Meilisearch's folder is left out on purpose: the
 * index is derived from PostgreSQL and rebuilt after a restore. The development mailbox is
 * left out too (test mail, not data).
 */
export const CARRIED = {
  postgres: 'postgres',
  uploads: 'uploads',
  // The generated evidence key: without it, encrypted investor evidence cannot be read.
  keys: 'keys',
} as const

export const ManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.string(),
  postgres: z.object({
    version: z.string(),
    /** 'online': copied from the running server; 'started': started for the copy, then stopped. */
    mode: z.enum(['online', 'started']),
    startLsn: z.string(),
    stopLsn: z.string(),
    startWalFile: z.string(),
  }),
  counts: z.object({
    files: z.number().int(),
    bytes: z.number().int(),
    walSegments: z.number().int(),
    uploads: z.number().int(),
  }),
  directories: z.array(z.string()),
  files: z.array(z.object({ path: z.string(), bytes: z.number().int(), sha256: z.string() })),
})
export type Manifest = z.infer<typeof ManifestSchema>
export type ManifestFile = Manifest['files'][number]

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256')
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Manifest paths always use '/', whatever the platform. */
export const toManifestPath = (relative: string) => relative.split(path.sep).join('/')

/**
 * Copies the regular files and folders of `from` into `to`, recording each file with its
 * checksum. `skip` decides per relative path: 'file' leaves one entry out, 'contents' keeps a
 * folder but none of what is inside. Entries that vanish while the copy runs (a running server
 * drops and renames files) are left out: WAL replay brings them back as they were.
 */
export async function copyTree(options: {
  from: string
  to: string
  prefix: string
  skip?: (relative: string, isDirectory: boolean) => 'file' | 'contents' | null
  files: ManifestFile[]
  directories: string[]
}): Promise<void> {
  const walk = async (relative: string): Promise<void> => {
    const source = path.join(options.from, relative)
    const target = path.join(options.to, relative)
    let entries: fs.Dirent[]
    try {
      entries = await fs.promises.readdir(source, { withFileTypes: true })
    } catch (error) {
      if (isGone(error)) return
      throw error
    }
    await fs.promises.mkdir(target, { recursive: true, mode: 0o700 })
    options.directories.push(toManifestPath(path.join(options.prefix, relative)))
    for (const entry of entries) {
      const child = path.join(relative, entry.name)
      const isDirectory = entry.isDirectory()
      // Sockets, pipes and links are not data (the server's socket lives in its folder).
      if (!isDirectory && !entry.isFile()) continue
      const rule = options.skip?.(toManifestPath(child), isDirectory) ?? null
      if (rule === 'file') continue
      if (isDirectory) {
        if (rule === 'contents') {
          await fs.promises.mkdir(path.join(options.to, child), { recursive: true, mode: 0o700 })
          options.directories.push(toManifestPath(path.join(options.prefix, child)))
        } else await walk(child)
        continue
      }
      const copied = await copyFile(path.join(source, entry.name), {
        target: path.join(options.to, child),
        manifestPath: toManifestPath(path.join(options.prefix, child)),
      })
      if (copied) options.files.push(copied)
    }
  }
  if (!fs.existsSync(options.from)) return
  await walk('')
}

/** One file into the backup, with its size and checksum as copied; null when it is gone. */
export async function copyFile(
  source: string,
  to: { target: string; manifestPath: string },
): Promise<ManifestFile | null> {
  try {
    await fs.promises.mkdir(path.dirname(to.target), { recursive: true, mode: 0o700 })
    await fs.promises.copyFile(source, to.target)
  } catch (error) {
    if (isGone(error)) return null
    throw error
  }
  await fs.promises.chmod(to.target, 0o600)
  const stat = await fs.promises.stat(to.target)
  return { path: to.manifestPath, bytes: stat.size, sha256: await sha256File(to.target) }
}

function isGone(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT'
}

/** The postmaster of an embedded data folder, when one is running: its pid and port. */
export function runningPostmaster(postgresDir: string): { pid: number; port: number } | null {
  let lines: string[]
  try {
    lines = fs.readFileSync(path.join(postgresDir, 'postmaster.pid'), 'utf8').split('\n')
  } catch {
    return null
  }
  const pid = Number(lines[0])
  const port = Number(lines[3])
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: alive, owned by another user (the postgres user when started as root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null
  }
  return { pid, port }
}
