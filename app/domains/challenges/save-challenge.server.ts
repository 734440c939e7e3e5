// Creates a challenge as a draft, edits a draft, or amends a published one. An amendment is a new
// version (its snapshot and note in challenge_versions), is told to every bidder with a live bid,
// re-times the bid-deadline timer and re-indexes; once bids exist the bid deadline cannot move
// earlier, judged here with the product clock. Attachments go through the upload service.
import crypto from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { challengeBids, challenges, challengeVersions } from '../../../db/schema/index.ts'
import { indexLater } from '../../../search/index-later.server.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { checkOrgPermission } from '../accounts/permissions.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { UserError } from '../problems.ts'
import { checkUpload, storeUpload, type CheckedFile } from '../uploads/store-upload.server.ts'
import { organisations, orgMembers } from '../../../db/schema/index.ts'
import { isNull } from 'drizzle-orm'
import { liveBidStatuses } from './challenge.machine.ts'
import { type ChallengeValues } from './challenge-form.schema.ts'
import { MAX_ATTACHMENTS } from './challenge-limits.ts'
import { ndaTextFor } from './nda.server.ts'
import { scheduleCloseBids } from './close-bids.server.ts'

export type Challenge = typeof challenges.$inferSelect

export type ChallengeFiles = {
  attachments?: File[]
  confidentialAttachments?: File[]
  removeUploadIds?: string[]
}

/** Editable while a draft or open; afterwards the bids are being judged on what was published. */
const editable = new Set<Challenge['status']>(['draft', 'open'])

export async function assertMayPost(tx: Tx, orgId: string, userId: string): Promise<void> {
  const member = await tx
    .select({ role: orgMembers.role, orgStatus: organisations.status, orgType: organisations.type })
    .from(orgMembers)
    .innerJoin(organisations, eq(organisations.id, orgMembers.orgId))
    .where(
      and(eq(orgMembers.orgId, orgId), eq(orgMembers.userId, userId), isNull(orgMembers.leftAt)),
    )
    .then((r) => r[0])
  if (!member || checkOrgPermission(member, 'post:challenge:own'))
    throw new UserError('challenges:errors.notYours')
}

/** The challenge locked for the write that follows; a stranger learns only "not found". */
export async function loadChallengeForPoster(tx: Tx, challengeId: string, userId: string) {
  const challenge = await tx
    .select()
    .from(challenges)
    .where(eq(challenges.id, challengeId))
    .for('update')
    .then((r) => r[0])
  if (!challenge) throw new UserError('challenges:errors.notFound')
  await assertMayPost(tx, challenge.orgId, userId)
  return challenge
}

function columnsOf(values: ChallengeValues) {
  return {
    title: values.title,
    summary: values.summary,
    details: values.details,
    segments: values.segments,
    type: values.type,
    solicitation: values.solicitation,
    awardMode: values.awardMode,
    awardFen: values.awardFen,
    budgetMinFen: values.budgetMinFen,
    budgetMaxFen: values.budgetMaxFen,
    bidDeadline: values.bidDeadline,
    awardDeadline: values.awardDeadline,
    deliveryDeadline: values.deliveryDeadline,
    ipTerms: values.ipTerms,
    confidentiality: values.confidentiality,
    eligibility: values.eligibility,
    eligibleSpaceIds: values.eligibleSpaceIds,
    eligibleSegments: values.eligibleSegments,
  }
}

/** What a version records: the published fields, so a bidder can see what changed. */
export function snapshotOf(c: Challenge): Record<string, unknown> {
  return {
    title: c.title,
    summary: c.summary,
    details: c.details,
    segments: c.segments,
    type: c.type,
    solicitation: c.solicitation,
    awardMode: c.awardMode,
    awardFen: c.awardFen,
    budgetMinFen: c.budgetMinFen,
    budgetMaxFen: c.budgetMaxFen,
    bidDeadline: c.bidDeadline.toISOString(),
    awardDeadline: c.awardDeadline.toISOString(),
    deliveryDeadline: c.deliveryDeadline.toISOString(),
    ipTerms: c.ipTerms,
    confidentiality: c.confidentiality,
    ndaTextId: c.ndaTextId,
    eligibility: c.eligibility,
    eligibleSpaceIds: c.eligibleSpaceIds,
    eligibleSegments: c.eligibleSegments,
    attachmentUploadIds: c.attachmentUploadIds,
    confidentialUploadIds: c.confidentialUploadIds,
  }
}

// Files are read and sniffed before the transaction opens, so no lock waits on file I/O.
async function checkFiles(files: File[] | undefined, field: string): Promise<CheckedFile[]> {
  const real = (files ?? []).filter((f) => f.size > 0)
  return Promise.all(real.map((f) => checkUpload(f, 'attachment', field)))
}

async function storeAll(tx: Tx, files: CheckedFile[], userId: string, orgId: string) {
  const ids: string[] = []
  for (const file of files) {
    const stored = await storeUpload(tx, {
      file,
      purpose: 'attachment',
      ownerUserId: userId,
      ownerOrgId: orgId,
    })
    ids.push(stored.id)
  }
  return ids
}

async function ndaColumn(tx: Tx, values: ChallengeValues, orgId: string, userId: string) {
  if (!values.nda) return null
  return ndaTextFor(tx, { orgId, userId, ...values.nda })
}

