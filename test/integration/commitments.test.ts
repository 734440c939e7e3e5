// Committing to a campaign against real PostgreSQL: the minimum ticket, the cap, the investor's
// own annual limit, the holder limits of a 有限责任公司 (50), a 股份有限公司 (200) and a 有限合伙
// vehicle (49 investors), all holding under concurrency; the 48-hour cooling-off boundary to the
// millisecond; money paid now confirming a commitment (or going back whole when the commitment
// is gone); the 24-hour pay-by timer; the 120-hour reconfirmation and its lapse with a refund.
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { commitments, notifications, payments } from '../../db/schema/index.ts'
import { now, setNow } from '../../app/clock.server.ts'
import {
  cancelCommitment,
  commit,
  reconfirm,
  type CommitInput,
} from '../../app/domains/deals/commitments.server.ts'
import { askReconfirmation } from '../../app/domains/deals/reconfirm.server.ts'
import { collectPayment } from '../../app/domains/payments/collect-payment.server.ts'
import { account, balanceOf } from '../../app/domains/payments/ledger.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import { scheduleTimer, sweepTimers } from '../../app/domains/timers/timers.server.ts'
import { dealTimers } from '../../app/domains/deals/timer-kinds.ts'
import '../../app/domains/timers/handlers.server.ts'
import { campaigns } from '../../db/schema/index.ts'
import { createCampaign, createInvestor, createStartup } from '../factories/deals.ts'
import { must } from '../support/must.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import * as commitPage from '../../app/routes/campaigns.$slug.commit.tsx'
import * as commitmentRoute from '../../app/routes/commitments.$id.tsx'

const NOW = new Date('2026-11-22T02:00:00Z')
const HOUR = 3_600_000
const DAY = 24 * HOUR
beforeEach(() => setNow(NOW))
afterEach(() => setNow(null))

const WAN = 1_000_000 // ¥1万 in fen

type Investor = Awaited<ReturnType<typeof createInvestor>>
type Campaign = Awaited<ReturnType<typeof createCampaign>>

const input = (
  investor: Investor,
  campaign: Campaign,
  amountFen: number,
  method: CommitInput['method'] = 'pay_now',
): CommitInput => ({
  campaignId: campaign.id,
  userId: investor.user.id,
  profileId: investor.profile.id,
  amountFen,
  method,
  termsVersion: campaign.version,
})

const commitAs = (
  investor: Investor,
  campaign: Campaign,
  amountFen: number,
  method?: CommitInput['method'],
) => db().transaction((tx) => commit(tx, input(investor, campaign, amountFen, method)))

/** Settles when the promise is refused with this catalogue key; returns the error. */
async function refusal(promise: Promise<unknown>, key: string): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  expect((error as UserError).messageKey).toBe(key)
  return error as UserError
}

/** The investor pays now by bank transfer, recorded as the custody bank's statement would be. */
async function payNow(commitmentId: string) {
  const row = must(
    (await db().select().from(commitments).where(eq(commitments.id, commitmentId)))[0],
    'commitment',
  )
  const paymentId = must(row.paymentId, 'payment')
  await db().transaction((tx) =>
    collectPayment(tx, {
      paymentId,
      provider: 'bank',
      providerRef: `transfer-${paymentId}`,
      operationKey: `test-collect:${paymentId}`,
    }),
  )
  return paymentId
}

const statusOf = async (id: string) =>
  must((await db().select().from(commitments).where(eq(commitments.id, id)))[0], 'commitment')
    .status
const paymentStatus = async (id: string) =>
  must((await db().select().from(payments).where(eq(payments.id, id)))[0], 'payment').status

/** Commitments already counting, written directly: one investor each. */
async function fillWith(campaign: Campaign, investors: number, amountFen = WAN) {
  for (let i = 0; i < investors; i++) {
    const investor = await createInvestor(db())
    await db().insert(commitments).values({
      campaignId: campaign.id,
      investorProfileId: investor.profile.id,
      userId: investor.user.id,
      amountFen,
      method: 'pay_now',
      status: 'committed',
      termsVersion: 1,
      createdAt: now(),
      updatedAt: now(),
    })
  }
}

