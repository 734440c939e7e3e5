// /admin/users/:id: one person for the admin: profile, organisations, platform roles, their
// suspensions and the latest audit entries of what they did; moderators suspend or reinstate.
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminNav, StatusBadge, table } from '~/components/admin-nav.tsx'
import { SuspensionForms } from '~/components/admin-suspension.tsx'
import { Card, Notice, PageTitle } from '~/components/ui/form.tsx'
import { notFound, requireAdmin } from '~/domains/accounts/auth.server.ts'
import { adminRolesAllow } from '~/domains/accounts/permissions.ts'
import { auditEntries, isUuid, userDetail } from '~/domains/admin/queries.server.ts'
import {
  handleSuspensionAction,
  suspensionRefusals,
  suspensionsOf,
} from '~/domains/moderation/suspensions.server.ts'
import { clientIp, requestLanguage } from '~/domains/web/request.server.ts'
import { formatDateTime } from '~/i18n/format.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:user:any')
  const userId = params.id
  if (!isUuid(userId)) throw notFound()
  const detail = await userDetail(userId)
  if (!detail) throw notFound()
  const canSuspend = adminRolesAllow(auth.adminRoles, 'moderate:user:any')
  const canAudit = adminRolesAllow(auth.adminRoles, 'view:audit:any')
  const [suspensions, recent, refusals, lng] = await Promise.all([
    suspensionsOf(userId),
    canAudit ? auditEntries({ actorUserId: userId, page: 1, limit: 20 }) : null,
    canSuspend ? suspensionRefusals(auth.user.id, [detail.user]) : new Map<string, string | null>(),
    requestLanguage(request),
  ])
  return {
    ...detail,
    suspensions,
    suspended: suspensions.some((s) => s.status === 'active'),
    recent: recent?.rows ?? null,
    canSuspend,
    refusal: refusals.get(userId) ?? null,
    lng,
    adminRoles: auth.adminRoles,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, 'moderate:user:any')
  const formData = await request.formData()
  // The person is the page's, whatever the form says.
  formData.set('userId', params.id ?? '')
  const refused = await handleSuspensionAction(formData, auth.user.id, clientIp(context))
  if (refused) return Response.json({ suspension: refused.reply }, { status: refused.status })
  return redirect(`/admin/users/${params.id}?done=${String(formData.get('intent'))}`)
}

export const meta: MetaFunction = () => [{ title: '用户 · 管理后台 · 众创 Zhongchuang' }]

