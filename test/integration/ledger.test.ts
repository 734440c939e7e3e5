// The ledger against real PostgreSQL: entries cannot be changed or deleted, a transaction that
// does not balance cannot commit, the same operation posts once, and a thousand concurrent
// releases and refunds on fifty payments never take an escrow below zero or create money.
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  custodyInstructions,
  ledgerEntries,
  ledgerTransactions,
  payments,
} from '../../db/schema/index.ts'
import {
  account,
  balanceOf,
  post,
  reverse,
  summedBalanceOf,
} from '../../app/domains/payments/ledger.server.ts'
import { refundPayment } from '../../app/domains/payments/refund-payment.server.ts'
import { releasePayment } from '../../app/domains/payments/release-payment.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import { cumulativeShare } from '../../app/domains/payments/money.ts'
import { createOrg, createUser } from '../factories/index.ts'
import { createTestPayment } from '../factories/payments.ts'

/** The database's own message, under drizzle's "Failed query" wrapper. */
const dbMessage = (error: unknown): string =>
  error instanceof Error
    ? `${error.message} ${String((error.cause as Error | undefined)?.message)}`
    : ''

async function refused(work: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  )
  expect(dbMessage(error)).toMatch(pattern)
}

async function parties() {
  const payer = await createUser(db())
  const provider = await createOrg(db(), { name: '测试检测实验室' })
  return { payer, payee: { orgId: provider.id } }
}

