// An awarded challenge's money and work, against real PostgreSQL and the ledger: milestones
// agreed (by percentages, largest remainder; a counter-proposal supersedes), the award funded
// into escrow or lapsing at its deadline, deliverables accepted once however many accepts race,
// released automatically after 14 days of silence, disputed and split by an admin, and a funded
// challenge cancelled by both sides with the unreleased rest refunded.
import { and, eq, sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  challengeBids,
  challenges,
  disputes,
  ledgerAccounts,
  ledgerEntries,
  ledgerTransactions,
  milestonePlans,
  milestones,
  notifications,
  payments,
} from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import {
  acceptMilestone,
  disputeMilestone,
  requestCancellation,
  requestRevision,
  submitDeliverable,
  adminCancelChallenge,
} from '../../app/domains/challenges/delivery.server.ts'
import { awardPayment } from '../../app/domains/challenges/funding.server.ts'
import {
  agreePlan,
  planAmounts,
  proposePlan,
} from '../../app/domains/challenges/milestone-plans.server.ts'
import { resolveDispute } from '../../app/domains/disputes/disputes.server.ts'
import { collectPayment } from '../../app/domains/payments/collect-payment.server.ts'
import { splitLargestRemainder } from '../../app/domains/payments/money.ts'
import type { AccountKind } from '../../app/domains/payments/payments.schema.ts'
import { UserError } from '../../app/domains/problems.ts'
import { sweepTimers } from '../../app/domains/timers/timers.server.ts'
import '../../app/domains/timers/handlers.server.ts'
import { createOrg, createUser, makeAdmin } from '../factories/index.ts'
import { must } from '../support/must.ts'

const NOW = new Date('2026-09-01T00:00:00Z')
const DAY = 86_400_000
beforeEach(() => setNow(NOW))
afterEach(() => setNow(null))

let serial = 0

