// Dates in Asia/Shanghai and money in CNY, as readers of each language expect: Chinese readers
// see large sums in 万 (¥12.5万), English readers in full (CN¥125,000.00).
import type { Language } from './config.ts'

const TIME_ZONE = 'Asia/Shanghai'

// Building an Intl formatter costs far more than using one (a page of listings formats hundreds
// of dates and sums), so each is built once per language and kept.
// A key names one kind of formatter, so the cast back is to the kind that built it.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()
export function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(
  key: string,
  build: () => F,
): F {
  let f = formatters.get(key)
  if (!f) formatters.set(key, (f = build()))
  return f as F
}

export function formatDate(value: Date | string, lng: Language): string {
  return cached(
    `date:${lng}`,
    () =>
      new Intl.DateTimeFormat(lng, {
        timeZone: TIME_ZONE,
        year: 'numeric',
        month: 'short',
        day: 'numeric',
      }),
  ).format(new Date(value))
}

export function formatDateTime(value: Date | string, lng: Language): string {
  return cached(
    `datetime:${lng}`,
    () =>
      new Intl.DateTimeFormat(lng, {
        timeZone: TIME_ZONE,
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      }),
  ).format(new Date(value))
}

/** Money is integer fen; this is the only place it becomes yuan, and only for display. */
export function formatMoney(fen: number, lng: Language): string {
  if (!Number.isInteger(fen)) throw new Error('money must be integer fen')
  const yuan = fen / 100
  if (lng === 'zh-CN') {
    if (Math.abs(yuan) >= 100_000_000) return `¥${trim(yuan / 100_000_000)}亿`
    if (Math.abs(yuan) >= 10_000) return `¥${trim(yuan / 10_000)}万`
    return cached(
      'money:zh-CN',
      () => new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }),
    ).format(yuan)
  }
  return cached(
    'money:en',
    () => new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }),
  ).format(yuan)
}

function trim(n: number): string {
  return cached(
    'trim:zh-CN',
    () => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }),
  ).format(n)
}

export function formatNumber(n: number, lng: Language): string {
  return cached(`number:${lng}`, () => new Intl.NumberFormat(lng)).format(n)
}

/**
 * A calendar date (yyyy-mm-dd, already Shanghai's) as its day and weekday, as a reader of the
 * language writes them (11/23 and 周一, 11/23 and Mon): formatted as it stands, in UTC.
 */
export function dayAndWeekday(date: string, lng: string): { day: string; weekday: string } {
  const d = new Date(`${date}T00:00:00Z`)
  const day = cached(
    `utc-month-day:${lng}`,
    () => new Intl.DateTimeFormat(lng, { timeZone: 'UTC', month: 'numeric', day: 'numeric' }),
  )
  const weekday = cached(
    `utc-weekday:${lng}`,
    () => new Intl.DateTimeFormat(lng, { timeZone: 'UTC', weekday: 'short' }),
  )
  return { day: day.format(d), weekday: weekday.format(d) }
}
