// The admin console's overview: what waits for a decision, and how many people and organisations
// the platform has.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminNav, StatusBadge } from '~/components/admin-nav.tsx'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { adminRolesAllow } from '~/domains/accounts/permissions.ts'
import { overviewCounts } from '~/domains/admin/queries.server.ts'
import { queuesFor } from '~/domains/admin/queues.server.ts'
import type { OrgStatus } from '~/domains/orgs/org-verification.machine.ts'
import { requestLanguage } from '~/domains/web/request.server.ts'
import { formatNumber } from '~/i18n/format.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:admin:any')
  const [counts, queues, lng] = await Promise.all([
    overviewCounts(),
    queuesFor(auth.adminRoles),
    requestLanguage(request),
  ])
  return { counts, queues, lng, adminRoles: auth.adminRoles }
}

export const meta: MetaFunction = () => [{ title: '管理后台 · 众创 Zhongchuang' }]

export default function AdminOverviewPage() {
  const { t } = useTranslation('admin')
  const { counts, queues, lng, adminRoles } = useLoaderData<typeof loader>()
  const canClaims = adminRolesAllow(adminRoles, 'decide:claim:any')
  const canUsers = adminRolesAllow(adminRoles, 'view:user:any')
  const cards = [
    {
      key: 'pendingOrgs',
      value: counts.pendingOrgs,
      to: '/admin/orgs?status=pending',
      link: t('overview.review'),
      show: true,
    },
    {
      key: 'openClaims',
      value: counts.openClaims,
      to: '/admin/claims',
      link: t('overview.decide'),
      show: canClaims,
    },
    {
      key: 'users',
      value: counts.users,
      to: '/admin/users',
      link: t('overview.view'),
      show: canUsers,
    },
  ]
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('overview.sub')}>{t('overview.title')}</PageTitle>
      {queues.length ? (
        <section aria-labelledby="admin-queues" className="mb-6">
          <h2 id="admin-queues" className="mb-3 text-lg font-semibold text-slate-900">
            {t('queues.title')}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {queues.map((q) => (
              <li key={q.key}>
                <Link
                  to={q.to}
                  className={`flex items-center justify-between gap-3 rounded-md border bg-white px-4 py-3 text-slate-900 hover:border-brand-600 hover:no-underline ${
                    q.count > 0 ? 'border-amber-300' : 'border-slate-200'
                  }`}
                >
                  <span className="text-sm font-medium">{t(`queues.${q.key}`)}</span>
                  <span
                    className={`text-2xl font-semibold tabular-nums ${q.count > 0 ? 'text-amber-800' : 'text-slate-400'}`}
                  >
                    {formatNumber(q.count, lng)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        {cards.map((c) => (
          <Card key={c.key}>
            <h2 className="text-sm font-medium text-slate-600">{t(`overview.${c.key}`)}</h2>
            <p className="mt-2 text-3xl font-bold text-slate-900">{formatNumber(c.value, lng)}</p>
            {c.show ? (
              <Link to={c.to} className="mt-3 inline-block text-sm">
                {c.link}
              </Link>
            ) : null}
          </Card>
        ))}
      </div>
      <Card className="mt-6">
        <h2 className="text-lg font-semibold text-slate-900">{t('overview.orgsByStatus')}</h2>
        <ul className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {(Object.keys(counts.orgsByStatus) as OrgStatus[]).map((s) => (
            <li key={s}>
              <Link
                to={`/admin/orgs?status=${s}`}
                className="flex items-center justify-between gap-3 rounded-md border border-slate-200 px-4 py-3 text-slate-900 hover:border-brand-600 hover:no-underline"
              >
                <StatusBadge status={s} label={t(`orgStatus.${s}`)} />
                <span className="text-xl font-semibold">
                  {formatNumber(counts.orgsByStatus[s], lng)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  )
}
