// The custody bank (资金存管): payers transfer to the custody account quoting the payment's
// reference; money goes out only as instructions to the bank that a finance admin marks
// executed, and any amount above the threshold needs a second admin's approval first.
import { and, eq } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import {
  bankTransfers,
  custodyInstructions,
  organisations,
  payoutAccounts,
  statementLines,
  users,
} from '../../../db/schema/index.ts'
import { env } from '../../env.server.ts'
import { now } from '../../clock.server.ts'
import type { MoneyOut, PaymentProvider } from './provider.ts'
import { APPROVAL_THRESHOLD_FEN, type CustodyInstructionKind } from './payments.schema.ts'
import type { Party } from './ledger.server.ts'
import { payeeOf, payerOf } from './payment-ops.server.ts'

/** The custody account payers transfer to, as configured for the deployment. */
export function custodyAccount() {
  const e = env()
  return {
    accountName: e.CUSTODY_ACCOUNT_NAME,
    bankName: e.CUSTODY_BANK_NAME,
    accountNumber: e.CUSTODY_ACCOUNT_NUMBER,
  }
}

/** Where money for this party goes: its payout account, or its name alone until it gives one. */
export async function beneficiary(tx: Tx, party: Party) {
  const account = await tx
    .select()
    .from(payoutAccounts)
    .where(
      party.orgId !== undefined
        ? eq(payoutAccounts.ownerOrgId, party.orgId)
        : eq(payoutAccounts.ownerUserId, party.userId),
    )
    .then((r) => r[0])
  if (account)
    return { name: account.accountName, bank: account.bankName, account: account.accountNumber }
  // No payout account yet: the instruction names the party and waits for the details.
  const name =
    party.orgId !== undefined
      ? await tx
          .select({ n: organisations.name })
          .from(organisations)
          .where(eq(organisations.id, party.orgId))
          .then((r) => r[0]?.n)
      : await tx
          .select({ n: users.name })
          .from(users)
          .where(eq(users.id, party.userId))
          .then((r) => r[0]?.n)
  return { name: name ?? '', bank: '', account: '' }
}

/** A refund goes back the way the money came: the account the statement shows it came from. */
async function sourceAccount(tx: Tx, paymentId: string) {
  const line = await tx
    .select({ name: statementLines.payerName, account: statementLines.payerAccount })
    .from(bankTransfers)
    .innerJoin(statementLines, eq(statementLines.id, bankTransfers.statementLineId))
    .where(and(eq(bankTransfers.paymentId, paymentId), eq(bankTransfers.status, 'recorded')))
    .then((r) => r[0])
  return line?.account ? { name: line.name, bank: SOURCE_BANK, account: line.account } : null
}

/** What a refund instruction names as the bank when it returns money to its source account. */
export const SOURCE_BANK = '原路退回（原付款银行）'

async function instruct(tx: Tx, kind: CustodyInstructionKind, out: MoneyOut, party: Party) {
  const { payment, amountFen, actorUserId } = out
  const own = await beneficiary(tx, party)
  const to = own.account
    ? own
    : kind === 'refund'
      ? ((await sourceAccount(tx, payment.payment.id)) ?? own)
      : own
  await tx.insert(custodyInstructions).values({
    kind,
    paymentId: payment.payment.id,
    amountFen,
    currency: payment.payment.currency,
    beneficiaryName: to.name,
    beneficiaryBank: to.bank,
    beneficiaryAccount: to.account,
    // Maker-checker above the threshold; below it the instruction can go to the bank at once.
    status: amountFen > APPROVAL_THRESHOLD_FEN ? 'pending_approval' : 'approved',
    ledgerTransactionId: out.ledgerTransactionId,
    createdByUserId: actorUserId,
    createdAt: now(),
    updatedAt: now(),
  })
}

export const custodyProvider: PaymentProvider = {
  kind: 'bank',
  async startCollection(_tx, payment) {
    return {
      kind: 'bank-transfer',
      ...custodyAccount(),
      reference: payment.payment.reference,
      amountFen: payment.payment.amountFen,
      currency: payment.payment.currency,
    }
  },
  async sendRelease(tx, out) {
    await instruct(tx, 'release', out, payeeOf(out.payment.payment))
  },
  async sendRefund(tx, out) {
    await instruct(tx, 'refund', out, payerOf(out.payment.payment))
  },
}
