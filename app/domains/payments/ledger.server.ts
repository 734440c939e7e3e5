// The ledger's one way in: `post` writes a balanced transaction of entries, once per operation
// key. The database places each entry in its account under a row lock (running balance,
// non-negative accounts), refuses changes to what is written, and refuses at commit a
// transaction that does not net to zero per currency. Balances are read from entries only.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { accountKinds, type AccountKind, type Currency, type Provider } from './payments.schema.ts'

export type Party = { orgId: string; userId?: undefined } | { userId: string; orgId?: undefined }

export type AccountRef = {
  kind: AccountKind
  code: string
  currency: Currency
  ownerOrgId?: string | null
  ownerUserId?: string | null
}

const partyCode = (p: Party) => (p.orgId ? `org:${p.orgId}` : `user:${p.userId}`)
const owner = (p: Party) => ({ ownerOrgId: p.orgId ?? null, ownerUserId: p.userId ?? null })

/** The accounts the money layer posts to. */
export const account = {
  custodyCash: (currency: Currency): AccountRef => ({
    kind: 'custody_cash',
    code: 'custody_cash',
    currency,
  }),
  stripeClearing: (currency: Currency): AccountRef => ({
    kind: 'stripe_clearing',
    code: 'stripe_clearing',
    currency,
  }),
  stripeFees: (currency: Currency): AccountRef => ({
    kind: 'stripe_fees',
    code: 'stripe_fees',
    currency,
  }),
  fx: (currency: Currency): AccountRef => ({ kind: 'fx', code: 'fx', currency }),
  platformFees: (currency: Currency): AccountRef => ({
    kind: 'platform_fees',
    code: 'platform_fees',
    currency,
  }),
  escrow: (paymentId: string, currency: Currency): AccountRef => ({
    kind: 'escrow',
    code: `escrow:payment:${paymentId}`,
    currency,
  }),
  payable: (payee: Party, currency: Currency): AccountRef => ({
    kind: 'payable',
    code: `payable:${partyCode(payee)}`,
    currency,
    ...owner(payee),
  }),
  refundable: (payer: Party, currency: Currency): AccountRef => ({
    kind: 'refundable',
    code: `refundable:${partyCode(payer)}`,
    currency,
    ...owner(payer),
  }),
  /** What an issuing agency owes for one innovation voucher's uses. */
  voucherReceivable: (voucherId: string, currency: Currency): AccountRef => ({
    kind: 'voucher_receivable',
    code: `voucher:${voucherId}`,
    currency,
  }),
}

export type PostingLine = { account: AccountRef; debit?: number; credit?: number }

export type PostInput = {
  kind: string
  /** Our operation's id: the same key posts once, however often it is asked. */
  operationKey: string
  memo?: string
  paymentId?: string | null
  businessKind?: string | null
  businessId?: string | null
  provider?: Provider | null
  providerRef?: string | null
  reversesId?: string | null
  actorUserId?: string | null
  lines: readonly PostingLine[]
}

/** A non-negative account (an escrow, a payee's balance) would have gone below zero. */
export class InsufficientFunds extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InsufficientFunds'
  }
}

async function accountIds(tx: Tx, refs: readonly AccountRef[]): Promise<Map<string, string>> {
  const key = (r: { code: string; currency: string }) => `${r.code}|${r.currency}`
  const unique = new Map(refs.map((r) => [key(r), r]))
  await tx
    .insert(ledgerAccounts)
    .values(
      [...unique.values()].map((r) => ({
        code: r.code,
        kind: r.kind,
        currency: r.currency,
        normalSign: accountKinds[r.kind].normal === 'debit' ? 1 : -1,
        nonNegative: accountKinds[r.kind].nonNegative,
        ownerOrgId: r.ownerOrgId ?? null,
        ownerUserId: r.ownerUserId ?? null,
        createdAt: now(),
      })),
    )
    .onConflictDoNothing()
  const rows = await tx
    .select({ id: ledgerAccounts.id, code: ledgerAccounts.code, currency: ledgerAccounts.currency })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.code, [...new Set(refs.map((r) => r.code))]))
  return new Map(rows.map((r) => [key(r), r.id]))
}

/**
 * Posts a balanced transaction. Returns `created: false` (and writes nothing) when the
 * operation key was posted before: webhooks and retries can call it as often as they like.
 */
export async function post(tx: Tx, input: PostInput): Promise<{ id: string; created: boolean }> {
  // A transaction of its own when called outside one, a savepoint inside one: the entries are
  // written together or not at all, and a refusal leaves the caller's transaction usable.
  return tx.transaction((inner) => postIn(inner, input))
}

