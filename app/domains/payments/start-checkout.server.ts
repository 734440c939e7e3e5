// The payer asks to pay: the payment's provider says where to (Stripe's hosted checkout). Bank
// transfers need no start: their page already shows the custody account and the reference.
import { db } from '../../../db/client.server.ts'
import { now } from '../../clock.server.ts'
import { UserError } from '../problems.ts'
import { lockPayment } from './payment-ops.server.ts'
import { providerFor } from './providers.server.ts'

export async function startCheckout(paymentId: string, origin: string): Promise<string> {
  return db().transaction(async (tx) => {
    const locked = await lockPayment(tx, paymentId)
    if (locked.payment.status !== 'awaiting_payment' && locked.payment.status !== 'requires_action')
      throw new UserError('payments:errors.notAwaiting')
    // The price was promised until then: a later checkout would charge a quote nobody holds.
    if (locked.quote.expiresAt && locked.quote.expiresAt <= now())
      throw new UserError('payments:errors.quoteExpired')
    const start = await providerFor(locked.payment.provider).startCollection(
      tx,
      locked,
      `${origin}/payments/${paymentId}`,
    )
    if (start.kind !== 'redirect') throw new UserError('payments:errors.notAwaiting')
    return start.url
  })
}
