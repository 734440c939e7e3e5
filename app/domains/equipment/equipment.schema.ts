// Vocabularies of instrument listings and their bookings, shared by the database schema, the
// booking use cases and (later) the listing form: one `as const` list each, feeding zod too.
import { z } from 'zod'

export const equipmentCategories = [
  'research',
  'testing_inspection',
  'small_trial',
  'pilot_line',
  'prototyping',
] as const
export type EquipmentCategory = (typeof equipmentCategories)[number]

export const serviceModes = ['self_service', 'operator_run', 'sample_testing'] as const
export type ServiceMode = (typeof serviceModes)[number]

/** 检验检测机构资质认定 (CMA) and 中国合格评定国家认可委员会 (CNAS). */
export const accreditationKinds = ['CMA', 'CNAS'] as const
export type AccreditationKind = (typeof accreditationKinds)[number]

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof weekdays)[number]

/** Opening hours and blackout dates are read in this zone; instants are stored in UTC. */
export const LISTING_TIME_ZONE = 'Asia/Shanghai'

/** How long an instantly booked slot waits for its payment. */
export const INSTANT_PAYMENT_MINUTES = 120

export const SpecSchema = z.object({
  key: z.string().trim().min(1).max(80),
  value: z.string().trim().min(1).max(200),
  unit: z.string().trim().max(20).default(''),
})
export type Spec = z.infer<typeof SpecSchema>

export const AccreditationSchema = z.object({
  kind: z.enum(accreditationKinds),
  certificateNo: z.string().trim().min(1).max(60),
  /** Local date, YYYY-MM-DD. */
  expiresOn: z.iso.date(),
})
export type Accreditation = z.infer<typeof AccreditationSchema>

// "24:00" closes a day that runs to midnight.
const clock = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/)

/** Per weekday, the [from, to) intervals the instrument can be used, in Shanghai local time. */
export const OpeningHoursSchema = z
  .record(z.enum(weekdays), z.array(z.tuple([clock, clock])))
  .refine((hours) => Object.values(hours).every((day) => day.every(([from, to]) => from < to)), {
    error: 'equipment:listing.errors.openingHours',
  })
export type OpeningHours = Partial<Record<Weekday, [string, string][]>>
