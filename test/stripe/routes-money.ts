// Transfers to connected accounts, the platform's balance and balance transactions, and the
// event log. Types: node_modules/stripe/esm/resources/{Transfers,BalanceTransactions,Balance,
// Events}.d.ts.
import type Stripe from 'stripe'
import { z } from 'zod'
import { invalidRequest, noSuch } from './errors.ts'
import { expand, id, int, listShape, metadata, parseParams, str } from './params.ts'
import {
  availableBalance,
  checkDestination,
  createTransferRecord,
  transferableFromCharge,
} from './payments.ts'
import { type Route, route } from './router.ts'
import { checkPositive, currencyRules, parseCurrency } from './rules.ts'
import { mergeMetadata } from './state.ts'

const TransferCreate = z.strictObject({
  amount: int,
  currency: str,
  destination: id,
  transfer_group: str.optional(),
  source_transaction: id.optional(),
  description: str.optional(),
  metadata: metadata.optional(),
  expand,
})

const balanceTransactionTypes = ['charge', 'refund', 'transfer', 'transfer_refund'] as const

/** `charge.*` style patterns, as `GET /v1/events?type=` takes them. */
function eventTypeMatches(pattern: string, type: string): boolean {
  if (!pattern.includes('*')) return pattern === type
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${source}$`).test(type)
}

export function moneyRoutes(): Route[] {
  return [
    route('POST', '/v1/transfers', ({ store, params, origin }) => {
      const p = parseParams(TransferCreate, params)
      const currency = parseCurrency(p.currency)
      checkPositive(p.amount, 'amount')
      checkDestination(store, p.destination, 'destination')
      if (p.source_transaction !== undefined) {
        const charge = store.charges.get(p.source_transaction)
        if (!charge || charge.status !== 'succeeded') {
          throw noSuch('charge', p.source_transaction, 'source_transaction')
        }
        if (charge.currency !== currency) {
          throw invalidRequest(
            `The currency of source_transaction's balance transaction (${charge.currency}) must be the same as the transfer currency (${currency}).`,
            { param: 'currency' },
          )
        }
        const left = transferableFromCharge(store, charge)
        if (p.amount > left) {
          throw invalidRequest(
            `Insufficient funds in the source transaction: ${left} ${currency} is left of ${charge.id} after refunds and earlier transfers.`,
            { param: 'amount', code: 'balance_insufficient' },
          )
        }
      } else if (availableBalance(store, currency) < p.amount) {
        throw invalidRequest(
          'You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card.',
          { param: 'amount', code: 'balance_insufficient' },
        )
      }
      const transfer = createTransferRecord(store, {
        amount: p.amount,
        currency,
        destination: p.destination,
        transferGroup: p.transfer_group || null,
        sourceTransaction: p.source_transaction ?? null,
        description: p.description || null,
        metadata: mergeMetadata({}, p.metadata),
      })
      store.emit('transfer.created', transfer, origin)
      return transfer
    }),

    route('GET', '/v1/transfers/:id', ({ store, params }, transferId) => {
      parseParams(z.strictObject({ expand }), params)
      const transfer = store.transfers.get(transferId)
      if (!transfer) throw noSuch('transfer', transferId, null)
      return transfer
    }),

    route('GET', '/v1/transfers', ({ store, params }) => {
      const p = parseParams(
        z.strictObject({
          ...listShape,
          destination: id.optional(),
          transfer_group: str.optional(),
        }),
        params,
      )
      const items = [...store.transfers.values()].filter(
        (t) =>
          (p.destination === undefined || t.destination === p.destination) &&
          (p.transfer_group === undefined || t.transfer_group === p.transfer_group),
      )
      return store.page(items, '/v1/transfers', p, 'transfer')
    }),

    route('GET', '/v1/balance_transactions/:id', ({ store, params }, txnId) => {
      parseParams(z.strictObject({ expand }), params)
      const txn = store.balanceTransactions.get(txnId)
      if (!txn) throw noSuch('balance_transaction', txnId, null)
      return txn
    }),

    route('GET', '/v1/balance_transactions', ({ store, params }) => {
      const p = parseParams(
        z.strictObject({
          ...listShape,
          type: z.enum(balanceTransactionTypes).optional(),
          source: id.optional(),
          currency: str.optional(),
        }),
        params,
      )
      const currency = p.currency === undefined ? undefined : parseCurrency(p.currency)
      const items = [...store.balanceTransactions.values()].filter(
        (t) =>
          (p.type === undefined || t.type === p.type) &&
          (p.source === undefined || t.source === p.source) &&
          (currency === undefined || t.currency === currency),
      )
      return store.page(items, '/v1/balance_transactions', p, 'balance_transaction')
    }),

    route('GET', '/v1/balance', ({ store, params }) => {
      parseParams(z.strictObject({ expand }), params)
      const currencies = Object.keys(currencyRules).filter((currency) =>
        [...store.balanceTransactions.values()].some((t) => t.currency === currency),
      )
      const balance: Stripe.Balance = {
        object: 'balance',
        available: currencies.map((currency) => ({
          amount: availableBalance(store, currency),
          currency,
          source_types: { card: availableBalance(store, currency) },
        })),
        livemode: false,
        pending: currencies.map((currency) => ({
          amount: 0,
          currency,
          source_types: { card: 0 },
        })),
      }
      return balance
    }),

    route('GET', '/v1/events/:id', ({ store, params }, eventId) => {
      parseParams(z.strictObject({ expand }), params)
      const event = store.events.get(eventId)
      if (!event) throw noSuch('event', eventId, null)
      return event
    }),

    route('GET', '/v1/events', ({ store, params }) => {
      const p = parseParams(
        z.strictObject({
          ...listShape,
          type: str.optional(),
          types: z.array(str).max(20).optional(),
        }),
        params,
      )
      if (p.type !== undefined && p.types !== undefined) {
        throw invalidRequest('You may only specify one of these parameters: type, types.', {
          param: 'types',
          code: 'parameters_exclusive',
        })
      }
      const patterns = p.types ?? (p.type === undefined ? undefined : [p.type])
      const items = [...store.events.values()].filter(
        (e) =>
          patterns === undefined || patterns.some((pattern) => eventTypeMatches(pattern, e.type)),
      )
      return store.page(items, '/v1/events', p, 'event')
    }),
  ]
}
