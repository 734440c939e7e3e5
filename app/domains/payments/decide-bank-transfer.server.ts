// The checker's half of maker-checker: a second finance admin approves (the money is collected)
// or rejects a recorded transfer above the threshold. Nobody approves what they recorded.
import { eq } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { bankTransfers, payments } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { UserError } from '../problems.ts'
import { bankTransferMachine } from './bank-transfer.machine.ts'
import { collectTransfer } from './record-bank-transfer.server.ts'
import { assertNoConflict } from '../admin/conflict.server.ts'

export async function decideBankTransfer(
  tx: Tx,
  input: {
    transferId: string
    action: 'approve' | 'reject'
    reason?: string
    actorUserId: string
    ip: string
  },
): Promise<void> {
  const transfer = await tx
    .select()
    .from(bankTransfers)
    .where(eq(bankTransfers.id, input.transferId))
    .for('update')
    .then((r) => r[0])
  if (!transfer) throw new UserError('payments:transfers.errors.missing')
  const parties = await tx
    .select({ payer: payments.payerOrgId, payee: payments.payeeOrgId })
    .from(payments)
    .where(eq(payments.id, transfer.paymentId))
    .then((r) => r[0])
  await assertNoConflict(tx, input.actorUserId, [parties?.payer, parties?.payee])
  if (transfer.recordedByUserId === input.actorUserId)
    throw new UserError('payments:approvals.errors.ownRecord')
  if (input.action === 'reject' && !input.reason?.trim())
    throw new UserError('payments:approvals.errors.reasonRequired', 'reason')
  await fireTransition(tx, {
    machine: bankTransferMachine,
    table: bankTransfers,
    idColumn: bankTransfers.id,
    statusColumn: bankTransfers.status,
    statusKey: 'status',
    id: transfer.id,
    action: input.action,
    actorRoles: ['checker'],
    set: {
      approvedByUserId: input.action === 'approve' ? input.actorUserId : null,
      rejectionReason: input.action === 'reject' ? (input.reason ?? '').trim() : null,
      decidedAt: now(),
    },
  })
  await audit(tx, {
    actorUserId: input.actorUserId,
    action: `${input.action}-bank-transfer`,
    entity: 'bank_transfer',
    entityId: transfer.id,
    data: input.reason ? { reason: input.reason } : {},
    ip: input.ip,
  })
  if (input.action === 'approve')
    await collectTransfer(tx, transfer.id, transfer.paymentId, input.actorUserId)
}
