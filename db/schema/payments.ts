// Money: a double-entry ledger (accounts, transactions, append-only entries with a running
// balance per account), fee schedules and frozen quotes, payments, Stripe Connect payees and
// events, provider operations with their idempotency keys, the custody account's transfers,
// statements and instructions, and 发票 requests. Database-level guarantees (append-only,
// balanced transactions, non-negative accounts) are in the migration's triggers.
import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { statusCheck } from '../../app/domains/lifecycle/machine.ts'
import { bankTransferMachine } from '../../app/domains/payments/bank-transfer.machine.ts'
import { custodyInstructionMachine } from '../../app/domains/payments/custody-instruction.machine.ts'
import { fapiaoMachine } from '../../app/domains/payments/fapiao.machine.ts'
import { paymentMachine } from '../../app/domains/payments/payment.machine.ts'
import {
  accountKindList,
  currencies,
  custodyInstructionKinds,
  fapiaoTypes,
  feeModes,
  marketplaces,
  providers,
} from '../../app/domains/payments/payments.schema.ts'
import { users } from './accounts.ts'
import { organisations } from './orgs.ts'
import { uploads } from './uploads.ts'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })
const fen = (name: string) => bigint(name, { mode: 'number' })

export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable name, e.g. `escrow:payment:<id>`, `payable:org:<id>`, `platform_fees`. */
    code: text('code').notNull(),
    kind: text('kind', { enum: accountKindList }).notNull(),
    currency: text('currency', { enum: currencies }).notNull(),
    /** +1 for debit-normal accounts, -1 for credit-normal: balance = Σ amount × sign. */
    normalSign: smallint('normal_sign').notNull(),
    nonNegative: boolean('non_negative').notNull(),
    ownerOrgId: uuid('owner_org_id').references(() => organisations.id),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('ledger_accounts_code_currency_key').on(t.code, t.currency),
    check('ledger_accounts_kind_check', statusCheck('kind', accountKindList)),
    check('ledger_accounts_currency_check', statusCheck('currency', currencies)),
    check('ledger_accounts_sign_check', sql`normal_sign in (1, -1)`),
  ],
)

export const ledgerTransactions = pgTable(
  'ledger_transactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What happened: collect, hold, release, refund, fee, payout, processing-fee, reversal… */
    kind: text('kind').notNull(),
    memo: text('memo').notNull().default(''),
    /** Posting the same operation twice posts it once. */
    operationKey: text('operation_key').notNull(),
    businessKind: text('business_kind'),
    businessId: text('business_id'),
    paymentId: uuid('payment_id'),
    provider: text('provider', { enum: providers }),
    /** The Stripe object (pi_, ch_, re_, tr_, txn_) or bank-transfer / instruction id. */
    providerRef: text('provider_ref'),
    reversesId: uuid('reverses_id'),
    actorUserId: uuid('actor_user_id'),
    postedAt: ts('posted_at').notNull(),
  },
  (t) => [
    uniqueIndex('ledger_transactions_operation_key').on(t.operationKey),
    index('ledger_transactions_payment_idx').on(t.paymentId),
    index('ledger_transactions_business_idx').on(t.businessKind, t.businessId),
    index('ledger_transactions_provider_ref_idx').on(t.providerRef),
  ],
)

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    transactionId: uuid('transaction_id')
      .notNull()
      .references(() => ledgerTransactions.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    /** Debit positive, credit negative, in the currency's minor unit (fen for CNY). */
    amount: fen('amount').notNull(),
    currency: text('currency', { enum: currencies }).notNull(),
    /** Set by the database under the account's row lock: this entry's place in its account. */
    accountSeq: integer('account_seq').notNull().default(0),
    /** The account's balance, in its normal sign, after this entry (set by the database). */
    balanceAfter: fen('balance_after').notNull().default(0),
    nonNegative: boolean('non_negative').notNull().default(false),
  },
  (t) => [
    uniqueIndex('ledger_entries_account_seq_key').on(t.accountId, t.accountSeq),
    index('ledger_entries_transaction_idx').on(t.transactionId),
    check('ledger_entries_non_negative', sql`not non_negative or balance_after >= 0`),
    check('ledger_entries_amount_nonzero', sql`amount <> 0`),
  ],
)

