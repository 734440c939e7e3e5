// Reputation after a completed challenge, against real PostgreSQL: only the two parties of the
// award rate (the posting organisation's owners and admins; the winning bidder, or the owners and
// admins of the bidder organisation), each side once; a rating stays hidden until both have
// rated or 14 days after completion (on the product clock), when rating closes; the on-time rate
// and the average of revealed ratings are computed right.
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { challengeBids, challenges, milestones, notifications } from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import {
  RATING_REVEAL_DAYS,
  rateCounterpart,
  ratingPanel,
  reputationOf,
} from '../../app/domains/challenges/ratings.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import { addOrgMember, createOrg, createUser } from '../factories/index.ts'
import { must } from '../support/must.ts'

const NOW = new Date('2026-09-01T00:00:00Z')
const DAY = 86_400_000
beforeEach(() => setNow(NOW))
afterEach(() => setNow(null))

let serial = 0

type Ms = { dueOn: string; acceptedAt: Date | null; status?: 'accepted' | 'agreed' }

/** A challenge by direct inserts, completed at NOW unless `status` says otherwise. */
async function completed(
  opts: {
    forOrg?: boolean
    status?: 'completed' | 'in_delivery'
    milestones?: Ms[]
    winner?: { id: string }
  } = {},
) {
  const poster = await createUser(db())
  const org = await createOrg(db(), { ownerId: poster.id })
  const winner = opts.winner ?? (await createUser(db()))
  const winnerOrg = opts.forOrg ? await createOrg(db(), { ownerId: winner.id }) : null
  const status = opts.status ?? 'completed'
  const c = must(
    (
      await db()
        .insert(challenges)
        .values({
          slug: `rated-${Date.now()}-${++serial}`,
          orgId: org.id,
          createdByUserId: poster.id,
          status,
          title: '焊缝缺陷视觉检测算法',
          summary: '产线焊缝表面缺陷在线检测',
          type: 'rd_task',
          awardMode: 'fixed',
          awardFen: 3_000_000,
          bidDeadline: new Date(NOW.getTime() - 90 * DAY),
          awardDeadline: new Date(NOW.getTime() - 80 * DAY),
          deliveryDeadline: new Date(NOW.getTime() + 10 * DAY),
          ipTerms: 'exclusive_licence',
          completedAt: status === 'completed' ? NOW : null,
          createdAt: NOW,
          updatedAt: NOW,
        })
        .returning()
    )[0],
    'challenge',
  )
  const bid = must(
    (
      await db()
        .insert(challengeBids)
        .values({
          challengeId: c.id,
          bidderUserId: winner.id,
          bidderOrgId: winnerOrg?.id ?? null,
          status: 'awarded',
          timelineDays: 60,
          approach: '深度学习缺陷分割',
          createdAt: NOW,
          updatedAt: NOW,
        })
        .returning()
    )[0],
    'bid',
  )
  await db().update(challenges).set({ awardedBidId: bid.id }).where(eq(challenges.id, c.id))
  const list = opts.milestones ?? [{ dueOn: '2026-08-20', acceptedAt: NOW }]
  if (list.length)
    await db()
      .insert(milestones)
      .values(
        list.map((m, i) => ({
          challengeId: c.id,
          seq: i + 1,
          title: `阶段 ${i + 1}`,
          dueOn: m.dueOn,
          amountFen: 1_000_000,
          status: m.status ?? 'accepted',
          acceptedAt: m.acceptedAt,
          createdAt: NOW,
          updatedAt: NOW,
        })),
      )
  const fresh = must(
    (await db().select().from(challenges).where(eq(challenges.id, c.id)))[0],
    'challenge',
  )
  return { poster, org, winner, winnerOrg, challenge: fresh, bid }
}

async function rejects(promise: Promise<unknown>, key: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  expect((error as UserError).messageKey).toBe(key)
}

const rate = (challengeKey: string, userId: string, rating: number, body = '') =>
  rateCounterpart({ challengeKey, userId, rating, body })

describe('who rates', () => {
  it('lets only the two parties rate, each side once', async () => {
    const a = await completed({ forOrg: true })
    const outsider = await createUser(db())
    const posterMember = await createUser(db())
    await addOrgMember(db(), a.org.id, posterMember.id, 'member')
    const posterAdmin = await createUser(db())
    await addOrgMember(db(), a.org.id, posterAdmin.id, 'admin')
    const solverMember = await createUser(db())
    await addOrgMember(db(), must(a.winnerOrg, 'org').id, solverMember.id, 'member')
    const solverAdmin = await createUser(db())
    await addOrgMember(db(), must(a.winnerOrg, 'org').id, solverAdmin.id, 'admin')

    await rejects(rate(a.challenge.slug, outsider.id, 5), 'reputation:errors.notParty')
    await rejects(rate(a.challenge.slug, posterMember.id, 5), 'reputation:errors.notParty')
    await rejects(rate(a.challenge.slug, solverMember.id, 5), 'reputation:errors.notParty')

    await rate(a.challenge.slug, posterAdmin.id, 4, '交付扎实')
    // The side has rated: its owner cannot rate again.
    await rejects(rate(a.challenge.slug, a.poster.id, 5), 'reputation:errors.already')
    await rate(a.challenge.id, solverAdmin.id, 5)
    await rejects(rate(a.challenge.id, a.winner.id, 3), 'reputation:errors.already')

    // The rated side is told: the winning bidder and the bidder organisation's owner.
    const told = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.kind, 'challenge.rated'))
    const to = told.map((n) => n.userId)
    expect(to).toContain(a.winner.id)
    expect(to).toContain(a.poster.id)
    expect(to).toContain(posterAdmin.id)
    expect(to).not.toContain(outsider.id)
  })

  it('refuses before completion, and after the reveal period', async () => {
    const running = await completed({ status: 'in_delivery' })
    await rejects(
      rate(running.challenge.slug, running.poster.id, 5),
      'reputation:errors.notCompleted',
    )
    const done = await completed()
    setNow(new Date(NOW.getTime() + RATING_REVEAL_DAYS * DAY))
    await rejects(rate(done.challenge.slug, done.winner.id, 5), 'reputation:errors.closed')
  })

  it('refuses a rating outside 1–5 in the database as well', async () => {
    const a = await completed()
    await expect(rate(a.challenge.slug, a.poster.id, 6)).rejects.toThrow()
  })
})

