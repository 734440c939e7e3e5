// How the catalogue tests read a namespace's JSON: every text under its dotted key, and a key
// without i18next's plural suffix (a key may carry _one in English and none in Chinese, which has
// no plural forms).
export function flattenCatalogue(value: unknown, prefix = ''): Record<string, unknown> {
  if (value === null || typeof value !== 'object') return { [prefix]: value }
  return Object.entries(value as Record<string, unknown>).reduce<Record<string, unknown>>(
    (acc, [k, v]) => ({ ...acc, ...flattenCatalogue(v, prefix ? `${prefix}.${k}` : k) }),
    {},
  )
}

export const withoutPluralSuffix = (key: string) =>
  key.replace(/_(zero|one|two|few|many|other)$/, '')
