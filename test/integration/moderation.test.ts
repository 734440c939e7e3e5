// Hiding a listing, challenge or campaign: it leaves search and the public pages (a 404 saying
// the platform hid it), refuses new bookings, bids and commitments, while its owner sees it with
// the reason and a 已隐藏 tag; lifting restores it. Every hide and lift is audited and notified.
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  auditLog,
  challenges,
  moderationHolds,
  notifications,
  searchDocuments,
} from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import type { ActingParty } from '../../app/domains/accounts/auth.server.ts'
import { submitBid } from '../../app/domains/challenges/bids.server.ts'
import { commit } from '../../app/domains/deals/commitments.server.ts'
import { campaignAccess } from '../../app/domains/deals/campaign-access.server.ts'
import { requestBooking } from '../../app/domains/equipment/request-booking.server.ts'
import { hideSubject, liftHold } from '../../app/domains/moderation/holds.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import * as listingPage from '../../app/routes/equipment.$id._index.tsx'
import * as myListings from '../../app/routes/equipment.mine.tsx'
import * as bookingPage from '../../app/routes/equipment.$id.book.tsx'
import * as challengePage from '../../app/routes/challenges.$id._index.tsx'
import * as adminListings from '../../app/routes/admin.listings.tsx'
import { meili } from '../../search/client.server.ts'
import { applySettings, syncDocument } from '../../search/sync.server.ts'
import { createCampaign } from '../factories/deals.ts'
import { createListing } from '../factories/equipment.ts'
import { addOrgMember, createOrg, createUser, makeAdmin } from '../factories/index.ts'
import { must } from '../support/must.ts'

const NOW = new Date('2026-11-22T02:00:00Z')
const DAY = 86_400_000
const context = { ip: '10.0.0.8', nonce: 'test', requestId: 'test' }
type Person = { id: string; cookie: string }

async function person(): Promise<Person> {
  const user = await createUser(db())
  const { token } = await createSession(db(), user.id)
  return { id: user.id, cookie: `${sessionCookieName()}=${token}` }
}
async function moderator(): Promise<Person> {
  const p = await person()
  await makeAdmin(db(), p.id, ['moderator'])
  return p
}
const get = (path: string, who: Person | null) =>
  new Request(`http://localhost${path}`, { headers: who ? { cookie: who.cookie } : {} })

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof UserError) return error.messageKey
    throw error
  }
  throw new Error('expected a refusal')
}
async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  )
}
const indexed = async (id: string) =>
  (await db().select().from(searchDocuments).where(eq(searchDocuments.id, id))).length > 0

async function listingWithOwner() {
  const owner = await person()
  const org = await createOrg(db(), { ownerId: owner.id, name: '测试检测中心' })
  const listing = await createListing(db(), { orgId: org.id })
  return { owner, org, listing }
}

beforeAll(async () => {
  await applySettings(must(meili(), 'meilisearch'))
})
afterEach(() => setNow(null))

