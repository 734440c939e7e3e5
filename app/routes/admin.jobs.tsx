// The background jobs console: each queue's counts, the most recent failed jobs with their error,
// and a retry button per failed job. Job payloads are never shown (they can hold codes).
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminNav, table } from '~/components/admin-nav.tsx'
import { Button, Card, Notice, PageTitle } from '~/components/ui/form.tsx'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { adminRolesAllow } from '~/domains/accounts/permissions.ts'
import { isJobQueue, jobsConsole, retryJob } from '~/domains/admin/jobs.server.ts'
import { isUuid } from '~/domains/admin/queries.server.ts'
import { clientIp, requestLanguage } from '~/domains/web/request.server.ts'
import { formatDateTime, formatNumber } from '~/i18n/format.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:admin:any')
  const [jobs, lng] = await Promise.all([jobsConsole(), requestLanguage(request)])
  return {
    ...jobs,
    canRetry: adminRolesAllow(auth.adminRoles, 'view:audit:any'),
    lng,
    adminRoles: auth.adminRoles,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, 'view:audit:any')
  const formData = await request.formData()
  const queue = formData.get('queue')
  const id = formData.get('id')
  if (formData.get('intent') !== 'retry' || !isJobQueue(queue) || !isUuid(id)) {
    return Response.json({ error: 'invalid' as const }, { status: 400 })
  }
  const retried = await retryJob(queue, id, { actorUserId: auth.user.id, ip: clientIp(context) })
  // Not failed any more: retried by someone else meanwhile, or removed by pg-boss's retention.
  if (!retried) return Response.json({ error: 'conflict' as const, id }, { status: 409 })
  return redirect('/admin/jobs?done=retry')
}

/** Queue names are dotted ('message.send'); i18next reads dots in a key as nesting. */
const queueKey = (queue: string) => `jobs.queue.${queue.replaceAll('.', '_')}`

export const meta: MetaFunction = () => [{ title: '任务队列 · 管理后台 · 众创 Zhongchuang' }]

export default function AdminJobsPage() {
  const { t } = useTranslation('admin')
  const { queues, failed, canRetry, lng, adminRoles } = useLoaderData<typeof loader>()
  // Responses with a status (Response.json) type as `any`; this is the shape every branch returns.
  const actionData = useActionData<typeof action>() as
    { error: 'invalid' | 'conflict'; id?: string } | undefined
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const done = searchParams.get('done') === 'retry' && !actionData
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('jobs.sub')}>{t('jobs.title')}</PageTitle>
      {done ? (
        <div className="mb-6">
          <Notice tone="success">{t('jobs.done.retry')}</Notice>
        </div>
      ) : null}
      {actionData ? (
        <div className="mb-6">
          <Notice tone="error">{t(`jobs.errors.${actionData.error}`)}</Notice>
        </div>
      ) : null}
      <Card className="mb-6">
        <h2 className="mb-3 text-lg font-semibold text-slate-900">{t('jobs.queues')}</h2>
        <div className={table.wrap}>
          <table className={table.table}>
            <thead>
              <tr>
                <th scope="col" className={table.th}>
                  {t('jobs.queueColumns.queue')}
                </th>
                <th scope="col" className={`${table.th} text-right`}>
                  {t('jobs.queueColumns.queued')}
                </th>
                <th scope="col" className={`${table.th} text-right`}>
                  {t('jobs.queueColumns.active')}
                </th>
                <th scope="col" className={`${table.th} text-right`}>
                  {t('jobs.queueColumns.failed')}
                </th>
                <th scope="col" className={`${table.th} text-right`}>
                  {t('jobs.queueColumns.completed')}
                </th>
              </tr>
            </thead>
            <tbody className={table.body}>
              {queues.map((q) => (
                <tr key={q.queue}>
                  <th scope="row" className={`${table.td} whitespace-nowrap text-left font-normal`}>
                    <span className="block text-slate-900">
                      {t(queueKey(q.queue), { defaultValue: q.queue })}
                    </span>
                    <span className="block font-mono text-xs text-slate-500">{q.queue}</span>
                  </th>
                  <td className={`${table.td} text-right tabular-nums`}>
                    {formatNumber(q.queued, lng)}
                  </td>
                  <td className={`${table.td} text-right tabular-nums`}>
                    {formatNumber(q.active, lng)}
                  </td>
                  <td
                    className={`${table.td} text-right tabular-nums ${q.failed ? 'font-semibold text-red-700' : ''}`}
                  >
                    {formatNumber(q.failed, lng)}
                  </td>
                  <td className={`${table.td} text-right tabular-nums`}>
                    {formatNumber(q.completedLast24h, lng)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-3 text-xs text-slate-600">{t('jobs.deadLetterHint')}</p>
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold text-slate-900">{t('jobs.failed')}</h2>
        <p className="mb-3 text-sm text-slate-600">{t('jobs.failedSub')}</p>
        {failed.length === 0 ? (
          <p className="text-sm text-slate-600">{t('jobs.noFailed')}</p>
        ) : (
          <div className={table.wrap}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th scope="col" className={table.th}>
                    {t('jobs.failedColumns.job')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('jobs.failedColumns.error')}
                  </th>
                  <th scope="col" className={`${table.th} text-right`}>
                    {t('jobs.failedColumns.retries')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('jobs.failedColumns.createdOn')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('jobs.failedColumns.failedOn')}
                  </th>
                  {canRetry ? (
                    <th scope="col" className={table.th}>
                      <span className="sr-only">{t('jobs.failedColumns.actions')}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className={table.body}>
                {failed.map((j) => (
                  <tr key={`${j.queue}:${j.id}`}>
                    <td className={table.td}>
                      <span className="block whitespace-nowrap text-slate-900">
                        {t(queueKey(j.queue), { defaultValue: j.queue })}
                      </span>
                      <span className="block font-mono text-xs text-slate-500 break-all">
                        {j.id}
                      </span>
                    </td>
                    <td className={`${table.td} min-w-48`}>
                      {j.error ? (
                        <code className="block max-w-md text-xs break-all whitespace-pre-wrap text-red-800">
                          {j.error}
                        </code>
                      ) : (
                        <span className="text-slate-500">{t('jobs.noError')}</span>
                      )}
                    </td>
                    <td className={`${table.td} text-right tabular-nums`}>
                      {formatNumber(j.retryCount, lng)}
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {formatDateTime(j.createdOn, lng)}
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {j.completedOn ? formatDateTime(j.completedOn, lng) : '—'}
                    </td>
                    {canRetry ? (
                      <td className={table.td}>
                        <Form method="post">
                          <input type="hidden" name="queue" value={j.queue} />
                          <input type="hidden" name="id" value={j.id} />
                          <Button
                            type="submit"
                            name="intent"
                            value="retry"
                            variant="secondary"
                            className="whitespace-nowrap"
                            aria-label={t('jobs.retryLabel', { id: j.id })}
                            disabled={navigation.state === 'submitting'}
                          >
                            {t('jobs.retry')}
                          </Button>
                        </Form>
                      </td>
                    ) : null}
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
