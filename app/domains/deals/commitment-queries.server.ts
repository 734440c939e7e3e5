// What the commitment pages show: the commit form's campaign and the profiles a person may act
// for, one commitment with its history and payment, a person's investments, a campaign's
// closing, and the verifiers' list of campaigns. Reads only; every page checks access here.
import { and, asc, desc, eq, gt, inArray } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import {
  campaignVersions,
  campaigns,
  commitmentEvents,
  commitments,
  holdings,
  investorProfiles,
  organisations,
  payments,
  uploads,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { stripeEnabled } from '../payments/stripe/client.server.ts'
import { savedCards } from '../payments/stripe/saved-cards.server.ts'
import { campaignAccess } from './campaign-access.server.ts'
import { adminConflict, campaignBySlug } from './closing.server.ts'
import { annualRoom, campaignTotals, holderRoom } from './commitment-limits.server.ts'
import { cardsOffered, commitmentFor, coolingOffEndsAt } from './commitments.server.ts'
import { adminStatuses, type AdminStatus } from './deal.machine.ts'
import { profilesActedBy, qualificationOf } from './investor-standing.server.ts'
import type { Auth } from '../accounts/auth.server.ts'

/** The commit page: null when the campaign does not exist or its terms are not for this person. */
export async function commitPageData(slug: string, auth: Auth) {
  const tx = db()
  const campaign = await campaignBySlug(tx, slug)
  if (!campaign || campaign.status === 'draft') return null
  const access = await campaignAccess(tx, campaign, auth)
  if (!access.seesTeaser) return null
  const profiles = await profilesActedBy(tx, auth.user.id)
  const totals = await campaignTotals(tx, campaign.id)
  const mine = profiles.length
    ? await tx
        .select({ id: commitments.id, profileId: commitments.investorProfileId })
        .from(commitments)
        .where(
          and(
            eq(commitments.campaignId, campaign.id),
            inArray(
              commitments.investorProfileId,
              profiles.map((p) => p.id),
            ),
            inArray(commitments.status, [
              'pending',
              'committed',
              'reconfirm_required',
              'collected',
              'completed',
            ]),
          ),
        )
    : []
  const acting = []
  for (const p of profiles) {
    acting.push({
      id: p.id,
      name: p.displayName,
      kind: p.kind,
      qualified: (await qualificationOf(tx, p.id)) !== null,
      annualRoomFen: await annualRoom(tx, p),
      commitmentId: mine.find((m) => m.profileId === p.id)?.id ?? null,
    })
  }
  return {
    campaign: {
      id: campaign.id,
      slug: campaign.slug,
      title: campaign.title,
      status: campaign.status,
      version: campaign.version,
      deadline: campaign.deadline.toISOString(),
      minTicketFen: campaign.minTicketFen,
      targetFen: campaign.targetFen,
      maxFen: campaign.maxFen,
      committedFen: totals.totalFen,
      roomFen: Math.max(0, campaign.maxFen - totals.totalFen),
      holderRoom: holderRoom(campaign, totals.investors),
      riskDisclosure: campaign.riskDisclosure,
      coolingOffEndsAt: coolingOffEndsAt(campaign.deadline).toISOString(),
    },
    open: campaign.status === 'live' && campaign.deadline > now(),
    ndaAccepted: access.ndaAccepted,
    manages: access.member,
    profiles: acting,
    cards: await cardsOffered(tx, campaign.orgId),
  }
}

/** One commitment for its investor (or the firm's owners and admins); null to anyone else. */
export async function commitmentPage(commitmentId: string, userId: string) {
  const tx = db()
  const row = await commitmentFor(tx, commitmentId, userId)
  if (!row) return null
  const { c, campaign, profile } = row
  const history = await tx
    .select()
    .from(commitmentEvents)
    .where(eq(commitmentEvents.commitmentId, c.id))
    .orderBy(asc(commitmentEvents.at))
  const payment = c.paymentId
    ? await tx
        .select({
          id: payments.id,
          status: payments.status,
          provider: payments.provider,
          amountFen: payments.amountFen,
          reference: payments.reference,
        })
        .from(payments)
        .where(eq(payments.id, c.paymentId))
        .then((r) => r[0] ?? null)
    : null
  // What changed since the investor agreed: each newer version's note.
  const changes =
    c.status === 'reconfirm_required'
      ? await tx
          .select({
            version: campaignVersions.version,
            note: campaignVersions.changeNote,
            at: campaignVersions.createdAt,
          })
          .from(campaignVersions)
          .where(
            and(
              eq(campaignVersions.campaignId, campaign.id),
              gt(campaignVersions.version, c.termsVersion),
            ),
          )
          .orderBy(asc(campaignVersions.version))
      : []
  const closesAt = coolingOffEndsAt(campaign.deadline)
  const chargeFailed =
    c.method === 'card' &&
    c.status === 'committed' &&
    campaign.status === 'collecting' &&
    payment?.status === 'awaiting_payment'
  const cards =
    c.method === 'card' && stripeEnabled() && (chargeFailed || c.status === 'pending')
      ? await savedCards(c.userId).catch(() => [])
      : []
  const holding = await tx
    .select()
    .from(holdings)
    .where(eq(holdings.commitmentId, c.id))
    .then((r) => r[0] ?? null)
  return {
    commitment: {
      id: c.id,
      amountFen: c.amountFen,
      method: c.method,
      status: c.status,
      termsVersion: c.termsVersion,
      reconfirmBy: c.reconfirmBy?.toISOString() ?? null,
      createdAt: c.createdAt.toISOString(),
    },
    profile: { name: profile.displayName, kind: profile.kind },
    campaign: {
      slug: campaign.slug,
      title: campaign.title,
      status: campaign.status,
      version: campaign.version,
      deadline: campaign.deadline.toISOString(),
      collectionEndsAt: campaign.collectionEndsAt?.toISOString() ?? null,
    },
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      to: h.toStatus,
      note: h.note,
      at: h.at.toISOString(),
    })),
    payment,
    changes: changes.map((ch) => ({ ...ch, at: ch.at.toISOString() })),
    coolingOff: {
      closesAt: closesAt.toISOString(),
      open: now() < closesAt,
    },
    cancellable:
      ['pending', 'committed', 'reconfirm_required'].includes(c.status) &&
      campaign.status === 'live',
    chargeFailed,
    cards,
    holding: holding ? { equityPpm: holding.equityPpm, amountFen: holding.amountFen } : null,
  }
}

