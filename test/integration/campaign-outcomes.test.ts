// A campaign's money from its deadline to the payout, against real PostgreSQL, the ledger and
// the Stripe test server (through the official SDK and the real webhook route). The product's
// clock is moved with setNow and timers fire through sweepTimers; the card-charge jobs run
// in-process as the worker would. What investors, the startup and the platform see: statuses,
// holdings, notifications, refunds at Stripe and every ledger balance.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { and, eq, inArray, isNull } from 'drizzle-orm'
import type Stripe from 'stripe'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  auditLog,
  campaigns,
  commitments,
  holdings,
  notifications,
  payments,
  stripeAccounts,
  timers,
} from '../../db/schema/index.ts'
import { now, setNow } from '../../app/clock.server.ts'
import { resetEnv } from '../../app/env.server.ts'
import {
  completeCampaign,
  decidePartial,
  rejectDocuments,
  submitDocuments,
  withdrawCampaign,
} from '../../app/domains/deals/closing.server.ts'
import {
  cardSetupUrl,
  commit,
  confirmSavedCard,
  retryCharge,
} from '../../app/domains/deals/commitments.server.ts'
import { account, balanceOf } from '../../app/domains/payments/ledger.server.ts'
import { startCheckout } from '../../app/domains/payments/start-checkout.server.ts'
import { resetStripeClient } from '../../app/domains/payments/stripe/client.server.ts'
import { customerOf } from '../../app/domains/payments/stripe/saved-cards.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import { scheduleTimer, sweepTimers } from '../../app/domains/timers/timers.server.ts'
import { dealTimers } from '../../app/domains/deals/timer-kinds.ts'
import '../../app/domains/timers/handlers.server.ts'
import { action as webhookAction } from '../../app/routes/webhooks.stripe.tsx'
import { commitmentCharge } from '../../workers/jobs/commitment-charge.ts'
import { type StripeTestServer, startStripeServer } from '../stripe/server.ts'
import { createCampaign, createInvestor, createStartup } from '../factories/deals.ts'
import { addOrgMember, createUser, makeAdmin } from '../factories/index.ts'
import { drainJobs } from '../support/jobs.ts'
import { must } from '../support/must.ts'

const SECRET = 'whsec_campaign_outcomes_test'
const ORIGIN = 'http://zhongchuang.test'
const context = { ip: '127.0.0.1', nonce: 'test', requestId: 'test' }
const NOW = new Date('2026-11-22T02:00:00Z')
const DAY = 86_400_000
const WAN = 1_000_000 // ¥1万 in fen

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
let dashboard: Stripe

// One Stripe for the file: objects made in one test stay valid while its leftovers settle.
beforeAll(async () => {
  endpoint = await startWebhookEndpoint()
  stripeServer = await startStripeServer({ webhookUrl: endpoint.url, webhookSecret: SECRET })
  dashboard = stripeServer.stripe()
  process.env.STRIPE_SECRET_KEY = stripeServer.apiKey
  process.env.STRIPE_WEBHOOK_SECRET = SECRET
  process.env.STRIPE_API_URL = stripeServer.url
  resetEnv()
  resetStripeClient()
})

afterAll(async () => {
  await stripeServer.close()
  await endpoint.close()
})

beforeEach(async () => {
  setNow(NOW)
  // Each test sweeps only its own timers: what an earlier test left due is called off.
  await db()
    .update(timers)
    .set({ cancelledAt: NOW })
    .where(and(isNull(timers.firedAt), isNull(timers.cancelledAt)))
  await settle()
})

afterEach(() => setNow(null))

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

/** A startup with a Hong Kong Stripe account that finished onboarding, so cards are offered. */
async function stripeStartup() {
  const startup = await createStartup(db())
  const created = await dashboard.accounts.create({ type: 'express', country: 'HK' })
  const link = await dashboard.accountLinks.create({
    account: created.id,
    type: 'account_onboarding',
    refresh_url: `${ORIGIN}/finance/stripe`,
    return_url: `${ORIGIN}/finance/stripe`,
  })
  await submit(link.url, { intent: 'complete' })
  await db().insert(stripeAccounts).values({
    id: created.id,
    ownerOrgId: startup.org.id,
    country: 'HK',
    chargesEnabled: true,
    payoutsEnabled: true,
    detailsSubmitted: true,
    createdAt: new Date(),
    updatedAt: new Date(),
  })
  return startup
}

