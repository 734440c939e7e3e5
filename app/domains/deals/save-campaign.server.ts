// Creates a campaign as a draft, edits a draft, or edits a live one. After publishing, a change to
// the terms (amounts, valuation, security, company form and vehicle, deadline, use of funds, risk
// disclosure) is material: it needs a note for investors, bumps the version, records it in
// campaign_versions and asks every counting commitment to reconfirm, in one transaction. Other
// edits (title, one-liner, details, segments, NDA text, pitch deck) save as they are.
import crypto from 'node:crypto'
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import {
  campaigns,
  campaignVersions,
  commitments,
  organisations,
  orgMembers,
} from '../../../db/schema/index.ts'
import { indexLater } from '../../../search/index-later.server.ts'
import { now } from '../../clock.server.ts'
import { checkOrgPermission } from '../accounts/permissions.ts'
import { audit } from '../admin/audit.server.ts'
import { UserError } from '../problems.ts'
import { cancelTimers, scheduleTimer } from '../timers/timers.server.ts'
import { checkUpload, storeUpload, type CheckedFile } from '../uploads/store-upload.server.ts'
import { type CampaignValues } from './campaign-form.schema.ts'
import { materialTerms, type MaterialTerm } from './material-terms.ts'
import { countedCommitmentStates, type CampaignStatus } from './deal.machine.ts'
import { CAMPAIGN_MAX_DAYS } from './deals.schema.ts'
import { askReconfirmation } from './reconfirm.server.ts'
import { dealTimers } from './timer-kinds.ts'

export type Campaign = typeof campaigns.$inferSelect

const DAY = 86_400_000

/** Editable while a draft or live; afterwards the money moves on what was published. */
const editable = new Set<CampaignStatus>(['draft', 'live'])

/** An owner or admin of a verified startup: who raises money for it. */
export async function assertMayRaise(tx: Tx, orgId: string, userId: string): Promise<void> {
  const member = await tx
    .select({ role: orgMembers.role, orgStatus: organisations.status, orgType: organisations.type })
    .from(orgMembers)
    .innerJoin(organisations, eq(organisations.id, orgMembers.orgId))
    .where(
      and(eq(orgMembers.orgId, orgId), eq(orgMembers.userId, userId), isNull(orgMembers.leftAt)),
    )
    .then((r) => r[0])
  if (!member || checkOrgPermission(member, 'raise:money:own'))
    throw new UserError('campaigns:errors.notYours')
}

/** The campaign locked for the write that follows; a stranger learns only "not found". */
export async function loadCampaignForStartup(tx: Tx, campaignId: string, userId: string) {
  const campaign = await tx
    .select()
    .from(campaigns)
    .where(eq(campaigns.id, campaignId))
    .for('update')
    .then((r) => r[0])
  if (!campaign) throw new UserError('campaigns:errors.notFound')
  await assertMayRaise(tx, campaign.orgId, userId)
  return campaign
}

/** The terms as a version records them, so investors can see what changed. */
export function termsOf(c: Campaign): Record<MaterialTerm, string | number> {
  return {
    targetFen: c.targetFen,
    maxFen: c.maxFen,
    minTicketFen: c.minTicketFen,
    minimumAcceptFen: c.minimumAcceptFen,
    preMoneyFen: c.preMoneyFen,
    securityType: c.securityType,
    companyForm: c.companyForm,
    vehicle: c.vehicle,
    existingHolders: c.existingHolders,
    deadline: c.deadline.toISOString(),
    useOfFunds: c.useOfFunds,
    riskDisclosure: c.riskDisclosure,
  }
}

function valuesTerms(v: CampaignValues): Record<MaterialTerm, string | number> {
  return {
    targetFen: v.targetFen,
    maxFen: v.maxFen,
    minTicketFen: v.minTicketFen,
    minimumAcceptFen: v.minimumAcceptFen,
    preMoneyFen: v.preMoneyFen,
    securityType: v.securityType,
    companyForm: v.companyForm,
    vehicle: v.vehicle,
    existingHolders: v.existingHolders,
    deadline: v.deadline.toISOString(),
    useOfFunds: v.useOfFunds,
    riskDisclosure: v.riskDisclosure,
  }
}

