// What a listing shows the public, derived from its stored fields: whether its accreditation
// counts today and the cheapest rate to compare it by. Shared by the search document and the
// detail page, so the badge on a result and the page behind it never disagree.
import type { Accreditation } from './equipment.schema.ts'
import { PriceListSchema, type PriceList } from './price-blocks.schema.ts'

// Shanghai keeps UTC+8 all year, so its local date is a fixed offset away.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/** The Shanghai calendar date of an instant, YYYY-MM-DD. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** A certificate counts through its expiry date (a local date) and not a day longer. */
export function accreditationCurrent(accreditation: Accreditation, at: Date): boolean {
  return accreditation.expiresOn >= shanghaiDate(at)
}

export function isAccredited(accreditations: readonly Accreditation[], at: Date): boolean {
  return accreditations.some((a) => accreditationCurrent(a, at))
}

/** The stored price list, or null when it does not parse (a half-finished draft). */
export function parsePriceList(stored: unknown): PriceList | null {
  const parsed = PriceListSchema.safeParse(stored)
  return parsed.success ? parsed.data : null
}

export type PriceFrom = { priceKind: 'per_hour' | 'per_sample'; priceFen: number }

/**
 * The standard price to compare a listing by: its cheapest hourly rate across the hour,
 * half-day and day blocks (a block's price over its hours, rounded to the fen) when it is
 * booked by time, otherwise its price per sample.
 */
export function priceFrom(list: PriceList | null): PriceFrom | null {
  if (!list) return null
  const { hour, half_day: halfDay, day, sample } = list.blocks
  const hourly = [
    hour?.priceFen,
    halfDay ? Math.round(halfDay.priceFen / halfDay.hours) : undefined,
    day ? Math.round(day.priceFen / day.hours) : undefined,
  ].filter((n): n is number => n !== undefined)
  if (hourly.length > 0) return { priceKind: 'per_hour', priceFen: Math.min(...hourly) }
  if (sample) return { priceKind: 'per_sample', priceFen: sample.priceFen }
  return null
}
