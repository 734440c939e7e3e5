// The audit log of sensitive actions, newest first, filtered by action, entity, actor, acting
// organisation and Beijing date range; each entry links to its entity's admin page where there is
// one. The filtered log downloads as CSV.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminNav, Pager, table } from '~/components/admin-nav.tsx'
import { Button, Card, PageTitle } from '~/components/ui/form.tsx'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { adminLinkOf } from '~/domains/admin/audit-links.ts'
import {
  auditActions,
  auditEntities,
  auditEntries,
  type AuditFilter,
} from '~/domains/admin/queries.server.ts'
import {
  PagedSchema,
  requestLanguage,
  searchParamsOf,
  textParam,
} from '~/domains/web/request.server.ts'
import { csvDocument, csvResponse } from '~/domains/exports/csv.ts'
import { formatDateTime } from '~/i18n/format.ts'

const filterKeys = ['action', 'entity', 'entityId', 'actor', 'org', 'from', 'to'] as const
const CSV_LIMIT = 10_000

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:audit:any')
  const url = new URL(request.url)
  const filter: AuditFilter = Object.fromEntries(
    filterKeys.map((k) => [k, textParam(url, k) || null]),
  )
  if (url.searchParams.get('format') === 'csv') {
    const all = await auditEntries({ ...filter, page: 1, limit: CSV_LIMIT })
    const lines = [
      ['at', 'actor', 'actor_email', 'acting_org', 'action', 'entity', 'entity_id', 'data', 'ip'],
      ...all.rows.map((e) => [
        e.at.toISOString(),
        e.actorName ?? '',
        e.actorEmail ?? '',
        e.actingOrgName ?? '',
        e.action,
        e.entity,
        e.entityId ?? '',
        JSON.stringify(e.data),
        e.ip ?? '',
      ]),
    ]
    return csvResponse(csvDocument(lines), 'audit-log.csv')
  }
  return pageData({ request }, filter, auth.adminRoles)
}

async function pageData(
  { request }: Pick<LoaderFunctionArgs, 'request'>,
  filter: AuditFilter,
  adminRoles: string[],
) {
  const { page = 1 } = searchParamsOf(request, PagedSchema)
  const [entries, actions, entities, lng] = await Promise.all([
    auditEntries({ ...filter, page }),
    auditActions(),
    auditEntities(),
    requestLanguage(request),
  ])
  return {
    filter,
    actions,
    entities,
    entries: {
      ...entries,
      rows: entries.rows.map((e) => ({ ...e, link: adminLinkOf(e.entity, e.entityId) })),
    },
    lng,
    adminRoles,
  }
}

export const meta: MetaFunction = () => [{ title: '审计日志 · 管理后台 · 众创 Zhongchuang' }]

export default function AdminAuditPage() {
  const { t } = useTranslation('admin')
  const { filter, actions, entities, entries, lng, adminRoles } = useLoaderData<typeof pageData>()
  const [params] = useSearchParams()
  const withOwn = (list: string[], own: string | null | undefined) =>
    own && !list.includes(own) ? [own, ...list] : list
  const csv = new URLSearchParams(params)
  csv.delete('page')
  csv.set('format', 'csv')
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('audit.sub')}>{t('audit.title')}</PageTitle>
      <Form method="get" className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor="audit-action" className={labelClass}>
            {t('audit.filter')}
          </label>
          <select
            id="audit-action"
            name="action"
            defaultValue={filter.action ?? ''}
            className={inputClass}
          >
            <option value="">{t('audit.allActions')}</option>
            {withOwn(actions, filter.action).map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-entity" className={labelClass}>
            {t('audit.filters.entity')}
          </label>
          <select
            id="audit-entity"
            name="entity"
            defaultValue={filter.entity ?? ''}
            className={inputClass}
          >
            <option value="">{t('audit.filters.allEntities')}</option>
            {withOwn(entities, filter.entity).map((e) => (
              <option key={e} value={e}>
                {t(`audit.entity.${e}`, { defaultValue: e })}
              </option>
            ))}
          </select>
        </div>
        <TextFilter name="entityId" label={t('audit.filters.entityId')} value={filter.entityId} />
        <TextFilter name="actor" label={t('audit.filters.actor')} value={filter.actor} />
        <TextFilter name="org" label={t('audit.filters.org')} value={filter.org} />
        <TextFilter name="from" type="date" label={t('audit.filters.from')} value={filter.from} />
        <TextFilter name="to" type="date" label={t('audit.filters.to')} value={filter.to} />
        <div className="flex items-end gap-3">
          <Button type="submit">{t('audit.apply')}</Button>
          <Link to="/admin/audit" className="py-2 text-sm">
            {t('audit.filters.clear')}
          </Link>
        </div>
      </Form>
      <p className="mb-3 text-sm">
        <a href={`/admin/audit?${csv.toString()}`} download>
          {t('audit.filters.csv')}
        </a>
      </p>
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
                      {e.actorName && e.actorUserId ? (
                        <Link to={`/admin/users/${e.actorUserId}`} className="whitespace-nowrap">
                          {e.actorName}
                        </Link>
                      ) : (
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
                          {e.link ? <Link to={e.link}>{e.entityId}</Link> : e.entityId}
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

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm'
const labelClass = 'block text-sm font-medium text-slate-800'

/** One free-text (or date) filter of the audit log, labelled, keeping what was asked for. */
function TextFilter(props: { name: string; label: string; value?: string | null; type?: 'date' }) {
  const id = `audit-${props.name}`
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {props.label}
      </label>
      <input
        id={id}
        type={props.type ?? 'text'}
        name={props.name}
        defaultValue={props.value ?? ''}
        maxLength={props.type ? undefined : 100}
        className={inputClass}
      />
    </div>
  )
}
