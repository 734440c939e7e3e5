// Checkout Sessions: creation with its checks, retrieval with line items, expiry, and paying
// or saving a card from the hosted page. Types: node_modules/stripe/esm/resources/Checkout/
// Sessions.d.ts (namespace Checkout), LineItems.d.ts.
import type Stripe from 'stripe'
import { z } from 'zod'
import { StripeApiError, invalidRequest, missingParam, noSuch } from './errors.ts'
import { expand, id, int, listShape, metadata, parseParams, str } from './params.ts'
import {
  type PaymentMethodType,
  confirmPaymentIntent,
  confirmSetupIntent,
  createPaymentMethod,
  requireCustomer,
} from './payments.ts'
import { type Route, route } from './router.ts'
import { checkFeeAndDestination, newPaymentIntent, newSetupIntent } from './routes-payments.ts'
import { type Currency, checkChargeAmount, parseCurrency } from './rules.ts'
import {
  type LineItemRecord,
  type Origin,
  type Store,
  type TestCard,
  hostedOrigin,
  mergeMetadata,
} from './state.ts'

const SessionCreate = z.strictObject({
  mode: z.enum(['payment', 'setup']),
  line_items: z
    .array(
      z.strictObject({
        price_data: z.strictObject({
          currency: str,
          unit_amount: int,
          product_data: z.strictObject({
            name: id,
            description: str.optional(),
            metadata: z.record(z.string(), z.string()).optional(),
          }),
        }),
        quantity: int,
      }),
    )
    .optional(),
  allowed_payment_method_types: z.array(z.enum(['card', 'alipay', 'wechat_pay'])).optional(),
  payment_method_options: z
    .strictObject({ wechat_pay: z.strictObject({ client: z.enum(['web']) }).optional() })
    .optional(),
  success_url: id.optional(),
  cancel_url: id.optional(),
  customer: id.optional(),
  customer_email: str.optional(),
  client_reference_id: str.optional(),
  currency: str.optional(),
  locale: str.optional(),
  expires_at: int.optional(),
  metadata: metadata.optional(),
  payment_intent_data: z
    .strictObject({
      application_fee_amount: int.optional(),
      transfer_data: z.strictObject({ destination: id, amount: int.optional() }).optional(),
      transfer_group: str.optional(),
      metadata: z.record(z.string(), z.string()).optional(),
      description: str.optional(),
      setup_future_usage: z.enum(['off_session', 'on_session']).optional(),
      receipt_email: str.optional(),
    })
    .optional(),
  setup_intent_data: z
    .strictObject({
      metadata: z.record(z.string(), z.string()).optional(),
      description: str.optional(),
    })
    .optional(),
  expand,
})

function checkUrl(value: string | undefined, param: string): void {
  if (value === undefined) return
  let ok = false
  try {
    ok = ['http:', 'https:'].includes(
      new URL(value.replaceAll('{CHECKOUT_SESSION_ID}', 'x')).protocol,
    )
  } catch {
    ok = false
  }
  if (!ok) throw invalidRequest('Not a valid URL', { param, code: 'url_invalid' })
}

/** A Stripe `item` as `line_items` renders it. Prices carry `unit_amount_decimal` as a string. */
interface LineItemJson {
  id: string
  object: 'item'
  amount_discount: number
  amount_subtotal: number
  amount_tax: number
  amount_total: number
  currency: string
  description: string
  metadata: Record<string, string>
  price: Omit<Stripe.Price, 'unit_amount_decimal' | 'product'> & {
    unit_amount_decimal: string
    product: string
  }
  quantity: number
}

function renderLineItem(item: LineItemRecord, created: number): LineItemJson {
  const amount = item.unitAmount * item.quantity
  return {
    id: item.id,
    object: 'item',
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: item.currency,
    description: item.name,
    metadata: {},
    price: {
      id: item.priceId,
      object: 'price',
      active: false,
      billing_scheme: 'per_unit',
      created,
      currency: item.currency,
      custom_unit_amount: null,
      livemode: false,
      lookup_key: null,
      metadata: {},
      nickname: null,
      product: item.productId,
      recurring: null,
      tax_behavior: 'unspecified',
      tiers_mode: null,
      transform_quantity: null,
      type: 'one_time',
      unit_amount: item.unitAmount,
      unit_amount_decimal: String(item.unitAmount),
    },
    quantity: item.quantity,
  }
}

