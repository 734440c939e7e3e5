// Header and footer of every page. Menus are <details> elements and every control is a plain
// form, so all of it works without JavaScript.
import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '../i18n/config.ts'
import { SearchSuggest } from './search-suggest.tsx'

type HeaderUser = {
  name: string
  isAdmin: boolean
  memberships: { orgId: string; name: string; slug: string; role: string }[]
  actingOrgId: string | null
  unreadNotifications: number
} | null

const nav = [
  { to: '/challenges', key: 'nav.challenges' },
  { to: '/equipment', key: 'nav.equipment' },
  { to: '/campaigns', key: 'nav.campaigns' },
  { to: '/investors', key: 'nav.investors' },
  { to: '/spaces', key: 'nav.spaces' },
  { to: '/events', key: 'nav.events' },
] as const

export function SiteHeader({ user, locale }: { user: HeaderUser; locale: Language }) {
  const { t } = useTranslation()
  const location = useLocation()
  const here = `${location.pathname}${location.search}`
  const acting = user?.memberships.find((m) => m.orgId === user.actingOrgId)
  return (
    <header className="border-b border-slate-200 bg-white print:hidden">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        {t('nav.skip')}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3">
        <Link
          to="/"
          className="flex items-center gap-2 text-lg font-bold text-slate-900 hover:no-underline"
        >
          <span
            aria-hidden
            className="grid h-8 w-8 place-items-center rounded-md bg-brand-600 text-white"
          >
            众
          </span>
          <span>{t('brand')}</span>
        </Link>
        <nav aria-label={t('nav.label')} className="order-3 w-full sm:order-none sm:w-auto">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm font-medium">
            {nav.map((n) => (
              <li key={n.to}>
                <NavLink
                  to={n.to}
                  className={({ isActive }) =>
                    isActive ? 'text-brand-700' : 'text-slate-700 hover:text-brand-700'
                  }
                >
                  {t(n.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <SearchSuggest locale={locale} />
        <div className="ml-auto flex min-w-0 flex-wrap items-center justify-end gap-x-3 gap-y-2 text-sm">
          {/* A full reload: the page and its script both come back in the new language. */}
          <Form method="post" action="/language" reloadDocument className="flex items-center">
            <input type="hidden" name="redirectTo" value={here} />
            <button
              type="submit"
              name="lng"
              value={locale === 'zh-CN' ? 'en' : 'zh-CN'}
              lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
              className="whitespace-nowrap rounded border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-100"
            >
              {locale === 'zh-CN' ? 'English' : '中文'}
            </button>
          </Form>
          {user ? (
            <>
              {user.memberships.length > 0 ? (
                // Keyed by who the person acts for, so a switch comes back with the menu closed.
                <details key={acting?.orgId ?? 'self'} className="relative">
                  <summary
                    title={acting?.name}
                    className="flex max-w-36 cursor-pointer list-none rounded border border-slate-300 px-2 py-1 text-slate-700 sm:max-w-56"
                  >
                    <span className="sr-only">{t('acting.label')}: </span>
                    {/* A long company name is cut short here; the menu and the title say it whole. */}
                    <span className="truncate">{acting ? acting.name : t('acting.self')}</span>
                    <span aria-hidden>&nbsp;▾</span>
                  </summary>
                  <div className="absolute right-0 z-20 mt-1 w-64 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
                    <p className="px-2 py-1 text-xs text-slate-500">{t('acting.label')}</p>
                    <Form method="post" action="/acting">
                      <input type="hidden" name="redirectTo" value={here} />
                      <button
                        name="orgId"
                        value=""
                        className="w-full rounded px-2 py-1.5 text-left hover:bg-slate-100"
                        aria-current={!acting}
                      >
                        {t('acting.self')} {!acting ? '✓' : ''}
                      </button>
                      {user.memberships.map((m) => (
                        <button
                          key={m.orgId}
                          name="orgId"
                          value={m.orgId}
                          className="w-full rounded px-2 py-1.5 text-left hover:bg-slate-100"
                          aria-current={acting?.orgId === m.orgId}
                        >
                          {m.name} {acting?.orgId === m.orgId ? '✓' : ''}
                        </button>
                      ))}
                    </Form>
                  </div>
                </details>
              ) : null}
              <Link
                to="/notifications"
                aria-label={
                  user.unreadNotifications > 0
                    ? t('nav.bell', { count: user.unreadNotifications })
                    : t('nav.bellNone')
                }
                className="relative rounded px-2 py-1 text-slate-700 hover:bg-slate-100 hover:no-underline"
              >
                <svg
                  aria-hidden
                  viewBox="0 0 24 24"
                  className="inline h-5 w-5"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                >
                  <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
                  <path d="M13.73 21a2 2 0 0 1-3.46 0" />
                </svg>
                {user.unreadNotifications > 0 ? (
                  <span
                    aria-hidden
                    className="absolute -right-1 -top-1 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-semibold text-white"
                  >
                    {user.unreadNotifications > 99 ? '99+' : user.unreadNotifications}
                  </span>
                ) : null}
              </Link>
              <details className="relative">
                <summary className="cursor-pointer list-none whitespace-nowrap rounded px-2 py-1 font-medium text-slate-800 hover:bg-slate-100">
                  {user.name} ▾
                </summary>
                <div className="absolute right-0 z-20 mt-1 w-48 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
                  <Link
                    to="/dashboard"
                    className="block rounded px-2 py-1.5 text-slate-800 hover:bg-slate-100 hover:no-underline"
                  >
                    {t('nav.dashboard')}
                  </Link>
                  <Link
                    to="/messages"
                    className="block rounded px-2 py-1.5 text-slate-800 hover:bg-slate-100 hover:no-underline"
                  >
                    {t('nav.messages')}
                  </Link>
                  <Link
                    to="/intros"
                    className="block rounded px-2 py-1.5 text-slate-800 hover:bg-slate-100 hover:no-underline"
                  >
                    {t('nav.intros')}
                  </Link>
                  <Link
                    to="/investments"
                    className="block rounded px-2 py-1.5 text-slate-800 hover:bg-slate-100 hover:no-underline"
                  >
                    {t('nav.investments')}
                  </Link>
                  <Link
                    to="/deals"
                    className="block rounded px-2 py-1.5 text-slate-800 hover:bg-slate-100 hover:no-underline"
                  >
                    {t('nav.deals')}
                  </Link>
                  <Link
                    to="/payments"
                    className="block rounded px-2 py-1.5 text-slate-800 hover:bg-slate-100 hover:no-underline"
                  >
                    {t('nav.payments')}
                  </Link>
                  <Link
                    to="/finance"
                    className="block rounded px-2 py-1.5 text-slate-800 hover:bg-slate-100 hover:no-underline"
                  >
                    {t('nav.finance')}
                  </Link>
                  <Link
                    to="/settings"
                    className="block rounded px-2 py-1.5 text-slate-800 hover:bg-slate-100 hover:no-underline"
                  >
                    {t('nav.settings')}
                  </Link>
                  {user.isAdmin ? (
                    <Link
                      to="/admin"
                      className="block rounded px-2 py-1.5 text-slate-800 hover:bg-slate-100 hover:no-underline"
                    >
                      {t('nav.admin')}
                    </Link>
                  ) : null}
                  <Form method="post" action="/logout">
                    <button className="w-full rounded px-2 py-1.5 text-left text-slate-800 hover:bg-slate-100">
                      {t('nav.logout')}
                    </button>
                  </Form>
                </div>
              </details>
            </>
          ) : (
            <>
              <Link to="/login" className="text-slate-700">
                {t('nav.login')}
              </Link>
              <Link
                to="/signup"
                className="rounded-md bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700 hover:no-underline"
              >
                {t('nav.signup')}
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  )
}

export function SiteFooter({ icp }: { icp: string | null }) {
  const { t } = useTranslation()
  return (
    <footer className="border-t border-slate-200 bg-white text-sm text-slate-600 print:hidden">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 sm:flex-row sm:items-center sm:justify-between">
        <p>
          {t('brand')} · {t('footer.tagline')}
        </p>
        <p className="flex flex-wrap gap-4">
          <Link to="/privacy">{t('footer.privacy')}</Link>
          <a href="/healthz">{t('footer.status')}</a>
          {icp ? (
            <a href="https://beian.miit.gov.cn/" rel="noreferrer">
              {icp}
            </a>
          ) : null}
        </p>
      </div>
    </footer>
  )
}