type Investor = Awaited<ReturnType<typeof createInvestor>>
type Campaign = Awaited<ReturnType<typeof createCampaign>>

/** A live campaign with its deadline timer, as publishing schedules it. */
async function campaignOf(startup: Awaited<ReturnType<typeof stripeStartup>>) {
  const campaign = await createCampaign(db(), {
    orgId: startup.org.id,
    createdByUserId: startup.owner.id,
    targetFen: 10 * WAN,
    maxFen: 15 * WAN,
    minTicketFen: WAN,
    minimumAcceptFen: 8 * WAN,
    preMoneyFen: 90 * WAN,
    deadline: new Date(NOW.getTime() + 30 * DAY),
  })
  await scheduleTimer(db(), {
    kind: dealTimers.campaignDeadline,
    subjectId: campaign.id,
    dueAt: campaign.deadline,
  })
  return campaign
}

async function commitAs(
  investor: Investor,
  campaign: Campaign,
  amountFen: number,
  method: 'card' | 'pay_now',
) {
  return db().transaction((tx) =>
    commit(tx, {
      campaignId: campaign.id,
      userId: investor.user.id,
      profileId: investor.profile.id,
      amountFen,
      method,
      termsVersion: campaign.version,
    }),
  )
}

/** A card commitment: the investor saves the card (`pm_card_…`) and the commitment counts. */
async function byCard(campaign: Campaign, amountFen: number, card = 'pm_card_visa') {
  const investor = await createInvestor(db())
  const made = await commitAs(investor, campaign, amountFen, 'card')
  await dashboard.paymentMethods.attach(card, { customer: await customerOf(investor.user.id) })
  expect(await confirmSavedCard(made.id, investor.user.id)).toBe('confirmed')
  return { investor, commitment: made, paymentId: must(made.paymentId, 'payment') }
}

/** A pay-now commitment paid with Alipay on Stripe's Checkout. */
async function byAlipay(campaign: Campaign, amountFen: number) {
  const investor = await createInvestor(db())
  const made = await commitAs(investor, campaign, amountFen, 'pay_now')
  const paymentId = must(made.paymentId, 'payment')
  const url = await startCheckout(paymentId, ORIGIN)
  const paid = await submit(url, { intent: 'pay', payment_method_type: 'alipay' })
  expect(paid.status).toBe(303)
  await settle()
  return { investor, commitment: made, paymentId }
}

const statusOf = async (id: string) =>
  must((await db().select().from(commitments).where(eq(commitments.id, id)))[0], 'c').status
const campaignRow = async (id: string) =>
  must((await db().select().from(campaigns).where(eq(campaigns.id, id)))[0], 'campaign')
const paymentStatus = async (id: string) =>
  must((await db().select().from(payments).where(eq(payments.id, id)))[0], 'p').status

/** The deadline passes: its timer fires and each card's charge job runs. */
async function passDeadline(campaign: Campaign) {
  setNow(campaign.deadline)
  await sweepTimers()
  await settle()
}

async function passCollection(campaign: Campaign) {
  const row = await campaignRow(campaign.id)
  setNow(must(row.collectionEndsAt, 'collection end'))
  await sweepTimers()
  await settle()
}

const pdf = (name: string) =>
  new File([new TextEncoder().encode(`%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`)], name, {
    type: 'application/pdf',
  })

const kindsFor = async (userId: string) =>
  (await db().select().from(notifications).where(eq(notifications.userId, userId))).map(
    (n) => n.kind,
  )

