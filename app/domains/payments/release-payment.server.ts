// Releases part (or all) of a payment's price from escrow to the payee, with the platform fee's
// share of it: deducted from the payee's part, or taken from the payer's added fee. The shares
// are counted cumulatively, so every release of one payment together takes the quote's fee to
// the fen. The provider then moves the money out (a Stripe transfer, or a custody instruction).
import { and, eq, sql } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from '../../../db/schema/index.ts'
import { UserError } from '../problems.ts'
import { account, balanceOf, InsufficientFunds, post } from './ledger.server.ts'
import { cumulativeShare } from './money.ts'
import { lockPayment, movePayment, payeeOf } from './payment-ops.server.ts'
import { providerFor } from './providers.server.ts'

/** How much of the price earlier releases of this payment have let go. */
async function releasedPrice(
  tx: Tx,
  paymentId: string,
  mode: 'deducted' | 'added',
): Promise<number> {
  // Deducted: the price leaves escrow whole (fee inside it). Added: the payee's credit is the price.
  const kind = mode === 'deducted' ? 'escrow' : 'payable'
  const rows = await tx
    .select({ total: sql<string>`coalesce(sum(abs(${ledgerEntries.amount})), 0)` })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(
      and(
        eq(ledgerTransactions.paymentId, paymentId),
        eq(ledgerTransactions.kind, 'release'),
        eq(ledgerAccounts.kind, kind),
        // A release reversed by a rejected custody instruction is back in escrow, to release again.
        sql`not exists (select 1 from ledger_transactions r where r.reverses_id = ${ledgerTransactions.id})`,
      ),
    )
  return Number(rows[0]?.total ?? 0)
}

export async function releasePayment(
  tx: Tx,
  input: {
    paymentId: string
    /** The part of the quote's price (subtotal) to release. */
    priceFen: number
    operationKey: string
    actorUserId?: string | null
    memo?: string
    /**
     * How much of this release is the voucher claim (通兑: the payee redeems it with the agency
     * itself): handed to the payee instead of cash, so less is sent.
     */
    voucherFen?: number
  },
): Promise<{ released: boolean; payeeFen: number; feeFen: number }> {
  const locked = await lockPayment(tx, input.paymentId)
  const { payment, quote, mode } = locked
  if (payment.status !== 'held') throw new UserError('payments:errors.notHeld')
  const before = await releasedPrice(tx, payment.id, mode)
  if (
    !Number.isSafeInteger(input.priceFen) ||
    input.priceFen <= 0 ||
    before + input.priceFen > quote.subtotalFen
  )
    throw new UserError('payments:errors.releaseTooMuch')
  const feeFen = cumulativeShare(quote.feeFen, before, input.priceFen, quote.subtotalFen)
  const payeeFen = mode === 'deducted' ? input.priceFen - feeFen : input.priceFen
  const fromEscrow = mode === 'deducted' ? input.priceFen : input.priceFen + feeFen
  const voucherFen = input.voucherFen ?? 0
  if (!Number.isSafeInteger(voucherFen) || voucherFen < 0 || voucherFen > payeeFen)
    throw new UserError('payments:errors.releaseTooMuch')
  const payee = payeeOf(payment)
  let posted
  try {
    posted = await post(tx, {
      kind: 'release',
      operationKey: input.operationKey,
      memo: input.memo ?? payment.description,
      paymentId: payment.id,
      businessKind: payment.businessKind,
      businessId: payment.businessId,
      provider: payment.provider,
      actorUserId: input.actorUserId ?? null,
      lines: [
        { account: account.escrow(payment.id, payment.currency), debit: fromEscrow },
        { account: account.payable(payee, payment.currency), credit: payeeFen },
        { account: account.platformFees(payment.currency), credit: feeFen },
        ...(voucherFen > 0 && quote.voucherId
          ? [
              { account: account.payable(payee, payment.currency), debit: voucherFen },
              {
                account: account.voucherReceivable(quote.voucherId, payment.currency),
                credit: voucherFen,
              },
            ]
          : []),
      ],
    })
  } catch (error) {
    // Refunds already took what this release asks for.
    if (error instanceof InsufficientFunds) throw new UserError('payments:errors.releaseTooMuch')
    throw error
  }
  if (!posted.created) return { released: false, payeeFen, feeFen }
  // A fee as large as the price (a minimum fee on a tiny price) leaves the payee nothing to send.
  if (payeeFen - voucherFen > 0)
    await providerFor(payment.provider).sendRelease(tx, {
      payment: locked,
      amountFen: payeeFen - voucherFen,
      operationKey: input.operationKey,
      ledgerTransactionId: posted.id,
      actorUserId: input.actorUserId ?? null,
    })
  await settleIfEmpty(tx, payment.id, payment.currency)
  return { released: true, payeeFen, feeFen }
}

/**
 * Gives a voucher claim back: the booking it paid for was cancelled, so the agency owes
 * nothing for it and escrow no longer holds it. Once per payment.
 */
export async function returnVoucherClaim(tx: Tx, paymentId: string): Promise<void> {
  const { payment, quote } = await lockPayment(tx, paymentId)
  if (payment.status !== 'held' || quote.voucherFen <= 0 || !quote.voucherId) return
  await post(tx, {
    kind: 'voucher-return',
    operationKey: `voucher-return:${payment.id}`,
    memo: payment.description,
    paymentId: payment.id,
    businessKind: payment.businessKind,
    businessId: payment.businessId,
    lines: [
      { account: account.escrow(payment.id, payment.currency), debit: quote.voucherFen },
      {
        account: account.voucherReceivable(quote.voucherId, payment.currency),
        credit: quote.voucherFen,
      },
    ],
  })
  await settleIfEmpty(tx, payment.id, payment.currency)
}

/** A payment whose escrow is empty has nothing left to release or refund. */
export async function settleIfEmpty(
  tx: Tx,
  paymentId: string,
  currency: 'CNY' | 'USD' | 'HKD' | 'EUR',
) {
  if ((await balanceOf(tx, account.escrow(paymentId, currency))) === 0)
    await movePayment(tx, { paymentId, action: 'settle', actorRoles: ['system'] })
}