/** Fee schedules, versioned: an edit adds a row; a quote keeps the row it used. */
export const feeSchedules = pgTable(
  'fee_schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    marketplace: text('marketplace', { enum: marketplaces }).notNull(),
    /** Basis points: 500 = 5%. */
    rateBp: integer('rate_bp').notNull(),
    minimumFen: fen('minimum_fen').notNull().default(0),
    mode: text('mode', { enum: feeModes }).notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('fee_schedules_marketplace_idx').on(t.marketplace, t.createdAt),
    check('fee_schedules_rate_check', sql`rate_bp between 0 and 5000`),
    check('fee_schedules_minimum_check', sql`minimum_fen >= 0`),
    check('fee_schedules_marketplace_check', statusCheck('marketplace', marketplaces)),
    check('fee_schedules_mode_check', statusCheck('mode', feeModes)),
  ],
)

export type QuoteLine = { label: string; quantity: number; unitFen: number; amountFen: number }

export const quotes = pgTable('quotes', {
  id: uuid('id').primaryKey().defaultRandom(),
  marketplace: text('marketplace', { enum: marketplaces }).notNull(),
  businessKind: text('business_kind').notNull(),
  businessId: text('business_id').notNull(),
  currency: text('currency', { enum: currencies }).notNull(),
  lines: jsonb('lines').$type<QuoteLine[]>().notNull(),
  subtotalFen: fen('subtotal_fen').notNull(),
  feeFen: fen('fee_fen').notNull(),
  /** What the payer pays: subtotal, plus the fee when it is added. */
  payerTotalFen: fen('payer_total_fen').notNull(),
  /** What the payee receives: subtotal, less the fee when it is deducted. */
  payeeNetFen: fen('payee_net_fen').notNull(),
  feeScheduleId: uuid('fee_schedule_id')
    .notNull()
    .references(() => feeSchedules.id),
  /**
   * The part of the price an innovation voucher covers: not paid by the payer (payerTotal is
   * less by this much), held as a claim on the issuing agency until the payee takes it over.
   */
  voucherFen: fen('voucher_fen').notNull().default(0),
  voucherId: uuid('voucher_id'),
  /** After this the quote can no longer be charged (a booking's payment deadline); null: no limit. */
  expiresAt: ts('expires_at'),
  createdAt: ts('created_at').notNull(),
})

export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The reference a payer quotes on a bank transfer: short, unambiguous, unique. */
    reference: text('reference').notNull(),
    quoteId: uuid('quote_id')
      .notNull()
      .references(() => quotes.id),
    marketplace: text('marketplace', { enum: marketplaces }).notNull(),
    businessKind: text('business_kind').notNull(),
    businessId: text('business_id').notNull(),
    description: text('description').notNull(),
    payerUserId: uuid('payer_user_id')
      .notNull()
      .references(() => users.id),
    payerOrgId: uuid('payer_org_id').references(() => organisations.id),
    payeeUserId: uuid('payee_user_id').references(() => users.id),
    payeeOrgId: uuid('payee_org_id').references(() => organisations.id),
    amountFen: fen('amount_fen').notNull(),
    currency: text('currency', { enum: currencies }).notNull(),
    provider: text('provider', { enum: providers }).notNull(),
    status: text('status', { enum: paymentMachine.states }).notNull().default('awaiting_payment'),
    checkoutSessionId: text('checkout_session_id'),
    paymentIntentId: text('payment_intent_id'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('payments_reference_key').on(t.reference),
    uniqueIndex('payments_payment_intent_key').on(t.paymentIntentId),
    index('payments_business_idx').on(t.businessKind, t.businessId),
    index('payments_payer_idx').on(t.payerUserId),
    index('payments_payee_org_idx').on(t.payeeOrgId),
    check('payments_status_check', statusCheck('status', paymentMachine.states)),
    check('payments_amount_check', sql`amount_fen > 0`),
    check('payments_payee_check', sql`(payee_user_id is null) <> (payee_org_id is null)`),
  ],
)

