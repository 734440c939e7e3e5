// Deadlines are typed in Beijing time (datetime-local, no zone) and stored as UTC instants. Kept
// apart from the form schemas so a page that only shows or fills in a time does not load zod.
const BEIJING_OFFSET_MS = 8 * 3600_000
const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/

/** "2026-12-01T18:00" in Beijing time as the UTC instant; null when it is not a real time. */
export function fromBeijing(local: string): Date | null {
  const m = localPattern.exec(local.trim())
  if (!m) return null
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number]
  const utc = Date.UTC(y, mo - 1, d, h, mi) - BEIJING_OFFSET_MS
  const back = new Date(utc + BEIJING_OFFSET_MS)
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return null
  return new Date(utc)
}

/** A UTC instant as the form's Beijing-time value. */
export function toBeijing(at: Date | string): string {
  return new Date(new Date(at).getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16)
}

/**
 * The date in China (Asia/Shanghai) of an instant, YYYY-MM-DD: the day a listing's accreditations
 * are judged on, and the latest day a bank transfer can have arrived.
 */
export function todayInShanghai(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at)
}
