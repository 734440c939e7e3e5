// Hydration after i18next has the page's language, loaded on its own so a page ships only one
// language's strings.
import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { fallbackLanguage, isLanguage, namespaces } from './i18n/config.ts'

async function hydrate() {
  const htmlLang = document.documentElement.lang
  const lng = isLanguage(htmlLang) ? htmlLang : fallbackLanguage
  const catalogue =
    lng === 'en'
      ? await import('./i18n/catalogue.en.ts')
      : await import('./i18n/catalogue.zh-CN.ts')
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: false,
    ns: [...namespaces],
    defaultNS: 'common',
    resources: { [lng]: catalogue.default },
    interpolation: { escapeValue: false },
  })
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