/** An awarded range challenge, made by direct inserts: the bid won at `priceFen`. */
async function awarded(priceFen = 1_000_001, forOrg = false) {
  const poster = await createUser(db())
  const org = await createOrg(db(), { name: '合肥启衡智能装备股份有限公司', ownerId: poster.id })
  const winner = await createUser(db())
  const winnerOrg = forOrg
    ? await createOrg(db(), { name: '深圳矩视智能科技有限公司', ownerId: winner.id })
    : null
  const [challenge] = await db()
    .insert(challenges)
    .values({
      slug: `weld-inspection-${Date.now()}-${++serial}`,
      orgId: org.id,
      createdByUserId: poster.id,
      status: 'awarded',
      title: '焊缝缺陷视觉检测算法',
      summary: '产线焊缝表面缺陷在线检测',
      type: 'rd_task',
      awardMode: 'range',
      budgetMinFen: 500_000,
      budgetMaxFen: 2_000_000,
      bidDeadline: new Date(NOW.getTime() - 5 * DAY),
      awardDeadline: new Date(NOW.getTime() + 10 * DAY),
      deliveryDeadline: new Date(NOW.getTime() + 120 * DAY),
      ipTerms: 'exclusive_licence',
      fundingDeadline: new Date(NOW.getTime() + 7 * DAY),
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning()
  const c = must(challenge, 'challenge')
  const [bid] = await db()
    .insert(challengeBids)
    .values({
      challengeId: c.id,
      bidderUserId: winner.id,
      bidderOrgId: winnerOrg?.id ?? null,
      status: 'awarded',
      priceFen,
      timelineDays: 90,
      approach: '基于深度学习的缺陷分割',
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning()
  const b = must(bid, 'bid')
  await db().update(challenges).set({ awardedBidId: b.id }).where(eq(challenges.id, c.id))
  return { poster, org, winner, winnerOrg, challenge: c, bid: b }
}

type Award = Awaited<ReturnType<typeof awarded>>

const items = (shares: string[]) =>
  shares.map((share, i) => ({ title: `阶段 ${i + 1}`, dueOn: `2026-1${i}-15`, share }))

async function agreed(a: Award, shares = ['30', '30', '40']) {
  const plan = await proposePlan({
    challengeId: a.challenge.id,
    actorUserId: a.poster.id,
    mode: 'percent',
    items: items(shares),
  })
  return agreePlan({ challengeId: a.challenge.id, planId: plan.id, actorUserId: a.winner.id })
}

async function pay(paymentId: string) {
  const payment = must(
    await db()
      .select()
      .from(payments)
      .where(eq(payments.id, paymentId))
      .then((r) => r[0]),
    'payment',
  )
  await db().transaction((tx) =>
    collectPayment(tx, {
      paymentId,
      provider: payment.provider,
      providerRef: `bank-${paymentId}`,
      operationKey: `test-collect:${paymentId}`,
    }),
  )
}

async function funded(priceFen = 1_000_000, shares = ['30', '30', '40']) {
  const a = await awarded(priceFen)
  const deal = await agreed(a, shares)
  await pay(deal.payment.id)
  const ms = await milestonesOf(a.challenge.id)
  return { ...a, paymentId: deal.payment.id, milestones: ms }
}

const milestonesOf = (challengeId: string) =>
  db()
    .select()
    .from(milestones)
    .where(eq(milestones.challengeId, challengeId))
    .orderBy(milestones.seq)

const statusOf = async (challengeId: string) =>
  (await db().select().from(challenges).where(eq(challenges.id, challengeId)))[0]?.status

const milestoneStatus = async (id: string) =>
  (await db().select().from(milestones).where(eq(milestones.id, id)))[0]?.status

/** What a payment's ledger posted to accounts of one kind, as debits minus credits. */
async function netOn(paymentId: string, kind: AccountKind): Promise<number> {
  const [row] = await db()
    .select({ net: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)` })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(and(eq(ledgerTransactions.paymentId, paymentId), eq(ledgerAccounts.kind, kind)))
  return Number(row?.net ?? 0)
}

/** Every posting of the payment nets to zero: what came in is exactly what went out or is held. */
async function ledgerBalances(paymentId: string) {
  const [row] = await db()
    .select({ net: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)` })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(eq(ledgerTransactions.paymentId, paymentId))
  expect(Number(row?.net ?? 0)).toBe(0)
}

async function rejects(promise: Promise<unknown>, key: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  expect((error as UserError).messageKey).toBe(key)
}

const kindsFor = async (userId: string) =>
  (await db().select().from(notifications).where(eq(notifications.userId, userId))).map(
    (n) => n.kind,
  )

describe('agreeing milestones', () => {
  it('turns percentages into amounts that sum to the award by the largest remainder', async () => {
    const a = await awarded(1_000_001)
    const deal = await agreed(a, ['33.33', '33.33', '33.34'])
    const ms = await milestonesOf(a.challenge.id)
    expect(ms.map((m) => m.seq)).toEqual([1, 2, 3])
    expect(ms.map((m) => m.amountFen)).toEqual(
      splitLargestRemainder(1_000_001, [3_333, 3_333, 3_334]),
    )
    expect(ms.reduce((s, m) => s + m.amountFen, 0)).toBe(1_000_001)
    // 1 000 001 × 33.33 % = 333 300.333…: the fen left over goes to the largest remainder.
    expect(ms.map((m) => m.amountFen)).toEqual([333_300, 333_300, 333_401])
    // The poster owes the award plus the 5 % challenge fee, payable to the winner by the deadline.
    expect(deal.quote.subtotalFen).toBe(1_000_001)
    expect(deal.quote.feeFen).toBe(50_000)
    expect(deal.payment.amountFen).toBe(1_050_001)
    expect(deal.payment.payerOrgId).toBe(a.org.id)
    expect(deal.payment.payeeUserId).toBe(a.winner.id)
    expect(deal.quote.expiresAt?.getTime()).toBe(a.challenge.fundingDeadline?.getTime())
    expect(await kindsFor(a.winner.id)).toContain('challenge.milestonesProposed')
  })

  it('refuses amounts or percentages that do not make up the award', () => {
    expect(() => planAmounts(100_000, 'amount', items(['300', '600']))).toThrow(UserError)
    expect(() => planAmounts(100_000, 'percent', items(['50', '49.99']))).toThrow(UserError)
    expect(
      planAmounts(100_000, 'amount', items(['400', '600.00'])).map((m) => m.amountFen),
    ).toEqual([40_000, 60_000])
  })

  it('a counter-proposal supersedes the open plan, and only the other side may agree', async () => {
    const a = await awarded(800_000, true)
    const first = await proposePlan({
      challengeId: a.challenge.id,
      actorUserId: a.poster.id,
      mode: 'amount',
      items: items(['4000', '4000']),
    })
    // The winner does not open the negotiation, and nobody agrees to their own plan.
    await rejects(
      agreePlan({ challengeId: a.challenge.id, planId: first.id, actorUserId: a.poster.id }),
      'challenge-work:errors.ownPlan',
    )
    const counter = await proposePlan({
      challengeId: a.challenge.id,
      actorUserId: a.winner.id,
      mode: 'percent',
      items: items(['20', '30', '50']),
      note: '第一阶段先交付数据标注',
    })
    const plans = await db()
      .select()
      .from(milestonePlans)
      .where(eq(milestonePlans.challengeId, a.challenge.id))
    expect(plans.find((p) => p.id === first.id)?.status).toBe('superseded')
    expect(plans.find((p) => p.id === counter.id)?.status).toBe('proposed')
    await rejects(
      agreePlan({ challengeId: a.challenge.id, planId: first.id, actorUserId: a.winner.id }),
      'challenge-work:errors.planNotOpen',
    )
    const deal = await agreePlan({
      challengeId: a.challenge.id,
      planId: counter.id,
      actorUserId: a.poster.id,
    })
    expect(deal.milestones.map((m) => m.amountFen).sort()).toEqual([160_000, 240_000, 400_000])
    // The bid was for an organisation: the organisation is paid.
    expect(deal.payment.payeeOrgId).toBe(a.winnerOrg?.id)
    await rejects(
      proposePlan({
        challengeId: a.challenge.id,
        actorUserId: a.winner.id,
        mode: 'percent',
        items: items(['100']),
      }),
      'challenge-work:errors.planAgreed',
    )
  })

  it('refuses anyone who is not a side of the award', async () => {
    const a = await awarded()
    const stranger = await createUser(db())
    await rejects(
      proposePlan({
        challengeId: a.challenge.id,
        actorUserId: stranger.id,
        mode: 'percent',
        items: items(['100']),
      }),
      'challenge-work:errors.notYours',
    )
  })
})

describe('funding the award', () => {
  it('is funded when the escrow payment is collected, and both sides are told', async () => {
    const a = await awarded(600_000)
    const deal = await agreed(a)
    expect(await statusOf(a.challenge.id)).toBe('awarded')
    await pay(deal.payment.id)
    expect(await statusOf(a.challenge.id)).toBe('funded')
    expect(-(await netOn(deal.payment.id, 'escrow'))).toBe(630_000)
    expect(await kindsFor(a.winner.id)).toContain('challenge.funded')
    expect(await kindsFor(a.poster.id)).toContain('challenge.funded')
    // Past the deadline nothing lapses: the timer finds the challenge funded.
    setNow(new Date(NOW.getTime() + 8 * DAY))
    await sweepTimers()
    expect(await statusOf(a.challenge.id)).toBe('funded')
  })

  it('lapses at the deadline when milestones were never agreed', async () => {
    const a = await awarded()
    await proposePlan({
      challengeId: a.challenge.id,
      actorUserId: a.poster.id,
      mode: 'percent',
      items: items(['100']),
    })
    setNow(new Date(NOW.getTime() + 7 * DAY - 60_000))
    await sweepTimers()
    expect(await statusOf(a.challenge.id)).toBe('awarded')
    setNow(new Date(NOW.getTime() + 7 * DAY + 60_000))
    await sweepTimers()
    expect(await statusOf(a.challenge.id)).toBe('award_lapsed')
    const [bid] = await db().select().from(challengeBids).where(eq(challengeBids.id, a.bid.id))
    expect(bid?.status).toBe('lapsed')
    const plans = await db()
      .select()
      .from(milestonePlans)
      .where(eq(milestonePlans.challengeId, a.challenge.id))
    expect(plans.map((p) => p.status)).toEqual(['lapsed'])
    const told = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, a.winner.id), eq(notifications.kind, 'challenge.lapsed')))
    expect(told).toHaveLength(1)
    expect((told[0]?.params as { reason: string }).reason).toContain('里程碑')
  })

  it('an agreed but unfunded award lapses and its payment is called off', async () => {
    const a = await awarded()
    const deal = await agreed(a)
    setNow(new Date(NOW.getTime() + 7 * DAY + 60_000))
    await sweepTimers()
    expect(await statusOf(a.challenge.id)).toBe('award_lapsed')
    const [payment] = await db().select().from(payments).where(eq(payments.id, deal.payment.id))
    expect(payment?.status).toBe('cancelled')
    expect(await milestonesOf(a.challenge.id)).toEqual([])
    const [told] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, a.winner.id), eq(notifications.kind, 'challenge.lapsed')))
    expect((told?.params as { reason: string }).reason).toContain('托管')
  })

  it('the poster cannot cancel an award before funding; it lapses instead', async () => {
    const a = await awarded()
    await agreed(a)
    await rejects(
      requestCancellation({
        challengeId: a.challenge.id,
        actorUserId: a.poster.id,
        reason: '预算调整',
      }),
      'challenge-work:errors.cancelUnfunded',
    )
  })
})

