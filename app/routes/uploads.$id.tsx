// Serves an uploaded file to those allowed: anyone for a photo of a published listing or a public
// attachment of a published challenge, else its
// owner, members of the organisation it belongs to, the booker of a test report, and admins who read documents. Never as HTML or script: the type is the one detected at
// upload, sniffing is off and the response is sandboxed.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { and, eq, sql } from 'drizzle-orm'
import { db } from '../../db/client.server.ts'
import { isUuid } from '../../db/ids.ts'
import { equipmentListings, organisations, uploads } from '../../db/schema/index.ts'
import { membershipOf, requireAuth } from '~/domains/accounts/auth.server.ts'
import { adminRolesAllow } from '~/domains/accounts/permissions.ts'
import { canReadAttachment } from '~/domains/notifications/threads.server.ts'
import { canReadBidAttachment } from '~/domains/challenges/bids.server.ts'
import { canReadChallengeUpload } from '~/domains/challenges/challenge-queries.server.ts'
import { canReadDeliverable } from '~/domains/challenges/delivery.server.ts'
import { canReadReport } from '~/domains/equipment/booking-progress.server.ts'
import { canReadFapiao } from '~/domains/payments/fapiao-queries.server.ts'
import { isPublicStartupLogo } from '~/domains/deals/startup-profile.server.ts'
import { canReadPitchDeck } from '~/domains/deals/campaign-view.server.ts'
import { getStorage } from '~/domains/uploads/storage.server.ts'

/** An image shown on a published listing of a verified organisation is public, like the page. */
async function isPublicListingPhoto(uploadId: string): Promise<boolean> {
  const [hit] = await db()
    .select({ id: equipmentListings.id })
    .from(equipmentListings)
    .innerJoin(organisations, eq(organisations.id, equipmentListings.orgId))
    .where(
      and(
        eq(equipmentListings.status, 'published'),
        eq(organisations.status, 'verified'),
        sql`${uploadId}::uuid = any(${equipmentListings.photoUploadIds})`,
      ),
    )
    .limit(1)
  return hit !== undefined
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.id ?? ''
  if (!isUuid(id)) {
    await requireAuth(request)
    throw new Response('not found', { status: 404 })
  }
  const row = await db()
    .select()
    .from(uploads)
    .where(eq(uploads.id, id))
    .then((r) => r[0])
  // A listing's photo, or a public attachment of a published challenge, is public like its page.
  const isPublic =
    row !== undefined &&
    ((row.purpose === 'image' && (await isPublicListingPhoto(row.id))) ||
      (await canReadChallengeUpload(null, row.id)) ||
      // A campaign's pitch deck goes with its teaser, when teasers are public.
      (row.purpose === 'pitch-deck' && (await canReadPitchDeck(null, row.id))) ||
      // A verified startup's logo, shown on its public profile page.
      (row.purpose === 'startup-logo' && (await isPublicStartupLogo(row.id))))
  if (row && isPublic) return serve(row, 'public, max-age=300')
  // Everything else needs a signed-in reader, even to learn that it does not exist.
  const auth = await requireAuth(request)
  if (!row) throw new Response('not found', { status: 404 })
  // A data room document has no rule here but its startup's own people: investors read it only
  // through the campaign's document route, which checks the NDA and logs the download.
  if (row.purpose === 'campaign-data-room') {
    if (row.ownerOrgId === null || membershipOf(auth, row.ownerOrgId) === undefined)
      throw new Response('not found', { status: 404 })
    return serve(row, 'private, no-store')
  }
  // A campaign's closing documents (signed agreement, 工商变更): its startup's people and the
  // admins who verify campaigns, nobody else.
  if (row.purpose === 'campaign-closing') {
    const member = row.ownerOrgId !== null && membershipOf(auth, row.ownerOrgId) !== undefined
    if (!member && !adminRolesAllow(auth.adminRoles, 'verify:campaign:any'))
      throw new Response('not found', { status: 404 })
    return serve(row, 'private, no-store')
  }
  const allowed =
    row.ownerUserId === auth.user.id ||
    // A test report is a customer's result: not for every member of the lab, only as below.
    (row.purpose !== 'test-report' &&
      row.ownerOrgId !== null &&
      membershipOf(auth, row.ownerOrgId) !== undefined) ||
    adminRolesAllow(auth.adminRoles, 'view:document:any') ||
    // A message attachment is for every participant of its thread.
    (row.purpose === 'attachment' && (await canReadAttachment(auth.user.id, row.id))) ||
    // A challenge's confidential attachment, for its poster and those who accepted its NDA.
    (await canReadChallengeUpload(auth.user.id, row.id)) ||
    // A milestone's deliverable is for the two parties of the award.
    (row.purpose === 'attachment' && (await canReadDeliverable(auth.user.id, row.id))) ||
    // A bid's attachment is for the bidder and the posting organisation, never other bidders.
    (row.purpose === 'attachment' && (await canReadBidAttachment(auth.user.id, row.id))) ||
    // An issued 发票 is for the side that asked for it and the side that issued it.
    (row.purpose === 'fapiao' && (await canReadFapiao(auth.user.id, row.id))) ||
    // A test report is for the booker and the lab's owners and admins.
    (row.purpose === 'test-report' && (await canReadReport(auth.user.id, row.id))) ||
    // A pitch deck for whoever sees the campaign's teaser (investors-only deployments).
    (row.purpose === 'pitch-deck' && (await canReadPitchDeck(auth, row.id)))
  // Not 403: whoever may not read a file should not learn that it exists either.
  if (!allowed) throw new Response('not found', { status: 404 })
  return serve(row, 'private, no-store')
}

async function serve(row: typeof uploads.$inferSelect, cacheControl: string): Promise<Response> {
  const bytes = await (await getStorage()).get(row.storageKey)
  if (!bytes) throw new Response('not found', { status: 404 })
  const inline = row.mime.startsWith('image/') || row.mime === 'application/pdf'
  const filename = encodeURIComponent(`${row.id}.${row.ext}`)
  return new Response(Buffer.from(bytes), {
    headers: {
      'Content-Type': row.mime,
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${filename}"`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy':
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      'Cache-Control': cacheControl,
    },
  })
}
