// The booking price engine over worked examples and random price lists: the cover it picks is
// the cheapest (checked against brute force), covers the booking, and its price is its lines.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lineAmount } from '../payments/money.ts'
import { UserError } from '../problems.ts'
import { PriceListSchema, type PriceList } from './price-blocks.schema.ts'
import { cancellationFee, quoteBooking } from './pricing.ts'

function priceList(over: Partial<PriceList> & Pick<PriceList, 'blocks'>): PriceList {
  return { depositFen: 0, cancellation: { freeUntilHours: 24, lateFeeBp: 5000 }, ...over }
}

function refused(run: () => unknown): UserError {
  try {
    run()
  } catch (e) {
    if (e instanceof UserError) return e
    throw e
  }
  throw new Error('not refused')
}
const refusal = (run: () => unknown) => refused(run).messageKey

// ¥300 an hour, ¥1 000 a half day of 4 hours, ¥1 600 a day of 8 hours.
const lab = priceList({
  blocks: {
    hour: { priceFen: 30_000 },
    half_day: { hours: 4, priceFen: 100_000 },
    day: { hours: 8, priceFen: 160_000 },
  },
})

describe('quoting a booking by time', () => {
  it('prices 5 hours as a half day and an hour, the cheapest mix', () => {
    const quote = quoteBooking(lab, { durationMinutes: 5 * 60 })
    expect(quote.priceFen).toBe(130_000)
    expect(quote.lines).toEqual([
      {
        label: '半天（4 小时）',
        block: 'half_day',
        quantity: 1,
        unitFen: 100_000,
        amountFen: 100_000,
      },
      { label: '机时（按小时）', block: 'hour', quantity: 1, unitFen: 30_000, amountFen: 30_000 },
    ])
    expect(quote.priceGroup).toBe('standard')
  })

  it('takes a longer block that over-covers when it is cheaper than exact cover', () => {
    // 7 hours: 7 × 300 = 2 100, half day + 3 hours = 1 900, a day = 1 600.
    expect(quoteBooking(lab, { durationMinutes: 7 * 60 }).lines).toEqual([
      { label: '整天（8 小时）', block: 'day', quantity: 1, unitFen: 160_000, amountFen: 160_000 },
    ])
    // Without an hourly rate, 5 hours can only be over-covered: two half days beat a day here.
    const noHours = priceList({
      blocks: { half_day: { hours: 4, priceFen: 70_000 }, day: { hours: 8, priceFen: 150_000 } },
    })
    const quote = quoteBooking(noHours, { durationMinutes: 5 * 60 })
    expect(quote.priceFen).toBe(140_000)
    expect(quote.lines.map((l) => [l.block, l.quantity])).toEqual([['half_day', 2]])
  })

  it('prefers fewer lines when two mixes cost the same', () => {
    // 5 hours: half day + hour = 1 200 + 400 = 1 600 = one day (hours alone: 2 000).
    const tie = priceList({
      blocks: {
        hour: { priceFen: 40_000 },
        half_day: { hours: 4, priceFen: 120_000 },
        day: { hours: 8, priceFen: 160_000 },
      },
    })
    const quote = quoteBooking(tie, { durationMinutes: 300 })
    expect(quote.priceFen).toBe(160_000)
    expect(quote.lines.map((l) => l.block)).toEqual(['day'])
  })

  it('charges an hour-only listing by the half hour, rounded half-up to the fen', () => {
    const hourly = priceList({ blocks: { hour: { priceFen: 33_333 } } })
    const quote = quoteBooking(hourly, { durationMinutes: 90 })
    expect(quote.lines).toEqual([
      { label: '机时（按小时）', block: 'hour', quantity: 1.5, unitFen: 33_333, amountFen: 50_000 },
    ])
    expect(quote.priceFen).toBe(50_000)
    expect(quoteBooking(hourly, { durationMinutes: 180 }).priceFen).toBe(99_999)
  })

  it('refuses durations that are not whole or half hours', () => {
    for (const minutes of [0, -30, 45, 61, 90.5, Number.NaN])
      expect(refusal(() => quoteBooking(lab, { durationMinutes: minutes }))).toBe(
        'equipment:prices.errors.durationStep',
      )
  })

  it('enforces the minimum and maximum hours', () => {
    const limited = { ...lab, minHours: 2, maxHours: 10 }
    expect(refusal(() => quoteBooking(limited, { durationMinutes: 90 }))).toBe(
      'equipment:prices.errors.belowMinHours',
    )
    expect(refusal(() => quoteBooking(limited, { durationMinutes: 630 }))).toBe(
      'equipment:prices.errors.aboveMaxHours',
    )
    expect(quoteBooking(limited, { durationMinutes: 120 }).priceFen).toBe(60_000)
    expect(quoteBooking(limited, { durationMinutes: 600 }).priceFen).toBe(220_000)
    expect(refused(() => quoteBooking(limited, { durationMinutes: 90 }))).toMatchObject({
      field: 'durationMinutes',
      values: { min: 2 },
    })
  })

  it('uses member prices for members where the owner set them, and says so on the line', () => {
    const withMember = priceList({
      blocks: {
        hour: { priceFen: 50_000 },
        half_day: { hours: 4, priceFen: 100_000, memberPriceFen: 40_000 },
      },
    })
    // Standard: 5 hours = half day + hour = 1 500. Member: two half days (800) beat 400 + 500.
    expect(quoteBooking(withMember, { durationMinutes: 300 }).priceFen).toBe(150_000)
    const member = quoteBooking(withMember, { durationMinutes: 300 }, 'member')
    expect(member.priceGroup).toBe('member')
    expect(member.priceFen).toBe(80_000)
    expect(member.lines).toEqual([
      {
        label: '半天（4 小时，会员价）',
        block: 'half_day',
        quantity: 2,
        unitFen: 40_000,
        amountFen: 80_000,
      },
    ])
    // No member price on the hourly block: members pay the standard rate, labelled plainly.
    expect(quoteBooking(withMember, { durationMinutes: 30 }, 'member').lines[0]).toMatchObject({
      label: '机时（按小时）',
      unitFen: 50_000,
    })
  })

  it('keeps the deposit out of the priced lines', () => {
    const quote = quoteBooking({ ...lab, depositFen: 500_000 }, { durationMinutes: 300 })
    expect(quote.priceFen).toBe(130_000)
    expect(quote.depositFen).toBe(500_000)
    expect(quote.depositLine).toEqual({
      label: '押金（用后退还）',
      quantity: 1,
      unitFen: 500_000,
      amountFen: 500_000,
    })
    expect(quote.lines.some((l) => l.amountFen === 500_000)).toBe(false)
    expect(quoteBooking(lab, { durationMinutes: 60 }).depositLine).toBeNull()
  })

  it('refuses time on a sample-only listing and samples on a time-only one', () => {
    const samplesOnly = priceList({ blocks: { sample: { priceFen: 8_000 } } })
    expect(refusal(() => quoteBooking(samplesOnly, { durationMinutes: 60 }))).toBe(
      'equipment:prices.errors.notBookableByTime',
    )
    expect(refusal(() => quoteBooking(lab, { samples: 3 }))).toBe(
      'equipment:prices.errors.notBookableBySample',
    )
  })
})

