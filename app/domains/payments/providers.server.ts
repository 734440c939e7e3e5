// Which provider moves a payment's money. Stripe when the deployment has Stripe keys and the
// payee has a Stripe account that can be paid (Stripe cannot onboard mainland-China payees);
// otherwise the custody bank, which every payer and payee can use.
import { eq } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { stripeAccounts } from '../../../db/schema/index.ts'
import { custodyProvider } from './custody.server.ts'
import type { Party } from './ledger.server.ts'
import type { Provider } from './payments.schema.ts'
import type { PaymentProvider } from './provider.ts'
import { stripeEnabled } from './stripe/client.server.ts'
import { stripeProvider } from './stripe/stripe-provider.server.ts'
import { payableCountries } from './stripe/stripe.schema.ts'
import { env } from '../../env.server.ts'

// Stripe is registered here rather than by its own module on import: whoever creates, pays out
// or refunds a payment loads this module, so Stripe can never be missing from the registry
// because some entry point forgot an import (and the Stripe modules never import this one).
const registry: Partial<Record<Provider, PaymentProvider>> = {
  bank: custodyProvider,
  stripe: stripeProvider,
}

/** Replaces an implementation (a test double for a provider that cannot be reached). */
export function registerProvider(provider: PaymentProvider): void {
  registry[provider.kind] = provider
}

export function providerFor(kind: Provider): PaymentProvider {
  const provider = registry[kind]
  if (!provider) throw new Error(`payment provider ${kind} is not available`)
  return provider
}

export { stripeEnabled }

export async function chooseProvider(tx: Tx, payee: Party): Promise<Provider> {
  if (!stripeEnabled() || !registry.stripe) return 'bank'
  const account = await tx
    .select({ chargesEnabled: stripeAccounts.chargesEnabled, country: stripeAccounts.country })
    .from(stripeAccounts)
    .where(
      payee.orgId !== undefined
        ? eq(stripeAccounts.ownerOrgId, payee.orgId)
        : eq(stripeAccounts.ownerUserId, payee.userId),
    )
    .then((r) => r[0])
  // An account Stripe will not transfer to from the platform's country is paid by the custody
  // bank, not by a charge whose transfer would fail.
  return account?.chargesEnabled &&
    payableCountries(env().STRIPE_PLATFORM_COUNTRY).includes(account.country)
    ? 'stripe'
    : 'bank'
}
