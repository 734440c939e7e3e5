// The challenges section of /dashboard, in four queries whatever the numbers: for a poster, the
// live (and lately completed) challenges of the organisations they run, with what to do next;
// for a solver, the work they won (alone or for an organisation they run), with milestones
// released of all and the amount released.
import { and, desc, eq, inArray, isNull, ne, notInArray, or, sql, type SQL } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import {
  challengeBids,
  challengeRatings,
  challenges,
  milestones,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'

export const DASHBOARD_CHALLENGES_MAX = 8

const closed = ['cancelled', 'no_award'] as const

type Membership = { orgId: string; role: string }

export type DashboardChallenge = {
  slug: string
  title: string
  status: string
  /** Key under reputation:dashboard.next. */
  next: string
  link: string
  milestonesTotal: number
  milestonesReleased: number
  releasedFen: number
  awardFen: number | null
}

export async function challengeDashboard(userId: string, memberships: readonly Membership[]) {
  const runs = memberships
    .filter((m) => m.role === 'owner' || m.role === 'admin')
    .map((m) => m.orgId)
  const tx = db()
  const at = now()
  const solverOf: SQL = runs.length
    ? (or(
        and(isNull(challengeBids.bidderOrgId), eq(challengeBids.bidderUserId, userId)),
        inArray(challengeBids.bidderOrgId, runs),
      ) as SQL)
    : (and(isNull(challengeBids.bidderOrgId), eq(challengeBids.bidderUserId, userId)) as SQL)
  const [posted, won] = await Promise.all([
    runs.length
      ? tx
          .select({ challenge: challenges, priceFen: challengeBids.priceFen })
          .from(challenges)
          .leftJoin(challengeBids, eq(challengeBids.id, challenges.awardedBidId))
          .where(and(inArray(challenges.orgId, runs), notInArray(challenges.status, [...closed])))
          .orderBy(desc(challenges.updatedAt))
          .limit(DASHBOARD_CHALLENGES_MAX)
      : Promise.resolve([]),
    tx
      .select({ challenge: challenges, priceFen: challengeBids.priceFen })
      .from(challengeBids)
      .innerJoin(challenges, eq(challenges.awardedBidId, challengeBids.id))
      .where(and(solverOf, ne(challenges.status, 'award_lapsed')))
      .orderBy(desc(challenges.updatedAt))
      .limit(DASHBOARD_CHALLENGES_MAX),
  ])
  const ids = [
    ...new Set([...posted.map((p) => p.challenge.id), ...won.map((w) => w.challenge.id)]),
  ]
  const [counts, rated] = ids.length
    ? await Promise.all([
        tx
          .select({
            challengeId: milestones.challengeId,
            total: sql<number>`count(*)::int`,
            released: sql<number>`(count(*) filter (where ${milestones.status} = 'accepted'))::int`,
            releasedFen: sql<string>`coalesce(sum(${milestones.amountFen}) filter (where ${milestones.status} = 'accepted'), 0)`,
          })
          .from(milestones)
          .where(inArray(milestones.challengeId, ids))
          .groupBy(milestones.challengeId),
        tx
          .select({ challengeId: challengeRatings.challengeId, side: challengeRatings.raterSide })
          .from(challengeRatings)
          .where(inArray(challengeRatings.challengeId, ids)),
      ])
    : [[], []]
  const countOf = new Map(counts.map((c) => [c.challengeId, c]))
  const ratedBy = (id: string, side: 'poster' | 'solver') =>
    rated.some((r) => r.challengeId === id && r.side === side)
  const progress = (id: string) => {
    const c = countOf.get(id)
    return {
      milestonesTotal: Number(c?.total ?? 0),
      milestonesReleased: Number(c?.released ?? 0),
      releasedFen: Number(c?.releasedFen ?? 0),
    }
  }
  const work = (slug: string) => `/challenges/${slug}/work`
  const poster: DashboardChallenge[] = posted.map(({ challenge: c, priceFen }) => {
    const [next, link] = ((): [string, string] => {
      switch (c.status) {
        case 'draft':
          return ['publish', `/challenges/${c.slug}/edit`]
        case 'open':
          return at < c.bidDeadline
            ? ['collectBids', `/challenges/${c.slug}/bids`]
            : ['award', `/challenges/${c.slug}/bids`]
        case 'reviewing':
        case 'award_lapsed':
          return ['award', `/challenges/${c.slug}/bids`]
        case 'awarded':
          return ['agreeAndFund', work(c.slug)]
        case 'funded':
        case 'in_delivery':
          return ['reviewDeliverables', work(c.slug)]
        default:
          return [ratedBy(c.id, 'poster') ? 'done' : 'rate', work(c.slug)]
      }
    })()
    return {
      slug: c.slug,
      title: c.title,
      status: c.status,
      next,
      link,
      ...progress(c.id),
      awardFen: c.awardMode === 'fixed' ? c.awardFen : priceFen,
    }
  })
  const solver: DashboardChallenge[] = won.map(({ challenge: c, priceFen }) => {
    const next =
      c.status === 'awarded'
        ? 'agreeMilestones'
        : c.status === 'funded' || c.status === 'in_delivery'
          ? 'deliver'
          : c.status === 'completed'
            ? ratedBy(c.id, 'solver')
              ? 'done'
              : 'rate'
            : 'view'
    return {
      slug: c.slug,
      title: c.title,
      status: c.status,
      next,
      link: work(c.slug),
      ...progress(c.id),
      awardFen: c.awardMode === 'fixed' ? c.awardFen : priceFen,
    }
  })
  return { poster, solver }
}
