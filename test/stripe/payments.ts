// What happens to money: PaymentMethods from test ids, confirming PaymentIntents and
// SetupIntents (success, decline, 3-D Secure), the charge and balance transactions a success
// leaves, destination transfers, transfers and refunds. Routes and hosted pages both call here.
import type Stripe from 'stripe'
import { StripeApiError, invalidRequest, noSuch } from './errors.ts'
import {
  type Currency,
  countryCurrencies,
  parseCurrency,
  processingFee,
  regionAllowsTransfer,
  transfersNotAllowed,
} from './rules.ts'
import { type Origin, type Store, type TestCard, hostedOrigin } from './state.ts'

export type PaymentMethodType = 'card' | 'alipay' | 'wechat_pay'

/** An outcome forced by `failNext` on a payment or setup attempt. */
export interface CardFailure {
  kind: 'card_declined' | 'authentication_required'
  declineCode?: string
}

/** Stripe's test PaymentMethod ids (docs.stripe.com/testing) and the behaviour each gives. */
export const testPaymentMethods: Record<string, TestCard> = {
  pm_card_visa: 'visa',
  pm_card_authenticationRequired: 'authentication_required',
  pm_card_authenticationRequiredOnSetup: 'authentication_required_on_setup',
  pm_card_chargeDeclined: 'declined',
  pm_card_chargeDeclinedInsufficientFunds: 'insufficient_funds',
}

const testCardLast4: Record<TestCard, string> = {
  visa: '4242',
  authentication_required: '3184',
  authentication_required_on_setup: '3155',
  declined: '0002',
  insufficient_funds: '9995',
}

const declineMessages: Record<string, string> = {
  generic_decline: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
}

export function createPaymentMethod(
  store: Store,
  type: PaymentMethodType,
  card: TestCard = 'visa',
): Stripe.PaymentMethod {
  const pm = store.put(store.paymentMethods, {
    id: store.newId('pm'),
    object: 'payment_method',
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    created: store.now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type,
    ...(type === 'card'
      ? {
          card: {
            brand: 'visa',
            checks: {
              address_line1_check: null,
              address_postal_code_check: null,
              cvc_check: 'pass',
            },
            country: 'US',
            display_brand: 'visa',
            exp_month: 12,
            exp_year: new Date(store.now() * 1000).getUTCFullYear() + 3,
            fingerprint: `fp${testCardLast4[card]}`,
            funding: 'credit',
            generated_from: null,
            last4: testCardLast4[card],
            networks: { available: ['visa'], preferred: null },
            regulated_status: 'unregulated',
            three_d_secure_usage: { supported: true },
            wallet: null,
          },
        }
      : type === 'alipay'
        ? { alipay: {} }
        : { wechat_pay: {} }),
  })
  if (type === 'card') store.testCards.set(pm.id, card)
  return pm
}

/** A stored PaymentMethod, or a new one made from a test id such as `pm_card_visa`. */
export function resolvePaymentMethod(
  store: Store,
  id: string,
  param: string,
): Stripe.PaymentMethod {
  const testCard = testPaymentMethods[id]
  if (testCard) return createPaymentMethod(store, 'card', testCard)
  const pm = store.paymentMethods.get(id)
  if (!pm) throw noSuch('PaymentMethod', id, param)
  return pm
}

export function requireCustomer(store: Store, id: string, param: string): Stripe.Customer {
  const customer = store.customers.get(id)
  if (!customer) throw noSuch('customer', id, param)
  return customer
}

/** A PaymentMethod may only be used with the customer it is attached to. */
export function checkPaymentMethodOwner(
  pm: Stripe.PaymentMethod,
  customer: string | null,
  param: string,
): void {
  if (pm.customer !== null && pm.customer !== customer) {
    throw invalidRequest(
      `The provided PaymentMethod ${pm.id} belongs to a different Customer than the one given.`,
      { param },
    )
  }
}