describe('quoting sample testing', () => {
  const testing = priceList({
    blocks: { sample: { priceFen: 8_000, memberPriceFen: 6_500 } },
    minSamples: 3,
    maxSamples: 50,
    depositFen: 0,
  })

  it('prices per sample, with the member price for members', () => {
    expect(quoteBooking(testing, { samples: 12 })).toEqual({
      lines: [
        {
          label: '样品检测（每个样品）',
          block: 'sample',
          quantity: 12,
          unitFen: 8_000,
          amountFen: 96_000,
        },
      ],
      priceFen: 96_000,
      depositFen: 0,
      depositLine: null,
      priceGroup: 'standard',
    })
    expect(quoteBooking(testing, { samples: 12 }, 'member').priceFen).toBe(78_000)
  })

  it('enforces the minimum and maximum samples', () => {
    expect(refusal(() => quoteBooking(testing, { samples: 2 }))).toBe(
      'equipment:prices.errors.belowMinSamples',
    )
    expect(refusal(() => quoteBooking(testing, { samples: 51 }))).toBe(
      'equipment:prices.errors.aboveMaxSamples',
    )
    expect(refusal(() => quoteBooking(testing, { samples: 2.5 }))).toBe(
      'equipment:prices.errors.samplesInvalid',
    )
    expect(quoteBooking(testing, { samples: 3 }).priceFen).toBe(24_000)
    expect(quoteBooking(testing, { samples: 50 }).priceFen).toBe(400_000)
  })
})

