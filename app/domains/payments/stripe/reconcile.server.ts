// Reconciles the ledger with Stripe for a date range: every balance transaction Stripe made
// (charges with their processing fee, refunds, transfers and their reversals) against the
// ledger's postings on the Stripe clearing and fee accounts that name the same Stripe object,
// to the fen. Differences are listed, never corrected here: corrections are postings a finance
// admin decides on.
import { and, gte, inArray, isNotNull, lt, sql, eq } from 'drizzle-orm'
import type Stripe from 'stripe'
import { db } from '../../../../db/client.server.ts'
import {
  ledgerAccounts,
  ledgerEntries,
  ledgerTransactions,
  payments,
  providerOperations,
} from '../../../../db/schema/index.ts'
import { stripe } from './client.server.ts'
import { idOf } from './routing.ts'

export type DifferenceKind =
  'missing-in-ledger' | 'missing-at-stripe' | 'amount-differs' | 'fee-differs'

export type Difference = {
  kind: DifferenceKind
  /** The Stripe object (ch_, re_, tr_, …) both sides are keyed by. */
  object: string
  currency: string
  /** Gross amounts as they move the platform's Stripe balance: money in positive, out negative. */
  stripeAmountFen: number
  ledgerAmountFen: number
  stripeFeeFen: number
  ledgerFeeFen: number
}

/** A destination transfer Stripe made at charge time whose release the ledger has not reached. */
export type InTransit = {
  object: string
  paymentId: string
  currency: string
  stripeAmountFen: number
  ledgerAmountFen: number
}

export type Reconciliation = {
  from: Date
  to: Date
  matched: number
  differences: Difference[]
  inTransit: InTransit[]
}

type Side = { currency: string; amount: number; fee: number }

const add = (map: Map<string, Side>, key: string, side: Side) => {
  const known = map.get(key)
  if (known) {
    known.amount += side.amount
    known.fee += side.fee
  } else map.set(key, { ...side })
}

/** The Stripe object a balance transaction belongs to; a transfer's reversals go with it. */
function keyOf(txn: Stripe.BalanceTransaction): string {
  const source = txn.source
  if (source && typeof source !== 'string' && source.object === 'transfer_reversal')
    return idOf(source.transfer) ?? source.id
  return idOf(source) ?? txn.id
}

async function stripeSide(from: Date, to: Date): Promise<Map<string, Side>> {
  const sides = new Map<string, Side>()
  const list = stripe().balanceTransactions.list({
    created: { gte: Math.floor(from.getTime() / 1000), lt: Math.floor(to.getTime() / 1000) },
    limit: 100,
    expand: ['data.source'],
  })
  for await (const txn of list)
    add(sides, keyOf(txn), {
      currency: txn.currency.toUpperCase(),
      amount: txn.amount,
      fee: txn.fee,
    })
  return sides
}

/** Everything Stripe has for objects that the range's ledger names but Stripe's range did not. */
async function stripeObjects(keys: readonly string[]): Promise<Map<string, Side>> {
  const sides = new Map<string, Side>()
  for (const key of keys) {
    for await (const txn of stripe().balanceTransactions.list({ source: key, limit: 100 }))
      add(sides, key, { currency: txn.currency.toUpperCase(), amount: txn.amount, fee: txn.fee })
    if (key.startsWith('tr_') && sides.has(key)) {
      const transfer = await stripe().transfers.retrieve(key, {
        expand: ['reversals.data.balance_transaction'],
      })
      for (const reversal of transfer.reversals.data) {
        const txn = reversal.balance_transaction
        if (txn && typeof txn !== 'string')
          add(sides, key, {
            currency: txn.currency.toUpperCase(),
            amount: txn.amount,
            fee: txn.fee,
          })
      }
    }
  }
  return sides
}

