// Language detection for a request: the `lng` cookie set by the language switch, then the
// browser's Accept-Language, then Chinese.
import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import { fallbackLanguage, supportedLanguages } from './config.ts'
import { resources } from './resources.ts'

export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
})

export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    order: ['cookie', 'header'],
  },
  i18next: { resources, defaultNS: 'common', fallbackNS: 'common' },
})
