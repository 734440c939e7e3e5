// Which provider moves a payment's money. Stripe when the deployment has Stripe keys and the
// payee has a Stripe account that can be paid (Stripe cannot onboard mainland-China payees);
// otherwise the custody bank, which every payer and payee can use.
import { eq } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { stripeAccounts } from '../../../db/schema/index.ts'
import { env } from '../../env.server.ts'
import { custodyProvider } from './custody.server.ts'
import type { Party } from './ledger.server.ts'
import type { Provider } from './payments.schema.ts'
import type { PaymentProvider } from './provider.ts'

const registry: Partial<Record<Provider, PaymentProvider>> = { bank: custodyProvider }

/** Stripe's implementation registers itself when the module that holds it is loaded. */
export function registerProvider(provider: PaymentProvider): void {
  registry[provider.kind] = provider
}

export function providerFor(kind: Provider): PaymentProvider {
  const provider = registry[kind]
  if (!provider) throw new Error(`payment provider ${kind} is not available`)
  return provider
}

export function stripeEnabled(): boolean {
  return Boolean(env().STRIPE_SECRET_KEY)
}

export async function chooseProvider(tx: Tx, payee: Party): Promise<Provider> {
  if (!stripeEnabled() || !registry.stripe) return 'bank'
  const account = await tx
    .select({ chargesEnabled: stripeAccounts.chargesEnabled })
    .from(stripeAccounts)
    .where(
      payee.orgId !== undefined
        ? eq(stripeAccounts.ownerOrgId, payee.orgId)
        : eq(stripeAccounts.ownerUserId, payee.userId),
    )
    .then((r) => r[0])
  return account?.chargesEnabled ? 'stripe' : 'bank'
}
