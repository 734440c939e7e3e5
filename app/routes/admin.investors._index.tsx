// The 合格投资者 queue for verifiers: applications waiting for a decision, oldest first, and the
// latest decisions.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminNav, StatusBadge, table } from '~/components/admin-nav.tsx'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { verificationQueue } from '~/domains/deals/decide-investor-verification.server.ts'
import { requestLanguage } from '~/domains/web/request.server.ts'
import { formatDateTime, formatMoney } from '~/i18n/format.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'verify:investor:any')
  const [queue, lng] = await Promise.all([verificationQueue(), requestLanguage(request)])
  return { ...queue, lng, adminRoles: auth.adminRoles }
}

export const meta: MetaFunction = () => [{ title: '合格投资者审核 · 管理后台 · 众创 Zhongchuang' }]

type Row = ReturnType<typeof useLoaderData<typeof loader>>['waiting'][number]

export default function AdminInvestorQueue() {
  const { t } = useTranslation('investors')
  const { waiting, decided, lng, adminRoles } = useLoaderData<typeof loader>()
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('admin.sub')}>{t('admin.title')}</PageTitle>
      <Card>
        <h2 className="text-lg font-semibold text-slate-900">
          {t('admin.waiting', { count: waiting.length })}
        </h2>
        {waiting.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('admin.noneWaiting')}</p>
        ) : (
          <Rows rows={waiting} lng={lng} dateOf={(r) => r.createdAt} />
        )}
      </Card>
      <Card className="mt-6">
        <h2 className="text-lg font-semibold text-slate-900">{t('admin.decided')}</h2>
        {decided.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('admin.noneDecided')}</p>
        ) : (
          <Rows rows={decided} lng={lng} dateOf={(r) => r.decidedAt ?? r.createdAt} />
        )}
      </Card>
    </div>
  )
}

function Rows({
  rows,
  lng,
  dateOf,
}: {
  rows: Row[]
  lng: 'zh-CN' | 'en'
  dateOf: (r: Row) => Date | string
}) {
  const { t } = useTranslation('investors')
  return (
    <div className={`mt-3 ${table.wrap}`}>
      <table className={table.table}>
        <thead>
          <tr>
            <th scope="col" className={table.th}>
              {t('admin.columns.investor')}
            </th>
            <th scope="col" className={table.th}>
              {t('admin.columns.basis')}
            </th>
            <th scope="col" className={table.th}>
              {t('admin.columns.status')}
            </th>
            <th scope="col" className={table.th}>
              {t('admin.columns.at')}
            </th>
          </tr>
        </thead>
        <tbody className={table.body}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className={table.td}>
                <Link to={`/admin/investors/${r.id}`}>{r.displayName}</Link>
                <span className="block text-xs text-slate-500">
                  {t(`kind.${r.kind}`)} · {r.applicantName}
                </span>
              </td>
              <td className={table.td}>
                {t(`basis.${r.basis}`)}
                <span className="block text-xs text-slate-500">
                  {formatMoney(r.declaredFen, lng)}
                </span>
              </td>
              <td className={table.td}>
                <StatusBadge status={r.status} label={t(`verificationStatus.${r.status}`)} />
              </td>
              <td className={`${table.td} whitespace-nowrap`}>{formatDateTime(dateOf(r), lng)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
