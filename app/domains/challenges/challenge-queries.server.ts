// Reads for the challenge pages: an organisation's own challenges with their counts, the public
// page's facts, and whether a reader may fetch one of a challenge's attachments.
import { desc, eq, inArray, sql } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import {
  challengeBids,
  challengeQuestions,
  challenges,
  organisations,
  spaces,
  uploads,
} from '../../../db/schema/index.ts'
import { hasAcceptedNda, isPosterMember } from './challenge-access.server.ts'
import { liveBidStatuses } from './challenge.machine.ts'

export async function challengesOfOrgs(orgIds: string[]) {
  if (orgIds.length === 0) return []
  const live = sql.join(
    liveBidStatuses.map((s) => sql`${s}`),
    sql`, `,
  )
  return db()
    .select({
      id: challenges.id,
      slug: challenges.slug,
      title: challenges.title,
      status: challenges.status,
      version: challenges.version,
      bidDeadline: challenges.bidDeadline,
      orgName: organisations.name,
      bids: sql<number>`(select count(*)::int from ${challengeBids}
        where ${challengeBids.challengeId} = ${challenges.id} and ${challengeBids.status} in (${live}))`,
      questions: sql<number>`(select count(*)::int from ${challengeQuestions}
        where ${challengeQuestions.challengeId} = ${challenges.id})`,
      unanswered: sql<number>`(select count(*)::int from ${challengeQuestions}
        where ${challengeQuestions.challengeId} = ${challenges.id} and ${challengeQuestions.answer} is null)`,
    })
    .from(challenges)
    .innerJoin(organisations, eq(organisations.id, challenges.orgId))
    .where(inArray(challenges.orgId, orgIds))
    .orderBy(desc(challenges.updatedAt))
}

export async function posterOrg(orgId: string) {
  return db()
    .select({
      name: organisations.name,
      slug: organisations.slug,
      city: organisations.city,
      status: organisations.status,
    })
    .from(organisations)
    .where(eq(organisations.id, orgId))
    .then((r) => r[0] ?? null)
}

export async function spaceNames(ids: string[]) {
  if (ids.length === 0) return []
  return db()
    .select({ slug: spaces.slug, name: spaces.name })
    .from(spaces)
    .where(inArray(spaces.id, ids))
}

export async function uploadsNamed(ids: string[]) {
  if (ids.length === 0) return []
  const rows = await db()
    .select({ id: uploads.id, name: uploads.originalName, sizeBytes: uploads.sizeBytes })
    .from(uploads)
    .where(inArray(uploads.id, ids))
  // In the order the poster attached them.
  return ids.flatMap((id) => rows.find((r) => r.id === id) ?? [])
}

/**
 * Whether a reader may fetch an attachment of a published challenge: a public attachment is for
 * anyone, a confidential one for the poster's members and those who accepted the NDA (or
 * everyone when the challenge's details are public). For /uploads/:id.
 */
export async function canReadChallengeUpload(
  userId: string | null,
  uploadId: string,
): Promise<boolean> {
  const rows = await db()
    .select()
    .from(challenges)
    .where(
      sql`${uploadId}::uuid = any(${challenges.attachmentUploadIds}) or ${uploadId}::uuid = any(${challenges.confidentialUploadIds})`,
    )
  for (const c of rows) {
    if (userId && (await isPosterMember(db(), c, userId))) return true
    if (c.status === 'draft') continue
    if (c.attachmentUploadIds.includes(uploadId)) return true
    if (userId && (await hasAcceptedNda(db(), c, userId))) return true
  }
  return false
}
