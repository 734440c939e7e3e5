// Languages of the product: Simplified Chinese first, English second. Catalogues are split by
// area (namespaces) so each area's strings live together.
export const supportedLanguages = ['zh-CN', 'en'] as const
export type Language = (typeof supportedLanguages)[number]
export const fallbackLanguage: Language = 'zh-CN'
export const namespaces = [
  'common',
  'auth',
  'orgs',
  'spaces',
  'admin',
  'settings',
  'notifications',
  'payments',
  'fapiao',
  'equipment',
  'listings',
  'bookings',
  'booking-form',
  'equipment-care',
  'vouchers',
  'equipment-dashboard',
  'bids',
  'challenges',
  'challenge-work',
  'reputation',
  'startups',
  'investors',
  'campaigns',
  'commitments',
  'intros',
  'events',
  'mentors',
  'figures',
  'moderation',
] as const
export type Namespace = (typeof namespaces)[number]

const namespaceSet: ReadonlySet<string> = new Set(namespaces)
export function isNamespace(value: unknown): value is Namespace {
  return typeof value === 'string' && namespaceSet.has(value)
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value)
}

/** The element at the end of a document listing the namespaces its render used. */
export const namespacesElementId = 'zc-i18n-namespaces'