export function attachPaymentMethod(
  store: Store,
  pm: Stripe.PaymentMethod,
  customerId: string,
  origin: Origin,
): void {
  if (pm.customer === customerId) return
  if (pm.customer !== null) {
    throw invalidRequest(
      'The payment method you provided has already been attached to a customer.',
      {
        param: 'payment_method',
      },
    )
  }
  pm.customer = customerId
  store.emit('payment_method.attached', pm, origin)
}

type Attempt = { kind: 'succeed' } | { kind: 'decline'; code: string } | { kind: 'authenticate' }

/** What a payment (or setup) with this method does, unless a failure was injected. */
function attemptOutcome(
  store: Store,
  pm: Stripe.PaymentMethod,
  purpose: 'payment' | 'setup',
  failure: CardFailure | null,
): Attempt {
  if (failure?.kind === 'card_declined') {
    return { kind: 'decline', code: failure.declineCode ?? 'generic_decline' }
  }
  if (failure?.kind === 'authentication_required') return { kind: 'authenticate' }
  switch (store.testCards.get(pm.id)) {
    case 'declined':
      return { kind: 'decline', code: 'generic_decline' }
    case 'insufficient_funds':
      return { kind: 'decline', code: 'insufficient_funds' }
    case 'authentication_required':
      return { kind: 'authenticate' }
    case 'authentication_required_on_setup':
      // Asks once when set up; afterwards (attached to a customer) it is trusted.
      return purpose === 'setup' || pm.customer === null
        ? { kind: 'authenticate' }
        : { kind: 'succeed' }
    default:
      return { kind: 'succeed' }
  }
}

export function authenticationUrl(store: Store, intentId: string): string {
  return `${store.baseUrl}/hosted/authenticate/${intentId}`
}

function requirePaymentMethod(store: Store, id: string | Stripe.PaymentMethod | null) {
  const pmId = typeof id === 'string' ? id : id?.id
  const pm = pmId ? store.paymentMethods.get(pmId) : undefined
  if (!pm) throw new Error(`intent refers to a missing payment method ${String(pmId)}`)
  return pm
}

/**
 * Confirms a PaymentIntent that has a payment method. Succeeds, asks for authentication, or
 * throws the 402 card error a decline (or an off-session authentication) gives.
 */
export function confirmPaymentIntent(
  store: Store,
  pi: Stripe.PaymentIntent,
  options: { offSession: boolean; returnUrl: string | null; failure: CardFailure | null },
  origin: Origin,
): void {
  const pm = requirePaymentMethod(store, pi.payment_method)
  const outcome = attemptOutcome(store, pm, 'payment', options.failure)
  if (outcome.kind === 'succeed') {
    succeedPaymentIntent(store, pi, origin)
    return
  }
  if (outcome.kind === 'decline') throw declinePaymentIntent(store, pi, pm, outcome.code, origin)
  pi.status = 'requires_action'
  pi.next_action = {
    type: 'redirect_to_url',
    redirect_to_url: { url: authenticationUrl(store, pi.id), return_url: options.returnUrl },
  }
  if (options.returnUrl) store.returnUrls.set(pi.id, options.returnUrl)
  else store.returnUrls.delete(pi.id)
  if (!options.offSession) {
    store.emit('payment_intent.requires_action', pi, origin)
    return
  }
  // Off-session nobody can authenticate: a card error, leaving the authentication link in
  // place (the issue asks for requires_action here; Stripe itself would reset the PI).
  const message = 'Your card was declined. This transaction requires authentication.'
  pi.last_payment_error = {
    type: 'card_error',
    code: 'authentication_required',
    decline_code: 'authentication_required',
    message,
    doc_url: 'https://docs.stripe.com/error-codes/authentication-required',
    payment_method: structuredClone(pm),
  }
  store.emit('payment_intent.payment_failed', pi, origin)
  throw new StripeApiError(402, {
    type: 'card_error',
    code: 'authentication_required',
    decline_code: 'authentication_required',
    message,
    doc_url: 'https://docs.stripe.com/error-codes/authentication-required',
    payment_intent: structuredClone(pi),
    payment_method: structuredClone(pm),
  })
}

