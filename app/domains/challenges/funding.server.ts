// Escrow for an award: once the milestones are agreed the poster owes the whole award plus the
// platform fee (one payment, held in escrow until milestones release it). Its money arriving
// funds the challenge; the funding deadline passing first lapses the award: the winner's bid,
// the open plan and the unpaid payment are called off and the winner is told why.
import { and, desc, eq, inArray, isNull } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { milestonePlans, milestones, payments, quotes, timers } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { createPayment } from '../payments/create-payment.server.ts'
import { createQuote } from '../payments/fees.server.ts'
import { account, balanceOf } from '../payments/ledger.server.ts'
import { formatMoney } from '../payments/money.ts'
import { onPaymentCollected } from '../payments/payment-hooks.server.ts'
import { movePayment } from '../payments/payment-ops.server.ts'
import { refundPayment } from '../payments/refund-payment.server.ts'
import { registerTimer, scheduleTimer } from '../timers/timers.server.ts'
import {
  awardFenOf,
  loadAward,
  partyOf,
  winnerParty,
  workLink,
  type Bid,
  type Challenge,
} from './award-parties.server.ts'
import { milestonePlanMachine } from './challenge.machine.ts'
import { moveBid, moveChallenge } from './transitions.server.ts'

/** The payment that escrows an award (business id: the challenge). */
export const AWARD_KIND = 'challenge-award'
/** Fires at the funding deadline: an award not agreed and funded by then lapses. */
export const FUNDING_LAPSE_TIMER = 'challenge.funding-lapse'

type Milestone = typeof milestones.$inferSelect

/** The award's latest escrow payment with its quote, if one was asked for. */
export async function awardPayment(tx: Tx, challengeId: string) {
  return tx
    .select({ payment: payments, quote: quotes })
    .from(payments)
    .innerJoin(quotes, eq(quotes.id, payments.quoteId))
    .where(and(eq(payments.businessKind, AWARD_KIND), eq(payments.businessId, challengeId)))
    .orderBy(desc(payments.createdAt))
    .limit(1)
    .then((r) => r[0] ?? null)
}

/**
 * The funding deadline's timer. The award (in the bidding use case) schedules it; a plan
 * proposal schedules it too when none is waiting, so no award is left without one.
 */
export async function scheduleFundingDeadline(tx: Tx, challenge: Challenge): Promise<void> {
  if (!challenge.fundingDeadline) return
  const waiting = await tx
    .select({ id: timers.id })
    .from(timers)
    .where(
      and(
        eq(timers.kind, FUNDING_LAPSE_TIMER),
        eq(timers.subjectId, challenge.id),
        eq(timers.dueAt, challenge.fundingDeadline),
        isNull(timers.firedAt),
        isNull(timers.cancelledAt),
      ),
    )
    .limit(1)
  if (waiting.length === 0)
    await scheduleTimer(tx, {
      kind: FUNDING_LAPSE_TIMER,
      subjectId: challenge.id,
      dueAt: challenge.fundingDeadline,
    })
}

/**
 * What the poster owes once the plan is agreed: one line per milestone, the challenge fee
 * schedule's fee on top, payable until the funding deadline, to the winner.
 */
export async function billAward(
  tx: Tx,
  input: { challenge: Challenge; bid: Bid; milestones: Milestone[]; payerUserId: string },
) {
  const { challenge, bid } = input
  const quote = await createQuote(tx, {
    marketplace: 'challenge',
    businessKind: AWARD_KIND,
    businessId: challenge.id,
    currency: 'CNY',
    lines: input.milestones.map((m) => ({
      label: `${m.seq}. ${m.title}`,
      quantity: 1,
      unitFen: m.amountFen,
    })),
    expiresAt: challenge.fundingDeadline,
  })
  if (quote.subtotalFen !== awardFenOf(challenge, bid))
    throw new Error(`milestones of ${challenge.id} do not sum to the award`)
  const payment = await createPayment(tx, {
    quote,
    description: `揭榜奖金托管 · ${challenge.title}`,
    payerUserId: input.payerUserId,
    payerOrgId: challenge.orgId,
    payee: winnerParty(bid),
  })
  return { quote, payment }
}

/** Gives the payer back whatever the escrow still holds (cancellation, or what disputes left). */
export async function refundRest(
  tx: Tx,
  input: { paymentId: string; operationKey: string; reason: string; actorUserId: string | null },
): Promise<number> {
  const payment = await tx
    .select({ status: payments.status, currency: payments.currency })
    .from(payments)
    .where(eq(payments.id, input.paymentId))
    .then((r) => r[0])
  if (payment?.status !== 'held') return 0
  const left = await balanceOf(tx, account.escrow(input.paymentId, payment.currency))
  if (left <= 0) return 0
  await refundPayment(tx, {
    paymentId: input.paymentId,
    amountFen: left,
    operationKey: input.operationKey,
    reason: input.reason,
    actorUserId: input.actorUserId,
  })
  return left
}

