// Committing to a campaign, and what an investor does with a commitment afterwards: confirm a
// saved card, cancel in the cooling-off period, reconfirm changed terms, retry a failed charge.
// The commitment itself is checked and written in one transaction with the campaign row locked,
// so concurrent commitments near the cap or the holder limit never push past it.
import { and, eq, inArray, max } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { isUuid } from '../../../db/ids.ts'
import { campaigns, commitments, investorProfiles, payments } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { shanghaiTime } from '../../shanghai-time.server.ts'
import { createPayment } from '../payments/create-payment.server.ts'
import { createQuote } from '../payments/fees.server.ts'
import { chooseProvider } from '../payments/providers.server.ts'
import { stripeEnabled } from '../payments/stripe/client.server.ts'
import { savedCards, startCardSetup } from '../payments/stripe/saved-cards.server.ts'
import { UserError } from '../problems.ts'
import type { Language } from '../../i18n/config.ts'
import { formatDateTime, formatMoney } from '../../i18n/format.ts'
import { cancelTimers, scheduleTimer } from '../timers/timers.server.ts'
import { annualRoom, campaignTotals, holderRoom } from './commitment-limits.server.ts'
import {
  chargeCommitment,
  COMMITMENT_KIND,
  endCommitmentPayment,
  lockCampaign,
  notifyInvestor,
  notifyStartup,
  yuan,
  type Campaign,
  type Commitment,
} from './campaign-money.server.ts'
import { liveCommitmentStates } from './deal.machine.ts'
import {
  COMMITMENT_PAY_HOURS,
  COOLING_OFF_CUTOFF_HOURS,
  RECONFIRM_HOURS,
  type CommitmentMethod,
} from './deals.schema.ts'
import { profilesActedBy, qualificationOf } from './investor-standing.server.ts'
import { reconfirmCommitment } from './reconfirm.server.ts'
import { dealTimers } from './timer-kinds.ts'
import { moveCommitment } from './transitions.server.ts'
import { assertNotHeld } from '../moderation/holds.server.ts'

const HOUR = 3_600_000

/** Whether saved cards can be offered for this startup: Stripe is on and can pay the startup. */
export async function cardsOffered(tx: Tx, startupOrgId: string): Promise<boolean> {
  if (!stripeEnabled()) return false
  return (await chooseProvider(tx, { orgId: startupOrgId })) === 'stripe'
}

/** The instant the cooling-off period ends: from then on a commitment can no longer be cancelled. */
export const coolingOffEndsAt = (deadline: Date) =>
  new Date(deadline.getTime() - COOLING_OFF_CUTOFF_HOURS * HOUR)

export type CommitInput = {
  campaignId: string
  userId: string
  profileId: string
  amountFen: number
  method: CommitmentMethod
  /** The campaign version whose terms and risk disclosure the investor acknowledged. */
  termsVersion: number
}

/**
 * Makes a pending commitment with its quote and payment. Refusals are UserErrors beside the
 * amount (with the room left, in fen, for the page to format) or above the form.
 */
