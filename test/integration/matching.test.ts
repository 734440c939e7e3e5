// Matching against real PostgreSQL, through the pages' loaders: /investors ranked by fit for a
// startup (ties by activity, then id), profiles shown only to verified startups, the public
// directory for everyone else; the investor's deal feed with campaign teasers and the top of it
// on the dashboard. Theses use segment 8 (数字创意产业), so other files' rows do not interleave.
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { commitments, organisations } from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import { getAuth } from '../../app/domains/accounts/auth.server.ts'
import {
  createSession,
  sessionCookieName,
  setActingOrg,
} from '../../app/domains/accounts/session.server.ts'
import { dealFeed } from '../../app/domains/deals/matching.server.ts'
import * as dashboard from '../../app/routes/dashboard.tsx'
import * as dealsPage from '../../app/routes/deals.tsx'
import * as investorsPage from '../../app/routes/investors._index.tsx'
import { createCampaign, createInvestor, createStartup } from '../factories/deals.ts'
import { createUser } from '../factories/index.ts'

const NOW = new Date('2026-11-22T02:00:00Z')
const DAY = 86_400_000
beforeEach(() => setNow(NOW))
afterEach(() => setNow(null))

const context = { ip: '10.0.0.8', nonce: 'test', requestId: 'test' }
const wan = (n: number) => n * 1_000_000
const ago = (days: number) => new Date(NOW.getTime() - days * DAY)

type Person = { id: string; cookie: string; sessionId: string }

async function person(userId?: string): Promise<Person> {
  const id = userId ?? (await createUser(db())).id
  const { token } = await createSession(db(), id)
  return { id, cookie: `${sessionCookieName()}=${token}`, sessionId: token.split('.')[0] ?? '' }
}

const req = (p: Person | null, path: string) =>
  new Request(`http://localhost${path}`, { headers: p ? { cookie: p.cookie } : {} })

type Card = {
  id: string
  fit: { score: number; reasons: string[] } | null
  displayName: string
  verified: boolean
}
type Page = { page: { mode: string; items: Card[]; total: number } }

async function investorsFor(p: Person | null, query = '?segment=8') {
  return (await investorsPage.loader({
    request: req(p, `/investors${query}`),
    params: {},
    context,
  })) as unknown as Page
}

/** A startup in 西安 raising ¥10万–500万 at seed, in 8.3 (设计服务), its owner acting for it. */
async function startupActing(opts: { verified?: boolean } = {}) {
  const owner = await person()
  const startup = await createStartup(db(), {
    ownerId: owner.id,
    city: '西安',
    segments: ['8.3'],
    stage: 'seed',
    minTicketFen: wan(10),
    seekingFen: wan(500),
  })
  if (opts.verified === false)
    await db()
      .update(organisations)
      .set({ status: 'pending' })
      .where(eq(organisations.id, startup.org.id))
  await setActingOrg(db(), owner.sessionId, owner.id, startup.org.id)
  return { owner, startup }
}

describe('/investors', () => {
  it('ranks investors by fit for a startup, ties by activity then id, with reasons', async () => {
    const { owner } = await startupActing()
    const thesis = {
      segments: ['8.3'],
      stages: ['seed'],
      ticketMinFen: wan(50),
      ticketMaxFen: wan(200),
      regions: ['陕西'],
    }
    const older = await createInvestor(db(), { ...thesis, lastActiveAt: ago(3) })
    const newer = await createInvestor(db(), { ...thesis, lastActiveAt: ago(1) })
    // Same score and activity: the smaller id first.
    const twinA = await createInvestor(db(), { ...thesis, lastActiveAt: ago(5) })
    const twinB = await createInvestor(db(), { ...thesis, lastActiveAt: ago(5) })
    // 8.1 shares only the first level (20); angel ≠ seed; [100万, 1000万] ∩ [10万, 500万] =
    // 400万 of 900万 → 11.1 → 11; 上海 ≠ 西安: 31.
    const partial = await createInvestor(db(), {
      segments: ['8.1'],
      stages: ['angel'],
      ticketMinFen: wan(100),
      ticketMaxFen: wan(1000),
      regions: ['上海'],
      lastActiveAt: NOW,
    })
    const privateOne = await createInvestor(db(), {
      ...thesis,
      visibility: 'verified_startups',
      lastActiveAt: ago(2),
    })
    const mine = new Set([older, newer, twinA, twinB, partial, privateOne].map((i) => i.profile.id))
    const [first, second] = [twinA, twinB].sort((a, b) => (a.profile.id < b.profile.id ? -1 : 1))

    const page = await investorsFor(owner)
    expect(page.page.mode).toBe('ranked')
    const ranked = page.page.items.filter((c) => mine.has(c.id))
    expect(ranked.map((c) => c.id)).toEqual([
      newer.profile.id,
      privateOne.profile.id,
      older.profile.id,
      first?.profile.id,
      second?.profile.id,
      partial.profile.id,
    ])
    expect(ranked.map((c) => c.fit?.score)).toEqual([100, 100, 100, 100, 100, 31])
    expect(ranked[0]?.fit?.reasons).toEqual(['设计服务', '种子轮', '¥50万–200万', '陕西'])
    expect(ranked[5]?.fit?.reasons).toEqual(['数字创意产业', '¥100万–500万'])

    // Filters: stage angel leaves only the partial one of these.
    const angel = await investorsFor(owner, '?segment=8&stage=angel')
    expect(angel.page.items.filter((c) => mine.has(c.id)).map((c) => c.id)).toEqual([
      partial.profile.id,
    ])
  })

  it('shows a verified-startups-only profile to verified startups alone', async () => {
    const hidden = await createInvestor(db(), {
      segments: ['8.2'],
      visibility: 'verified_startups',
    })
    const shown = (p: Page) => p.page.items.some((c) => c.id === hidden.profile.id)
    const verified = await startupActing()
    const unverified = await startupActing({ verified: false })
    expect(shown(await investorsFor(verified.owner))).toBe(true)
    expect(shown(await investorsFor(unverified.owner))).toBe(false)
    expect(shown(await investorsFor(null))).toBe(false)
    expect(shown(await investorsFor(await person()))).toBe(false)
  })

  it('lists public profiles for everyone else, most recently active first, without scores', async () => {
    const recent = await createInvestor(db(), { segments: ['8.4'], lastActiveAt: NOW })
    const earlier = await createInvestor(db(), { segments: ['8.4'], lastActiveAt: ago(9) })
    const unverified = await createInvestor(db(), {
      segments: ['8.4'],
      verified: false,
      lastActiveAt: ago(1),
    })
    const mine = new Set([recent, earlier, unverified].map((i) => i.profile.id))
    const visitor = await investorsFor(null, '?segment=8.4')
    expect(visitor.page.mode).toBe('directory')
    const cards = visitor.page.items.filter((c) => mine.has(c.id))
    expect(cards.map((c) => c.id)).toEqual([
      recent.profile.id,
      unverified.profile.id,
      earlier.profile.id,
    ])
    expect(cards.every((c) => c.fit === null)).toBe(true)
    expect(cards.map((c) => c.verified)).toEqual([true, false, true])
    const qualified = await investorsFor(null, '?segment=8.4&verified=1')
    expect(qualified.page.items.filter((c) => mine.has(c.id)).map((c) => c.id)).toEqual([
      recent.profile.id,
      earlier.profile.id,
    ])
  })
})

