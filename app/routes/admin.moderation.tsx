// /admin/moderation: every hold on a listing, challenge or campaign, active ones first, with
// who imposed it and why, and who lifted it; active holds can be lifted from here.
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminNav, StatusBadge, table } from '~/components/admin-nav.tsx'
import { LiftForm } from '~/components/admin-moderation.tsx'
import { Card, Notice, PageTitle } from '~/components/ui/form.tsx'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { adminOrgIds } from '~/domains/admin/conflict.server.ts'
import { handleHoldAction } from '~/domains/moderation/admin-holds.server.ts'
import { holdList } from '~/domains/moderation/holds.server.ts'
import { clientIp, searchParamsOf } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'
import { z } from 'zod'

const ListSchema = z.object({ status: z.enum(['active', 'lifted']).optional() })

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'moderate:content:any')
  const { status } = searchParamsOf(request, ListSchema)
  const filter = status ?? null
  const [holds, mine] = await Promise.all([holdList({ status: filter }), adminOrgIds(auth.user.id)])
  return {
    filter,
    holds: holds.map((h) => ({
      id: h.id,
      kind: h.kind,
      reason: h.reason,
      status: h.status,
      imposedAt: h.imposedAt.toISOString(),
      liftedAt: h.liftedAt?.toISOString() ?? null,
      liftNote: h.liftNote,
      imposedByName: h.imposedByName,
      liftedByName: h.liftedByName,
      subject: h.subject
        ? { title: h.subject.title, orgName: h.subject.orgName, link: h.subject.link }
        : null,
      conflict: h.subject ? mine.has(h.subject.orgId) : false,
    })),
    adminRoles: auth.adminRoles,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, 'moderate:content:any')
  const formData = await request.formData()
  const refused = await handleHoldAction(formData, auth.user.id, clientIp(context))
  if (refused) return Response.json({ hold: refused.reply }, { status: refused.status })
  return redirect('/admin/moderation?done=lift')
}

export const meta: MetaFunction = () => [{ title: '内容处置 · 管理后台 · 众创 Zhongchuang' }]

const filters = [null, 'active', 'lifted'] as const

export default function AdminModerationPage() {
  const { t } = useTranslation(['moderation', 'admin'])
  const { filter, holds, adminRoles } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const [params] = useSearchParams()
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('holds.sub')}>{t('holds.title')}</PageTitle>
      {params.get('done') ? (
        <div className="mb-4">
          <Notice tone="success">{t('admin.done.lift')}</Notice>
        </div>
      ) : null}
      <nav aria-label={t('holds.filter')} className="mb-4">
        <ul className="flex gap-2 overflow-x-auto pb-1 text-sm">
          {filters.map((f) => (
            <li key={f ?? 'all'} className="shrink-0">
              <Link
                to={f ? `?status=${f}` : '?'}
                className={`inline-flex whitespace-nowrap rounded-full border px-3 py-1 hover:no-underline ${
                  f === filter
                    ? 'border-brand-600 bg-brand-50 text-brand-800'
                    : 'border-slate-300 bg-white text-slate-700 hover:border-brand-600'
                }`}
              >
                {t(`holds.filters.${f ?? 'all'}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Card>
        {holds.length === 0 ? (
          <p className="text-sm text-slate-600">{t('holds.none')}</p>
        ) : (
          <div className={table.wrap}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th scope="col" className={table.th}>
                    {t('admin.columns.subject')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('holds.columns.reason')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('holds.columns.status')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('admin.columns.hold')}
                  </th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {holds.map((h) => (
                  <tr key={h.id}>
                    <td className={`${table.td} min-w-40`}>
                      <span className="block text-xs text-slate-500">{t(`kind.${h.kind}`)}</span>
                      {h.subject ? (
                        <>
                          <Link to={h.subject.link}>{h.subject.title}</Link>
                          <span className="block text-xs text-slate-500">{h.subject.orgName}</span>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className={`${table.td} min-w-48`}>
                      {h.reason}
                      <span className="block text-xs text-slate-500">
                        {t('holds.imposed', {
                          name: h.imposedByName,
                          at: formatDateTime(h.imposedAt, lng),
                        })}
                      </span>
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      <StatusBadge
                        status={h.status === 'active' ? 'pending' : 'settled'}
                        label={t(`holds.status.${h.status}`)}
                      />
                    </td>
                    <td className={`${table.td} min-w-56`}>
                      {h.status === 'lifted' ? (
                        <p className="text-xs text-slate-600">
                          {t('holds.lifted', {
                            name: h.liftedByName ?? '—',
                            at: h.liftedAt ? formatDateTime(h.liftedAt, lng) : '—',
                          })}
                          {h.liftNote ? ` · ${h.liftNote}` : ''}
                        </p>
                      ) : h.conflict ? (
                        <p className="text-xs text-amber-800">{t('admin:conflict.refused')}</p>
                      ) : (
                        <LiftForm holdId={h.id} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  )
}