/** The ledger's Stripe postings by object: the clearing account's movement and the fees booked. */
async function ledgerSide(
  where: { from: Date; to: Date } | { refs: readonly string[] },
): Promise<Map<string, Side>> {
  if ('refs' in where && where.refs.length === 0) return new Map()
  const rows = await db()
    .select({
      ref: ledgerTransactions.providerRef,
      currency: ledgerEntries.currency,
      clearing: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerAccounts.kind} = 'stripe_clearing'), 0)`,
      fees: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerAccounts.kind} = 'stripe_fees'), 0)`,
    })
    .from(ledgerTransactions)
    .innerJoin(ledgerEntries, eq(ledgerEntries.transactionId, ledgerTransactions.id))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(
      and(
        eq(ledgerTransactions.provider, 'stripe'),
        isNotNull(ledgerTransactions.providerRef),
        'refs' in where
          ? inArray(ledgerTransactions.providerRef, [...where.refs])
          : and(
              gte(ledgerTransactions.postedAt, where.from),
              lt(ledgerTransactions.postedAt, where.to),
            ),
      ),
    )
    .groupBy(ledgerTransactions.providerRef, ledgerEntries.currency)
  const sides = new Map<string, Side>()
  for (const row of rows) {
    if (!row.ref) continue
    const clearing = Number(row.clearing)
    const fee = Number(row.fees)
    // Postings that only move money inside the ledger (escrow to refundable) name the object too.
    if (clearing === 0 && fee === 0) continue
    // The clearing account holds what Stripe holds: the gross less the fee Stripe took.
    add(sides, row.ref, { currency: row.currency, amount: clearing + fee, fee })
  }
  return sides
}

/** Destination transfers of payments still held: the payee has the money, the ledger's escrow too. */
async function awaitingRelease(transferIds: readonly string[]): Promise<Map<string, string>> {
  if (transferIds.length === 0) return new Map()
  const rows = await db()
    .select({ ref: providerOperations.resultRef, paymentId: payments.id })
    .from(providerOperations)
    .innerJoin(payments, eq(payments.id, providerOperations.paymentId))
    .where(
      and(
        eq(providerOperations.kind, 'destination-transfer'),
        inArray(providerOperations.resultRef, [...transferIds]),
        eq(payments.status, 'held'),
      ),
    )
  return new Map(rows.flatMap((r) => (r.ref ? [[r.ref, r.paymentId] as const] : [])))
}

export async function reconcileStripe(range: { from: Date; to: Date }): Promise<Reconciliation> {
  const atStripe = await stripeSide(range.from, range.to)
  const inLedgerRange = await ledgerSide(range)
  const onlyInLedger = [...inLedgerRange.keys()].filter((k) => !atStripe.has(k))
  const stripeElsewhere = await stripeObjects(onlyInLedger)
  for (const [key, side] of stripeElsewhere) atStripe.set(key, side)
  // Each object is compared whole: the ledger may have posted it in another month.
  const keys = [...new Set([...atStripe.keys(), ...inLedgerRange.keys()])].sort()
  const inLedger = await ledgerSide({ refs: keys })
  const held = await awaitingRelease(keys.filter((k) => k.startsWith('tr_')))

  const differences: Difference[] = []
  const inTransit: InTransit[] = []
  let matched = 0
  for (const key of keys) {
    const s = atStripe.get(key)
    const l = inLedger.get(key)
    const currency = s?.currency ?? l?.currency ?? ''
    const row = {
      object: key,
      currency,
      stripeAmountFen: s?.amount ?? 0,
      ledgerAmountFen: l?.amount ?? 0,
      stripeFeeFen: s?.fee ?? 0,
      ledgerFeeFen: l?.fee ?? 0,
    }
    const paymentId = held.get(key)
    if (paymentId && row.stripeAmountFen !== row.ledgerAmountFen) {
      inTransit.push({ ...row, paymentId })
      continue
    }
    // Equal on both sides is a match even when one side has no rows: a transfer reversed in
    // full nets to zero at Stripe, and the ledger never booked it.
    const same =
      row.stripeAmountFen === row.ledgerAmountFen &&
      row.stripeFeeFen === row.ledgerFeeFen &&
      (!s || !l || s.currency === l.currency)
    const kind: DifferenceKind | null = same
      ? null
      : !l
        ? 'missing-in-ledger'
        : !s
          ? 'missing-at-stripe'
          : s.currency !== l.currency || s.amount !== l.amount
            ? 'amount-differs'
            : 'fee-differs'
    if (kind) differences.push({ kind, ...row })
    else matched++
  }
  return { from: range.from, to: range.to, matched, differences, inTransit }
}
