// People on the platform, newest first, searchable by name or e-mail; with their platform admin
// roles, whether they have deleted their account or are suspended. Moderators suspend (with a
// reason) and reinstate from here or from the person's page.
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminNav, Pager, table } from '~/components/admin-nav.tsx'
import { Button, Card, Notice, PageTitle } from '~/components/ui/form.tsx'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { userList } from '~/domains/admin/queries.server.ts'
import {
  clientIp,
  PageSchema,
  requestLanguage,
  searchParamsOf,
} from '~/domains/web/request.server.ts'
import { adminRolesAllow } from '~/domains/accounts/permissions.ts'
import {
  handleSuspensionAction,
  suspensionRefusals,
} from '~/domains/moderation/suspensions.server.ts'
import { SuspensionForms } from '~/components/admin-suspension.tsx'
import { formatDateTime, formatNumber } from '~/i18n/format.ts'
import { z } from 'zod'

const ListSchema = z.object({ q: z.string().optional(), page: PageSchema })

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:user:any')
  const { q = '', page = 1 } = searchParamsOf(request, ListSchema, { text: { q: 100 } })
  const [users, lng] = await Promise.all([userList({ q, page }), requestLanguage(request)])
  const canSuspend = adminRolesAllow(auth.adminRoles, 'moderate:user:any')
  const refusals = canSuspend
    ? await suspensionRefusals(auth.user.id, users.rows)
    : new Map<string, string | null>()
  return {
    q,
    users: {
      ...users,
      rows: users.rows.map((u) => ({ ...u, refusal: refusals.get(u.id) ?? null })),
    },
    canSuspend,
    lng,
    adminRoles: auth.adminRoles,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, 'moderate:user:any')
  const formData = await request.formData()
  const refused = await handleSuspensionAction(formData, auth.user.id, clientIp(context))
  if (refused) return Response.json({ suspension: refused.reply }, { status: refused.status })
  const url = new URL(request.url)
  url.searchParams.set('done', String(formData.get('intent')))
  return redirect(`${url.pathname}${url.search}`)
}

export const meta: MetaFunction = () => [{ title: '用户 · 管理后台 · 众创 Zhongchuang' }]

export default function AdminUsersPage() {
  const { t } = useTranslation('admin')
  const { t: tm } = useTranslation('moderation')
  const { q, users, lng, adminRoles, canSuspend } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const done = params.get('done')
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('users.sub')}>{t('users.title')}</PageTitle>
      {done === 'suspend' || done === 'reinstate' ? (
        <div className="mb-4">
          <Notice tone="success">{tm(`users.done.${done}`)}</Notice>
        </div>
      ) : null}
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
                    <td className={`${table.td} whitespace-nowrap`}>
                      <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                    </td>
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
                      ) : u.suspended ? (
                        <span className="font-medium text-red-700">{tm('users.suspended')}</span>
                      ) : (
                        t('users.active')
                      )}
                      {canSuspend && !u.deleted ? (
                        <SuspensionForms
                          userId={u.id}
                          suspended={u.suspended}
                          refusal={u.refusal}
                        />
                      ) : null}
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