describe('the deal feed', () => {
  it('ranks verified startups by fit with the investor’s thesis, using a live campaign’s range', async () => {
    const investorPerson = await person()
    const investor = await createInvestor(db(), {
      userId: investorPerson.id,
      segments: ['8.3'],
      stages: ['seed'],
      ticketMinFen: wan(50),
      ticketMaxFen: wan(200),
      regions: ['陕西'],
    })
    const make = (o: Parameters<typeof createStartup>[1]) =>
      createStartup(db(), {
        city: '西安',
        segments: ['8.3'],
        stage: 'seed',
        minTicketFen: wan(10),
        seekingFen: wan(500),
        ...o,
      })
    const best = await make({ lastActiveAt: ago(1) })
    const bestOlder = await make({ lastActiveAt: ago(4) })
    // A live campaign's range wins over the profile's: [100万, 150万] ∩ [50万, 200万] = 50万 of
    // 150万 → 8.3 → 8: 40 + 25 + 8 + 10 = 83.
    const raising = await make({ lastActiveAt: ago(1) })
    const campaign = await createCampaign(db(), {
      orgId: raising.org.id,
      createdByUserId: raising.owner.id,
      minTicketFen: wan(100),
      targetFen: wan(150),
      maxFen: wan(200),
      minimumAcceptFen: wan(120),
      segments: ['8.3'],
    })
    const backer = await createInvestor(db())
    await db()
      .insert(commitments)
      .values({
        campaignId: campaign.id,
        investorProfileId: backer.profile.id,
        userId: backer.user.id,
        amountFen: wan(30),
        method: 'pay_now',
        status: 'committed',
        termsVersion: 1,
        createdAt: NOW,
        updatedAt: NOW,
      })
    // 8.1: 20; angel: 0; [10万, 500万] holds the whole range: 25; 成都: 0 → 45.
    const far = await make({ segments: ['8.1'], stage: 'angel', city: '成都' })
    const unverified = await make({})
    await db()
      .update(organisations)
      .set({ status: 'pending' })
      .where(eq(organisations.id, unverified.org.id))

    const auth = await getAuth(req(investorPerson, '/deals'))
    if (!auth) throw new Error('no session')
    const feed = await dealFeed(auth, { page: 1, pageSize: 10_000 }, 'zh-CN')
    const mine = [best, bestOlder, raising, far, unverified].map((s) => s.org.id)
    const items = feed?.items.filter((i) => mine.includes(i.orgId)) ?? []
    expect(items.map((i) => i.orgId)).toEqual([
      best.org.id,
      bestOlder.org.id,
      raising.org.id,
      far.org.id,
    ])
    expect(items.map((i) => i.score)).toEqual([100, 100, 83, 45])
    expect(items[2]?.reasons).toEqual(['设计服务', '种子轮', '¥100万–150万', '陕西'])
    expect(items[2]?.campaign).toMatchObject({
      slug: campaign.slug,
      targetFen: wan(150),
      committedFen: wan(30),
    })
    expect(items[3]?.reasons).toEqual(['数字创意产业', '¥50万–200万'])
    expect(feed?.investor.id).toBe(investor.profile.id)

    // The page and the dashboard: the feed for the investor, nothing for someone who is not one.
    const page = (await dealsPage.loader({
      request: req(investorPerson, '/deals'),
      params: {},
      context,
    })) as {
      feed: { items: unknown[] } | null
    }
    expect(page.feed?.items.length).toBeGreaterThan(0)
    const home = (await dashboard.loader({
      request: req(investorPerson, '/dashboard'),
      params: {},
      context,
    })) as {
      deals: { items: unknown[] } | null
    }
    expect(home.deals?.items.length).toBeLessThanOrEqual(5)
    expect(home.deals?.items.length).toBeGreaterThan(0)
    const nobody = await person()
    const plain = (await dashboard.loader({
      request: req(nobody, '/dashboard'),
      params: {},
      context,
    })) as {
      deals: unknown
    }
    expect(plain.deals).toBeNull()
  })
})