describe('hiding a listing', () => {
  it('takes it out of search and the public page, keeps it for its owner, and lifting restores it', async () => {
    const { owner, org, listing } = await listingWithOwner()
    const admin = await moderator()
    const stranger = await person()
    expect(await syncDocument('equipment', listing.id)).toBe('indexed')
    expect(await indexed(`equipment-${listing.id}`)).toBe(true)

    const { holdId } = await hideSubject({
      kind: 'listing',
      subjectId: listing.id,
      reason: '设备资质证书已过期，请更新后申请恢复',
      actorUserId: admin.id,
    })
    expect(await syncDocument('equipment', listing.id)).toBe('removed')
    expect(await indexed(`equipment-${listing.id}`)).toBe(false)

    // The public: a 404 that says the platform hid it.
    for (const who of [null, stranger]) {
      const error = await thrown(
        listingPage.loader({
          request: get(`/equipment/${listing.slug}`, who),
          params: { id: listing.slug },
          context,
        }),
      )
      expect(error).toBeInstanceOf(Response)
      expect((error as Response).status).toBe(404)
      expect(await (error as Response).text()).toBe('hidden-by-platform')
    }
    // Nor does its booking form open for anyone who might book.
    const bookingForm = await thrown(
      bookingPage.loader({
        request: get(`/equipment/${listing.slug}/book`, stranger),
        params: { id: listing.slug },
        context,
      }),
    )
    expect((bookingForm as Response).status).toBe(404)
    // The owner and admins see it, with the reason.
    for (const who of [owner, admin]) {
      const page = await listingPage.loader({
        request: get(`/equipment/${listing.slug}`, who),
        params: { id: listing.slug },
        context,
      })
      expect(page.hold?.reason).toBe('设备资质证书已过期，请更新后申请恢复')
    }
    const mine = await myListings.loader({
      request: get('/equipment/mine', owner),
      params: {},
      context,
    })
    const row = mine.orgs.find((o) => o.id === org.id)?.listings.find((l) => l.id === listing.id)
    expect(row?.hidden).toBe(true)

    // No new bookings.
    const booker = await person()
    const acting: ActingParty = { kind: 'person', userId: booker.id }
    expect(
      await refusal(
        requestBooking({
          listingIdOrSlug: listing.id,
          acting,
          serviceMode: 'operator_run',
        } as Parameters<typeof requestBooking>[0]),
      ),
    ).toBe('moderation:refused.listing')

    // The owner was told why; the admin's action is audited.
    const told = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, owner.id), eq(notifications.kind, 'moderation.hidden')))
    expect(told).toHaveLength(1)
    expect(told[0]?.params).toMatchObject({ reason: '设备资质证书已过期，请更新后申请恢复' })
    const hidden = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'hide-content'), eq(auditLog.entityId, listing.id)))
    expect(hidden).toHaveLength(1)
    expect(hidden[0]).toMatchObject({ actorUserId: admin.id, entity: 'equipment_listing' })

    // A second hide is refused; lifting restores everything and keeps the row.
    expect(
      await refusal(
        hideSubject({
          kind: 'listing',
          subjectId: listing.id,
          reason: '重复操作测试',
          actorUserId: admin.id,
        }),
      ),
    ).toBe('moderation:errors.alreadyHidden')
    await liftHold({ holdId, note: '证书已更新', actorUserId: admin.id })
    expect(await syncDocument('equipment', listing.id)).toBe('indexed')
    const publicPage = await listingPage.loader({
      request: get(`/equipment/${listing.slug}`, null),
      params: { id: listing.slug },
      context,
    })
    expect(publicPage.hold).toBeNull()
    const hold = must(
      (await db().select().from(moderationHolds).where(eq(moderationHolds.id, holdId)))[0],
      'hold',
    )
    expect(hold).toMatchObject({ status: 'lifted', liftedBy: admin.id, liftNote: '证书已更新' })
    const lifted = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, owner.id), eq(notifications.kind, 'moderation.lifted')))
    expect(lifted).toHaveLength(1)
    expect(
      await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'lift-hold'), eq(auditLog.entityId, listing.id))),
    ).toHaveLength(1)
  })

  it('is done from /admin/listings, where a short reason is refused beside the field', async () => {
    const { listing } = await listingWithOwner()
    const admin = await moderator()
    const form = (reason: string) =>
      new Request('http://localhost/admin/listings', {
        method: 'POST',
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          intent: 'hide',
          kind: 'listing',
          subjectId: listing.id,
          reason,
        }),
      })
    const bad = (await adminListings.action({
      request: form('短'),
      params: {},
      context,
    })) as Response
    expect(bad.status).toBe(400)
    const body = (await bad.json()) as { hold: { result: { error: Record<string, string[]> } } }
    expect(body.hold.result.error.reason).toEqual(['moderation:errors.reason'])
    const ok = (await adminListings.action({
      request: form('图片含有违规内容'),
      params: {},
      context,
    })) as Response
    expect(ok.status).toBe(302)
    const page = await adminListings.loader({
      request: get(`/admin/listings?q=${encodeURIComponent(listing.name)}`, admin),
      params: {},
      context,
    })
    expect(page.list.rows.find((r) => r.id === listing.id)?.hold?.reason).toBe('图片含有违规内容')
    // A verifier without the moderator role may not.
    const verifier = await person()
    await makeAdmin(db(), verifier.id, ['verifier'])
    const refused = await thrown(
      adminListings.loader({ request: get('/admin/listings', verifier), params: {}, context }),
    )
    expect((refused as Response).status).toBe(403)
  })
})

