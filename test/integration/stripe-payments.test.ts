// Stripe payments end to end: the product talks to the Stripe test server only through the
// official SDK, Stripe's webhooks reach the real webhook route, and the worker's jobs run
// in-process against real PostgreSQL. What a payer, payee or finance admin would see: the
// ledger, the payment's status, the e-mail, the objects at Stripe.
import { publicUrl } from '../../app/env.server.ts'
import { execFile } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { and, eq, sql } from 'drizzle-orm'
import Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  ledgerTransactions,
  notifications,
  payments,
  providerOperations,
  stripeAccounts,
  stripeEvents,
} from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import { resetEnv } from '../../app/env.server.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import { readMailbox } from '../../app/domains/notifications/mailbox.server.ts'
import { account, balanceOf } from '../../app/domains/payments/ledger.server.ts'
import type { Party } from '../../app/domains/payments/ledger.server.ts'
import type { Marketplace } from '../../app/domains/payments/payments.schema.ts'
import { chooseProvider } from '../../app/domains/payments/providers.server.ts'
import { refundPayment } from '../../app/domains/payments/refund-payment.server.ts'
import { releasePayment } from '../../app/domains/payments/release-payment.server.ts'
import { startCheckout } from '../../app/domains/payments/start-checkout.server.ts'
import { resetStripeClient } from '../../app/domains/payments/stripe/client.server.ts'
import { reconcileStripe } from '../../app/domains/payments/stripe/reconcile.server.ts'
import {
  chargeSavedCard,
  customerOf,
  startCardSetup,
} from '../../app/domains/payments/stripe/saved-cards.server.ts'
import { sendStripeTransfer } from '../../app/domains/payments/stripe/send-transfer.server.ts'
import * as reconcilePage from '../../app/routes/admin.payments.reconcile.tsx'
import * as onboardingPage from '../../app/routes/finance.stripe.tsx'
import { action as webhookAction } from '../../app/routes/webhooks.stripe.tsx'
import { type StripeTestServer, startStripeServer } from '../stripe/server.ts'
import { addOrgMember, createOrg, createUser, makeAdmin } from '../factories/index.ts'
import { createTestPayment } from '../factories/payments.ts'
import { drainJobs } from '../support/jobs.ts'
import { must } from '../support/must.ts'

const SECRET = 'whsec_stripe_payments_test'
const context = { ip: '127.0.0.1', nonce: 'test', requestId: 'test' }
const ORIGIN = 'http://zhongchuang.test'

/** A local endpoint that hands every delivery to the webhook route's action, as Remix would. */
async function startWebhookEndpoint(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string') headers.set(name, value)
      const request = new Request(`${ORIGIN}/webhooks/stripe`, {
        method: 'POST',
        headers,
        body: Buffer.concat(chunks),
      })
      webhookAction({ request, params: {}, context })
        .then(async (response) => {
          res.writeHead(response.status, { 'Content-Type': 'application/json' })
          res.end(await response.text())
        })
        .catch((error: unknown) => {
          res.writeHead(500).end(String(error))
        })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** Submits a hosted page's form as a browser would, without following the redirect. */
async function submit(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  })
}

const locationOf = (response: Response) => must(response.headers.get('location'), 'redirect')

let endpoint: Awaited<ReturnType<typeof startWebhookEndpoint>>
let stripeServer: StripeTestServer
/** The test's own client, for what happens at Stripe without us (the dashboard, the payer). */
let dashboard: Stripe

function useStripe(options: { apiUrl?: string; key?: string | null } = {}) {
  if (options.key === null) delete process.env.STRIPE_SECRET_KEY
  else process.env.STRIPE_SECRET_KEY = options.key ?? stripeServer.apiKey
  process.env.STRIPE_WEBHOOK_SECRET = SECRET
  process.env.STRIPE_API_URL = options.apiUrl ?? stripeServer.url
  resetEnv()
  resetStripeClient()
}

beforeEach(async () => {
  endpoint = await startWebhookEndpoint()
  stripeServer = await startStripeServer({ webhookUrl: endpoint.url, webhookSecret: SECRET })
  dashboard = stripeServer.stripe()
  useStripe()
})

