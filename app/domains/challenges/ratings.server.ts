// Reputation: once a challenge is completed the two parties of its award rate each other once
// (1–5 and a text). The poster side is the posting organisation's owners and admins; the solver
// side is the winning bidder, or the owners and admins of the organisation the bid was for.
// Ratings stay hidden until both sides have rated or RATING_REVEAL_DAYS after completion (on
// the product clock); rating closes then, so nobody answers a rating they have already read.
// Profiles show completed challenges, the on-time rate (milestones accepted on or before their
// due date ÷ accepted milestones) and the average of revealed ratings received.
import { and, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import {
  challengeBids,
  challengeRatings,
  challenges,
  milestones,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { UserError } from '../problems.ts'
import { loadAward, partyOf, standingIn, workLink, type Side } from './award-parties.server.ts'
import { RATING_REVEAL_DAYS } from './challenge.schema.ts'
import { emptyReputation, type Reputation } from './ratings.schema.ts'

export { RATING_REVEAL_DAYS }
export type RaterSide = 'poster' | 'solver'

const DAY = 86_400_000

/** The rater side of a workspace side: the winner rates as the solver. */
export const raterSideOf = (side: Side): RaterSide => (side === 'poster' ? 'poster' : 'solver')

export const revealAtOf = (completedAt: Date) =>
  new Date(completedAt.getTime() + RATING_REVEAL_DAYS * DAY)

/** Both have rated, or the reveal period after completion is over. */
export function isRevealed(ratingsGiven: number, completedAt: Date | null, at = now()): boolean {
  if (ratingsGiven >= 2) return true
  return completedAt !== null && at.getTime() >= revealAtOf(completedAt).getTime()
}

export async function rateCounterpart(input: {
  challengeKey: string
  userId: string
  rating: number
  body?: string
}) {
  return db().transaction(async (tx) => {
    const award = await loadAward(tx, input.challengeKey)
    if (!award) throw new UserError('reputation:errors.notParty')
    const standing = await standingIn(tx, award, input.userId)
    if (!standing?.acts) throw new UserError('reputation:errors.notParty')
    const { challenge } = award
    if (challenge.status !== 'completed' || !challenge.completedAt)
      throw new UserError('reputation:errors.notCompleted')
    const at = now()
    if (at.getTime() >= revealAtOf(challenge.completedAt).getTime())
      throw new UserError('reputation:errors.closed')
    const raterSide = raterSideOf(standing.side)
    const [row] = await tx
      .insert(challengeRatings)
      .values({
        challengeId: challenge.id,
        raterSide,
        raterUserId: input.userId,
        rating: input.rating,
        body: input.body ?? '',
        createdAt: at,
      })
      .onConflictDoNothing()
      .returning()
    if (!row) throw new UserError('reputation:errors.already')
    await notifyParty(tx, {
      ...partyOf(standing.side === 'poster' ? 'winner' : 'poster', award),
      kind: 'challenge.rated',
      params: { title: challenge.title },
      link: workLink(challenge),
    })
    return row
  })
}

type RatingView = { rating: number; body: string; createdAt: string }

/** What the work page's rating card shows one side of a completed challenge; null before. */
export async function ratingPanel(
  challenge: { id: string; status: string; completedAt: Date | null },
  side: Side,
  acts: boolean,
) {
  if (challenge.status !== 'completed' || !challenge.completedAt) return null
  const rows = await db()
    .select()
    .from(challengeRatings)
    .where(eq(challengeRatings.challengeId, challenge.id))
  const at = now()
  const revealed = isRevealed(rows.length, challenge.completedAt, at)
  const mySide = raterSideOf(side)
  const mine = rows.find((r) => r.raterSide === mySide)
  const theirs = rows.find((r) => r.raterSide !== mySide)
  const view = (r: typeof mine): RatingView | null =>
    r ? { rating: r.rating, body: r.body, createdAt: r.createdAt.toISOString() } : null
  const revealAt = revealAtOf(challenge.completedAt)
  return {
    canRate: acts && !mine && at.getTime() < revealAt.getTime(),
    revealAt: revealAt.toISOString(),
    revealed,
    mine: view(mine),
    theirs: revealed ? view(theirs) : null,
    theirsWaiting: !revealed && theirs !== undefined,
  }
}

export type RatingPanel = NonNullable<Awaited<ReturnType<typeof ratingPanel>>>

/** `org:<id>` or `user:<id>`: an organisation, or a person acting alone. */
export type PartyKey = `org:${string}` | `user:${string}`
export const partyKey = (p: { orgId?: string | null; userId: string }): PartyKey =>
  p.orgId ? `org:${p.orgId}` : `user:${p.userId}`

/**
 * The track record of several parties at once, in four queries however many: organisations as
 * posters and as solvers, and people as solvers bidding alone.
 */
export async function reputationsOf(parties: {
  orgIds?: readonly string[]
  userIds?: readonly string[]
}): Promise<Map<PartyKey, Reputation>> {
  const orgIds = [...new Set(parties.orgIds ?? [])]
  const userIds = [...new Set(parties.userIds ?? [])]
  const result = new Map<PartyKey, Reputation>()
  for (const id of orgIds) result.set(`org:${id}`, emptyReputation())
  for (const id of userIds) result.set(`user:${id}`, emptyReputation())
  if (result.size === 0) return result
  const tx = db()
  const solverKey = sql<string>`case when ${challengeBids.bidderOrgId} is not null then 'org:' || ${challengeBids.bidderOrgId} else 'user:' || ${challengeBids.bidderUserId} end`
  const solverWhere: SQL[] = []
  if (orgIds.length) solverWhere.push(inArray(challengeBids.bidderOrgId, orgIds))
  if (userIds.length)
    solverWhere.push(
      and(isNull(challengeBids.bidderOrgId), inArray(challengeBids.bidderUserId, userIds)) as SQL,
    )
  const solver = or(...solverWhere) as SQL
  const posterWhere = orgIds.length ? inArray(challenges.orgId, orgIds) : sql`false`
  const cutoff = new Date(now().getTime() - RATING_REVEAL_DAYS * DAY)
  const ratingCount = sql`(select count(*) from ${challengeRatings} r2 where r2.challenge_id = ${challenges.id})`
  const revealed = or(sql`${ratingCount} >= 2`, lte(challenges.completedAt, cutoff))

  const [asPoster, asSolver, onTime, received] = await Promise.all([
    tx
      .select({ orgId: challenges.orgId, n: sql<number>`count(*)::int` })
      .from(challenges)
      .where(and(eq(challenges.status, 'completed'), posterWhere))
      .groupBy(challenges.orgId),
    tx
      .select({ key: solverKey, n: sql<number>`count(*)::int` })
      .from(challenges)
      .innerJoin(challengeBids, eq(challengeBids.id, challenges.awardedBidId))
      .where(and(eq(challenges.status, 'completed'), solver))
      .groupBy(solverKey),
    // On time: accepted before the end of the due day in China (UTC+8, no daylight saving).
    tx
      .select({
        key: solverKey,
        accepted: sql<number>`count(*)::int`,
        onTime: sql<number>`(count(*) filter (where ${milestones.acceptedAt} < (${milestones.dueOn}::date + 1)::timestamp at time zone 'Asia/Shanghai'))::int`,
      })
      .from(milestones)
      .innerJoin(challenges, eq(challenges.id, milestones.challengeId))
      .innerJoin(challengeBids, eq(challengeBids.id, challenges.awardedBidId))
      .where(and(eq(milestones.status, 'accepted'), solver))
      .groupBy(solverKey),
    // Received: the poster's rating goes to the solver, the solver's to the posting organisation.
    tx
      .select({
        key: sql<string>`case when ${challengeRatings.raterSide} = 'poster' then ${solverKey} else 'org:' || ${challenges.orgId} end`,
        rating: challengeRatings.rating,
      })
      .from(challengeRatings)
      .innerJoin(challenges, eq(challenges.id, challengeRatings.challengeId))
      .innerJoin(challengeBids, eq(challengeBids.id, challenges.awardedBidId))
      .where(
        and(
          revealed,
          or(
            and(eq(challengeRatings.raterSide, 'poster'), solver),
            and(eq(challengeRatings.raterSide, 'solver'), posterWhere),
          ),
        ),
      ),
  ])
  const at = (key: string) => result.get(key as PartyKey)
  for (const r of asPoster) {
    const rep = at(`org:${r.orgId}`)
    if (rep) rep.completedAsPoster = Number(r.n)
  }
  for (const r of asSolver) {
    const rep = at(r.key)
    if (rep) rep.completedAsSolver = Number(r.n)
  }
  for (const r of onTime) {
    const rep = at(r.key)
    if (!rep) continue
    rep.acceptedMilestones = Number(r.accepted)
    rep.onTimeMilestones = Number(r.onTime)
  }
  const sums = new Map<string, number>()
  for (const r of received) {
    const rep = at(r.key)
    if (!rep) continue
    rep.ratingCount += 1
    sums.set(r.key, (sums.get(r.key) ?? 0) + r.rating)
  }
  for (const [key, sum] of sums) {
    const rep = at(key)
    if (rep && rep.ratingCount > 0)
      rep.ratingAverage = Math.round((sum / rep.ratingCount) * 10) / 10
  }
  return result
}

export async function reputationOf(party: { orgId?: string | null; userId?: string | null }) {
  const map = await reputationsOf({
    orgIds: party.orgId ? [party.orgId] : [],
    userIds: !party.orgId && party.userId ? [party.userId] : [],
  })
  return [...map.values()][0] ?? emptyReputation()
}