describe('hiding a challenge and a campaign', () => {
  it('refuses new bids on a hidden challenge and hides its page from the public', async () => {
    setNow(NOW)
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
      })
      .returning()
    const c = must(challenge, 'challenge')
    expect(await syncDocument('challenge', c.id)).toBe('indexed')
    const admin = await moderator()
    await hideSubject({
      kind: 'challenge',
      subjectId: c.id,
      reason: '发布内容涉嫌虚假宣传',
      actorUserId: admin.id,
    })
    expect(await syncDocument('challenge', c.id)).toBe('removed')
    const bidder = await person()
    expect(
      await refusal(
        submitBid({
          challengeId: c.id,
          acting: { kind: 'person', userId: bidder.id },
          priceYuan: '20000',
          timelineDays: 45,
          approach: '采用灌封与低功耗蓝牙方案',
          team: '三名硬件工程师',
        }),
      ),
    ).toBe('moderation:refused.challenge')
    const error = await thrown(
      challengePage.loader({
        request: get(`/challenges/${c.slug}`, bidder),
        params: { id: c.slug },
        context,
      }),
    )
    expect((error as Response).status).toBe(404)
    const ownPage = await challengePage.loader({
      request: get(`/challenges/${c.slug}`, owner),
      params: { id: c.slug },
      context,
    })
    expect(ownPage.hold?.reason).toBe('发布内容涉嫌虚假宣传')
  })

  it('refuses new commitments on a hidden campaign', async () => {
    setNow(NOW)
    const campaign = await createCampaign(db())
    expect(await syncDocument('campaign', campaign.id)).toBe('indexed')
    const admin = await moderator()
    await hideSubject({
      kind: 'campaign',
      subjectId: campaign.id,
      reason: '融资材料存在不实陈述',
      actorUserId: admin.id,
    })
    expect(await syncDocument('campaign', campaign.id)).toBe('removed')
    const investor = await createUser(db())
    expect(
      await refusal(
        db().transaction((tx) =>
          commit(tx, {
            campaignId: campaign.id,
            userId: investor.id,
            profileId: crypto.randomUUID(),
            amountFen: 1_000_000,
            method: 'pay_now',
            termsVersion: campaign.version,
          }),
        ),
      ),
    ).toBe('moderation:refused.campaign')
    // Every path that asks who sees the campaign (page, pitch deck, data room, questions)
    // now answers the public no; the platform's admins still see it.
    const stranger = await person()
    const access = await campaignAccess(db(), campaign, {
      user: { id: stranger.id } as never,
      adminRoles: [],
    })
    expect([access.seesTeaser, access.seesTerms, access.hiddenFromReader]).toEqual([
      false,
      false,
      true,
    ])
    const adminAccess = await campaignAccess(db(), campaign, {
      user: { id: admin.id } as never,
      adminRoles: ['moderator'],
    })
    expect(adminAccess.hiddenFromReader).toBe(false)
  })

  it('refuses an admin whose own organisation owns the content', async () => {
    const { org, listing } = await listingWithOwner()
    const admin = await moderator()
    await addOrgMember(db(), org.id, admin.id, 'member')
    expect(
      await refusal(
        hideSubject({
          kind: 'listing',
          subjectId: listing.id,
          reason: '自己机构的设备',
          actorUserId: admin.id,
        }),
      ),
    ).toBe('admin:conflict.refused')
  })
})
