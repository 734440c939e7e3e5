// Bidding on a challenge against real PostgreSQL, with the product clock set: the bid deadline
// is enforced on the server, the posting organisation's members cannot bid, one person and one
// organisation each hold one live bid, a bid is private to its two sides, 揭榜挂帅 admits before
// bidding, prices stay within the budget, two racing awards cannot both win, and the award
// deadline's timer closes an unawarded challenge.
import crypto from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { challengeBids, challenges, notifications } from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import type { ActingParty } from '../../app/domains/accounts/auth.server.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import {
  admitApplicant,
  applyToChallenge,
  awardBid,
  editBid,
  submitBid,
  withdrawBid,
} from '../../app/domains/challenges/bids.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import { sweepTimers } from '../../app/domains/timers/timers.server.ts'
import * as bidPage from '../../app/routes/bids.$id.tsx'
import * as reviewPage from '../../app/routes/challenges.$id_.bids.tsx'
import { addOrgMember, createOrg, createUser } from '../factories/index.ts'

const NOW = new Date('2026-09-01T02:00:00Z')
const DAY = 86_400_000
beforeEach(() => setNow(NOW))
afterEach(() => setNow(null))

const context = { ip: '10.0.0.7', nonce: 'test', requestId: 'test' }

type Person = { id: string; cookie: string; alone: ActingParty }

async function person(): Promise<Person> {
  const user = await createUser(db())
  const { token } = await createSession(db(), user.id)
  return {
    id: user.id,
    cookie: `${sessionCookieName()}=${token}`,
    alone: { kind: 'person', userId: user.id },
  }
}

const forOrg = (p: Person, orgId: string): ActingParty => ({
  kind: 'org',
  userId: p.id,
  orgId,
  role: 'member',
})

/** An open challenge of a verified enterprise, inserted directly: bids close in 7 days, award in 14. */
async function postChallenge(overrides: Partial<typeof challenges.$inferInsert> = {}) {
  const owner = await person()
  const org = await createOrg(db(), { ownerId: owner.id, type: 'enterprise' })
  const [challenge] = await db()
    .insert(challenges)
    .values({
      slug: `c-${crypto.randomUUID().slice(0, 8)}`,
      orgId: org.id,
      createdByUserId: owner.id,
      status: 'open',
      title: '低功耗环境传感器封装',
      summary: '为户外传感器设计防水低功耗封装',
      type: 'prototype',
      awardMode: 'range',
      budgetMinFen: 1_000_000,
      budgetMaxFen: 5_000_000,
      bidDeadline: new Date(NOW.getTime() + 7 * DAY),
      awardDeadline: new Date(NOW.getTime() + 14 * DAY),
      deliveryDeadline: new Date(NOW.getTime() + 90 * DAY),
      ipTerms: 'exclusive_licence',
      publishedAt: NOW,
      createdAt: NOW,
      updatedAt: NOW,
      ...overrides,
    })
    .returning()
  if (!challenge) throw new Error('challenge not created')
  return { owner, org, challenge }
}

const bidFields = (priceYuan = '20000') => ({
  priceYuan,
  timelineDays: 45,
  approach: '采用灌封与低功耗蓝牙方案',
  team: '三名硬件工程师',
})

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof UserError) return error.messageKey
    throw error
  }
  throw new Error('expected a refusal')
}

const bidOf = async (id: string) =>
  (await db().select().from(challengeBids).where(eq(challengeBids.id, id)))[0]
const challengeOf = async (id: string) =>
  (await db().select().from(challenges).where(eq(challenges.id, id)))[0]

describe('the bid deadline', () => {
  it('takes bids before the deadline and refuses bids, edits and withdrawals after it', async () => {
    const { challenge } = await postChallenge()
    const early = await person()
    const bid = await submitBid({ ...bidFields(), challengeId: challenge.id, acting: early.alone })
    expect(bid.status).toBe('submitted')
    expect(bid.priceFen).toBe(2_000_000)

    setNow(challenge.bidDeadline)
    const late = await person()
    expect(
      await refusal(submitBid({ ...bidFields(), challengeId: challenge.id, acting: late.alone })),
    ).toBe('bids:errors.deadlinePassed')
    expect(
      await refusal(editBid({ ...bidFields('30000'), bidId: bid.id, actorUserId: early.id })),
    ).toBe('bids:errors.deadlinePassed')
    expect(await refusal(withdrawBid({ bidId: bid.id, actorUserId: early.id }))).toBe(
      'bids:errors.deadlinePassed',
    )
    expect((await bidOf(bid.id))?.priceFen).toBe(2_000_000)
  })
})

