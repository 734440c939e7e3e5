// Booking an instrument through the booking form's action and the owner's decision, against real
// PostgreSQL: a request waits for the owner (who is told), the price comes from the listing
// whatever the browser posts, an instant booking owes a payment for its quote, an approval
// creates the payment, a decline frees the slot, and another booker cannot see the booking.
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { equipmentBookings, notifications, payments, quotes } from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import { PriceListSchema } from '../../app/domains/equipment/price-blocks.schema.ts'
import { decideBooking } from '../../app/domains/equipment/request-booking.server.ts'
import * as bookPage from '../../app/routes/equipment.$id.book.tsx'
import * as bookingPage from '../../app/routes/bookings.$id.tsx'
import { createListing } from '../factories/equipment.ts'
import { addOrgMember, admitToSpace, createSpace, createUser } from '../factories/index.ts'

// Tuesday 1 September 2026, 08:00 in Shanghai.
const NOW = new Date('2026-09-01T00:00:00Z')
beforeEach(() => setNow(NOW))
afterEach(() => setNow(null))

const context = { ip: '10.0.0.7', nonce: 'test', requestId: 'test' }
// ¥300 an hour, ¥240 for members.
const PRICES = PriceListSchema.parse({
  blocks: { hour: { priceFen: 30_000, memberPriceFen: 24_000 } },
  cancellation: { freeUntilHours: 24, lateFeeBp: 0 },
})

type Person = { id: string; cookie: string }

async function person(): Promise<Person> {
  const user = await createUser(db())
  const { token } = await createSession(db(), user.id)
  return { id: user.id, cookie: `${sessionCookieName()}=${token}` }
}

async function ownedListing(instantBooking = false) {
  const owner = await person()
  const listing = await createListing(db(), { instantBooking, priceBlocks: PRICES })
  await addOrgMember(db(), listing.orgId, owner.id, 'admin')
  return { owner, listing }
}

/** Posts the booking form; returns the booking id it redirected to. */
async function book(slug: string, who: Person, fields: Record<string, string> = {}) {
  const response = await bookPage.action({
    request: new Request(`http://localhost/equipment/${slug}/book`, {
      method: 'POST',
      headers: { cookie: who.cookie },
      body: new URLSearchParams({
        serviceMode: 'operator_run',
        date: '2026-09-03',
        startTime: '10:00',
        hours: '2',
        purpose: '样品表面形貌观察',
        ...fields,
      }),
    }),
    params: { id: slug },
    context,
  })
  if (!(response instanceof Response)) throw new Error('expected a redirect')
  const location = response.headers.get('location') ?? ''
  const id = /^\/bookings\/(.+)$/.exec(location)?.[1]
  if (!id) throw new Error(`expected a redirect to a booking, got ${response.status} ${location}`)
  return id
}

const bookingOf = async (id: string) =>
  (await db().select().from(equipmentBookings).where(eq(equipmentBookings.id, id)))[0]
const paymentsOf = (id: string) =>
  db()
    .select()
    .from(payments)
    .where(and(eq(payments.businessKind, 'booking'), eq(payments.businessId, id)))
const quotesOf = (id: string) =>
  db()
    .select()
    .from(quotes)
    .where(and(eq(quotes.businessKind, 'booking'), eq(quotes.businessId, id)))

