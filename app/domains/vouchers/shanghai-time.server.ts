// Dates of vouchers are local to the issuing agency: China, UTC+8 all year (no daylight saving).
import { now } from '../../clock.server.ts'

const HOUR = 3_600_000
const shift = (at: Date) => new Date(at.getTime() + 8 * HOUR)

/** Today in Shanghai as YYYY-MM-DD: a voucher is usable through its expiry date, local time. */
export function shanghaiToday(at: Date = now()): string {
  return shift(at).toISOString().slice(0, 10)
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
