// Members-only rules of the equipment and challenge marketplaces follow the membership's status:
// an active member of a space gets the member price on the space operator's instruments and may
// take part in a challenge open to the space's members; once the membership ends (left,
// graduated or closed, through the real use case) neither applies any more. Both for a member
// organisation acting for itself and for a maker member acting alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { challenges } from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import type { ActingParty } from '../../app/domains/accounts/auth.server.ts'
import { eligibilityRefusal } from '../../app/domains/challenges/challenge-access.server.ts'
import { PriceListSchema } from '../../app/domains/equipment/price-blocks.schema.ts'
import { previewPrice } from '../../app/domains/equipment/request-booking.server.ts'
import type { MembershipAction } from '../../app/domains/spaces/membership.machine.ts'
import { changeMembership } from '../../app/domains/spaces/spaces.server.ts'
import { createListing } from '../factories/equipment.ts'
import { admitToSpace, createOrg, createSpace, createUser } from '../factories/index.ts'

const NOW = new Date('2026-11-22T02:00:00Z')
const DAY = 86_400_000
beforeEach(() => setNow(NOW))
afterEach(() => setNow(null))

let sequence = Math.floor(Math.random() * 90_000_000)

const PRICES = PriceListSchema.parse({
  blocks: { hour: { priceFen: 30_000, memberPriceFen: 18_000 } },
  cancellation: { freeUntilHours: 24, lateFeeBp: 0 },
})

async function world() {
  const operatorOwner = await createUser(db())
  const operator = await createOrg(db(), { type: 'institute', ownerId: operatorOwner.id })
  const space = await createSpace(db(), { operatorOrgId: operator.id })
  const listing = await createListing(db(), {
    orgId: operator.id,
    priceBlocks: PRICES,
    memberPricing: true,
  })
  const n = ++sequence
  const [challenge] = await db()
    .insert(challenges)
    .values({
      slug: `members-only-${n}`,
      orgId: operator.id,
      status: 'open',
      title: `面向空间成员的揭榜任务 ${n}`,
      summary: '只面向空间在册成员。',
      type: 'prototype',
      awardMode: 'fixed',
      awardFen: 5_000_000,
      bidDeadline: new Date(NOW.getTime() + 10 * DAY),
      awardDeadline: new Date(NOW.getTime() + 20 * DAY),
      deliveryDeadline: new Date(NOW.getTime() + 90 * DAY),
      ipTerms: 'transfer',
      eligibility: 'space_members',
      eligibleSpaceIds: [space.id],
      publishedAt: NOW,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning()
  if (!challenge) throw new Error('challenge')

  const founder = await createUser(db())
  const startup = await createOrg(db(), { type: 'startup', ownerId: founder.id })
  const orgMembership = await admitToSpace(db(), {
    spaceId: space.id,
    orgId: startup.id,
    stage: 'incubator',
    admittedOn: '2025-01-01',
  })
  const maker = await createUser(db())
  const makerMembership = await admitToSpace(db(), {
    spaceId: space.id,
    userId: maker.id,
    stage: 'nursery',
    admittedOn: '2025-06-01',
  })
  const asOrg: ActingParty = { kind: 'org', userId: founder.id, orgId: startup.id, role: 'owner' }
  const asMaker: ActingParty = { kind: 'person', userId: maker.id }
  return {
    operatorOwner,
    space,
    listing,
    challenge,
    asOrg,
    asMaker,
    orgMembership,
    makerMembership,
  }
}

type World = Awaited<ReturnType<typeof world>>

async function priceFor(w: World, acting: ActingParty) {
  const result = await previewPrice(w.listing.slug, acting, { durationMinutes: 60 })
  if ('error' in result) throw new Error(result.error)
  return [result.preview.quote.priceGroup, result.preview.quote.priceFen]
}

const mayTakePart = (w: World, acting: ActingParty) => eligibilityRefusal(db(), w.challenge, acting)

const end = (w: World, membershipId: string, action: MembershipAction) =>
  changeMembership({
    spaceId: w.space.id,
    membershipId,
    action,
    on: '2026-11-01',
    actorUserId: w.operatorOwner.id,
    actorRoles: ['space-admin'],
    ip: '10.0.0.1',
  })

describe('members-only rules follow the membership', () => {
  it('an active member organisation or maker gets the member price and may take part', async () => {
    const w = await world()
    expect(await priceFor(w, w.asOrg)).toEqual(['member', 18_000])
    expect(await priceFor(w, w.asMaker)).toEqual(['member', 18_000])
    expect(await mayTakePart(w, w.asOrg)).toBeNull()
    expect(await mayTakePart(w, w.asMaker)).toBeNull()
  })

  it('an outsider pays the standard price and may not take part', async () => {
    const w = await world()
    const outsider: ActingParty = { kind: 'person', userId: (await createUser(db())).id }
    expect(await priceFor(w, outsider)).toEqual(['standard', 30_000])
    expect(await mayTakePart(w, outsider)).toBe('challenges:errors.spaceMembersOnly')
  })

  it('the founder acting alone is not the member organisation', async () => {
    const w = await world()
    const founderAlone: ActingParty = { kind: 'person', userId: w.asOrg.userId }
    expect(await priceFor(w, founderAlone)).toEqual(['standard', 30_000])
    expect(await mayTakePart(w, founderAlone)).toBe('challenges:errors.spaceMembersOnly')
  })

  it('moving to another stage keeps both', async () => {
    const w = await world()
    await changeMembership({
      spaceId: w.space.id,
      membershipId: w.orgMembership.id,
      action: 'move',
      stage: 'accelerator',
      on: '2026-11-01',
      actorUserId: w.operatorOwner.id,
      actorRoles: ['space-admin'],
      ip: '10.0.0.1',
    })
    expect(await priceFor(w, w.asOrg)).toEqual(['member', 18_000])
    expect(await mayTakePart(w, w.asOrg)).toBeNull()
  })

  for (const action of ['leave', 'graduate', 'close'] as const) {
    it(`a member whose membership ended (${action}) no longer gets either`, async () => {
      const w = await world()
      await end(w, w.orgMembership.id, action)
      await end(w, w.makerMembership.id, action)
      expect(await priceFor(w, w.asOrg)).toEqual(['standard', 30_000])
      expect(await priceFor(w, w.asMaker)).toEqual(['standard', 30_000])
      expect(await mayTakePart(w, w.asOrg)).toBe('challenges:errors.spaceMembersOnly')
      expect(await mayTakePart(w, w.asMaker)).toBe('challenges:errors.spaceMembersOnly')
    })
  }

  it('a member admitted again after leaving gets both back', async () => {
    const w = await world()
    await end(w, w.orgMembership.id, 'leave')
    await admitToSpace(db(), {
      spaceId: w.space.id,
      orgId: w.asOrg.kind === 'org' ? w.asOrg.orgId : '',
      stage: 'nursery',
      admittedOn: '2026-11-15',
    })
    expect(await priceFor(w, w.asOrg)).toEqual(['member', 18_000])
    expect(await mayTakePart(w, w.asOrg)).toBeNull()
  })
})
