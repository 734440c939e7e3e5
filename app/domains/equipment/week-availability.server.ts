// The next seven days of an instrument as a visitor sees them: within each day's opening hours
// (Shanghai time), which stretches are still free and which are taken by live bookings. A
// stretch is taken only when every unit is held, so a lab with two units shows free time while
// one is in use. It tells nothing about who booked. Below, the booking form's week calendar,
// the samples a lab can still take per day, and the check of one chosen slot.
import { and, eq, gte, inArray, lt } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { equipmentBookings, type equipmentListings } from '../../../db/schema/index.ts'
import { liveBookingStatuses } from './booking.machine.ts'
import { heldBetween, openingOn, slotRefusal, type Held } from './reserve-slot.server.ts'
import { shanghaiDate } from './listing-facts.ts'

type Listing = typeof equipmentListings.$inferSelect

export type Stretch = { from: string; to: string; state: 'free' | 'busy' | 'past' }
export type DayAvailability = {
  /** Local date, YYYY-MM-DD. */
  date: string
  closed: boolean
  blackout: boolean
  stretches: Stretch[]
}

const DAY_MS = 86_400_000
const OFFSET_MS = 8 * 3_600_000

/** HH:MM in Shanghai, with the end of a day read as 24:00 rather than the next day's 00:00. */
function clock(at: number, midnight: number): string {
  const minutes = Math.round((at - midnight) / 60_000)
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

export function dayStretches(
  opening: readonly [number, number][],
  held: readonly Held[],
  capacity: number,
  at: number,
): { from: number; to: number; state: Stretch['state'] }[] {
  const out: { from: number; to: number; state: Stretch['state'] }[] = []
  for (const [open, close] of opening) {
    // Cut the interval at every moment that can change the answer, then judge each piece.
    const cuts = new Set([open, close, Math.min(Math.max(at, open), close)])
    for (const h of held) {
      if (h.from > open && h.from < close) cuts.add(h.from)
      if (h.to > open && h.to < close) cuts.add(h.to)
    }
    const points = [...cuts].sort((a, b) => a - b)
    for (let i = 0; i + 1 < points.length; i++) {
      const from = points[i] ?? 0
      const to = points[i + 1] ?? 0
      if (to <= from) continue
      const units = new Set(held.filter((h) => h.from < to && from < h.to).map((h) => h.unitNo))
      const state = to <= at ? 'past' : units.size >= capacity ? 'busy' : 'free'
      const last = out[out.length - 1]
      if (last && last.state === state && last.to === from) last.to = to
      else out.push({ from, to, state })
    }
  }
  return out
}

export async function weekAvailability(
  tx: Tx,
  listing: Listing,
  at: Date,
  days = 7,
): Promise<DayAvailability[]> {
  const today = shanghaiDate(at)
  const firstMidnight = Date.parse(`${today}T00:00:00Z`) - OFFSET_MS
  const held = await heldBetween(
    tx,
    listing.id,
    new Date(firstMidnight),
    new Date(firstMidnight + days * DAY_MS),
  )
  const blackouts = new Set(listing.blackoutDates)
  return Array.from({ length: days }, (_, d) => {
    const midnight = firstMidnight + d * DAY_MS
    const date = shanghaiDate(new Date(midnight))
    const opening = openingOn(listing, date)
    const blackout = blackouts.has(date)
    const stretches = blackout ? [] : dayStretches(opening, held, listing.capacity, at.getTime())
    return {
      date,
      closed: opening.length === 0,
      blackout,
      stretches: stretches.map((s) => ({
        from: clock(s.from, midnight),
        to: clock(s.to, midnight),
        state: s.state,
      })),
    }
  })
}

// ── the booking form's calendar ─────────────────────────────────────────────────────────
// Week by week (a rolling week from today, up to CALENDAR_WEEKS ahead), in half-hour cells on
// one time axis for the whole week, so a phone and a desktop read the same grid. A cell is
// free while any unit is free in it; whether a longer booking fits one unit is checkSlot's.

/** How many weeks ahead the booking form's calendar reaches. */
export const CALENDAR_WEEKS = 4
const CELL_MS = 30 * 60_000

export type CellState = 'free' | 'busy' | 'closed' | 'past' | 'lead'
export type CalendarDay = {
  /** Local date, YYYY-MM-DD. */
  date: string
  /** Why no time can be chosen on the whole day, if so. */
  reason: 'closed' | 'blackout' | 'leadTime' | null
  /** One state per entry of the week's `times`. */
  cells: CellState[]
  /** Sample testing: how many samples the lab can still take that day; null when not offered. */
  samplesLeft: number | null
}
export type BookingCalendar = {
  week: number
  weeks: number
  /** Start of each half-hour row, HH:MM Shanghai time. */
  times: string[]
  days: CalendarDay[]
}

const midnightOf = (date: string) => Date.parse(`${date}T00:00:00Z`) - OFFSET_MS
const addDays = (date: string, n: number) =>
  shanghaiDate(new Date(midnightOf(date) + n * DAY_MS + 3_600_000))

/** Which week of the calendar (0 = the seven days from today) holds `date`; null if none. */
export function calendarWeekOf(date: string, at: Date): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null
  const days = Math.round((midnightOf(date) - midnightOf(shanghaiDate(at))) / DAY_MS)
  if (!Number.isFinite(days) || days < 0 || days >= CALENDAR_WEEKS * 7) return null
  return Math.floor(days / 7)
}