/** Line items in the order given, paged by `starting_after` / `ending_before`. */
export function lineItemList(
  store: Store,
  session: Stripe.Checkout.Session,
  params: { limit?: number; starting_after?: string; ending_before?: string },
) {
  const all = (store.lineItems.get(session.id) ?? []).map((item) =>
    renderLineItem(item, session.created),
  )
  const limit = params.limit ?? 10
  const at = (cursor: string, param: string) => {
    const index = all.findIndex((item) => item.id === cursor)
    if (index < 0) throw noSuch('line_item', cursor, param)
    return index
  }
  let start = 0
  let end = all.length
  if (params.starting_after !== undefined) start = at(params.starting_after, 'starting_after') + 1
  if (params.ending_before !== undefined) {
    end = at(params.ending_before, 'ending_before')
    start = Math.max(0, end - limit)
  }
  const data = all.slice(start, Math.min(end, start + limit))
  return {
    object: 'list' as const,
    data,
    has_more: start + data.length < end || (params.ending_before !== undefined && start > 0),
    url: `/v1/checkout/sessions/${session.id}/line_items`,
  }
}

export function requireSession(store: Store, sessionId: string): Stripe.Checkout.Session {
  const session = store.checkoutSessions.get(sessionId)
  if (!session) throw noSuch('checkout.session', sessionId, null)
  refreshSession(store, session)
  return session
}

/** An open session past `expires_at` expires when next touched, as Stripe's sweep would. */
export function refreshSession(store: Store, session: Stripe.Checkout.Session): void {
  if (session.status === 'open' && store.now() >= session.expires_at) {
    expireSession(store, session, hostedOrigin)
  }
}

function expireSession(store: Store, session: Stripe.Checkout.Session, origin: Origin): void {
  session.status = 'expired'
  store.emit('checkout.session.expired', session, origin)
}

function completeSession(store: Store, session: Stripe.Checkout.Session, email: string | null) {
  const customer =
    typeof session.customer === 'string' ? store.customers.get(session.customer) : undefined
  session.status = 'complete'
  session.payment_status = session.mode === 'payment' ? 'paid' : 'no_payment_required'
  session.customer_details = {
    address: null,
    business_name: null,
    email: email || session.customer_email || customer?.email || null,
    individual_name: null,
    name: customer?.name ?? null,
    phone: null,
    tax_exempt: 'none',
    tax_ids: [],
  }
  store.emit('checkout.session.completed', session, hostedOrigin)
}

export type CheckoutOutcome =
  | { kind: 'complete' }
  | { kind: 'declined'; message: string }
  | { kind: 'authenticate'; url: string }

/**
 * The customer pressed "Pay" (or "Save card"): make the intent the session describes, confirm
 * it with a PaymentMethod of the chosen kind, and complete the session if that worked.
 */