/** Stripe's processing fees on the charges of these payments (what a refund does not return). */
async function stripeFeesOf(paymentIds: string[]): Promise<number> {
  const rows = await db().select().from(payments).where(inArray(payments.id, paymentIds))
  let fees = 0
  for (const p of rows) {
    const pi = await dashboard.paymentIntents.retrieve(must(p.paymentIntentId, 'intent'), {
      expand: ['latest_charge.balance_transaction'],
    })
    const charge = pi.latest_charge as Stripe.Charge
    fees += (charge.balance_transaction as Stripe.BalanceTransaction).fee
  }
  return fees
}

/** What Stripe refunded on these payments, in order. */
async function refundsOf(paymentIds: string[]): Promise<number[]> {
  const amounts = []
  for (const id of paymentIds) {
    const p = must((await db().select().from(payments).where(eq(payments.id, id)))[0], 'p')
    const list = await dashboard.refunds.list({ payment_intent: must(p.paymentIntentId, 'pi') })
    amounts.push(...list.data.map((r) => r.amount))
  }
  return amounts
}

describe('success', () => {
  it('collects cards and money paid now, and pays the startup less the fee once the documents are verified', async () => {
    const startup = await stripeStartup()
    const campaign = await campaignOf(startup)
    // One investor saves a card on Stripe's hosted page, the way the commit page sends them.
    const cardInvestor = await createInvestor(db())
    const a = await commitAs(cardInvestor, campaign, 6 * WAN, 'card')
    const setupUrl = await cardSetupUrl(a.id, cardInvestor.user.id, ORIGIN)
    const saved = await submit(setupUrl, { intent: 'pay', card: 'visa' })
    expect(locationOf(saved)).toBe(`${ORIGIN}/commitments/${a.id}?card=saved`)
    expect(await confirmSavedCard(a.id, cardInvestor.user.id)).toBe('confirmed')
    expect(await statusOf(a.id)).toBe('committed')
    const b = await byAlipay(campaign, 4 * WAN)
    expect(await statusOf(b.commitment.id)).toBe('committed')
    // A card is only saved until the campaign succeeds: nothing charged yet.
    expect(await paymentStatus(must(a.paymentId, 'p'))).toBe('awaiting_payment')

    await passDeadline(campaign)
    const collecting = await campaignRow(campaign.id)
    expect(collecting.status).toBe('collecting')
    expect(collecting.collectionEndsAt).toEqual(new Date(campaign.deadline.getTime() + 7 * DAY))
    expect(await statusOf(a.id)).toBe('collected')
    expect(await statusOf(b.commitment.id)).toBe('collected')
    expect(await kindsFor(cardInvestor.user.id)).toContain('campaign.collecting')

    await passCollection(campaign)
    const funded = await campaignRow(campaign.id)
    expect(funded).toMatchObject({ status: 'funded', raisedFen: 10 * WAN })
    expect(await kindsFor(startup.owner.id)).toContain('campaign.funded')

    await submitDocuments({
      campaignId: campaign.id,
      userId: startup.owner.id,
      agreement: pdf('投资协议.pdf'),
      registration: pdf('工商变更登记.pdf'),
    })
    const admin = await createUser(db())
    await makeAdmin(db(), admin.id, ['verifier'])
    await rejectDocuments({
      campaignId: campaign.id,
      adminUserId: admin.id,
      reason: '投资协议缺少签章页',
      ip: null,
    })
    expect(await campaignRow(campaign.id)).toMatchObject({
      status: 'funded',
      documentsRejectionReason: '投资协议缺少签章页',
    })
    expect(await kindsFor(startup.owner.id)).toContain('campaign.documentsRejected')
    await submitDocuments({
      campaignId: campaign.id,
      userId: startup.owner.id,
      agreement: pdf('投资协议（签章）.pdf'),
      registration: pdf('工商变更登记.pdf'),
    })

    const feesBefore = await balanceOf(db(), account.platformFees('CNY'))
    await completeCampaign({ campaignId: campaign.id, adminUserId: admin.id, ip: null })
    const done = await campaignRow(campaign.id)
    expect(done.status).toBe('completed')
    for (const id of [must(a.paymentId, 'p'), b.paymentId])
      expect(await balanceOf(db(), account.escrow(id, 'CNY'))).toBe(0)
    // 3 % of ¥10万 deducted from the startup's proceeds.
    expect(await balanceOf(db(), account.payable({ orgId: startup.org.id }, 'CNY'))).toBe(
      10 * WAN - 300_000,
    )
    expect((await balanceOf(db(), account.platformFees('CNY'))) - feesBefore).toBe(300_000)
    const held = await db().select().from(holdings).where(eq(holdings.campaignId, campaign.id))
    // Post-money: ¥90万 pre-money + ¥10万 raised.
    expect(held.map((h) => [h.amountFen, h.equityPpm]).sort()).toEqual([
      [4 * WAN, 40_000],
      [6 * WAN, 60_000],
    ])
    expect(await statusOf(a.id)).toBe('completed')
    expect(await kindsFor(cardInvestor.user.id)).toContain('campaign.completed')
    // Both of the verifier's actions are in the audit log.
    const audited = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, campaign.id), eq(auditLog.actorUserId, admin.id)))
    expect(audited.map((r) => r.action).sort()).toEqual([
      'campaign.complete',
      'campaign.reject-documents',
    ])
    // The startup is paid at Stripe by a transfer per payment.
    await settle()
    const transferred = []
    for (const id of [must(a.paymentId, 'p'), b.paymentId])
      for (const t of (await dashboard.transfers.list({ transfer_group: `payment:${id}` })).data)
        transferred.push(t.amount)
    expect(transferred).toEqual([6 * WAN - 180_000, 4 * WAN - 120_000])
  })
})