/**
 * Samples the lab can still take on each date: the listing's samples per day less the samples
 * of live sample-testing bookings whose test day it is. Null for a listing without a daily limit.
 */
export async function samplesLeftOn(
  tx: Tx,
  listing: Listing,
  dates: readonly string[],
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>(dates.map((d) => [d, null]))
  if (listing.samplesPerDay === null || dates.length === 0) return out
  const sorted = [...dates].sort()
  const first = midnightOf(sorted[0] ?? '')
  const last = midnightOf(sorted[sorted.length - 1] ?? '') + DAY_MS
  const rows = await tx
    .select({ startsAt: equipmentBookings.startsAt, sampleCount: equipmentBookings.sampleCount })
    .from(equipmentBookings)
    .where(
      and(
        eq(equipmentBookings.listingId, listing.id),
        eq(equipmentBookings.serviceMode, 'sample_testing'),
        inArray(equipmentBookings.status, [...liveBookingStatuses]),
        gte(equipmentBookings.startsAt, new Date(first)),
        lt(equipmentBookings.startsAt, new Date(last)),
      ),
    )
  const taken = new Map<string, number>()
  for (const r of rows) {
    const day = shanghaiDate(r.startsAt)
    taken.set(day, (taken.get(day) ?? 0) + (r.sampleCount ?? 0))
  }
  for (const d of dates) out.set(d, Math.max(0, listing.samplesPerDay - (taken.get(d) ?? 0)))
  return out
}

/** The booking form's calendar for week `week` (0 = from today), clamped to the horizon. */
export async function bookingCalendar(
  tx: Tx,
  listing: Listing,
  at: Date,
  week: number,
): Promise<BookingCalendar> {
  const w = Math.min(Math.max(Number.isInteger(week) ? week : 0, 0), CALENDAR_WEEKS - 1)
  const firstDate = addDays(shanghaiDate(at), w * 7)
  const dates = Array.from({ length: 7 }, (_, d) => addDays(firstDate, d))
  const first = midnightOf(firstDate)
  const held = await heldBetween(tx, listing.id, new Date(first), new Date(first + 7 * DAY_MS))
  const samples = listing.serviceModes.includes('sample_testing')
    ? await samplesLeftOn(tx, listing, dates)
    : new Map<string, number | null>()
  const blackouts = new Set(listing.blackoutDates)
  const openings = dates.map((date) => openingOn(listing, date))

  // One time axis for the week: from the earliest opening to the latest closing, in half hours.
  const clocks = openings.flatMap((o, d) => {
    const midnight = first + d * DAY_MS
    return o.flatMap(([from, to]) => [from - midnight, to - midnight])
  })
  const axisFrom = clocks.length ? Math.floor(Math.min(...clocks) / CELL_MS) * CELL_MS : 0
  const axisTo = clocks.length ? Math.ceil(Math.max(...clocks) / CELL_MS) * CELL_MS : 0
  const offsets: number[] = []
  for (let t = axisFrom; t < axisTo; t += CELL_MS) offsets.push(t)
  const leadUntil = at.getTime() + listing.leadTimeHours * 3_600_000

  const days = dates.map((date, d): CalendarDay => {
    const midnight = first + d * DAY_MS
    const opening = openings[d] ?? []
    const blackout = blackouts.has(date)
    const cells = offsets.map((offset): CellState => {
      const from = midnight + offset
      const to = from + CELL_MS
      if (blackout || !opening.some(([o, c]) => o <= from && to <= c)) return 'closed'
      if (from < at.getTime()) return 'past'
      if (from < leadUntil) return 'lead'
      const units = new Set(held.filter((h) => h.from < to && from < h.to).map((h) => h.unitNo))
      return units.size >= listing.capacity ? 'busy' : 'free'
    })
    const samplesLeft = samples.get(date) ?? null
    const open = cells.filter((c) => c !== 'closed')
    const reason: CalendarDay['reason'] = blackout
      ? 'blackout'
      : opening.length === 0
        ? 'closed'
        : open.length > 0 && open.every((c) => c === 'past' || c === 'lead')
          ? 'leadTime'
          : null
    return { date, reason, cells, samplesLeft }
  })
  return {
    week: w,
    weeks: CALENDAR_WEEKS,
    times: offsets.map((o) => clock(first + o, first)),
    days,
  }
}

/**
 * Why [startsAt, endsAt) cannot be booked now, as a message key, or null when the listing's
 * rules allow it and one unit is free for all of it (its changeover included), as reserveSlot
 * will find. Advisory: the database decides at booking time.
 */
export async function checkSlot(
  tx: Tx,
  listing: Listing,
  startsAt: Date,
  endsAt: Date,
  at: Date,
): Promise<string | null> {
  const refusal = slotRefusal(listing, startsAt, endsAt, at)
  if (refusal) return refusal
  const end = endsAt.getTime() + listing.changeoverMinutes * 60_000
  const held = await heldBetween(tx, listing.id, startsAt, new Date(end))
  for (let unit = 1; unit <= listing.capacity; unit++) {
    if (!held.some((h) => h.unitNo === unit && h.from < end && startsAt.getTime() < h.to))
      return null
  }
  return 'booking-form:conflict.busy'
}
