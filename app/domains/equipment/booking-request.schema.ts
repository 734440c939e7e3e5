// The booking form's fields, shared by Conform in the browser and the action on the server.
// Times are Shanghai wall-clock times; the server turns them into instants. No price is here on
// purpose: the price is always computed on the server from the listing.
import { z } from 'zod'

export const BookingRequestSchema = z.object({
  date: z
    .string({ error: 'bookings:errors.date' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'bookings:errors.date' }),
  startTime: z
    .string({ error: 'bookings:errors.startTime' })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'bookings:errors.startTime' }),
  hours: z
    .number({ error: 'bookings:errors.hours' })
    .min(0.5, { error: 'bookings:errors.hours' })
    .max(24 * 31, { error: 'bookings:errors.hours' })
    .refine((h) => Number.isInteger(h * 2), { error: 'bookings:errors.hours' }),
  purpose: z
    .string({ error: 'bookings:errors.purpose' })
    .trim()
    .min(2, { error: 'bookings:errors.purpose' })
    .max(1000, { error: 'bookings:errors.purpose' }),
})
export type BookingRequest = z.infer<typeof BookingRequestSchema>

export const DecideBookingSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve') }),
  z.object({
    intent: z.literal('decline'),
    reason: z
      .string({ error: 'bookings:errors.reason' })
      .trim()
      .min(2, { error: 'bookings:errors.reason' })
      .max(500, { error: 'bookings:errors.reason' }),
  }),
  z.object({
    intent: z.literal('cancel'),
    reason: z.string().trim().max(500).optional(),
  }),
])

/** The instant a Shanghai date and wall-clock time name (UTC+8, no daylight saving). */
export function shanghaiInstant(date: string, hhmm: string): Date {
  return new Date(`${date}T${hhmm}:00+08:00`)
}