afterEach(async () => {
  setNow(null)
  await stripeServer.close()
  await endpoint.close()
})

/** Lets every webhook arrive and every job run, until nothing more happens. */
async function settle(): Promise<void> {
  for (let round = 0; round < 20; round++) {
    await stripeServer.idle()
    if ((await drainJobs()) === 0) {
      await stripeServer.idle()
      if ((await drainJobs()) === 0) return
    }
  }
  throw new Error('jobs and webhooks did not settle')
}

/** A payee's Express account in the platform's country that has finished onboarding. */
async function onboardedPayee(party: Party): Promise<string> {
  const created = await dashboard.accounts.create({ type: 'express', country: 'HK' })
  const link = await dashboard.accountLinks.create({
    account: created.id,
    type: 'account_onboarding',
    refresh_url: `${ORIGIN}/finance/stripe`,
    return_url: `${ORIGIN}/finance/stripe`,
  })
  await submit(link.url, { intent: 'complete' })
  await db()
    .insert(stripeAccounts)
    .values({
      id: created.id,
      ownerOrgId: party.orgId ?? null,
      ownerUserId: party.userId ?? null,
      country: 'HK',
      chargesEnabled: true,
      payoutsEnabled: true,
      detailsSubmitted: true,
      createdAt: new Date(),
      updatedAt: new Date(),
    })
  return created.id
}

async function stripePayment(marketplace: Marketplace, priceFen = 100_000) {
  const payer = await createUser(db())
  const lab = await createOrg(db())
  const payee = { orgId: lab.id }
  await onboardedPayee(payee)
  const { payment, quote } = await createTestPayment(db(), {
    payerUserId: payer.id,
    payee,
    priceFen,
    marketplace,
  })
  expect(payment.provider).toBe('stripe')
  return { payer, payee, payment, quote }
}

/** The payer pays on the hosted Checkout page. */
async function payByCheckout(paymentId: string, fields: Record<string, string> = {}) {
  const url = await startCheckout(paymentId, ORIGIN)
  const paid = await submit(url, {
    intent: 'pay',
    payment_method_type: 'card',
    card: 'visa',
    ...fields,
  })
  expect(paid.status).toBe(303)
  expect(locationOf(paid)).toBe(`${ORIGIN}/payments/${paymentId}?checkout=success`)
  return url
}

const statusOf = async (id: string) =>
  (await db().select().from(payments).where(eq(payments.id, id)))[0]?.status

async function ledgerKinds(paymentId: string): Promise<string[]> {
  const rows = await db()
    .select({ kind: ledgerTransactions.kind })
    .from(ledgerTransactions)
    .where(eq(ledgerTransactions.paymentId, paymentId))
    .orderBy(ledgerTransactions.postedAt)
  return rows.map((r) => r.kind).sort()
}

/** CNY fee rule of the test server (and the issue): 3.4%, half-up. */
const cnyFee = (amount: number) => Math.round(amount * 0.034)

