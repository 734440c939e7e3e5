// A Stripe-compatible test server the official SDK can be pointed at (`host`, `port`,
// `protocol: 'http'`): API keys, idempotency, failure injection, webhooks and hosted pages
// on top of the in-memory Stripe in this folder. CONTRACT.md is its specification.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Stripe from 'stripe'
import { type ErrorBody, StripeApiError } from './errors.ts'
import { type ParamRecord, canonicalParams, parseForm } from './form.ts'
import { handleHosted } from './hosted-pages.ts'
import { availableBalance } from './payments.ts'
import { type ApiContext, type Route, expandResponse } from './router.ts'
import { checkoutRoutes, lineItemList } from './routes-checkout.ts'
import { connectRoutes } from './routes-connect.ts'
import { moneyRoutes } from './routes-money.ts'
import { paymentRoutes } from './routes-payments.ts'
import { type AccountLinkRecord, type RequestLogEntry, Store } from './state.ts'
import { type WebhookDelivery, WebhookDispatcher } from './webhooks.ts'

export type { WebhookDelivery } from './webhooks.ts'
export type { RequestLogEntry } from './state.ts'

export type FailureKind = 'card_declined' | 'authentication_required' | 'http_500' | 'timeout'

export interface FailureRule {
  kind: FailureKind
  /** Tested against the URL path, e.g. `/v1/payment_intents/pi_…/confirm`. */
  path?: RegExp
  method?: 'GET' | 'POST'
  /** How many matching requests the rule applies to (default 1). */
  times?: number
  /** `timeout` only: how long the response is held (default 5000 ms). */
  holdMs?: number
  /** `card_declined` only: the decline code (default `generic_decline`). */
  declineCode?: string
}

export interface StripeServerOptions {
  webhookUrl?: string
  webhookSecret?: string
  /** Deliver each event as it happens (default true); false: only `deliverEvent` sends. */
  autoDeliver?: boolean
  /** The platform account's country, for the Connect region rule (default `HK`). */
  platformCountry?: string
  /** The clock, in milliseconds (default `Date.now`). */
  now?: () => number
}

/** Copies of everything the server holds, in creation order, for assertions. */
export interface StripeState {
  readonly accounts: Stripe.Account[]
  readonly accountLinks: (Stripe.AccountLink & { account: string; used: boolean })[]
  readonly customers: Stripe.Customer[]
  readonly paymentMethods: Stripe.PaymentMethod[]
  readonly paymentIntents: Stripe.PaymentIntent[]
  readonly setupIntents: Stripe.SetupIntent[]
  readonly charges: Stripe.Charge[]
  readonly refunds: Stripe.Refund[]
  readonly transfers: Stripe.Transfer[]
  readonly balanceTransactions: Stripe.BalanceTransaction[]
  readonly checkoutSessions: Stripe.Checkout.Session[]
  readonly events: Stripe.Event[]
  readonly webhookDeliveries: WebhookDelivery[]
  readonly requests: RequestLogEntry[]
  /** The platform's available balance in a currency, in minor units. */
  availableBalance(currency: string): number
}

export interface StripeTestServer {
  url: string
  host: string
  port: number
  protocol: 'http'
  apiKey: string
  webhookSecret: string
  /** An SDK client pointed at this server (`maxNetworkRetries: 0` unless overridden). */
  stripe(config?: Stripe.StripeConfig): Stripe
  failNext(rule: FailureRule): void
  configureWebhooks(options: { url?: string | null; secret?: string; autoDeliver?: boolean }): void
  readonly state: StripeState
  /** Records an event of any type around any object and delivers it like the others. */
  sendEvent(
    type: Stripe.Event.Type,
    object: object,
    options?: { account?: string },
  ): Promise<Stripe.Event>
  /** Sends a stored event again, `times` times, one after another or concurrently. */
  deliverEvent(
    event: Stripe.Event | string,
    options?: { times?: number; concurrently?: boolean },
  ): Promise<WebhookDelivery[]>
  /** Resolves when no webhook delivery is in flight. */
  idle(): Promise<void>
  close(): Promise<void>
}

