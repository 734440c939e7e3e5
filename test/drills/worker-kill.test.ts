// Drill: a worker process is killed (SIGKILL, no chance to clean up) in the middle of a job, a
// new worker starts, and the job's effect — an e-mail accepted by the mail server — happens
// exactly once. The job is held mid-delivery by the mail server itself (it has the message but
// has not answered yet), so no test hook is needed in the product.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PgBoss } from 'pg-boss'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { messageSend } from '../../workers/jobs/message-send.ts'
import {
  baseEnv,
  jobStates,
  startMailServer,
  startProcess,
  stopProcess,
  waitFor,
  type Proc,
} from './support.ts'

const databaseUrl = process.env.DATABASE_URL ?? ''
let dataDir: string
let mail: Awaited<ReturnType<typeof startMailServer>>
let boss: PgBoss
const workers: Proc[] = []

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-drill-worker-'))
  mail = await startMailServer()
  // This process supervises the queues every second (any pg-boss instance may): the product's
  // worker does it every minute, which would only make the drill wait.
  boss = new PgBoss({
    connectionString: databaseUrl,
    schema: 'pgboss',
    monitorIntervalSeconds: 1,
    superviseIntervalSeconds: 1,
    schedule: false,
    migrate: false,
    max: 2,
  })
  boss.on('error', () => {})
  await boss.start()
})

afterAll(async () => {
  for (const w of workers) await stopProcess(w)
  await boss?.stop({ graceful: false, timeout: 1000 })
  await mail?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

function startWorker(): Proc {
  const worker = startProcess('workers/main.ts', {
    ...baseEnv({ databaseUrl, dataDir }),
    SMTP_URL: mail.url,
  })
  workers.push(worker)
  return worker
}

it('delivers a mail exactly once when its worker is killed mid-delivery and another takes over', async () => {
  const first = startWorker()
  await first.ready
  // After the worker installed the queues (which sets the product's 30 s heartbeat and 5 s
  // retry delay): the smallest heartbeat pg-boss allows and a short delay, so the drill does
  // not wait. A job takes its queue's settings when it is sent.
  await boss.updateQueue(messageSend.id, { heartbeatSeconds: 10, retryDelay: 1 })
  mail.setHold(true)
  const to = 'kill-drill@example.cn'
  const id = await boss.send(messageSend.id, {
    channel: 'email',
    to,
    subject: '验证码',
    text: '您的验证码是 424242。',
  })
  expect(id).toBeTruthy()

  // The mail server has the message and keeps the worker waiting for its answer.
  await waitFor('the worker to be mid-delivery', () => mail.held().length === 1)
  const active = await jobStates(databaseUrl, messageSend.id)
  expect(active.find((j) => j.id === id)?.state).toBe('active')

  first.child.kill('SIGKILL')
  expect(await first.exited).toBe('SIGKILL')
  // Killed before the server's answer: nothing was delivered, and the job is still marked
  // active by a worker that no longer exists.
  await waitFor('the dropped connection', () => mail.held().length === 0)
  expect(mail.delivered).toHaveLength(0)
  mail.setHold(false)

  const second = startWorker()
  await second.ready
  // The dead worker's heartbeat goes stale, supervision fails the job into a retry, and the
  // new worker delivers it.
  const done = await waitFor(
    'the job to complete on the new worker',
    async () =>
      (await jobStates(databaseUrl, messageSend.id)).find(
        (j) => j.id === id && j.state === 'completed',
      ),
    60_000,
    250,
  )
  expect(done.retryCount).toBe(1)
  expect(mail.delivered.filter((m) => m.to === to)).toHaveLength(1)
  expect(mail.delivered[0]?.data).toContain('Subject:')
}, 90_000)