/** Everything a person invested, for themselves and for the firms they run. */
export async function investmentsOf(userId: string) {
  const tx = db()
  const profiles = await profilesActedBy(tx, userId)
  const ids = profiles.map((p) => p.id)
  if (ids.length === 0) return { profiles: [], commitments: [], holdings: [] }
  const rows = await tx
    .select({
      id: commitments.id,
      amountFen: commitments.amountFen,
      status: commitments.status,
      method: commitments.method,
      createdAt: commitments.createdAt,
      profileName: investorProfiles.displayName,
      title: campaigns.title,
      slug: campaigns.slug,
      campaignStatus: campaigns.status,
      deadline: campaigns.deadline,
    })
    .from(commitments)
    .innerJoin(campaigns, eq(campaigns.id, commitments.campaignId))
    .innerJoin(investorProfiles, eq(investorProfiles.id, commitments.investorProfileId))
    .where(inArray(commitments.investorProfileId, ids))
    .orderBy(desc(commitments.createdAt))
    .limit(200)
  const held = await tx
    .select({
      id: holdings.id,
      amountFen: holdings.amountFen,
      equityPpm: holdings.equityPpm,
      securityType: holdings.securityType,
      recordedAt: holdings.recordedAt,
      company: organisations.name,
      title: campaigns.title,
      slug: campaigns.slug,
      profileName: investorProfiles.displayName,
    })
    .from(holdings)
    .innerJoin(campaigns, eq(campaigns.id, holdings.campaignId))
    .innerJoin(organisations, eq(organisations.id, holdings.orgId))
    .innerJoin(investorProfiles, eq(investorProfiles.id, holdings.investorProfileId))
    .where(inArray(holdings.investorProfileId, ids))
    .orderBy(desc(holdings.recordedAt))
  return {
    profiles: profiles.map((p) => ({ id: p.id, name: p.displayName, kind: p.kind })),
    commitments: rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      deadline: r.deadline.toISOString(),
    })),
    holdings: held.map((h) => ({ ...h, recordedAt: h.recordedAt.toISOString() })),
  }
}

