// Who may change a listing: an active member of its organisation whose role and organisation
// allow list:equipment:own (a verified organisation, owner or admin). Shared by saving and
// publishing so the rule is written once.
import { and, eq, isNull } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { equipmentListings, organisations, orgMembers } from '../../../db/schema/index.ts'
import { checkOrgPermission } from '../accounts/permissions.ts'
import { UserError } from '../problems.ts'

export type Listing = typeof equipmentListings.$inferSelect

export async function assertMayList(tx: Tx, orgId: string, userId: string): Promise<void> {
  const member = await tx
    .select({ role: orgMembers.role, orgStatus: organisations.status, orgType: organisations.type })
    .from(orgMembers)
    .innerJoin(organisations, eq(organisations.id, orgMembers.orgId))
    .where(
      and(eq(orgMembers.orgId, orgId), eq(orgMembers.userId, userId), isNull(orgMembers.leftAt)),
    )
    .then((r) => r[0])
  if (!member || checkOrgPermission(member, 'list:equipment:own'))
    throw new UserError('listings:errors.notYours')
}

/** The listing, locked for the write that follows; a stranger learns nothing more than "not found". */
export async function loadListingForOwner(
  tx: Tx,
  listingId: string,
  userId: string,
): Promise<Listing> {
  const listing = await tx
    .select()
    .from(equipmentListings)
    .where(eq(equipmentListings.id, listingId))
    .for('update')
    .then((r) => r[0])
  if (!listing) throw new UserError('listings:errors.notFound')
  await assertMayList(tx, listing.orgId, userId)
  return listing
}