describe('what may be committed', () => {
  it('refuses less than the minimum ticket beside the amount', async () => {
    const campaign = await createCampaign(db(), { minTicketFen: 5 * WAN })
    const investor = await createInvestor(db())
    const error = await refusal(
      commitAs(investor, campaign, 5 * WAN - 1),
      'commitments:errors.belowMinimum',
    )
    expect(error.field).toBe('amount')
    expect(error.values).toEqual({ minFen: 5 * WAN })
    const made = await commitAs(investor, campaign, 5 * WAN)
    expect(made.status).toBe('pending')
  })

  it('refuses more than the cap allows and says how much room is left', async () => {
    const campaign = await createCampaign(db(), { targetFen: 100 * WAN, maxFen: 120 * WAN })
    await fillWith(campaign, 1, 108 * WAN)
    const investor = await createInvestor(db())
    const error = await refusal(
      commitAs(investor, campaign, 13 * WAN),
      'commitments:errors.overCap',
    )
    expect(error).toMatchObject({ field: 'amount', values: { roomFen: 12 * WAN } })
    expect((await commitAs(investor, campaign, 12 * WAN)).amountFen).toBe(12 * WAN)
    const late = await createInvestor(db())
    await refusal(commitAs(late, campaign, WAN), 'commitments:errors.full')
  })

  it('keeps each investor within their own declared annual limit, by the Beijing calendar year', async () => {
    const investor = await createInvestor(db(), { annualLimitFen: 30 * WAN })
    const last = await createCampaign(db())
    // 31 Dec 2025, 23:00 in Beijing: last year's commitment does not count this year.
    setNow(new Date('2025-12-31T15:00:00Z'))
    const old = await createCampaign(db())
    await commitAs(investor, old, 25 * WAN)
    setNow(NOW)
    const first = await createCampaign(db())
    await commitAs(investor, first, 20 * WAN)
    const error = await refusal(
      commitAs(investor, last, 11 * WAN),
      'commitments:errors.overAnnualLimit',
    )
    expect(error.values).toEqual({ roomFen: 10 * WAN })
    expect((await commitAs(investor, last, 10 * WAN)).status).toBe('pending')
  })

  it('counts existing holders toward the 50 of a 有限责任公司', async () => {
    const campaign = await createCampaign(db(), { companyForm: 'llc', existingHolders: 47 })
    await fillWith(campaign, 2)
    const third = await createInvestor(db())
    await commitAs(third, campaign, WAN)
    const fourth = await createInvestor(db())
    await refusal(commitAs(fourth, campaign, WAN), 'commitments:errors.holdersFull')
  })

  it('allows 200 holders of a 股份有限公司, existing ones included', async () => {
    const campaign = await createCampaign(db(), {
      companyForm: 'joint_stock',
      existingHolders: 150,
      maxFen: 150_000_000,
    })
    await fillWith(campaign, 49)
    const last = await createInvestor(db())
    await commitAs(last, campaign, WAN)
    const over = await createInvestor(db())
    await refusal(commitAs(over, campaign, WAN), 'commitments:errors.holdersFull')
  })

  it('lets 49 investors into a 有限合伙 vehicle, whatever the company form allows', async () => {
    const campaign = await createCampaign(db(), {
      companyForm: 'joint_stock',
      vehicle: 'lp',
      existingHolders: 10,
    })
    await fillWith(campaign, 48)
    await commitAs(await createInvestor(db()), campaign, WAN)
    await refusal(commitAs(await createInvestor(db()), campaign, WAN), 'commitments:errors.lpFull')
  })

  it('takes one live commitment per investor and campaign, and only from qualified investors', async () => {
    const campaign = await createCampaign(db())
    const investor = await createInvestor(db())
    await commitAs(investor, campaign, WAN)
    await refusal(commitAs(investor, campaign, WAN), 'commitments:errors.alreadyCommitted')
    const unverified = await createInvestor(db(), { verified: false })
    await refusal(commitAs(unverified, campaign, WAN), 'commitments:errors.notQualified')
    const stranger = await createInvestor(db())
    await refusal(
      db().transaction((tx) =>
        commit(tx, { ...input(stranger, campaign, WAN), profileId: investor.profile.id }),
      ),
      'commitments:errors.notYourProfile',
    )
  })

  it('lets a firm’s owner commit for the firm, and refuses a closed or changed campaign', async () => {
    const firm = await createInvestor(db(), { kind: 'institution' })
    const campaign = await createCampaign(db())
    const made = await commitAs(firm, campaign, 2 * WAN)
    const [payment] = await db()
      .select()
      .from(payments)
      .where(eq(payments.id, must(made.paymentId, 'p')))
    expect(payment).toMatchObject({ payerOrgId: firm.firm?.id, payeeOrgId: campaign.orgId })
    const stale = await createInvestor(db())
    await refusal(
      db().transaction((tx) => commit(tx, { ...input(stale, campaign, WAN), termsVersion: 0 })),
      'commitments:errors.termsChanged',
    )
    setNow(campaign.deadline)
    await refusal(commitAs(stale, campaign, WAN), 'commitments:errors.closed')
  })

  it('offers no card without Stripe', async () => {
    const campaign = await createCampaign(db())
    await refusal(
      commitAs(await createInvestor(db()), campaign, WAN, 'card'),
      'commitments:errors.cardUnavailable',
    )
  })
})

