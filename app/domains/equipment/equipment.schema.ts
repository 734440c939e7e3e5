// What a stored listing holds beyond its columns (specs, accreditations, opening hours), checked
// by zod; the vocabularies themselves live in equipment-terms.ts.
import { z } from 'zod'
import { accreditationKinds, weekdays, type Weekday } from './equipment-terms.ts'

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
