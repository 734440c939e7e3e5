// Payees' Stripe Connect (Express) accounts: onboarding on Stripe's hosted pages, and our copy
// of what Stripe says about each account (can it be charged for, paid out, what is missing),
// refreshed from Stripe whenever the payee comes back or `account.updated` arrives.
import { eq } from 'drizzle-orm'
import { db, type Tx } from '../../../../db/client.server.ts'
import { stripeAccounts } from '../../../../db/schema/index.ts'
import { now } from '../../../clock.server.ts'
import type { Party } from '../ledger.server.ts'
import { Stripe, stripe } from './client.server.ts'
import { operationFor, runOperation } from './operations.server.ts'

export async function stripeAccountOf(tx: Tx, party: Party) {
  return tx
    .select()
    .from(stripeAccounts)
    .where(
      party.orgId !== undefined
        ? eq(stripeAccounts.ownerOrgId, party.orgId)
        : eq(stripeAccounts.ownerUserId, party.userId),
    )
    .then((r) => r[0])
}

export type StripeAccountRow = NonNullable<Awaited<ReturnType<typeof stripeAccountOf>>>

const partyCode = (party: Party) => (party.orgId ? `org:${party.orgId}` : `user:${party.userId}`)

/** Our copy of one account, as Stripe has it now (never as an event's payload said it was). */
export async function syncAccountFromStripe(accountId: string): Promise<StripeAccountRow | null> {
  const known = await db()
    .select({ id: stripeAccounts.id })
    .from(stripeAccounts)
    .where(eq(stripeAccounts.id, accountId))
    .then((r) => r[0])
  // Not one of our payees (another platform's event, or an account we never stored): nothing to do.
  if (!known) return null
  const account = await stripe().accounts.retrieve(accountId)
  const [row] = await db()
    .update(stripeAccounts)
    .set({
      country: account.country ?? '',
      chargesEnabled: account.charges_enabled ?? false,
      payoutsEnabled: account.payouts_enabled ?? false,
      detailsSubmitted: account.details_submitted ?? false,
      currentlyDue: account.requirements?.currently_due ?? [],
      updatedAt: now(),
    })
    .where(eq(stripeAccounts.id, accountId))
    .returning()
  return row ?? null
}

export type OnboardingLinks = { refreshUrl: string; returnUrl: string }

/** A fresh single-use onboarding link (they expire within minutes, so one per visit). */
export async function onboardingLink(accountId: string, links: OnboardingLinks): Promise<string> {
  const operation = await operationFor(db(), {
    kind: 'account-link',
    key: `zc:account-link:${accountId}:${crypto.randomUUID()}`,
  })
  const link = await runOperation(
    db(),
    operation,
    (idempotencyKey) =>
      stripe().accountLinks.create(
        {
          account: accountId,
          type: 'account_onboarding',
          refresh_url: links.refreshUrl,
          return_url: links.returnUrl,
        },
        { idempotencyKey },
      ),
    () => accountId,
  )
  return link.url
}

export type OnboardingStart = { kind: 'redirect'; url: string } | { kind: 'country-refused' }

/**
 * Creates the party's Express account in the chosen country (once: a retry replays the same
 * account) and sends them to Stripe's onboarding. Stripe refuses countries it cannot onboard,
 * mainland China among them; those payees are paid through the custody bank instead.
 */
export async function startOnboarding(input: {
  party: Party
  country: string
  email: string | null
  businessName: string
  links: OnboardingLinks
}): Promise<OnboardingStart> {
  let row = await stripeAccountOf(db(), input.party)
  if (!row) {
    const code = partyCode(input.party)
    const operation = await operationFor(db(), {
      kind: 'account',
      key: `zc:account:${code}:${input.country}`,
    })
    let account: Stripe.Account
    try {
      account = await runOperation(
        db(),
        operation,
        (idempotencyKey) =>
          stripe().accounts.create(
            {
              type: 'express',
              country: input.country,
              ...(input.email ? { email: input.email } : {}),
              business_type: input.party.orgId ? 'company' : 'individual',
              business_profile: { name: input.businessName },
              capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
              metadata: { party: code },
            },
            { idempotencyKey },
          ),
        (a) => a.id,
      )
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.param === 'country')
        return { kind: 'country-refused' }
      throw error
    }
    await db()
      .insert(stripeAccounts)
      .values({
        id: account.id,
        ownerOrgId: input.party.orgId ?? null,
        ownerUserId: input.party.userId ?? null,
        country: account.country ?? input.country,
        chargesEnabled: account.charges_enabled ?? false,
        payoutsEnabled: account.payouts_enabled ?? false,
        detailsSubmitted: account.details_submitted ?? false,
        currentlyDue: account.requirements?.currently_due ?? [],
        createdAt: now(),
        updatedAt: now(),
      })
      .onConflictDoNothing()
    row = await stripeAccountOf(db(), input.party)
    if (!row) throw new Error(`Stripe account of ${code} not stored`)
  }
  return { kind: 'redirect', url: await onboardingLink(row.id, input.links) }
}