describe('the commit page', () => {
  const context = { ip: '127.0.0.1', nonce: 'test', requestId: 'test' }
  async function cookieOf(userId: string) {
    const { token } = await createSession(db(), userId)
    return `${sessionCookieName()}=${token}; lng=zh-CN`
  }

  it('says beside the amount how much room is left, in yuan, and keeps what was typed', async () => {
    const campaign = await createCampaign(db(), { targetFen: 100 * WAN, maxFen: 120 * WAN })
    await fillWith(campaign, 1, 108 * WAN)
    const investor = await createInvestor(db())
    const request = new Request(`http://zhongchuang.test/campaigns/${campaign.slug}/commit`, {
      method: 'POST',
      headers: { cookie: await cookieOf(investor.user.id) },
      body: new URLSearchParams({
        profileId: investor.profile.id,
        amount: '130000',
        method: 'pay_now',
        termsVersion: String(campaign.version),
        riskAck: 'on',
        termsAck: 'on',
      }),
    })
    const response = (await commitPage.action({
      request,
      params: { slug: campaign.slug },
      context,
    })) as Response
    expect(response.status).toBe(400)
    const reply = (await response.json()) as {
      error: Record<string, string[]>
      initialValue: Record<string, string>
    }
    expect(reply.error.amount?.[0]).toBe(
      `commitments:errors.overCap|${JSON.stringify({ roomFen: 12 * WAN, room: '¥12万' })}`,
    )
    expect(reply.initialValue.amount).toBe('130000')

    // Within the room: to the payment page (a bank transfer to the custody account here).
    const ok = (await commitPage
      .action({
        request: new Request(request.url, {
          method: 'POST',
          headers: { cookie: await cookieOf(investor.user.id) },
          body: new URLSearchParams({
            profileId: investor.profile.id,
            amount: '120000',
            method: 'pay_now',
            termsVersion: String(campaign.version),
            riskAck: 'on',
            termsAck: 'on',
          }),
        }),
        params: { slug: campaign.slug },
        context,
      })
      .catch((r: unknown) => r)) as Response
    expect(ok.status).toBe(302)
    expect(ok.headers.get('location')).toMatch(/^\/payments\//)
  })

  it('shows a commitment to its investor only', async () => {
    const campaign = await createCampaign(db())
    const investor = await createInvestor(db())
    const made = await commitAs(investor, campaign, WAN)
    const load = async (userId: string) =>
      commitmentRoute
        .loader({
          request: new Request(`http://zhongchuang.test/commitments/${made.id}`, {
            headers: { cookie: await cookieOf(userId) },
          }),
          params: { id: made.id },
          context,
        })
        .then(
          () => 200,
          (r: unknown) => (r as Response).status,
        )
    expect(await load(investor.user.id)).toBe(200)
    expect(await load((await createInvestor(db())).user.id)).toBe(404)
  })
})

describe('concurrent commitments', () => {
  it('never pushes past the cap: ten at once with room for three makes exactly three', async () => {
    const campaign = await createCampaign(db(), {
      targetFen: 20 * WAN,
      maxFen: 30 * WAN,
      minTicketFen: 5 * WAN,
      minimumAcceptFen: 10 * WAN,
    })
    await fillWith(campaign, 3, 5 * WAN)
    const investors = await Promise.all(Array.from({ length: 10 }, () => createInvestor(db())))
    const results = await Promise.allSettled(investors.map((i) => commitAs(i, campaign, 5 * WAN)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3)
    for (const r of results)
      if (r.status === 'rejected')
        expect((r.reason as UserError).messageKey).toMatch(/^commitments:errors\.(overCap|full)$/)
  })

  it('never passes the holder limit: ten at once with room for three holders makes exactly three', async () => {
    const campaign = await createCampaign(db(), { companyForm: 'llc', existingHolders: 47 })
    const investors = await Promise.all(Array.from({ length: 10 }, () => createInvestor(db())))
    const results = await Promise.allSettled(investors.map((i) => commitAs(i, campaign, WAN)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3)
    for (const r of results)
      if (r.status === 'rejected')
        expect((r.reason as UserError).messageKey).toBe('commitments:errors.holdersFull')
  })
})

describe('paying now', () => {
  it('confirms the commitment when the money is in, and tells the startup', async () => {
    const { org, owner } = await createStartup(db())
    const campaign = await createCampaign(db(), { orgId: org.id, createdByUserId: owner.id })
    const investor = await createInvestor(db())
    const made = await commitAs(investor, campaign, 3 * WAN)
    const paymentId = await payNow(made.id)
    expect(await statusOf(made.id)).toBe('committed')
    expect(await paymentStatus(paymentId)).toBe('held')
    const told = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, owner.id), eq(notifications.kind, 'campaign.commitment')))
    expect(told).toHaveLength(1)
  })

  it('gives the money back whole when it arrives after the commitment was called off', async () => {
    const campaign = await createCampaign(db())
    const investor = await createInvestor(db())
    const made = await commitAs(investor, campaign, 4 * WAN)
    // 24 hours without payment: the commitment is called off and its payment with it.
    setNow(new Date(NOW.getTime() + 24 * HOUR - 1))
    await sweepTimers()
    expect(await statusOf(made.id)).toBe('pending')
    setNow(new Date(NOW.getTime() + 24 * HOUR))
    await sweepTimers()
    expect(await statusOf(made.id)).toBe('cancelled')
    const paymentId = must(made.paymentId, 'payment')
    expect(await paymentStatus(paymentId)).toBe('cancelled')

    // A second commitment, cancelled by the investor while the transfer is on its way.
    const again = await commitAs(investor, campaign, 4 * WAN)
    await cancelCommitment({ commitmentId: again.id, userId: investor.user.id })
    const late = must(again.paymentId, 'payment')
    expect(await paymentStatus(late)).toBe('cancelled')
    // The payment was called off, yet the money arrives (a charge confirmed late): it reaches
    // escrow and goes straight back, whole.
    await payNow(again.id)
    expect(await statusOf(again.id)).toBe('cancelled')
    expect(await paymentStatus(late)).toBe('settled')
    expect(await balanceOf(db(), account.escrow(late, 'CNY'))).toBe(0)
    expect(await balanceOf(db(), account.refundable({ userId: investor.user.id }, 'CNY'))).toBe(
      4 * WAN,
    )
  })

  it('asks for a reconfirmation at once when the terms changed before the money came', async () => {
    const campaign = await createCampaign(db())
    const investor = await createInvestor(db())
    const made = await commitAs(investor, campaign, 2 * WAN)
    await db().update(campaigns).set({ version: 2 }).where(eq(campaigns.id, campaign.id))
    await payNow(made.id)
    expect(await statusOf(made.id)).toBe('reconfirm_required')
    await reconfirm({ commitmentId: made.id, userId: investor.user.id })
    const row = must(
      (await db().select().from(commitments).where(eq(commitments.id, made.id)))[0],
      'c',
    )
    expect(row).toMatchObject({ status: 'committed', termsVersion: 2 })
  })
})

