// The payer's payments: what they owe and what they have paid, newest first.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PaymentStatus } from '~/components/payment-status.tsx'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { formatMoney } from '~/domains/payments/money.ts'
import { paymentsOfPayer } from '~/domains/payments/payment-queries.server.ts'
import { formatDate } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  return { payments: await paymentsOfPayer(auth) }
}

export const meta: MetaFunction = () => [{ title: '我的付款 · 众创 Zhongchuang' }]

export default function PaymentsPage() {
  const { t } = useTranslation('payments')
  const { payments } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? 'zh-CN'
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageTitle sub={t('list.sub')}>{t('list.title')}</PageTitle>
      <Card>
        {payments.length === 0 ? (
          <p className="text-sm text-slate-600">{t('list.empty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {payments.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0 flex-1">
                  <Link to={`/payments/${p.id}`} className="font-medium">
                    {p.description}
                  </Link>
                  <p className="text-xs text-slate-600">
                    {t('list.to', { payee: p.payeeName ?? p.payeeUserName ?? '' })} ·{' '}
                    {formatDate(p.createdAt, lng)} · {t('reference')} {p.reference}
                  </p>
                </div>
                <div className="flex items-center gap-3">
                  <span className="font-medium tabular-nums">
                    {formatMoney(p.amountFen, p.currency, lng)}
                  </span>
                  <PaymentStatus status={p.status} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  )
}
