// Whether this process currently reaches Meilisearch. While it does not, index jobs keep the
// Postgres mirror current (degraded search stays true) but send nothing to Meilisearch and burn
// no retries; the versions they leave unconfirmed are what the catch-up sweep sends once
// Meilisearch answers again.
import { log } from '../app/log.server.ts'
import { meili } from './client.server.ts'

let up = true
let watching = false

export function searchReachable(): boolean {
  return up
}

/**
 * A failed request can tell before the next health check does. Only a process that watches
 * (the worker) can notice Meilisearch coming back, so only there does "away" stick: returns
 * whether it did.
 */
export function markSearchAway(reason: string): boolean {
  if (!watching) return false
  if (up) log.warn('search.away', { reason })
  up = false
  return true
}

/** Is the error Meilisearch being unreachable (rather than refusing a request)? */
export function isUnreachable(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message} ${String(error.cause)}` : ''
  return /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|fetch failed|timeout|aborted|MeiliSearchRequestError|MeiliSearchRequestTimeOutError/i.test(
    text,
  )
}

/**
 * Checks Meilisearch's health every `intervalMs` and calls `onBack` each time it answers after
 * being away (the caller re-applies settings and sweeps what is owed).
 */
export function watchSearch(options: { intervalMs: number; onBack: () => Promise<void> }): {
  stop: () => void
} {
  let checking = false
  const check = async () => {
    const client = meili()
    if (!client || checking) return
    checking = true
    try {
      const healthy = await client.isHealthy()
      if (!healthy) markSearchAway('health check failed')
      else if (!up) {
        up = true
        log.info('search.back', {})
        await options.onBack().catch((error: unknown) => {
          log.warn('search.catch-up-failed', {
            error: error instanceof Error ? error.message : String(error),
          })
        })
      }
    } finally {
      checking = false
    }
  }
  watching = true
  const timer = setInterval(() => void check(), options.intervalMs)
  timer.unref()
  return {
    stop: () => {
      clearInterval(timer)
      watching = false
      up = true
    },
  }
}
