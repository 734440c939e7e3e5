// The audit log of sensitive actions, newest first, optionally only one kind of action.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminNav, Pager, table } from '~/components/admin-nav.tsx'
import { Button, Card, PageTitle } from '~/components/ui/form.tsx'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { auditActions, auditEntries, isUuid, pageParam } from '~/domains/admin/queries.server.ts'
import { requestLanguage } from '~/domains/web/request.server.ts'
import { formatDateTime } from '~/i18n/format.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:audit:any')
  const url = new URL(request.url)
  const action = url.searchParams.get('action')?.trim().slice(0, 100) || null
  const page = pageParam(url.searchParams.get('page'))
  const [entries, actions, lng] = await Promise.all([
    auditEntries({ action, page }),
    auditActions(),
    requestLanguage(request),
  ])
  return {
    action,
    actions,
    // Entries about an organisation link to its admin page.
    entries: {
      ...entries,
      rows: entries.rows.map((e) => ({
        ...e,
        orgId: e.entity === 'organisation' && isUuid(e.entityId) ? e.entityId : null,
      })),
    },
    lng,
    adminRoles: auth.adminRoles,
  }
}

export const meta: MetaFunction = () => [{ title: '审计日志 · 管理后台 · 众创 Zhongchuang' }]

export default function AdminAuditPage() {
  const { t } = useTranslation('admin')
  const { action, actions, entries, lng, adminRoles } = useLoaderData<typeof loader>()
  const options = action && !actions.includes(action) ? [action, ...actions] : actions
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('audit.sub')}>{t('audit.title')}</PageTitle>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 basis-60">
          <label htmlFor="audit-action" className="block text-sm font-medium text-slate-800">
            {t('audit.filter')}
          </label>
          <select
            id="audit-action"
            name="action"
            defaultValue={action ?? ''}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
          >
            <option value="">{t('audit.allActions')}</option>
            {options.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit">{t('audit.apply')}</Button>
      </Form>
      <Card>
        {entries.rows.length === 0 ? (
          <p className="text-sm text-slate-600">{t('audit.empty')}</p>
        ) : (
          <div className={table.wrap}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th scope="col" className={table.th}>
                    {t('audit.columns.at')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('audit.columns.actor')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('audit.columns.action')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('audit.columns.entity')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('audit.columns.data')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('audit.columns.ip')}
                  </th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {entries.rows.map((e) => (
                  <tr key={e.id}>
                    <td className={`${table.td} whitespace-nowrap`}>{formatDateTime(e.at, lng)}</td>
                    <td className={table.td}>
                      {e.actorName ?? (
                        <span className="text-slate-500">
                          {e.actorUserId ? t('common.unknownUser') : t('audit.system')}
                        </span>
                      )}
                      {e.actingOrgName ? (
                        <span className="block text-xs text-slate-500">
                          {t('audit.actingFor', { org: e.actingOrgName })}
                        </span>
                      ) : null}
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      <Link
                        to={`?action=${encodeURIComponent(e.action)}`}
                        className="font-mono text-xs"
                      >
                        {e.action}
                      </Link>
                    </td>
                    <td className={table.td}>
                      <span className="whitespace-nowrap">
                        {t(`audit.entity.${e.entity}`, { defaultValue: e.entity })}
                      </span>
                      {e.entityId ? (
                        <span className="block font-mono text-xs text-slate-500 break-all">
                          {e.orgId ? (
                            <Link to={`/admin/orgs/${e.orgId}`}>{e.entityId}</Link>
                          ) : (
                            e.entityId
                          )}
                        </span>
                      ) : null}
                    </td>
                    <td className={`${table.td} min-w-48`}>
                      {Object.keys(e.data).length ? (
                        <code className="block max-w-md text-xs break-all whitespace-pre-wrap text-slate-700">
                          {JSON.stringify(e.data)}
                        </code>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className={`${table.td} whitespace-nowrap font-mono text-xs`}>
                      {e.ip ?? '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Pager page={entries.page} hasNext={entries.hasNext} />
    </div>
  )
}