describe('off-session charges', () => {
  it('sends the investor to the bank when it asks to confirm, and collects once they do', async () => {
    const startup = await stripeStartup()
    const campaign = await campaignOf(startup)
    // A card whose bank always wants the cardholder, off session too.
    const { investor, commitment, paymentId } = await byCard(
      campaign,
      10 * WAN,
      'pm_card_authenticationRequired',
    )
    await passDeadline(campaign)
    expect(await paymentStatus(paymentId)).toBe('requires_action')
    expect(await statusOf(commitment.id)).toBe('committed')
    const [note] = await db()
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, investor.user.id),
          eq(notifications.kind, 'payment.actionRequired'),
        ),
      )
    expect(note?.link).toBe(`/payments/${paymentId}`)
    // On the payment page: to the bank's confirmation and back.
    const bank = await startCheckout(paymentId, ORIGIN)
    expect(bank).toContain('/hosted/authenticate/')
    await submit(bank, { intent: 'complete' })
    await settle()
    expect(await statusOf(commitment.id)).toBe('collected')
    await passCollection(campaign)
    expect((await campaignRow(campaign.id)).status).toBe('funded')
  })

  it('lets an investor whose card was declined pay with another card within the window', async () => {
    const startup = await stripeStartup()
    const campaign = await campaignOf(startup)
    const { investor, commitment } = await byCard(campaign, 10 * WAN, 'pm_card_chargeDeclined')
    await passDeadline(campaign)
    expect(await statusOf(commitment.id)).toBe('committed')
    expect(await kindsFor(investor.user.id)).toContain('commitment.chargeFailed')
    // Another card, newest first, and a retry before the window ends.
    setNow(new Date(campaign.deadline.getTime() + 3 * DAY))
    await dashboard.paymentMethods.attach('pm_card_visa', {
      customer: await customerOf(investor.user.id),
    })
    expect(await retryCharge({ commitmentId: commitment.id, userId: investor.user.id })).toEqual({
      outcome: 'paid',
    })
    await settle()
    expect(await statusOf(commitment.id)).toBe('collected')
    // Running the charge job again changes nothing.
    await commitmentCharge.handler({ commitmentId: commitment.id })
    await passCollection(campaign)
    expect(await campaignRow(campaign.id)).toMatchObject({ status: 'funded', raisedFen: 10 * WAN })
  })
})