const API_KEY = 'sk_test_zhongchuang'
const DEFAULT_WEBHOOK_SECRET = 'whsec_zhongchuang_test'
const HOST = '127.0.0.1'

interface SavedResponse {
  fingerprint: string
  status: number
  body: string
  requestId: string
}

interface ActiveRule extends FailureRule {
  left: number
}

export async function startStripeServer(
  options: StripeServerOptions = {},
): Promise<StripeTestServer> {
  const store = new Store(options.now ?? Date.now, options.platformCountry?.toUpperCase() ?? 'HK')
  const webhooks = new WebhookDispatcher(
    options.webhookUrl ?? null,
    options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET,
    options.autoDeliver ?? true,
  )
  store.webhookConfigured = webhooks.url !== null
  const routes: Route[] = [
    ...connectRoutes(),
    ...paymentRoutes(),
    ...checkoutRoutes(),
    ...moneyRoutes(),
  ]
  const rules: ActiveRule[] = []
  const saved = new Map<string, SavedResponse>()
  const held = new Set<NodeJS.Timeout>()

  function takeRule(
    method: string,
    path: string,
    kinds: readonly FailureKind[],
  ): ActiveRule | null {
    const index = rules.findIndex((rule) => {
      if (rule.path) rule.path.lastIndex = 0
      return (
        kinds.includes(rule.kind) &&
        (rule.method === undefined || rule.method === method) &&
        (rule.path === undefined || rule.path.test(path))
      )
    })
    const rule = rules[index]
    if (!rule) return null
    rule.left -= 1
    if (rule.left <= 0) rules.splice(index, 1)
    return rule
  }

  function flushEvents(): void {
    void webhooks.enqueue(store.undelivered.splice(0))
  }

  function write(
    res: http.ServerResponse,
    status: number,
    headers: Record<string, string>,
    body: string,
    holdMs = 0,
  ): void {
    const send = () => {
      if (res.destroyed || res.writableEnded) return
      res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) })
      res.end(body)
    }
    if (holdMs <= 0) {
      send()
      return
    }
    // The work is done; only the answer is late, as when a network times out.
    const timer = setTimeout(() => {
      held.delete(timer)
      send()
    }, holdMs)
    held.add(timer)
    res.on('close', () => {
      clearTimeout(timer)
      held.delete(timer)
    })
  }

  function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string) {
    const method = req.method ?? 'GET'
    const path = url.pathname
    const requestId = store.newId('req', 14)
    const idempotencyKey = headerOf(req, 'idempotency-key')
    const version = headerOf(req, 'stripe-version')
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, no-store',
      'Request-Id': requestId,
      'Stripe-Version': version ?? Stripe.API_VERSION,
      ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
    }
    const log = (status: number, extra: Partial<RequestLogEntry> = {}) =>
      store.requests.push({
        method,
        path,
        status,
        requestId,
        idempotencyKey,
        replayed: false,
        injected: null,
        ...extra,
      })
    const fail = (error: StripeApiError) => {
      write(res, error.status, headers, JSON.stringify({ error: error.body }, null, 2))
      log(error.status)
    }

    const apiKey = authenticate(req.headers.authorization)
    if (apiKey instanceof StripeApiError) return fail(apiKey)
    if (version !== null && !/^\d{4}-\d{2}-\d{2}(\.[a-z_]+)?$/.test(version)) {
      return fail(requestError(400, `Invalid Stripe API version: ${version}`))
    }
    if (headerOf(req, 'stripe-account') !== null) {
      return fail(
        requestError(
          400,
          'The Stripe-Account header (direct charges on a connected account) is not implemented by the Stripe test server.',
        ),
      )
    }
    const match = findRoute(routes, method, path)
    if (!match) {
      return fail(
        requestError(
          404,
          `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        ),
      )
    }
    let params: ParamRecord
    try {
      params = parseForm(method === 'GET' ? url.search.slice(1) : body)
    } catch (error) {
      if (error instanceof StripeApiError) return fail(error)
      throw error
    }

    const network = takeRule(method, path, ['http_500', 'timeout'])
    if (network?.kind === 'http_500') {
      write(
        res,
        500,
        headers,
        JSON.stringify(
          {
            error: {
              type: 'api_error',
              message:
                'An unknown error occurred while processing your request (injected by the test).',
            },
          },
          null,
          2,
        ),
      )
      log(500, { injected: 'http_500' })
      return
    }
    const holdMs = network?.kind === 'timeout' ? (network.holdMs ?? 5000) : 0
    const injected = network ? network.kind : null

    const scopedKey = method === 'POST' && idempotencyKey ? `${apiKey}\n${idempotencyKey}` : null
    const fingerprint = `${method} ${path} ${canonicalParams(params)}`
    const previous = scopedKey ? saved.get(scopedKey) : undefined
    if (previous) {
      if (previous.fingerprint !== fingerprint) {
        return fail(
          new StripeApiError(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          }),
        )
      }
      write(
        res,
        previous.status,
        { ...headers, 'Idempotent-Replayed': 'true', 'Original-Request': previous.requestId },
        previous.body,
        holdMs,
      )
      log(previous.status, { replayed: true, injected })
      return
    }

    const ctx: ApiContext = {
      store,
      params,
      origin: {
        request: { id: requestId, idempotency_key: idempotencyKey },
        apiVersion: version ?? Stripe.API_VERSION,
      },
      takeCardFailure: () => {
        const rule = takeRule(method, path, ['card_declined', 'authentication_required'])
        if (rule?.kind === 'card_declined' || rule?.kind === 'authentication_required') {
          return { kind: rule.kind, declineCode: rule.declineCode }
        }
        return null
      },
    }
    let status = 200
    let payload: unknown
    try {
      const result = match.route.handle(ctx, ...match.ids)
      payload = expandResponse(store, result, expandPaths(params), (owner, key) => {
        const session =
          key === 'line_items' &&
          owner.object === 'checkout.session' &&
          typeof owner.id === 'string'
            ? store.checkoutSessions.get(owner.id)
            : undefined
        return session ? lineItemList(store, session, {}) : undefined
      })
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error
      status = error.status
      payload = { error: error.body }
    }
    const text = JSON.stringify(payload, null, 2)
    // Stripe saves a result once the endpoint began executing: successes and card errors.
    if (scopedKey && (status < 400 || status === 402)) {
      saved.set(scopedKey, { fingerprint, status, body: text, requestId })
    }
    write(res, status, headers, text, holdMs)
    log(status, { injected })
    flushEvents()
  }

  function handleHostedRequest(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    body: string,
  ) {
    const method = req.method ?? 'GET'
    const answer = handleHosted(
      store,
      method,
      url,
      new URLSearchParams(method === 'POST' ? body : ''),
    )
    if ('redirect' in answer) {
      res.writeHead(303, { Location: answer.redirect, 'Content-Length': '0' })
      res.end()
    } else {
      res.writeHead(answer.status, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': String(Buffer.byteLength(answer.html)),
      })
      res.end(answer.html)
    }
    flushEvents()
  }

  const server = http.createServer((req, res) => {
    void readBody(req)
      .then((body) => {
        const url = new URL(req.url ?? '/', store.baseUrl)
        if (url.pathname.startsWith('/hosted/')) handleHostedRequest(req, res, url, body)
        else handleApi(req, res, url, body)
      })
      .catch((error: unknown) => {
        // A defect in the test server itself: say so instead of hanging the client.
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'application/json' })
          res.end(
            JSON.stringify({
              error: { type: 'api_error', message: `Stripe test server bug: ${message}` },
            }),
          )
        }
      })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, HOST, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  store.baseUrl = `http://${HOST}:${port}`

  const clone = <T>(items: Iterable<T>): T[] => structuredClone([...items])
  const state: StripeState = {
    get accounts() {
      return clone(store.accounts.values())
    },
    get accountLinks() {
      return [...store.accountLinks.values()].map((record: AccountLinkRecord) => ({
        ...structuredClone(record.link),
        account: record.account,
        used: record.used,
      }))
    },
    get customers() {
      return clone(store.customers.values())
    },
    get paymentMethods() {
      return clone(store.paymentMethods.values())
    },
    get paymentIntents() {
      return clone(store.paymentIntents.values())
    },
    get setupIntents() {
      return clone(store.setupIntents.values())
    },
    get charges() {
      return clone(store.charges.values())
    },
    get refunds() {
      return clone(store.refunds.values())
    },
    get transfers() {
      return clone(store.transfers.values())
    },
    get balanceTransactions() {
      return clone(store.balanceTransactions.values())
    },
    get checkoutSessions() {
      return clone(store.checkoutSessions.values())
    },
    get events() {
      return clone(store.events.values())
    },
    get webhookDeliveries() {
      return clone(webhooks.deliveries)
    },
    get requests() {
      return clone(store.requests)
    },
    availableBalance: (currency) => availableBalance(store, currency.toLowerCase()),
  }

  return {
    url: store.baseUrl,
    host: HOST,
    port,
    protocol: 'http',
    apiKey: API_KEY,
    get webhookSecret() {
      return webhooks.secret
    },
    stripe: (config = {}) =>
      new Stripe(API_KEY, { host: HOST, port, protocol: 'http', maxNetworkRetries: 0, ...config }),
    failNext(rule) {
      const times = rule.times ?? 1
      if (!Number.isInteger(times) || times < 1)
        throw new RangeError('times must be a positive integer')
      rules.push({ ...rule, left: times })
    },
    configureWebhooks(update) {
      if (update.url !== undefined) webhooks.url = update.url
      if (update.secret !== undefined) webhooks.secret = update.secret
      if (update.autoDeliver !== undefined) webhooks.autoDeliver = update.autoDeliver
      store.webhookConfigured = webhooks.url !== null
    },
    state,
    async sendEvent(type, object, eventOptions = {}) {
      const event = store.emit(
        type,
        object,
        { request: { id: null, idempotency_key: null }, apiVersion: Stripe.API_VERSION },
        eventOptions.account ? { account: eventOptions.account } : {},
      )
      await webhooks.enqueue(store.undelivered.splice(0))
      return structuredClone(event)
    },
    deliverEvent(event, deliverOptions) {
      const eventId = typeof event === 'string' ? event : event.id
      const stored = store.events.get(eventId)
      if (!stored) return Promise.reject(new Error(`no such event ${eventId}`))
      return webhooks.deliver(stored, deliverOptions)
    },
    idle: () => webhooks.idle(),
    async close() {
      for (const timer of held) clearTimeout(timer)
      held.clear()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
      await webhooks.idle()
    },
  }
}

function headerOf(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name]
  if (Array.isArray(value)) return value[0] ?? null
  return value ?? null
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function requestError(status: number, message: string): StripeApiError {
  const body: ErrorBody = { type: 'invalid_request_error', message }
  return new StripeApiError(status, body)
}

/** The API key from `Authorization` (Bearer, or Basic with the key as user), or the 401. */
function authenticate(header: string | undefined): string | StripeApiError {
  let key: string | null = null
  if (header?.startsWith('Bearer ')) key = header.slice('Bearer '.length).trim()
  if (header?.startsWith('Basic ')) {
    key = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8').split(':')[0] ?? ''
  }
  if (!key) {
    return requestError(
      401,
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    )
  }
  if (!/^sk_test_[A-Za-z0-9_]+$/.test(key)) {
    return requestError(401, `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}`)
  }
  return key
}

function findRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; ids: string[] } | null {
  for (const route of routes) {
    if (route.method !== method) continue
    const match = route.pattern.exec(path)
    if (match) return { route, ids: match.slice(1).map((id) => decodeURIComponent(id)) }
  }
  return null
}

function expandPaths(params: ParamRecord): string[] {
  const value = params.expand
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