describe('Stripe Checkout', () => {
  it('collects an escrowed payment: hosted page, webhook, held, fee booked, escrow equals the amount', async () => {
    const { payment, quote } = await stripePayment('challenge')
    // Challenges add the platform fee to what the poster pays.
    expect(payment.amountFen).toBe(quote.subtotalFen + quote.feeFen)
    // A second click (or tab) finds the same open session rather than a second one.
    const url = await startCheckout(payment.id, ORIGIN)
    expect(await startCheckout(payment.id, ORIGIN)).toBe(url)
    await payByCheckout(payment.id)
    // Once paid, the payer is only sent back to the payment page.
    expect(await startCheckout(payment.id, ORIGIN)).toBe(
      `${ORIGIN}/payments/${payment.id}?checkout=success`,
    )
    await settle()

    expect(await statusOf(payment.id)).toBe('held')
    expect(await balanceOf(db(), account.escrow(payment.id, 'CNY'))).toBe(payment.amountFen)
    const fee = cnyFee(payment.amountFen)
    expect(await balanceOf(db(), account.stripeFees('CNY'))).toBeGreaterThanOrEqual(fee)
    const collect = must(
      (
        await db()
          .select()
          .from(ledgerTransactions)
          .where(
            and(
              eq(ledgerTransactions.paymentId, payment.id),
              eq(ledgerTransactions.kind, 'collect'),
            ),
          )
      )[0],
      'collect posting',
    )
    const [session] = stripeServer.state.checkoutSessions
    const [pi] = stripeServer.state.paymentIntents
    expect(collect.providerRef).toBe(pi?.latest_charge)
    expect(session).toMatchObject({
      mode: 'payment',
      client_reference_id: payment.id,
      metadata: { paymentId: payment.id },
      payment_method_types: ['card', 'alipay', 'wechat_pay'],
      amount_total: payment.amountFen,
    })
    expect(pi).toMatchObject({
      amount: payment.amountFen,
      transfer_group: `payment:${payment.id}`,
      transfer_data: null,
      metadata: { paymentId: payment.id },
    })
    const lines = await dashboard.checkout.sessions.listLineItems(must(session, 'session').id)
    expect(lines.data.map((l) => l.amount_total)).toEqual([quote.subtotalFen, quote.feeFen])
    const fees = await db().execute<{ amount: string }>(sql`
      select e.amount from ledger_entries e
      join ledger_accounts a on a.id = e.account_id
      where e.transaction_id = ${collect.id} and a.kind = 'stripe_fees'`)
    expect(fees.map((f) => Number(f.amount))).toEqual([fee])
    expect(stripeServer.state.paymentIntents).toHaveLength(1)
  })

  it('pays a direct sale to the payee with the charge, less the platform fee, and releases without a second transfer', async () => {
    const { payment, quote } = await stripePayment('equipment')
    await payByCheckout(payment.id, { payment_method_type: 'wechat_pay' })
    await settle()
    expect(await statusOf(payment.id)).toBe('held')
    const [pi] = stripeServer.state.paymentIntents
    expect(pi).toMatchObject({ application_fee_amount: quote.feeFen })
    expect(stripeServer.state.transfers.map((t) => t.amount)).toEqual([quote.payeeNetFen])

    await db().transaction((tx) =>
      releasePayment(tx, {
        paymentId: payment.id,
        priceFen: quote.subtotalFen,
        operationKey: `booking-done:${payment.id}`,
      }),
    )
    await settle()
    expect(await statusOf(payment.id)).toBe('settled')
    expect(stripeServer.state.transfers).toHaveLength(1)
    const payout = (
      await db()
        .select()
        .from(ledgerTransactions)
        .where(
          and(eq(ledgerTransactions.paymentId, payment.id), eq(ledgerTransactions.kind, 'payout')),
        )
    )[0]
    expect(payout?.providerRef).toBe(stripeServer.state.transfers[0]?.id)
    expect(
      await balanceOf(db(), account.payable({ orgId: must(payment.payeeOrgId, 'org') }, 'CNY')),
    ).toBe(0)
  })
})

