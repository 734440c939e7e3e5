// A payment owed for a quote: the domain (booking, milestone, commitment) calls this in its own
// transaction, then sends the payer to `/payments/:id` to pay.
import type { Tx } from '../../../db/client.server.ts'
import { payments } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import type { Party } from './ledger.server.ts'
import { newReference } from './payment-ops.server.ts'
import { chooseProvider } from './providers.server.ts'

export async function createPayment(
  tx: Tx,
  input: {
    quote: {
      id: string
      marketplace: 'equipment' | 'challenge' | 'crowdfunding'
      businessKind: string
      businessId: string
      payerTotalFen: number
      currency: 'CNY' | 'USD' | 'HKD' | 'EUR'
    }
    description: string
    payerUserId: string
    payerOrgId?: string | null
    payee: Party
  },
) {
  const provider = await chooseProvider(tx, input.payee)
  const [payment] = await tx
    .insert(payments)
    .values({
      reference: await newReference(tx),
      quoteId: input.quote.id,
      marketplace: input.quote.marketplace,
      businessKind: input.quote.businessKind,
      businessId: input.quote.businessId,
      description: input.description,
      payerUserId: input.payerUserId,
      payerOrgId: input.payerOrgId ?? null,
      payeeOrgId: input.payee.orgId ?? null,
      payeeUserId: input.payee.userId ?? null,
      amountFen: input.quote.payerTotalFen,
      currency: input.quote.currency,
      provider,
      createdAt: now(),
      updatedAt: now(),
    })
    .returning()
  if (!payment) throw new Error('payment not stored')
  return payment
}
