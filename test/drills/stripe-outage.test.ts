// Drill: Stripe answers 500 while a payer starts paying, through the real web process. The SDK
// retries with the same idempotency key; when its retries run out the payer gets the "briefly
// unavailable, try again" page (503), nothing is created twice, and the same button works once
// Stripe answers again; the payment is then collected exactly once. (Timeouts, where Stripe did
// the work but the answer never came, are drilled at the domain level in
// test/integration/stripe-payments.test.ts: "makes exactly one PaymentIntent …".)
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { resetEnv } from '../../app/env.server.ts'
import { db } from '../../db/client.server.ts'
import { payments, stripeAccounts } from '../../db/schema/index.ts'
import { freePort } from '../../scripts/lib/free-port.ts'
import { createOrg, createUser } from '../factories/index.ts'
import { createTestPayment } from '../factories/payments.ts'
import { type StripeTestServer, startStripeServer } from '../stripe/server.ts'
import { sessionFor } from '../support/campaigns.ts'
import { drainJobs } from '../support/jobs.ts'
import { baseEnv, ensureBuild, startProcess, stopProcess, waitFor, type Proc } from './support.ts'

const SECRET = 'whsec_stripe_outage_drill'
const databaseUrl = process.env.DATABASE_URL ?? ''
let dataDir: string
let stripeServer: StripeTestServer
let web: Proc | undefined
let base: string

beforeAll(async () => {
  await ensureBuild()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-drill-stripe-'))
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  // Stripe's webhooks reach the web process's real webhook route.
  stripeServer = await startStripeServer({
    webhookUrl: `${base}/webhooks/stripe`,
    webhookSecret: SECRET,
  })
  const stripeEnv = {
    STRIPE_SECRET_KEY: stripeServer.apiKey,
    STRIPE_WEBHOOK_SECRET: SECRET,
    STRIPE_API_URL: stripeServer.url,
  }
  // This process makes the payment (the factories choose the provider from the environment).
  Object.assign(process.env, stripeEnv)
  resetEnv()
  web = startProcess('server.ts', {
    ...baseEnv({ databaseUrl, dataDir }),
    ...stripeEnv,
    PORT: String(port),
    PUBLIC_URL: base,
  })
  await web.ready
}, 600_000)

afterAll(async () => {
  await stopProcess(web)
  await stripeServer?.close()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

async function escrowedStripePayment() {
  const payer = await createUser(db())
  const lab = await createOrg(db())
  const account = await stripeServer.stripe().accounts.create({ type: 'express', country: 'HK' })
  await db().insert(stripeAccounts).values({
    id: account.id,
    ownerOrgId: lab.id,
    country: 'HK',
    chargesEnabled: true,
    payoutsEnabled: true,
    detailsSubmitted: true,
    createdAt: new Date(),
    updatedAt: new Date(),
  })
  const { payment } = await createTestPayment(db(), {
    payerUserId: payer.id,
    payee: { orgId: lab.id },
    priceFen: 30_000,
    marketplace: 'crowdfunding',
  })
  expect(payment.provider).toBe('stripe')
  return { payer, payment }
}

it('answers a Stripe outage with a page to try again, reuses the idempotency key, and collects once', async () => {
  const { payer, payment } = await escrowedStripePayment()
  const { cookie } = await sessionFor(payer.id)
  const pay = () =>
    fetch(`${base}/payments/${payment.id}`, {
      method: 'POST',
      headers: {
        cookie,
        origin: base,
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': 'zh-CN',
      },
      body: '',
      redirect: 'manual',
    })
  const checkoutCalls = () =>
    stripeServer.state.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/checkout/sessions',
    )

  // Every try of this click fails: the first and the SDK's two retries.
  stripeServer.failNext({ kind: 'http_500', path: /^\/v1\/checkout\/sessions$/, times: 3 })
  const failed = await pay()
  expect(failed.status).toBe(503)
  expect(failed.headers.get('retry-after')).toBe('5')
  const page = await failed.text()
  expect(page).toContain('服务暂时不可用')
  expect(page).toContain(`href="/payments/${payment.id}"`)
  expect(page).toContain('重试')

  const tries = checkoutCalls()
  expect(tries.map((r) => r.status)).toEqual([500, 500, 500])
  const key = tries[0]?.idempotencyKey
  expect(key).toBeTruthy()
  expect(tries.every((r) => r.idempotencyKey === key)).toBe(true)
  expect(stripeServer.state.checkoutSessions).toHaveLength(0)

  // The payment page still offers to pay; Stripe answers again; the same button works.
  const again = await fetch(`${base}/payments/${payment.id}`, { headers: { cookie } })
  expect(again.status).toBe(200)
  const second = await pay()
  expect(second.status).toBe(302)
  const checkoutUrl = second.headers.get('location') ?? ''
  expect(stripeServer.state.checkoutSessions).toHaveLength(1)
  expect(checkoutUrl).toBe(stripeServer.state.checkoutSessions[0]?.url)
  // The attempt after the outage carried the same key: had Stripe done the work unseen, this
  // would have returned that session instead of making a second one.
  expect(checkoutCalls().map((r) => r.idempotencyKey)).toEqual([key, key, key, key])

  // The payer pays on the hosted page; the webhook reaches the web process.
  const paid = await fetch(checkoutUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ intent: 'pay', payment_method_type: 'card', card: 'visa' }),
    redirect: 'manual',
  })
  expect(paid.status).toBe(303)
  await stripeServer.idle()
  // The webhook route queues the event; its job runs here, as a worker would run it.
  await waitFor('the payment to be held', async () => {
    await drainJobs()
    const [row] = await db().select().from(payments).where(eq(payments.id, payment.id))
    return row?.status === 'held'
  })
  expect(stripeServer.state.paymentIntents).toHaveLength(1)
}, 60_000)
