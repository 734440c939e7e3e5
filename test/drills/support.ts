// What the drills share: the product's real processes started as `npm start` starts them
// (scripts/lib/processes.ts: the compiled web process, the workers under tsx; an IPC channel for
// "ready"), a mail server the test holds mid-delivery, and
// polling. Every process a drill starts is stopped in its afterAll/afterEach.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'
import { hasBuild, webArgs, workerArgs } from '../../scripts/lib/processes.ts'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Polls `check` until it returns something truthy; fails with `what` when it never does. */
export async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value) return value
    } catch (error) {
      last = error
    }
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}

export type Proc = {
  child: ChildProcess
  /** Everything it printed so far (stdout and stderr). */
  output: () => string
  /** Resolves with the exit code (or the signal's name) once it has exited. */
  exited: Promise<number | string>
  ready: Promise<void>
}

/** Starts `server.ts` or `workers/main.ts` as `npm start` does, with the given environment. */
export function startProcess(script: string, env: Record<string, string>): Proc {
  const args = script === 'server.ts' ? webArgs() : workerArgs()
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      NODE_ENV: 'production',
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  let out = ''
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()))
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()))
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  )
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (m) => {
      if ((m as { type?: string } | null)?.type === 'ready') resolve()
    })
    void exited.then((code) =>
      reject(new Error(`${script} exited (${code}) before it was ready:\n${out.slice(-3000)}`)),
    )
  })
  ready.catch(() => {})
  return { child, output: () => out, exited, ready }
}

/** Stops a process the drill started, if it still runs. */
export async function stopProcess(proc: Proc | undefined): Promise<void> {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return
  proc.child.kill('SIGKILL')
  await proc.exited
}

/**
 * The web process serves the production build. On a fresh clone `npm test` runs vitest before
 * anything was built, so the first drill that needs it builds it once (as `npm start` does);
 * drills in other test workers wait for that build instead of starting their own.
 */
export async function ensureBuild(): Promise<void> {
  const built = () => hasBuild(root)
  if (built()) return
  const lock = path.join(
    os.tmpdir(),
    `zc-drill-build-${Buffer.from(root).toString('hex').slice(-40)}`,
  )
  try {
    fs.mkdirSync(lock)
  } catch {
    await waitFor(
      'the build another drill started',
      () => !fs.existsSync(lock) && built(),
      600_000,
      1000,
    )
    return
  }
  try {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
    if (build.status !== 0) throw new Error('the production build failed')
  } finally {
    fs.rmSync(lock, { recursive: true, force: true })
  }
}

/** The environment every process of a drill gets. */
export function baseEnv(input: { databaseUrl: string; dataDir: string }): Record<string, string> {
  return {
    NODE_ENV: 'production',
    APP_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    DATABASE_URL: input.databaseUrl,
    DATA_DIR: input.dataDir,
  }
}

/** Rows of pg-boss's job table for one queue, as the admin jobs page reads them. */
export async function jobStates(
  databaseUrl: string,
  queue: string,
): Promise<{ id: string; state: string; retryCount: number }[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  try {
    const rows = await sql<{ id: string; state: string; retry_count: number }[]>`
      select id, state, retry_count from pgboss.job where name = ${queue} order by created_on`
    return rows.map((r) => ({ id: r.id, state: r.state, retryCount: r.retry_count }))
  } finally {
    await sql.end({ timeout: 1 })
  }
}

export type HeldMail = { to: string; data: string }

/**
 * A small SMTP server. A message counts as delivered only when the server answers 250 to its
 * DATA, as for any mail server; while `hold` is on, that answer waits, so the sending worker
 * sits in the middle of its job for as long as the test wants. A sender that disconnects before
 * the answer delivered nothing.
 */
export async function startMailServer(port = 0) {
  const delivered: HeldMail[] = []
  const waiting: { mail: HeldMail; accept: () => void; socket: net.Socket }[] = []
  let hold = false
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => {
      sockets.delete(socket)
      // The sender went away before the 250: nothing was delivered.
      for (let i = waiting.length - 1; i >= 0; i--)
        if (waiting[i]?.socket === socket) waiting.splice(i, 1)
    })
    socket.on('error', () => {})
    socket.setEncoding('utf8')
    let buffer = ''
    let inData = false
    let data = ''
    let to = ''
    socket.write('220 drill.local ESMTP\r\n')
    socket.on('data', (chunk: string) => {
      buffer += chunk
      for (;;) {
        const end = buffer.indexOf('\r\n')
        if (end < 0) return
        const line = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (inData) {
          if (line === '.') {
            inData = false
            const mail = { to, data }
            const accept = () => {
              delivered.push(mail)
              socket.write('250 OK queued\r\n')
            }
            if (hold) waiting.push({ mail, accept, socket })
            else accept()
          } else data += `${line}\n`
          continue
        }
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 drill.local\r\n')
        else if (verb === 'MAIL') {
          data = ''
          to = ''
          socket.write('250 OK\r\n')
        } else if (verb === 'RCPT') {
          to = /<([^>]*)>/.exec(line)?.[1] ?? ''
          socket.write('250 OK\r\n')
        } else if (verb === 'DATA') {
          inData = true
          socket.write('354 go ahead\r\n')
        } else if (verb === 'QUIT') {
          socket.end('221 bye\r\n')
        } else if (verb === 'RSET' || verb === 'NOOP') socket.write('250 OK\r\n')
        else socket.write('502 not implemented\r\n')
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.address() as net.AddressInfo
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    delivered,
    /** Mails received and not yet answered. */
    held: () => waiting.map((w) => w.mail),
    setHold(on: boolean) {
      hold = on
      if (!on) for (const w of waiting.splice(0)) w.accept()
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
