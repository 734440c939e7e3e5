// The utilisation figure: bookings and opening hours clipped to the window, blackout days
// closed, identical units multiplying the open time, and no figure when nothing was open.
import { describe, expect, it } from 'vitest'
import {
  localDatesBetween,
  localMidnight,
  openIntervalsOf,
  utilisation,
  type Interval,
} from './utilisation.ts'

const HOUR = 3_600_000
/** 09:00–18:00 Shanghai time on every date. */
const officeHours = (date: string): Interval[] => [
  [localMidnight(date) + 9 * HOUR, localMidnight(date) + 18 * HOUR],
]
const at = (date: string, hour: number) => localMidnight(date) + hour * HOUR

describe('utilisation', () => {
  it('clips bookings and opening hours at the window edges', () => {
    // Window: 1 Sep 12:00 to 3 Sep 12:00 local. Open: 6 h on the 1st, 9 h on the 2nd, 3 h on the 3rd.
    const windowStart = at('2026-09-01', 12)
    const windowEnd = at('2026-09-03', 12)
    const dates = localDatesBetween(windowStart, windowEnd)
    expect(dates).toEqual(['2026-09-01', '2026-09-02', '2026-09-03'])
    const result = utilisation({
      bookings: [
        [at('2026-09-01', 10), at('2026-09-01', 14)], // 2 h inside
        [at('2026-09-02', 9), at('2026-09-02', 12)], // 3 h inside
        [at('2026-09-03', 11), at('2026-09-03', 15)], // 1 h inside
        [at('2026-08-31', 9), at('2026-08-31', 12)], // wholly before
      ],
      openIntervals: openIntervalsOf(dates, [], officeHours),
      windowStart,
      windowEnd,
      capacity: 1,
    })
    expect(result.bookedHours).toBe(6)
    expect(result.openHours).toBe(18)
    expect(result.ratio).toBeCloseTo(6 / 18, 10)
  })

  it('leaves blackout days out of the open hours', () => {
    const windowStart = localMidnight('2026-09-01')
    const windowEnd = localMidnight('2026-09-08')
    const dates = localDatesBetween(windowStart, windowEnd)
    expect(dates).toHaveLength(7)
    const open = openIntervalsOf(dates, ['2026-09-02', '2026-09-05'], officeHours)
    expect(open).toHaveLength(5)
    const result = utilisation({
      bookings: [[at('2026-09-01', 9), at('2026-09-01', 18)]],
      openIntervals: open,
      windowStart,
      windowEnd,
      capacity: 1,
    })
    expect(result.openHours).toBe(45)
    expect(result.bookedHours).toBe(9)
    expect(result.ratio).toBe(0.2)
  })

  it('multiplies open hours by capacity while bookings on different units add up', () => {
    const windowStart = localMidnight('2026-09-01')
    const windowEnd = localMidnight('2026-09-02')
    const slot: Interval = [at('2026-09-01', 9), at('2026-09-01', 18)]
    const result = utilisation({
      // Two of three units busy all day, a third for 3 hours.
      bookings: [slot, slot, [at('2026-09-01', 9), at('2026-09-01', 12)]],
      openIntervals: openIntervalsOf(['2026-09-01'], [], officeHours),
      windowStart,
      windowEnd,
      capacity: 3,
    })
    expect(result.openHours).toBe(27)
    expect(result.bookedHours).toBe(21)
    expect(result.ratio).toBeCloseTo(21 / 27, 10)
  })

  it('gives no ratio when the instrument was never open', () => {
    const windowStart = localMidnight('2026-09-01')
    const windowEnd = localMidnight('2026-09-03')
    const result = utilisation({
      bookings: [[at('2026-09-01', 9), at('2026-09-01', 10)]],
      openIntervals: openIntervalsOf(
        ['2026-09-01', '2026-09-02'],
        ['2026-09-01', '2026-09-02'],
        officeHours,
      ),
      windowStart,
      windowEnd,
      capacity: 2,
    })
    expect(result.openHours).toBe(0)
    expect(result.bookedHours).toBe(1)
    expect(result.ratio).toBeNull()
  })
})
