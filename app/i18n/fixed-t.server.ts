// Catalogue texts outside a request (jobs rendering e-mail): one i18next instance over the
// same resources the pages use, so a text is never translated by a second mechanism.
import { createInstance } from 'i18next'
import { fallbackLanguage, namespaces, type Language, type Namespace } from './config.ts'
import { resources } from './resources.ts'

const instance = createInstance()
void instance.init({
  resources,
  fallbackLng: fallbackLanguage,
  ns: [...namespaces],
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  // Resources are bundled: initialise synchronously.
  initImmediate: false,
})

export function fixedT(lng: Language, ns: Namespace) {
  const t = instance.getFixedT(lng, ns)
  return (key: string, values: Record<string, string> = {}): string => String(t(key, values))
}
