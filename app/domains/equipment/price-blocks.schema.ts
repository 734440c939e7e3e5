// An instrument owner's price list: the blocks a booking can be priced in (all in integer fen),
// the limits on a booking, the deposit and the cancellation policy. The listing form validates
// with it and the price engine (pricing.ts) takes its output type, so the two cannot drift.
import { z } from 'zod'

/** The blocks, in the order their lines appear on a quote. */
export const priceBlockKinds = ['day', 'half_day', 'hour', 'sample'] as const
export type PriceBlockKind = (typeof priceBlockKinds)[number]

export const priceGroups = ['standard', 'member'] as const
export type PriceGroup = (typeof priceGroups)[number]

// Anything above ¥10 million per block is a typo, not a price; it also keeps sums of many
// lines far below 2^53.
const MAX_FEN = 1_000_000_000

const fen = (error: string) =>
  z.number({ error }).int({ error }).min(0, { error }).max(MAX_FEN, { error })

const price = {
  priceFen: fen('equipment:prices.errors.priceInvalid'),
  // Members of the owner's own space may pay less; never more, or the "discount" misleads.
  memberPriceFen: fen('equipment:prices.errors.memberPriceInvalid').optional(),
}

const memberNotDearer = (b: { priceFen: number; memberPriceFen?: number | undefined }) =>
  b.memberPriceFen === undefined || b.memberPriceFen <= b.priceFen

const flat = z.object(price).refine(memberNotDearer, {
  error: 'equipment:prices.errors.memberPriceAbovePrice',
  path: ['memberPriceFen'],
})

// Half-day and day blocks last whole hours, so every block is a whole number of the half-hour
// steps bookings are made in.
const timed = (maxHours: number) =>
  z
    .object({
      ...price,
      hours: z
        .number({ error: 'equipment:prices.errors.blockHours' })
        .int({ error: 'equipment:prices.errors.blockHours' })
        .min(1, { error: 'equipment:prices.errors.blockHours' })
        .max(maxHours, { error: 'equipment:prices.errors.blockHours' }),
    })
    .refine(memberNotDearer, {
      error: 'equipment:prices.errors.memberPriceAbovePrice',
      path: ['memberPriceFen'],
    })

/** Hours a booking may last: whole or half hours, up to a month of continuous use. */
export const MAX_BOOKING_HOURS = 24 * 31

const hoursLimit = z
  .number({ error: 'equipment:prices.errors.hoursLimit' })
  .min(0.5, { error: 'equipment:prices.errors.hoursLimit' })
  .max(MAX_BOOKING_HOURS, { error: 'equipment:prices.errors.hoursLimit' })
  .refine((h) => Number.isInteger(h * 2), { error: 'equipment:prices.errors.hoursLimit' })

const samplesLimit = z
  .number({ error: 'equipment:prices.errors.samplesLimit' })
  .int({ error: 'equipment:prices.errors.samplesLimit' })
  .min(1, { error: 'equipment:prices.errors.samplesLimit' })
  .max(100_000, { error: 'equipment:prices.errors.samplesLimit' })

export const CancellationPolicySchema = z.object({
  /** Cancelling at least this many hours before the start costs nothing. */
  freeUntilHours: z
    .number({ error: 'equipment:prices.errors.freeUntilHours' })
    .int({ error: 'equipment:prices.errors.freeUntilHours' })
    .min(0, { error: 'equipment:prices.errors.freeUntilHours' })
    .max(24 * 30, { error: 'equipment:prices.errors.freeUntilHours' }),
  /** The share of the price kept after that, in basis points (2 500 = 25 %). */
  lateFeeBp: z
    .number({ error: 'equipment:prices.errors.lateFee' })
    .int({ error: 'equipment:prices.errors.lateFee' })
    .min(0, { error: 'equipment:prices.errors.lateFee' })
    .max(10_000, { error: 'equipment:prices.errors.lateFee' }),
})
export type CancellationPolicy = z.infer<typeof CancellationPolicySchema>

export const PriceListSchema = z
  .object({
    blocks: z.object({
      hour: flat.optional(),
      half_day: timed(12).optional(),
      day: timed(24).optional(),
      sample: flat.optional(),
    }),
    minHours: hoursLimit.optional(),
    maxHours: hoursLimit.optional(),
    minSamples: samplesLimit.optional(),
    maxSamples: samplesLimit.optional(),
    /** Held against damage and returned after use: its own line, never part of the price. */
    depositFen: fen('equipment:prices.errors.depositInvalid').default(0),
    cancellation: CancellationPolicySchema,
  })
  .superRefine((list, ctx) => {
    const { hour, half_day: halfDay, day, sample } = list.blocks
    if (!hour && !halfDay && !day && !sample)
      ctx.addIssue({
        code: 'custom',
        message: 'equipment:prices.errors.noBlocks',
        path: ['blocks'],
      })
    // A "half day" as long as the day is the same block twice under two names.
    if (halfDay && day && halfDay.hours >= day.hours)
      ctx.addIssue({
        code: 'custom',
        message: 'equipment:prices.errors.halfDayNotShorter',
        path: ['blocks', 'half_day', 'hours'],
      })
    if (list.minHours !== undefined && list.maxHours !== undefined && list.minHours > list.maxHours)
      ctx.addIssue({
        code: 'custom',
        message: 'equipment:prices.errors.minAboveMax',
        path: ['maxHours'],
      })
    if (
      list.minSamples !== undefined &&
      list.maxSamples !== undefined &&
      list.minSamples > list.maxSamples
    )
      ctx.addIssue({
        code: 'custom',
        message: 'equipment:prices.errors.minAboveMax',
        path: ['maxSamples'],
      })
  })
export type PriceList = z.infer<typeof PriceListSchema>
export type PriceListInput = z.input<typeof PriceListSchema>