function baseCharge(
  store: Store,
  pi: Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod,
  status: Stripe.Charge.Status,
): Stripe.Charge {
  const succeeded = status === 'succeeded'
  return {
    id: store.newId('ch'),
    object: 'charge',
    amount: pi.amount,
    amount_captured: succeeded ? pi.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: pi.application_fee_amount,
    balance_transaction: null,
    billing_details: { ...pm.billing_details },
    calculated_statement_descriptor: 'ZHONGCHUANG',
    captured: succeeded,
    created: store.now(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: succeeded ? 'approved_by_network' : 'declined_by_network',
      reason: null,
      risk_level: 'normal',
      seller_message: succeeded
        ? 'Payment complete.'
        : 'The bank did not return any further details with this decline.',
      type: succeeded ? 'authorized' : 'issuer_declined',
    },
    paid: succeeded,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: paymentMethodDetails(pm, pi.amount),
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    refunds: { object: 'list', data: [], has_more: false, url: '' },
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: pi.statement_descriptor_suffix,
    status,
    transfer_data: pi.transfer_data
      ? { amount: pi.transfer_data.amount ?? null, destination: pi.transfer_data.destination }
      : null,
    transfer_group: pi.transfer_group,
  }
}

function paymentMethodDetails(
  pm: Stripe.PaymentMethod,
  amount: number,
): Stripe.Charge.PaymentMethodDetails {
  if (pm.type === 'alipay') {
    return { type: 'alipay', alipay: { fingerprint: null, transaction_id: null } }
  }
  if (pm.type === 'wechat_pay') {
    return { type: 'wechat_pay', wechat_pay: { fingerprint: null, transaction_id: null } }
  }
  const card = pm.card
  return {
    type: 'card',
    card: {
      amount_authorized: amount,
      authorization_code: null,
      brand: card?.brand ?? 'visa',
      checks: card?.checks ?? null,
      country: card?.country ?? 'US',
      electronic_commerce_indicator: null,
      exp_month: card?.exp_month ?? 12,
      exp_year: card?.exp_year ?? 2030,
      funding: card?.funding ?? 'credit',
      installments: null,
      last4: card?.last4 ?? '4242',
      mandate: null,
      network: 'visa',
      network_transaction_id: null,
      regulated_status: 'unregulated',
      three_d_secure: null,
      transaction_link_id: null,
      wallet: null,
    },
  }
}

export function addBalanceTransaction(
  store: Store,
  fields: {
    amount: number
    fee: number
    currency: string
    type: Stripe.BalanceTransaction.Type
    reportingCategory: string
    source: string
    description: string | null
  },
): Stripe.BalanceTransaction {
  const created = store.now()
  return store.put(store.balanceTransactions, {
    id: store.newId('txn'),
    object: 'balance_transaction',
    amount: fields.amount,
    available_on: created,
    balance_type: 'payments',
    created,
    currency: fields.currency,
    description: fields.description,
    exchange_rate: null,
    fee: fields.fee,
    fee_details:
      fields.fee === 0
        ? []
        : [
            {
              amount: fields.fee,
              application: null,
              currency: fields.currency,
              description: 'Stripe processing fees',
              type: 'stripe_fee',
            },
          ],
    net: fields.amount - fields.fee,
    reporting_category: fields.reportingCategory,
    source: fields.source,
    status: 'available',
    type: fields.type,
  })
}

/** The platform's available balance in one currency: the sum of every balance transaction's net. */
export function availableBalance(store: Store, currency: string): number {
  let sum = 0
  for (const txn of store.balanceTransactions.values()) {
    if (txn.currency === currency) sum += txn.net
  }
  return sum
}