describe('the ledger', () => {
  it('refuses UPDATE and DELETE on entries, and an unbalanced transaction at commit', async () => {
    const { payer, payee } = await parties()
    const { payment } = await createTestPayment(db(), {
      payerUserId: payer.id,
      payee,
      priceFen: 10_000,
      collected: true,
    })
    const [entry] = await db()
      .select({ id: ledgerEntries.id })
      .from(ledgerEntries)
      .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
      .where(eq(ledgerTransactions.paymentId, payment.id))
    expect(entry).toBeDefined()
    await refused(
      db().execute(sql`update ledger_entries set amount = 1 where id = ${entry?.id}`),
      /append-only/,
    )
    await refused(
      db().execute(sql`delete from ledger_entries where id = ${entry?.id}`),
      /append-only/,
    )
    await refused(
      db().execute(sql`update ledger_transactions set memo = 'x' where payment_id = ${payment.id}`),
      /append-only/,
    )

    // Straight to the database, past the code's own check: one leg only.
    const accountRow = await db().execute<{ id: string }>(
      sql`select id from ledger_accounts where code = 'custody_cash'`,
    )
    await refused(
      db().transaction(async (tx) => {
        const [t] = await tx
          .insert(ledgerTransactions)
          .values({ kind: 'test', operationKey: `unbalanced-${payment.id}`, postedAt: new Date() })
          .returning()
        await tx.insert(ledgerEntries).values({
          transactionId: t?.id ?? '',
          accountId: accountRow[0]?.id ?? '',
          amount: 500,
          currency: 'CNY',
        })
      }),
      /does not balance/,
    )
    expect(
      await db()
        .select()
        .from(ledgerTransactions)
        .where(eq(ledgerTransactions.operationKey, `unbalanced-${payment.id}`)),
    ).toHaveLength(0)
  })

  it('posts an operation once however often it is asked, and reverses by a new transaction', async () => {
    const { payer, payee } = await parties()
    const { payment } = await createTestPayment(db(), {
      payerUserId: payer.id,
      payee,
      priceFen: 20_000,
      collected: true,
    })
    const escrow = account.escrow(payment.id, 'CNY')
    const lines = [
      { account: escrow, debit: 5_000 },
      { account: account.refundable({ userId: payer.id }, 'CNY'), credit: 5_000 },
    ]
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        db().transaction((tx) =>
          post(tx, { kind: 'test-refund', operationKey: `op-${payment.id}`, lines }),
        ),
      ),
    )
    expect(results.filter((r) => r.created)).toHaveLength(1)
    expect(await balanceOf(db(), escrow)).toBe(15_000)
    const created = results.find((r) => r.created)
    await db().transaction((tx) =>
      reverse(tx, {
        transactionId: created?.id ?? '',
        operationKey: `undo-${payment.id}`,
        memo: '误操作更正',
      }),
    )
    expect(await balanceOf(db(), escrow)).toBe(20_000)
    expect(await summedBalanceOf(db(), escrow)).toBe(20_000)
  })

  it('1,000 concurrent releases and refunds on 50 payments: no escrow below zero, no money created', async () => {
    const { payer, payee } = await parties()
    const deals = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        createTestPayment(db(), {
          payerUserId: payer.id,
          payee,
          priceFen: 10_000 + i * 137,
          collected: true,
        }),
      ),
    )
    const succeeded = new Map<string, { released: number; refunded: number }>()
    for (const d of deals) succeeded.set(d.payment.id, { released: 0, refunded: 0 })
    let refused = 0
    const ops = Array.from({ length: 1000 }, (_, n) => {
      const deal = deals[n % deals.length]
      if (!deal) throw new Error('no deal')
      const amount = 100 + Math.floor(Math.random() * 1500)
      const release = Math.random() < 0.5
      return async () => {
        try {
          await db().transaction(async (tx) => {
            await (release
              ? releasePayment(tx, {
                  paymentId: deal.payment.id,
                  priceFen: amount,
                  operationKey: `rel-${n}`,
                })
              : refundPayment(tx, {
                  paymentId: deal.payment.id,
                  amountFen: amount,
                  operationKey: `ref-${n}`,
                  reason: '部分退款',
                }))
          })
          const s = succeeded.get(deal.payment.id)
          if (s) s[release ? 'released' : 'refunded'] += amount
        } catch (error) {
          if (!(error instanceof UserError)) throw error
          refused++
        }
      }
    })
    // Sixteen at a time, in random order: many operations on one payment run at once.
    ops.sort(() => Math.random() - 0.5)
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let op = ops.shift(); op; op = ops.shift()) await op()
      }),
    )
    expect(refused).toBeGreaterThan(0) // some asked for more than was left

    let feeTotal = 0
    for (const d of deals) {
      const s = succeeded.get(d.payment.id) ?? { released: 0, refunded: 0 }
      const escrow = await balanceOf(db(), account.escrow(d.payment.id, 'CNY'))
      expect(escrow).toBeGreaterThanOrEqual(0)
      // Equipment fees are deducted: the price leaves escrow whole.
      expect(escrow).toBe(d.payment.amountFen - s.released - s.refunded)
      expect(await summedBalanceOf(db(), account.escrow(d.payment.id, 'CNY'))).toBe(escrow)
      const [row] = await db().select().from(payments).where(eq(payments.id, d.payment.id))
      expect(row?.status).toBe(escrow === 0 ? 'settled' : 'held')
      // However the releases were cut, their fee shares add up to the share of the total.
      feeTotal += cumulativeShare(d.quote.feeFen, 0, s.released, d.quote.subtotalFen)
    }
    // Every transaction nets to zero, so all accounts together hold nothing that did not come in.
    const net = await db().execute<{ net: string }>(
      sql`select coalesce(sum(amount), 0)::text as net from ledger_entries`,
    )
    expect(Number(net[0]?.net)).toBe(0)
    const instructions = await db().select().from(custodyInstructions)
    expect(instructions.every((i) => i.amountFen > 0)).toBe(true)
    const fees = await db().execute<{ fees: string }>(sql`
      select coalesce(-sum(e.amount), 0)::text as fees from ledger_entries e
      join ledger_accounts a on a.id = e.account_id
      join ledger_transactions t on t.id = e.transaction_id
      where a.kind = 'platform_fees' and t.payment_id in ${deals.map((d) => d.payment.id)}`)
    expect(Number(fees[0]?.fees)).toBe(feeTotal)
  }, 120_000)
})
