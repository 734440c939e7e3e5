// Closing a funded campaign: the startup decides on a short collection, uploads the signed
// investment agreement and the registration change (工商变更登记); a verifier checks them and
// completes the round (each collected payment released to the startup less the platform fee,
// a holding recorded per commitment) or sends them back with a reason. Withdrawing a live
// campaign, by the startup or a verifier, releases every commitment. A verifier never acts on
// a campaign of their own organisation or one their firm invests in.
import { and, eq, inArray } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import {
  campaigns,
  commitments,
  holdings,
  investorProfiles,
  orgMembers,
  quotes,
  payments,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { managesOrg } from '../orgs/org-role.server.ts'
import { releasePayment } from '../payments/release-payment.server.ts'
import { UserError } from '../problems.ts'
import { checkUpload, storeUpload } from '../uploads/store-upload.server.ts'
import {
  closeUnsuccessful,
  fundCampaign,
  lockCampaign,
  notifyInvestor,
  notifyStartup,
  yuan,
  type Campaign,
} from './campaign-money.server.ts'
import { equityPpm } from './deals.schema.ts'
import { moveCampaign, moveCommitment } from './transitions.server.ts'
import { isNull } from 'drizzle-orm'

export const CLOSING_PURPOSE = 'campaign-closing'

export async function campaignBySlug(tx: Tx, slug: string): Promise<Campaign | null> {
  return tx
    .select()
    .from(campaigns)
    .where(eq(campaigns.slug, slug))
    .then((r) => r[0] ?? null)
}

/** The startup's owners and admins run its campaign; others get null (the page answers 404). */
export async function managedCampaign(slug: string, userId: string): Promise<Campaign | null> {
  const campaign = await campaignBySlug(db(), slug)
  if (!campaign) return null
  return (await managesOrg(db(), campaign.orgId, userId)) ? campaign : null
}

async function lockManaged(tx: Tx, campaignId: string, userId: string): Promise<Campaign> {
  const campaign = await lockCampaign(tx, campaignId)
  if (!campaign || !(await managesOrg(tx, campaign.orgId, userId)))
    throw new UserError('commitments:errors.notFound')
  return campaign
}

/** The startup accepts the smaller amount (funded) or declines it (failed). */
export async function decidePartial(input: {
  campaignId: string
  userId: string
  accept: boolean
}): Promise<void> {
  await db().transaction(async (tx) => {
    const campaign = await lockManaged(tx, input.campaignId, input.userId)
    if (campaign.status !== 'deciding')
      throw new UserError('commitments:closing.errors.notDeciding')
    if (input.accept) {
      await fundCampaign(tx, campaign, 'accept-partial', campaign.raisedFen ?? 0, input.userId)
      return
    }
    await closeUnsuccessful(tx, {
      campaign,
      action: 'fail',
      actorRoles: ['startup'],
      actorUserId: input.userId,
      reason: `发起方未接受较少的实收金额 ${yuan(campaign.raisedFen ?? 0)}`,
    })
  })
}

/** Both closing documents, checked before anything is stored, then submitted together. */
export async function submitDocuments(input: {
  campaignId: string
  userId: string
  agreement: File | null
  registration: File | null
}): Promise<void> {
  const agreement = await checkUpload(input.agreement, CLOSING_PURPOSE, 'agreement')
  const registration = await checkUpload(input.registration, CLOSING_PURPOSE, 'registration')
  await db().transaction(async (tx) => {
    const campaign = await lockManaged(tx, input.campaignId, input.userId)
    if (campaign.status !== 'funded') throw new UserError('commitments:closing.errors.notFunded')
    const owner = { ownerUserId: input.userId, ownerOrgId: campaign.orgId }
    const a = await storeUpload(tx, { file: agreement, purpose: CLOSING_PURPOSE, ...owner })
    const r = await storeUpload(tx, { file: registration, purpose: CLOSING_PURPOSE, ...owner })
    await moveCampaign(tx, {
      campaignId: campaign.id,
      action: 'submit-documents',
      actorRoles: ['startup'],
      actorUserId: input.userId,
      set: {
        agreementUploadId: a.id,
        registrationUploadId: r.id,
        documentsRejectionReason: null,
      },
    })
  })
}

/**
 * Whether a verifier has a stake in the campaign: a member of the startup, or of a firm whose
 * investor profile has a commitment in it. Such a verifier may not act on it.
 */
export async function adminConflict(tx: Tx, campaign: Campaign, userId: string): Promise<boolean> {
  const orgs = await tx
    .select({ orgId: orgMembers.orgId })
    .from(orgMembers)
    .where(and(eq(orgMembers.userId, userId), isNull(orgMembers.leftAt)))
  const mine = orgs.map((o) => o.orgId)
  if (mine.includes(campaign.orgId)) return true
  if (mine.length === 0) return false
  const firms = await tx
    .select({ id: commitments.id })
    .from(commitments)
    .innerJoin(investorProfiles, eq(investorProfiles.id, commitments.investorProfileId))
    .where(and(eq(commitments.campaignId, campaign.id), inArray(investorProfiles.orgId, mine)))
    .limit(1)
  return firms.length > 0
}

async function lockForAdmin(tx: Tx, campaignId: string, adminUserId: string): Promise<Campaign> {
  const campaign = await lockCampaign(tx, campaignId)
  if (!campaign) throw new UserError('commitments:errors.notFound')
  if (await adminConflict(tx, campaign, adminUserId))
    throw new UserError('commitments:admin.errors.ownOrg')
  return campaign
}

/**
 * Verified: each collected payment is released to the startup less its platform fee, each
 * commitment becomes a holding (its amount over the post-money valuation: pre-money plus the
 * whole raise), and the commitments complete. One transaction: all of it or none.
 */
export async function completeCampaign(input: {
  campaignId: string
  adminUserId: string
  ip: string | null
}): Promise<void> {
  await db().transaction(async (tx) => {
    const campaign = await lockForAdmin(tx, input.campaignId, input.adminUserId)
    if (campaign.status !== 'documents_submitted')
      throw new UserError('commitments:admin.errors.notSubmitted')
    const collected = await tx
      .select({ c: commitments, quote: quotes, profileId: investorProfiles.id })
      .from(commitments)
      .innerJoin(payments, eq(payments.id, commitments.paymentId))
      .innerJoin(quotes, eq(quotes.id, payments.quoteId))
      .innerJoin(investorProfiles, eq(investorProfiles.id, commitments.investorProfileId))
      .where(and(eq(commitments.campaignId, campaign.id), eq(commitments.status, 'collected')))
      .orderBy(commitments.createdAt)
      .for('update', { of: commitments })
    const raised = collected.reduce((sum, r) => sum + r.c.amountFen, 0)
    const postMoney = campaign.preMoneyFen + raised
    const at = now()
    let feeFen = 0
    for (const { c, quote } of collected) {
      const paymentId = c.paymentId ?? ''
      const released = await releasePayment(tx, {
        paymentId,
        priceFen: quote.subtotalFen,
        operationKey: `campaign-complete:${c.id}`,
        actorUserId: input.adminUserId,
        memo: `股权众筹交割 · ${campaign.title}`,
      })
      feeFen += released.feeFen
      await tx.insert(holdings).values({
        campaignId: campaign.id,
        orgId: campaign.orgId,
        investorProfileId: c.investorProfileId,
        commitmentId: c.id,
        amountFen: c.amountFen,
        // equityPpm(a, p) is a ÷ (p + a): with p = post-money − a it is a ÷ post-money.
        equityPpm: equityPpm(c.amountFen, postMoney - c.amountFen),
        securityType: campaign.securityType,
        recordedAt: at,
      })
      await moveCommitment(tx, {
        commitmentId: c.id,
        action: 'complete',
        actorRoles: ['system'],
        actorUserId: input.adminUserId,
      })
      await notifyInvestor(tx, c, 'campaign.completed', {
        title: campaign.title,
        amount: yuan(c.amountFen),
      })
    }
    await moveCampaign(tx, {
      campaignId: campaign.id,
      action: 'complete',
      actorRoles: ['admin'],
      actorUserId: input.adminUserId,
      set: { completedAt: at, raisedFen: raised },
    })
    await notifyStartup(
      tx,
      campaign,
      'campaign.completed',
      { title: campaign.title, amount: yuan(raised - feeFen) },
      `/campaigns/${campaign.slug}/closing`,
    )
    await audit(tx, {
      actorUserId: input.adminUserId,
      action: 'campaign.complete',
      entity: 'campaign',
      entityId: campaign.id,
      data: { raisedFen: raised, feeFen, holdings: collected.length },
      ip: input.ip,
    })
  })
}

export async function rejectDocuments(input: {
  campaignId: string
  adminUserId: string
  reason: string
  ip: string | null
}): Promise<void> {
  await db().transaction(async (tx) => {
    const campaign = await lockForAdmin(tx, input.campaignId, input.adminUserId)
    if (campaign.status !== 'documents_submitted')
      throw new UserError('commitments:admin.errors.notSubmitted')
    await moveCampaign(tx, {
      campaignId: campaign.id,
      action: 'reject-documents',
      actorRoles: ['admin'],
      actorUserId: input.adminUserId,
      note: input.reason,
      set: { documentsRejectionReason: input.reason },
    })
    await notifyStartup(tx, campaign, 'campaign.documentsRejected', {
      title: campaign.title,
      reason: input.reason,
    })
    await audit(tx, {
      actorUserId: input.adminUserId,
      action: 'campaign.reject-documents',
      entity: 'campaign',
      entityId: campaign.id,
      data: { reason: input.reason },
      ip: input.ip,
    })
  })
}

/** Withdraws a live (or draft) campaign: by its startup, or by a verifier (audited). */
export async function withdrawCampaign(input: {
  campaignId: string
  userId: string
  as: 'startup' | 'admin'
  reason: string
  ip: string | null
}): Promise<void> {
  await db().transaction(async (tx) => {
    const campaign =
      input.as === 'admin'
        ? await lockForAdmin(tx, input.campaignId, input.userId)
        : await lockManaged(tx, input.campaignId, input.userId)
    if (campaign.status !== 'live' && campaign.status !== 'draft')
      throw new UserError('commitments:withdraw.errors.notLive')
    await closeUnsuccessful(tx, {
      campaign,
      action: 'withdraw',
      actorRoles: [input.as],
      actorUserId: input.userId,
      reason: input.reason,
    })
    if (input.as === 'admin')
      await audit(tx, {
        actorUserId: input.userId,
        action: 'campaign.withdraw',
        entity: 'campaign',
        entityId: campaign.id,
        data: { reason: input.reason },
        ip: input.ip,
      })
  })
}