export async function createChallenge(input: {
  orgId: string
  actorUserId: string
  values: ChallengeValues
  files?: ChallengeFiles
  ip: string
}): Promise<{ id: string; slug: string }> {
  const pub = await checkFiles(input.files?.attachments, 'attachments')
  const conf = await checkFiles(input.files?.confidentialAttachments, 'confidentialAttachments')
  if (pub.length > MAX_ATTACHMENTS || conf.length > MAX_ATTACHMENTS)
    throw new UserError('challenges:errors.attachmentsTooMany', 'attachments', {
      max: MAX_ATTACHMENTS,
    })
  return db().transaction(async (tx) => {
    await assertMayPost(tx, input.orgId, input.actorUserId)
    const at = now()
    const [row] = await tx
      .insert(challenges)
      .values({
        ...columnsOf(input.values),
        slug: `ch-${crypto.randomBytes(5).toString('hex')}`,
        orgId: input.orgId,
        createdByUserId: input.actorUserId,
        ndaTextId: await ndaColumn(tx, input.values, input.orgId, input.actorUserId),
        attachmentUploadIds: await storeAll(tx, pub, input.actorUserId, input.orgId),
        confidentialUploadIds: await storeAll(tx, conf, input.actorUserId, input.orgId),
        status: 'draft',
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: challenges.id, slug: challenges.slug })
    if (!row) throw new Error('challenge not created')
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: input.orgId,
      action: 'create-challenge',
      entity: 'challenge',
      entityId: row.id,
      ip: input.ip,
    })
    return row
  })
}

/** Whether the challenge has bids that still count (the bid deadline may then not move earlier). */
export async function hasLiveBids(tx: Tx, challengeId: string): Promise<boolean> {
  const row = await tx
    .select({ id: challengeBids.id })
    .from(challengeBids)
    .where(
      and(
        eq(challengeBids.challengeId, challengeId),
        inArray(challengeBids.status, [...liveBidStatuses]),
      ),
    )
    .limit(1)
    .then((r) => r[0])
  return row !== undefined
}

export async function updateChallenge(input: {
  challengeId: string
  actorUserId: string
  values: ChallengeValues
  files?: ChallengeFiles
  ip: string
}): Promise<{ id: string; slug: string; version: number }> {
  const pub = await checkFiles(input.files?.attachments, 'attachments')
  const conf = await checkFiles(input.files?.confidentialAttachments, 'confidentialAttachments')
  return db().transaction(async (tx) => {
    const current = await loadChallengeForPoster(tx, input.challengeId, input.actorUserId)
    if (!editable.has(current.status)) throw new UserError('challenges:errors.notEditable')
    const amending = current.status !== 'draft'
    const v = input.values
    if (amending) {
      const at = now()
      const moved = v.bidDeadline.getTime() !== current.bidDeadline.getTime()
      if (moved && v.bidDeadline <= at)
        throw new UserError('challenges:errors.bidDeadlinePast', 'bidDeadline')
      if (v.bidDeadline < current.bidDeadline && (await hasLiveBids(tx, current.id)))
        throw new UserError('challenges:errors.bidDeadlineEarlier', 'bidDeadline')
    }
    const removed = new Set(input.files?.removeUploadIds ?? [])
    const keptPub = current.attachmentUploadIds.filter((id) => !removed.has(id))
    const keptConf = current.confidentialUploadIds.filter((id) => !removed.has(id))
    if (
      keptPub.length + pub.length > MAX_ATTACHMENTS ||
      keptConf.length + conf.length > MAX_ATTACHMENTS
    )
      throw new UserError('challenges:errors.attachmentsTooMany', 'attachments', {
        max: MAX_ATTACHMENTS,
      })
    const at = now()
    const [updated] = await tx
      .update(challenges)
      .set({
        ...columnsOf(v),
        ndaTextId: await ndaColumn(tx, v, current.orgId, input.actorUserId),
        attachmentUploadIds: [
          ...keptPub,
          ...(await storeAll(tx, pub, input.actorUserId, current.orgId)),
        ],
        confidentialUploadIds: [
          ...keptConf,
          ...(await storeAll(tx, conf, input.actorUserId, current.orgId)),
        ],
        version: amending ? current.version + 1 : current.version,
        updatedAt: at,
      })
      .where(eq(challenges.id, current.id))
      .returning()
    if (!updated) throw new Error('challenge vanished')
    if (amending) {
      await tx.insert(challengeVersions).values({
        challengeId: updated.id,
        version: updated.version,
        snapshot: snapshotOf(updated),
        note: v.amendmentNote,
        createdByUserId: input.actorUserId,
        createdAt: at,
      })
      if (updated.bidDeadline.getTime() !== current.bidDeadline.getTime())
        await scheduleCloseBids(tx, updated)
      await notifyLiveBidders(tx, updated)
      await indexLater(tx, 'challenge', updated.id)
    }
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: current.orgId,
      action: amending ? 'amend-challenge' : 'update-challenge',
      entity: 'challenge',
      entityId: current.id,
      data: amending ? { version: updated.version } : {},
      ip: input.ip,
    })
    return { id: updated.id, slug: updated.slug, version: updated.version }
  })
}

async function notifyLiveBidders(tx: Tx, c: Challenge) {
  const bidders = await tx
    .select({ userId: challengeBids.bidderUserId })
    .from(challengeBids)
    .where(
      and(eq(challengeBids.challengeId, c.id), inArray(challengeBids.status, [...liveBidStatuses])),
    )
  for (const userId of new Set(bidders.map((b) => b.userId)))
    await notifyParty(tx, {
      userId,
      kind: 'challenge.amended',
      params: { title: c.title, version: String(c.version) },
      link: `/challenges/${c.slug}`,
    })
}
