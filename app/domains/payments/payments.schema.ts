// The vocabulary of money: currencies, marketplaces and their fee modes, ledger account kinds,
// payment providers, 发票 types. One `as const` list each, feeding the database and zod.

export const currencies = ['CNY', 'USD', 'HKD', 'EUR'] as const
export type Currency = (typeof currencies)[number]

export const marketplaces = ['equipment', 'challenge', 'crowdfunding'] as const
export type Marketplace = (typeof marketplaces)[number]

/** Deducted: the payee receives the price less the fee. Added: the payer pays price + fee. */
export const feeModes = ['deducted', 'added'] as const
export type FeeMode = (typeof feeModes)[number]

/**
 * Ledger account kinds. Debit-normal ones are what the platform holds or spends (cash at the
 * custody bank, money at Stripe, Stripe's fees, vouchers to collect); credit-normal ones are
 * what it owes (escrow, payables, refunds) or has earned (fees). Those marked non-negative can
 * never go below zero: the database refuses the entry.
 */
export const accountKinds = {
  custody_cash: { normal: 'debit', nonNegative: true },
  stripe_clearing: { normal: 'debit', nonNegative: false },
  stripe_fees: { normal: 'debit', nonNegative: false },
  fx: { normal: 'debit', nonNegative: false },
  voucher_receivable: { normal: 'debit', nonNegative: true },
  platform_fees: { normal: 'credit', nonNegative: false },
  escrow: { normal: 'credit', nonNegative: true },
  payable: { normal: 'credit', nonNegative: true },
  refundable: { normal: 'credit', nonNegative: true },
} as const satisfies Record<string, { normal: 'debit' | 'credit'; nonNegative: boolean }>
export type AccountKind = keyof typeof accountKinds
export const accountKindList = Object.keys(accountKinds) as [AccountKind, ...AccountKind[]]

export const providers = ['stripe', 'bank'] as const
export type Provider = (typeof providers)[number]

export const fapiaoTypes = ['normal', 'special'] as const
export type FapiaoType = (typeof fapiaoTypes)[number]

export const custodyInstructionKinds = ['release', 'refund'] as const
export type CustodyInstructionKind = (typeof custodyInstructionKinds)[number]

/** Recording or instructing more than this needs a second admin's approval. */
export const APPROVAL_THRESHOLD_FEN = 1_000_000