describe('Stripe webhooks', () => {
  it('changes the ledger once for the same signed event delivered ten times, some at once', async () => {
    stripeServer.configureWebhooks({ autoDeliver: false })
    const { payment } = await stripePayment('crowdfunding')
    await payByCheckout(payment.id)
    const succeeded = must(
      stripeServer.state.events.find((e) => e.type === 'payment_intent.succeeded'),
      'payment_intent.succeeded',
    )
    const first = await stripeServer.deliverEvent(succeeded, { times: 4 })
    const rest = await stripeServer.deliverEvent(succeeded, { times: 6, concurrently: true })
    expect([...first, ...rest].map((d) => d.status)).toEqual(Array(10).fill(200))
    await settle()
    expect(await ledgerKinds(payment.id)).toEqual(['collect'])
    expect(await statusOf(payment.id)).toBe('held')
    const stored = await db().select().from(stripeEvents).where(eq(stripeEvents.id, succeeded.id))
    expect(stored).toHaveLength(1)
    expect(stored[0]?.processedAt).not.toBeNull()
    // Once handled, a further copy queues nothing.
    await stripeServer.deliverEvent(succeeded, { times: 2, concurrently: true })
    expect(await drainJobs()).toBe(0)
    expect(await balanceOf(db(), account.escrow(payment.id, 'CNY'))).toBe(payment.amountFen)
  })

  it('refuses a tampered body, a stale timestamp and a wrong secret with 400, storing nothing', async () => {
    const payload = JSON.stringify(
      {
        id: 'evt_forged_1',
        object: 'event',
        type: 'account.updated',
        data: { object: { id: 'acct_x' } },
      },
      null,
      2,
    )
    const post = (body: string, signature: string | null) =>
      webhookAction({
        request: new Request(`${ORIGIN}/webhooks/stripe`, {
          method: 'POST',
          headers: signature ? { 'Stripe-Signature': signature } : {},
          body,
        }),
        params: {},
        context,
      })
    const sign = (body: string, secret = SECRET, timestamp?: number) =>
      Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp })
    const refusals = [
      await post(payload.replace('acct_x', 'acct_y'), sign(payload)),
      await post(payload, sign(payload, SECRET, Math.floor(Date.now() / 1000) - 301)),
      await post(payload, sign(payload, 'whsec_someone_else')),
      await post(payload, null),
    ]
    for (const refused of refusals) {
      expect(refused.status).toBe(400)
      expect(await refused.json()).toEqual({ error: 'signature' })
    }
    expect(
      await db().select().from(stripeEvents).where(eq(stripeEvents.id, 'evt_forged_1')),
    ).toEqual([])
    expect(await drainJobs()).toBe(0)
    // A good signature within the tolerance is accepted.
    const fresh = await post(payload, sign(payload, SECRET, Math.floor(Date.now() / 1000) - 60))
    expect(fresh.status).toBe(200)
    // Without Stripe configured the endpoint does not exist.
    useStripe({ key: null })
    expect((await post(payload, sign(payload))).status).toBe(404)
  })

  it('ends right when charge.refunded arrives before payment_intent.succeeded', async () => {
    stripeServer.configureWebhooks({ autoDeliver: false })
    const { payment } = await stripePayment('crowdfunding')
    await payByCheckout(payment.id)
    const pi = must(stripeServer.state.paymentIntents[0], 'intent')
    // Finance refunds part at Stripe directly (the dashboard), before any event was handled.
    await dashboard.refunds.create({ payment_intent: pi.id, amount: 30_000 })
    const event = (type: string) =>
      must(
        stripeServer.state.events.find((e) => e.type === type),
        type,
      )
    await stripeServer.deliverEvent(event('charge.refunded'))
    await settle()
    await stripeServer.deliverEvent(event('payment_intent.succeeded'))
    await stripeServer.deliverEvent(event('checkout.session.completed'))
    await settle()

    expect(await statusOf(payment.id)).toBe('held')
    expect(await ledgerKinds(payment.id)).toEqual(['collect', 'refund', 'refund-paid'])
    expect(await balanceOf(db(), account.escrow(payment.id, 'CNY'))).toBe(
      payment.amountFen - 30_000,
    )
    expect(await balanceOf(db(), account.refundable({ userId: payment.payerUserId }, 'CNY'))).toBe(
      0,
    )

    // The rest is refunded through the product: Stripe refunds it once, and the payment settles.
    stripeServer.configureWebhooks({ autoDeliver: true })
    await db().transaction((tx) =>
      refundPayment(tx, {
        paymentId: payment.id,
        amountFen: payment.amountFen - 30_000,
        operationKey: `campaign-failed:${payment.id}`,
        reason: '众筹未达目标',
      }),
    )
    await settle()
    const refunds = await dashboard.refunds.list({ payment_intent: pi.id })
    expect(refunds.data.map((r) => r.amount).sort()).toEqual(
      [30_000, payment.amountFen - 30_000].sort(),
    )
    expect(await statusOf(payment.id)).toBe('settled')
    expect(await ledgerKinds(payment.id)).toEqual([
      'collect',
      'refund',
      'refund',
      'refund-paid',
      'refund-paid',
    ])
  })
})