export const paymentStatusEvents = pgTable(
  'payment_status_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    action: text('action').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('payment_status_events_payment_idx').on(t.paymentId)],
)

/**
 * One call to a payment provider that moves money, keyed by our own operation id: the
 * idempotency key sent with every attempt is derived from it, so retries never pay twice.
 */
export const providerOperations = pgTable(
  'provider_operations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    paymentId: uuid('payment_id').references(() => payments.id),
    idempotencyKey: text('idempotency_key').notNull(),
    /** The provider object it created (pi_…, re_…, tr_…), once known. */
    resultRef: text('result_ref'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull(),
    completedAt: ts('completed_at'),
  },
  (t) => [uniqueIndex('provider_operations_key').on(t.idempotencyKey)],
)

/** A payee's Stripe Connect (Express) account, kept in step by `account.updated`. */
export const stripeAccounts = pgTable(
  'stripe_accounts',
  {
    id: text('id').primaryKey(),
    ownerOrgId: uuid('owner_org_id').references(() => organisations.id),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    country: text('country').notNull(),
    chargesEnabled: boolean('charges_enabled').notNull().default(false),
    payoutsEnabled: boolean('payouts_enabled').notNull().default(false),
    detailsSubmitted: boolean('details_submitted').notNull().default(false),
    /** What Stripe still needs (requirements.currently_due). */
    currentlyDue: text('currently_due')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('stripe_accounts_org_key').on(t.ownerOrgId),
    uniqueIndex('stripe_accounts_user_key').on(t.ownerUserId),
  ],
)

/** Every Stripe event received, by its id: a second delivery finds it here and stops. */
export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  objectId: text('object_id'),
  payload: jsonb('payload').notNull(),
  receivedAt: ts('received_at').notNull(),
  processedAt: ts('processed_at'),
  lastError: text('last_error'),
})

export const statementImports = pgTable('statement_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  filename: text('filename').notNull(),
  importedByUserId: uuid('imported_by_user_id')
    .notNull()
    .references(() => users.id),
  lines: integer('lines').notNull(),
  matched: integer('matched').notNull(),
  createdAt: ts('created_at').notNull(),
})

export const statementLines = pgTable(
  'statement_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    importId: uuid('import_id')
      .notNull()
      .references(() => statementImports.id),
    lineNo: integer('line_no').notNull(),
    bookedOn: date('booked_on', { mode: 'string' }).notNull(),
    amountFen: fen('amount_fen').notNull(),
    currency: text('currency', { enum: currencies }).notNull(),
    payerName: text('payer_name').notNull(),
    payerAccount: text('payer_account').notNull().default(''),
    memo: text('memo').notNull(),
    /** The bank's own id for the line: a statement imported twice adds nothing twice. */
    bankRef: text('bank_ref').notNull(),
    bankTransferId: uuid('bank_transfer_id'),
  },
  (t) => [uniqueIndex('statement_lines_bank_ref_key').on(t.bankRef)],
)

export const bankTransfers = pgTable(
  'bank_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    reference: text('reference').notNull(),
    amountFen: fen('amount_fen').notNull(),
    currency: text('currency', { enum: currencies }).notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    payerName: text('payer_name').notNull(),
    statementLineId: uuid('statement_line_id').references(() => statementLines.id),
    status: text('status', { enum: [...bankTransferMachine.states] }).notNull(),
    recordedByUserId: uuid('recorded_by_user_id')
      .notNull()
      .references(() => users.id),
    approvedByUserId: uuid('approved_by_user_id').references(() => users.id),
    rejectionReason: text('rejection_reason'),
    createdAt: ts('created_at').notNull(),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    index('bank_transfers_payment_idx').on(t.paymentId),
    check('bank_transfers_status_check', statusCheck('status', bankTransferMachine.states)),
    check('bank_transfers_amount_check', sql`amount_fen > 0`),
    // Maker-checker: whoever recorded it cannot be the one who approves it.
    check(
      'bank_transfers_four_eyes',
      sql`approved_by_user_id is null or approved_by_user_id <> recorded_by_user_id`,
    ),
  ],
)