describe('delivering milestones', () => {
  it('the first deliverable starts delivery; concurrent accepts release the money once', async () => {
    const f = await funded(1_000_000)
    const [m1] = f.milestones
    const first = must(m1, 'milestone 1')
    await rejects(
      acceptMilestone({
        challengeId: f.challenge.id,
        milestoneId: first.id,
        actorUserId: f.poster.id,
      }),
      'challenge-work:errors.alreadyAnswered',
    )
    await submitDeliverable({
      challengeId: f.challenge.id,
      milestoneId: first.id,
      actorUserId: f.winner.id,
      notes: '标注数据集 12 000 张，附说明',
      files: [],
    })
    expect(await statusOf(f.challenge.id)).toBe('in_delivery')
    const results = await Promise.allSettled([
      acceptMilestone({
        challengeId: f.challenge.id,
        milestoneId: first.id,
        actorUserId: f.poster.id,
      }),
      acceptMilestone({
        challengeId: f.challenge.id,
        milestoneId: first.id,
        actorUserId: f.poster.id,
      }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const refused = results.find((r) => r.status === 'rejected')
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(UserError)
    expect(await milestoneStatus(first.id)).toBe('accepted')
    // 30 % of ¥10 000 to the winner; its 30 % share of the ¥500 fee to the platform.
    expect(-(await netOn(f.paymentId, 'payable'))).toBe(300_000)
    expect(-(await netOn(f.paymentId, 'platform_fees'))).toBe(15_000)
    expect(-(await netOn(f.paymentId, 'escrow'))).toBe(1_050_000 - 315_000)
    await ledgerBalances(f.paymentId)
    expect(await kindsFor(f.winner.id)).toContain('challenge.released')
  })

  it('a revision answers the deliverable; silence for 14 days after a submission releases it', async () => {
    const f = await funded(1_000_000, ['50', '50'])
    const [m1, m2] = f.milestones.map((m) => m.id)
    const one = must(m1, 'm1')
    const two = must(m2, 'm2')
    await submitDeliverable({
      challengeId: f.challenge.id,
      milestoneId: one,
      actorUserId: f.winner.id,
      notes: '算法原型 v1',
      files: [],
    })
    await requestRevision({
      challengeId: f.challenge.id,
      milestoneId: one,
      actorUserId: f.poster.id,
      reason: '漏检率高于 2%，请补充夜间样本',
    })
    expect(await milestoneStatus(one)).toBe('revision_requested')
    // The answered submission's timer was cancelled: nothing fires for it.
    setNow(new Date(NOW.getTime() + 15 * DAY))
    await sweepTimers()
    expect(await milestoneStatus(one)).toBe('revision_requested')
    const resubmitted = new Date(NOW.getTime() + 15 * DAY)
    await submitDeliverable({
      challengeId: f.challenge.id,
      milestoneId: one,
      actorUserId: f.winner.id,
      notes: '算法原型 v2，夜间漏检率 1.2%',
      files: [],
    })
    setNow(new Date(resubmitted.getTime() + 14 * DAY - 60_000))
    await sweepTimers()
    expect(await milestoneStatus(one)).toBe('submitted')
    setNow(new Date(resubmitted.getTime() + 14 * DAY + 60_000))
    await sweepTimers()
    expect(await milestoneStatus(one)).toBe('accepted')
    expect(-(await netOn(f.paymentId, 'payable'))).toBe(500_000)
    // The second milestone accepted too: the challenge is complete and the escrow empty.
    await submitDeliverable({
      challengeId: f.challenge.id,
      milestoneId: two,
      actorUserId: f.winner.id,
      notes: '部署文档',
      files: [],
    })
    await acceptMilestone({
      challengeId: f.challenge.id,
      milestoneId: two,
      actorUserId: f.poster.id,
    })
    expect(await statusOf(f.challenge.id)).toBe('completed')
    expect(await netOn(f.paymentId, 'escrow')).toBe(0)
    expect(-(await netOn(f.paymentId, 'platform_fees'))).toBe(50_000)
    await ledgerBalances(f.paymentId)
  })
})

describe('disputes and cancellation', () => {
  it('an admin splits a disputed milestone; the parts sum to it and the ledger balances', async () => {
    const f = await funded(1_000_000, ['40', '60'])
    const [m1, m2] = f.milestones.map((m) => m.id)
    const one = must(m1, 'm1')
    const two = must(m2, 'm2')
    await submitDeliverable({
      challengeId: f.challenge.id,
      milestoneId: one,
      actorUserId: f.winner.id,
      notes: '样机一台',
      files: [],
    })
    await acceptMilestone({
      challengeId: f.challenge.id,
      milestoneId: one,
      actorUserId: f.poster.id,
    })
    await submitDeliverable({
      challengeId: f.challenge.id,
      milestoneId: two,
      actorUserId: f.winner.id,
      notes: '现场测试报告',
      files: [],
    })
    const dispute = await disputeMilestone({
      challengeId: f.challenge.id,
      milestoneId: two,
      actorUserId: f.poster.id,
      reason: '现场检出率未达到约定的 98%',
    })
    expect(await milestoneStatus(two)).toBe('disputed')
    expect(dispute.amountFen).toBe(600_000)
    // The auto-release timer stopped with the dispute.
    setNow(new Date(NOW.getTime() + 20 * DAY))
    await sweepTimers()
    expect(await milestoneStatus(two)).toBe('disputed')
    const admin = await createUser(db())
    await makeAdmin(db(), admin.id)
    await resolveDispute({
      disputeId: dispute.id,
      resolution: 'split',
      releaseFen: 250_000,
      note: '部分指标达标，按比例支付',
      actorUserId: admin.id,
      ip: '10.0.0.1',
    })
    const [decided] = await db().select().from(disputes).where(eq(disputes.id, dispute.id))
    expect((decided?.releaseFen ?? 0) + (decided?.refundFen ?? 0)).toBe(600_000)
    expect(await milestoneStatus(two)).toBe('resolved')
    expect(await statusOf(f.challenge.id)).toBe('completed')
    // Winner: 400 000 + 250 000. Platform: the fee on what was released (650 000 → 32 500).
    // Poster back: 350 000 refunded plus the fee on it (17 500).
    expect(-(await netOn(f.paymentId, 'payable'))).toBe(650_000)
    expect(-(await netOn(f.paymentId, 'platform_fees'))).toBe(32_500)
    expect(-(await netOn(f.paymentId, 'refundable'))).toBe(367_500)
    expect(await netOn(f.paymentId, 'escrow')).toBe(0)
    await ledgerBalances(f.paymentId)
    const [payment] = await db().select().from(payments).where(eq(payments.id, f.paymentId))
    expect(payment?.status).toBe('settled')
  })

  it('cancelled after funding by both sides, the unreleased rest is refunded', async () => {
    const f = await funded(1_000_000, ['30', '70'])
    const [m1, m2] = f.milestones.map((m) => m.id)
    const one = must(m1, 'm1')
    await submitDeliverable({
      challengeId: f.challenge.id,
      milestoneId: one,
      actorUserId: f.winner.id,
      notes: '方案设计说明书',
      files: [],
    })
    await acceptMilestone({
      challengeId: f.challenge.id,
      milestoneId: one,
      actorUserId: f.poster.id,
    })
    const asked = await requestCancellation({
      challengeId: f.challenge.id,
      actorUserId: f.poster.id,
      reason: '产线改造计划取消',
    })
    expect(asked.cancelled).toBe(false)
    await rejects(
      requestCancellation({
        challengeId: f.challenge.id,
        actorUserId: f.poster.id,
        reason: '再次申请',
      }),
      'challenge-work:errors.alreadyAsked',
    )
    expect(await statusOf(f.challenge.id)).toBe('in_delivery')
    const agreedToEnd = await requestCancellation({
      challengeId: f.challenge.id,
      actorUserId: f.winner.id,
      reason: '同意终止',
    })
    expect(agreedToEnd.cancelled).toBe(true)
    expect(await statusOf(f.challenge.id)).toBe('cancelled')
    // Released: 300 000 + its fee 15 000. Refunded: the other 700 000 and its fee 35 000.
    expect(-(await netOn(f.paymentId, 'refundable'))).toBe(735_000)
    expect(-(await netOn(f.paymentId, 'payable'))).toBe(300_000)
    expect(await netOn(f.paymentId, 'escrow')).toBe(0)
    await ledgerBalances(f.paymentId)
    await rejects(
      submitDeliverable({
        challengeId: f.challenge.id,
        milestoneId: must(m2, 'm2'),
        actorUserId: f.winner.id,
        notes: '第二阶段',
        files: [],
      }),
      'challenge-work:errors.notUnderWay',
    )
    expect(await kindsFor(f.winner.id)).toContain('challenge.cancelled')
  })

  it('an admin may end a funded challenge alone, refunding everything unreleased', async () => {
    const f = await funded(500_000)
    const admin = await createUser(db())
    await makeAdmin(db(), admin.id)
    await adminCancelChallenge({
      challengeId: f.challenge.id,
      actorUserId: admin.id,
      reason: '发榜方违约，平台裁定终止',
      ip: '10.0.0.1',
    })
    expect(await statusOf(f.challenge.id)).toBe('cancelled')
    expect(-(await netOn(f.paymentId, 'refundable'))).toBe(525_000)
    const owed = await awardPayment(db(), f.challenge.id)
    expect(owed?.payment.status).toBe('settled')
  })
})