export async function commit(tx: Tx, input: CommitInput): Promise<Commitment> {
  const campaign = await lockCampaign(tx, input.campaignId)
  if (!campaign) throw new UserError('commitments:errors.closed')
  await assertNotHeld(tx, 'campaign', campaign.id)
  const profile = (await profilesActedBy(tx, input.userId)).find((p) => p.id === input.profileId)
  if (!profile) throw new UserError('commitments:errors.notYourProfile', 'profileId')
  // The investor's own row: two commitments of one investor to different campaigns take turns
  // on the annual limit.
  await tx
    .select({ id: investorProfiles.id })
    .from(investorProfiles)
    .where(eq(investorProfiles.id, profile.id))
    .for('update')
  if (!(await qualificationOf(tx, profile.id)))
    throw new UserError('commitments:errors.notQualified', 'profileId')
  if (profile.orgId === campaign.orgId) throw new UserError('commitments:errors.ownCampaign')
  if (campaign.status !== 'live' || campaign.deadline <= now())
    throw new UserError('commitments:errors.closed')
  if (input.termsVersion !== campaign.version)
    throw new UserError('commitments:errors.termsChanged')
  if (input.method === 'card' && !(await cardsOffered(tx, campaign.orgId)))
    throw new UserError('commitments:errors.cardUnavailable', 'method')

  const existing = await tx
    .select({ id: commitments.id })
    .from(commitments)
    .where(
      and(
        eq(commitments.campaignId, campaign.id),
        eq(commitments.investorProfileId, profile.id),
        inArray(commitments.status, [...liveCommitmentStates, 'collected', 'completed']),
      ),
    )
    .limit(1)
  if (existing.length > 0) throw new UserError('commitments:errors.alreadyCommitted', 'amount')

  if (input.amountFen < campaign.minTicketFen)
    throw new UserError('commitments:errors.belowMinimum', 'amount', {
      minFen: campaign.minTicketFen,
    })
  const totals = await campaignTotals(tx, campaign.id)
  const room = Math.max(0, campaign.maxFen - totals.totalFen)
  if (input.amountFen > room)
    throw new UserError(
      room < campaign.minTicketFen ? 'commitments:errors.full' : 'commitments:errors.overCap',
      'amount',
      { roomFen: room },
    )
  const yearRoom = await annualRoom(tx, profile)
  if (yearRoom !== null && input.amountFen > yearRoom)
    throw new UserError('commitments:errors.overAnnualLimit', 'amount', { roomFen: yearRoom })
  if (holderRoom(campaign, totals.investors) < 1)
    throw new UserError(
      campaign.vehicle === 'lp' ? 'commitments:errors.lpFull' : 'commitments:errors.holdersFull',
      'amount',
    )

  const at = now()
  const [created] = await tx
    .insert(commitments)
    .values({
      campaignId: campaign.id,
      investorProfileId: profile.id,
      userId: input.userId,
      amountFen: input.amountFen,
      method: input.method,
      termsVersion: campaign.version,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
  if (!created) throw new Error('commitment not stored')
  const quote = await createQuote(tx, {
    marketplace: 'crowdfunding',
    businessKind: COMMITMENT_KIND,
    businessId: created.id,
    currency: 'CNY',
    lines: [{ label: campaign.title, quantity: 1, unitFen: input.amountFen }],
  })
  const payment = await createPayment(tx, {
    quote: { ...quote, marketplace: 'crowdfunding', currency: 'CNY' },
    description: `股权众筹认投 · ${campaign.title}`,
    payerUserId: input.userId,
    payerOrgId: profile.kind === 'institution' ? profile.orgId : null,
    payee: { orgId: campaign.orgId },
  })
  const [stored] = await tx
    .update(commitments)
    .set({ paymentId: payment.id })
    .where(eq(commitments.id, created.id))
    .returning()
  await scheduleTimer(tx, {
    kind: dealTimers.commitmentPayBy,
    subjectId: created.id,
    dueAt: new Date(at.getTime() + COMMITMENT_PAY_HOURS * HOUR),
  })
  return stored ?? created
}

/**
 * A pending commitment counts from now: its card is saved, or its money is in escrow. Terms
 * changed since the investor agreed to them: it goes on to ask for a reconfirmation at once,
 * within the window of the change (or 120 hours when none is open).
 */
export async function confirmCommitment(
  tx: Tx,
  commitment: Commitment,
  campaign: Campaign,
): Promise<void> {
  await moveCommitment(tx, {
    commitmentId: commitment.id,
    action: 'confirm',
    actorRoles: ['system'],
    actorUserId: null,
  })
  await cancelTimers(tx, dealTimers.commitmentPayBy, commitment.id)
  await notifyStartup(
    tx,
    campaign,
    'campaign.commitment',
    { title: campaign.title, amount: yuan(commitment.amountFen) },
    `/campaigns/${campaign.slug}/manage`,
  )
  if (commitment.termsVersion >= campaign.version) return
  const [open] = await tx
    .select({ until: max(commitments.reconfirmBy) })
    .from(commitments)
    .where(
      and(eq(commitments.campaignId, campaign.id), eq(commitments.status, 'reconfirm_required')),
    )
  const at = now()
  const reconfirmBy =
    open?.until && open.until > at ? open.until : new Date(at.getTime() + RECONFIRM_HOURS * HOUR)
  await moveCommitment(tx, {
    commitmentId: commitment.id,
    action: 'ask-reconfirm',
    actorRoles: ['system'],
    actorUserId: null,
    note: `v${campaign.version}`,
    set: { reconfirmBy },
  })
  await scheduleTimer(tx, {
    kind: dealTimers.reconfirmBy,
    subjectId: commitment.id,
    dueAt: reconfirmBy,
  })
  await notifyInvestor(tx, commitment, 'campaign.reconfirm', {
    title: campaign.title,
    reconfirmBy: shanghaiTime(reconfirmBy),
  })
}

/** The commitment as its investor (or the firm's owners and admins) may see it; null to others. */
export async function commitmentFor(tx: Tx, commitmentId: string, userId: string) {
  if (!isUuid(commitmentId)) return null
  const row = await tx
    .select({ c: commitments, campaign: campaigns, profile: investorProfiles })
    .from(commitments)
    .innerJoin(campaigns, eq(campaigns.id, commitments.campaignId))
    .innerJoin(investorProfiles, eq(investorProfiles.id, commitments.investorProfileId))
    .where(eq(commitments.id, commitmentId))
    .then((r) => r[0])
  if (!row) return null
  if (row.c.userId === userId) return row
  const mine = await profilesActedBy(tx, userId)
  return mine.some((p) => p.id === row.profile.id) ? row : null
}

/** Where the investor saves the card for a card commitment (Stripe's hosted page). */
export async function cardSetupUrl(
  commitmentId: string,
  userId: string,
  origin: string,
): Promise<string> {
  const row = await commitmentFor(db(), commitmentId, userId)
  if (!row) throw new UserError('commitments:errors.notFound')
  if (row.c.method !== 'card') throw new UserError('commitments:errors.notCard')
  return startCardSetup({
    payerUserId: row.c.userId,
    operationId: `commitment:${row.c.id}:${Date.now()}`,
    returnUrl: `${origin}/commitments/${row.c.id}`,
  })
}

/**
 * Back from saving a card: a card is on file, so the pending commitment counts. Nothing
 * happens when no card was saved (the page says so) or the commitment moved on meanwhile.
 */
export async function confirmSavedCard(
  commitmentId: string,
  userId: string,
): Promise<'confirmed' | 'no-card' | 'unchanged'> {
  const row = await commitmentFor(db(), commitmentId, userId)
  if (!row) throw new UserError('commitments:errors.notFound')
  if (row.c.method !== 'card' || row.c.status !== 'pending') return 'unchanged'
  const cards = await savedCards(row.c.userId)
  if (cards.length === 0) return 'no-card'
  return db().transaction(async (tx) => {
    const campaign = await lockCampaign(tx, row.c.campaignId)
    const current = await tx
      .select()
      .from(commitments)
      .where(eq(commitments.id, commitmentId))
      .for('update')
      .then((r) => r[0])
    if (!campaign || !current || current.status !== 'pending') return 'unchanged'
    if (campaign.status !== 'live') return 'unchanged'
    await confirmCommitment(tx, current, campaign)
    return 'confirmed'
  })
}

/**
 * Cancels in the cooling-off period: allowed while now < deadline − 48 h, refused from that
 * instant on. An unpaid payment is called off, money paid now comes back in full.
 */
export async function cancelCommitment(input: {
  commitmentId: string
  userId: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const row = await commitmentFor(tx, input.commitmentId, input.userId)
    if (!row) throw new UserError('commitments:errors.notFound')
    const campaign = await lockCampaign(tx, row.campaign.id)
    const current = await tx
      .select()
      .from(commitments)
      .where(eq(commitments.id, row.c.id))
      .for('update')
      .then((r) => r[0])
    if (!campaign || !current) throw new UserError('commitments:errors.notFound')
    if (!['pending', 'committed', 'reconfirm_required'].includes(current.status))
      throw new UserError('commitments:errors.notCancellable')
    const closesAt = coolingOffEndsAt(campaign.deadline)
    if (now() >= closesAt)
      throw new UserError('commitments:errors.coolingOffOver', undefined, {
        closedAt: closesAt.toISOString(),
      })
    const reason = '投资人在冷静期内取消'
    await moveCommitment(tx, {
      commitmentId: current.id,
      action: 'cancel',
      actorRoles: ['investor'],
      actorUserId: input.userId,
      note: reason,
    })
    await cancelTimers(tx, dealTimers.reconfirmBy, current.id)
    await endCommitmentPayment(tx, current.id, reason)
    await notifyInvestor(tx, current, 'commitment.cancelled', { title: campaign.title, reason })
  })
}

/** The investor agrees to the changed terms (the firm's people may too, for its commitment). */
export async function reconfirm(input: { commitmentId: string; userId: string }): Promise<void> {
  await db().transaction(async (tx) => {
    const row = await commitmentFor(tx, input.commitmentId, input.userId)
    if (!row) throw new UserError('commitments:errors.notFound')
    if (row.c.status !== 'reconfirm_required')
      throw new UserError('commitments:errors.notReconfirmable')
    if (row.campaign.status !== 'live') throw new UserError('commitments:errors.closed')
    // reconfirmCommitment checks the person who committed; a firm's admin acts in their place.
    await reconfirmCommitment(tx, { commitmentId: row.c.id, userId: row.c.userId })
  })
}

/** A pending commitment not paid (or its card not saved) within 24 hours is called off. */
export async function lapseUnpaidCommitment(tx: Tx, commitmentId: string): Promise<void> {
  const row = await tx
    .select({ c: commitments, title: campaigns.title })
    .from(commitments)
    .innerJoin(campaigns, eq(campaigns.id, commitments.campaignId))
    .where(eq(commitments.id, commitmentId))
    .for('update', { of: commitments })
    .then((r) => r[0])
  if (!row || row.c.status !== 'pending') return
  if (row.c.createdAt.getTime() + COMMITMENT_PAY_HOURS * HOUR > now().getTime()) return
  const reason = row.c.method === 'card' ? '未在 24 小时内保存银行卡' : '未在 24 小时内支付认投款'
  await moveCommitment(tx, {
    commitmentId,
    action: 'cancel',
    actorRoles: ['system'],
    actorUserId: null,
    note: reason,
  })
  await endCommitmentPayment(tx, commitmentId, reason)
  await notifyInvestor(tx, row.c, 'commitment.cancelled', { title: row.title, reason })
}

/** The investor retries a failed charge during collection, with the newest (or a named) card. */
export async function retryCharge(input: {
  commitmentId: string
  userId: string
  paymentMethodId?: string
}) {
  const row = await commitmentFor(db(), input.commitmentId, input.userId)
  if (!row) throw new UserError('commitments:errors.notFound')
  if (row.c.status !== 'committed' || row.campaign.status !== 'collecting')
    throw new UserError('commitments:errors.notChargeable')
  return chargeCommitment(row.c.id, input.paymentMethodId)
}

/** The payment a commitment's page links to, with its status. */
export async function commitmentPayment(tx: Tx, paymentId: string | null) {
  if (!paymentId) return null
  return tx
    .select({
      id: payments.id,
      status: payments.status,
      provider: payments.provider,
      amountFen: payments.amountFen,
      reference: payments.reference,
    })
    .from(payments)
    .where(eq(payments.id, paymentId))
    .then((r) => r[0] ?? null)
}

/**
 * A refusal's amounts (fen) written out in the reader's language, so the message beside the
 * field says "最多还可认投 ¥12万" and a date reads as the reader expects.
 */
export function readableError(error: unknown, lng: Language): unknown {
  if (!(error instanceof UserError) || !error.values) return error
  const values: Record<string, string | number> = { ...error.values }
  for (const [key, value] of Object.entries(error.values))
    if (key.endsWith('Fen') && typeof value === 'number')
      values[key.slice(0, -3)] = formatMoney(value, lng)
  if (typeof values.closedAt === 'string') values.closedAt = formatDateTime(values.closedAt, lng)
  return new UserError(error.messageKey, error.field, values)
}