export const custodyInstructions = pgTable(
  'custody_instructions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: custodyInstructionKinds }).notNull(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    amountFen: fen('amount_fen').notNull(),
    currency: text('currency', { enum: currencies }).notNull(),
    /** Who receives it, as the bank needs it. */
    beneficiaryName: text('beneficiary_name').notNull(),
    beneficiaryBank: text('beneficiary_bank').notNull(),
    beneficiaryAccount: text('beneficiary_account').notNull(),
    status: text('status', { enum: [...custodyInstructionMachine.states] }).notNull(),
    /** The release or refund that made this instruction: reversed if the instruction is rejected. */
    ledgerTransactionId: uuid('ledger_transaction_id')
      .notNull()
      .references(() => ledgerTransactions.id),
    rejectionReason: text('rejection_reason'),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    approvedByUserId: uuid('approved_by_user_id').references(() => users.id),
    executedByUserId: uuid('executed_by_user_id').references(() => users.id),
    bankReference: text('bank_reference'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('custody_instructions_payment_idx').on(t.paymentId),
    check(
      'custody_instructions_status_check',
      statusCheck('status', custodyInstructionMachine.states),
    ),
    check('custody_instructions_amount_check', sql`amount_fen > 0`),
    check(
      'custody_instructions_four_eyes',
      sql`approved_by_user_id is null or created_by_user_id is null or approved_by_user_id <> created_by_user_id`,
    ),
  ],
)

/** Where a payee receives custody payouts (对公账户 for organisations). */
export const payoutAccounts = pgTable(
  'payout_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOrgId: uuid('owner_org_id').references(() => organisations.id),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    accountName: text('account_name').notNull(),
    bankName: text('bank_name').notNull(),
    accountNumber: text('account_number').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('payout_accounts_org_key').on(t.ownerOrgId),
    uniqueIndex('payout_accounts_user_key').on(t.ownerUserId),
  ],
)

export const fapiaoRequests = pgTable(
  'fapiao_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    /** Who issues it: the payee for the price, the platform for its fee. */
    issuer: text('issuer', { enum: ['payee', 'platform'] }).notNull(),
    amountFen: fen('amount_fen').notNull(),
    requestedByUserId: uuid('requested_by_user_id')
      .notNull()
      .references(() => users.id),
    type: text('type', { enum: fapiaoTypes }).notNull(),
    title: text('title').notNull(),
    taxId: text('tax_id').notNull(),
    address: text('address'),
    phone: text('phone'),
    bankName: text('bank_name'),
    bankAccount: text('bank_account'),
    email: text('email').notNull(),
    status: text('status', { enum: [...fapiaoMachine.states] })
      .notNull()
      .default('requested'),
    invoiceNumber: text('invoice_number'),
    invoiceUploadId: uuid('invoice_upload_id').references(() => uploads.id),
    rejectionReason: text('rejection_reason'),
    decidedByUserId: uuid('decided_by_user_id').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    index('fapiao_requests_payment_idx').on(t.paymentId),
    check('fapiao_requests_status_check', statusCheck('status', fapiaoMachine.states)),
    check('fapiao_requests_type_check', statusCheck('type', fapiaoTypes)),
    check(
      'fapiao_requests_special_check',
      sql`type <> 'special' or (address is not null and phone is not null and bank_name is not null and bank_account is not null)`,
    ),
  ],
)
