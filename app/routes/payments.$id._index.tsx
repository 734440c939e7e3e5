// One payment, for its payer (how to pay, what it is for, where it stands) and its payee (what
// they will receive). In custody mode the payer sees the custody account and the reference to
// quote; with Stripe, a button to the hosted checkout.
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PaymentStatus } from '~/components/payment-status.tsx'
import { Button, Card, Notice, PageTitle } from '~/components/ui/form.tsx'
import { publicUrl } from '~/env.server.ts'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { formatMoney } from '~/domains/payments/money.ts'
import { paymentView } from '~/domains/payments/payment-queries.server.ts'
import { startCheckout } from '~/domains/payments/start-checkout.server.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  return paymentView(auth, params.id ?? '')
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const view = await paymentView(auth, params.id ?? '')
  if (view.role !== 'payer') return new Response('forbidden', { status: 403 })
  // Stripe sends the payer back to the site's own address, never to whatever Host the request
  // carried.
  const url = await startCheckout(view.payment.id, new URL(publicUrl()).origin)
  return redirect(url)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.payment.description ?? ''} · 众创 Zhongchuang` },
]

export default function PaymentPage() {
  const { t } = useTranslation('payments')
  const data = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? 'zh-CN'
  const [searchParams] = useSearchParams()
  const { payment, quote, bank } = data
  const money = (fen: number) => formatMoney(fen, payment.currency, lng)
  const awaiting = payment.status === 'awaiting_payment' || payment.status === 'requires_action'
  const pendingTransfer = data.transfers.find((tr) => tr.status === 'pending_approval')
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to={data.role === 'payee' ? '/finance' : '/payments'}>
          ← {data.role === 'payee' ? t('back.finance') : t('back.payments')}
        </Link>
      </p>
      <PageTitle sub={t('view.sub', { payee: payment.payeeName, reference: payment.reference })}>
        {payment.description}
      </PageTitle>
      {searchParams.get('checkout') === 'success' && awaiting ? (
        <Notice tone="info">{t('view.checkoutReturned')}</Notice>
      ) : null}
      {searchParams.get('checkout') === 'cancel' ? (
        <Notice tone="warning">{t('view.checkoutCancelled')}</Notice>
      ) : null}
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-lg font-semibold">{t('view.summary')}</h2>
          <PaymentStatus status={payment.status} />
        </div>
        <p className="mt-1 text-sm text-slate-600">
          {data.role === 'payer' && awaiting
            ? t(`statusHelpPayer.${payment.provider}`)
            : t(`statusHelp.${payment.status}`)}
        </p>
        <table className="mt-4 w-full text-sm">
          <tbody className="divide-y divide-slate-100">
            {quote.lines.map((line, i) => (
              <tr key={i}>
                <td className="py-2 pr-3">
                  {line.label}
                  {line.quantity !== 1 ? (
                    <span className="text-slate-600">
                      {' '}
                      × {line.quantity}（{money(line.unitFen)}）
                    </span>
                  ) : null}
                </td>
                <td className="py-2 text-right tabular-nums">{money(line.amountFen)}</td>
              </tr>
            ))}
            {quote.mode === 'added' && quote.feeFen > 0 ? (
              <tr>
                <td className="py-2 pr-3">{t('view.platformFee')}</td>
                <td className="py-2 text-right tabular-nums">{money(quote.feeFen)}</td>
              </tr>
            ) : null}
            {quote.voucherFen > 0 ? (
              <tr className="text-green-800">
                <td className="py-2 pr-3">{t('view.voucherPart')}</td>
                <td className="py-2 text-right tabular-nums">−{money(quote.voucherFen)}</td>
              </tr>
            ) : null}
            <tr className="font-semibold">
              <td className="py-2 pr-3">{t('view.total')}</td>
              <td className="py-2 text-right tabular-nums">{money(payment.amountFen)}</td>
            </tr>
            {data.role !== 'payer' && quote.mode === 'deducted' ? (
              <>
                <tr className="text-slate-600">
                  <td className="py-2 pr-3">{t('view.feeDeducted')}</td>
                  <td className="py-2 text-right tabular-nums">−{money(quote.feeFen)}</td>
                </tr>
                <tr className="font-semibold">
                  <td className="py-2 pr-3">{t('view.payeeNet')}</td>
                  <td className="py-2 text-right tabular-nums">{money(quote.payeeNetFen)}</td>
                </tr>
              </>
            ) : null}
          </tbody>
        </table>
        {payment.status === 'held' ? (
          <p className="mt-3 text-sm text-slate-700">
            {t('view.held', { amount: money(data.heldFen) })}
          </p>
        ) : null}
      </Card>

      {awaiting && data.role === 'payer' && bank ? (
        <Card>
          <h2 className="text-lg font-semibold">{t('bank.title')}</h2>
          <p className="mt-1 text-sm text-slate-600">{t('bank.explain')}</p>
          {pendingTransfer ? (
            <div className="mt-3">
              <Notice tone="info">{t('bank.pendingApproval')}</Notice>
            </div>
          ) : null}
          <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-slate-600">{t('bank.accountName')}</dt>
            <dd className="font-medium">{bank.accountName}</dd>
            <dt className="text-slate-600">{t('bank.bankName')}</dt>
            <dd className="font-medium">{bank.bankName}</dd>
            <dt className="text-slate-600">{t('bank.accountNumber')}</dt>
            <dd className="font-mono font-medium">{bank.accountNumber}</dd>
            <dt className="text-slate-600">{t('bank.amount')}</dt>
            <dd className="font-medium tabular-nums">{money(payment.amountFen)}</dd>
            <dt className="text-slate-600">{t('bank.reference')}</dt>
            <dd>
              <span
                data-testid="payment-reference"
                className="rounded bg-amber-50 px-2 py-1 font-mono text-base font-semibold tracking-wider text-amber-900"
              >
                {payment.reference}
              </span>
            </dd>
          </dl>
          <ul className="mt-4 list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>{t('bank.noteReference')}</li>
            <li>{t('bank.noteExact')}</li>
            <li>{t('bank.noteTime')}</li>
          </ul>
        </Card>
      ) : null}

      {awaiting && data.role === 'payer' && !bank ? (
        <Card>
          <h2 className="text-lg font-semibold">{t('stripe.title')}</h2>
          <p className="mt-1 text-sm text-slate-600">{t('stripe.explain')}</p>
          <Form method="post" className="mt-4">
            <Button type="submit">{t('stripe.pay', { amount: money(payment.amountFen) })}</Button>
          </Form>
        </Card>
      ) : null}

      {payment.status === 'held' || payment.status === 'settled' ? (
        <Card>
          <h2 className="text-lg font-semibold">{t('fapiao.title')}</h2>
          <p className="mt-1 text-sm text-slate-600">{t('fapiao.explain')}</p>
          <p className="mt-3 text-sm">
            <Link to={`/payments/${payment.id}/fapiao`}>{t('fapiao.open')}</Link>
          </p>
        </Card>
      ) : null}
      <p className="text-xs text-slate-500">
        {t('view.created', { at: formatDateTime(payment.createdAt, lng) })}
      </p>
    </div>
  )
}