describe('escrow releases', () => {
  it('creates one transfer for a release even when its job runs twice', async () => {
    const { payment, quote, payee } = await stripePayment('challenge')
    await payByCheckout(payment.id)
    await settle()
    await db().transaction((tx) =>
      releasePayment(tx, {
        paymentId: payment.id,
        priceFen: quote.subtotalFen,
        operationKey: `milestone-accepted:${payment.id}`,
      }),
    )
    const job = {
      paymentId: payment.id,
      operationKey: `milestone-accepted:${payment.id}`,
      amountFen: quote.subtotalFen,
    }
    await Promise.all([sendStripeTransfer(job), sendStripeTransfer(job)])
    await settle()
    await sendStripeTransfer(job)
    const transfers = await dashboard.transfers.list({ transfer_group: `payment:${payment.id}` })
    expect(transfers.data.map((t) => t.amount)).toEqual([quote.subtotalFen])
    expect(await ledgerKinds(payment.id)).toEqual(['collect', 'payout', 'release'])
    expect(await balanceOf(db(), account.payable(payee, 'CNY'))).toBe(0)
    expect(await statusOf(payment.id)).toBe('settled')
  })
})

describe('saved cards', () => {
  it('makes exactly one PaymentIntent when the charge is retried after five timeouts', async () => {
    const { payment, payer } = await stripePayment('crowdfunding', 20_000)
    const customer = await customerOf(payer.id)
    await dashboard.paymentMethods.attach('pm_card_visa', { customer })
    // Each of our calls lets the SDK try three times (two retries) with the same key.
    resetStripeClient({ timeoutMs: 200 })
    stripeServer.failNext({
      kind: 'timeout',
      path: /^\/v1\/payment_intents$/,
      method: 'POST',
      times: 5,
      holdMs: 1500,
    })
    await expect(chargeSavedCard({ paymentId: payment.id })).rejects.toBeInstanceOf(
      Stripe.errors.StripeConnectionError,
    )
    expect(await chargeSavedCard({ paymentId: payment.id })).toEqual({ outcome: 'paid' })
    expect(stripeServer.state.paymentIntents).toHaveLength(1)
    const [operation] = await db()
      .select()
      .from(providerOperations)
      .where(
        and(eq(providerOperations.paymentId, payment.id), eq(providerOperations.kind, 'charge')),
      )
    expect(operation).toMatchObject({
      attempts: 2,
      resultRef: stripeServer.state.paymentIntents[0]?.id,
    })
    resetStripeClient()
    await settle()
    expect(await statusOf(payment.id)).toBe('held')
    expect(await ledgerKinds(payment.id)).toEqual(['collect'])
  })

  it('asks the payer to confirm an off-session charge by e-mail, and is paid once after they do', async () => {
    const { payment, payer } = await stripePayment('crowdfunding', 50_000)
    // The payer saves a card whose bank always asks for authentication.
    const setupUrl = await startCardSetup({
      payerUserId: payer.id,
      operationId: `commitment:${payment.id}`,
      returnUrl: `${ORIGIN}/campaigns/test`,
    })
    const toBank = await submit(setupUrl, { intent: 'pay', card: 'authentication_required' })
    const backToCheckout = await submit(locationOf(toBank), { intent: 'complete' })
    const saved = await fetch(locationOf(backToCheckout), { redirect: 'manual' })
    expect(locationOf(saved)).toBe(`${ORIGIN}/campaigns/test?card=saved`)
    await settle()

    expect(await chargeSavedCard({ paymentId: payment.id })).toEqual({ outcome: 'requires-action' })
    await settle()
    expect(await statusOf(payment.id)).toBe('requires_action')
    const notes = await db()
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, payer.id), eq(notifications.kind, 'payment.actionRequired')),
      )
    expect(notes).toHaveLength(1)
    expect(notes[0]?.link).toBe(`/payments/${payment.id}`)
    const mail = readMailbox(1000).filter((m) => m.to === payer.email)
    expect(mail).toHaveLength(1)
    expect(mail[0]?.text).toContain(`/payments/${payment.id}`)

    // On the payment page the payer confirms: to the bank's page and back.
    const bankPage = await startCheckout(payment.id, ORIGIN)
    expect(bankPage).toContain('/hosted/authenticate/')
    const back = await submit(bankPage, { intent: 'complete' })
    expect(locationOf(back)).toContain(`${ORIGIN}/payments/${payment.id}?checkout=success`)
    await settle()
    expect(await statusOf(payment.id)).toBe('held')
    expect(await ledgerKinds(payment.id)).toEqual(['collect'])
    expect(stripeServer.state.paymentIntents.filter((p) => p.status === 'succeeded')).toHaveLength(
      1,
    )
    expect(stripeServer.state.paymentIntents).toHaveLength(1)
  })

  it('falls back to Checkout when the saved card is declined as the payer confirms, and is paid once', async () => {
    const { payment, payer } = await stripePayment('crowdfunding', 25_000)
    const customer = await customerOf(payer.id)
    await dashboard.paymentMethods.attach('pm_card_visa', { customer })
    stripeServer.failNext({ kind: 'authentication_required' })
    expect(await chargeSavedCard({ paymentId: payment.id })).toEqual({ outcome: 'requires-action' })
    await settle()
    expect(await statusOf(payment.id)).toBe('requires_action')

    stripeServer.failNext({ kind: 'card_declined' })
    const checkout = await startCheckout(payment.id, ORIGIN)
    expect(checkout).toContain('/hosted/checkout/')
    const first = must(stripeServer.state.paymentIntents[0], 'the off-session intent')
    expect(first.status).toBe('canceled')
    await payByCheckout(payment.id, { payment_method_type: 'wechat_pay' })
    await settle()
    expect(await statusOf(payment.id)).toBe('held')
    expect(await ledgerKinds(payment.id)).toEqual(['collect'])
    expect(stripeServer.state.paymentIntents.map((p) => p.status).sort()).toEqual([
      'canceled',
      'succeeded',
    ])
  })

  it('saves cards only; a payer with Alipay pays now and is refunded if the campaign fails', async () => {
    const { payment, payer } = await stripePayment('crowdfunding', 30_000)
    await startCardSetup({
      payerUserId: payer.id,
      operationId: `commitment:${payment.id}`,
      returnUrl: `${ORIGIN}/campaigns/test`,
    })
    const setup = must(stripeServer.state.checkoutSessions[0], 'setup session')
    expect(setup.payment_method_types).toEqual(['card'])

    await payByCheckout(payment.id, { payment_method_type: 'alipay' })
    await settle()
    expect(await statusOf(payment.id)).toBe('held')
    await db().transaction((tx) =>
      refundPayment(tx, {
        paymentId: payment.id,
        amountFen: payment.amountFen,
        operationKey: `campaign-failed:${payment.id}`,
        reason: '众筹未达目标',
      }),
    )
    await settle()
    const [refund] = (await dashboard.refunds.list({})).data
    expect(refund).toMatchObject({ amount: payment.amountFen, status: 'succeeded' })
    expect(await statusOf(payment.id)).toBe('settled')
    expect(await balanceOf(db(), account.refundable({ userId: payer.id }, 'CNY'))).toBe(0)
  })
})

