// Repeated no-shows block a member from an owner's equipment for a while: three no-shows
// within 90 days block them for 30 days from the third. Counted per owner organisation, over
// all its listings, from the time each booking was marked a no-show.
import { and, asc, eq, gte, lte } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import {
  equipmentBookingEvents,
  equipmentBookings,
  equipmentListings,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'

const DAY = 86_400_000
export const NO_SHOW_LIMIT = 3
export const NO_SHOW_WINDOW_DAYS = 90
export const NO_SHOW_BLOCK_DAYS = 30

export type NoShowBlock = { until: Date; count: number }

/**
 * The block the no-shows at `times` impose at `at`, or null. Three no-shows at most 90 days
 * apart (first to third) block until the third plus 30 days; exactly 30 days after, the block
 * is over. Of several such runs the latest third counts; `count` is how many no-shows fall in
 * the 90 days up to it.
 */
export function noShowBlockFrom(times: readonly Date[], at: Date): NoShowBlock | null {
  const sorted = times.map((t) => t.getTime()).sort((a, b) => a - b)
  for (let k = sorted.length - 1; k >= NO_SHOW_LIMIT - 1; k--) {
    const third = sorted[k] ?? 0
    const first = sorted[k - (NO_SHOW_LIMIT - 1)] ?? 0
    if (third - first > NO_SHOW_WINDOW_DAYS * DAY) continue
    const until = third + NO_SHOW_BLOCK_DAYS * DAY
    // The latest run that qualifies ends last; if it has ended, every earlier one has too.
    if (at.getTime() >= until) return null
    const count = sorted.filter((t) => t >= third - NO_SHOW_WINDOW_DAYS * DAY && t <= third).length
    return { until: new Date(until), count }
  }
  return null
}

/** Whether the person is blocked from the owner organisation's equipment now, and until when. */
export async function noShowBlock(
  tx: Tx,
  ownerOrgId: string,
  userId: string,
): Promise<NoShowBlock | null> {
  const at = now()
  // Only no-shows that could still matter: a block lasts 30 days after a run of 90.
  const since = new Date(at.getTime() - (NO_SHOW_WINDOW_DAYS + NO_SHOW_BLOCK_DAYS) * DAY)
  const rows = await tx
    .select({ at: equipmentBookingEvents.at })
    .from(equipmentBookingEvents)
    .innerJoin(equipmentBookings, eq(equipmentBookings.id, equipmentBookingEvents.bookingId))
    .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
    .where(
      and(
        eq(equipmentListings.orgId, ownerOrgId),
        eq(equipmentBookings.bookerUserId, userId),
        eq(equipmentBookings.status, 'no_show'),
        eq(equipmentBookingEvents.action, 'no-show'),
        gte(equipmentBookingEvents.at, since),
        lte(equipmentBookingEvents.at, at),
      ),
    )
    .orderBy(asc(equipmentBookingEvents.at))
  return noShowBlockFrom(
    rows.map((r) => r.at),
    at,
  )
}