describe('when ratings show', () => {
  it('hides a rating until the other side has rated too', async () => {
    const a = await completed()
    await rate(a.challenge.slug, a.poster.id, 5, '非常专业')
    const winnerView = must(await ratingPanel(a.challenge, 'winner', true), 'panel')
    expect(winnerView.revealed).toBe(false)
    expect(winnerView.theirs).toBeNull()
    expect(winnerView.theirsWaiting).toBe(true)
    expect(winnerView.canRate).toBe(true)
    expect((await reputationOf({ userId: a.winner.id })).ratingCount).toBe(0)

    await rate(a.challenge.slug, a.winner.id, 3, '需求变更较多')
    const after = must(await ratingPanel(a.challenge, 'winner', true), 'panel')
    expect(after.revealed).toBe(true)
    expect(after.theirs?.rating).toBe(5)
    expect(after.mine?.rating).toBe(3)
    expect(after.canRate).toBe(false)
    expect((await reputationOf({ userId: a.winner.id })).ratingAverage).toBe(5)
    expect((await reputationOf({ orgId: a.org.id })).ratingAverage).toBe(3)
  })

  it('shows a lone rating 14 days after completion, not a moment before', async () => {
    const a = await completed()
    await rate(a.challenge.slug, a.poster.id, 4)
    setNow(new Date(NOW.getTime() + RATING_REVEAL_DAYS * DAY - 1000))
    expect((await reputationOf({ userId: a.winner.id })).ratingCount).toBe(0)
    expect(must(await ratingPanel(a.challenge, 'winner', true), 'panel').theirs).toBeNull()
    setNow(new Date(NOW.getTime() + RATING_REVEAL_DAYS * DAY))
    const rep = await reputationOf({ userId: a.winner.id })
    expect(rep.ratingCount).toBe(1)
    expect(rep.ratingAverage).toBe(4)
    const panel = must(await ratingPanel(a.challenge, 'winner', true), 'panel')
    expect(panel.theirs?.rating).toBe(4)
    expect(panel.canRate).toBe(false)
  })
})

describe('track record', () => {
  it('computes completed challenges, the on-time rate and the average of revealed ratings', async () => {
    const solver = await createUser(db())
    // Due 2026-08-20 in China ends at 2026-08-20T16:00Z.
    const first = await completed({
      winner: solver,
      milestones: [
        { dueOn: '2026-08-20', acceptedAt: new Date('2026-08-19T02:00:00Z') }, // early
        { dueOn: '2026-08-20', acceptedAt: new Date('2026-08-20T15:59:00Z') }, // 23:59 that day
        { dueOn: '2026-08-20', acceptedAt: new Date('2026-08-20T16:00:00Z') }, // next day: late
      ],
    })
    const second = await completed({
      winner: solver,
      milestones: [{ dueOn: '2026-08-31', acceptedAt: new Date('2026-08-30T00:00:00Z') }],
    })
    // Still under way: its accepted milestone counts, the one not yet accepted does not.
    await completed({
      winner: solver,
      status: 'in_delivery',
      milestones: [
        { dueOn: '2026-08-01', acceptedAt: new Date('2026-08-05T00:00:00Z') }, // late
        { dueOn: '2026-10-01', acceptedAt: null, status: 'agreed' },
      ],
    })
    await rate(first.challenge.slug, first.poster.id, 5)
    await rate(first.challenge.slug, solver.id, 4)
    await rate(second.challenge.slug, second.poster.id, 4)
    await rate(second.challenge.slug, solver.id, 2)

    const rep = await reputationOf({ userId: solver.id })
    expect(rep.completedAsSolver).toBe(2)
    expect(rep.acceptedMilestones).toBe(5)
    expect(rep.onTimeMilestones).toBe(3)
    expect(rep.ratingCount).toBe(2)
    expect(rep.ratingAverage).toBe(4.5)

    const posterRep = await reputationOf({ orgId: first.org.id })
    expect(posterRep.completedAsPoster).toBe(1)
    expect(posterRep.completedAsSolver).toBe(0)
    expect(posterRep.ratingAverage).toBe(4)
  })

  it('credits an organisation that bid, not its bidder alone', async () => {
    const a = await completed({ forOrg: true })
    await rate(a.challenge.slug, a.poster.id, 3)
    await rate(a.challenge.slug, a.winner.id, 5)
    const orgRep = await reputationOf({ orgId: must(a.winnerOrg, 'org').id })
    expect(orgRep.completedAsSolver).toBe(1)
    expect(orgRep.ratingAverage).toBe(3)
    const personRep = await reputationOf({ userId: a.winner.id })
    expect(personRep.completedAsSolver).toBe(0)
    expect(personRep.ratingCount).toBe(0)
  })
})
