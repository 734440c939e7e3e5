// When a part the web process depends on is away — the database restarting, Stripe not
// answering after the SDK's own retries — a request is answered at once with 503 and a page
// saying the service is briefly unavailable (the root ErrorBoundary), instead of a 500 that
// reads like a bug. Nothing in a route knows about it: every loader and action of the build is
// wrapped once, when the web process loads it. See docs/decisions/0019.
import type { ServerBuild } from '@remix-run/node'
import { isDatabaseUnavailable } from '../db/client.server.ts'
import { RETRY_AFTER_SECONDS } from './error-kinds.ts'
import { log } from './log.server.ts'

/** The body of a 503 thrown by the wrapper, for logs and callers; the ErrorBoundary shows every 503 the same. */
const UNAVAILABLE = 'service-unavailable'

// The SDK's error classes for "no answer" (as opposed to a decline or a refusal): a retry with
// the same idempotency key may well succeed. Matched by `type` so that the build's copy of the
// SDK and this module's need not be the same instance.
const STRIPE_NO_ANSWER = new Set([
  'StripeConnectionError',
  'StripeAPIError',
  'StripeRateLimitError',
])

function unavailablePart(error: unknown): 'database' | 'stripe' | null {
  if (isDatabaseUnavailable(error)) return 'database'
  const type = (error as { type?: unknown } | null)?.type
  if (typeof type === 'string' && STRIPE_NO_ANSWER.has(type)) return 'stripe'
  return null
}

function unavailableResponse(): Response {
  return new Response(UNAVAILABLE, {
    status: 503,
    headers: {
      'Retry-After': String(RETRY_AFTER_SECONDS),
      'Cache-Control': 'no-store',
      'Content-Type': 'text/plain; charset=utf-8',
    },
  })
}

type Handler = (...args: never[]) => unknown

function wrap<F extends Handler | undefined>(routeId: string, handler: F): F {
  if (!handler) return handler
  const wrapped = async (...args: Parameters<NonNullable<F>>) => {
    try {
      return await handler(...args)
    } catch (error) {
      const part = unavailablePart(error)
      if (!part) throw error
      log.warn('dependency.unavailable', {
        part,
        route: routeId,
        error: error instanceof Error ? error.message : String(error),
      })
      throw unavailableResponse()
    }
  }
  return wrapped as unknown as F
}

/** The same build with every route's loader and action answering 503 when a part is away. */
export function withUnavailablePages(build: ServerBuild): ServerBuild {
  const routes: ServerBuild['routes'] = {}
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        loader: wrap(id, route.module.loader),
        action: wrap(id, route.module.action),
      },
    }
  }
  return { ...build, routes }
}
