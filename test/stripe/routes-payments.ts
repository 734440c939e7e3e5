// Customers, PaymentMethods, PaymentIntents, SetupIntents, charges and refunds. Types:
// node_modules/stripe/esm/resources/{Customers,PaymentMethods,PaymentIntents,SetupIntents,
// Charges,Refunds}.d.ts.
import type Stripe from 'stripe'
import { z } from 'zod'
import { invalidRequest, noSuch, unexpectedState } from './errors.ts'
import { bool, expand, id, int, listShape, metadata, parseParams, str } from './params.ts'
import {
  attachPaymentMethod,
  checkDestination,
  checkPaymentMethodOwner,
  confirmPaymentIntent,
  confirmSetupIntent,
  refundCharge,
  requireCustomer,
  resolvePaymentMethod,
} from './payments.ts'
import { type Route, route } from './router.ts'
import { checkChargeAmount, parseCurrency } from './rules.ts'
import { type Origin, type Store, mergeMetadata } from './state.ts'

const retrieveOnly = z.strictObject({ expand })

// ---------------------------------------------------------------- customers

const customerFields = {
  email: str.optional(),
  name: str.optional(),
  phone: str.optional(),
  description: str.optional(),
  metadata: metadata.optional(),
  preferred_locales: z.array(str).optional(),
  invoice_settings: z.strictObject({ default_payment_method: str.optional() }).optional(),
  expand,
}
const CustomerCreate = z.strictObject({ ...customerFields, payment_method: id.optional() })
const CustomerUpdate = z.strictObject(customerFields)

function requirePathCustomer(store: Store, customerId: string): Stripe.Customer {
  const customer = store.customers.get(customerId)
  if (!customer) throw noSuch('customer', customerId, null)
  return customer
}

function setDefaultPaymentMethod(store: Store, customer: Stripe.Customer, pmId: string): void {
  if (pmId === '') {
    customer.invoice_settings.default_payment_method = null
    return
  }
  const pm = store.paymentMethods.get(pmId)
  if (!pm) throw noSuch('PaymentMethod', pmId, 'invoice_settings[default_payment_method]')
  if (pm.customer !== customer.id) {
    throw invalidRequest(
      `The customer does not have a payment method with the ID ${pmId}. The payment method must be attached to the customer.`,
      { param: 'invoice_settings[default_payment_method]' },
    )
  }
  customer.invoice_settings.default_payment_method = pm.id
}

// ---------------------------------------------------------------- payment intents

const paymentMethodTypes = z.array(z.enum(['card', 'alipay', 'wechat_pay']))

const PaymentIntentCreate = z.strictObject({
  amount: int,
  currency: str,
  customer: id.optional(),
  payment_method: id.optional(),
  allowed_payment_method_types: paymentMethodTypes.optional(),
  automatic_payment_methods: z
    .strictObject({ enabled: bool, allow_redirects: z.enum(['always', 'never']).optional() })
    .optional(),
  confirm: bool.optional(),
  off_session: bool.optional(),
  return_url: id.optional(),
  application_fee_amount: int.optional(),
  transfer_data: z.strictObject({ destination: id, amount: int.optional() }).optional(),
  transfer_group: str.optional(),
  setup_future_usage: z.enum(['off_session', 'on_session']).optional(),
  capture_method: z.enum(['automatic']).optional(),
  description: str.optional(),
  receipt_email: str.optional(),
  statement_descriptor_suffix: str.optional(),
  metadata: metadata.optional(),
  expand,
})

const PaymentIntentUpdate = z.strictObject({
  allowed_payment_method_types: paymentMethodTypes.optional(),
  amount: int.optional(),
  currency: str.optional(),
  customer: id.optional(),
  payment_method: id.optional(),
  application_fee_amount: int.optional(),
  transfer_group: str.optional(),
  description: str.optional(),
  receipt_email: str.optional(),
  metadata: metadata.optional(),
  expand,
})