/** The payment went through: charge, its balance transaction, a destination transfer, events. */
export function succeedPaymentIntent(store: Store, pi: Stripe.PaymentIntent, origin: Origin): void {
  const pm = requirePaymentMethod(store, pi.payment_method)
  const charge = store.put(store.charges, baseCharge(store, pi, pm, 'succeeded'))
  const currency = parseCurrency(charge.currency)
  charge.balance_transaction = addBalanceTransaction(store, {
    amount: charge.amount,
    fee: processingFee(charge.amount, currency),
    currency,
    type: 'charge',
    reportingCategory: 'charge',
    source: charge.id,
    description: pi.description,
  }).id
  let transfer: Stripe.Transfer | null = null
  if (pi.transfer_data) {
    const destination =
      typeof pi.transfer_data.destination === 'string'
        ? pi.transfer_data.destination
        : pi.transfer_data.destination.id
    const group = pi.transfer_group ?? `group_${pi.id}`
    charge.transfer_group = group
    transfer = createTransferRecord(store, {
      amount: pi.transfer_data.amount ?? pi.amount - (pi.application_fee_amount ?? 0),
      currency,
      destination,
      transferGroup: group,
      sourceTransaction: charge.id,
      description: null,
      metadata: {},
    })
    charge.transfer = transfer.id
  }
  pi.status = 'succeeded'
  pi.amount_received = pi.amount
  pi.latest_charge = charge.id
  pi.next_action = null
  pi.last_payment_error = null
  if (pi.setup_future_usage && typeof pi.customer === 'string') {
    attachPaymentMethod(store, pm, pi.customer, origin)
  }
  store.emit('charge.succeeded', charge, origin)
  store.emit('payment_intent.succeeded', pi, origin)
  if (transfer) store.emit('transfer.created', transfer, origin)
}

/** A declined attempt: a failed charge, the PI back to requires_payment_method, the 402. */
function declinePaymentIntent(
  store: Store,
  pi: Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod,
  declineCode: string,
  origin: Origin,
): StripeApiError {
  const message = declineMessages[declineCode] ?? 'Your card was declined.'
  const charge = store.put(store.charges, baseCharge(store, pi, pm, 'failed'))
  charge.failure_code = 'card_declined'
  charge.failure_message = message
  const error = {
    type: 'card_error' as const,
    code: 'card_declined' as const,
    decline_code: declineCode,
    message,
    doc_url: 'https://docs.stripe.com/error-codes/card-declined',
    charge: charge.id,
  }
  pi.status = 'requires_payment_method'
  pi.payment_method = null
  pi.next_action = null
  pi.latest_charge = charge.id
  pi.last_payment_error = { ...error, payment_method: structuredClone(pm) }
  store.emit('charge.failed', charge, origin)
  store.emit('payment_intent.payment_failed', pi, origin)
  return new StripeApiError(402, {
    ...error,
    payment_intent: structuredClone(pi),
    payment_method: structuredClone(pm),
  })
}

/** The hosted authentication page's answer for a PaymentIntent in requires_action. */
export function finishPaymentAuthentication(
  store: Store,
  pi: Stripe.PaymentIntent,
  passed: boolean,
): void {
  if (passed) {
    succeedPaymentIntent(store, pi, hostedOrigin)
    return
  }
  const pm = requirePaymentMethod(store, pi.payment_method)
  pi.status = 'requires_payment_method'
  pi.next_action = null
  pi.payment_method = null
  pi.last_payment_error = {
    type: 'invalid_request_error',
    code: 'payment_intent_authentication_failure',
    message:
      'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
    doc_url: 'https://docs.stripe.com/error-codes/payment-intent-authentication-failure',
    payment_method: structuredClone(pm),
  }
  store.emit('payment_intent.payment_failed', pi, hostedOrigin)
}

/** Confirms a SetupIntent that has a payment method: succeeds, asks to authenticate, or 402. */
export function confirmSetupIntent(
  store: Store,
  si: Stripe.SetupIntent,
  options: { returnUrl: string | null; failure: CardFailure | null },
  origin: Origin,
): void {
  const pm = requirePaymentMethod(store, si.payment_method)
  const outcome = attemptOutcome(store, pm, 'setup', options.failure)
  if (outcome.kind === 'succeed') {
    succeedSetupIntent(store, si, origin)
    return
  }
  if (outcome.kind === 'authenticate') {
    si.status = 'requires_action'
    si.next_action = {
      type: 'redirect_to_url',
      redirect_to_url: { url: authenticationUrl(store, si.id), return_url: options.returnUrl },
    }
    if (options.returnUrl) store.returnUrls.set(si.id, options.returnUrl)
    store.emit('setup_intent.requires_action', si, origin)
    return
  }
  const message = declineMessages[outcome.code] ?? 'Your card was declined.'
  const error = {
    type: 'card_error' as const,
    code: 'card_declined' as const,
    decline_code: outcome.code,
    message,
    doc_url: 'https://docs.stripe.com/error-codes/card-declined',
  }
  si.status = 'requires_payment_method'
  si.payment_method = null
  si.next_action = null
  si.last_setup_error = { ...error, payment_method: structuredClone(pm) }
  store.emit('setup_intent.setup_failed', si, origin)
  throw new StripeApiError(402, {
    ...error,
    setup_intent: structuredClone(si),
    payment_method: structuredClone(pm),
  })
}

