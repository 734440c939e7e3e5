// The document: language, header with navigation, search and the acting-as switcher, footer.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { Suspense, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { SiteFooter, SiteHeader } from './components/site-chrome.tsx'
import { useNonce } from './components/nonce.tsx'
import { BAD_FILTER, HIDDEN_BODY } from './error-kinds.ts'
import { actingParty, getAuth } from './domains/accounts/auth.server.ts'
import { unreadCount } from './domains/notifications/notify.server.ts'
import { publicEnv } from './env.server.ts'
import { fallbackLanguage, isLanguage, type Language } from './i18n/config.ts'
import { i18next } from './i18n/i18next.server.ts'
import stylesheet from './tailwind.css?url'

export const meta: MetaFunction = () => [{ title: '众创 Zhongchuang' }]

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, auth] = await Promise.all([i18next.getLocale(request), getAuth(request)])
  const acting = auth ? actingParty(auth) : null
  const unreadNotifications = auth ? await unreadCount(auth.user.id) : 0
  return {
    locale: isLanguage(locale) ? locale : fallbackLanguage,
    env: publicEnv(),
    user: auth
      ? {
          name: auth.user.name,
          email: auth.user.email,
          emailVerified: auth.user.emailVerified,
          isAdmin: auth.adminRoles.length > 0,
          memberships: auth.memberships.map((m) => ({
            orgId: m.orgId,
            name: m.name,
            slug: m.slug,
            role: m.role,
          })),
          actingOrgId: acting?.kind === 'org' ? acting.orgId : null,
          unreadNotifications,
        }
      : null,
  }
}

export type RootData = Awaited<ReturnType<typeof loader>>

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>('root')
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  // Without the root's data (the root loader itself failed: the 503 page) the document's
  // language is the one the page is rendered in, so the browser loads the same strings.
  const { i18n } = useTranslation()
  const lang: Language =
    data?.locale ?? (isLanguage(i18n.language) ? i18n.language : fallbackLanguage)
  const nonce = useNonce()
  return (
    <html lang={lang} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const data = useLoaderData<typeof loader>()
  // Lets journeys (and anyone curious) know the page is interactive.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true'
  }, [])
  return (
    <>
      <SiteHeader user={data.user} locale={data.locale} />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:py-8">
        {/* A page whose strings have not arrived yet waits for them: a navigation keeps the
            previous page meanwhile (it runs in a transition); a part a click opens, with strings
            of its own, leaves this area empty for that moment instead of failing. */}
        <Suspense>
          <Outlet />
        </Suspense>
      </main>
      <SiteFooter icp={data.env.ICP_NUMBER} />
    </>
  )
}

/**
 * Which explanation an error page gives. A 400 speaks of filters only when a list refused its
 * address (the BAD_FILTER marker); a form it could not read, or a body refused as too large or
 * of the wrong kind, gets its own words. Every 503 is one kind: a part the site depends on (the
 * database, the payment provider) is away for a moment, nothing the person did was lost or
 * wrong, and the same request will work again shortly.
 */
export function errorKind(status: number, data: unknown) {
  if (status === 404) return 'notFound'
  if (status === 400) return data === BAD_FILTER ? 'badRequest' : 'unreadable'
  if (status === 413) return 'requestTooLarge'
  if (status === 415) return 'unreadable'
  if (status === 403) return 'forbidden'
  if (status === 503) return 'unavailable'
  return 'serverError'
}

export function ErrorBoundary() {
  const error = useRouteError()
  const location = useLocation()
  const { t } = useTranslation()
  const response = isRouteErrorResponse(error) ? error : null
  const status = response?.status ?? 500
  const kind = errorKind(status, response?.data)
  // A listing, challenge or campaign the platform hid says so rather than "not found".
  const hidden = response?.data === HIDDEN_BODY
  const texts = hidden ? 'hidden' : kind
  return (
    <main
      id="main"
      className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center px-4 py-16 text-center"
    >
      <p className="text-5xl font-bold text-brand-700">{status}</p>
      <h1 className="mt-4 text-2xl font-semibold">{t(`errors.${texts}.title`)}</h1>
      <p className="mt-2 text-slate-600">{t(`errors.${texts}.body`)}</p>
      {kind === 'unavailable' ? (
        <div className="mt-6 flex flex-wrap justify-center gap-3">
          {/* A plain link: the page is asked for again (a form's data is not sent twice). */}
          <a
            href={location.pathname + location.search}
            className="inline-block rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700 hover:no-underline"
          >
            {t('errors.retry')}
          </a>
          <a
            href="/"
            className="inline-block rounded-md border border-slate-300 px-4 py-2 text-slate-800 hover:bg-slate-50 hover:no-underline"
          >
            {t('errors.home')}
          </a>
        </div>
      ) : (
        <a
          href="/"
          className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700 hover:no-underline"
        >
          {t('errors.home')}
        </a>
      )}
    </main>
  )
}