const PaymentIntentConfirm = z.strictObject({
  allowed_payment_method_types: paymentMethodTypes.optional(),
  payment_method: id.optional(),
  off_session: bool.optional(),
  return_url: id.optional(),
  setup_future_usage: z.enum(['off_session', 'on_session']).optional(),
  receipt_email: str.optional(),
  expand,
})

const PaymentIntentCancel = z.strictObject({
  cancellation_reason: z
    .enum(['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'])
    .optional(),
  expand,
})

const confirmable: readonly Stripe.PaymentIntent.Status[] = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
]

function requirePaymentIntent(store: Store, piId: string): Stripe.PaymentIntent {
  const pi = store.paymentIntents.get(piId)
  if (!pi) throw noSuch('payment_intent', piId, null)
  return pi
}

/** `('payment_intent_data', 'transfer_data[amount]')` → `payment_intent_data[transfer_data][amount]` */
function nestParam(prefix: string, param: string): string {
  const bracket = param.indexOf('[')
  if (bracket < 0) return `${prefix}[${param}]`
  return `${prefix}[${param.slice(0, bracket)}]${param.slice(bracket)}`
}

/** Application fee and destination as Stripe checks them on a PaymentIntent. */
export function checkFeeAndDestination(
  store: Store,
  amount: number,
  fee: number | undefined,
  transferData: { destination: string; amount?: number } | undefined,
  prefix = '',
): void {
  const name = (param: string) => (prefix ? nestParam(prefix, param) : param)
  if (fee !== undefined) {
    if (!transferData) {
      throw invalidRequest(
        'Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).',
        { param: name('application_fee_amount') },
      )
    }
    if (fee < 0 || fee > amount) {
      throw invalidRequest(
        `The application fee amount (${fee}) must be between 0 and the amount (${amount}).`,
        { param: name('application_fee_amount') },
      )
    }
    if (transferData.amount !== undefined) {
      throw invalidRequest(
        'You may only specify one of these parameters: application_fee_amount, transfer_data[amount].',
        { param: name('application_fee_amount'), code: 'parameters_exclusive' },
      )
    }
  }
  if (transferData) {
    if (
      transferData.amount !== undefined &&
      (transferData.amount < 0 || transferData.amount > amount)
    ) {
      throw invalidRequest(
        `transfer_data[amount] (${transferData.amount}) must be between 0 and the amount (${amount}).`,
        { param: name('transfer_data[amount]') },
      )
    }
    checkDestination(store, transferData.destination, name('transfer_data[destination]'))
  }
}

