// The Stripe test server, driven through the official SDK as the product will drive it:
// onboarding and signed webhooks, hosted Checkout, idempotency under timeouts, Stripe's
// refusals, refunds, transfers, 3-D Secure, and balance transaction listing.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type StripeTestServer, startStripeServer } from '../stripe/server.ts'
import { must } from '../support/must.ts'

const SECRET = 'whsec_stripe_server_test'

interface Received {
  body: string
  signature: string
}

/** A local endpoint that records what is POSTed to it. */
async function startListener(): Promise<{
  url: string
  received: Received[]
  close(): Promise<void>
}> {
  const received: Received[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const signature = req.headers['stripe-signature']
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: typeof signature === 'string' ? signature : '',
      })
      res.writeHead(200).end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    received,
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

function verified(stripe: Stripe, received: Received[]): Stripe.Event[] {
  return received.map((r) => stripe.webhooks.constructEvent(r.body, r.signature, SECRET))
}

let listener: Awaited<ReturnType<typeof startListener>>
let server: StripeTestServer
let stripe: Stripe

beforeEach(async () => {
  listener = await startListener()
  server = await startStripeServer({ webhookUrl: listener.url, webhookSecret: SECRET })
  stripe = server.stripe()
})

afterEach(async () => {
  await server.close()
  await listener.close()
})

/** An Express account in the platform's country that has finished onboarding. */
async function onboardedAccount(country = 'HK'): Promise<Stripe.Account> {
  const account = await stripe.accounts.create({
    type: 'express',
    country,
    email: 'maker@example.com',
  })
  const link = await stripe.accountLinks.create({
    account: account.id,
    type: 'account_onboarding',
    refresh_url: 'https://zhongchuang.test/connect/refresh',
    return_url: 'https://zhongchuang.test/connect/done',
  })
  await submit(link.url, { intent: 'complete' })
  return stripe.accounts.retrieve(account.id)
}

async function paidIntent(amount: number, currency = 'cny'): Promise<Stripe.PaymentIntent> {
  return stripe.paymentIntents.create({
    amount,
    currency,
    payment_method: 'pm_card_visa',
    allowed_payment_method_types: ['card'],
    confirm: true,
  })
}