export function payCheckoutSession(
  store: Store,
  session: Stripe.Checkout.Session,
  choice: { type: PaymentMethodType; card: TestCard; email: string | null },
): CheckoutOutcome {
  const plan = store.checkoutPlans.get(session.id)
  if (!plan) throw new Error(`no plan for ${session.id}`)
  const pm = createPaymentMethod(store, choice.type, choice.card)
  const customer = typeof session.customer === 'string' ? session.customer : null
  const returnUrl = `${store.baseUrl}/hosted/checkout/${session.id}/return`
  try {
    if (session.mode === 'setup') {
      const existing =
        typeof session.setup_intent === 'string'
          ? store.setupIntents.get(session.setup_intent)
          : undefined
      const si =
        existing?.status === 'requires_payment_method'
          ? existing
          : newSetupIntent(store, {
              customer,
              usage: 'off_session',
              paymentMethod: null,
              allowed: ['card'],
              description: plan.setupIntent.description,
              metadata: { ...plan.setupIntent.metadata },
            })
      if (si !== existing) store.emit('setup_intent.created', si, hostedOrigin)
      si.payment_method = pm.id
      session.setup_intent = si.id
      store.intentSessions.set(si.id, session.id)
      confirmSetupIntent(store, si, { returnUrl, failure: null }, hostedOrigin)
      if (si.status === 'requires_action') return authenticate(si.next_action)
    } else {
      const existing =
        typeof session.payment_intent === 'string'
          ? store.paymentIntents.get(session.payment_intent)
          : undefined
      const data = plan.paymentIntent
      const pi =
        existing?.status === 'requires_payment_method'
          ? existing
          : newPaymentIntent(store, {
              amount: session.amount_total ?? 0,
              currency: session.currency ?? 'usd',
              customer,
              paymentMethod: null,
              allowedPaymentMethodTypes: session.allowed_payment_method_types
                ? [...session.allowed_payment_method_types]
                : null,
              applicationFeeAmount: data.applicationFeeAmount,
              transferData: data.transferData,
              transferGroup: data.transferGroup,
              setupFutureUsage: data.setupFutureUsage,
              description: data.description,
              receiptEmail: data.receiptEmail,
              statementDescriptorSuffix: null,
              metadata: { ...data.metadata },
            })
      if (pi !== existing) store.emit('payment_intent.created', pi, hostedOrigin)
      pi.payment_method = pm.id
      pi.status = 'requires_confirmation'
      session.payment_intent = pi.id
      store.intentSessions.set(pi.id, session.id)
      confirmPaymentIntent(store, pi, { offSession: false, returnUrl, failure: null }, hostedOrigin)
      if (pi.status === 'requires_action') return authenticate(pi.next_action)
    }
  } catch (error) {
    if (error instanceof StripeApiError && error.status === 402) {
      return { kind: 'declined', message: error.body.message }
    }
    throw error
  }
  completeSession(store, session, choice.email)
  return { kind: 'complete' }
}

function authenticate(
  next: Stripe.PaymentIntent.NextAction | Stripe.SetupIntent.NextAction | null,
): CheckoutOutcome {
  const url = next?.redirect_to_url?.url
  if (!url) throw new Error('an intent in requires_action without a redirect')
  return { kind: 'authenticate', url }
}

/** Back from the authentication page: complete the session if its intent went through. */
export function finishCheckoutAfterAuthentication(
  store: Store,
  session: Stripe.Checkout.Session,
): CheckoutOutcome {
  const intentId = session.mode === 'setup' ? session.setup_intent : session.payment_intent
  const intent =
    typeof intentId === 'string'
      ? (store.paymentIntents.get(intentId) ?? store.setupIntents.get(intentId))
      : undefined
  if (intent?.status === 'succeeded') {
    if (session.status === 'open') completeSession(store, session, null)
    return { kind: 'complete' }
  }
  return { kind: 'declined', message: 'Authentication failed. Try another payment method.' }
}

/** `success_url` with the session id put in, as Checkout does. */
export function successUrl(session: Stripe.Checkout.Session): string | null {
  return session.success_url?.replaceAll('{CHECKOUT_SESSION_ID}', session.id) ?? null
}

