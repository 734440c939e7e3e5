// People on the platform, newest first, searchable by name or e-mail; with their platform admin
// roles and whether they have deleted their account.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminNav, Pager, table } from '~/components/admin-nav.tsx'
import { Button, Card, PageTitle } from '~/components/ui/form.tsx'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { pageParam, userList } from '~/domains/admin/queries.server.ts'
import { requestLanguage } from '~/domains/web/request.server.ts'
import { formatDateTime, formatNumber } from '~/i18n/format.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:user:any')
  const url = new URL(request.url)
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100)
  const page = pageParam(url.searchParams.get('page'))
  const [users, lng] = await Promise.all([userList({ q, page }), requestLanguage(request)])
  return { q, users, lng, adminRoles: auth.adminRoles }
}

export const meta: MetaFunction = () => [{ title: '用户 · 管理后台 · 众创 Zhongchuang' }]

export default function AdminUsersPage() {
  const { t } = useTranslation('admin')
  const { q, users, lng, adminRoles } = useLoaderData<typeof loader>()
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('users.sub')}>{t('users.title')}</PageTitle>
      <Form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 basis-60">
          <label htmlFor="users-q" className="block text-sm font-medium text-slate-800">
            {t('users.search')}
          </label>
          <input
            id="users-q"
            type="search"
            name="q"
            defaultValue={q}
            maxLength={100}
            placeholder={t('users.searchPlaceholder')}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
          />
        </div>
        <Button type="submit">{t('users.searchSubmit')}</Button>
      </Form>
      <Card>
        {users.rows.length === 0 ? (
          <p className="text-sm text-slate-600">
            {q ? t('users.noMatch', { q }) : t('users.empty')}
          </p>
        ) : (
          <div className={table.wrap}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th scope="col" className={table.th}>
                    {t('users.columns.name')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('users.columns.email')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('users.columns.mobile')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('users.columns.orgs')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('users.columns.roles')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('users.columns.createdAt')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('users.columns.state')}
                  </th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {users.rows.map((u) => (
                  <tr key={u.id} className={u.deleted ? 'text-slate-500' : undefined}>
                    <td className={`${table.td} whitespace-nowrap`}>{u.name}</td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {u.email ?? '—'}
                      {u.email && !u.emailVerifiedAt ? (
                        <span className="block text-xs text-amber-800">
                          {t('users.unverified')}
                        </span>
                      ) : null}
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>{u.mobile ?? '—'}</td>
                    <td className={table.td}>{formatNumber(u.orgs, lng)}</td>
                    <td className={table.td}>
                      {u.adminRoles.length ? (
                        <ul className="flex flex-wrap gap-1">
                          {u.adminRoles.map((r) => (
                            <li
                              key={r}
                              className="whitespace-nowrap rounded bg-brand-50 px-2 py-0.5 text-xs text-brand-800"
                            >
                              {t(`adminRole.${r}`, { defaultValue: r })}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {formatDateTime(u.createdAt, lng)}
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {u.deleted ? (
                        <span className="text-red-700">{t('users.deleted')}</span>
                      ) : (
                        t('users.active')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Pager page={users.page} hasNext={users.hasNext} />
    </div>
  )
}