export function newPaymentIntent(
  store: Store,
  fields: {
    amount: number
    currency: string
    customer: string | null
    paymentMethod: string | null
    allowedPaymentMethodTypes: Stripe.PaymentIntent.AllowedPaymentMethodType[] | null
    applicationFeeAmount: number | null
    transferData: { destination: string; amount?: number } | null
    transferGroup: string | null
    setupFutureUsage: Stripe.PaymentIntent.SetupFutureUsage | null
    description: string | null
    receiptEmail: string | null
    statementDescriptorSuffix: string | null
    metadata: Stripe.Metadata
  },
): Stripe.PaymentIntent {
  const piId = store.newId('pi')
  return store.put(store.paymentIntents, {
    id: piId,
    object: 'payment_intent',
    allowed_payment_method_types: fields.allowedPaymentMethodTypes,
    amount: fields.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: fields.applicationFeeAmount,
    automatic_payment_methods: fields.allowedPaymentMethodTypes ? null : { enabled: true },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${piId}_secret_${store.newId('s').slice(2)}`,
    confirmation_method: 'automatic',
    created: store.now(),
    currency: fields.currency,
    customer: fields.customer,
    customer_account: null,
    description: fields.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: fields.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: fields.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: null,
    // Every allowed type suits every supported currency, so all of them are offered.
    payment_method_types: fields.allowedPaymentMethodTypes ?? ['card'],
    payment_record: null,
    processing: null,
    receipt_email: fields.receiptEmail,
    review: null,
    setup_future_usage: fields.setupFutureUsage,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: fields.statementDescriptorSuffix,
    status: fields.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    transfer_data: fields.transferData
      ? {
          destination: fields.transferData.destination,
          ...(fields.transferData.amount !== undefined
            ? { amount: fields.transferData.amount }
            : {}),
        }
      : null,
    transfer_group: fields.transferGroup,
  })
}

function allowTypes(
  pi: Stripe.PaymentIntent,
  types: Stripe.PaymentIntent.AllowedPaymentMethodType[],
): void {
  pi.allowed_payment_method_types = types
  pi.payment_method_types = [...types]
  pi.automatic_payment_methods = null
}

function automaticMethods(param: {
  enabled: boolean
  allow_redirects?: 'always' | 'never'
}): Stripe.PaymentIntent.AutomaticPaymentMethods {
  return {
    enabled: param.enabled,
    ...(param.allow_redirects ? { allow_redirects: param.allow_redirects } : {}),
  }
}

function usePaymentMethod(
  store: Store,
  pmId: string,
  customer: string | null,
  param: string,
): Stripe.PaymentMethod {
  const pm = resolvePaymentMethod(store, pmId, param)
  checkPaymentMethodOwner(pm, customer, param)
  return pm
}

function customerId(value: Stripe.PaymentIntent['customer']): string | null {
  return typeof value === 'string' ? value : (value?.id ?? null)
}

// ---------------------------------------------------------------- setup intents

const SetupIntentCreate = z.strictObject({
  customer: id.optional(),
  usage: z.enum(['off_session', 'on_session']).optional(),
  payment_method: id.optional(),
  allowed_payment_method_types: z.array(z.enum(['card'])).optional(),
  automatic_payment_methods: z
    .strictObject({ enabled: bool, allow_redirects: z.enum(['always', 'never']).optional() })
    .optional(),
  confirm: bool.optional(),
  return_url: id.optional(),
  description: str.optional(),
  metadata: metadata.optional(),
  expand,
})

const SetupIntentConfirm = z.strictObject({
  payment_method: id.optional(),
  return_url: id.optional(),
  expand,
})

const SetupIntentCancel = z.strictObject({
  cancellation_reason: z.enum(['abandoned', 'duplicate', 'requested_by_customer']).optional(),
  expand,
})

export function newSetupIntent(
  store: Store,
  fields: {
    customer: string | null
    usage: 'off_session' | 'on_session'
    paymentMethod: string | null
    allowed: Stripe.SetupIntent.AllowedPaymentMethodType[] | null
    description: string | null
    metadata: Stripe.Metadata
  },
): Stripe.SetupIntent {
  const siId = store.newId('seti')
  return store.put(store.setupIntents, {
    id: siId,
    object: 'setup_intent',
    allowed_payment_method_types: fields.allowed,
    application: null,
    automatic_payment_methods: fields.allowed ? null : { enabled: true },
    cancellation_reason: null,
    client_secret: `${siId}_secret_${store.newId('s').slice(2)}`,
    created: store.now(),
    customer: fields.customer,
    customer_account: null,
    description: fields.description,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: fields.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: fields.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ['card'],
    single_use_mandate: null,
    status: fields.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    usage: fields.usage,
  })
}

function requireSetupIntent(store: Store, siId: string): Stripe.SetupIntent {
  const si = store.setupIntents.get(siId)
  if (!si) throw noSuch('setup_intent', siId, null)
  return si
}

// ---------------------------------------------------------------- refunds

const RefundCreate = z.strictObject({
  payment_intent: id.optional(),
  charge: id.optional(),
  amount: int.optional(),
  reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']).optional(),
  reverse_transfer: bool.optional(),
  metadata: metadata.optional(),
  expand,
})

function refundTarget(
  store: Store,
  p: z.output<typeof RefundCreate>,
  origin: Origin,
): Stripe.Refund {
  if (p.payment_intent === undefined && p.charge === undefined) {
    throw invalidRequest(
      'One of the following params should be provided for this request: payment_intent or charge.',
      {
        code: 'parameter_missing',
        param: 'charge',
      },
    )
  }
  let charge: Stripe.Charge | undefined
  if (p.payment_intent !== undefined) {
    const pi = store.paymentIntents.get(p.payment_intent)
    if (!pi) throw noSuch('payment_intent', p.payment_intent, 'payment_intent')
    const latest = typeof pi.latest_charge === 'string' ? pi.latest_charge : pi.latest_charge?.id
    charge = latest ? store.charges.get(latest) : undefined
    if (pi.status !== 'succeeded' || !charge) {
      throw unexpectedState(
        `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`,
        'payment_intent',
      )
    }
  }
  if (p.charge !== undefined) {
    const byCharge = store.charges.get(p.charge)
    if (!byCharge) throw noSuch('charge', p.charge, 'charge')
    if (charge && charge.id !== byCharge.id) {
      throw invalidRequest(
        `Charge ${byCharge.id} does not belong to PaymentIntent ${p.payment_intent}.`,
        {
          param: 'charge',
        },
      )
    }
    charge = byCharge
  }
  if (!charge || charge.status !== 'succeeded') {
    throw invalidRequest(`Charge ${p.charge} has not succeeded and cannot be refunded.`, {
      param: 'charge',
    })
  }
  return refundCharge(
    store,
    charge,
    {
      amount: p.amount,
      reason: p.reason ?? null,
      metadata: mergeMetadata({}, p.metadata),
      reverseTransfer: p.reverse_transfer ?? false,
    },
    origin,
  )
}

// ---------------------------------------------------------------- routes

export function paymentRoutes(): Route[] {
  return [
    route('POST', '/v1/customers', ({ store, params, origin }) => {
      const p = parseParams(CustomerCreate, params)
      const pm = p.payment_method
        ? resolvePaymentMethod(store, p.payment_method, 'payment_method')
        : null
      const customer = store.put(store.customers, {
        id: store.newId('cus', 14),
        object: 'customer',
        address: null,
        balance: 0,
        created: store.now(),
        currency: null,
        default_source: null,
        delinquent: false,
        description: p.description || null,
        discount: null,
        email: p.email || null,
        invoice_prefix: null,
        invoice_settings: {
          custom_fields: null,
          default_payment_method: null,
          footer: null,
          rendering_options: null,
        },
        livemode: false,
        metadata: mergeMetadata({}, p.metadata),
        name: p.name || null,
        next_invoice_sequence: 1,
        phone: p.phone || null,
        preferred_locales: p.preferred_locales ?? [],
        shipping: null,
        tax_exempt: 'none',
        test_clock: null,
      })
      if (pm) attachPaymentMethod(store, pm, customer.id, origin)
      if (p.invoice_settings?.default_payment_method !== undefined) {
        setDefaultPaymentMethod(store, customer, p.invoice_settings.default_payment_method)
      }
      store.emit('customer.created', customer, origin)
      return customer
    }),

    route('GET', '/v1/customers/:id', ({ store, params }, customerId) => {
      parseParams(retrieveOnly, params)
      return requirePathCustomer(store, customerId)
    }),

    route('POST', '/v1/customers/:id', ({ store, params, origin }, customerId) => {
      const p = parseParams(CustomerUpdate, params)
      const customer = requirePathCustomer(store, customerId)
      const previous: Record<string, unknown> = {}
      const set = <K extends 'email' | 'name' | 'phone' | 'description'>(
        key: K,
        value?: string,
      ) => {
        if (value === undefined) return
        previous[key] = customer[key]
        customer[key] = value || null
      }
      set('email', p.email)
      set('name', p.name)
      set('phone', p.phone)
      set('description', p.description)
      if (p.preferred_locales !== undefined) customer.preferred_locales = p.preferred_locales
      if (p.metadata !== undefined) {
        previous.metadata = customer.metadata
        customer.metadata = mergeMetadata(customer.metadata, p.metadata)
      }
      if (p.invoice_settings?.default_payment_method !== undefined) {
        previous.invoice_settings = structuredClone(customer.invoice_settings)
        setDefaultPaymentMethod(store, customer, p.invoice_settings.default_payment_method)
      }
      store.emit('customer.updated', customer, origin, { previous })
      return customer
    }),

    route('GET', '/v1/customers', ({ store, params }) => {
      const p = parseParams(z.strictObject({ ...listShape, email: str.optional() }), params)
      const items = [...store.customers.values()].filter(
        (c) => p.email === undefined || c.email === p.email,
      )
      return store.page(items, '/v1/customers', p, 'customer')
    }),

    route('GET', '/v1/customers/:id/payment_methods', ({ store, params }, customerId) => {
      const p = parseParams(
        z.strictObject({ ...listShape, type: z.enum(['card', 'alipay', 'wechat_pay']).optional() }),
        params,
      )
      requirePathCustomer(store, customerId)
      const items = [...store.paymentMethods.values()].filter(
        (pm) => pm.customer === customerId && (p.type === undefined || pm.type === p.type),
      )
      return store.page(items, `/v1/customers/${customerId}/payment_methods`, p, 'payment_method')
    }),

    route('GET', '/v1/payment_methods/:id', ({ store, params }, pmId) => {
      parseParams(retrieveOnly, params)
      const pm = store.paymentMethods.get(pmId)
      if (!pm) throw noSuch('PaymentMethod', pmId, null)
      return pm
    }),

    route('GET', '/v1/payment_methods', ({ store, params }) => {
      const p = parseParams(
        z.strictObject({
          ...listShape,
          customer: id.optional(),
          type: z.enum(['card', 'alipay', 'wechat_pay']).optional(),
        }),
        params,
      )
      if (p.customer !== undefined) requireCustomer(store, p.customer, 'customer')
      const items = [...store.paymentMethods.values()].filter(
        (pm) =>
          (p.customer === undefined || pm.customer === p.customer) &&
          (p.type === undefined || pm.type === p.type),
      )
      return store.page(items, '/v1/payment_methods', p, 'payment_method')
    }),

    route('POST', '/v1/payment_methods/:id/attach', ({ store, params, origin }, pmId) => {
      const p = parseParams(z.strictObject({ customer: id, expand }), params)
      requireCustomer(store, p.customer, 'customer')
      const pm = resolvePaymentMethod(store, pmId, 'payment_method')
      attachPaymentMethod(store, pm, p.customer, origin)
      return pm
    }),

    route('POST', '/v1/payment_methods/:id/detach', ({ store, params, origin }, pmId) => {
      parseParams(retrieveOnly, params)
      const pm = store.paymentMethods.get(pmId)
      if (!pm) throw noSuch('PaymentMethod', pmId, null)
      if (pm.customer === null) {
        throw invalidRequest(
          `The payment method ${pm.id} is not attached to a customer so detachment is impossible.`,
        )
      }
      const owner = customerId(pm.customer)
      const customer = owner ? store.customers.get(owner) : undefined
      if (customer?.invoice_settings.default_payment_method === pm.id) {
        customer.invoice_settings.default_payment_method = null
      }
      pm.customer = null
      store.emit('payment_method.detached', pm, origin)
      return pm
    }),

    route('POST', '/v1/payment_intents', (ctx) => {
      const { store, params, origin } = ctx
      const p = parseParams(PaymentIntentCreate, params)
      const currency = parseCurrency(p.currency)
      checkChargeAmount(p.amount, currency)
      if (p.customer !== undefined) requireCustomer(store, p.customer, 'customer')
      checkFeeAndDestination(store, p.amount, p.application_fee_amount, p.transfer_data)
      if (p.off_session !== undefined && p.confirm !== true) {
        throw invalidRequest('You can only set `off_session` when `confirm` is `true`.', {
          param: 'off_session',
        })
      }
      if (p.confirm === true && p.payment_method === undefined) {
        throw invalidRequest(
          "You cannot confirm this PaymentIntent because it's missing a payment method. Specify a payment method to confirm it.",
          { param: 'payment_method', code: 'parameter_missing' },
        )
      }
      const pm = p.payment_method
        ? usePaymentMethod(store, p.payment_method, p.customer ?? null, 'payment_method')
        : null
      const pi = newPaymentIntent(store, {
        amount: p.amount,
        currency,
        customer: p.customer ?? null,
        paymentMethod: pm?.id ?? null,
        allowedPaymentMethodTypes: p.allowed_payment_method_types ?? null,
        applicationFeeAmount: p.application_fee_amount ?? null,
        transferData: p.transfer_data ?? null,
        transferGroup: p.transfer_group ?? null,
        setupFutureUsage: p.setup_future_usage ?? null,
        description: p.description || null,
        receiptEmail: p.receipt_email || null,
        statementDescriptorSuffix: p.statement_descriptor_suffix || null,
        metadata: mergeMetadata({}, p.metadata),
      })
      if (p.automatic_payment_methods !== undefined) {
        pi.automatic_payment_methods = automaticMethods(p.automatic_payment_methods)
      }
      store.emit('payment_intent.created', pi, origin)
      if (p.confirm === true) {
        confirmPaymentIntent(
          store,
          pi,
          {
            offSession: p.off_session ?? false,
            returnUrl: p.return_url ?? null,
            failure: ctx.takeCardFailure(),
          },
          origin,
        )
      }
      return pi
    }),

    route('GET', '/v1/payment_intents/:id', ({ store, params }, piId) => {
      parseParams(z.strictObject({ expand, client_secret: str.optional() }), params)
      return requirePaymentIntent(store, piId)
    }),

    route('POST', '/v1/payment_intents/:id', ({ store, params }, piId) => {
      const p = parseParams(PaymentIntentUpdate, params)
      const pi = requirePaymentIntent(store, piId)
      const settled = pi.status === 'succeeded' || pi.status === 'canceled'
      const beforeSuccess = [
        'amount',
        'currency',
        'payment_method',
        'customer',
        'allowed_payment_method_types',
      ] as const
      for (const key of beforeSuccess) {
        if (settled && p[key] !== undefined) {
          throw unexpectedState(
            `This PaymentIntent's ${key} could not be updated because it has a status of ${pi.status}. You may only update the ${key} of a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.`,
            key,
          )
        }
      }
      const currency = parseCurrency(p.currency ?? pi.currency)
      const amount = p.amount ?? pi.amount
      if (p.amount !== undefined || p.currency !== undefined) checkChargeAmount(amount, currency)
      if (p.customer !== undefined) requireCustomer(store, p.customer, 'customer')
      if (p.application_fee_amount !== undefined) {
        const destination = pi.transfer_data
          ? {
              destination:
                typeof pi.transfer_data.destination === 'string'
                  ? pi.transfer_data.destination
                  : pi.transfer_data.destination.id,
            }
          : undefined
        checkFeeAndDestination(store, amount, p.application_fee_amount, destination)
        pi.application_fee_amount = p.application_fee_amount
      }
      pi.amount = amount
      pi.currency = currency
      if (p.customer !== undefined) pi.customer = p.customer
      if (p.payment_method !== undefined) {
        const pm = usePaymentMethod(
          store,
          p.payment_method,
          customerId(pi.customer),
          'payment_method',
        )
        pi.payment_method = pm.id
        pi.status = 'requires_confirmation'
        pi.next_action = null
      }
      if (p.allowed_payment_method_types !== undefined)
        allowTypes(pi, p.allowed_payment_method_types)
      if (p.transfer_group !== undefined) pi.transfer_group = p.transfer_group || null
      if (p.description !== undefined) pi.description = p.description || null
      if (p.receipt_email !== undefined) pi.receipt_email = p.receipt_email || null
      pi.metadata = mergeMetadata(pi.metadata, p.metadata)
      return pi
    }),

    route('POST', '/v1/payment_intents/:id/confirm', (ctx, piId) => {
      const { store, params, origin } = ctx
      const p = parseParams(PaymentIntentConfirm, params)
      const pi = requirePaymentIntent(store, piId)
      if (pi.status === 'succeeded') {
        throw unexpectedState(
          'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
        )
      }
      if (!confirmable.includes(pi.status)) {
        throw unexpectedState(
          `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${confirmable.join(', ')}.`,
        )
      }
      if (p.payment_method !== undefined) {
        const pm = usePaymentMethod(
          store,
          p.payment_method,
          customerId(pi.customer),
          'payment_method',
        )
        pi.payment_method = pm.id
      }
      if (pi.payment_method === null) {
        throw invalidRequest(
          "You cannot confirm this PaymentIntent because it's missing a payment method. Specify a payment method to confirm it.",
          { param: 'payment_method', code: 'parameter_missing' },
        )
      }
      if (p.allowed_payment_method_types !== undefined)
        allowTypes(pi, p.allowed_payment_method_types)
      if (p.setup_future_usage !== undefined) pi.setup_future_usage = p.setup_future_usage
      if (p.receipt_email !== undefined) pi.receipt_email = p.receipt_email || null
      confirmPaymentIntent(
        store,
        pi,
        {
          offSession: p.off_session ?? false,
          returnUrl: p.return_url ?? null,
          failure: ctx.takeCardFailure(),
        },
        origin,
      )
      return pi
    }),

    route('POST', '/v1/payment_intents/:id/cancel', ({ store, params, origin }, piId) => {
      const p = parseParams(PaymentIntentCancel, params)
      const pi = requirePaymentIntent(store, piId)
      if (!confirmable.includes(pi.status)) {
        throw unexpectedState(
          `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
        )
      }
      pi.status = 'canceled'
      pi.canceled_at = store.now()
      pi.cancellation_reason = p.cancellation_reason ?? null
      pi.next_action = null
      store.emit('payment_intent.canceled', pi, origin)
      return pi
    }),

    route('GET', '/v1/payment_intents', ({ store, params }) => {
      const p = parseParams(z.strictObject({ ...listShape, customer: id.optional() }), params)
      const items = [...store.paymentIntents.values()].filter(
        (pi) => p.customer === undefined || pi.customer === p.customer,
      )
      return store.page(items, '/v1/payment_intents', p, 'payment_intent')
    }),

    route('POST', '/v1/setup_intents', (ctx) => {
      const { store, params, origin } = ctx
      const p = parseParams(SetupIntentCreate, params)
      if (p.customer !== undefined) requireCustomer(store, p.customer, 'customer')
      if (p.confirm === true && p.payment_method === undefined) {
        throw invalidRequest(
          "You cannot confirm this SetupIntent because it's missing a payment method.",
          { param: 'payment_method', code: 'parameter_missing' },
        )
      }
      const pm = p.payment_method
        ? usePaymentMethod(store, p.payment_method, p.customer ?? null, 'payment_method')
        : null
      const si = newSetupIntent(store, {
        customer: p.customer ?? null,
        usage: p.usage ?? 'off_session',
        paymentMethod: pm?.id ?? null,
        allowed: p.allowed_payment_method_types ?? null,
        description: p.description || null,
        metadata: mergeMetadata({}, p.metadata),
      })
      if (p.automatic_payment_methods !== undefined) {
        si.automatic_payment_methods = automaticMethods(p.automatic_payment_methods)
      }
      store.emit('setup_intent.created', si, origin)
      if (p.confirm === true) {
        confirmSetupIntent(
          store,
          si,
          { returnUrl: p.return_url ?? null, failure: ctx.takeCardFailure() },
          origin,
        )
      }
      return si
    }),

    route('GET', '/v1/setup_intents/:id', ({ store, params }, siId) => {
      parseParams(z.strictObject({ expand, client_secret: str.optional() }), params)
      return requireSetupIntent(store, siId)
    }),

    route('POST', '/v1/setup_intents/:id/confirm', (ctx, siId) => {
      const { store, params, origin } = ctx
      const p = parseParams(SetupIntentConfirm, params)
      const si = requireSetupIntent(store, siId)
      if (si.status === 'succeeded' || si.status === 'canceled' || si.status === 'processing') {
        throw invalidRequest(
          `You cannot confirm this SetupIntent because it has a status of ${si.status}.`,
          { code: 'setup_intent_unexpected_state' },
        )
      }
      if (p.payment_method !== undefined) {
        const owner = typeof si.customer === 'string' ? si.customer : null
        si.payment_method = usePaymentMethod(store, p.payment_method, owner, 'payment_method').id
      }
      if (si.payment_method === null) {
        throw invalidRequest(
          "You cannot confirm this SetupIntent because it's missing a payment method.",
          { param: 'payment_method', code: 'parameter_missing' },
        )
      }
      confirmSetupIntent(
        store,
        si,
        { returnUrl: p.return_url ?? null, failure: ctx.takeCardFailure() },
        origin,
      )
      return si
    }),

    route('POST', '/v1/setup_intents/:id/cancel', ({ store, params, origin }, siId) => {
      const p = parseParams(SetupIntentCancel, params)
      const si = requireSetupIntent(store, siId)
      if (si.status === 'succeeded' || si.status === 'canceled') {
        throw invalidRequest(
          `You cannot cancel this SetupIntent because it has a status of ${si.status}.`,
          { code: 'setup_intent_unexpected_state' },
        )
      }
      si.status = 'canceled'
      si.cancellation_reason = p.cancellation_reason ?? null
      si.next_action = null
      store.emit('setup_intent.canceled', si, origin)
      return si
    }),

    route('GET', '/v1/charges/:id', ({ store, params }, chargeId) => {
      parseParams(retrieveOnly, params)
      const charge = store.charges.get(chargeId)
      if (!charge) throw noSuch('charge', chargeId, null)
      return charge
    }),

    route('GET', '/v1/charges', ({ store, params }) => {
      const p = parseParams(
        z.strictObject({
          ...listShape,
          payment_intent: id.optional(),
          customer: id.optional(),
          transfer_group: str.optional(),
        }),
        params,
      )
      const items = [...store.charges.values()].filter(
        (c) =>
          (p.payment_intent === undefined || c.payment_intent === p.payment_intent) &&
          (p.customer === undefined || c.customer === p.customer) &&
          (p.transfer_group === undefined || c.transfer_group === p.transfer_group),
      )
      return store.page(items, '/v1/charges', p, 'charge')
    }),

    route('POST', '/v1/refunds', ({ store, params, origin }) => {
      const p = parseParams(RefundCreate, params)
      return refundTarget(store, p, origin)
    }),

    route('GET', '/v1/refunds/:id', ({ store, params }, refundId) => {
      parseParams(retrieveOnly, params)
      const refund = store.refunds.get(refundId)
      if (!refund) throw noSuch('refund', refundId, null)
      return refund
    }),

    route('GET', '/v1/refunds', ({ store, params }) => {
      const p = parseParams(
        z.strictObject({ ...listShape, payment_intent: id.optional(), charge: id.optional() }),
        params,
      )
      const items = [...store.refunds.values()].filter(
        (r) =>
          (p.payment_intent === undefined || r.payment_intent === p.payment_intent) &&
          (p.charge === undefined || r.charge === p.charge),
      )
      return store.page(items, '/v1/refunds', p, 'refund')
    }),
  ]
}
