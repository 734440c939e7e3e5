// What every payment use case shares: loading a payment under its row lock with its quote and
// fee mode, its parties as ledger parties, and moving its status through the machine with a
// history row.
import { eq, sql } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { feeSchedules, paymentStatusEvents, payments, quotes } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import type { Party } from './ledger.server.ts'
import { paymentMachine, type PaymentAction } from './payment.machine.ts'

export async function lockPayment(tx: Tx, paymentId: string) {
  const row = await tx
    .select({ payment: payments, quote: quotes, mode: feeSchedules.mode })
    .from(payments)
    .innerJoin(quotes, eq(quotes.id, payments.quoteId))
    .innerJoin(feeSchedules, eq(feeSchedules.id, quotes.feeScheduleId))
    .where(eq(payments.id, paymentId))
    .for('update', { of: payments })
    .then((r) => r[0])
  if (!row) throw new Error(`no payment ${paymentId}`)
  return row
}

export type LockedPayment = Awaited<ReturnType<typeof lockPayment>>

export const payerOf = (p: { payerOrgId: string | null; payerUserId: string }): Party =>
  p.payerOrgId ? { orgId: p.payerOrgId } : { userId: p.payerUserId }

export const payeeOf = (p: { payeeOrgId: string | null; payeeUserId: string | null }): Party =>
  p.payeeOrgId ? { orgId: p.payeeOrgId } : { userId: p.payeeUserId ?? '' }

export async function movePayment(
  tx: Tx,
  input: {
    paymentId: string
    action: PaymentAction
    actorUserId?: string | null
    actorRoles: readonly ('system' | 'finance' | 'payer')[]
    note?: string
  },
): Promise<void> {
  const at = now()
  const { from, to } = await fireTransition(tx, {
    machine: paymentMachine,
    table: payments,
    idColumn: payments.id,
    statusColumn: payments.status,
    statusKey: 'status',
    id: input.paymentId,
    action: input.action,
    actorRoles: input.actorRoles,
    set: { updatedAt: at },
  })
  await tx.insert(paymentStatusEvents).values({
    paymentId: input.paymentId,
    action: input.action,
    fromStatus: from,
    toStatus: to,
    actorUserId: input.actorUserId ?? null,
    note: input.note ?? null,
    at,
  })
}

/** Unambiguous characters only (no 0/O, 1/I/L): read aloud, typed into a bank's memo field. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

export async function newReference(tx: Tx): Promise<string> {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(8))
    const code = `ZC${[...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`
    const taken = await tx.execute(sql`select 1 from payments where reference = ${code}`)
    if (taken.length === 0) return code
  }
}
