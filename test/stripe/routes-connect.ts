// Connect Express accounts and account links, and finishing onboarding (the hosted page's
// action). Types: node_modules/stripe/esm/resources/Accounts.d.ts, AccountLinks.d.ts.
import type Stripe from 'stripe'
import { z } from 'zod'
import { StripeApiError, invalidRequest } from './errors.ts'
import { bool, expand, id, listShape, metadata, parseParams, str } from './params.ts'
import { defaultCurrencyOf } from './payments.ts'
import { type Route, route } from './router.ts'
import { parseAccountCountry, parseCurrency } from './rules.ts'
import { type Origin, type Store, mergeMetadata } from './state.ts'

const businessProfile = z
  .strictObject({
    name: str.optional(),
    url: str.optional(),
    mcc: str.optional(),
    product_description: str.optional(),
    support_email: str.optional(),
  })
  .optional()

const capabilities = z
  .strictObject({
    card_payments: z.strictObject({ requested: bool }).optional(),
    transfers: z.strictObject({ requested: bool }).optional(),
  })
  .optional()

const businessType = z.enum(['company', 'government_entity', 'individual', 'non_profit']).optional()

const AccountCreate = z.strictObject({
  type: z.enum(['express']).optional(),
  controller: z
    .strictObject({
      stripe_dashboard: z.strictObject({ type: z.enum(['express']) }).optional(),
      fees: z.strictObject({ payer: z.enum(['application']) }).optional(),
      losses: z.strictObject({ payments: z.enum(['application']) }).optional(),
      requirement_collection: z.enum(['stripe']).optional(),
    })
    .optional(),
  country: str.optional(),
  email: str.optional(),
  business_type: businessType,
  business_profile: businessProfile,
  capabilities,
  default_currency: str.optional(),
  metadata: metadata.optional(),
  expand,
})

const AccountUpdate = z.strictObject({
  email: str.optional(),
  business_type: businessType,
  business_profile: businessProfile,
  capabilities,
  metadata: metadata.optional(),
  expand,
})

const AccountLinkCreate = z.strictObject({
  account: id,
  type: z.enum(['account_onboarding', 'account_update']),
  refresh_url: id,
  return_url: id,
  collect: z.enum(['currently_due', 'eventually_due']).optional(),
  expand,
})

/** What Express onboarding collects, listed as due until the hosted page is completed. */
const onboardingRequirements = [
  'business_profile.mcc',
  'business_profile.url',
  'business_type',
  'external_account',
  'representative.first_name',
  'representative.last_name',
  'tos_acceptance.date',
  'tos_acceptance.ip',
]

/** Stripe answers an unknown account with a permission error, not a 404. */
export function requireAccount(store: Store, accountId: string): Stripe.Account {
  const account = store.accounts.get(accountId)
  if (account) return account
  throw new StripeApiError(403, {
    type: 'invalid_request_error',
    code: 'account_invalid',
    message: `The provided key 'sk_test_********' does not have access to account '${accountId}' (or that account does not exist). Application access may have been revoked.`,
  })
}

type CapabilityRequest = z.output<typeof capabilities>

function requestedCapabilities(
  current: Stripe.Account.Capabilities,
  request: CapabilityRequest,
): Stripe.Account.Capabilities {
  const next = { ...current }
  for (const name of ['card_payments', 'transfers'] as const) {
    const requested = request?.[name]?.requested
    if (requested === true && next[name] === undefined) next[name] = 'inactive'
    if (requested === false) delete next[name]
  }
  return next
}

function applyBusinessProfile(
  account: Stripe.Account,
  profile: z.output<typeof businessProfile>,
): void {
  if (!profile || !account.business_profile) return
  const target = account.business_profile
  if (profile.name !== undefined) target.name = profile.name || null
  if (profile.url !== undefined) target.url = profile.url || null
  if (profile.mcc !== undefined) target.mcc = profile.mcc || null
  if (profile.product_description !== undefined) {
    target.product_description = profile.product_description || null
  }
  if (profile.support_email !== undefined) target.support_email = profile.support_email || null
}

/** The hosted onboarding page was completed: the account can take payments and payouts. */
export function completeOnboarding(store: Store, account: Stripe.Account, origin: Origin): void {
  const previous = {
    charges_enabled: account.charges_enabled,
    payouts_enabled: account.payouts_enabled,
    details_submitted: account.details_submitted,
    capabilities: structuredClone(account.capabilities),
    requirements: structuredClone(account.requirements),
  }
  const capabilities = { ...account.capabilities }
  for (const name of ['card_payments', 'transfers'] as const) {
    if (capabilities[name] !== undefined) capabilities[name] = 'active'
  }
  account.capabilities = capabilities
  account.charges_enabled = capabilities.card_payments === 'active'
  account.payouts_enabled = true
  account.details_submitted = true
  account.requirements = emptyRequirements(null)
  account.future_requirements = emptyRequirements(null)
  account.tos_acceptance = { date: store.now(), ip: '127.0.0.1', user_agent: null }
  store.emit('account.updated', account, origin, { previous, account: account.id })
}

