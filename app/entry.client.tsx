// Hydration after i18next has the strings the server render used, in the page's language: one
// chunk per language and namespace, the ones the document lists loaded in parallel; namespaces a
// later page needs load when it first asks for them (app/i18n/browser.ts).
import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { listedNamespaces, startI18n, type CatalogueChunks } from './i18n/browser.ts'
import { fallbackLanguage, isLanguage } from './i18n/config.ts'

const chunks: CatalogueChunks = import.meta.glob('./i18n/locales/*/*.json')

async function hydrate() {
  const htmlLang = document.documentElement.lang
  const lng = isLanguage(htmlLang) ? htmlLang : fallbackLanguage
  await startI18n(i18next, chunks, lng, listedNamespaces(document))
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    )
  })
}

void hydrate()
