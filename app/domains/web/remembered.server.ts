// Figures that sum up many rows — the home page's counts, a space's headline figures for the
// year — read the same for every visitor and move slowly, yet computing them cost each view a
// dozen statements. Each web process keeps such a value for a short while. The time comes from
// the one clock, so a test moving the clock forward sees fresh figures. Visitors of different
// processes may see figures a little apart: each is at most `seconds` old.
import { now } from '~/clock.server.ts'

type Entry = { at: number; value: Promise<unknown> }

const LIMIT = 1_000
const entries = new Map<string, Entry>()

/**
 * The value computed for `key` within the last `seconds`, or a new one. Requests arriving while
 * it is being computed share that computation; a failure is not kept.
 */
export function remembered<T>(key: string, seconds: number, compute: () => Promise<T>): Promise<T> {
  const at = now().getTime()
  const kept = entries.get(key)
  if (kept && at >= kept.at && at - kept.at < seconds * 1000) return kept.value as Promise<T>
  const value = compute()
  entries.delete(key)
  if (entries.size >= LIMIT) {
    const oldest = entries.keys().next().value
    if (oldest !== undefined) entries.delete(oldest)
  }
  entries.set(key, { at, value })
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key)
  })
  return value
}

/** Forgets every kept value: the next request computes afresh. */
export function forgetRemembered(): void {
  entries.clear()
}
