// The two sides of an award and what they share: the challenge locked with its awarded bid,
// who acts for which side (the posting organisation's owners and admins; the bidder, or the
// owners and admins of the organisation the bid was for), the award amount and the payee.
import { and, eq, isNull } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { isUuid } from '../../../db/ids.ts'
import { challengeBids, challenges, orgMembers } from '../../../db/schema/index.ts'
import type { Party } from '../payments/ledger.server.ts'
import { UserError } from '../problems.ts'
import { actsForPoster, isPosterMember } from './challenge-access.server.ts'

export type Challenge = typeof challenges.$inferSelect
export type Bid = typeof challengeBids.$inferSelect
export type Side = 'poster' | 'winner'

/** The workspace both sides share; the same address the award notice links to. */
export const workLink = (challenge: Pick<Challenge, 'slug'>) => `/challenges/${challenge.slug}/work`

/** The award: a fixed challenge's award, or the winning bid's price in a range challenge. */
export function awardFenOf(challenge: Challenge, bid: Bid): number {
  const fen = challenge.awardMode === 'range' ? bid.priceFen : challenge.awardFen
  if (!fen || fen <= 0) throw new Error(`challenge ${challenge.id} has no award amount`)
  return fen
}

/** Who is paid: the organisation the bid was made for, else the bidder. */
export const winnerParty = (bid: Bid): Party =>
  bid.bidderOrgId ? { orgId: bid.bidderOrgId } : { userId: bid.bidderUserId }

/** The challenge (row-locked when `lock`) and its awarded bid; null when there is no award. */
export async function loadAward(tx: Tx, key: string, lock = true) {
  const where = isUuid(key) ? eq(challenges.id, key) : eq(challenges.slug, key)
  const query = tx.select().from(challenges).where(where)
  const challenge = await (lock ? query.for('update') : query).then((r) => r[0])
  if (!challenge?.awardedBidId) return null
  const bid = await tx
    .select()
    .from(challengeBids)
    .where(
      and(
        eq(challengeBids.id, challenge.awardedBidId),
        eq(challengeBids.challengeId, challenge.id),
      ),
    )
    .then((r) => r[0])
  return bid ? { challenge, bid } : null
}

async function winnerRole(tx: Tx, bid: Bid, userId: string) {
  if (bid.bidderUserId === userId) return 'bidder' as const
  if (!bid.bidderOrgId) return undefined
  const role = await tx
    .select({ role: orgMembers.role })
    .from(orgMembers)
    .where(
      and(
        eq(orgMembers.orgId, bid.bidderOrgId),
        eq(orgMembers.userId, userId),
        isNull(orgMembers.leftAt),
      ),
    )
    .then((r) => r[0]?.role)
  return role
}

/**
 * A person's standing in an award: which side they see it from (any member of either side's
 * organisation sees it), and whether they may act for that side.
 */
export async function standingIn(
  tx: Tx,
  award: { challenge: Challenge; bid: Bid },
  userId: string,
): Promise<{ side: Side; acts: boolean } | null> {
  if (await isPosterMember(tx, award.challenge, userId))
    return { side: 'poster', acts: await actsForPoster(tx, award.challenge, userId) }
  const role = await winnerRole(tx, award.bid, userId)
  if (role === undefined) return null
  return { side: 'winner', acts: role === 'bidder' || role === 'owner' || role === 'admin' }
}

/** The award, locked, and the side the person acts for; refuses anyone who may not act. */
export async function actingSide(tx: Tx, challengeId: string, userId: string) {
  const award = await loadAward(tx, challengeId)
  if (!award) throw new UserError('challenge-work:errors.notFound')
  const standing = await standingIn(tx, award, userId)
  if (!standing?.acts) throw new UserError('challenge-work:errors.notYours')
  return { ...award, side: standing.side }
}

/** Whom a side's notices go to: the posting organisation's owners and admins, or the winner. */
export function partyOf(side: Side, award: { challenge: Challenge; bid: Bid }) {
  return side === 'poster'
    ? { orgId: award.challenge.orgId }
    : { userId: award.bid.bidderUserId, orgId: award.bid.bidderOrgId }
}