// ── properties ─────────────────────────────────────────────────────────────────────────────

// Round prices as well as arbitrary ones, so that ties between mixes come up often.
const fen = fc.oneof(
  fc.integer({ min: 0, max: 2_000_000 }),
  fc.integer({ min: 0, max: 8 }).map((n) => n * 10_000),
)
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
const randomList = fc
  .record({
    hour: maybe(fc.record({ priceFen: fen })),
    half_day: maybe(fc.record({ hours: fc.integer({ min: 1, max: 12 }), priceFen: fen })),
    day: maybe(fc.record({ hours: fc.integer({ min: 1, max: 24 }), priceFen: fen })),
  })
  .filter((b) => b.hour !== undefined || b.half_day !== undefined || b.day !== undefined)
  .map((blocks) => priceList({ blocks }))
const halfHours = fc.integer({ min: 1, max: 96 })

type Kind = 'day' | 'half_day' | 'hour'
const lengthInSteps = (list: PriceList, kind: Kind) =>
  kind === 'hour' ? 1 : (list.blocks[kind]?.hours ?? 0) * 2
const amount = (list: PriceList, kind: Kind, uses: number) =>
  lineAmount(kind === 'hour' ? uses / 2 : uses, list.blocks[kind]?.priceFen ?? 0)

/** Every count of days and half days, with hours filling the rest: the best price and lines. */
function bruteForce(list: PriceList, steps: number): { priceFen: number; lines: number } {
  const { day, half_day: halfDay, hour } = list.blocks
  const dayMax = day ? Math.ceil(steps / (day.hours * 2)) : 0
  const halfMax = halfDay ? Math.ceil(steps / (halfDay.hours * 2)) : 0
  let best = { priceFen: Infinity, lines: Infinity }
  for (let d = 0; d <= dayMax; d++)
    for (let h = 0; h <= halfMax; h++) {
      const left = Math.max(
        0,
        steps - d * lengthInSteps(list, 'day') - h * lengthInSteps(list, 'half_day'),
      )
      if (left > 0 && !hour) continue
      const priceFen =
        amount(list, 'day', d) + amount(list, 'half_day', h) + amount(list, 'hour', left)
      const lines = [d, h, left].filter((n) => n > 0).length
      if (priceFen < best.priceFen || (priceFen === best.priceFen && lines < best.lines))
        best = { priceFen, lines }
    }
  return best
}

describe('the cheapest cover, over random price lists', () => {
  it('covers the booking, and its price is the sum of its lines', () => {
    fc.assert(
      fc.property(
        randomList,
        halfHours,
        fc.constantFrom('standard', 'member'),
        (list, steps, group) => {
          const quote = quoteBooking(list, { durationMinutes: steps * 30 }, group)
          const covered = quote.lines.reduce(
            (sum, l) =>
              sum +
              (l.block === 'day' || l.block === 'half_day'
                ? l.quantity * lengthInSteps(list, l.block)
                : l.quantity * 2),
            0,
          )
          expect(covered).toBeGreaterThanOrEqual(steps)
          expect(quote.priceFen).toBe(quote.lines.reduce((sum, l) => sum + l.amountFen, 0))
          for (const l of quote.lines) expect(l.amountFen).toBe(lineAmount(l.quantity, l.unitFen))
          // One line per kind of block, at most.
          expect(new Set(quote.lines.map((l) => l.block)).size).toBe(quote.lines.length)
        },
      ),
    )
  })

  it('is never dearer than using any one kind of block alone', () => {
    fc.assert(
      fc.property(randomList, halfHours, (list, steps) => {
        const { priceFen } = quoteBooking(list, { durationMinutes: steps * 30 })
        for (const kind of ['day', 'half_day', 'hour'] as const) {
          if (!list.blocks[kind]) continue
          const uses = Math.ceil(steps / lengthInSteps(list, kind))
          expect(priceFen).toBeLessThanOrEqual(amount(list, kind, uses))
        }
      }),
    )
  })

  it('matches brute force on price, and on the number of lines when prices tie', () => {
    fc.assert(
      fc.property(randomList, halfHours, (list, steps) => {
        const quote = quoteBooking(list, { durationMinutes: steps * 30 })
        expect({ priceFen: quote.priceFen, lines: quote.lines.length }).toEqual(
          bruteForce(list, steps),
        )
        // Deterministic: the same request gives the same lines.
        expect(quoteBooking(list, { durationMinutes: steps * 30 })).toEqual(quote)
      }),
    )
  })
})