describe('requesting a booking', () => {
  it('leaves a request waiting for the owner, who is notified', async () => {
    const { owner, listing } = await ownedListing()
    const booker = await person()
    const id = await book(listing.slug, booker)
    const booking = await bookingOf(id)
    expect(booking?.status).toBe('requested')
    expect(booking?.bookerUserId).toBe(booker.id)
    expect(booking?.startsAt.toISOString()).toBe('2026-09-03T02:00:00.000Z')
    expect(await paymentsOf(id)).toHaveLength(0)
    const told = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, owner.id), eq(notifications.link, `/bookings/${id}`)))
    expect(told.map((n) => n.kind)).toEqual(['booking.requested'])
  })

  it('prices from the listing and ignores a price posted by the browser', async () => {
    const { listing } = await ownedListing()
    const id = await book(listing.slug, await person(), {
      priceFen: '1',
      subtotalFen: '1',
      'lines[0].amountFen': '1',
    })
    const [quote] = await quotesOf(id)
    expect(quote?.subtotalFen).toBe(60_000)
    expect(quote?.lines.map((l) => l.amountFen)).toEqual([60_000])
  })

  it('books an instant listing straight into awaiting payment, owing the quote total', async () => {
    const { listing } = await ownedListing(true)
    const booker = await person()
    const id = await book(listing.slug, booker)
    expect((await bookingOf(id))?.status).toBe('awaiting_payment')
    const [quote] = await quotesOf(id)
    const [payment] = await paymentsOf(id)
    expect(quote).toBeDefined()
    expect(payment?.amountFen).toBe(quote?.payerTotalFen)
    expect(payment?.payerUserId).toBe(booker.id)
    expect(payment?.payeeOrgId).toBe(listing.orgId)
  })
})

describe('member prices', () => {
  it('apply to a member of the owner’s space only where the owner turned them on', async () => {
    const booker = await person()
    const quoted = async (memberPricing: boolean) => {
      const listing = await createListing(db(), { priceBlocks: PRICES, memberPricing })
      const space = await createSpace(db(), { operatorOrgId: listing.orgId })
      await admitToSpace(db(), {
        spaceId: space.id,
        userId: booker.id,
        stage: 'nursery',
        admittedOn: '2026-01-05',
      })
      const [quote] = await quotesOf(await book(listing.slug, booker))
      return quote?.subtotalFen
    }
    // Two hours: ¥480 at the member price, ¥600 at the standard one.
    expect(await quoted(true)).toBe(48_000)
    expect(await quoted(false)).toBe(60_000)
  })
})

describe('deciding a request', () => {
  it('approving moves it to awaiting payment with a payment to make', async () => {
    const { owner, listing } = await ownedListing()
    const id = await book(listing.slug, await person())
    const approved = await decideBooking({
      bookingId: id,
      actorUserId: owner.id,
      decision: 'approve',
    })
    expect(approved.status).toBe('awaiting_payment')
    expect(approved.holdUntil?.getTime()).toBe(NOW.getTime() + 24 * 3_600_000)
    const [payment] = await paymentsOf(id)
    expect(payment?.amountFen).toBeGreaterThanOrEqual(60_000)
    expect(payment?.payeeOrgId).toBe(listing.orgId)
  })

  it('declining frees the slot for another booker', async () => {
    const { owner, listing } = await ownedListing()
    const first = await book(listing.slug, await person())
    const declined = await decideBooking({
      bookingId: first,
      actorUserId: owner.id,
      decision: 'decline',
      reason: '设备维护',
    })
    expect(declined.status).toBe('declined')
    const second = await book(listing.slug, await person())
    expect((await bookingOf(second))?.status).toBe('requested')
  })

  it('refuses a decision from someone outside the owner organisation', async () => {
    const { listing } = await ownedListing()
    const booker = await person()
    const id = await book(listing.slug, booker)
    await expect(
      decideBooking({ bookingId: id, actorUserId: booker.id, decision: 'approve' }),
    ).rejects.toThrow('equipment:booking.errors.notYours')
    expect((await bookingOf(id))?.status).toBe('requested')
  })
})

describe('who sees a booking', () => {
  it('shows it to its booker and owner, and 404 to the booker of another booking', async () => {
    const { owner, listing } = await ownedListing()
    const booker = await person()
    const other = await person()
    const id = await book(listing.slug, booker)
    await book(listing.slug, other, { startTime: '14:00' })
    const get = (who: Person) =>
      bookingPage.loader({
        request: new Request(`http://localhost/bookings/${id}`, {
          headers: { cookie: who.cookie },
        }),
        params: { id },
        context,
      })
    expect((await get(booker)).booking.id).toBe(id)
    expect((await get(owner)).actions).toContain('approve')
    expect((await get(booker)).actions).not.toContain('approve')
    const refused = await get(other).then(
      () => null,
      (e: unknown) => e,
    )
    expect(refused instanceof Response ? refused.status : refused).toBe(404)
  })
})
