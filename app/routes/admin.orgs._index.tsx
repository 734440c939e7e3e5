// The verification queue: organisations waiting for a verifier, oldest first; the other statuses
// through the tabs (?status=verified|rejected|suspended).
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminNav, Pager, StatusBadge, table } from '~/components/admin-nav.tsx'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { isOrgStatus, orgCountsByStatus, orgQueue } from '~/domains/admin/queries.server.ts'
import type { OrgStatus } from '~/domains/orgs/org-verification.machine.ts'
import { PageSchema, requestLanguage, searchParamsOf } from '~/domains/web/request.server.ts'
import { formatDateTime, formatNumber } from '~/i18n/format.ts'
import { z } from 'zod'

const ListSchema = z.object({
  status: z.custom<OrgStatus>(isOrgStatus).optional(),
  page: PageSchema,
})

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:admin:any')
  const { status = 'pending', page = 1 } = searchParamsOf(request, ListSchema)
  const [orgs, counts, lng] = await Promise.all([
    orgQueue({ status, page }),
    orgCountsByStatus(),
    requestLanguage(request),
  ])
  return { status, orgs, counts, lng, adminRoles: auth.adminRoles }
}

export const meta: MetaFunction = () => [{ title: '认证审核 · 管理后台 · 众创 Zhongchuang' }]

export default function AdminOrgQueuePage() {
  const { t } = useTranslation('admin')
  const { status, orgs, counts, lng, adminRoles } = useLoaderData<typeof loader>()
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('queue.sub')}>{t('queue.title')}</PageTitle>
      <nav aria-label={t('queue.filter')} className="mb-4">
        <ul className="flex gap-2 overflow-x-auto pb-1 text-sm">
          {(Object.keys(counts) as OrgStatus[]).map((s) => (
            <li key={s} className="shrink-0">
              <Link
                to={`?status=${s}`}
                aria-current={s === status ? 'page' : undefined}
                className={`inline-flex items-center gap-2 whitespace-nowrap rounded-full border px-3 py-1 hover:no-underline ${
                  s === status
                    ? 'border-brand-600 bg-brand-50 text-brand-800'
                    : 'border-slate-300 bg-white text-slate-700 hover:border-brand-600'
                }`}
              >
                {t(`orgStatus.${s}`)}
                <span className="text-xs text-slate-500">{formatNumber(counts[s], lng)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Card>
        {orgs.rows.length === 0 ? (
          <p className="text-sm text-slate-600">
            {t('queue.empty', { status: t(`orgStatus.${status}`) })}
          </p>
        ) : (
          <div className={table.wrap}>
            <table className={table.table}>
              <caption className="sr-only">
                {t('queue.caption', { status: t(`orgStatus.${status}`) })}
              </caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={table.th}>
                    {t('queue.columns.name')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('queue.columns.type')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('queue.columns.city')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('queue.columns.createdBy')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('queue.columns.documents')}
                  </th>
                  <th scope="col" className={table.th}>
                    {status === 'pending'
                      ? t('queue.columns.submittedAt')
                      : t('queue.columns.updatedAt')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('queue.columns.status')}
                  </th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {orgs.rows.map((o) => (
                  <tr key={o.id}>
                    <td className={`${table.td} min-w-48`}>
                      <Link to={`/admin/orgs/${o.id}`} className="font-medium">
                        {o.name}
                      </Link>
                      <div className="font-mono text-xs text-slate-500">{o.uscc}</div>
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>{t(`orgType.${o.type}`)}</td>
                    <td className={`${table.td} whitespace-nowrap`}>{o.city}</td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {o.creatorName ?? (
                        <span className="text-slate-500">{t('common.unknownUser')}</span>
                      )}
                      {o.creatorEmail ? (
                        <div className="text-xs text-slate-500">{o.creatorEmail}</div>
                      ) : null}
                    </td>
                    <td className={table.td}>{formatNumber(o.documents, lng)}</td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {formatDateTime(status === 'pending' ? o.createdAt : o.updatedAt, lng)}
                    </td>
                    <td className={table.td}>
                      <StatusBadge status={o.status} label={t(`orgStatus.${o.status}`)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Pager page={orgs.page} hasNext={orgs.hasNext} />
    </div>
  )
}
