// i18next in the browser: one chunk per language and namespace, loaded when first needed. Before
// hydration the client entry loads the namespaces the server's render listed at the end of the
// document; a page reached later that names other namespaces in `useTranslation` suspends until
// they arrive (navigations run in a transition, so the previous page stays meanwhile). See
// docs/decisions/0023.
import type { BackendModule, i18n as I18n, ReadCallback } from 'i18next'
import { initReactI18next } from 'react-i18next'
import {
  isNamespace,
  namespaces,
  namespacesElementId,
  supportedLanguages,
  type Language,
} from './config.ts'

type Catalogue = { default: Record<string, unknown> }
/** The catalogue files as `import.meta.glob` of `…/locales/*\/*.json` gives them (lazy). */
export type CatalogueChunks = Record<string, () => Promise<unknown>>

function catalogueBackend(chunks: CatalogueChunks): BackendModule {
  const byName = new Map<string, () => Promise<unknown>>()
  for (const [file, load] of Object.entries(chunks)) {
    const name = /locales\/([\w-]+)\/([\w-]+)\.json$/.exec(file)
    if (name) byName.set(`${name[1]}/${name[2]}`, load)
  }
  return {
    type: 'backend',
    init() {},
    read(lng: string, ns: string, callback: ReadCallback) {
      const load = byName.get(`${lng}/${ns}`)
      if (!load) {
        callback(new Error(`no catalogue ${lng}/${ns}`), false)
        return
      }
      load().then(
        (chunk) => callback(null, (chunk as Catalogue).default),
        // A chunk that failed to arrive (network): i18next asks again a few times.
        (error: unknown) =>
          callback(error instanceof Error ? error : new Error(String(error)), true),
      )
    },
  }
}

/** The namespaces the server render used, listed at the end of the document; all if absent. */
export function listedNamespaces(doc: Document): string[] {
  const text = doc.getElementById(namespacesElementId)?.textContent
  if (text) {
    try {
      const list: unknown = JSON.parse(text)
      if (Array.isArray(list)) return list.filter(isNamespace)
    } catch {
      // Unreadable: every namespace, rather than a page showing keys.
    }
  }
  return [...namespaces]
}

/**
 * A key whose namespace is not loaded yet: a key that came from data (a form error from a schema
 * or an action, a refusal from a loader) in a namespace no component on the page names. Its
 * namespace is loaded and the text shown empty until then; the `loaded` event re-renders the
 * components that translate (see `bindI18n`). A key missing from a loaded namespace reads as
 * i18next shows it by default, the key itself.
 */
function loadMissing(instance: I18n) {
  return (key: string, defaultValue?: string): string => {
    const colon = key.indexOf(':')
    const ns = key.slice(0, colon)
    if (colon > 0 && isNamespace(ns) && !instance.hasLoadedNamespace(ns)) {
      void instance.loadNamespaces(ns)
      return defaultValue ?? ''
    }
    return defaultValue ?? key.slice(colon + 1)
  }
}

/** Initialises `instance` in `lng` with `ns` loaded (in parallel), the rest on demand. */
export async function startI18n(
  instance: I18n,
  chunks: CatalogueChunks,
  lng: Language,
  ns: readonly string[],
): Promise<void> {
  await instance
    .use(catalogueBackend(chunks))
    .use(initReactI18next)
    .init({
      lng,
      fallbackLng: false,
      supportedLngs: [...supportedLanguages],
      // zh-CN only, not also a 'zh' that has no catalogue.
      load: 'currentOnly',
      ns: [...ns],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      appendNamespaceToMissingKey: true,
      parseMissingKeyHandler: loadMissing(instance),
      // Re-render on a namespace loaded later too, for keys shown empty while it came.
      react: { bindI18n: 'languageChanged loaded' },
    })
}
