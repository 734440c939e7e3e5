// The one Stripe SDK client of a process, built from env. The SDK retries a failed request
// itself (twice, with the same idempotency key), and a short timeout keeps a slow Stripe from
// holding a request or a database transaction for long. STRIPE_API_URL points it elsewhere
// (the tests' Stripe-compatible server).
import Stripe from 'stripe'
import { env } from '../../../env.server.ts'
import type { Currency } from '../payments.schema.ts'

/** The API version this code is written against; pinned so a Stripe default change cannot move it. */
export const STRIPE_API_VERSION = '2026-10-28.endive'

const DEFAULT_TIMEOUT_MS = 8_000

let client: Stripe | undefined
let timeoutMs = DEFAULT_TIMEOUT_MS

/** Whether this deployment takes payments through Stripe at all. */
export function stripeEnabled(): boolean {
  const e = env()
  return Boolean(e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET)
}

export function stripe(): Stripe {
  if (client) return client
  const { STRIPE_SECRET_KEY: key, STRIPE_API_URL: apiUrl } = env()
  if (!key) throw new Error('STRIPE_SECRET_KEY is not set: Stripe is not available')
  const target = apiUrl ? new URL(apiUrl) : null
  client = new Stripe(key, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: 2,
    timeout: timeoutMs,
    appInfo: { name: 'zhongchuang' },
    ...(target
      ? {
          host: target.hostname,
          port: target.port || (target.protocol === 'https:' ? 443 : 80),
          protocol: target.protocol === 'http:' ? 'http' : 'https',
        }
      : {}),
  })
  return client
}

/** Tests only: forget the client (env changed), optionally with another timeout. */
export function resetStripeClient(options: { timeoutMs?: number } = {}): void {
  client = undefined
  timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
}

/** Stripe writes currencies in lower case; the ledger in ISO upper case. */
export const stripeCurrency = (currency: Currency) => currency.toLowerCase()

/**
 * Whether Stripe gave a definitive answer (a decline, a refusal) rather than none at all (a
 * timeout, a 5xx, a rate limit): only then is the operation over and a new attempt needs a
 * new idempotency key. A retry after no answer must reuse the key, or it could pay twice.
 */
export function isDefinitive(error: unknown): boolean {
  if (!(error instanceof Stripe.errors.StripeError)) return false
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    error instanceof Stripe.errors.StripeIdempotencyError
  )
    return false
  return true
}

export { Stripe }
