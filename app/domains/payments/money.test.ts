// Fee and split arithmetic over random amounts: parts always sum to the whole, rounding is
// half-up to the fen, and cumulative shares of a fee add up to the fee exactly.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applyRate,
  cumulativeShare,
  formatMoney,
  lineAmount,
  parseYuan,
  splitLargestRemainder,
} from './money.ts'
import { feeOn } from './fees.server.ts'

const fen = fc.integer({ min: 0, max: 100_000_000_000 })

describe('money arithmetic', () => {
  it('rounds a rate half-up to the fen', () => {
    expect(applyRate(10, 500)).toBe(1) // 0.5 fen → 1
    expect(applyRate(9, 500)).toBe(0) // 0.45 fen → 0
    expect(applyRate(12_345, 500)).toBe(617) // 617.25 → 617
    expect(applyRate(12_350, 500)).toBe(618) // 617.5 → 618
    fc.assert(
      fc.property(fen, fc.integer({ min: 0, max: 10_000 }), (amount, rate) => {
        const exact = (amount * rate) / 10_000
        const rounded = applyRate(amount, rate)
        expect(Math.abs(rounded - exact)).toBeLessThanOrEqual(0.5)
        if (exact - Math.floor(exact) === 0.5) expect(rounded).toBe(Math.ceil(exact))
      }),
    )
  })

  it('splits by the largest remainder into parts that sum to the whole', () => {
    expect(splitLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(splitLargestRemainder(10_000, [3, 3, 4])).toEqual([3000, 3000, 4000])
    fc.assert(
      fc.property(
        fen,
        fc.array(fc.integer({ min: 0, max: 100_000_000_000 }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0))
          const parts = splitLargestRemainder(total, weights)
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total)
          const sum = weights.reduce((a, b) => a + b, 0)
          parts.forEach((p, i) => {
            expect(p).toBeGreaterThanOrEqual(0)
            // No part is more than one fen away from its exact share.
            expect(Math.abs(p - (total * (weights[i] ?? 0)) / sum)).toBeLessThan(1.000001)
          })
        },
      ),
    )
  })

  it('cumulative shares of a fee over any sequence of parts add up to the fee', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 10 }),
        (subtotal, rate, weights) => {
          const fee = feeOn(subtotal, { rateBp: rate, minimumFen: 0, mode: 'deducted' })
          const parts = splitLargestRemainder(subtotal, weights)
          let done = 0
          let shares = 0
          for (const part of parts) {
            const share = cumulativeShare(fee, done, part, subtotal)
            expect(share).toBeGreaterThanOrEqual(0)
            expect(share).toBeLessThanOrEqual(part === 0 ? 0 : fee)
            shares += share
            done += part
          }
          expect(shares).toBe(fee)
        },
      ),
    )
  })

  it('fees respect the minimum and never exceed a deducted price', () => {
    expect(feeOn(1000, { rateBp: 500, minimumFen: 100, mode: 'deducted' })).toBe(100)
    expect(feeOn(50, { rateBp: 500, minimumFen: 100, mode: 'deducted' })).toBe(50)
    expect(feeOn(50, { rateBp: 500, minimumFen: 100, mode: 'added' })).toBe(100)
    fc.assert(
      fc.property(
        fen,
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (s, r, m) => {
          const fee = feeOn(s, { rateBp: r, minimumFen: m, mode: 'deducted' })
          expect(fee).toBeLessThanOrEqual(s)
          expect(s - fee).toBeGreaterThanOrEqual(0)
        },
      ),
    )
  })

  it('line amounts are quantity × unit price, half-up to the fen', () => {
    expect(lineAmount(1.5, 33_333)).toBe(50_000) // 49 999.5 → 50 000
    expect(lineAmount(3, 12_000)).toBe(36_000)
    expect(lineAmount(0.25, 1)).toBe(0)
  })

  it('shows yuan with two decimals and the ¥ sign in both languages', () => {
    expect(formatMoney(123_450, 'CNY', 'zh-CN')).toBe('¥1,234.50')
    expect(formatMoney(123_450, 'CNY', 'en')).toBe('¥1,234.50')
  })

  it('reads amounts as people type them', () => {
    expect(parseYuan('1,234.5')).toBe(123_450)
    expect(parseYuan('¥ 20000')).toBe(2_000_000)
    expect(parseYuan('0.01')).toBe(1)
    expect(parseYuan('1.234')).toBeNull()
    expect(parseYuan('-5')).toBeNull()
    expect(parseYuan('abc')).toBeNull()
  })
})