async function postIn(tx: Tx, input: PostInput): Promise<{ id: string; created: boolean }> {
  const lines = input.lines.filter((l) => (l.debit ?? 0) !== 0 || (l.credit ?? 0) !== 0)
  const net = new Map<string, number>()
  for (const l of lines) {
    for (const v of [l.debit ?? 0, l.credit ?? 0])
      if (!Number.isSafeInteger(v) || v < 0)
        throw new RangeError(`bad amount ${v} in ${input.kind}`)
    net.set(
      l.account.currency,
      (net.get(l.account.currency) ?? 0) + (l.debit ?? 0) - (l.credit ?? 0),
    )
  }
  for (const [currency, n] of net)
    if (n !== 0) throw new RangeError(`${input.kind} does not balance: ${n} ${currency}`)
  if (lines.length === 0) throw new RangeError(`${input.kind} has no entries`)

  const [created] = await tx
    .insert(ledgerTransactions)
    .values({
      kind: input.kind,
      memo: input.memo ?? '',
      operationKey: input.operationKey,
      paymentId: input.paymentId ?? null,
      businessKind: input.businessKind ?? null,
      businessId: input.businessId ?? null,
      provider: input.provider ?? null,
      providerRef: input.providerRef ?? null,
      reversesId: input.reversesId ?? null,
      actorUserId: input.actorUserId ?? null,
      postedAt: now(),
    })
    .onConflictDoNothing({ target: ledgerTransactions.operationKey })
    .returning({ id: ledgerTransactions.id })
  if (!created) {
    const existing = await tx
      .select({ id: ledgerTransactions.id })
      .from(ledgerTransactions)
      .where(eq(ledgerTransactions.operationKey, input.operationKey))
    return { id: existing[0]?.id ?? '', created: false }
  }
  const ids = await accountIds(
    tx,
    lines.map((l) => l.account),
  )
  const entries = lines
    .map((l) => ({
      transactionId: created.id,
      accountId: ids.get(`${l.account.code}|${l.account.currency}`) ?? '',
      amount: (l.debit ?? 0) - (l.credit ?? 0),
      currency: l.account.currency,
    }))
    // One lock order for every poster: two postings on the same accounts cannot deadlock.
    .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0))
  try {
    // One at a time, in lock order (a multi-row insert would not promise the order).
    for (const e of entries) await tx.insert(ledgerEntries).values(e)
  } catch (error) {
    if (violates(error, 'ledger_entries_non_negative'))
      throw new InsufficientFunds(`${input.kind}: an account would go below zero`)
    throw error
  }
  return { id: created.id, created: true }
}

/** Whether a database error (drizzle wraps the driver's in `cause`) is this constraint's. */
function violates(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { constraint_name?: unknown }).constraint_name === constraint) return true
  }
  return false
}

/** A new transaction with every entry of `transactionId` turned the other way. */
export async function reverse(
  tx: Tx,
  input: { transactionId: string; operationKey: string; memo: string; actorUserId?: string | null },
): Promise<{ id: string; created: boolean }> {
  const original = await tx
    .select()
    .from(ledgerTransactions)
    .where(eq(ledgerTransactions.id, input.transactionId))
    .then((r) => r[0])
  if (!original) throw new Error(`no ledger transaction ${input.transactionId}`)
  const entries = await tx
    .select({
      amount: ledgerEntries.amount,
      code: ledgerAccounts.code,
      kind: ledgerAccounts.kind,
      currency: ledgerAccounts.currency,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(eq(ledgerEntries.transactionId, input.transactionId))
  return post(tx, {
    kind: 'reversal',
    operationKey: input.operationKey,
    memo: input.memo,
    paymentId: original.paymentId,
    businessKind: original.businessKind,
    businessId: original.businessId,
    provider: original.provider,
    providerRef: original.providerRef,
    reversesId: original.id,
    actorUserId: input.actorUserId ?? null,
    lines: entries.map((e) => ({
      account: { kind: e.kind, code: e.code, currency: e.currency },
      ...(e.amount > 0 ? { credit: e.amount } : { debit: -e.amount }),
    })),
  })
}

/** An account's balance in its normal sign: the running balance of its latest entry. */
export async function balanceOf(
  tx: Tx,
  ref: { code: string; currency: Currency },
): Promise<number> {
  const rows = await tx
    .select({ balance: ledgerEntries.balanceAfter })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(and(eq(ledgerAccounts.code, ref.code), eq(ledgerAccounts.currency, ref.currency)))
    .orderBy(desc(ledgerEntries.accountSeq))
    .limit(1)
  return rows[0]?.balance ?? 0
}

/** The same balance summed from the entries themselves (what reconciliation checks against). */
export async function summedBalanceOf(
  tx: Tx,
  ref: { code: string; currency: Currency },
): Promise<number> {
  const rows = await tx
    .select({
      balance: sql<string>`coalesce(sum(${ledgerEntries.amount} * ${ledgerAccounts.normalSign}), 0)`,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(and(eq(ledgerAccounts.code, ref.code), eq(ledgerAccounts.currency, ref.currency)))
  return Number(rows[0]?.balance ?? 0)
}

/** Every entry touching one payment, oldest first, with its account and running balance. */
export async function entriesOfPayment(tx: Tx, paymentId: string) {
  return tx
    .select({
      entryId: ledgerEntries.id,
      transactionId: ledgerTransactions.id,
      kind: ledgerTransactions.kind,
      memo: ledgerTransactions.memo,
      postedAt: ledgerTransactions.postedAt,
      providerRef: ledgerTransactions.providerRef,
      account: ledgerAccounts.code,
      accountKind: ledgerAccounts.kind,
      amount: ledgerEntries.amount,
      currency: ledgerEntries.currency,
      balanceAfter: ledgerEntries.balanceAfter,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(eq(ledgerTransactions.paymentId, paymentId))
    .orderBy(asc(ledgerTransactions.postedAt), asc(ledgerEntries.id))
}
