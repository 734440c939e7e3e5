// A listing's average rating, from its reviews: shared by the listing page and the search
// document (which must not import the review use case, as that one asks for re-indexing).
import { count, eq, sql } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { equipmentReviews } from '../../../db/schema/index.ts'

export type ListingRating = { average: number | null; count: number }

/** The mean rating to one decimal (null when there are no reviews yet), and how many. */
export async function ratingOf(tx: Tx, listingId: string): Promise<ListingRating> {
  const row = await tx
    .select({
      count: count(),
      average: sql<string | null>`avg(${equipmentReviews.rating})`,
    })
    .from(equipmentReviews)
    .where(eq(equipmentReviews.listingId, listingId))
    .then((r) => r[0])
  const n = row?.count ?? 0
  const mean = row?.average == null ? null : Number(row.average)
  return { average: n > 0 && mean !== null ? Math.round(mean * 10) / 10 : null, count: n }
}
