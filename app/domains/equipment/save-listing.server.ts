// Creates an instrument listing as a draft, or updates one, for its organisation. The form has
// already been parsed (listing-form.schema.ts); here the caller's right to list is checked,
// photos go through the upload service, and the change is audited. A published listing that
// changes is re-indexed so search shows what the owner now says.
import crypto from 'node:crypto'
import { eq } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { equipmentListings } from '../../../db/schema/index.ts'
import { indexLater } from '../../../search/index-later.server.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { UserError } from '../problems.ts'
import { checkUpload, storeUpload, type CheckedFile } from '../uploads/store-upload.server.ts'
import { MAX_BOOKING_HOURS } from './price-blocks.schema.ts'
import { type ListingValues } from './listing-form.schema.ts'
import { MAX_PHOTOS } from './equipment-terms.ts'
import { assertMayList, loadListingForOwner } from './listing-access.server.ts'

type SaveInput = {
  actorUserId: string
  values: ListingValues
  /** New photos, appended after the kept ones. */
  photos?: File[]
  /** Ids of current photos the owner removed. */
  removePhotoIds?: string[]
  ip: string
}

// Bookings are made in half-hour steps; the price list's hour limits become the unit limits
// the slot reservation checks.
const STEP_MINUTES = 30

function columnsOf(values: ListingValues) {
  const list = values.priceList
  return {
    name: values.name,
    category: values.category,
    typeId: values.typeId,
    keywords: values.keywords,
    serviceModes: values.serviceModes,
    manufacturer: values.manufacturer,
    model: values.model,
    specs: values.specs,
    city: values.city,
    address: values.address,
    segments: values.segments,
    accreditations: values.accreditations,
    priceBlocks: list ?? {},
    depositFen: list?.depositFen ?? 0,
    unitMinutes: STEP_MINUTES,
    minUnits: Math.max(1, Math.ceil(((list?.minHours ?? 0.5) * 60) / STEP_MINUTES)),
    maxUnits: Math.ceil(((list?.maxHours ?? MAX_BOOKING_HOURS) * 60) / STEP_MINUTES),
    cancelFreeHours: list?.cancellation.freeUntilHours ?? 24,
    cancelLateFeeBp: list?.cancellation.lateFeeBp ?? 0,
    capacity: values.capacity,
    changeoverMinutes: values.changeoverMinutes,
    leadTimeHours: values.leadTimeHours,
    samplesPerDay: values.samplesPerDay,
    openingHours: values.openingHours,
    blackoutDates: values.blackoutDates,
    instantBooking: values.instantBooking,
    memberPricing: values.memberPricing,
    vouchersAccepted: values.vouchersAccepted,
  }
}

// Files are read and sniffed before the transaction opens, so no lock waits on file I/O.
async function checkPhotos(photos: File[] | undefined): Promise<CheckedFile[]> {
  const real = (photos ?? []).filter((f) => f.size > 0)
  return Promise.all(real.map((f) => checkUpload(f, 'image', 'photos')))
}

function slugFor(): string {
  return `eq-${crypto.randomBytes(5).toString('hex')}`
}

export async function createListing(
  input: SaveInput & { orgId: string },
): Promise<{ id: string; slug: string }> {
  const photos = await checkPhotos(input.photos)
  if (photos.length > MAX_PHOTOS)
    throw new UserError('listings:errors.photosTooMany', 'photos', { max: MAX_PHOTOS })
  return db().transaction(async (tx) => {
    await assertMayList(tx, input.orgId, input.actorUserId)
    const photoUploadIds: string[] = []
    for (const file of photos) {
      const stored = await storeUpload(tx, {
        file,
        purpose: 'image',
        ownerUserId: input.actorUserId,
        ownerOrgId: input.orgId,
      })
      photoUploadIds.push(stored.id)
    }
    const at = now()
    const [row] = await tx
      .insert(equipmentListings)
      .values({
        ...columnsOf(input.values),
        slug: slugFor(),
        orgId: input.orgId,
        createdByUserId: input.actorUserId,
        photoUploadIds,
        status: 'draft',
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: equipmentListings.id, slug: equipmentListings.slug })
    if (!row) throw new Error('listing not created')
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: input.orgId,
      action: 'create-listing',
      entity: 'equipment_listing',
      entityId: row.id,
      ip: input.ip,
    })
    return row
  })
}

export async function updateListing(
  input: SaveInput & { listingId: string },
): Promise<{ id: string; slug: string }> {
  const photos = await checkPhotos(input.photos)
  return db().transaction(async (tx) => {
    const listing = await loadListingForOwner(tx, input.listingId, input.actorUserId)
    const removed = new Set(input.removePhotoIds ?? [])
    const kept = listing.photoUploadIds.filter((id) => !removed.has(id))
    if (kept.length + photos.length > MAX_PHOTOS)
      throw new UserError('listings:errors.photosTooMany', 'photos', { max: MAX_PHOTOS })
    const added: string[] = []
    for (const file of photos) {
      const stored = await storeUpload(tx, {
        file,
        purpose: 'image',
        ownerUserId: input.actorUserId,
        ownerOrgId: listing.orgId,
      })
      added.push(stored.id)
    }
    const at = now()
    await tx
      .update(equipmentListings)
      .set({ ...columnsOf(input.values), photoUploadIds: [...kept, ...added], updatedAt: at })
      .where(eq(equipmentListings.id, listing.id))
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: listing.orgId,
      action: 'update-listing',
      entity: 'equipment_listing',
      entityId: listing.id,
      ip: input.ip,
    })
    if (listing.status === 'published') await indexLater(tx, 'equipment', listing.id)
    return { id: listing.id, slug: listing.slug }
  })
}