/** The dashboard's short list: live and recent commitments, for investors only (null otherwise). */
export async function dashboardInvestments(userId: string) {
  const all = await investmentsOf(userId)
  if (all.profiles.length === 0) return null
  const open = all.commitments.filter((c) =>
    ['pending', 'committed', 'reconfirm_required', 'collected'].includes(c.status),
  )
  return {
    open: open.slice(0, 5).map((c) => ({
      id: c.id,
      title: c.title,
      amountFen: c.amountFen,
      status: c.status,
    })),
    openCount: open.length,
    openFen: open.reduce((sum, c) => sum + c.amountFen, 0),
    holdings: all.holdings.length,
    actionNeeded: open.filter((c) => c.status === 'pending' || c.status === 'reconfirm_required')
      .length,
  }
}

async function uploadName(id: string | null) {
  if (!id) return null
  const row = await db()
    .select({ id: uploads.id, name: uploads.originalName })
    .from(uploads)
    .where(eq(uploads.id, id))
    .then((r) => r[0])
  return row ?? null
}

/** The closing page of a campaign its owners and admins run. */
export async function closingPage(campaign: typeof campaigns.$inferSelect) {
  const tx = db()
  const rows = await tx
    .select({
      id: commitments.id,
      amountFen: commitments.amountFen,
      status: commitments.status,
      method: commitments.method,
      investor: investorProfiles.displayName,
    })
    .from(commitments)
    .innerJoin(investorProfiles, eq(investorProfiles.id, commitments.investorProfileId))
    .where(eq(commitments.campaignId, campaign.id))
    .orderBy(asc(commitments.createdAt))
  return {
    campaign: {
      id: campaign.id,
      slug: campaign.slug,
      title: campaign.title,
      status: campaign.status,
      targetFen: campaign.targetFen,
      minimumAcceptFen: campaign.minimumAcceptFen,
      raisedFen: campaign.raisedFen,
      deadline: campaign.deadline.toISOString(),
      collectionEndsAt: campaign.collectionEndsAt?.toISOString() ?? null,
      decisionDeadline: campaign.decisionDeadline?.toISOString() ?? null,
      rejection: campaign.documentsRejectionReason,
      closedReason: campaign.closedReason,
      completedAt: campaign.completedAt?.toISOString() ?? null,
    },
    agreement: await uploadName(campaign.agreementUploadId),
    registration: await uploadName(campaign.registrationUploadId),
    commitments: rows.filter((r) => !['cancelled', 'lapsed'].includes(r.status)),
  }
}

export { adminStatuses, type AdminStatus }

/** Campaigns by status for the verifiers, with whether this verifier has a stake in each. */
export async function adminCampaigns(status: AdminStatus, adminUserId: string) {
  const tx = db()
  const rows = await tx
    .select({ c: campaigns, orgName: organisations.name })
    .from(campaigns)
    .innerJoin(organisations, eq(organisations.id, campaigns.orgId))
    .where(eq(campaigns.status, status))
    .orderBy(desc(campaigns.updatedAt))
    .limit(100)
  const counts = await tx
    .select({ status: campaigns.status, id: campaigns.id })
    .from(campaigns)
    .where(inArray(campaigns.status, [...adminStatuses]))
  const list = []
  for (const { c, orgName } of rows) {
    const totals = await campaignTotals(tx, c.id)
    list.push({
      id: c.id,
      slug: c.slug,
      title: c.title,
      orgName,
      status: c.status,
      targetFen: c.targetFen,
      committedFen: totals.totalFen,
      raisedFen: c.raisedFen,
      deadline: c.deadline.toISOString(),
      rejection: c.documentsRejectionReason,
      agreement: await uploadName(c.agreementUploadId),
      registration: await uploadName(c.registrationUploadId),
      conflict: await adminConflict(tx, c, adminUserId),
    })
  }
  const byStatus: Record<string, number> = {}
  for (const r of counts) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1
  return { list, byStatus }
}
