// Decodes Stripe's form encoding (`a[b][0][c]=v`, as the SDK's stringifyRequestData writes it)
// into nested objects and arrays, so that parameters can be validated like JSON.
import { StripeApiError } from './errors.ts'

export type ParamValue = string | ParamValue[] | { [key: string]: ParamValue }
export type ParamRecord = { [key: string]: ParamValue }

/** Parses a query string or an `application/x-www-form-urlencoded` body. */
export function parseForm(encoded: string): ParamRecord {
  const root: ParamRecord = {}
  for (const [key, value] of new URLSearchParams(encoded)) {
    assign(root, splitKey(key), value, key)
  }
  return arrayify(root) as ParamRecord
}

/** `a[b][]` → ['a', 'b', '']; a key with unbalanced brackets is taken whole. */
function splitKey(key: string): string[] {
  const open = key.indexOf('[')
  if (open <= 0) return [key]
  const segments = [key.slice(0, open)]
  const rest = key.slice(open)
  const pattern = /\[([^[\]]*)\]/g
  let consumed = 0
  for (const match of rest.matchAll(pattern)) {
    if (match.index !== consumed) return [key]
    segments.push(match[1] ?? '')
    consumed += match[0].length
  }
  return consumed === rest.length ? segments : [key]
}

function assign(target: ParamRecord, segments: string[], value: string, fullKey: string): void {
  const [head, ...rest] = segments
  if (head === undefined) return
  // `a[]=x` appends: give it the next free index, as the indexed form would have.
  const key = head === '' ? String(Object.keys(target).length) : head
  if (rest.length === 0) {
    if (typeof target[key] === 'object') throw invalidHash(fullKey)
    target[key] = value
    return
  }
  const existing = target[key]
  if (typeof existing === 'string') throw invalidHash(fullKey)
  const child: ParamRecord =
    existing === undefined || Array.isArray(existing) ? {} : (existing as ParamRecord)
  target[key] = child
  assign(child, rest, value, fullKey)
}

/** Objects whose keys are all array indexes become arrays, in index order. */
function arrayify(value: ParamValue): ParamValue {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(arrayify)
  const keys = Object.keys(value)
  const entries = keys.map((k) => [k, arrayify(value[k] ?? '')] as const)
  if (keys.length > 0 && keys.every((k) => /^(0|[1-9]\d*)$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v)
  }
  return Object.fromEntries(entries)
}

function invalidHash(key: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    message: `Invalid hash: ${key} is given both as a value and as a hash`,
    param: key,
  })
}

/** A canonical rendering of parameters, for comparing idempotent requests. */
export function canonicalParams(params: ParamValue): string {
  if (typeof params === 'string') return JSON.stringify(params)
  if (Array.isArray(params)) return `[${params.map(canonicalParams).join(',')}]`
  const keys = Object.keys(params).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalParams(params[k] ?? '')}`).join(',')}}`
}