describe('a short collection', () => {
  /** ¥11万 committed; the ¥2万 card is declined: ¥9万 collected, above the ¥8万 minimum. */
  async function shortCampaign() {
    const startup = await stripeStartup()
    const campaign = await campaignOf(startup)
    const a = await byCard(campaign, 5 * WAN)
    const b = await byAlipay(campaign, 4 * WAN)
    const c = await byCard(campaign, 2 * WAN, 'pm_card_chargeDeclined')
    await passDeadline(campaign)
    await passCollection(campaign)
    expect(await statusOf(c.commitment.id)).toBe('unpaid')
    expect(await paymentStatus(c.paymentId)).toBe('cancelled')
    const row = await campaignRow(campaign.id)
    expect(row).toMatchObject({ status: 'deciding', raisedFen: 9 * WAN })
    expect(row.decisionDeadline).toEqual(new Date(now().getTime() + 7 * DAY))
    expect(await kindsFor(startup.owner.id)).toContain('campaign.decision')
    return { startup, campaign, a, b, c }
  }

  it('is funded when the startup accepts the smaller amount', async () => {
    const { startup, campaign, a } = await shortCampaign()
    await decidePartial({ campaignId: campaign.id, userId: startup.owner.id, accept: true })
    expect(await campaignRow(campaign.id)).toMatchObject({ status: 'funded', raisedFen: 9 * WAN })
    expect(await statusOf(a.commitment.id)).toBe('collected')
    expect(await kindsFor(a.investor.user.id)).toContain('campaign.funded')
  })

  it('fails when the startup declines, and every investor gets all their money back; the platform bears Stripe’s fee', async () => {
    const { startup, campaign, a, b } = await shortCampaign()
    const paid = [a.paymentId, b.paymentId]
    const feesBefore = await balanceOf(db(), account.stripeFees('CNY'))
    const clearingBefore = await balanceOf(db(), account.stripeClearing('CNY'))
    await decidePartial({ campaignId: campaign.id, userId: startup.owner.id, accept: false })
    await settle()
    expect((await campaignRow(campaign.id)).status).toBe('failed')
    for (const id of paid) {
      expect(await balanceOf(db(), account.escrow(id, 'CNY'))).toBe(0)
      expect(await paymentStatus(id)).toBe('settled')
    }
    for (const who of [a, b]) {
      expect(await statusOf(who.commitment.id)).toBe('released')
      expect(
        await balanceOf(db(), account.refundable({ userId: who.investor.user.id }, 'CNY')),
      ).toBe(0)
      expect(await kindsFor(who.investor.user.id)).toContain('campaign.failed')
    }
    const refunded = await refundsOf(paid)
    expect(refunded).toEqual([5 * WAN, 4 * WAN])
    // The fees Stripe kept stay on the platform's own account; the refunds took the whole amounts
    // out of the platform's Stripe balance.
    const kept = await stripeFeesOf(paid)
    expect(kept).toBe(Math.round(9 * WAN * 0.034))
    expect((await balanceOf(db(), account.stripeFees('CNY'))) - feesBefore).toBe(0)
    expect((await balanceOf(db(), account.stripeClearing('CNY'))) - clearingBefore).toBe(-9 * WAN)
  })

  it('fails when the startup lets the decision deadline pass', async () => {
    const { campaign, a } = await shortCampaign()
    const row = await campaignRow(campaign.id)
    setNow(new Date(must(row.decisionDeadline, 'decision deadline').getTime() - 1))
    await sweepTimers()
    expect((await campaignRow(campaign.id)).status).toBe('deciding')
    setNow(must(row.decisionDeadline, 'decision deadline'))
    await sweepTimers()
    await settle()
    expect((await campaignRow(campaign.id)).status).toBe('failed')
    expect(await balanceOf(db(), account.escrow(a.paymentId, 'CNY'))).toBe(0)
  })
})

