// The booking form's fields, shared by Conform in the browser and the action on the server.
// Times are Shanghai wall-clock times; the server turns them into instants. No price is here on
// purpose: the price is always computed on the server from the listing.
import { z } from 'zod'
import { serviceModes } from './equipment-terms.ts'

const date = z
  .string({ error: 'bookings:errors.date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'bookings:errors.date' })
const purpose = z
  .string({ error: 'bookings:errors.purpose' })
  .trim()
  .min(2, { error: 'bookings:errors.purpose' })
  .max(1000, { error: 'bookings:errors.purpose' })
/** Yuan as typed ("1200.50"), or nothing: no voucher. Turned into fen by the server. */
const voucherYuan = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, { error: 'bookings:errors.voucherAmount' })
  .optional()

/** Time on the instrument: run by the booker (after training) or by the lab's operator. */
const TimeBooking = z.object({
  serviceMode: z.enum(['self_service', 'operator_run'], { error: 'bookings:errors.serviceMode' }),
  date,
  startTime: z
    .string({ error: 'bookings:errors.startTime' })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'bookings:errors.startTime' }),
  hours: z
    .number({ error: 'bookings:errors.hours' })
    .min(0.5, { error: 'bookings:errors.hours' })
    .max(24 * 31, { error: 'bookings:errors.hours' })
    .refine((h) => Number.isInteger(h * 2), { error: 'bookings:errors.hours' }),
  purpose,
  voucherId: z.string().uuid().optional(),
  voucherYuan,
})

/** Samples sent in for testing: counted against the listing's samples per day, not by time. */
const SampleBooking = z.object({
  serviceMode: z.literal('sample_testing'),
  /** The day the samples are tested (they must arrive by then). */
  date,
  sampleCount: z
    .number({ error: 'bookings:errors.sampleCount' })
    .int({ error: 'bookings:errors.sampleCount' })
    .min(1, { error: 'bookings:errors.sampleCount' })
    .max(1000, { error: 'bookings:errors.sampleCount' }),
  sampleDescription: z
    .string({ error: 'bookings:errors.sampleDescription' })
    .trim()
    .min(2, { error: 'bookings:errors.sampleDescription' })
    .max(2000, { error: 'bookings:errors.sampleDescription' }),
  shippingDetails: z
    .string({ error: 'bookings:errors.shippingDetails' })
    .trim()
    .min(2, { error: 'bookings:errors.shippingDetails' })
    .max(1000, { error: 'bookings:errors.shippingDetails' }),
  purpose,
  voucherId: z.string().uuid().optional(),
  voucherYuan,
})

export const BookingRequestSchema = z.discriminatedUnion('serviceMode', [
  TimeBooking,
  SampleBooking,
])
export type BookingRequest = z.infer<typeof BookingRequestSchema>
export type TimeBookingRequest = z.infer<typeof TimeBooking>
export type SampleBookingRequest = z.infer<typeof SampleBooking>
export const bookingServiceModes = serviceModes

const reason = z
  .string({ error: 'bookings:errors.reason' })
  .trim()
  .min(2, { error: 'bookings:errors.reason' })
  .max(500, { error: 'bookings:errors.reason' })

/** What the booking page's forms ask for: one intent per button, each owned by one side. */
export const BookingActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve') }),
  z.object({ intent: z.literal('decline'), reason }),
  z.object({ intent: z.literal('cancel'), reason: z.string().trim().max(500).optional() }),
  z.object({ intent: z.literal('start') }),
  z.object({ intent: z.literal('no-show') }),
  z.object({
    intent: z.literal('complete'),
    /** Deposit kept for damage, in yuan; empty: all of it goes back. */
    keptYuan: z
      .string()
      .trim()
      .regex(/^\d{1,9}(\.\d{1,2})?$/, { error: 'bookings:errors.keptAmount' })
      .optional(),
    claimReason: z.string().trim().max(2000).optional(),
  }),
  z.object({ intent: z.literal('report') }),
  z.object({ intent: z.literal('retest'), reason }),
  z.object({ intent: z.literal('accept-claim') }),
  z.object({ intent: z.literal('dispute-claim'), reason }),
])
export type BookingAction = z.infer<typeof BookingActionSchema>

/** The instant a Shanghai date and wall-clock time name (UTC+8, no daylight saving). */
export function shanghaiInstant(date: string, hhmm: string): Date {
  return new Date(`${date}T${hhmm}:00+08:00`)
}
