// Instructions to the custody bank: above the threshold a second admin approves (or rejects,
// which reverses the release or refund that made it, so the money is back in escrow); a finance
// admin marks an approved instruction executed once the bank has paid, and the ledger moves the
// money out of the custody account.
import { eq } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { custodyInstructions, payments } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { UserError } from '../problems.ts'
import { custodyInstructionMachine } from './custody-instruction.machine.ts'
import { beneficiary } from './custody.server.ts'
import { account, post, reverse } from './ledger.server.ts'
import { movePayment, payeeOf, payerOf } from './payment-ops.server.ts'
import { assertNoConflict } from '../admin/conflict.server.ts'

async function load(tx: Tx, id: string) {
  const row = await tx
    .select({ instruction: custodyInstructions, payment: payments })
    .from(custodyInstructions)
    .innerJoin(payments, eq(payments.id, custodyInstructions.paymentId))
    .where(eq(custodyInstructions.id, id))
    .for('update', { of: custodyInstructions })
    .then((r) => r[0])
  if (!row) throw new UserError('payments:instructions.errors.missing')
  return row
}

export async function decideInstruction(
  tx: Tx,
  input: {
    instructionId: string
    action: 'approve' | 'reject'
    reason?: string
    actorUserId: string
    ip: string
  },
): Promise<void> {
  const { instruction, payment } = await load(tx, input.instructionId)
  await assertNoConflict(tx, input.actorUserId, [payment.payerOrgId, payment.payeeOrgId])
  if (instruction.createdByUserId === input.actorUserId)
    throw new UserError('payments:approvals.errors.ownRecord')
  if (input.action === 'reject' && !input.reason?.trim())
    throw new UserError('payments:approvals.errors.reasonRequired', 'reason')
  await fireTransition(tx, {
    machine: custodyInstructionMachine,
    table: custodyInstructions,
    idColumn: custodyInstructions.id,
    statusColumn: custodyInstructions.status,
    statusKey: 'status',
    id: instruction.id,
    action: input.action,
    actorRoles: ['checker'],
    set: {
      approvedByUserId: input.action === 'approve' ? input.actorUserId : null,
      rejectionReason: input.action === 'reject' ? (input.reason ?? '').trim() : null,
      updatedAt: now(),
    },
  })
  if (input.action === 'reject') {
    await reverse(tx, {
      transactionId: instruction.ledgerTransactionId,
      operationKey: `instruction-rejected:${instruction.id}`,
      memo: input.reason ?? '',
      actorUserId: input.actorUserId,
    })
    // The money is back in escrow: a payment that had settled is held again.
    if (payment.status === 'settled')
      await movePayment(tx, {
        paymentId: payment.id,
        action: 'reopen',
        actorUserId: input.actorUserId,
        actorRoles: ['system'],
        note: input.reason,
      })
  }
  await audit(tx, {
    actorUserId: input.actorUserId,
    action: `${input.action}-custody-instruction`,
    entity: 'custody_instruction',
    entityId: instruction.id,
    data: input.reason ? { reason: input.reason } : {},
    ip: input.ip,
  })
}

export async function executeInstruction(
  tx: Tx,
  input: { instructionId: string; bankReference: string; actorUserId: string; ip: string },
): Promise<void> {
  const { instruction, payment } = await load(tx, input.instructionId)
  await assertNoConflict(tx, input.actorUserId, [payment.payerOrgId, payment.payeeOrgId])
  const bankReference = input.bankReference.trim()
  if (!bankReference)
    throw new UserError('payments:instructions.errors.bankReference', 'bankReference')
  if (!instruction.beneficiaryAccount) {
    // Made before the party gave a payout account: take the one they have given since.
    const party = instruction.kind === 'release' ? payeeOf(payment) : payerOf(payment)
    const to = await beneficiary(tx, party)
    if (!to.account) throw new UserError('payments:instructions.errors.noBeneficiary')
    await tx
      .update(custodyInstructions)
      .set({ beneficiaryName: to.name, beneficiaryBank: to.bank, beneficiaryAccount: to.account })
      .where(eq(custodyInstructions.id, instruction.id))
  }
  await fireTransition(tx, {
    machine: custodyInstructionMachine,
    table: custodyInstructions,
    idColumn: custodyInstructions.id,
    statusColumn: custodyInstructions.status,
    statusKey: 'status',
    id: instruction.id,
    action: 'execute',
    actorRoles: ['finance'],
    set: { executedByUserId: input.actorUserId, bankReference, updatedAt: now() },
  })
  const owed =
    instruction.kind === 'release'
      ? account.payable(payeeOf(payment), payment.currency)
      : account.refundable(payerOf(payment), payment.currency)
  await post(tx, {
    kind: instruction.kind === 'release' ? 'payout' : 'refund-paid',
    operationKey: `instruction:${instruction.id}`,
    memo: bankReference,
    paymentId: payment.id,
    businessKind: payment.businessKind,
    businessId: payment.businessId,
    provider: 'bank',
    providerRef: instruction.id,
    actorUserId: input.actorUserId,
    lines: [
      { account: owed, debit: instruction.amountFen },
      { account: account.custodyCash(payment.currency), credit: instruction.amountFen },
    ],
  })
  await audit(tx, {
    actorUserId: input.actorUserId,
    action: 'execute-custody-instruction',
    entity: 'custody_instruction',
    entityId: instruction.id,
    data: { bankReference },
    ip: input.ip,
  })
}
