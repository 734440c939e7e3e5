// What a campaign's page shows to whom: nothing (404) to those who may not see its teaser; the
// teaser (name, one-liner, segments, stage, progress, days left, pitch deck); the NDA step for a
// qualified investor who has not accepted it; and the full page (terms, valuation, equity,
// amounts committed, data room, Q&A, updates, versions) to those who see the terms. Each full
// view by an investor is logged for the startup.
import { and, asc, desc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { isUuid } from '../../../db/ids.ts'
import {
  campaignDocuments,
  campaignNdaAcceptances,
  campaigns,
  campaignVersions,
  commitments,
  dataRoomAccessLog,
  organisations,
  startupProfiles,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { env } from '../../env.server.ts'
import type { Auth } from '../accounts/auth.server.ts'
import { adminRolesAllow } from '../accounts/permissions.ts'
import { UserError } from '../problems.ts'
import { campaignAccess, type CampaignAccess } from './campaign-access.server.ts'
import { questionsOf } from './campaign-questions.server.ts'
import { updatesOf } from './campaign-updates.server.ts'
import { countedCommitmentStates } from './deal.machine.ts'
import { equityPpm } from './deals.schema.ts'
import { isVerifiedInvestor } from './investor-standing.server.ts'
import { HIDDEN_BODY } from '../../error-kinds.ts'
import { holdForReader } from '../moderation/holds.server.ts'

export type Campaign = typeof campaigns.$inferSelect
const DAY = 86_400_000

export async function campaignBySlug(tx: Tx, slug: string): Promise<Campaign | null> {
  if (!slug || slug.length > 120) return null
  return tx
    .select()
    .from(campaigns)
    .where(isUuid(slug) ? eq(campaigns.id, slug) : eq(campaigns.slug, slug))
    .then((r) => r[0] ?? null)
}

export type Progress = { committedFen: number; investors: number }

/**
 * The counting commitments of the given campaigns, in one grouped query: a list page asks for
 * the rows it shows, never more.
 */
export async function progressOf(tx: Tx, ids: string[]): Promise<Map<string, Progress>> {
  const map = new Map<string, Progress>()
  if (ids.length === 0) return map
  const rows = await tx
    .select({
      campaignId: commitments.campaignId,
      committedFen: sql<number>`coalesce(sum(${commitments.amountFen}), 0)`.mapWith(Number),
      investors: sql<number>`count(distinct ${commitments.investorProfileId})`.mapWith(Number),
    })
    .from(commitments)
    .where(
      and(
        inArray(commitments.campaignId, ids.slice(0, 100)),
        inArray(commitments.status, [...countedCommitmentStates]),
      ),
    )
    .groupBy(commitments.campaignId)
  for (const r of rows)
    map.set(r.campaignId, { committedFen: r.committedFen, investors: r.investors })
  return map
}

/** Percent of the target committed (can pass 100 up to the cap), to one decimal. */
export function percentOf(committedFen: number, targetFen: number): number {
  if (targetFen <= 0) return 0
  return Math.floor((committedFen * 1000) / targetFen) / 10
}

export function daysLeft(deadline: Date, at: Date = now()): number {
  return Math.max(0, Math.ceil((deadline.getTime() - at.getTime()) / DAY))
}

/** A teaser card's figures for the campaigns a list shows: progress and days left, no amounts. */
export async function teaserFigures(rowIds: string[]) {
  const ids = rowIds.filter(isUuid).slice(0, 100)
  if (ids.length === 0) return {}
  const rows = await db()
    .select({ id: campaigns.id, targetFen: campaigns.targetFen, deadline: campaigns.deadline })
    .from(campaigns)
    .where(inArray(campaigns.id, ids))
  const progress = await progressOf(db(), ids)
  const at = now()
  return Object.fromEntries(
    rows.map((r) => [
      r.id,
      {
        percent: percentOf(progress.get(r.id)?.committedFen ?? 0, r.targetFen),
        daysLeft: daysLeft(r.deadline, at),
      },
    ]),
  ) as Record<string, { percent: number; daysLeft: number }>
}

/** The person's own live commitment to the campaign (any profile they act for), if any. */
async function ownCommitment(tx: Tx, campaignId: string, userId: string) {
  return tx
    .select({
      id: commitments.id,
      status: commitments.status,
      amountFen: commitments.amountFen,
    })
    .from(commitments)
    .where(
      and(
        eq(commitments.campaignId, campaignId),
        eq(commitments.userId, userId),
        inArray(commitments.status, [...countedCommitmentStates]),
      ),
    )
    .orderBy(desc(commitments.createdAt))
    .limit(1)
    .then((r) => r[0] ?? null)
}

export async function versionsOf(tx: Tx, campaignId: string) {
  return tx
    .select({
      version: campaignVersions.version,
      terms: campaignVersions.terms,
      changeNote: campaignVersions.changeNote,
      material: campaignVersions.material,
      createdAt: campaignVersions.createdAt,
    })
    .from(campaignVersions)
    .where(eq(campaignVersions.campaignId, campaignId))
    .orderBy(asc(campaignVersions.version))
}

export async function documentsOf(tx: Tx, campaignId: string) {
  return tx
    .select({
      id: campaignDocuments.id,
      title: campaignDocuments.title,
      createdAt: campaignDocuments.createdAt,
    })
    .from(campaignDocuments)
    .where(and(eq(campaignDocuments.campaignId, campaignId), isNull(campaignDocuments.removedAt)))
    .orderBy(asc(campaignDocuments.createdAt))
}

export type CampaignPage = Awaited<ReturnType<typeof campaignPage>>

/** The page's data for this reader; throws a 404 response when they may not see it at all. */
export async function campaignPage(input: { slug: string; auth: Auth | null; ip: string }) {
  const tx = db()
  const campaign = await campaignBySlug(tx, input.slug)
  if (!campaign) throw new Response('not found', { status: 404 })
  const access = await campaignAccess(tx, campaign, input.auth)
  if (access.hiddenFromReader) throw new Response(HIDDEN_BODY, { status: 404 })
  if (!access.seesTeaser) throw new Response('not found', { status: 404 })
  const hold = await holdForReader(
    'campaign',
    campaign.id,
    access.member || adminRolesAllow(input.auth?.adminRoles ?? [], 'view:admin:any'),
  )
  const org = await tx
    .select({
      name: organisations.name,
      slug: organisations.slug,
      city: organisations.city,
      stage: startupProfiles.stage,
    })
    .from(organisations)
    .leftJoin(startupProfiles, eq(startupProfiles.orgId, organisations.id))
    .where(eq(organisations.id, campaign.orgId))
    .then((r) => r[0])
  const progress = (await progressOf(tx, [campaign.id])).get(campaign.id) ?? {
    committedFen: 0,
    investors: 0,
  }
  const at = now()
  const teaser = {
    id: campaign.id,
    slug: campaign.slug,
    status: campaign.status,
    title: campaign.title,
    oneLiner: campaign.oneLiner,
    segments: campaign.segments,
    stage: org?.stage ?? null,
    org: { name: org?.name ?? '', slug: org?.slug ?? '', city: org?.city ?? '' },
    percent: percentOf(progress.committedFen, campaign.targetFen),
    daysLeft: daysLeft(campaign.deadline, at),
    deadline: campaign.deadline.toISOString(),
    pitchDeckUploadId: campaign.pitchDeckUploadId,
  }
  const userId = input.auth?.user.id ?? null
  // The NDA step: a qualified investor who has not yet accepted this campaign's NDA.
  const ndaStep =
    !access.seesTerms && access.verifiedInvestor && campaign.status !== 'draft'
      ? { body: campaign.ndaBody, version: campaign.version }
      : null
  if (!access.seesTerms) return { access: publicAccess(access), hold, teaser, ndaStep, full: null }

  // Investors' looks are what the startup wants to see; its own people and admins are not logged.
  if (userId && !access.member && !access.admin)
    await tx.insert(dataRoomAccessLog).values({
      campaignId: campaign.id,
      userId,
      action: 'view',
      ip: input.ip,
      at,
    })
  const [documents, questions, updates, versions, mine] = await Promise.all([
    documentsOf(tx, campaign.id),
    questionsOf(campaign.id, access.manages, userId),
    updatesOf(campaign.id),
    versionsOf(tx, campaign.id),
    userId ? ownCommitment(tx, campaign.id, userId) : Promise.resolve(null),
  ])
  return {
    access: publicAccess(access),
    hold,
    teaser,
    ndaStep: null,
    full: {
      version: campaign.version,
      targetFen: campaign.targetFen,
      maxFen: campaign.maxFen,
      minTicketFen: campaign.minTicketFen,
      minimumAcceptFen: campaign.minimumAcceptFen,
      preMoneyFen: campaign.preMoneyFen,
      equityTargetPpm: equityPpm(campaign.targetFen, campaign.preMoneyFen),
      equityMaxPpm: equityPpm(campaign.maxFen, campaign.preMoneyFen),
      securityType: campaign.securityType,
      companyForm: campaign.companyForm,
      vehicle: campaign.vehicle,
      existingHolders: campaign.existingHolders,
      useOfFunds: campaign.useOfFunds,
      riskDisclosure: campaign.riskDisclosure,
      details: campaign.details,
      committedFen: progress.committedFen,
      investors: progress.investors,
      documents: documents.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
      questions,
      updates,
      versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
      mine,
    },
  }
}

function publicAccess(a: CampaignAccess) {
  return {
    manages: a.manages,
    member: a.member,
    admin: a.admin,
    verifiedInvestor: a.verifiedInvestor,
    ndaAccepted: a.ndaAccepted,
  }
}

/** A qualified investor accepts the campaign's NDA: recorded with the version and the address. */
export async function acceptNda(input: { slug: string; auth: Auth; ip: string }): Promise<void> {
  await db().transaction(async (tx) => {
    const campaign = await campaignBySlug(tx, input.slug)
    if (!campaign || campaign.status === 'draft') throw new UserError('campaigns:errors.notFound')
    if (!(await isVerifiedInvestor(tx, input.auth.user.id)))
      throw new UserError('campaigns:errors.notVerified')
    await tx
      .insert(campaignNdaAcceptances)
      .values({
        campaignId: campaign.id,
        userId: input.auth.user.id,
        version: campaign.version,
        ip: input.ip,
        acceptedAt: now(),
      })
      .onConflictDoNothing()
  })
}

/**
 * Whether the reader may open the campaign's pitch deck: it is public with the teaser, so the
 * deck is readable by whoever sees the teaser of a campaign that is not withdrawn.
 */
export async function canReadPitchDeck(
  auth: Pick<Auth, 'user' | 'adminRoles'> | null,
  uploadId: string,
): Promise<boolean> {
  const rows = await db()
    .select({ id: campaigns.id, orgId: campaigns.orgId, status: campaigns.status })
    .from(campaigns)
    .where(
      and(eq(campaigns.pitchDeckUploadId, uploadId), notInArray(campaigns.status, ['withdrawn'])),
    )
  for (const c of rows) {
    if (!auth && env().CAMPAIGN_VISIBILITY !== 'teaser') continue
    if ((await campaignAccess(db(), c, auth)).seesTeaser) return true
  }
  return false
}

/** The acting startup's campaigns, newest first, with their progress. */
export async function campaignsOfOrgs(orgIds: string[]) {
  if (orgIds.length === 0) return []
  const rows = await db()
    .select({
      id: campaigns.id,
      slug: campaigns.slug,
      title: campaigns.title,
      status: campaigns.status,
      version: campaigns.version,
      targetFen: campaigns.targetFen,
      deadline: campaigns.deadline,
      orgId: campaigns.orgId,
      orgName: organisations.name,
      updatedAt: campaigns.updatedAt,
    })
    .from(campaigns)
    .innerJoin(organisations, eq(organisations.id, campaigns.orgId))
    .where(inArray(campaigns.orgId, orgIds))
    .orderBy(desc(campaigns.updatedAt))
    .limit(100)
  const progress = await progressOf(
    db(),
    rows.map((r) => r.id),
  )
  const at = now()
  return rows.map((r) => {
    const p = progress.get(r.id) ?? { committedFen: 0, investors: 0 }
    return {
      ...r,
      deadline: r.deadline.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      committedFen: p.committedFen,
      investors: p.investors,
      percent: percentOf(p.committedFen, r.targetFen),
      daysLeft: daysLeft(r.deadline, at),
    }
  })
}

/**
 * Whether this reader may find campaigns when the deployment shows them to qualified investors
 * only: a qualified investor, or an admin who verifies campaigns. `true` or nothing, as the
 * search parameters take it.
 */
export async function viewerSeesCampaigns(
  auth: Pick<Auth, 'user' | 'adminRoles'> | null,
): Promise<true | undefined> {
  if (env().CAMPAIGN_VISIBILITY === 'teaser') return true
  if (!auth) return undefined
  if (adminRolesAllow(auth.adminRoles, 'verify:campaign:any')) return true
  return (await isVerifiedInvestor(db(), auth.user.id)) ? true : undefined
}

/**
 * The dashboard's campaigns: those of the startups the person belongs to that are not over,
 * each with its progress and the next step for the startup.
 */
export async function campaignDashboard(memberships: { orgId: string; orgType: string }[]) {
  const orgIds = memberships.filter((m) => m.orgType === 'startup').map((m) => m.orgId)
  const rows = (await campaignsOfOrgs(orgIds)).filter(
    (r) => !['completed', 'failed', 'withdrawn'].includes(r.status),
  )
  return rows.slice(0, 5).map((r) => ({
    slug: r.slug,
    title: r.title,
    status: r.status,
    percent: r.percent,
    daysLeft: r.daysLeft,
    investors: r.investors,
  }))
}