function succeedSetupIntent(store: Store, si: Stripe.SetupIntent, origin: Origin): void {
  const pm = requirePaymentMethod(store, si.payment_method)
  if (typeof si.customer === 'string') attachPaymentMethod(store, pm, si.customer, origin)
  si.status = 'succeeded'
  si.next_action = null
  si.last_setup_error = null
  store.emit('setup_intent.succeeded', si, origin)
}

export function finishSetupAuthentication(
  store: Store,
  si: Stripe.SetupIntent,
  passed: boolean,
): void {
  if (passed) {
    succeedSetupIntent(store, si, hostedOrigin)
    return
  }
  const pm = requirePaymentMethod(store, si.payment_method)
  si.status = 'requires_payment_method'
  si.next_action = null
  si.payment_method = null
  si.last_setup_error = {
    type: 'invalid_request_error',
    code: 'setup_intent_authentication_failure',
    message:
      'The latest attempt to set up the payment method has failed because authentication failed.',
    payment_method: structuredClone(pm),
  }
  store.emit('setup_intent.setup_failed', si, hostedOrigin)
}

/**
 * The account money may be sent to: it exists, finished onboarding, and Stripe lets the
 * platform's country pay its country (CONTRACT.md, Connect rules).
 */
export function checkDestination(store: Store, id: string, param: string): Stripe.Account {
  const account = store.accounts.get(id)
  if (!account) throw noSuch('destination', id, param)
  if (account.capabilities?.transfers !== 'active' || !account.payouts_enabled) {
    throw invalidRequest(
      'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
      { param, code: 'insufficient_capabilities_for_transfer' },
    )
  }
  const country = account.country ?? store.platformCountry
  if (!regionAllowsTransfer(store.platformCountry, country)) {
    throw transfersNotAllowed(store.platformCountry, country, param)
  }
  return account
}

