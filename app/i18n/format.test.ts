import { describe, expect, it } from 'vitest'
import { dayAndWeekday, formatDate, formatMoney } from './format.ts'

describe('formatMoney', () => {
  it('shows 万 and 亿 to Chinese readers', () => {
    expect(formatMoney(125_000_00, 'zh-CN')).toBe('¥12.5万')
    expect(formatMoney(300_000_000_00, 'zh-CN')).toBe('¥3亿')
    expect(formatMoney(1234_56, 'zh-CN')).toBe('¥1,234.56')
  })
  it('shows full amounts to English readers', () => {
    expect(formatMoney(125_000_00, 'en')).toBe('CN¥125,000.00')
  })
  it('refuses fractions of a fen', () => {
    expect(() => formatMoney(1.5, 'en')).toThrow()
  })
})

describe('formatDate', () => {
  it('uses Beijing time, not the server’s', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Shanghai.
    expect(formatDate('2025-12-31T23:30:00Z', 'en')).toBe('Jan 1, 2026')
  })
})

describe('dayAndWeekday', () => {
  it('reads a Shanghai calendar date as it stands, in each language', () => {
    // 2026-11-23 is a Monday wherever the server runs.
    expect(dayAndWeekday('2026-11-23', 'zh-CN')).toEqual({ day: '11/23', weekday: '周一' })
    expect(dayAndWeekday('2026-11-23', 'en')).toEqual({ day: '11/23', weekday: 'Mon' })
    expect(dayAndWeekday('2027-01-01', 'zh-CN')).toEqual({ day: '1/1', weekday: '周五' })
  })
})