export function checkoutRoutes(): Route[] {
  return [
    route('POST', '/v1/checkout/sessions', ({ store, params }) => {
      const p = parseParams(SessionCreate, params)
      const types = p.allowed_payment_method_types ?? ['card']
      checkUrl(p.success_url, 'success_url')
      checkUrl(p.cancel_url, 'cancel_url')
      if (p.customer !== undefined) requireCustomer(store, p.customer, 'customer')
      if (p.customer !== undefined && p.customer_email !== undefined) {
        throw invalidRequest(
          'You may only specify one of these parameters: customer, customer_email.',
          {
            param: 'customer_email',
            code: 'parameters_exclusive',
          },
        )
      }
      if (types.includes('wechat_pay') && p.payment_method_options?.wechat_pay === undefined) {
        throw missingParam('payment_method_options[wechat_pay][client]')
      }
      const now = store.now()
      if (p.expires_at !== undefined && (p.expires_at < now + 1800 || p.expires_at > now + 86400)) {
        throw invalidRequest(
          'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.',
          { param: 'expires_at' },
        )
      }
      let currency: Currency | null = null
      let total = 0
      const items: LineItemRecord[] = []
      if (p.mode === 'payment') {
        if (p.line_items === undefined || p.line_items.length === 0)
          throw missingParam('line_items')
        for (const [i, item] of p.line_items.entries()) {
          const param = `line_items[${i}]`
          const itemCurrency = parseCurrency(
            item.price_data.currency,
            `${param}[price_data][currency]`,
          )
          if (currency !== null && itemCurrency !== currency) {
            throw invalidRequest('All line items must use the same currency.', {
              param: `${param}[price_data][currency]`,
            })
          }
          currency = itemCurrency
          if (item.price_data.unit_amount < 0) {
            throw invalidRequest('Invalid non-negative integer', {
              param: `${param}[price_data][unit_amount]`,
            })
          }
          if (item.quantity < 1) {
            throw invalidRequest('Quantity must be a positive integer.', {
              param: `${param}[quantity]`,
            })
          }
          total += item.price_data.unit_amount * item.quantity
          items.push({
            id: store.newId('li'),
            priceId: store.newId('price'),
            productId: store.newId('prod', 14),
            name: item.price_data.product_data.name,
            description: item.price_data.product_data.description ?? null,
            productMetadata: item.price_data.product_data.metadata ?? {},
            currency: itemCurrency,
            unitAmount: item.price_data.unit_amount,
            quantity: item.quantity,
          })
        }
        if (p.currency !== undefined && parseCurrency(p.currency) !== currency) {
          throw invalidRequest('`currency` must match the currency of the line items.', {
            param: 'currency',
          })
        }
        const chargeCurrency: Currency = currency ?? 'usd'
        checkChargeAmount(total, chargeCurrency, 'line_items')
        const data = p.payment_intent_data
        checkFeeAndDestination(
          store,
          total,
          data?.application_fee_amount,
          data?.transfer_data,
          'payment_intent_data',
        )
      } else {
        if (p.line_items !== undefined) {
          throw invalidRequest('You can not pass `line_items` in `setup` mode.', {
            param: 'line_items',
          })
        }
        if (p.payment_intent_data !== undefined) {
          throw invalidRequest('You can not pass `payment_intent_data` in `setup` mode.', {
            param: 'payment_intent_data',
          })
        }
        if (types.some((t) => t !== 'card')) {
          throw invalidRequest('Only `card` can be set up in `setup` mode by this test server.', {
            param: 'allowed_payment_method_types',
          })
        }
        if (p.currency === undefined && p.allowed_payment_method_types === undefined) {
          throw missingParam('currency')
        }
        if (p.currency !== undefined) currency = parseCurrency(p.currency)
      }
      const sessionId = store.newId('cs_test', 58)
      const session: Stripe.Checkout.Session = {
        id: sessionId,
        object: 'checkout.session',
        adaptive_pricing: null,
        after_expiration: null,
        allow_promotion_codes: null,
        allowed_payment_method_types: p.allowed_payment_method_types ?? null,
        amount_subtotal: p.mode === 'payment' ? total : null,
        amount_total: p.mode === 'payment' ? total : null,
        automatic_tax: { enabled: false, liability: null, provider: null, status: null },
        billing_address_collection: null,
        cancel_url: p.cancel_url ?? null,
        client_reference_id: p.client_reference_id ?? null,
        client_secret: null,
        collected_information: null,
        consent: null,
        consent_collection: null,
        created: now,
        currency,
        currency_conversion: null,
        custom_fields: [],
        custom_text: {
          after_submit: null,
          shipping_address: null,
          submit: null,
          terms_of_service_acceptance: null,
        },
        customer: p.customer ?? null,
        customer_account: null,
        customer_creation: p.customer ? null : 'if_required',
        customer_details: p.customer_email
          ? {
              address: null,
              business_name: null,
              email: p.customer_email,
              individual_name: null,
              name: null,
              phone: null,
              tax_exempt: 'none',
              tax_ids: null,
            }
          : null,
        customer_email: p.customer_email ?? null,
        discounts: [],
        expires_at: p.expires_at ?? now + 86400,
        integration_identifier: null,
        invoice: null,
        invoice_creation: null,
        livemode: false,
        locale: (p.locale ?? null) as Stripe.Checkout.Session.Locale | null,
        managed_payments: null,
        metadata: mergeMetadata({}, p.metadata),
        mode: p.mode,
        origin_context: null,
        payment_intent: null,
        payment_link: null,
        payment_method_collection: 'if_required',
        payment_method_configuration_details: null,
        payment_method_options: p.payment_method_options?.wechat_pay
          ? { wechat_pay: { app_id: null, client: p.payment_method_options.wechat_pay.client } }
          : {},
        payment_method_types: types,
        payment_status: p.mode === 'payment' ? 'unpaid' : 'no_payment_required',
        permissions: null,
        phone_number_collection: { enabled: false },
        recovered_from: null,
        saved_payment_method_options: null,
        setup_intent: null,
        shipping_address_collection: null,
        shipping_cost: null,
        shipping_options: [],
        status: 'open',
        submit_type: null,
        subscription: null,
        success_url: p.success_url ?? null,
        total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
        ui_mode: 'hosted',
        url: `${store.baseUrl}/hosted/checkout/${sessionId}`,
        wallet_options: null,
      }
      const data = p.payment_intent_data
      store.checkoutPlans.set(sessionId, {
        paymentIntent: {
          applicationFeeAmount: data?.application_fee_amount ?? null,
          transferData: data?.transfer_data ?? null,
          transferGroup: data?.transfer_group ?? null,
          setupFutureUsage: data?.setup_future_usage ?? null,
          description: data?.description ?? null,
          receiptEmail: data?.receipt_email ?? null,
          metadata: data?.metadata ?? {},
        },
        setupIntent: {
          description: p.setup_intent_data?.description ?? null,
          metadata: p.setup_intent_data?.metadata ?? {},
        },
      })
      store.lineItems.set(sessionId, items)
      return store.put(store.checkoutSessions, session)
    }),

    route('GET', '/v1/checkout/sessions/:id', ({ store, params }, sessionId) => {
      parseParams(z.strictObject({ expand }), params)
      return requireSession(store, sessionId)
    }),

    route('GET', '/v1/checkout/sessions/:id/line_items', ({ store, params }, sessionId) => {
      const p = parseParams(
        z.strictObject({
          limit: listShape.limit,
          starting_after: listShape.starting_after,
          ending_before: listShape.ending_before,
          expand,
        }),
        params,
      )
      return lineItemList(store, requireSession(store, sessionId), p)
    }),

    route('POST', '/v1/checkout/sessions/:id/expire', ({ store, params, origin }, sessionId) => {
      parseParams(z.strictObject({ expand }), params)
      const session = requireSession(store, sessionId)
      if (session.status !== 'open') {
        throw invalidRequest(
          `Only Checkout Sessions with a status in ["open"] can be expired. This session has a status of "${session.status}".`,
        )
      }
      expireSession(store, session, origin)
      return session
    }),

    route('GET', '/v1/checkout/sessions', ({ store, params }) => {
      const p = parseParams(
        z.strictObject({
          ...listShape,
          payment_intent: id.optional(),
          customer: id.optional(),
          status: z.enum(['open', 'complete', 'expired']).optional(),
        }),
        params,
      )
      for (const session of store.checkoutSessions.values()) refreshSession(store, session)
      const items = [...store.checkoutSessions.values()].filter(
        (s) =>
          (p.payment_intent === undefined || s.payment_intent === p.payment_intent) &&
          (p.customer === undefined || s.customer === p.customer) &&
          (p.status === undefined || s.status === p.status),
      )
      return store.page(items, '/v1/checkout/sessions', p, 'checkout.session')
    }),
  ]
}