/** The material terms that differ between a campaign and the values typed. */
export function changedTerms(c: Campaign, v: CampaignValues): MaterialTerm[] {
  const before = termsOf(c)
  const after = valuesTerms(v)
  return materialTerms.filter((k) => before[k] !== after[k])
}

function columnsOf(v: CampaignValues) {
  return {
    title: v.title,
    oneLiner: v.oneLiner,
    targetFen: v.targetFen,
    maxFen: v.maxFen,
    minTicketFen: v.minTicketFen,
    minimumAcceptFen: v.minimumAcceptFen,
    preMoneyFen: v.preMoneyFen,
    securityType: v.securityType,
    companyForm: v.companyForm,
    vehicle: v.vehicle,
    existingHolders: v.existingHolders,
    deadline: v.deadline,
    useOfFunds: v.useOfFunds,
    riskDisclosure: v.riskDisclosure,
    details: v.details,
    ndaBody: v.ndaBody,
    segments: v.segments,
  }
}

/** A deadline typed for a campaign not yet published: ahead, and within 90 days from now. */
export function draftDeadlineProblem(deadline: Date, at: Date): string | null {
  if (deadline <= at) return 'campaigns:errors.deadlinePast'
  if (deadline.getTime() > at.getTime() + CAMPAIGN_MAX_DAYS * DAY)
    return 'campaigns:errors.deadlineTooFar'
  return null
}

/** What the campaign's counting commitments add up to: the committed total and investors. */
export async function committedOf(tx: Tx, campaignId: string) {
  const row = await tx
    .select({
      totalFen: sql<number>`coalesce(sum(${commitments.amountFen}), 0)`.mapWith(Number),
      investors: sql<number>`count(distinct ${commitments.investorProfileId})`.mapWith(Number),
    })
    .from(commitments)
    .where(
      and(
        eq(commitments.campaignId, campaignId),
        inArray(commitments.status, [...countedCommitmentStates]),
      ),
    )
    .then((r) => r[0])
  return { totalFen: row?.totalFen ?? 0, investors: row?.investors ?? 0 }
}

export async function checkPitchDeck(file: File | null | undefined) {
  if (!file || file.size === 0) return null
  return checkUpload(file, 'pitch-deck', 'pitchDeck')
}

async function storePitchDeck(tx: Tx, file: CheckedFile | null, userId: string, orgId: string) {
  if (!file) return undefined
  const stored = await storeUpload(tx, {
    file,
    purpose: 'pitch-deck',
    ownerUserId: userId,
    ownerOrgId: orgId,
  })
  return stored.id
}

export async function createCampaign(input: {
  orgId: string
  actorUserId: string
  values: CampaignValues
  pitchDeck?: File | null
  ip: string
}): Promise<{ id: string; slug: string }> {
  const deck = await checkPitchDeck(input.pitchDeck)
  return db().transaction(async (tx) => {
    await assertMayRaise(tx, input.orgId, input.actorUserId)
    const at = now()
    const problem = draftDeadlineProblem(input.values.deadline, at)
    if (problem) throw new UserError(problem, 'deadline', { days: CAMPAIGN_MAX_DAYS })
    const org = await tx
      .select({ slug: organisations.slug })
      .from(organisations)
      .where(eq(organisations.id, input.orgId))
      .then((r) => r[0])
    const [row] = await tx
      .insert(campaigns)
      .values({
        ...columnsOf(input.values),
        slug: `${org?.slug ?? 'campaign'}-${crypto.randomBytes(3).toString('hex')}`,
        orgId: input.orgId,
        createdByUserId: input.actorUserId,
        pitchDeckUploadId: (await storePitchDeck(tx, deck, input.actorUserId, input.orgId)) ?? null,
        status: 'draft',
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: campaigns.id, slug: campaigns.slug })
    if (!row) throw new Error('campaign not created')
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: input.orgId,
      action: 'create-campaign',
      entity: 'campaign',
      entityId: row.id,
      ip: input.ip,
    })
    return row
  })
}

export type SavedCampaign = {
  id: string
  slug: string
  version: number
  material: boolean
  /** Commitments asked to reconfirm, and the deadline after any extension. */
  asked: number
  deadline: Date
}