describe('Connect onboarding', () => {
  async function member() {
    const user = await createUser(db())
    const { token } = await createSession(db(), user.id)
    return { user, cookie: `${sessionCookieName()}=${token}` }
  }
  const form = (cookie: string, fields: Record<string, string>) =>
    new Request(`${ORIGIN}/finance/stripe`, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams(fields),
    })

  it('shows Stripe’s refusal of a mainland-China account, and onboards a Hong Kong maker', async () => {
    const { user, cookie } = await member()
    const refused = await onboardingPage.action({
      request: form(cookie, { party: 'self', country: 'CN' }),
      params: {},
      context,
    })
    expect(refused).not.toBeInstanceOf(Response)
    expect(JSON.stringify(refused)).toContain('payments:stripe.errors.countryRefused')
    expect(
      await db().select().from(stripeAccounts).where(eq(stripeAccounts.ownerUserId, user.id)),
    ).toEqual([])

    const started = await onboardingPage.action({
      request: form(cookie, { party: 'self', country: 'HK' }),
      params: {},
      context,
    })
    if (!(started instanceof Response)) throw new Error('expected a redirect to Stripe')
    const onboarding = locationOf(started)
    expect(onboarding).toContain('/hosted/connect/onboarding/')
    const [row] = await db()
      .select()
      .from(stripeAccounts)
      .where(eq(stripeAccounts.ownerUserId, user.id))
    expect(row).toMatchObject({ country: 'HK', chargesEnabled: false })

    const done = await submit(onboarding, { intent: 'complete' })
    // Back to the site's own address, not to the Host the request carried.
    expect(locationOf(done)).toBe(
      `${new URL(publicUrl()).origin}/finance/stripe?return=1&party=self`,
    )
    await settle()
    const [after] = await db()
      .select()
      .from(stripeAccounts)
      .where(eq(stripeAccounts.ownerUserId, user.id))
    expect(after).toMatchObject({ chargesEnabled: true, payoutsEnabled: true, currentlyDue: [] })
    // Coming back shows that the maker can be paid.
    const page = await onboardingPage.loader({
      request: new Request(`${ORIGIN}/finance/stripe?return=1&party=self`, { headers: { cookie } }),
      params: {},
      context,
    })
    expect(page.parties[0]).toMatchObject({ key: 'self', account: { chargesEnabled: true } })

    // An organisation's account is opened by its owners and admins only.
    const lab = await createOrg(db())
    await addOrgMember(db(), lab.id, user.id, 'member')
    const notTheirs = await onboardingPage.action({
      request: form(cookie, { party: lab.id, country: 'HK' }),
      params: {},
      context,
    })
    expect(notTheirs).toBeInstanceOf(Response)
    expect((notTheirs as Response).status).toBe(403)
  })
})

