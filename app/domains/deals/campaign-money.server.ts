// A campaign's money after its deadline, and every commitment's payment when it stops counting.
// All-or-nothing: the target committed at the deadline opens a 7-day collection (cards are
// charged, money paid now is already in escrow); what was collected at its end decides success,
// the startup's choice on a smaller amount, or failure. Failure and withdrawal release every
// commitment and give back in full what was paid. Each step runs in its caller's transaction
// with the campaign row locked.
import { and, desc, eq, inArray } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { campaigns, commitments, investorProfiles, payments } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { shanghaiTime } from '../../shanghai-time.server.ts'
import type { NotificationKind, NotificationParams } from '../notifications/notification-kinds.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { account, balanceOf } from '../payments/ledger.server.ts'
import { formatMoney } from '../payments/money.ts'
import { movePayment } from '../payments/payment-ops.server.ts'
import { refundPayment } from '../payments/refund-payment.server.ts'
import { chargeSavedCard } from '../payments/stripe/saved-cards.server.ts'
import { cancelTimers, scheduleTimer } from '../timers/timers.server.ts'
import { COLLECTION_WINDOW_DAYS, PARTIAL_DECISION_DAYS } from './deals.schema.ts'
import { dealTimers } from './timer-kinds.ts'
import { COMMITMENT_KIND } from './commitment-kind.ts'
import { moveCampaign, moveCommitment } from './transitions.server.ts'

export { COMMITMENT_KIND }

const DAY = 86_400_000

export type Campaign = typeof campaigns.$inferSelect
export type Commitment = typeof commitments.$inferSelect
type Payment = typeof payments.$inferSelect

export const yuan = (fen: number) => formatMoney(fen, 'CNY', 'zh-CN')

/** The campaign under its row lock: every change to its money starts here. */
export async function lockCampaign(tx: Tx, campaignId: string): Promise<Campaign | null> {
  return tx
    .select()
    .from(campaigns)
    .where(eq(campaigns.id, campaignId))
    .for('update')
    .then((r) => r[0] ?? null)
}

/** The commitment's current payment (a commitment may have had earlier ones). */
export async function paymentOf(tx: Tx, commitment: Commitment): Promise<Payment | null> {
  if (commitment.paymentId) {
    const row = await tx
      .select()
      .from(payments)
      .where(eq(payments.id, commitment.paymentId))
      .then((r) => r[0])
    if (row) return row
  }
  return tx
    .select()
    .from(payments)
    .where(and(eq(payments.businessKind, COMMITMENT_KIND), eq(payments.businessId, commitment.id)))
    .orderBy(desc(payments.createdAt))
    .limit(1)
    .then((r) => r[0] ?? null)
}

/**
 * A commitment stopped counting (cancelled, lapsed, released, unpaid): an unpaid payment is
 * called off; money held in escrow goes back to the investor in full. Returns what was refunded.
 */
export async function settleCommitmentPayment(
  tx: Tx,
  input: { payment: Payment; reason: string; actorUserId?: string | null },
): Promise<number> {
  const { payment } = input
  const current = await tx
    .select({ status: payments.status })
    .from(payments)
    .where(eq(payments.id, payment.id))
    .for('update')
    .then((r) => r[0]?.status)
  if (current === 'awaiting_payment' || current === 'requires_action') {
    await movePayment(tx, {
      paymentId: payment.id,
      action: 'cancel',
      actorRoles: ['system'],
      actorUserId: input.actorUserId ?? null,
      note: input.reason,
    })
    return 0
  }
  if (current !== 'held') return 0
  const left = await balanceOf(tx, account.escrow(payment.id, payment.currency))
  if (left <= 0) return 0
  // The whole amount: a provider's processing fee kept on the refund is the platform's cost
  // (already booked to stripe_fees when the money came in), never the investor's.
  await refundPayment(tx, {
    paymentId: payment.id,
    amountFen: left,
    operationKey: `commitment-refund:${payment.id}`,
    reason: input.reason,
    actorUserId: input.actorUserId ?? null,
  })
  return left
}

/** Ends a commitment's payment by the commitment's id (the reconfirm module's lapse calls this). */
export async function endCommitmentPayment(
  tx: Tx,
  commitmentId: string,
  reason: string,
): Promise<void> {
  const commitment = await tx
    .select()
    .from(commitments)
    .where(eq(commitments.id, commitmentId))
    .then((r) => r[0])
  if (!commitment) return
  await cancelTimers(tx, dealTimers.commitmentPayBy, commitment.id)
  const payment = await paymentOf(tx, commitment)
  if (payment) await settleCommitmentPayment(tx, { payment, reason })
}

