// The finance admins' console: what waits for them (transfers and custody instructions to
// approve, instructions to carry out, statement lines nobody matched, the platform's 发票
// requests), then every payment, newest first, filtered by status (?status=held).
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminNav, Pager, PaymentsNav, StatusBadge, table } from '~/components/admin-nav.tsx'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import {
  financeQueueCounts,
  isPaymentStatus,
  paymentList,
} from '~/domains/payments/admin-queries.server.ts'
// Money reads ¥1,234.50 in either language (formatMoney's default format), never CN¥ or 万.
import { formatMoney } from '~/domains/payments/money.ts'
import { paymentMachine, type PaymentStatus } from '~/domains/payments/payment.machine.ts'
import { PageSchema, requestLanguage, searchParamsOf } from '~/domains/web/request.server.ts'
import { formatDateTime, formatNumber } from '~/i18n/format.ts'
import { z } from 'zod'

const ListSchema = z.object({
  status: z.custom<PaymentStatus>(isPaymentStatus).optional(),
  page: PageSchema,
})

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:payment:any')
  const parsed = searchParamsOf(request, ListSchema)
  const status = parsed.status ?? null
  const page = parsed.page ?? 1
  const [counts, list, lng] = await Promise.all([
    financeQueueCounts(),
    paymentList({ status, page }),
    requestLanguage(request),
  ])
  return { counts, list, status, lng, adminRoles: auth.adminRoles }
}

export const meta: MetaFunction = () => [{ title: '资金管理 · 管理后台 · 众创 Zhongchuang' }]

export default function AdminPaymentsPage() {
  const { t } = useTranslation('admin')
  const { counts, list, status, lng, adminRoles } = useLoaderData<typeof loader>()
  const queues = [
    {
      key: 'transfersAwaitingApproval',
      value: counts.transfersAwaitingApproval,
      to: '/admin/payments/transfers',
    },
    {
      key: 'instructionsAwaitingApproval',
      value: counts.instructionsAwaitingApproval,
      to: '/admin/payments/instructions',
    },
    {
      key: 'instructionsToExecute',
      value: counts.instructionsToExecute,
      to: '/admin/payments/instructions#approved',
    },
    { key: 'unmatchedLines', value: counts.unmatchedLines, to: '/admin/payments/statements' },
    { key: 'platformFapiao', value: counts.platformFapiao, to: '/finance/fapiao' },
  ] as const
  const filters = [null, ...paymentMachine.states]
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('payments.overview.sub')}>{t('payments.overview.title')}</PageTitle>
      <PaymentsNav />
      <h2 className="mb-3 text-lg font-semibold text-slate-900">{t('payments.overview.queues')}</h2>
      <ul className="mb-8 grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-5">
        {queues.map((q) => (
          <li key={q.key}>
            <Link
              to={q.to}
              className={`block h-full rounded-lg border bg-white p-4 shadow-sm hover:border-brand-600 hover:no-underline ${
                q.value > 0 ? 'border-amber-300' : 'border-slate-200'
              }`}
            >
              <span className="block text-sm font-medium text-slate-600">
                {t(`payments.overview.counts.${q.key}`)}
              </span>
              <span
                className={`mt-2 block text-3xl font-bold ${q.value > 0 ? 'text-amber-800' : 'text-slate-900'}`}
              >
                {formatNumber(q.value, lng)}
              </span>
            </Link>
          </li>
        ))}
      </ul>

      <h2 className="mb-3 text-lg font-semibold text-slate-900">
        {t('payments.overview.payments')}
      </h2>
      <nav aria-label={t('payments.overview.filter')} className="mb-4">
        <ul className="flex gap-2 overflow-x-auto pb-1 text-sm">
          {filters.map((s) => (
            <li key={s ?? 'all'} className="shrink-0">
              <Link
                to={s ? `?status=${s}` : '?'}
                aria-current={s === status ? 'page' : undefined}
                className={`inline-flex whitespace-nowrap rounded-full border px-3 py-1 hover:no-underline ${
                  s === status
                    ? 'border-brand-600 bg-brand-50 text-brand-800'
                    : 'border-slate-300 bg-white text-slate-700 hover:border-brand-600'
                }`}
              >
                {s ? t(`payments.status.${s}`) : t('payments.overview.all')}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Card>
        {list.rows.length === 0 ? (
          <p className="text-sm text-slate-600">
            {status
              ? t('payments.overview.emptyStatus', { status: t(`payments.status.${status}`) })
              : t('payments.overview.empty')}
          </p>
        ) : (
          <div className={table.wrap}>
            <table className={table.table}>
              <caption className="sr-only">{t('payments.overview.payments')}</caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.reference')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.description')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.payer')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.payee')}
                  </th>
                  <th scope="col" className={`${table.th} text-right`}>
                    {t('payments.columns.amount')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.provider')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.status')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.createdAt')}
                  </th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {list.rows.map((p) => (
                  <tr key={p.id}>
                    <td className={`${table.td} whitespace-nowrap`}>
                      <Link to={`/admin/payments/${p.id}`} className="font-mono font-medium">
                        {p.reference}
                      </Link>
                    </td>
                    <td className={`${table.td} min-w-48`}>
                      {p.description}
                      <span className="block text-xs text-slate-500">
                        {t(`payments.marketplace.${p.marketplace}`)}
                      </span>
                    </td>
                    <td className={`${table.td} min-w-32`}>
                      {p.payerName}
                      {p.payerName !== p.payerPerson ? (
                        <span className="block text-xs text-slate-500">{p.payerPerson}</span>
                      ) : null}
                    </td>
                    <td className={`${table.td} min-w-32`}>{p.payeeName}</td>
                    <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                      {formatMoney(p.amountFen, p.currency)}
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {t(`payments.provider.${p.provider}`)}
                    </td>
                    <td className={table.td}>
                      <StatusBadge status={p.status} label={t(`payments.status.${p.status}`)} />
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {formatDateTime(p.createdAt, lng)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Pager page={list.page} hasNext={list.hasNext} />
    </div>
  )
}