describe('cancellation fee', () => {
  const policy = { freeUntilHours: 24, lateFeeBp: 2500 }
  const startsAt = new Date('2025-03-10T09:00:00+08:00')
  const hoursBefore = (h: number) => new Date(startsAt.getTime() - h * 3_600_000)

  it('is free until the cut-off, inclusive, then a share half-up to the fen', () => {
    expect(cancellationFee(policy, 130_000, startsAt, hoursBefore(48))).toBe(0)
    expect(cancellationFee(policy, 130_000, startsAt, hoursBefore(24))).toBe(0)
    expect(cancellationFee(policy, 130_000, startsAt, hoursBefore(23.99))).toBe(32_500)
    expect(cancellationFee(policy, 130_000, startsAt, hoursBefore(-1))).toBe(32_500)
    expect(cancellationFee({ freeUntilHours: 0, lateFeeBp: 5000 }, 3, startsAt, startsAt)).toBe(0)
    expect(
      cancellationFee({ freeUntilHours: 0, lateFeeBp: 5000 }, 3, startsAt, hoursBefore(-0.1)),
    ).toBe(2)
  })

  it('never exceeds the price and is zero before the cut-off', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 720 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: -100 * 3600, max: 1000 * 3600 }),
        (freeUntilHours, lateFeeBp, priceFen, secondsBefore) => {
          const fee = cancellationFee(
            { freeUntilHours, lateFeeBp },
            priceFen,
            startsAt,
            new Date(startsAt.getTime() - secondsBefore * 1000),
          )
          expect(fee).toBeGreaterThanOrEqual(0)
          expect(fee).toBeLessThanOrEqual(priceFen)
          if (secondsBefore >= freeUntilHours * 3600) expect(fee).toBe(0)
          else expect(Math.abs(fee - (priceFen * lateFeeBp) / 10_000)).toBeLessThanOrEqual(0.5)
        },
      ),
    )
  })
})

describe('the price list form schema', () => {
  const valid = {
    blocks: { hour: { priceFen: 30_000 }, half_day: { hours: 4, priceFen: 100_000 } },
    cancellation: { freeUntilHours: 24, lateFeeBp: 2500 },
  }
  const issues = (input: unknown) => {
    const result = PriceListSchema.safeParse(input)
    return result.success ? [] : result.error.issues.map((i) => i.message)
  }

  it('accepts a valid list and defaults the deposit to nothing', () => {
    expect(PriceListSchema.parse(valid).depositFen).toBe(0)
  })

  it('refuses lists a quote could not make sense of, with catalogue keys', () => {
    expect(issues({ ...valid, blocks: {} })).toEqual(['equipment:prices.errors.noBlocks'])
    expect(
      issues({ ...valid, blocks: { hour: { priceFen: 30_000, memberPriceFen: 40_000 } } }),
    ).toEqual(['equipment:prices.errors.memberPriceAbovePrice'])
    expect(
      issues({
        ...valid,
        blocks: { half_day: { hours: 8, priceFen: 1 }, day: { hours: 8, priceFen: 2 } },
      }),
    ).toEqual(['equipment:prices.errors.halfDayNotShorter'])
    expect(issues({ ...valid, minHours: 4, maxHours: 2 })).toEqual([
      'equipment:prices.errors.minAboveMax',
    ])
    expect(issues({ ...valid, minHours: 1.25 })).toEqual(['equipment:prices.errors.hoursLimit'])
    expect(issues({ ...valid, blocks: { hour: { priceFen: 12.5 } } })).toEqual([
      'equipment:prices.errors.priceInvalid',
    ])
  })
})
