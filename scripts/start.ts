// `npm start`: on embedded defaults, start PostgreSQL and Meilisearch under DATA_DIR, migrate,
// seed once, build if there is no build, then run the web server and the worker process.
// With DATABASE_URL / MEILISEARCH_URL set, those are used and nothing embedded is started.
// SIGINT or SIGTERM stops everything in reverse order, leaving nothing behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseEnv, EnvError } from '../app/env.server.ts'
import {
  startEmbeddedPostgres,
  keepPostgresOnSignals,
  type RunningPostgres,
} from '../db/embedded.ts'
import { runMigrations } from '../db/migrate.ts'
import { startEmbeddedMeilisearch, type RunningMeilisearch } from '../search/embedded.ts'
import { ensureDatabase } from './lib/ensure-database.ts'
import { hasBuild, webArgs, workerArgs } from './lib/processes.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dev = process.argv.includes('--dev')

function say(message: string): void {
  process.stdout.write(`[zhongchuang] ${message}\n`)
}

async function main(): Promise<void> {
  let config
  try {
    config = parseEnv()
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(2)
    }
    throw error
  }
  const dataDir = path.resolve(config.DATA_DIR)
  fs.mkdirSync(dataDir, { recursive: true })
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir }
  const stops: (() => Promise<void>)[] = []
  const children: ChildProcess[] = []
  let stopping = false

  const stopAll = async (code: number) => {
    if (stopping) return
    stopping = true
    say('stopping…')
    await Promise.all(children.map((c) => stopChild(c)))
    for (const stop of stops.reverse())
      await stop().catch((e: unknown) => say(`stop failed: ${String(e)}`))
    say('stopped')
    process.exit(code)
  }
  // This script stops PostgreSQL itself, after the web process and the workers have finished
  // what they were doing with it.
  keepPostgresOnSignals()
  process.on('SIGINT', () => void stopAll(0))
  process.on('SIGTERM', () => void stopAll(0))

  try {
    let pg: RunningPostgres | undefined
    if (!config.DATABASE_URL) {
      say('starting embedded PostgreSQL…')
      const starting = startEmbeddedPostgres({ dataDir })
      // Registered before the start completes: a Ctrl-C during the first initdb still stops it.
      stops.push(async () => (await starting.catch(() => undefined))?.stop())
      pg = await starting
      await ensureDatabase(pg.url('postgres'), 'zhongchuang')
      childEnv.DATABASE_URL = pg.url('zhongchuang')
      childEnv.EMBEDDED = '1'
    }
    const databaseUrl = childEnv.DATABASE_URL ?? config.DATABASE_URL
    if (!databaseUrl) throw new Error('no database')

    let meili: RunningMeilisearch | null = null
    if (!config.MEILISEARCH_URL) {
      say('starting embedded Meilisearch…')
      meili = await startEmbeddedMeilisearch({ dataDir })
      if (meili) {
        const m = meili
        stops.push(() => m.stop())
        childEnv.MEILISEARCH_URL = m.url
        childEnv.MEILISEARCH_KEY = m.key
      } else {
        say(
          `no Meilisearch binary for ${process.platform}-${process.arch}: search will run degraded on ` +
            'PostgreSQL until MEILISEARCH_URL is set',
        )
      }
    }

    say('migrating…')
    await runMigrations(databaseUrl)

    const seed = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/db-seed.ts', '--if-empty'],
      {
        cwd: root,
        env: childEnv,
        stdio: ['ignore', 'pipe', 'inherit'],
        encoding: 'utf8',
      },
    )
    if (seed.status !== 0) throw new Error('seeding failed')
    const seedReport = seed.stdout.trim()

    if (!dev && !hasBuild(root)) {
      say('no build yet: building (once)…')
      const build = spawnSync('npm', ['run', 'build'], {
        cwd: root,
        stdio: 'inherit',
        env: process.env,
      })
      if (build.status !== 0) throw new Error('build failed')
    }

    const web = startChild('web', webArgs({ dev }), childEnv)
    const workers = startChild('workers', workerArgs(), childEnv)
    children.push(web, workers)
    for (const child of children) {
      child.on('exit', (code) => {
        if (!stopping) {
          say(`a child process exited (code ${code}); stopping`)
          void stopAll(1)
        }
      })
    }
    await waitForReady(web)
    const url = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`
    say(`ready: ${url}`)
    if (seedReport) process.stdout.write(`${seedReport}\n`)
    say('Ctrl-C stops everything.')
  } catch (error) {
    say(`start failed: ${error instanceof Error ? error.message : String(error)}`)
    await stopAll(1)
  }
}

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Its own process group: a terminal's Ctrl-C reaches only this script, which then stops
    // the children in order (web and workers before the services they use).
    detached: true,
  })
  child.on('error', (e) => say(`${name}: ${e.message}`))
  return child
}

function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown) => {
      if (typeof m === 'object' && m !== null && (m as { type?: string }).type === 'ready') {
        child.off('message', onMessage)
        resolve()
      }
    }
    child.on('message', onMessage)
    child.once('exit', (code) => reject(new Error(`web server exited (code ${code})`)))
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const timer = setTimeout(() => child.kill('SIGKILL'), 35_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

void main()
