// Payments for tests and seeds: a quote on the marketplace's current fee schedule, a payment
// for it, and, when asked, the payer's money collected into escrow by bank transfer.
import type { Tx } from '../../db/client.server.ts'
import { collectPayment } from '../../app/domains/payments/collect-payment.server.ts'
import { createPayment } from '../../app/domains/payments/create-payment.server.ts'
import { createQuote } from '../../app/domains/payments/fees.server.ts'
import type { Party } from '../../app/domains/payments/ledger.server.ts'
import type { Marketplace } from '../../app/domains/payments/payments.schema.ts'

export async function createTestPayment(
  tx: Tx,
  input: {
    payerUserId: string
    payee: Party
    priceFen: number
    marketplace?: Marketplace
    collected?: boolean
    description?: string
  },
) {
  const quote = await createQuote(tx, {
    marketplace: input.marketplace ?? 'equipment',
    businessKind: 'test',
    businessId: crypto.randomUUID(),
    currency: 'CNY',
    lines: [{ label: '测试服务', quantity: 1, unitFen: input.priceFen }],
  })
  const payment = await createPayment(tx, {
    quote,
    description: input.description ?? '测试付款',
    payerUserId: input.payerUserId,
    payee: input.payee,
  })
  if (input.collected)
    await collectPayment(tx, {
      paymentId: payment.id,
      provider: 'bank',
      providerRef: `test-transfer-${payment.id}`,
      operationKey: `collect:${payment.id}`,
    })
  return { quote, payment }
}
