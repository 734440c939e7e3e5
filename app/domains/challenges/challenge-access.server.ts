// Who may see what of a challenge, and who may take part in it. Every page, the API and the
// search document ask here, so an NDA challenge's details and its Q&A never reach someone who
// has not accepted its NDA, and a bid is only ever shown to its bidder and the poster.
import { and, eq, inArray } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { isUuid } from '../../../db/ids.ts'
import {
  challenges,
  ndaAcceptances,
  ndaTexts,
  organisations,
  spaceMemberships,
} from '../../../db/schema/index.ts'
import type { ActingParty } from '../accounts/auth.server.ts'
import { roleInOrg } from '../orgs/org-role.server.ts'

export type Challenge = typeof challenges.$inferSelect

/** Org roles that run the organisation's challenges (post, answer, shortlist, award, fund). */
export const posterRoles = ['owner', 'admin'] as const

/** Any member of the posting organisation: they see everything of its challenges, and may not bid. */
export async function isPosterMember(tx: Tx, challenge: Challenge, userId: string) {
  return (await roleInOrg(tx, challenge.orgId, userId)) !== undefined
}

/** An owner or admin of the posting organisation: who acts for the poster. */
export async function actsForPoster(tx: Tx, challenge: Challenge, userId: string) {
  const role = await roleInOrg(tx, challenge.orgId, userId)
  return role === 'owner' || role === 'admin'
}

/** Whether the person accepted the NDA text the challenge currently names. */
export async function hasAcceptedNda(tx: Tx, challenge: Challenge, userId: string) {
  if (challenge.confidentiality !== 'nda' || !challenge.ndaTextId) return true
  const row = await tx
    .select({ id: ndaAcceptances.id })
    .from(ndaAcceptances)
    .where(
      and(
        eq(ndaAcceptances.challengeId, challenge.id),
        eq(ndaAcceptances.userId, userId),
        eq(ndaAcceptances.ndaTextId, challenge.ndaTextId),
      ),
    )
    .then((r) => r[0])
  return row !== undefined
}

/**
 * Whether the acting party may take part (ask, apply, bid) under the challenge's eligibility:
 * anyone; verified organisations only (acting for one); members of given spaces (the person or
 * the organisation they act for, with an active membership); organisations in given segments.
 * The posting organisation's own members never take part.
 */
export async function eligibilityRefusal(
  tx: Tx,
  challenge: Challenge,
  acting: ActingParty,
): Promise<string | null> {
  if (await isPosterMember(tx, challenge, acting.userId)) return 'challenges:errors.ownChallenge'
  const org =
    acting.kind === 'org'
      ? await tx
          .select({ status: organisations.status, segments: organisations.segments })
          .from(organisations)
          .where(eq(organisations.id, acting.orgId))
          .then((r) => r[0])
      : undefined
  switch (challenge.eligibility) {
    case 'anyone':
      return null
    case 'verified_orgs':
      return org?.status === 'verified' ? null : 'challenges:errors.verifiedOrgsOnly'
    case 'segments': {
      const wanted = new Set(challenge.eligibleSegments)
      // A segment code names its branch: 1.2 admits an organisation in 1.2.3 as well.
      const fits = (org?.segments ?? []).some((s) =>
        [...wanted].some((w) => s === w || s.startsWith(`${w}.`)),
      )
      return org?.status === 'verified' && fits ? null : 'challenges:errors.segmentsOnly'
    }
    case 'space_members': {
      if (challenge.eligibleSpaceIds.length === 0) return 'challenges:errors.spaceMembersOnly'
      const member = await tx
        .select({ id: spaceMemberships.id })
        .from(spaceMemberships)
        .where(
          and(
            inArray(spaceMemberships.spaceId, challenge.eligibleSpaceIds),
            eq(spaceMemberships.status, 'active'),
            acting.kind === 'org'
              ? eq(spaceMemberships.memberOrgId, acting.orgId)
              : eq(spaceMemberships.memberUserId, acting.userId),
          ),
        )
        .limit(1)
        .then((r) => r[0])
      return member ? null : 'challenges:errors.spaceMembersOnly'
    }
  }
}

/**
 * A challenge as one reader may see it: null when it does not exist for them (a draft of
 * another organisation). `details` is null unless the reader may read them.
 */
export async function challengeFor(key: string, userId: string | null) {
  const tx = db()
  const challenge = await tx
    .select()
    .from(challenges)
    .where(isUuid(key) ? eq(challenges.id, key) : eq(challenges.slug, key))
    .then((r) => r[0])
  if (!challenge) return null
  const poster = userId ? await isPosterMember(tx, challenge, userId) : false
  if (challenge.status === 'draft' && !poster) return null
  const ndaOk = userId ? await hasAcceptedNda(tx, challenge, userId) : false
  const detailsVisible = poster || challenge.confidentiality === 'public' || ndaOk
  const nda =
    challenge.confidentiality === 'nda' && challenge.ndaTextId
      ? await tx
          .select()
          .from(ndaTexts)
          .where(eq(ndaTexts.id, challenge.ndaTextId))
          .then((r) => r[0] ?? null)
      : null
  return {
    challenge,
    isPosterMember: poster,
    actsForPoster: userId ? await actsForPoster(tx, challenge, userId) : false,
    detailsVisible,
    ndaAccepted: ndaOk && challenge.confidentiality === 'nda',
    nda,
  }
}

export { roleInOrg }