export async function updateCampaign(input: {
  campaignId: string
  actorUserId: string
  values: CampaignValues
  pitchDeck?: File | null
  removePitchDeck?: boolean
  ip: string
}): Promise<SavedCampaign> {
  const deck = await checkPitchDeck(input.pitchDeck)
  return db().transaction(async (tx) => {
    const current = await loadCampaignForStartup(tx, input.campaignId, input.actorUserId)
    if (!editable.has(current.status)) throw new UserError('campaigns:errors.notEditable')
    // The form holds the deadline to the minute: the same minute is the deadline unchanged.
    const sameMinute =
      Math.floor(current.deadline.getTime() / 60_000) ===
      Math.floor(input.values.deadline.getTime() / 60_000)
    const v = sameMinute ? { ...input.values, deadline: current.deadline } : input.values
    const at = now()
    const live = current.status === 'live'
    const changed = live ? changedTerms(current, v) : []
    const material = changed.length > 0
    if (!live) {
      const problem = draftDeadlineProblem(v.deadline, at)
      if (problem) throw new UserError(problem, 'deadline', { days: CAMPAIGN_MAX_DAYS })
    }
    if (material) {
      if (v.changeNote.trim().length < 5)
        throw new UserError('campaigns:errors.changeNoteRequired', 'changeNote')
      const committed = await committedOf(tx, current.id)
      if (changed.includes('deadline')) {
        if (v.deadline <= at) throw new UserError('campaigns:errors.deadlinePast', 'deadline')
        const latest = (current.publishedAt ?? at).getTime() + CAMPAIGN_MAX_DAYS * DAY
        if (v.deadline.getTime() > latest)
          throw new UserError('campaigns:errors.deadlineTooFar', 'deadline', {
            days: CAMPAIGN_MAX_DAYS,
          })
        if (v.deadline < current.deadline && committed.investors > 0)
          throw new UserError('campaigns:errors.deadlineEarlier', 'deadline')
      }
      if (v.maxFen < committed.totalFen)
        throw new UserError('campaigns:errors.capBelowCommitted', 'maxYuan', {
          committed: committed.totalFen / 100,
        })
    }
    const deckId = await storePitchDeck(tx, deck, input.actorUserId, current.orgId)
    // A live campaign keeps its terms unless the change is material (and so announced).
    const [updated] = await tx
      .update(campaigns)
      .set({
        ...columnsOf(v),
        pitchDeckUploadId: deckId ?? (input.removePitchDeck ? null : current.pitchDeckUploadId),
        version: material ? current.version + 1 : current.version,
        updatedAt: at,
      })
      .where(eq(campaigns.id, current.id))
      .returning()
    if (!updated) throw new Error('campaign vanished')
    let asked = 0
    let deadline = updated.deadline
    if (material) {
      await tx.insert(campaignVersions).values({
        campaignId: updated.id,
        version: updated.version,
        terms: termsOf(updated),
        changeNote: v.changeNote,
        material: true,
        createdByUserId: input.actorUserId,
        createdAt: at,
      })
      if (changed.includes('deadline')) {
        await cancelTimers(tx, dealTimers.campaignDeadline, updated.id)
        await scheduleTimer(tx, {
          kind: dealTimers.campaignDeadline,
          subjectId: updated.id,
          dueAt: updated.deadline,
        })
      }
      // Moves the deadline out itself when the change falls in its last 120 hours.
      const reconfirmation = await askReconfirmation(tx, {
        campaignId: updated.id,
        actorUserId: input.actorUserId,
      })
      asked = reconfirmation.asked
      deadline = reconfirmation.deadline
      if (deadline.getTime() !== updated.deadline.getTime()) {
        // The version records the terms investors are asked to reconfirm: the extended deadline.
        await tx
          .update(campaignVersions)
          .set({ terms: { ...termsOf(updated), deadline: deadline.toISOString() } })
          .where(
            and(
              eq(campaignVersions.campaignId, updated.id),
              eq(campaignVersions.version, updated.version),
            ),
          )
      }
    }
    if (live) await indexLater(tx, 'campaign', updated.id)
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: current.orgId,
      action: material ? 'amend-campaign' : 'update-campaign',
      entity: 'campaign',
      entityId: current.id,
      data: material ? { version: updated.version, changed } : {},
      ip: input.ip,
    })
    return {
      id: updated.id,
      slug: updated.slug,
      version: updated.version,
      material,
      asked,
      deadline,
    }
  })
}