/** Who hears about a commitment: the person who made it, and for a firm its owners and admins. */
export async function notifyInvestor<K extends NotificationKind>(
  tx: Tx,
  commitment: Pick<Commitment, 'id' | 'userId' | 'investorProfileId'>,
  kind: K,
  params: NotificationParams<K>,
): Promise<void> {
  const profile = await tx
    .select({ kind: investorProfiles.kind, orgId: investorProfiles.orgId })
    .from(investorProfiles)
    .where(eq(investorProfiles.id, commitment.investorProfileId))
    .then((r) => r[0])
  await notifyParty(tx, {
    userId: commitment.userId,
    orgId: profile?.kind === 'institution' ? profile.orgId : null,
    kind,
    params,
    link: `/commitments/${commitment.id}`,
  })
}

export async function notifyStartup<K extends NotificationKind>(
  tx: Tx,
  campaign: Campaign,
  kind: K,
  params: NotificationParams<K>,
  link = `/campaigns/${campaign.slug}/closing`,
): Promise<void> {
  await notifyParty(tx, { orgId: campaign.orgId, kind, params, link })
}

async function commitmentsIn(
  tx: Tx,
  campaignId: string,
  statuses: readonly Commitment['status'][],
) {
  return tx
    .select()
    .from(commitments)
    .where(and(eq(commitments.campaignId, campaignId), inArray(commitments.status, [...statuses])))
    .orderBy(commitments.createdAt)
    .for('update')
}

/**
 * The campaign failed (or was withdrawn): every commitment still open is released, unpaid
 * payments are called off, money in escrow goes back whole, and everyone is told why.
 */
export async function closeUnsuccessful(
  tx: Tx,
  input: {
    campaign: Campaign
    action: 'fail' | 'withdraw'
    actorRoles: readonly ('system' | 'startup' | 'admin')[]
    actorUserId: string | null
    reason: string
  },
): Promise<void> {
  const { campaign } = input
  await moveCampaign(tx, {
    campaignId: campaign.id,
    action: input.action,
    actorRoles: input.actorRoles,
    actorUserId: input.actorUserId,
    note: input.reason,
    set: { closedReason: input.reason },
  })
  for (const kind of [
    dealTimers.campaignDeadline,
    dealTimers.collectionEnd,
    dealTimers.decisionDeadline,
  ])
    await cancelTimers(tx, kind, campaign.id)
  const open = await commitmentsIn(tx, campaign.id, [
    'pending',
    'committed',
    'reconfirm_required',
    'collected',
  ])
  const kind = input.action === 'withdraw' ? 'campaign.withdrawn' : 'campaign.failed'
  for (const c of open) {
    await moveCommitment(tx, {
      commitmentId: c.id,
      action: 'release',
      actorRoles: ['system'],
      actorUserId: input.actorUserId,
      note: input.reason,
    })
    await cancelTimers(tx, dealTimers.commitmentPayBy, c.id)
    await cancelTimers(tx, dealTimers.reconfirmBy, c.id)
    const payment = await paymentOf(tx, c)
    if (payment) await settleCommitmentPayment(tx, { payment, reason: input.reason })
    await notifyInvestor(tx, c, kind, { title: campaign.title, reason: input.reason })
  }
  await notifyStartup(tx, campaign, kind, { title: campaign.title, reason: input.reason })
}

/** The commitments to charge when collection starts: card ones whose payment is not in yet. */
export type ChargeOrder = { commitmentId: string }

/**
 * The deadline. Pending commitments (never paid or card never saved) are called off. The
 * committed total reaching the target opens collection: money already in escrow is collected
 * at once, card commitments are charged by a job each (returned for the caller to enqueue).
 * Otherwise the campaign fails.
 */
