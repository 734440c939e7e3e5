// Utilisation of an instrument: booked hours ÷ open hours over a window. Pure arithmetic on
// UTC instants (ms), so the owner's dashboard and the tests share one definition of the figure.

/** A half-open interval [from, to) of UTC instants in ms. */
export type Interval = readonly [number, number]

const HOUR = 3_600_000
const SHANGHAI_OFFSET = 8 * HOUR
const DAY = 24 * HOUR

export type Utilisation = {
  /** Booked time inside the window, summed over all units. */
  bookedHours: number
  /** Open time inside the window, times the number of units. */
  openHours: number
  /** bookedHours ÷ openHours; null when the instrument was never open in the window. */
  ratio: number | null
}

function clippedLength([from, to]: Interval, windowStart: number, windowEnd: number): number {
  return Math.max(0, Math.min(to, windowEnd) - Math.max(from, windowStart))
}

/**
 * Booked hours (each booking clipped to the window; bookings on different units add up) over
 * open hours (each opening interval clipped to the window, times capacity).
 */
export function utilisation(input: {
  bookings: readonly Interval[]
  openIntervals: readonly Interval[]
  windowStart: number
  windowEnd: number
  capacity: number
}): Utilisation {
  const { windowStart, windowEnd } = input
  const capacity = Math.max(1, Math.floor(input.capacity))
  const bookedMs = input.bookings.reduce(
    (sum, b) => sum + clippedLength(b, windowStart, windowEnd),
    0,
  )
  const openMs =
    input.openIntervals.reduce((sum, o) => sum + clippedLength(o, windowStart, windowEnd), 0) *
    capacity
  return {
    bookedHours: bookedMs / HOUR,
    openHours: openMs / HOUR,
    ratio: openMs > 0 ? bookedMs / openMs : null,
  }
}

/** The Shanghai local dates (YYYY-MM-DD) that [windowStart, windowEnd) touches, in order. */
export function localDatesBetween(windowStart: number, windowEnd: number): string[] {
  const dates: string[] = []
  const first = Date.parse(`${localDate(windowStart)}T00:00:00Z`)
  const last = Date.parse(`${localDate(windowEnd - 1)}T00:00:00Z`)
  for (let d = first; d <= last; d += DAY) dates.push(new Date(d).toISOString().slice(0, 10))
  return dates
}

export const localDate = (at: number) => new Date(at + SHANGHAI_OFFSET).toISOString().slice(0, 10)

/** Local midnight of a Shanghai date, as a UTC instant. */
export const localMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET

/**
 * The opening intervals of the given local dates, blackout dates left out. `openingOf` gives a
 * date's intervals (the listing's weekly hours, see `openingOn`).
 */
export function openIntervalsOf(
  dates: readonly string[],
  blackoutDates: readonly string[],
  openingOf: (date: string) => readonly Interval[],
): Interval[] {
  const blackouts = new Set(blackoutDates)
  return dates.filter((d) => !blackouts.has(d)).flatMap((d) => openingOf(d))
}
