// The next seven days of an instrument as a visitor sees them: within each day's opening hours
// (Shanghai time), which stretches are still free and which are taken by live bookings. A
// stretch is taken only when every unit is held, so a lab with two units shows free time while
// one is in use. It tells nothing about who booked.
import type { Tx } from '../../../db/client.server.ts'
import type { equipmentListings } from '../../../db/schema/index.ts'
import { heldBetween, openingOn, type Held } from './reserve-slot.server.ts'
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