/** Calls off an award's payment that was never paid. */
export async function cancelUnpaid(tx: Tx, challengeId: string, reason: string) {
  const owed = await awardPayment(tx, challengeId)
  if (owed && ['awaiting_payment', 'requires_action'].includes(owed.payment.status))
    await movePayment(tx, {
      paymentId: owed.payment.id,
      action: 'cancel',
      actorRoles: ['system'],
      note: reason,
    })
}

/** The award's money is in: the challenge is funded and work may start. */
async function awardCollected(tx: Tx, payment: typeof payments.$inferSelect) {
  const award = await loadAward(tx, payment.businessId)
  const current = award ? await awardPayment(tx, award.challenge.id) : null
  if (!award || award.challenge.status !== 'awarded' || current?.payment.id !== payment.id) {
    // Paid after the award lapsed or was cancelled (a checkout already under way): the
    // money goes back whole.
    await refundRest(tx, {
      paymentId: payment.id,
      operationKey: `challenge-late-funding:${payment.id}`,
      reason: '奖金托管已失效，全额退款',
      actorUserId: null,
    })
    return
  }
  const { challenge } = award
  await moveChallenge(tx, {
    challengeId: challenge.id,
    action: 'fund',
    actorRoles: ['system'],
    actorUserId: null,
  })
  const params = {
    title: challenge.title,
    amount: formatMoney(payment.amountFen, payment.currency),
  }
  const link = workLink(challenge)
  for (const side of ['poster', 'winner'] as const)
    await notifyParty(tx, { ...partyOf(side, award), kind: 'challenge.funded', params, link })
}

onPaymentCollected(AWARD_KIND, awardCollected)

/**
 * The funding deadline: an award still not funded lapses. The reason says which step was
 * missing, so the winner knows whether the plan or the money never came.
 */
export async function lapseAward(tx: Tx, challengeId: string): Promise<void> {
  const award = await loadAward(tx, challengeId)
  if (!award) return
  const { challenge, bid } = award
  if (challenge.status !== 'awarded') return
  if (!challenge.fundingDeadline || challenge.fundingDeadline > now()) return
  const agreed = await tx
    .select({ id: milestonePlans.id })
    .from(milestonePlans)
    .where(
      and(
        eq(milestonePlans.challengeId, challenge.id),
        eq(milestonePlans.bidId, bid.id),
        eq(milestonePlans.status, 'agreed'),
      ),
    )
    .limit(1)
  const reason =
    agreed.length === 0 ? '里程碑计划未在托管期限前达成一致' : '奖金未在托管期限前存入托管账户'
  await moveChallenge(tx, {
    challengeId: challenge.id,
    action: 'lapse',
    actorRoles: ['system'],
    actorUserId: null,
    note: reason,
    set: { closedReason: reason },
  })
  await moveBid(tx, {
    bidId: bid.id,
    action: 'lapse',
    actorRoles: ['system'],
    actorUserId: null,
    note: reason,
  })
  const open = await tx
    .select({ id: milestonePlans.id })
    .from(milestonePlans)
    .where(
      and(
        eq(milestonePlans.challengeId, challenge.id),
        inArray(milestonePlans.status, ['proposed']),
      ),
    )
  for (const plan of open)
    await fireTransition(tx, {
      machine: milestonePlanMachine,
      table: milestonePlans,
      idColumn: milestonePlans.id,
      statusColumn: milestonePlans.status,
      statusKey: 'status',
      id: plan.id,
      action: 'lapse',
      actorRoles: ['system'],
      set: { updatedAt: now() },
    })
  await cancelUnpaid(tx, challenge.id, reason)
  // Milestones of an award that never started carry no money or work: a new award agrees its own.
  await tx.delete(milestones).where(eq(milestones.challengeId, challenge.id))
  // The winner learns why; the poster, that it may award another bid or close the challenge.
  for (const side of ['winner', 'poster'] as const)
    await notifyParty(tx, {
      ...partyOf(side, award),
      kind: 'challenge.lapsed',
      params: { title: challenge.title, reason },
      link: `/challenges/${challenge.slug}`,
    })
}

registerTimer(FUNDING_LAPSE_TIMER, lapseAward)