describe('failure and withdrawal', () => {
  it('fails at the deadline without the target committed: cards are never charged, money paid now comes back whole', async () => {
    const startup = await stripeStartup()
    const campaign = await campaignOf(startup)
    const a = await byCard(campaign, 3 * WAN)
    const b = await byAlipay(campaign, 4 * WAN)
    const pending = await commitAs(await createInvestor(db()), campaign, WAN, 'pay_now')
    const clearingBefore = await balanceOf(db(), account.stripeClearing('CNY'))
    const feesBefore = await balanceOf(db(), account.stripeFees('CNY'))
    await passDeadline(campaign)
    expect((await campaignRow(campaign.id)).status).toBe('failed')
    expect(await statusOf(pending.id)).toBe('cancelled')
    expect(await statusOf(a.commitment.id)).toBe('released')
    expect(await paymentStatus(a.paymentId)).toBe('cancelled')
    expect(
      stripeServer.state.paymentIntents.filter((p) => p.metadata.paymentId === a.paymentId),
    ).toHaveLength(0)
    expect(await statusOf(b.commitment.id)).toBe('released')
    expect(await balanceOf(db(), account.escrow(b.paymentId, 'CNY'))).toBe(0)
    expect(await refundsOf([b.paymentId])).toEqual([4 * WAN])
    expect(await balanceOf(db(), account.refundable({ userId: b.investor.user.id }, 'CNY'))).toBe(0)
    // The investor got 4万 back; the ¥1,360 Stripe kept is the platform's, on its fee account.
    expect((await balanceOf(db(), account.stripeClearing('CNY'))) - clearingBefore).toBe(-4 * WAN)
    expect(await balanceOf(db(), account.stripeFees('CNY'))).toBe(feesBefore)
    expect(await stripeFeesOf([b.paymentId])).toBe(1_360_00)
    expect(await kindsFor(startup.owner.id)).toContain('campaign.failed')
  })

  it('withdraws a live campaign at the startup’s request, releasing and refunding everything', async () => {
    const startup = await stripeStartup()
    const campaign = await campaignOf(startup)
    const b = await byAlipay(campaign, 4 * WAN)
    await withdrawCampaign({
      campaignId: campaign.id,
      userId: startup.owner.id,
      as: 'startup',
      reason: '公司决定暂停本轮融资',
      ip: null,
    })
    await settle()
    expect(await campaignRow(campaign.id)).toMatchObject({
      status: 'withdrawn',
      closedReason: '公司决定暂停本轮融资',
    })
    expect(await statusOf(b.commitment.id)).toBe('released')
    expect(await paymentStatus(b.paymentId)).toBe('settled')
    expect(await kindsFor(b.investor.user.id)).toContain('campaign.withdrawn')
    // The deadline passing later changes nothing.
    await passDeadline(campaign)
    expect((await campaignRow(campaign.id)).status).toBe('withdrawn')
  })
})

describe('admins with a stake', () => {
  it('may not complete, reject or withdraw a campaign of their own organisation or of a firm investing in it', async () => {
    const startup = await stripeStartup()
    const campaign = await campaignOf(startup)
    const insider = await createUser(db())
    await makeAdmin(db(), insider.id, ['verifier'])
    await addOrgMember(db(), startup.org.id, insider.id, 'member')
    const firm = await createInvestor(db(), { kind: 'institution' })
    await makeAdmin(db(), firm.user.id, ['verifier'])
    await commitAs(firm, campaign, 2 * WAN, 'pay_now')
    for (const adminUserId of [insider.id, firm.user.id]) {
      const error = await withdrawCampaign({
        campaignId: campaign.id,
        userId: adminUserId,
        as: 'admin',
        reason: '违规宣传',
        ip: null,
      }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(UserError)
      expect((error as UserError).messageKey).toBe('commitments:admin.errors.ownOrg')
      await expect(
        completeCampaign({ campaignId: campaign.id, adminUserId, ip: null }),
      ).rejects.toMatchObject({ messageKey: 'commitments:admin.errors.ownOrg' })
    }
    expect((await campaignRow(campaign.id)).status).toBe('live')
    const outsider = await createUser(db())
    await makeAdmin(db(), outsider.id, ['verifier'])
    await withdrawCampaign({
      campaignId: campaign.id,
      userId: outsider.id,
      as: 'admin',
      reason: '违规宣传',
      ip: null,
    })
    expect((await campaignRow(campaign.id)).status).toBe('withdrawn')
  })
})
