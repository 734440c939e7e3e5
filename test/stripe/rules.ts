// The money and Connect rules the server enforces: supported currencies with their minimum
// charge and the documented fee rule, the countries an account may be in, and which
// platform/account pairs Stripe lets money flow between. CONTRACT.md explains each choice.
import { StripeApiError, invalidRequest } from './errors.ts'

interface CurrencyRule {
  /** Smallest charge, in minor units (Stripe's minimum charge amounts; cny is our assumption). */
  minimum: number
  /** Processing fee: basis points of the amount plus a fixed part in minor units. */
  feeBp: number
  feeFixed: number
  symbol: string
}

export const currencyRules = {
  usd: { minimum: 50, feeBp: 290, feeFixed: 30, symbol: '$' },
  cny: { minimum: 400, feeBp: 340, feeFixed: 0, symbol: '¥' },
  hkd: { minimum: 400, feeBp: 340, feeFixed: 235, symbol: 'HK$' },
  eur: { minimum: 50, feeBp: 150, feeFixed: 25, symbol: '€' },
  gbp: { minimum: 30, feeBp: 150, feeFixed: 20, symbol: '£' },
  sgd: { minimum: 50, feeBp: 340, feeFixed: 50, symbol: 'S$' },
} as const satisfies Record<string, CurrencyRule>
export type Currency = keyof typeof currencyRules

export const MAX_AMOUNT = 99_999_999

function isCurrency(value: string): value is Currency {
  return Object.hasOwn(currencyRules, value)
}

export function parseCurrency(value: string, param = 'currency'): Currency {
  const lower = value.toLowerCase()
  if (isCurrency(lower)) return lower
  throw invalidRequest(
    `Invalid currency: ${value}. Stripe currently supports these currencies: ${Object.keys(currencyRules).join(', ')}`,
    { param },
  )
}

export function formatAmount(amount: number, currency: Currency): string {
  return `${currencyRules[currency].symbol}${(amount / 100).toFixed(2)}`
}

/** A charge amount: at least the currency's minimum, at most eight digits. */
export function checkChargeAmount(amount: number, currency: Currency, param = 'amount'): void {
  const { minimum } = currencyRules[currency]
  if (amount < minimum) {
    throw invalidRequest(`Amount must be at least ${formatAmount(minimum, currency)} ${currency}`, {
      param,
      code: 'amount_too_small',
    })
  }
  if (amount > MAX_AMOUNT) {
    throw invalidRequest(
      `Amount must be no more than ${formatAmount(MAX_AMOUNT, currency)} ${currency}`,
      { param, code: 'amount_too_large' },
    )
  }
}

export function checkPositive(amount: number, param: string): void {
  if (amount <= 0) {
    throw invalidRequest(`Invalid positive integer`, { param, code: 'parameter_invalid_integer' })
  }
}

/** Stripe's processing fee for a successful charge: percent half-up to the minor unit, plus fixed. */
export function processingFee(amount: number, currency: Currency): number {
  const { feeBp, feeFixed } = currencyRules[currency]
  return Math.floor((amount * feeBp * 2 + 10_000) / 20_000) + feeFixed
}

const eea = ['AT', 'BE', 'DE', 'ES', 'FI', 'FR', 'IE', 'IT', 'LU', 'NL', 'PT'] as const

/** Countries a connected account may be in, with the currency it settles in. */
export const countryCurrencies: Record<string, Currency> = {
  US: 'usd',
  HK: 'hkd',
  GB: 'gbp',
  SG: 'sgd',
  ...Object.fromEntries(eea.map((c) => [c, 'eur' as const])),
}

/** Where Stripe allows cross-border transfers between platform and account (Connect docs). */
const crossBorderRegion = new Set<string>(['US', 'GB', ...eea])

export function parseAccountCountry(value: string): string {
  const country = value.toUpperCase()
  if (country === 'CN') {
    throw invalidRequest(
      'Connected accounts cannot be created in CN: Stripe does not support accounts in mainland China.',
      { param: 'country', code: 'country_unsupported' },
    )
  }
  if (!Object.hasOwn(countryCurrencies, country)) {
    throw invalidRequest(`Connected accounts cannot be created in ${value}.`, {
      param: 'country',
      code: 'country_unsupported',
    })
  }
  return country
}

export function regionAllowsTransfer(platformCountry: string, accountCountry: string): boolean {
  if (platformCountry === accountCountry) return true
  return crossBorderRegion.has(platformCountry) && crossBorderRegion.has(accountCountry)
}

export function transfersNotAllowed(
  platformCountry: string,
  accountCountry: string,
  param: string,
): StripeApiError {
  return invalidRequest(
    `Funds can't be sent to accounts located in ${accountCountry} from a platform in ${platformCountry}: transfers are only allowed within a region (see Connect cross-border payouts).`,
    { param, code: 'transfers_not_allowed' },
  )
}