export async function atDeadline(tx: Tx, campaignId: string): Promise<ChargeOrder[]> {
  const campaign = await lockCampaign(tx, campaignId)
  if (!campaign || campaign.status !== 'live' || campaign.deadline > now()) return []
  const stale = await commitmentsIn(tx, campaign.id, ['pending', 'reconfirm_required'])
  for (const c of stale) {
    const reason =
      c.status === 'pending' ? '截止时认投款仍未支付（或未保存银行卡）' : '截止时仍未重新确认'
    await moveCommitment(tx, {
      commitmentId: c.id,
      action: c.status === 'pending' ? 'cancel' : 'lapse',
      actorRoles: ['system'],
      actorUserId: null,
      note: reason,
    })
    await cancelTimers(tx, dealTimers.commitmentPayBy, c.id)
    await cancelTimers(tx, dealTimers.reconfirmBy, c.id)
    const payment = await paymentOf(tx, c)
    if (payment) await settleCommitmentPayment(tx, { payment, reason })
    await notifyInvestor(tx, c, 'commitment.cancelled', { title: campaign.title, reason })
  }
  const committed = await commitmentsIn(tx, campaign.id, ['committed'])
  const total = committed.reduce((sum, c) => sum + c.amountFen, 0)
  if (total < campaign.targetFen) {
    await closeUnsuccessful(tx, {
      campaign,
      action: 'fail',
      actorRoles: ['system'],
      actorUserId: null,
      reason: `截止时认投总额 ${yuan(total)}，未达到目标 ${yuan(campaign.targetFen)}`,
    })
    return []
  }
  const collectionEndsAt = new Date(campaign.deadline.getTime() + COLLECTION_WINDOW_DAYS * DAY)
  await moveCampaign(tx, {
    campaignId: campaign.id,
    action: 'start-collection',
    actorRoles: ['system'],
    actorUserId: null,
    set: { collectionEndsAt },
  })
  await scheduleTimer(tx, {
    kind: dealTimers.collectionEnd,
    subjectId: campaign.id,
    dueAt: collectionEndsAt,
  })
  const orders: ChargeOrder[] = []
  for (const c of committed) {
    const payment = await paymentOf(tx, c)
    if (payment?.status === 'held' || payment?.status === 'settled') {
      await moveCommitment(tx, {
        commitmentId: c.id,
        action: 'collect',
        actorRoles: ['system'],
        actorUserId: null,
      })
    } else {
      orders.push({ commitmentId: c.id })
    }
    await notifyInvestor(tx, c, 'campaign.collecting', { title: campaign.title })
  }
  await notifyStartup(tx, campaign, 'campaign.collecting', { title: campaign.title })
  if (orders.length === 0) {
    // Every commitment was paid before the deadline: there is nothing to wait a week for.
    await tx
      .update(campaigns)
      .set({ collectionEndsAt: now(), updatedAt: now() })
      .where(eq(campaigns.id, campaign.id))
    await cancelTimers(tx, dealTimers.collectionEnd, campaign.id)
    await atCollectionEnd(tx, campaign.id)
  }
  return orders
}

/** The collected total of a campaign: what its commitments brought into escrow. */
async function collectedTotal(tx: Tx, campaignId: string): Promise<number> {
  const rows = await commitmentsIn(tx, campaignId, ['collected'])
  return rows.reduce((sum, c) => sum + c.amountFen, 0)
}

/**
 * The end of collection: commitments whose money never came are unpaid (their payments called
 * off). Collected the target: funded. At least the declared minimum: the startup decides within
 * 7 days. Less: failed.
 */
export async function atCollectionEnd(tx: Tx, campaignId: string): Promise<void> {
  const campaign = await lockCampaign(tx, campaignId)
  if (!campaign || campaign.status !== 'collecting') return
  if (!campaign.collectionEndsAt || campaign.collectionEndsAt > now()) return
  const unpaid = await commitmentsIn(tx, campaign.id, ['committed'])
  for (const c of unpaid) {
    const reason = '收款期内未能扣款成功'
    await moveCommitment(tx, {
      commitmentId: c.id,
      action: 'mark-unpaid',
      actorRoles: ['system'],
      actorUserId: null,
      note: reason,
    })
    const payment = await paymentOf(tx, c)
    if (payment) await settleCommitmentPayment(tx, { payment, reason })
    await notifyInvestor(tx, c, 'commitment.cancelled', { title: campaign.title, reason })
  }
  const collected = await collectedTotal(tx, campaign.id)
  if (collected >= campaign.targetFen) {
    await fundCampaign(tx, campaign, 'succeed', collected, null)
    return
  }
  if (collected >= campaign.minimumAcceptFen) {
    const decisionDeadline = new Date(now().getTime() + PARTIAL_DECISION_DAYS * DAY)
    await moveCampaign(tx, {
      campaignId: campaign.id,
      action: 'ask-decision',
      actorRoles: ['system'],
      actorUserId: null,
      note: yuan(collected),
      set: { decisionDeadline, raisedFen: collected },
    })
    await scheduleTimer(tx, {
      kind: dealTimers.decisionDeadline,
      subjectId: campaign.id,
      dueAt: decisionDeadline,
    })
    await notifyStartup(tx, campaign, 'campaign.decision', {
      title: campaign.title,
      amount: yuan(collected),
    })
    return
  }
  await closeUnsuccessful(tx, {
    campaign,
    action: 'fail',
    actorRoles: ['system'],
    actorUserId: null,
    reason: `收款期结束实收 ${yuan(collected)}，低于最低融资额 ${yuan(campaign.minimumAcceptFen)}`,
  })
}

