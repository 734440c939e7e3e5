// Puts a listing up for booking, or takes it down, through the listing machine. A listing goes
// up only with something to book: a valid price list and at least one open day. Either way the
// search index is told after commit (the job rides the same transaction) and an audit row kept.
import { db } from '../../../db/client.server.ts'
import { equipmentListings } from '../../../db/schema/index.ts'
import { indexLater } from '../../../search/index-later.server.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { UserError } from '../problems.ts'
import { OpeningHoursSchema } from './equipment.schema.ts'
import { loadListingForOwner, type Listing } from './listing-access.server.ts'
import { listingMachine, type ListingAction } from './listing.machine.ts'
import { PriceListSchema } from './price-blocks.schema.ts'

/** What keeps a listing from going up, as catalogue keys; empty when it may. */
export function publishBlockers(listing: Pick<Listing, 'priceBlocks' | 'openingHours'>): string[] {
  const blockers: string[] = []
  if (!PriceListSchema.safeParse(listing.priceBlocks).success)
    blockers.push('listings:errors.publishNeedsPrices')
  const hours = OpeningHoursSchema.safeParse(listing.openingHours)
  if (!hours.success || !Object.values(hours.data).some((day) => day.length > 0))
    blockers.push('listings:errors.publishNeedsHours')
  return blockers
}

export async function setListingPublished(input: {
  listingId: string
  action: ListingAction
  actorUserId: string
  ip: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const listing = await loadListingForOwner(tx, input.listingId, input.actorUserId)
    if (input.action === 'publish') {
      const [blocker] = publishBlockers(listing)
      if (blocker) throw new UserError(blocker)
    }
    const at = now()
    try {
      await fireTransition(tx, {
        machine: listingMachine,
        table: equipmentListings,
        idColumn: equipmentListings.id,
        statusColumn: equipmentListings.status,
        statusKey: 'status',
        id: listing.id,
        action: input.action,
        actorRoles: ['owner'],
        set: { updatedAt: at, ...(input.action === 'publish' ? { publishedAt: at } : {}) },
      })
    } catch (error) {
      if (error instanceof TransitionError)
        throw new UserError(`listings:errors.cannot.${input.action}`)
      throw error
    }
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: listing.orgId,
      action: `${input.action}-listing`,
      entity: 'equipment_listing',
      entityId: listing.id,
      ip: input.ip,
    })
    // Published listings are offerings; an unpublished one must leave the index.
    await indexLater(tx, 'equipment', listing.id)
  })
}
