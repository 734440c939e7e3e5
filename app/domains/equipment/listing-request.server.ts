// Reading the listing form off a request (multipart, because of photos) and turning a stored
// listing back into the form's values, for the new and edit routes.
import { fileTooLarge, filesOf, readMultipart } from '../uploads/multipart.server.ts'
import { uploadPurposes } from '../uploads/uploads.schema.ts'
import { weekdays } from './equipment-terms.ts'
import { priceListToForm } from './listing-form.schema.ts'
import type { Listing } from './listing-access.server.ts'

/** The form data, or null when a photo is larger than an image may be. */
export const readListingForm = (request: Request) =>
  readMultipart(request, uploadPurposes.image.maxBytes)

export const photoTooLarge = fileTooLarge('photos', uploadPurposes.image.maxBytes)

export const photosOf = (formData: FormData) => filesOf(formData, 'photos')

const s = (v: number | null | undefined) => (v === null || v === undefined ? undefined : String(v))

export function listingDefaults(l: Listing) {
  const prices = Object.fromEntries(
    Object.entries(priceListToForm(l.priceBlocks)).map(([k, v]) => [
      k,
      v === undefined ? v : String(v),
    ]),
  )
  return {
    name: l.name,
    category: l.category,
    // The picker shows the chosen type in the reader's language (type-picker.tsx).
    typeId: l.typeId ?? undefined,
    keywords: l.keywords.join('、'),
    serviceModes: l.serviceModes,
    manufacturer: l.manufacturer,
    model: l.model,
    specs: l.specs.map((sp) => ({ key: sp.key, value: sp.value, unit: sp.unit })),
    city: l.city,
    address: l.address,
    segments: l.segments,
    accreditations: Object.fromEntries(
      l.accreditations.map((a) => [
        a.kind,
        { certificateNo: a.certificateNo, expiresOn: a.expiresOn },
      ]),
    ),
    ...prices,
    capacity: s(l.capacity),
    changeoverMinutes: s(l.changeoverMinutes),
    leadTimeHours: s(l.leadTimeHours),
    samplesPerDay: s(l.samplesPerDay),
    hours: Object.fromEntries(
      weekdays.map((d) => {
        const first = l.openingHours[d]?.[0]
        return [
          d,
          {
            open: first ? 'on' : undefined,
            from: first?.[0] ?? '09:00',
            to: first?.[1] ?? '17:00',
          },
        ]
      }),
    ),
    blackoutDates: l.blackoutDates.join(', '),
    bookingMode: l.instantBooking ? 'instant' : 'request',
    memberPricing: l.memberPricing ? 'on' : undefined,
    vouchersAccepted: l.vouchersAccepted ? 'on' : undefined,
  }
}
