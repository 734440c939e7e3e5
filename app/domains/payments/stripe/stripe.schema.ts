// The Stripe forms: Connect onboarding (whose account, in which country) and the
// reconciliation's date range. One schema each for Conform in the browser and the action.
import { z } from 'zod'

/**
 * Countries offered for a payee's Stripe account: where Stripe onboards Express accounts and
 * pays out. Mainland China is not among them (Stripe cannot onboard payees there); those are
 * paid through the custody bank.
 */
export const onboardingCountries = [
  'HK',
  'SG',
  'US',
  'GB',
  'DE',
  'FR',
  'NL',
  'IE',
  'ES',
  'IT',
  'AT',
  'BE',
  'FI',
  'LU',
  'PT',
] as const

/** Where Stripe lets a platform move money across borders: within the US, the UK and the EEA. */
const crossBorder = new Set([
  'US',
  'GB',
  'DE',
  'FR',
  'NL',
  'IE',
  'ES',
  'IT',
  'AT',
  'BE',
  'FI',
  'LU',
  'PT',
])

/**
 * The payee countries a platform in `platformCountry` can pay through Connect: its own country,
 * and, for a platform in the US, the UK or the EEA, the rest of that group. A platform in Hong
 * Kong or Singapore pays only payees in its own country.
 */
export function payableCountries(platformCountry: string): string[] {
  const platform = platformCountry.toUpperCase()
  return onboardingCountries.filter(
    (c) => c === platform || (crossBorder.has(platform) && crossBorder.has(c)),
  )
}

export const StripeOnboardingSchema = z.object({
  /** 'self', or the id of an organisation whose finances the person manages. */
  party: z.string().min(1).max(64),
  // Any two-letter code reaches Stripe, which is the authority on where it can onboard.
  country: z
    .string({ error: 'payments:stripe.errors.country' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'payments:stripe.errors.country')
    .optional(),
})

const day = z
  .string({ error: 'payments:stripe.errors.date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'payments:stripe.errors.date')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'payments:stripe.errors.date')

/** Both days included; the range is read in UTC, as Stripe's timestamps are. */
export const ReconcileRangeSchema = z
  .object({ from: day, to: day })
  .refine((r) => r.from <= r.to, { message: 'payments:stripe.errors.range', path: ['to'] })
  .refine(
    (r) => Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`) <= 366 * 86_400_000,
    { message: 'payments:stripe.errors.range', path: ['to'] },
  )

/** A day range as instants: from the first day's start to the day after the last. */
export function rangeOf(input: { from: string; to: string }): { from: Date; to: Date } {
  const from = new Date(`${input.from}T00:00:00Z`)
  const to = new Date(Date.parse(`${input.to}T00:00:00Z`) + 86_400_000)
  return { from, to }
}
