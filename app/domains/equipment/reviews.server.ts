// Reviews of instruments: the booker of a completed booking rates it (1–5, with words) once;
// the booking moves to reviewed in the same transaction, and the listing is re-indexed so that
// search shows its rating. Readers see the author's given name or a masked name, never more.
import { and, desc, eq, isNull } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { isUuid } from '../../../db/ids.ts'
import { equipmentBookings, equipmentReviews, orgMembers, users } from '../../../db/schema/index.ts'
import { indexLater } from '../../../search/index-later.server.ts'
import { now } from '../../clock.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { UserError } from '../problems.ts'
import { moveBooking } from './cancel-booking.server.ts'
import { ratingOf, type ListingRating } from './listing-rating.server.ts'

export type Review = typeof equipmentReviews.$inferSelect

export async function reviewBooking(input: {
  bookingId: string
  userId: string
  rating: number
  body?: string
}): Promise<Review> {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
    throw new UserError('equipment-care:errors.rating', 'rating')
  if (!isUuid(input.bookingId)) throw new UserError('equipment-care:errors.notYourBooking')
  return db().transaction(async (tx) => {
    // Locked, so that two submissions of one review are taken one after the other.
    const booking = await tx
      .select()
      .from(equipmentBookings)
      .where(eq(equipmentBookings.id, input.bookingId))
      .for('update')
      .then((r) => r[0])
    if (!booking) throw new UserError('equipment-care:errors.notYourBooking')

    let isBooker = booking.bookerUserId === input.userId
    if (!isBooker && booking.bookerOrgId) {
      const member = await tx
        .select({ id: orgMembers.userId })
        .from(orgMembers)
        .where(
          and(
            eq(orgMembers.orgId, booking.bookerOrgId),
            eq(orgMembers.userId, input.userId),
            isNull(orgMembers.leftAt),
          ),
        )
        .then((r) => r[0])
      isBooker = member !== undefined
    }
    if (!isBooker) throw new UserError('equipment-care:errors.notYourBooking')

    try {
      await moveBooking(tx, {
        bookingId: booking.id,
        action: 'review',
        actorRoles: ['booker'],
        actorUserId: input.userId,
      })
    } catch (error) {
      if (error instanceof TransitionError)
        throw new UserError(
          booking.status === 'reviewed'
            ? 'equipment-care:errors.alreadyReviewed'
            : 'equipment-care:errors.notCompleted',
        )
      throw error
    }
    const [review] = await tx
      .insert(equipmentReviews)
      .values({
        bookingId: booking.id,
        listingId: booking.listingId,
        authorUserId: input.userId,
        rating: input.rating,
        body: input.body?.trim() ?? '',
        createdAt: now(),
      })
      .onConflictDoNothing({ target: equipmentReviews.bookingId })
      .returning()
    if (!review) throw new UserError('equipment-care:errors.alreadyReviewed')
    await indexLater(tx, 'equipment', booking.listingId)
    return review
  })
}

/** The listing's average rating (one decimal; null without reviews) and number of reviews. */
export function listingRating(listingId: string): Promise<ListingRating> {
  return ratingOf(db(), listingId)
}

const cjk = /[\u3400-\u9fff\uf900-\ufaff]/u

/**
 * How a reviewer is named in public: a Chinese name as its surname and a mask (陈思远 → 陈**),
 * a Western name by its first word; nothing that could be an e-mail or a phone number.
 */
export function publicName(name: string): string {
  const trimmed = name.trim()
  if (!trimmed || /[@\d]/.test(trimmed)) return ''
  const chars = [...trimmed]
  if (cjk.test(trimmed)) return `${chars[0] ?? ''}${'*'.repeat(Math.min(chars.length - 1, 2) || 1)}`
  return trimmed.split(/\s+/)[0] ?? ''
}

/** A page of a listing's reviews, newest first, each with its author's public name. */
export async function reviewsOf(
  listingId: string,
  { limit = 10, offset = 0 }: { limit?: number; offset?: number } = {},
) {
  const rows = await db()
    .select({
      id: equipmentReviews.id,
      rating: equipmentReviews.rating,
      body: equipmentReviews.body,
      createdAt: equipmentReviews.createdAt,
      authorName: users.name,
      authorDeleted: users.deletedAt,
    })
    .from(equipmentReviews)
    .innerJoin(users, eq(users.id, equipmentReviews.authorUserId))
    .where(eq(equipmentReviews.listingId, listingId))
    .orderBy(desc(equipmentReviews.createdAt), desc(equipmentReviews.id))
    .limit(Math.min(Math.max(limit, 1), 50))
    .offset(Math.max(offset, 0))
  return rows.map(({ authorName, authorDeleted, ...r }) => ({
    ...r,
    author: authorDeleted ? '' : publicName(authorName),
  }))
}
