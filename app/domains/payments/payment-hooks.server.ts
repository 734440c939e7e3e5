// What a business (a booking, a milestone, a commitment) does when its payment's money is in.
// The payments layer knows no business: each registers a hook for its payments' business kind,
// and collectPayment calls it in the same transaction that records the money.
import type { Tx } from '../../../db/client.server.ts'
import type { payments } from '../../../db/schema/index.ts'

type Payment = typeof payments.$inferSelect
type Hook = (tx: Tx, payment: Payment) => Promise<void>

const collectedHooks = new Map<string, Hook>()

export function onPaymentCollected(businessKind: string, hook: Hook): void {
  collectedHooks.set(businessKind, hook)
}

export async function paymentCollected(tx: Tx, payment: Payment): Promise<void> {
  await collectedHooks.get(payment.businessKind)?.(tx, payment)
}
