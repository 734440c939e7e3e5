// The shape of an API endpoint, the context a handler gets, and `expand`, which every
// endpoint shares.
import { invalidRequest } from './errors.ts'
import type { ParamRecord } from './form.ts'
import type { CardFailure } from './payments.ts'
import type { Origin, Store, StoredObject } from './state.ts'

export interface ApiContext {
  store: Store
  params: ParamRecord
  origin: Origin
  /** The failure injected for this request's payment or setup attempt, if any (used once). */
  takeCardFailure(): CardFailure | null
}

export interface Route {
  method: 'GET' | 'POST'
  pattern: RegExp
  handle(ctx: ApiContext, ...pathIds: string[]): unknown
}

/** `'/v1/payment_intents/:id/confirm'` → a route whose handler gets the `:id` segments. */
export function route(
  method: Route['method'],
  path: string,
  handle: (ctx: ApiContext, ...pathIds: string[]) => unknown,
): Route {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '([^/]+)' : segment.replace(/[.]/g, '\\.')))
    .join('/')
  return { method, pattern: new RegExp(`^${source}$`), handle }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Replaces ids by the objects they name along each `expand` path (Stripe's "Expanding
 * responses"), reading the objects as they are now. `special` renders what is not an id, such
 * as a Checkout Session's line items.
 */
export function expandResponse(
  store: Store,
  response: unknown,
  paths: readonly string[],
  special: (owner: Record<string, unknown>, key: string) => unknown,
): unknown {
  if (paths.length === 0) return response
  const copy: unknown = JSON.parse(JSON.stringify(response)) as Json
  for (const path of paths) {
    const segments = path.split('.')
    if (segments.length > 4) {
      throw invalidRequest(
        `You cannot expand more than 4 levels of a property. Property: ${path}`,
        {
          param: 'expand',
        },
      )
    }
    expandAt(store, copy, segments, path, special)
  }
  return copy
}

function expandAt(
  store: Store,
  node: unknown,
  segments: readonly string[],
  path: string,
  special: (owner: Record<string, unknown>, key: string) => unknown,
): void {
  const [key, ...rest] = segments
  if (key === undefined) return
  if (!isRecord(node)) throw cannotExpand(path)
  if (key === 'data' && Array.isArray(node.data) && rest.length > 0) {
    for (const item of node.data) expandAt(store, item, rest, path, special)
    return
  }
  let value = node[key]
  if (typeof value === 'string') {
    const found: StoredObject | undefined = store.lookup(value)
    if (!found) throw cannotExpand(path)
    value = JSON.parse(JSON.stringify(found)) as Json
    node[key] = value
  } else if (rest.length === 0 && value !== null && !isRecord(value)) {
    const rendered = special(node, key)
    if (rendered === undefined) throw cannotExpand(path)
    value = rendered
    node[key] = value
  }
  if (rest.length > 0 && value !== null && value !== undefined) {
    expandAt(store, value, rest, path, special)
  }
}

function cannotExpand(path: string) {
  return invalidRequest(`This property cannot be expanded (${path}).`, { param: 'expand' })
}
