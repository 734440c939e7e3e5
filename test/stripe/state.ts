// The server's memory: every object by id, in creation order, with the clock, id minting,
// event recording, id lookup for `expand`, and Stripe's list pagination.
import { randomBytes } from 'node:crypto'
import Stripe from 'stripe'
import { StripeApiError, invalidRequest } from './errors.ts'
import type { Range } from './params.ts'

/** Test behaviour a PaymentMethod keeps from the test id it was made from. */
export type TestCard =
  | 'visa'
  | 'authentication_required'
  | 'authentication_required_on_setup'
  | 'declined'
  | 'insufficient_funds'

/** Who caused an event: an API request (id, idempotency key) or a hosted page (nulls). */
export interface Origin {
  request: Stripe.Event.Request
  apiVersion: string
}

export const hostedOrigin: Origin = {
  request: { id: null, idempotency_key: null },
  apiVersion: Stripe.API_VERSION,
}

export interface AccountLinkRecord {
  token: string
  link: Stripe.AccountLink
  account: string
  refreshUrl: string
  returnUrl: string
  used: boolean
}

/** A Checkout line item as given; rendered as Stripe's `item` objects on request. */
export interface LineItemRecord {
  id: string
  priceId: string
  productId: string
  name: string
  description: string | null
  productMetadata: Record<string, string>
  currency: string
  unitAmount: number
  quantity: number
}

/** What a Checkout Session will put on the intent it creates when the customer pays. */
export interface CheckoutPlan {
  paymentIntent: {
    applicationFeeAmount: number | null
    transferData: { destination: string; amount?: number } | null
    transferGroup: string | null
    setupFutureUsage: 'off_session' | 'on_session' | null
    description: string | null
    receiptEmail: string | null
    metadata: Record<string, string>
  }
  setupIntent: { description: string | null; metadata: Record<string, string> }
}

export interface RequestLogEntry {
  method: string
  path: string
  status: number
  requestId: string
  idempotencyKey: string | null
  replayed: boolean
  injected: string | null
}

export interface StoredObject {
  id: string
  object: string
  created?: number
}

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

export class Store {
  baseUrl = ''
  readonly accounts = new Map<string, Stripe.Account>()
  readonly accountLinks = new Map<string, AccountLinkRecord>()
  readonly customers = new Map<string, Stripe.Customer>()
  readonly paymentMethods = new Map<string, Stripe.PaymentMethod>()
  readonly testCards = new Map<string, TestCard>()
  readonly paymentIntents = new Map<string, Stripe.PaymentIntent>()
  readonly setupIntents = new Map<string, Stripe.SetupIntent>()
  /** Where to send the customer after the hosted authentication page, by intent id. */
  readonly returnUrls = new Map<string, string>()
  readonly charges = new Map<string, Stripe.Charge>()
  readonly refunds = new Map<string, Stripe.Refund>()
  readonly transfers = new Map<string, Stripe.Transfer>()
  readonly transferReversals = new Map<string, Stripe.TransferReversal>()
  readonly balanceTransactions = new Map<string, Stripe.BalanceTransaction>()
  readonly checkoutSessions = new Map<string, Stripe.Checkout.Session>()
  readonly lineItems = new Map<string, LineItemRecord[]>()
  readonly checkoutPlans = new Map<string, CheckoutPlan>()
  /** Which Checkout Session an intent was made for, so its hosted pages can finish the session. */
  readonly intentSessions = new Map<string, string>()
  readonly events = new Map<string, Stripe.Event>()
  readonly requests: RequestLogEntry[] = []
  /** Events not yet handed to webhook delivery. */
  readonly undelivered: Stripe.Event[] = []
  private readonly order = new Map<string, number>()
  private counter = 0
  webhookConfigured = false

  constructor(
    private readonly clock: () => number,
    readonly platformCountry: string,
  ) {}

  /** Seconds since the epoch, as every `created` is. */
  now(): number {
    return Math.floor(this.clock() / 1000)
  }

  newId(prefix: string, length = 24): string {
    const bytes = randomBytes(length)
    let id = ''
    for (const byte of bytes) id += alphabet[byte % alphabet.length]
    return `${prefix}_${id}`
  }

  /** Records an object's place in creation order (lists break `created` ties by it). */
  put<T extends StoredObject>(map: Map<string, T>, object: T): T {
    map.set(object.id, object)
    this.order.set(object.id, ++this.counter)
    return object
  }