describe('Stripe test server', () => {
  it('onboards a Connect account through the hosted page and delivers a signed account.updated', async () => {
    const account = await stripe.accounts.create({
      type: 'express',
      country: 'HK',
      email: 'maker@example.com',
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
    })
    expect(account).toMatchObject({ charges_enabled: false, details_submitted: false })
    const link = await stripe.accountLinks.create({
      account: account.id,
      type: 'account_onboarding',
      refresh_url: 'https://zhongchuang.test/connect/refresh',
      return_url: 'https://zhongchuang.test/connect/done',
    })
    const pageHtml = await (await fetch(link.url)).text()
    expect(pageHtml).toContain('Complete onboarding')

    const done = await submit(link.url, { intent: 'complete' })
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toBe('https://zhongchuang.test/connect/done')
    // The link is single-use: a second visit goes to refresh_url, as on Stripe.
    const again = await fetch(link.url, { redirect: 'manual' })
    expect(again.headers.get('location')).toBe('https://zhongchuang.test/connect/refresh')

    const onboarded = await stripe.accounts.retrieve(account.id)
    expect(onboarded).toMatchObject({
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      capabilities: { card_payments: 'active', transfers: 'active' },
    })
    await server.idle()
    const events = verified(stripe, listener.received)
    const updated = must(
      events.find((e) => e.type === 'account.updated'),
      'account.updated delivery',
    )
    expect(updated.account).toBe(account.id)
    expect(updated.data.object).toMatchObject({ id: account.id, charges_enabled: true })
    expect(updated.data.previous_attributes).toMatchObject({ charges_enabled: false })
    // A tampered body fails verification with the same header.
    const first = must(listener.received[0], 'a delivery')
    expect(() =>
      stripe.webhooks.constructEvent(first.body.replace('true', 'false'), first.signature, SECRET),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError)
  })

  it('completes a hosted Checkout Session: paid intent, fee-bearing balance transaction, destination transfer, events', async () => {
    const account = await onboardedAccount()
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [
        {
          price_data: {
            currency: 'cny',
            unit_amount: 5000,
            product_data: { name: '激光切割机 2 小时' },
          },
          quantity: 2,
        },
      ],
      allowed_payment_method_types: ['card', 'alipay', 'wechat_pay'],
      payment_method_options: { wechat_pay: { client: 'web' } },
      success_url: 'https://zhongchuang.test/orders/42/paid?session={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://zhongchuang.test/orders/42',
      client_reference_id: 'order_42',
      metadata: { order: '42' },
      payment_intent_data: {
        application_fee_amount: 1000,
        transfer_data: { destination: account.id },
        transfer_group: 'order_42',
        metadata: { order: '42' },
      },
    })
    expect(session).toMatchObject({ status: 'open', payment_status: 'unpaid', amount_total: 10000 })
    const url = must(session.url, 'session url')
    const pageHtml = await (await fetch(url)).text()
    expect(pageHtml).toMatch(/<button[^>]*value="pay"[^>]*>Pay<\/button>/)
    expect(pageHtml).toMatch(/<button[^>]*value="cancel"[^>]*>Cancel<\/button>/)

    const cancelled = await submit(url, { intent: 'cancel' })
    expect(cancelled.headers.get('location')).toBe('https://zhongchuang.test/orders/42')
    const paid = await submit(url, { intent: 'pay', payment_method_type: 'wechat_pay' })
    expect(paid.status).toBe(303)
    expect(paid.headers.get('location')).toBe(
      `https://zhongchuang.test/orders/42/paid?session=${session.id}`,
    )

    const completed = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent.latest_charge.balance_transaction', 'line_items'],
    })
    expect(completed).toMatchObject({ status: 'complete', payment_status: 'paid' })
    expect(completed.line_items?.data).toHaveLength(1)
    const pi = completed.payment_intent as Stripe.PaymentIntent
    expect(pi).toMatchObject({
      status: 'succeeded',
      amount: 10000,
      currency: 'cny',
      application_fee_amount: 1000,
      transfer_group: 'order_42',
      metadata: { order: '42' },
    })
    const charge = pi.latest_charge as Stripe.Charge
    expect(charge.payment_method_details?.type).toBe('wechat_pay')
    // CNY fee rule: 3.4% of 10000 fen.
    expect(charge.balance_transaction).toMatchObject({
      type: 'charge',
      amount: 10000,
      fee: 340,
      net: 9660,
    })
    const [transfer] = (await stripe.transfers.list({ transfer_group: 'order_42' })).data
    expect(transfer).toMatchObject({
      amount: 9000,
      destination: account.id,
      source_transaction: charge.id,
    })

    await server.idle()
    const types = verified(stripe, listener.received).map((e) => e.type)
    expect(types).toEqual(
      expect.arrayContaining(['payment_intent.succeeded', 'checkout.session.completed']),
    )
    expect(types.indexOf('payment_intent.succeeded')).toBeLessThan(
      types.indexOf('checkout.session.completed'),
    )
    // Paying again is not possible: the session is complete.
    expect((await fetch(url)).status).toBe(200)
    await submit(url, { intent: 'pay', payment_method_type: 'card', card: 'visa' })
    expect(server.state.paymentIntents).toHaveLength(1)
  })

  it('shows a declined card on the Checkout page and lets the customer pay with another', async () => {
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [
        {
          price_data: { currency: 'usd', unit_amount: 1000, product_data: { name: 'Membership' } },
          quantity: 1,
        },
      ],
      success_url: 'https://zhongchuang.test/ok',
    })
    const url = must(session.url, 'session url')
    const declined = await submit(url, {
      intent: 'pay',
      payment_method_type: 'card',
      card: 'declined',
    })
    expect(await declined.text()).toContain('Your card was declined.')
    const ok = await submit(url, { intent: 'pay', payment_method_type: 'card', card: 'visa' })
    expect(ok.headers.get('location')).toBe('https://zhongchuang.test/ok')
    const [pi] = server.state.paymentIntents
    expect(pi).toMatchObject({ status: 'succeeded' })
    // US fee rule: 2.9% + 30 cents.
    const [txn] = (await stripe.balanceTransactions.list({ type: 'charge' })).data
    expect(txn).toMatchObject({ amount: 1000, fee: 59, net: 941 })
  })

  it('replays a repeated idempotency key byte for byte and refuses it with other parameters', async () => {
    const post = (key: string, body: string) =>
      fetch(`${server.url}/v1/payment_intents`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${server.apiKey}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          'Idempotency-Key': key,
        },
        body,
      })
    const first = await post('order-7-pay', 'amount=2000&currency=hkd&metadata[order]=7')
    const second = await post('order-7-pay', 'currency=hkd&metadata[order]=7&amount=2000')
    expect(second.status).toBe(first.status)
    expect(await second.text()).toBe(await first.text())
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(server.state.paymentIntents).toHaveLength(1)

    // A card error is a result too: replayed with its 402.
    server.failNext({ kind: 'card_declined' })
    const declinedOnce = await post(
      'order-8-pay',
      'amount=2000&currency=hkd&payment_method=pm_card_visa&confirm=true',
    )
    const declinedAgain = await post(
      'order-8-pay',
      'amount=2000&currency=hkd&payment_method=pm_card_visa&confirm=true',
    )
    expect([declinedOnce.status, declinedAgain.status]).toEqual([402, 402])
    expect(await declinedAgain.text()).toBe(await declinedOnce.text())

    await stripe.paymentIntents.create({ amount: 3000, currency: 'usd' }, { idempotencyKey: 'k-1' })
    const reused = stripe.paymentIntents.create(
      { amount: 3100, currency: 'usd' },
      { idempotencyKey: 'k-1' },
    )
    await expect(reused).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
    expect(server.state.paymentIntents).toHaveLength(3)
  })

  it('applies a request whose answer timed out once, and gives the retry with the same key its answer', async () => {
    const impatient = server.stripe({ timeout: 300 })
    server.failNext({ kind: 'timeout', path: /^\/v1\/payment_intents$/, holdMs: 1500 })
    const params = { amount: 4000, currency: 'cny', metadata: { booking: 'b-9' } }
    const timedOut = impatient.paymentIntents.create(params, { idempotencyKey: 'booking-b-9' })
    await expect(timedOut).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError)
    // The server did the work although the client gave up.
    expect(server.state.paymentIntents).toHaveLength(1)
    const retried = await impatient.paymentIntents.create(params, { idempotencyKey: 'booking-b-9' })
    expect(server.state.paymentIntents.map((pi) => pi.id)).toEqual([retried.id])
    expect(retried.lastResponse.headers['idempotent-replayed']).toBe('true')
  })

  it('does not apply an injected 500, so a retry with the same key creates the transfer once', async () => {
    const account = await onboardedAccount()
    await paidIntent(20000, 'hkd')
    server.failNext({ kind: 'http_500', path: /^\/v1\/transfers$/ })
    const params = { amount: 5000, currency: 'hkd', destination: account.id }
    await expect(
      stripe.transfers.create(params, { idempotencyKey: 'payout-1' }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError)
    expect(server.state.transfers).toHaveLength(0)
    await stripe.transfers.create(params, { idempotencyKey: 'payout-1' })
    expect(server.state.transfers).toHaveLength(1)
  })

  it('refuses what Stripe refuses, with the SDK error classes Stripe would cause', async () => {
    const refused = async (promise: Promise<unknown>) => {
      try {
        await promise
      } catch (error) {
        return error
      }
      throw new Error('expected the request to be refused')
    }
    const nonInteger = await refused(
      stripe.paymentIntents.create({ amount: 12.5, currency: 'usd' }),
    )
    expect(nonInteger).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(nonInteger).toMatchObject({
      code: 'parameter_invalid_integer',
      param: 'amount',
      statusCode: 400,
    })

    const currency = await refused(stripe.paymentIntents.create({ amount: 1000, currency: 'xyz' }))
    expect(currency).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(currency).toMatchObject({ param: 'currency' })

    const small = await refused(stripe.paymentIntents.create({ amount: 300, currency: 'hkd' }))
    expect(small).toMatchObject({ code: 'amount_too_small', param: 'amount' })

    const missing = await refused(
      stripe.paymentIntents.create({ currency: 'usd' } as Stripe.PaymentIntentCreateParams),
    )
    expect(missing).toMatchObject({ code: 'parameter_missing', param: 'amount' })

    const china = await refused(stripe.accounts.create({ type: 'express', country: 'CN' }))
    expect(china).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(china).toMatchObject({ code: 'country_unsupported', param: 'country' })

    const unknownPi = await refused(stripe.paymentIntents.retrieve('pi_doesnotexist'))
    expect(unknownPi).toMatchObject({ code: 'resource_missing', statusCode: 404 })

    const notImplemented = await refused(
      stripe.paymentIntents.create({ amount: 1000, currency: 'usd', capture_method: 'manual' }),
    )
    expect(notImplemented).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    // API version 2026-10-28.endive replaced payment_method_types by allowed_payment_method_types.
    const removed = await refused(
      stripe.paymentIntents.create({
        amount: 1000,
        currency: 'usd',
        payment_method_types: ['card'],
      } as Stripe.PaymentIntentCreateParams),
    )
    expect(removed).toMatchObject({ code: 'parameter_unknown', param: 'payment_method_types' })

    const badKey = new Stripe('sk_live_nope', {
      host: server.host,
      port: server.port,
      protocol: 'http',
    })
    await expect(badKey.balance.retrieve()).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    )

    server.failNext({ kind: 'card_declined', declineCode: 'insufficient_funds' })
    const declined = await refused(paidIntent(1000, 'usd'))
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError)
    expect(declined).toMatchObject({ code: 'card_declined', decline_code: 'insufficient_funds' })
  })

  it('refunds part, then the rest, then refuses a third refund', async () => {
    const pi = await paidIntent(10000)
    const partial = await stripe.refunds.create({ payment_intent: pi.id, amount: 3000 })
    expect(partial).toMatchObject({ amount: 3000, status: 'succeeded' })
    const rest = await stripe.refunds.create({ charge: must(pi.latest_charge, 'charge') as string })
    expect(rest.amount).toBe(7000)
    const charge = await stripe.charges.retrieve(pi.latest_charge as string)
    expect(charge).toMatchObject({ amount_refunded: 10000, refunded: true })
    await expect(stripe.refunds.create({ payment_intent: pi.id })).rejects.toMatchObject({
      code: 'charge_already_refunded',
    })
    const refunds = (await stripe.balanceTransactions.list({ type: 'refund' })).data
    expect(refunds.map((t) => [t.amount, t.fee])).toEqual([
      [-7000, 0],
      [-3000, 0],
    ])
    await server.idle()
    const refundedEvents = verified(stripe, listener.received).filter(
      (e) => e.type === 'charge.refunded',
    )
    expect(refundedEvents).toHaveLength(2)
  })

  it('sends transfers with a transfer group within the platform region and within the balance', async () => {
    const account = await onboardedAccount('HK')
    const pi = await paidIntent(50000, 'hkd')
    const chargeId = pi.latest_charge as string
    await stripe.transfers.create({
      amount: 20000,
      currency: 'hkd',
      destination: account.id,
      transfer_group: 'space_3',
      source_transaction: chargeId,
    })
    await stripe.transfers.create({
      amount: 10000,
      currency: 'hkd',
      destination: account.id,
      transfer_group: 'space_3',
    })
    await stripe.transfers.create({
      amount: 100,
      currency: 'hkd',
      destination: account.id,
      transfer_group: 'other',
    })
    const grouped = await stripe.transfers.list({ transfer_group: 'space_3' })
    expect(grouped.data.map((t) => t.amount)).toEqual([10000, 20000])

    await expect(
      stripe.transfers.create({
        amount: 40000,
        currency: 'hkd',
        destination: account.id,
        source_transaction: chargeId,
      }),
    ).rejects.toMatchObject({ code: 'balance_insufficient', param: 'amount' })
    await expect(
      stripe.transfers.create({ amount: 100, currency: 'usd', destination: account.id }),
    ).rejects.toMatchObject({ code: 'balance_insufficient' })
    // With the platform in HK, Stripe cannot pay an account in the US.
    const american = await onboardedAccount('US')
    await expect(
      stripe.transfers.create({ amount: 100, currency: 'hkd', destination: american.id }),
    ).rejects.toMatchObject({ code: 'transfers_not_allowed', param: 'destination' })
    const fresh = await stripe.accounts.create({ type: 'express' })
    await expect(
      stripe.transfers.create({ amount: 100, currency: 'hkd', destination: fresh.id }),
    ).rejects.toMatchObject({ code: 'insufficient_capabilities_for_transfer' })
  })

  it('fails an off-session payment that needs authentication, then succeeds through the hosted page', async () => {
    const customer = await stripe.customers.create({ email: 'member@example.com' })
    const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id })
    server.failNext({ kind: 'authentication_required' })
    let error: unknown
    try {
      await stripe.paymentIntents.create({
        amount: 8800,
        currency: 'cny',
        customer: customer.id,
        payment_method: pm.id,
        off_session: true,
        confirm: true,
      })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError)
    expect(error).toMatchObject({ code: 'authentication_required' })
    const piId = must(
      (error as Stripe.errors.StripeCardError).payment_intent?.id,
      'payment intent in error',
    )
    const pending = await stripe.paymentIntents.retrieve(piId)
    expect(pending.status).toBe('requires_action')
    const url = must(pending.next_action?.redirect_to_url?.url, 'redirect url')
    expect(await (await fetch(url)).text()).toContain('Complete authentication')
    const answer = await submit(url, { intent: 'complete' })
    expect(answer.status).toBe(200)
    const paid = await stripe.paymentIntents.retrieve(piId)
    expect(paid.status).toBe('succeeded')
    await server.idle()
    const types = verified(stripe, listener.received).map((e) => e.type)
    expect(types).toContain('payment_intent.succeeded')
  })

  it('lists balance transactions by date range, a page at a time', async () => {
    await server.close()
    let nowMs = Date.UTC(2026, 5, 1, 9, 0, 0)
    server = await startStripeServer({ now: () => nowMs })
    stripe = server.stripe()
    const day = 86_400_000
    for (const amount of [1000, 2000, 3000, 4000, 5000]) {
      await paidIntent(amount, 'usd')
      nowMs += day
    }
    const start = Math.floor(Date.UTC(2026, 5, 2) / 1000)
    const end = Math.floor(Date.UTC(2026, 5, 4, 23) / 1000)
    const firstPage = await stripe.balanceTransactions.list({
      created: { gte: start, lte: end },
      limit: 2,
    })
    expect(firstPage.data.map((t) => t.amount)).toEqual([4000, 3000])
    expect(firstPage.has_more).toBe(true)
    const secondPage = await stripe.balanceTransactions.list({
      created: { gte: start, lte: end },
      limit: 2,
      starting_after: must(firstPage.data.at(-1), 'last of page').id,
    })
    expect(secondPage.data.map((t) => t.amount)).toEqual([2000])
    expect(secondPage.has_more).toBe(false)
    const all: number[] = []
    for await (const txn of stripe.balanceTransactions.list({ limit: 2 })) all.push(txn.amount)
    expect(all).toEqual([5000, 4000, 3000, 2000, 1000])
  })

  it('re-delivers an event several times, concurrently, and in the order a test chooses', async () => {
    server.configureWebhooks({ autoDeliver: false })
    const pi = await paidIntent(1000, 'usd')
    await stripe.refunds.create({ payment_intent: pi.id })
    expect(listener.received).toHaveLength(0)
    const events = server.state.events
    const refunded = must(
      events.find((e) => e.type === 'charge.refunded'),
      'charge.refunded',
    )
    const succeeded = must(
      events.find((e) => e.type === 'payment_intent.succeeded'),
      'succeeded',
    )
    await server.deliverEvent(refunded)
    await server.deliverEvent(succeeded.id, { times: 3, concurrently: true })
    const delivered = verified(stripe, listener.received)
    expect(delivered.map((e) => e.type)).toEqual([
      'charge.refunded',
      'payment_intent.succeeded',
      'payment_intent.succeeded',
      'payment_intent.succeeded',
    ])
    expect(new Set(delivered.slice(1).map((e) => e.id))).toEqual(new Set([succeeded.id]))
    expect(server.state.webhookDeliveries.every((d) => d.ok)).toBe(true)
    const listed = await stripe.events.list({ type: 'charge.*' })
    expect(listed.data.map((e) => e.type)).toEqual(['charge.refunded', 'charge.succeeded'])

    server.configureWebhooks({ autoDeliver: true })
    const payout = await server.sendEvent('payout.paid', {
      id: 'po_1',
      object: 'payout',
      amount: 900,
    })
    const last = verified(stripe, listener.received).at(-1)
    expect(last).toMatchObject({
      id: payout.id,
      type: 'payout.paid',
      data: { object: { id: 'po_1' } },
    })
  })

  it('saves a card through Checkout in setup mode, authenticates another on setup, and charges both off-session', async () => {
    const customer = await stripe.customers.create({ email: 'member@example.com' })
    const session = await stripe.checkout.sessions.create({
      mode: 'setup',
      currency: 'cny',
      customer: customer.id,
      success_url: 'https://zhongchuang.test/cards/saved',
    })
    const saved = await submit(must(session.url, 'session url'), { intent: 'pay', card: 'visa' })
    expect(saved.headers.get('location')).toBe('https://zhongchuang.test/cards/saved')
    const completed = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['setup_intent'],
    })
    const si = completed.setup_intent as Stripe.SetupIntent
    expect(si).toMatchObject({ status: 'succeeded', usage: 'off_session', customer: customer.id })

    const onSetup = await stripe.setupIntents.create({
      customer: customer.id,
      payment_method: 'pm_card_authenticationRequiredOnSetup',
      confirm: true,
      return_url: 'https://zhongchuang.test/cards/back',
    })
    expect(onSetup.status).toBe('requires_action')
    const back = await submit(must(onSetup.next_action?.redirect_to_url?.url, 'redirect'), {
      intent: 'complete',
    })
    const backTo = new URL(must(back.headers.get('location'), 'return location'))
    expect(backTo.searchParams.get('setup_intent')).toBe(onSetup.id)
    expect(backTo.searchParams.get('redirect_status')).toBe('succeeded')

    const cards = await stripe.customers.listPaymentMethods(customer.id)
    expect(cards.data).toHaveLength(2)
    for (const card of cards.data) {
      const pi = await stripe.paymentIntents.create({
        amount: 1500,
        currency: 'cny',
        customer: customer.id,
        payment_method: card.id,
        off_session: true,
        confirm: true,
      })
      expect(pi.status).toBe('succeeded')
    }
  })
})
