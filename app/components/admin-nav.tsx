// The admin console's navigation, shown at the top of every admin page, and the small pieces its
// pages share (status badges, the pager). Links an admin's roles do not allow are hidden; the
// loaders still check every permission.
import { Link, NavLink, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { adminRolesAllow, type AdminPermission } from '../domains/accounts/permissions.ts'

// A link shows when the admin holds any of its permissions.
const links: {
  to: string
  key: string
  permission: AdminPermission | readonly AdminPermission[]
  end?: boolean
}[] = [
  { to: '/admin', key: 'nav.overview', permission: 'view:admin:any', end: true },
  { to: '/admin/orgs', key: 'nav.orgs', permission: 'view:admin:any' },
  { to: '/admin/claims', key: 'nav.claims', permission: 'decide:claim:any' },
  { to: '/admin/investors', key: 'nav.investors', permission: 'verify:investor:any' },
  {
    to: '/admin/campaigns',
    key: 'nav.campaigns',
    permission: ['verify:campaign:any', 'moderate:content:any'],
  },
  { to: '/admin/spaces', key: 'spaces.nav', permission: 'verify:space:any' },
  { to: '/admin/listings', key: 'nav.listings', permission: 'moderate:content:any' },
  { to: '/admin/moderation', key: 'nav.holds', permission: 'moderate:content:any' },
  { to: '/admin/users', key: 'nav.users', permission: 'view:user:any' },
  { to: '/admin/audit', key: 'nav.audit', permission: 'view:audit:any' },
  { to: '/admin/jobs', key: 'nav.jobs', permission: 'view:admin:any' },
  { to: '/admin/payments', key: 'payments.nav', permission: 'view:payment:any' },
  {
    to: '/admin/payments/reconcile',
    key: 'nav.reconcile',
    permission: 'view:payment:any',
  },
  { to: '/admin/disputes', key: 'disputes.nav', permission: 'view:payment:any' },
  {
    to: '/admin/challenges',
    key: 'challenges.nav',
    permission: ['view:payment:any', 'moderate:content:any'],
  },
  { to: '/admin/vouchers', key: 'nav.vouchers', permission: 'view:payment:any' },
  { to: '/admin/figures', key: 'nav.figures', permission: 'view:admin:any' },
]

export function AdminNav({ roles }: { roles: readonly string[] }) {
  const { t } = useTranslation('admin')
  return (
    <nav aria-label={t('nav.label')} className="mb-6 border-b border-slate-200">
      <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
        {t('nav.console')}
      </p>
      <ul className="-mb-px flex gap-1 overflow-x-auto text-sm font-medium">
        {links
          .filter((l) =>
            (typeof l.permission === 'string' ? [l.permission] : l.permission).some((p) =>
              adminRolesAllow(roles, p),
            ),
          )
          .map((l) => (
            <li key={l.to} className="shrink-0">
              <NavLink
                to={l.to}
                end={l.end}
                className={({ isActive }) =>
                  `inline-block whitespace-nowrap border-b-2 px-3 py-2 hover:no-underline ${
                    isActive
                      ? 'border-brand-600 text-brand-700'
                      : 'border-transparent text-slate-600 hover:text-brand-700'
                  }`
                }
              >
                {t(l.key)}
              </NavLink>
            </li>
          ))}
      </ul>
    </nav>
  )
}

const paymentsTabs: { to: string; key: string; end?: boolean }[] = [
  { to: '/admin/payments', key: 'payments.tabs.overview', end: true },
  { to: '/admin/payments/transfers', key: 'payments.tabs.transfers' },
  { to: '/admin/payments/statements', key: 'payments.tabs.statements' },
  { to: '/admin/payments/instructions', key: 'payments.tabs.instructions' },
  { to: '/admin/payments/fees', key: 'payments.tabs.fees' },
]

/** The money console's own sections, under the admin navigation on every /admin/payments page. */
export function PaymentsNav() {
  const { t } = useTranslation('admin')
  return (
    <nav aria-label={t('payments.tabs.label')} className="mb-6">
      <ul className="flex gap-2 overflow-x-auto pb-1 text-sm">
        {paymentsTabs.map((l) => (
          <li key={l.to} className="shrink-0">
            <NavLink
              to={l.to}
              end={l.end}
              className={({ isActive }) =>
                `inline-flex whitespace-nowrap rounded-full border px-3 py-1 hover:no-underline ${
                  isActive
                    ? 'border-brand-600 bg-brand-50 text-brand-800'
                    : 'border-slate-300 bg-white text-slate-700 hover:border-brand-600'
                }`
              }
            >
              {t(l.key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}

const statusStyles: Record<string, string> = {
  pending: 'bg-amber-50 text-amber-900 ring-amber-200',
  open: 'bg-amber-50 text-amber-900 ring-amber-200',
  verified: 'bg-green-50 text-green-900 ring-green-200',
  accepted: 'bg-green-50 text-green-900 ring-green-200',
  rejected: 'bg-red-50 text-red-900 ring-red-200',
  declined: 'bg-red-50 text-red-900 ring-red-200',
  suspended: 'bg-slate-100 text-slate-800 ring-slate-300',
  // Money: what waits for someone is amber, what is done green, what went back red.
  awaiting_payment: 'bg-amber-50 text-amber-900 ring-amber-200',
  requires_action: 'bg-amber-50 text-amber-900 ring-amber-200',
  pending_approval: 'bg-amber-50 text-amber-900 ring-amber-200',
  approved: 'bg-sky-50 text-sky-900 ring-sky-200',
  held: 'bg-sky-50 text-sky-900 ring-sky-200',
  recorded: 'bg-green-50 text-green-900 ring-green-200',
  executed: 'bg-green-50 text-green-900 ring-green-200',
  settled: 'bg-green-50 text-green-900 ring-green-200',
  cancelled: 'bg-slate-100 text-slate-800 ring-slate-300',
}

/** A status pill; `label` is already translated. */
export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
        statusStyles[status] ?? 'bg-slate-100 text-slate-800 ring-slate-300'
      }`}
    >
      {label}
    </span>
  )
}

/** Previous/next links that keep the page's other query parameters (filters, search). */
export function Pager({ page, hasNext }: { page: number; hasNext: boolean }) {
  const { t } = useTranslation('admin')
  const [searchParams] = useSearchParams()
  if (page <= 1 && !hasNext) return null
  const hrefFor = (p: number) => {
    const next = new URLSearchParams(searchParams)
    if (p <= 1) next.delete('page')
    else next.set('page', String(p))
    const qs = next.toString()
    return qs ? `?${qs}` : '?'
  }
  return (
    <nav
      aria-label={t('pager.label')}
      className="mt-4 flex items-center justify-between gap-4 text-sm"
    >
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          {t('pager.prev')}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">{t('pager.page', { page })}</span>
      {hasNext ? (
        <Link to={hrefFor(page + 1)} rel="next">
          {t('pager.next')}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  )
}

/** Shared table classes, so every admin table scrolls sideways on a phone instead of overflowing. */
export const table = {
  wrap: 'overflow-x-auto',
  table: 'min-w-full divide-y divide-slate-200 text-sm',
  th: 'whitespace-nowrap px-3 py-2 text-left font-medium text-slate-600',
  td: 'px-3 py-2 align-top',
  body: 'divide-y divide-slate-100',
}
