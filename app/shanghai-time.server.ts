// Beijing time (UTC+8 all year, no daylight saving) for what is written into notices, deadlines
// and documents rather than shown through the reader's locale (app/i18n/format.ts does that).
import { now } from './clock.server.ts'

const HOUR = 3_600_000
const shift = (at: Date) => new Date(at.getTime() + 8 * HOUR)

/** A day in Shanghai as YYYY-MM-DD (today by default): a voucher is usable through its expiry date, local time. */
export function shanghaiToday(at: Date = now()): string {
  return shift(at).toISOString().slice(0, 10)
}

/** YYYY-MM-DD HH:mm in Beijing time, as a notification states a time. */
export function shanghaiTime(at: Date): string {
  return shift(at).toISOString().slice(0, 16).replace('T', ' ')
}

/** 2026年3月5日, as Chinese documents write a date. */
export function chineseDate(at: Date): string {
  const d = shift(at)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** 2026年3月5日 14:05 (Beijing time). */
export function chineseDateTime(at: Date): string {
  return `${chineseDate(at)} ${shift(at).toISOString().slice(11, 16)}`
}