function emptyRequirements(
  disabledReason: Stripe.Account.Requirements.DisabledReason | null,
  due: string[] = [],
): Stripe.Account.Requirements {
  return {
    alternatives: [],
    current_deadline: null,
    currently_due: due,
    disabled_reason: disabledReason,
    errors: [],
    eventually_due: due,
    past_due: due,
    pending_verification: [],
  }
}

export function connectRoutes(): Route[] {
  return [
    route('POST', '/v1/accounts', ({ store, params }) => {
      const p = parseParams(AccountCreate, params)
      const dashboard = p.controller?.stripe_dashboard?.type
      if (p.type === undefined && dashboard === undefined) {
        throw invalidRequest(
          'You must specify either `type` or `controller[stripe_dashboard][type]`; this test server implements Express accounts only.',
          { param: 'type' },
        )
      }
      const country = parseAccountCountry(p.country ?? store.platformCountry)
      const defaultCurrency = p.default_currency
        ? parseCurrency(p.default_currency, 'default_currency')
        : defaultCurrencyOf(country)
      const wanted =
        p.capabilities ??
        ({ card_payments: { requested: true }, transfers: { requested: true } } as const)
      const account: Stripe.Account = {
        id: store.newId('acct', 16),
        object: 'account',
        business_profile: {
          mcc: null,
          minority_owned_business_designation: null,
          name: null,
          product_description: null,
          specified_commercial_transactions_act_url: null,
          support_address: null,
          support_email: null,
          support_phone: null,
          support_url: null,
          url: null,
        },
        business_type: p.business_type ?? null,
        capabilities: requestedCapabilities({}, wanted),
        charges_enabled: false,
        controller: {
          fees: { payer: 'application' },
          is_controller: true,
          losses: { payments: 'application' },
          requirement_collection: 'stripe',
          stripe_dashboard: { type: 'express' },
          type: 'application',
        },
        country,
        created: store.now(),
        default_currency: defaultCurrency,
        details_submitted: false,
        email: p.email ?? null,
        external_accounts: {
          object: 'list',
          data: [],
          has_more: false,
          url: '',
        },
        future_requirements: emptyRequirements(null),
        metadata: mergeMetadata({}, p.metadata),
        payouts_enabled: false,
        requirements: emptyRequirements('requirements.past_due', onboardingRequirements),
        tos_acceptance: { date: null, ip: null, user_agent: null },
        type: 'express',
      }
      account.external_accounts = {
        object: 'list',
        data: [],
        has_more: false,
        url: `/v1/accounts/${account.id}/external_accounts`,
      }
      applyBusinessProfile(account, p.business_profile)
      return store.put(store.accounts, account)
    }),

    route('GET', '/v1/accounts/:id', ({ store, params }, accountId) => {
      parseParams(z.strictObject({ expand }), params)
      return requireAccount(store, accountId)
    }),

    route('POST', '/v1/accounts/:id', ({ store, params, origin }, accountId) => {
      const p = parseParams(AccountUpdate, params)
      const account = requireAccount(store, accountId)
      const previous: Record<string, unknown> = {}
      if (p.email !== undefined) {
        previous.email = account.email
        account.email = p.email || null
      }
      if (p.business_type !== undefined) {
        previous.business_type = account.business_type
        account.business_type = p.business_type
      }
      if (p.business_profile !== undefined) {
        previous.business_profile = structuredClone(account.business_profile)
        applyBusinessProfile(account, p.business_profile)
      }
      if (p.capabilities !== undefined) {
        previous.capabilities = structuredClone(account.capabilities)
        account.capabilities = requestedCapabilities(account.capabilities ?? {}, p.capabilities)
      }
      if (p.metadata !== undefined) {
        previous.metadata = account.metadata
        account.metadata = mergeMetadata(account.metadata ?? {}, p.metadata)
      }
      store.emit('account.updated', account, origin, { previous, account: account.id })
      return account
    }),

    route('GET', '/v1/accounts', ({ store, params }) => {
      const p = parseParams(z.strictObject(listShape), params)
      return store.page(store.accounts.values(), '/v1/accounts', p, 'account')
    }),

    route('POST', '/v1/account_links', ({ store, params }) => {
      const p = parseParams(AccountLinkCreate, params)
      const account = store.accounts.get(p.account)
      if (!account) {
        throw invalidRequest(`No such account: '${p.account}'`, {
          param: 'account',
          code: 'resource_missing',
        })
      }
      const token = store.newId('acctlink', 32)
      const created = store.now()
      const link: Stripe.AccountLink = {
        object: 'account_link',
        created,
        expires_at: created + 300,
        url: `${store.baseUrl}/hosted/connect/onboarding/${token}`,
      }
      store.accountLinks.set(token, {
        token,
        link,
        account: account.id,
        refreshUrl: p.refresh_url,
        returnUrl: p.return_url,
        used: false,
      })
      return link
    }),
  ]
}