  emit(
    type: Stripe.Event.Type,
    object: object,
    origin: Origin,
    extra: { previous?: Record<string, unknown>; account?: string } = {},
  ): Stripe.Event {
    const data: Stripe.Event.Data = {
      object: structuredClone(object) as unknown as Stripe.Event.Data.Object,
      ...(extra.previous
        ? { previous_attributes: extra.previous as Stripe.Event.Data.PreviousAttributes }
        : {}),
    }
    const event = this.put(this.events, {
      id: this.newId('evt'),
      object: 'event',
      ...(extra.account ? { account: extra.account } : {}),
      api_version: origin.apiVersion,
      created: this.now(),
      data,
      livemode: false,
      pending_webhooks: this.webhookConfigured ? 1 : 0,
      request: { ...origin.request },
      type,
    } as Stripe.Event)
    this.undelivered.push(event)
    return event
  }

  /** Any stored object by id, for `expand`. */
  lookup(id: string): StoredObject | undefined {
    const maps: Map<string, StoredObject>[] = [
      this.paymentIntents,
      this.charges,
      this.customers,
      this.paymentMethods,
      this.accounts,
      this.balanceTransactions,
      this.transfers,
      this.transferReversals,
      this.refunds,
      this.setupIntents,
      this.checkoutSessions,
    ]
    for (const map of maps) {
      const found = map.get(id)
      if (found) return found
    }
    return undefined
  }

  /** Newest first: by `created`, then by creation order. */
  sorted<T extends StoredObject>(items: Iterable<T>): T[] {
    return [...items].sort(
      (a, b) =>
        (b.created ?? 0) - (a.created ?? 0) ||
        (this.order.get(b.id) ?? 0) - (this.order.get(a.id) ?? 0),
    )
  }

  /** Stripe's cursor pagination over `items` (already filtered), newest first. */
  page<T extends StoredObject>(
    items: Iterable<T>,
    url: string,
    params: { limit?: number; starting_after?: string; ending_before?: string; created?: Range },
    objectName: string,
  ): Stripe.ApiList<T> {
    const limit = params.limit ?? 10
    if (limit < 1 || limit > 100) {
      throw invalidRequest(
        'This value must be greater than or equal to 1 and less than or equal to 100.',
        {
          param: 'limit',
        },
      )
    }
    if (params.starting_after !== undefined && params.ending_before !== undefined) {
      throw invalidRequest(
        'You may only specify one of these parameters: ending_before, starting_after.',
        {
          param: 'ending_before',
          code: 'parameters_exclusive',
        },
      )
    }
    const all = this.sorted(items).filter((item) => inRange(item.created ?? 0, params.created))
    const cursorIndex = (cursor: string, param: string) => {
      const index = all.findIndex((item) => item.id === cursor)
      if (index >= 0) return index
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: `No such ${objectName}: '${cursor}'`,
        param,
      })
    }
    let data: T[]
    let hasMore: boolean
    if (params.ending_before !== undefined) {
      const before = all.slice(0, cursorIndex(params.ending_before, 'ending_before'))
      data = before.slice(-limit)
      hasMore = before.length > limit
    } else {
      const start =
        params.starting_after === undefined
          ? 0
          : cursorIndex(params.starting_after, 'starting_after') + 1
      data = all.slice(start, start + limit)
      hasMore = all.length > start + limit
    }
    return { object: 'list', data, has_more: hasMore, url }
  }
}

export function inRange(value: number, range: Range | undefined): boolean {
  if (range === undefined) return true
  if (typeof range === 'number') return value === range
  if (range.gt !== undefined && !(value > range.gt)) return false
  if (range.gte !== undefined && !(value >= range.gte)) return false
  if (range.lt !== undefined && !(value < range.lt)) return false
  if (range.lte !== undefined && !(value <= range.lte)) return false
  return true
}

/** Applies a `metadata` parameter to existing metadata: '' clears all, a '' value deletes a key. */
export function mergeMetadata(
  current: Stripe.Metadata,
  update: '' | Record<string, string> | undefined,
): Stripe.Metadata {
  if (update === undefined) return current
  if (update === '') return {}
  const next = { ...current }
  for (const [key, value] of Object.entries(update)) {
    if (value === '') delete next[key]
    else next[key] = value
  }
  return next
}