export function createTransferRecord(
  store: Store,
  fields: {
    amount: number
    currency: Currency
    destination: string
    transferGroup: string | null
    sourceTransaction: string | null
    description: string | null
    metadata: Stripe.Metadata
  },
): Stripe.Transfer {
  const id = store.newId('tr')
  const transfer = store.put(store.transfers, {
    id,
    object: 'transfer',
    amount: fields.amount,
    amount_reversed: 0,
    balance_transaction: null,
    created: store.now(),
    currency: fields.currency,
    description: fields.description,
    destination: fields.destination,
    destination_payment: store.newId('py'),
    livemode: false,
    metadata: fields.metadata,
    reversals: { object: 'list', data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
    reversed: false,
    source_transaction: fields.sourceTransaction,
    source_type: 'card',
    transfer_group: fields.transferGroup,
  })
  transfer.balance_transaction = addBalanceTransaction(store, {
    amount: -fields.amount,
    fee: 0,
    currency: fields.currency,
    type: 'transfer',
    reportingCategory: 'transfer',
    source: transfer.id,
    description: fields.description,
  }).id
  return transfer
}

/** What a charge has left to give: its amount less refunds and transfers made from it. */
export function transferableFromCharge(store: Store, charge: Stripe.Charge): number {
  let transferred = 0
  for (const transfer of store.transfers.values()) {
    if (transfer.source_transaction === charge.id) {
      transferred += transfer.amount - transfer.amount_reversed
    }
  }
  return charge.amount - charge.amount_refunded - transferred
}

export function defaultCurrencyOf(country: string): Currency {
  return countryCurrencies[country] ?? 'usd'
}

/** Refunds part or all of a succeeded charge, reversing its destination transfer if asked. */
export function refundCharge(
  store: Store,
  charge: Stripe.Charge,
  fields: {
    amount: number | undefined
    reason: Stripe.Refund.Reason | null
    metadata: Stripe.Metadata
    reverseTransfer: boolean
  },
  origin: Origin,
): Stripe.Refund {
  const left = charge.amount - charge.amount_refunded
  if (left === 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
      code: 'charge_already_refunded',
    })
  }
  const amount = fields.amount ?? left
  const currency = parseCurrency(charge.currency)
  if (amount <= 0) {
    throw invalidRequest('Invalid positive integer', { param: 'amount' })
  }
  if (amount > left) {
    throw invalidRequest(
      `Refund amount (${amount} ${currency}) is greater than unrefunded amount on charge (${left} ${currency})`,
      { param: 'amount', code: 'amount_too_large' },
    )
  }
  const transfer =
    typeof charge.transfer === 'string' ? store.transfers.get(charge.transfer) : undefined
  if (fields.reverseTransfer && !transfer) {
    throw invalidRequest('reverse_transfer can only be used on a charge with a transfer.', {
      param: 'reverse_transfer',
    })
  }
  const id = store.newId('re')
  const refund = store.put(store.refunds, {
    id,
    object: 'refund',
    amount,
    balance_transaction: null,
    charge: charge.id,
    created: store.now(),
    currency,
    customer: charge.customer,
    customer_account: null,
    metadata: fields.metadata,
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: fields.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  })
  refund.balance_transaction = addBalanceTransaction(store, {
    amount: -amount,
    fee: 0,
    currency,
    type: 'refund',
    reportingCategory: 'refund',
    source: refund.id,
    description: 'REFUND FOR CHARGE',
  }).id
  charge.amount_refunded += amount
  charge.refunded = charge.amount_refunded === charge.amount
  const refunds = charge.refunds ?? { object: 'list', data: [], has_more: false, url: '' }
  refunds.data = [structuredClone(refund), ...refunds.data]
  refunds.url = `/v1/charges/${charge.id}/refunds`
  charge.refunds = refunds
  let reversed: Stripe.Transfer | null = null
  if (fields.reverseTransfer && transfer) {
    reversed = reverseTransfer(store, transfer, charge, refund, amount)
  }
  store.emit('refund.created', refund, origin)
  store.emit('charge.refunded', charge, origin)
  if (reversed) store.emit('transfer.reversed', reversed, origin)
  return refund
}

/** Reverses the refund's share of a destination transfer; the last refund takes the rest. */
function reverseTransfer(
  store: Store,
  transfer: Stripe.Transfer,
  charge: Stripe.Charge,
  refund: Stripe.Refund,
  refundAmount: number,
): Stripe.Transfer {
  const remaining = transfer.amount - transfer.amount_reversed
  const share = charge.refunded
    ? remaining
    : Math.min(remaining, Math.round((transfer.amount * refundAmount) / charge.amount))
  const reversal = store.put(store.transferReversals, {
    id: store.newId('trr'),
    object: 'transfer_reversal',
    amount: share,
    balance_transaction: null,
    created: store.now(),
    currency: transfer.currency,
    destination_payment_refund: store.newId('pyr'),
    metadata: {},
    source_refund: refund.id,
    transfer: transfer.id,
  })
  reversal.balance_transaction = addBalanceTransaction(store, {
    amount: share,
    fee: 0,
    currency: transfer.currency,
    type: 'transfer_refund',
    reportingCategory: 'transfer_reversal',
    source: reversal.id,
    description: null,
  }).id
  refund.transfer_reversal = reversal.id
  transfer.amount_reversed += share
  transfer.reversed = transfer.amount_reversed === transfer.amount
  transfer.reversals.data = [structuredClone(reversal), ...transfer.reversals.data]
  return transfer
}