describe('cooling-off', () => {
  it('allows a cancellation one millisecond before deadline − 48 h and refuses it at that instant', async () => {
    const deadline = new Date(NOW.getTime() + 10 * DAY)
    const cutoff = new Date(deadline.getTime() - 48 * HOUR)
    const campaign = await createCampaign(db(), { deadline })
    const early = await createInvestor(db())
    const late = await createInvestor(db())
    const a = await commitAs(early, campaign, 2 * WAN)
    const b = await commitAs(late, campaign, 2 * WAN)
    const paidA = await payNow(a.id)
    await payNow(b.id)

    setNow(new Date(cutoff.getTime() - 1))
    await cancelCommitment({ commitmentId: a.id, userId: early.user.id })
    expect(await statusOf(a.id)).toBe('cancelled')
    // Paid now: back in full.
    expect(await balanceOf(db(), account.escrow(paidA, 'CNY'))).toBe(0)
    expect(await paymentStatus(paidA)).toBe('settled')

    setNow(cutoff)
    const error = await refusal(
      cancelCommitment({ commitmentId: b.id, userId: late.user.id }),
      'commitments:errors.coolingOffOver',
    )
    expect(error.values).toEqual({ closedAt: cutoff.toISOString() })
    expect(await statusOf(b.id)).toBe('committed')
  })

  it('lets nobody else cancel an investor’s commitment', async () => {
    const campaign = await createCampaign(db())
    const investor = await createInvestor(db())
    const made = await commitAs(investor, campaign, WAN)
    const other = await createInvestor(db())
    await refusal(
      cancelCommitment({ commitmentId: made.id, userId: other.user.id }),
      'commitments:errors.notFound',
    )
  })
})

