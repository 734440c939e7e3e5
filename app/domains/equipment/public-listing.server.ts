// Loads a listing for its public page: by slug (the public URL) or by id. Who may see it is
// decided here: everyone when it is published by a verified organisation, otherwise only the
// owner organisation's members, who see it as a draft; anyone else is told it does not exist.
import { eq } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { isUuid } from '../../../db/ids.ts'
import { equipmentListings, organisations } from '../../../db/schema/index.ts'
import { membershipOf, type Auth } from '../accounts/auth.server.ts'

export async function loadPublicListing(key: string, auth: Auth | null) {
  const row = await db()
    .select({
      listing: equipmentListings,
      org: {
        id: organisations.id,
        slug: organisations.slug,
        name: organisations.name,
        nameEn: organisations.nameEn,
        status: organisations.status,
      },
    })
    .from(equipmentListings)
    .innerJoin(organisations, eq(organisations.id, equipmentListings.orgId))
    .where(isUuid(key) ? eq(equipmentListings.id, key) : eq(equipmentListings.slug, key))
    .then((r) => r[0])
  if (!row) return null
  const isPublic = row.listing.status === 'published' && row.org.status === 'verified'
  const ownerMember = auth ? membershipOf(auth, row.org.id) !== undefined : false
  if (!isPublic && !ownerMember) return null
  return { ...row, isPublic, ownerMember }
}