export default function AdminUserPage() {
  const { t } = useTranslation('admin')
  const { t: tm } = useTranslation('moderation')
  const data = useLoaderData<typeof loader>()
  const { user, orgs, lng } = data
  const [params] = useSearchParams()
  const done = params.get('done')
  return (
    <div>
      <AdminNav roles={data.adminRoles} />
      <p className="mb-2 text-sm">
        <Link to="/admin/users">← {t('users.title')}</Link>
      </p>
      <PageTitle sub={user.email ?? user.mobile ?? undefined}>{user.name}</PageTitle>
      {done === 'suspend' || done === 'reinstate' ? (
        <div className="mb-4">
          <Notice tone="success">{tm(`users.done.${done}`)}</Notice>
        </div>
      ) : null}
      {data.suspended ? (
        <div className="mb-4">
          <Notice tone="error">{tm('users.suspendedNotice')}</Notice>
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="text-base font-semibold">{tm('users.profile')}</h2>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">{t('users.columns.email')}</dt>
            <dd className="break-all">
              {user.email ?? '—'}
              {user.email && !user.emailVerifiedAt ? (
                <span className="ml-1 text-xs text-amber-800">{t('users.unverified')}</span>
              ) : null}
            </dd>
            <dt className="text-slate-600">{t('users.columns.mobile')}</dt>
            <dd>{user.mobile ?? '—'}</dd>
            <dt className="text-slate-600">{t('users.columns.createdAt')}</dt>
            <dd>{formatDateTime(user.createdAt, lng)}</dd>
            <dt className="text-slate-600">{t('users.columns.roles')}</dt>
            <dd>
              {user.adminRoles.length
                ? user.adminRoles.map((r) => t(`adminRole.${r}`, { defaultValue: r })).join('、')
                : '—'}
            </dd>
            <dt className="text-slate-600">{t('users.columns.state')}</dt>
            <dd>
              {user.deletedAt
                ? t('users.deleted')
                : data.suspended
                  ? tm('users.suspended')
                  : t('users.active')}
            </dd>
          </dl>
        </Card>
        <Card>
          <h2 className="text-base font-semibold">{tm('users.orgs')}</h2>
          {orgs.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600">{tm('users.noOrgs')}</p>
          ) : (
            <ul className="mt-3 space-y-2 text-sm">
              {orgs.map((o) => (
                <li key={`${o.orgId}-${o.joinedAt.toString()}`}>
                  <Link to={`/admin/orgs/${o.orgId}`}>{o.name}</Link>{' '}
                  <span className="text-slate-600">
                    · {t(`memberRole.${o.role}`, { defaultValue: o.role })}
                    {o.leftAt
                      ? ` · ${tm('users.left', { at: formatDateTime(o.leftAt, lng) })}`
                      : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <Card className="mt-4">
        <h2 className="text-base font-semibold">{tm('users.suspensions')}</h2>
        {data.suspensions.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">{tm('users.noSuspensions')}</p>
        ) : (
          <ul className="mt-3 space-y-3 text-sm">
            {data.suspensions.map((s) => (
              <li key={s.id} className="border-l-2 border-slate-200 pl-3">
                <StatusBadge
                  status={s.status === 'active' ? 'rejected' : 'settled'}
                  label={tm(`users.suspensionStatus.${s.status}`)}
                />
                <p className="mt-1">{s.reason}</p>
                <p className="text-xs text-slate-600">
                  {tm('users.imposed', {
                    name: s.imposedByName,
                    at: formatDateTime(s.imposedAt, lng),
                  })}
                  {s.liftedAt
                    ? ` · ${tm('users.lifted', {
                        name: s.liftedByName ?? '—',
                        at: formatDateTime(s.liftedAt, lng),
                      })}`
                    : ''}
                  {s.liftNote ? ` · ${s.liftNote}` : ''}
                </p>
              </li>
            ))}
          </ul>
        )}
        {data.canSuspend && !user.deletedAt ? (
          <div className="mt-4 border-t border-slate-200 pt-3">
            <SuspensionForms
              userId={user.id}
              suspended={data.suspended}
              refusal={data.refusal}
              open
            />
          </div>
        ) : null}
      </Card>
      {data.recent ? (
        <Card className="mt-4">
          <h2 className="text-base font-semibold">{tm('users.recent')}</h2>
          {data.recent.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600">{t('audit.empty')}</p>
          ) : (
            <div className={`${table.wrap} mt-3`}>
              <table className={table.table}>
                <thead>
                  <tr>
                    <th scope="col" className={table.th}>
                      {t('audit.columns.at')}
                    </th>
                    <th scope="col" className={table.th}>
                      {t('audit.columns.action')}
                    </th>
                    <th scope="col" className={table.th}>
                      {t('audit.columns.entity')}
                    </th>
                  </tr>
                </thead>
                <tbody className={table.body}>
                  {data.recent.map((e) => (
                    <tr key={e.id}>
                      <td className={`${table.td} whitespace-nowrap`}>
                        {formatDateTime(e.at, lng)}
                      </td>
                      <td className={`${table.td} whitespace-nowrap font-mono text-xs`}>
                        {e.action}
                      </td>
                      <td className={table.td}>
                        {t(`audit.entity.${e.entity}`, { defaultValue: e.entity })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="mt-3 text-sm">
            <Link to={`/admin/audit?actor=${encodeURIComponent(user.email ?? user.name)}`}>
              {tm('users.allAudit')}
            </Link>
          </p>
        </Card>
      ) : null}
    </div>
  )
}