/** Funded: the money stays in escrow until the closing documents are verified. */
export async function fundCampaign(
  tx: Tx,
  campaign: Campaign,
  action: 'succeed' | 'accept-partial',
  raisedFen: number,
  actorUserId: string | null,
): Promise<void> {
  await moveCampaign(tx, {
    campaignId: campaign.id,
    action,
    actorRoles: action === 'succeed' ? ['system'] : ['startup'],
    actorUserId,
    note: yuan(raisedFen),
    set: { raisedFen },
  })
  await cancelTimers(tx, dealTimers.decisionDeadline, campaign.id)
  const params = { title: campaign.title, amount: yuan(raisedFen) }
  for (const c of await commitmentsIn(tx, campaign.id, ['collected']))
    await notifyInvestor(tx, c, 'campaign.funded', params)
  await notifyStartup(tx, campaign, 'campaign.funded', params)
}

/** The startup let the decision deadline pass: the smaller amount is not taken. */
export async function atDecisionDeadline(tx: Tx, campaignId: string): Promise<void> {
  const campaign = await lockCampaign(tx, campaignId)
  if (!campaign || campaign.status !== 'deciding') return
  if (!campaign.decisionDeadline || campaign.decisionDeadline > now()) return
  await closeUnsuccessful(tx, {
    campaign,
    action: 'fail',
    actorRoles: ['system'],
    actorUserId: null,
    reason: `发起方未在 ${shanghaiTime(campaign.decisionDeadline)}（北京时间）前决定是否接受较少的融资额`,
  })
}

/**
 * A commitment's payment came in. Pending: the commitment counts now (or, when its terms are
 * behind the campaign's, waits for reconfirmation). Committed while the campaign collects: it
 * is collected. Anything else (cancelled, released, or the campaign no longer live): the money
 * goes back whole, in this same transaction.
 */
export async function commitmentPaid(
  tx: Tx,
  payment: Payment,
  confirm: (tx: Tx, commitment: Commitment, campaign: Campaign) => Promise<void>,
): Promise<void> {
  const commitment = await tx
    .select()
    .from(commitments)
    .where(eq(commitments.id, payment.businessId))
    .then((r) => r[0])
  const campaign = commitment ? await lockCampaign(tx, commitment.campaignId) : null
  if (!commitment || !campaign) return
  const locked = await tx
    .select()
    .from(commitments)
    .where(eq(commitments.id, commitment.id))
    .for('update')
    .then((r) => r[0])
  const current = locked ?? commitment
  const isCurrent = current.paymentId === payment.id
  if (isCurrent && current.status === 'pending' && campaign.status === 'live') {
    await confirm(tx, current, campaign)
    return
  }
  if (isCurrent && current.status === 'committed' && campaign.status === 'collecting') {
    await moveCommitment(tx, {
      commitmentId: current.id,
      action: 'collect',
      actorRoles: ['system'],
      actorUserId: null,
    })
    return
  }
  // Paid before the deadline for a card commitment (the investor chose to pay on the payment
  // page): the money simply waits in escrow and is collected at the deadline.
  if (
    isCurrent &&
    ['committed', 'reconfirm_required'].includes(current.status) &&
    campaign.status === 'live'
  )
    return
  await settleCommitmentPayment(tx, {
    payment: { ...payment, status: 'held' },
    reason: '认投已失效，款项全额退回',
  })
}

export type ChargeResult = Awaited<ReturnType<typeof chargeSavedCard>> | { outcome: 'skipped' }

/**
 * Charges a card commitment's saved card while the campaign collects. Paid: the payment's
 * collection hook marks the commitment collected. The bank wants the investor: the payments
 * layer sends them to the payment page. Declined or no card: the investor is told, and may
 * retry (another card, or another way) until collection ends.
 */
export async function chargeCommitment(
  commitmentId: string,
  paymentMethodId?: string,
): Promise<ChargeResult> {
  const row = await db()
    .select({ c: commitments, campaign: campaigns, payment: payments })
    .from(commitments)
    .innerJoin(campaigns, eq(campaigns.id, commitments.campaignId))
    .innerJoin(payments, eq(payments.id, commitments.paymentId))
    .where(eq(commitments.id, commitmentId))
    .then((r) => r[0])
  if (
    !row ||
    row.c.status !== 'committed' ||
    row.campaign.status !== 'collecting' ||
    row.payment.status !== 'awaiting_payment' ||
    row.payment.provider !== 'stripe'
  )
    return { outcome: 'skipped' }
  const result = await chargeSavedCard({
    paymentId: row.payment.id,
    ...(paymentMethodId ? { paymentMethodId } : {}),
  })
  if (result.outcome === 'declined' || result.outcome === 'no-card')
    await db().transaction((tx) =>
      notifyInvestor(tx, row.c, 'commitment.chargeFailed', {
        title: row.campaign.title,
        amount: yuan(row.c.amountFen),
      }),
    )
  return result
}