describe('reconciliation', () => {
  it('finds nothing for a clean month and reports a planted difference to the fen', async () => {
    // A month of its own: other tests' postings (at today's date) belong to other Stripe servers.
    const november = new Date('2031-11-10T04:00:00Z')
    setNow(november)
    await stripeServer.close()
    stripeServer = await startStripeServer({
      webhookUrl: endpoint.url,
      webhookSecret: SECRET,
      now: () => november.getTime(),
    })
    dashboard = stripeServer.stripe()
    useStripe()
    const range = { from: new Date('2031-11-01T00:00:00Z'), to: new Date('2031-12-01T00:00:00Z') }

    const escrowed = await stripePayment('challenge')
    await payByCheckout(escrowed.payment.id)
    const direct = await stripePayment('equipment')
    await payByCheckout(direct.payment.id)
    // A booking cancelled after payment: refunded in full, the payee's transfer taken back.
    const cancelled = await stripePayment('equipment', 40_000)
    await payByCheckout(cancelled.payment.id)
    await settle()
    await db().transaction((tx) =>
      refundPayment(tx, {
        paymentId: cancelled.payment.id,
        amountFen: cancelled.payment.amountFen,
        operationKey: `booking-cancelled:${cancelled.payment.id}`,
        reason: '预约取消',
      }),
    )
    await settle()
    expect(await statusOf(cancelled.payment.id)).toBe('settled')
    const reversed = must(
      stripeServer.state.transfers.find((t) => t.amount === cancelled.quote.payeeNetFen),
      'transfer of the cancelled booking',
    )
    expect(reversed.amount_reversed).toBe(cancelled.quote.payeeNetFen)
    // The direct sale's payee was paid with the charge; until its release is booked that is
    // money in transit, not a difference.
    const beforeRelease = await reconcileStripe(range)
    expect(beforeRelease.differences).toEqual([])
    expect(beforeRelease.inTransit).toEqual([
      expect.objectContaining({
        paymentId: direct.payment.id,
        stripeAmountFen: -direct.quote.payeeNetFen,
        ledgerAmountFen: 0,
      }),
    ])
    await db().transaction(async (tx) => {
      await releasePayment(tx, {
        paymentId: escrowed.payment.id,
        priceFen: escrowed.quote.subtotalFen,
        operationKey: `m:${escrowed.payment.id}`,
      })
      await releasePayment(tx, {
        paymentId: direct.payment.id,
        priceFen: direct.quote.subtotalFen,
        operationKey: `m:${direct.payment.id}`,
      })
    })
    await settle()
    const clean = await reconcileStripe(range)
    expect(clean.differences).toEqual([])
    expect(clean.inTransit).toEqual([])
    // Three charges, the escrow transfer, two destination transfers (one reversed), the refund.
    expect(clean.matched).toBe(7)

    // A refund made at Stripe whose event never arrived: Stripe has it, the ledger does not.
    stripeServer.configureWebhooks({ autoDeliver: false })
    const pi = must(
      stripeServer.state.paymentIntents.find((p) => p.metadata.paymentId === escrowed.payment.id),
      'intent',
    )
    const refund = await dashboard.refunds.create({ payment_intent: pi.id, amount: 1234 })
    const found = await reconcileStripe(range)
    expect(found.differences).toEqual([
      expect.objectContaining({
        kind: 'missing-in-ledger',
        object: refund.id,
        stripeAmountFen: -1234,
        ledgerAmountFen: 0,
      }),
    ])
    // Finance admins see it on the console; nobody else does.
    const finance = await createUser(db())
    await makeAdmin(db(), finance.id, ['finance'])
    const { token } = await createSession(db(), finance.id)
    const page = await reconcilePage.loader({
      request: new Request(`${ORIGIN}/admin/payments/reconcile?from=2031-11-01&to=2031-11-30`, {
        headers: { cookie: `${sessionCookieName()}=${token}` },
      }),
      params: {},
      context,
    })
    expect(page.report?.differences.map((d) => d.object)).toEqual([refund.id])
    const outsider = await createSession(db(), (await createUser(db())).id)
    const refused = await reconcilePage
      .loader({
        request: new Request(`${ORIGIN}/admin/payments/reconcile`, {
          headers: { cookie: `${sessionCookieName()}=${outsider.token}` },
        }),
        params: {},
        context,
      })
      .then(
        () => null,
        (e: unknown) => e,
      )
    expect(refused).toBeInstanceOf(Response)
    expect((refused as Response).status).toBe(403)
    // The script prints the table and fails, so a scheduled run alerts someone.
    // (Asynchronously: the Stripe test server runs in this process and must keep answering.)
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          process.execPath,
          [
            '--import',
            'tsx',
            'scripts/payments-reconcile.ts',
            '--from',
            '2031-11-01',
            '--to',
            '2031-11-30',
          ],
          { env: process.env, encoding: 'utf8', timeout: 60_000 },
          (error, stdout, stderr) =>
            resolve({
              status: error ? (typeof error.code === 'number' ? error.code : null) : 0,
              stdout,
              stderr,
            }),
        )
      },
    )
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: '' })
    expect(run.stdout).toContain(refund.id)
    expect(run.stdout).toContain('missing-in-ledger')
    expect(run.stdout).toContain('-12.34')
    // Outside the range nothing is compared.
    expect(
      (
        await reconcileStripe({
          from: new Date('2031-12-01T00:00:00Z'),
          to: new Date('2032-01-01T00:00:00Z'),
        })
      ).differences,
    ).toEqual([])
  })
})

describe('which payees Stripe pays', () => {
  it('a payee whose Stripe account is outside what the platform can pay is paid by the custody bank', async () => {
    const now = new Date()
    const [us, hk] = await Promise.all([createOrg(db()), createOrg(db())])
    await db()
      .insert(stripeAccounts)
      .values([
        {
          id: `acct_us${us.id.slice(0, 8)}`,
          ownerOrgId: us.id,
          country: 'US',
          chargesEnabled: true,
          payoutsEnabled: true,
          createdAt: now,
          updatedAt: now,
        },
        {
          id: `acct_hk${hk.id.slice(0, 8)}`,
          ownerOrgId: hk.id,
          country: 'HK',
          chargesEnabled: true,
          payoutsEnabled: true,
          createdAt: now,
          updatedAt: now,
        },
      ])
    // The platform is in Hong Kong (the default): Stripe transfers only to Hong Kong accounts.
    expect(await chooseProvider(db(), { orgId: us.id })).toBe('bank')
    expect(await chooseProvider(db(), { orgId: hk.id })).toBe('stripe')
  })
})