describe('who may bid', () => {
  it('refuses members of the posting organisation', async () => {
    const { org, owner, challenge } = await postChallenge()
    const colleague = await person()
    await addOrgMember(db(), org.id, colleague.id, 'member')
    for (const acting of [owner.alone, colleague.alone, forOrg(colleague, org.id)])
      expect(await refusal(submitBid({ ...bidFields(), challengeId: challenge.id, acting }))).toBe(
        'challenges:errors.ownChallenge',
      )
  })

  it('lets a person bid alone or for an organisation, never both', async () => {
    const { challenge } = await postChallenge()
    const maker = await person()
    const studio = await createOrg(db(), { ownerId: maker.id })
    await submitBid({ ...bidFields(), challengeId: challenge.id, acting: maker.alone })
    expect(
      await refusal(
        submitBid({ ...bidFields(), challengeId: challenge.id, acting: forOrg(maker, studio.id) }),
      ),
    ).toBe('bids:errors.alreadyBidding')

    // The other way round, and racing: exactly one of the two stands.
    const { challenge: second } = await postChallenge()
    const results = await Promise.allSettled([
      submitBid({ ...bidFields(), challengeId: second.id, acting: maker.alone }),
      submitBid({ ...bidFields(), challengeId: second.id, acting: forOrg(maker, studio.id) }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected')
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(UserError)
  })

  it('takes one bid per organisation: a second member is refused', async () => {
    const { challenge } = await postChallenge()
    const first = await person()
    const second = await person()
    const studio = await createOrg(db(), { ownerId: first.id })
    await addOrgMember(db(), studio.id, second.id, 'member')
    await submitBid({ ...bidFields(), challengeId: challenge.id, acting: forOrg(first, studio.id) })
    expect(
      await refusal(
        submitBid({ ...bidFields(), challengeId: challenge.id, acting: forOrg(second, studio.id) }),
      ),
    ).toBe('bids:errors.orgAlreadyBidding')
    // The unique index backs the rule even past the checks: a direct second live row fails.
    await expect(
      db().insert(challengeBids).values({
        challengeId: challenge.id,
        bidderUserId: second.id,
        bidderOrgId: studio.id,
        status: 'submitted',
        createdAt: NOW,
        updatedAt: NOW,
      }),
    ).rejects.toThrow()
  })

  it('keeps the price within the budget of a priced challenge; a fixed award is the price', async () => {
    const { challenge } = await postChallenge()
    const maker = await person()
    for (const price of ['9999.99', '50000.01'])
      expect(
        await refusal(
          submitBid({ ...bidFields(price), challengeId: challenge.id, acting: maker.alone }),
        ),
      ).toBe('bids:errors.priceOutOfRange')
    expect(
      await refusal(
        submitBid({
          ...bidFields(''),
          priceYuan: undefined,
          challengeId: challenge.id,
          acting: maker.alone,
        }),
      ),
    ).toBe('bids:errors.priceRequired')
    const edge = await submitBid({
      ...bidFields('50,000'),
      challengeId: challenge.id,
      acting: maker.alone,
    })
    expect(edge.priceFen).toBe(5_000_000)

    const { challenge: fixed } = await postChallenge({
      awardMode: 'fixed',
      awardFen: 8_000_000,
      budgetMinFen: null,
      budgetMaxFen: null,
    })
    const bid = await submitBid({ ...bidFields('1'), challengeId: fixed.id, acting: maker.alone })
    expect(bid.priceFen).toBe(8_000_000)
  })
})

describe('揭榜挂帅', () => {
  it('lets only an admitted applicant bid', async () => {
    const { owner, challenge } = await postChallenge({ solicitation: 'jiebang' })
    const maker = await person()
    expect(
      await refusal(submitBid({ ...bidFields(), challengeId: challenge.id, acting: maker.alone })),
    ).toBe('bids:errors.applyFirst')
    const application = await applyToChallenge({
      challengeId: challenge.id,
      acting: maker.alone,
      profile: '高校传感器实验室',
      trackRecord: '三项相关专利',
      plan: '先做两版样机',
    })
    expect(application.status).toBe('applied')
    expect(
      await refusal(submitBid({ ...bidFields(), challengeId: challenge.id, acting: maker.alone })),
    ).toBe('bids:errors.notAdmitted')

    // Only the poster admits.
    expect(await refusal(admitApplicant({ bidId: application.id, actorUserId: maker.id }))).toBe(
      'bids:errors.notFound',
    )
    await admitApplicant({ bidId: application.id, actorUserId: owner.id })
    const bid = await submitBid({ ...bidFields(), challengeId: challenge.id, acting: maker.alone })
    expect(bid.id).toBe(application.id)
    expect(bid.status).toBe('submitted')
    const told = await db()
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, maker.id))
    expect(told.map((n) => n.kind)).toContain('challenge.admitted')
  })
})

describe('privacy of bids', () => {
  it('shows a bid to its bidder and the poster, and 404 to another bidder', async () => {
    const { owner, challenge } = await postChallenge()
    const a = await person()
    const b = await person()
    const bidA = await submitBid({ ...bidFields(), challengeId: challenge.id, acting: a.alone })
    await submitBid({ ...bidFields('30000'), challengeId: challenge.id, acting: b.alone })
    const load = (who: Person, id: string) =>
      bidPage.loader({
        request: new Request(`http://localhost/bids/${id}`, { headers: { cookie: who.cookie } }),
        params: { id },
        context,
      })
    const mine = await load(a, bidA.id)
    expect(mine.bid.id).toBe(bidA.id)
    expect(mine.side).toBe('bidder')
    expect((await load(owner, bidA.id)).side).toBe('poster')

    const status = await load(b, bidA.id).then(
      () => 200,
      (r: unknown) => (r instanceof Response ? r.status : 500),
    )
    expect(status).toBe(404)
    // Nor does another bidder reach the poster's review page.
    const review = await reviewPage
      .loader({
        request: new Request(`http://localhost/challenges/${challenge.slug}/bids`, {
          headers: { cookie: b.cookie },
        }),
        params: { id: challenge.slug },
        context,
      })
      .then(
        () => 200,
        (r: unknown) => (r instanceof Response ? r.status : 500),
      )
    expect(review).toBe(404)
  })
})

describe('the award', () => {
  it('lets exactly one of two concurrent awards win', async () => {
    const { owner, org, challenge } = await postChallenge()
    const second = await person()
    await addOrgMember(db(), org.id, second.id, 'admin')
    const a = await person()
    const b = await person()
    const bidA = await submitBid({ ...bidFields(), challengeId: challenge.id, acting: a.alone })
    const bidB = await submitBid({ ...bidFields(), challengeId: challenge.id, acting: b.alone })
    // Not before the bid deadline.
    expect(await refusal(awardBid({ bidId: bidA.id, actorUserId: owner.id }))).toBe(
      'bids:errors.beforeDeadline',
    )

    const at = new Date(challenge.bidDeadline.getTime() + 60_000)
    setNow(at)
    const results = await Promise.allSettled([
      awardBid({ bidId: bidA.id, actorUserId: owner.id }),
      awardBid({ bidId: bidB.id, actorUserId: second.id }),
    ])
    const won = results.filter((r) => r.status === 'fulfilled')
    expect(won).toHaveLength(1)
    const lost = results.find((r) => r.status === 'rejected')
    expect(lost?.status === 'rejected' && (lost.reason as UserError).messageKey).toBe(
      'bids:errors.cannotAward',
    )

    const after = await challengeOf(challenge.id)
    expect(after?.status).toBe('awarded')
    const winner = after?.awardedBidId
    expect([bidA.id, bidB.id]).toContain(winner)
    expect(after?.fundingDeadline?.getTime()).toBe(at.getTime() + 7 * DAY)
    const loser = winner === bidA.id ? bidB.id : bidA.id
    expect((await bidOf(winner ?? ''))?.status).toBe('awarded')
    expect((await bidOf(loser))?.status).toBe('rejected')
    const winnerUser = winner === bidA.id ? a.id : b.id
    const told = await db()
      .select({ kind: notifications.kind, link: notifications.link })
      .from(notifications)
      .where(and(eq(notifications.userId, winnerUser), eq(notifications.kind, 'challenge.awarded')))
    expect(told).toEqual([
      { kind: 'challenge.awarded', link: `/challenges/${challenge.slug}/work` },
    ])
  })

  it('closes an unawarded challenge at its award deadline, telling the bidders', async () => {
    const { challenge } = await postChallenge()
    const maker = await person()
    const bid = await submitBid({ ...bidFields(), challengeId: challenge.id, acting: maker.alone })

    // Before the deadline the timer is not due.
    setNow(new Date(challenge.awardDeadline.getTime() - 60_000))
    await sweepTimers()
    expect((await challengeOf(challenge.id))?.status).toBe('open')

    setNow(new Date(challenge.awardDeadline.getTime() + 60_000))
    await sweepTimers()
    const closed = await challengeOf(challenge.id)
    expect(closed?.status).toBe('no_award')
    expect(closed?.closedReason).toBeTruthy()
    expect((await bidOf(bid.id))?.status).toBe('rejected')
    const told = await db()
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, maker.id))
    expect(told.map((n) => n.kind)).toContain('challenge.noAward')
    // An award after the deadline is refused.
    expect(await refusal(awardBid({ bidId: bid.id, actorUserId: maker.id }))).toBe(
      'bids:errors.notFound',
    )
  })
})