describe('reconfirmation after a material change', () => {
  it('lapses after 120 hours and refunds a commitment paid now in full', async () => {
    const campaign = await createCampaign(db(), { deadline: new Date(NOW.getTime() + 30 * DAY) })
    const stays = await createInvestor(db())
    const leaves = await createInvestor(db())
    const kept = await commitAs(stays, campaign, 3 * WAN)
    const lost = await commitAs(leaves, campaign, 5 * WAN)
    await payNow(kept.id)
    const paymentId = await payNow(lost.id)

    const changedAt = new Date(NOW.getTime() + DAY)
    setNow(changedAt)
    await db().transaction(async (tx) => {
      await tx.update(campaigns).set({ version: 2 }).where(eq(campaigns.id, campaign.id))
      await askReconfirmation(tx, { campaignId: campaign.id, actorUserId: null })
    })
    expect(await statusOf(lost.id)).toBe('reconfirm_required')
    await reconfirm({ commitmentId: kept.id, userId: stays.user.id })

    // One millisecond short of 120 hours nothing happens; at 120 hours the commitment lapses.
    await sweepTimers(new Date(changedAt.getTime() + 120 * HOUR - 1))
    expect(await statusOf(lost.id)).toBe('reconfirm_required')
    setNow(new Date(changedAt.getTime() + 120 * HOUR))
    await sweepTimers()
    expect(await statusOf(lost.id)).toBe('lapsed')
    expect(await statusOf(kept.id)).toBe('committed')
    expect(await balanceOf(db(), account.escrow(paymentId, 'CNY'))).toBe(0)
    expect(await paymentStatus(paymentId)).toBe('settled')
    expect(await balanceOf(db(), account.refundable({ userId: leaves.user.id }, 'CNY'))).toBe(
      5 * WAN,
    )
  })
})

describe('the deadline when everything is already paid', () => {
  it('funds the campaign at once instead of waiting out the collection window', async () => {
    const deadline = new Date(NOW.getTime() + 10 * DAY)
    const campaign = await createCampaign(db(), {
      deadline,
      targetFen: 8 * WAN,
      minimumAcceptFen: 6 * WAN,
      maxFen: 12 * WAN,
    })
    await db().transaction((tx) =>
      scheduleTimer(tx, {
        kind: dealTimers.campaignDeadline,
        subjectId: campaign.id,
        dueAt: deadline,
      }),
    )
    const first = await commitAs(await createInvestor(db()), campaign, 5 * WAN)
    const second = await commitAs(await createInvestor(db()), campaign, 4 * WAN)
    await payNow(first.id)
    await payNow(second.id)

    setNow(deadline)
    await sweepTimers()
    const row = must(
      (await db().select().from(campaigns).where(eq(campaigns.id, campaign.id)))[0],
      'campaign',
    )
    expect(row).toMatchObject({ status: 'funded', raisedFen: 9 * WAN })
    expect(await statusOf(first.id)).toBe('collected')
    expect(await statusOf(second.id)).toBe('collected')
  })
})
