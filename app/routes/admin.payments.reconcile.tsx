// Stripe reconciliation for finance admins: a date range, and every difference between
// Stripe's balance transactions and the ledger's Stripe postings in it (missing on either
// side, amount or fee differs). A GET form: the result is a page one can bookmark and share.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { AdminNav, table } from '~/components/admin-nav.tsx'
import { Button, Card, Field, Notice, PageTitle } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { formatMoney } from '~/domains/payments/money.ts'
import { stripeEnabled } from '~/domains/payments/stripe/client.server.ts'
import { reconcileStripe } from '~/domains/payments/stripe/reconcile.server.ts'
import { rangeOf, ReconcileRangeSchema } from '~/domains/payments/stripe/stripe.schema.ts'
import { now } from '~/clock.server.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:payment:any')
  const params = new URL(request.url).searchParams
  const today = now().toISOString().slice(0, 10)
  const defaults = { from: `${today.slice(0, 8)}01`, to: today }
  const base = { adminRoles: auth.adminRoles, enabled: stripeEnabled(), defaults }
  if (!base.enabled || (!params.has('from') && !params.has('to')))
    return { ...base, result: null, report: null }
  const submission = parseWithZod(params, { schema: ReconcileRangeSchema })
  if (submission.status !== 'success') return { ...base, result: submission.reply(), report: null }
  const report = await reconcileStripe(rangeOf(submission.value))
  return {
    ...base,
    result: submission.reply(),
    report: {
      from: submission.value.from,
      to: submission.value.to,
      matched: report.matched,
      differences: report.differences,
      inTransit: report.inTransit,
    },
  }
}

export const meta: MetaFunction = () => [{ title: 'Stripe 对账 · 管理后台 · 众创 Zhongchuang' }]

export default function ReconcilePage() {
  const { t } = useTranslation('payments')
  const { adminRoles, enabled, defaults, result, report } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? 'zh-CN'
  const [form, fields] = useForm({
    id: 'reconcile',
    lastResult: result,
    defaultValue: defaults,
    validation: checks(
      () => import('~/domains/payments/stripe/stripe.schema.ts'),
      'ReconcileRangeSchema',
    ),
    shouldValidate: 'onBlur',
  })
  const money = (fen: number, currency: string) => formatMoney(fen, currency || 'CNY', lng)
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('stripe.reconcile.sub')}>{t('stripe.reconcile.title')}</PageTitle>
      {!enabled ? (
        <Notice tone="info">{t('stripe.reconcile.unavailable')}</Notice>
      ) : (
        <Card className="mb-6">
          <Form
            method="get"
            {...getFormProps(form)}
            className="grid items-end gap-4 sm:grid-cols-[1fr_1fr_auto]"
          >
            <Field label={t('stripe.reconcile.from')} field={fields.from} type="date" />
            <Field label={t('stripe.reconcile.to')} field={fields.to} type="date" />
            <Button type="submit">{t('stripe.reconcile.run')}</Button>
          </Form>
        </Card>
      )}
      {report ? (
        <div className="space-y-6">
          <Notice tone={report.differences.length === 0 ? 'success' : 'warning'}>
            {report.differences.length === 0
              ? t('stripe.reconcile.clean', {
                  from: report.from,
                  to: report.to,
                  matched: report.matched,
                })
              : t('stripe.reconcile.found', {
                  from: report.from,
                  to: report.to,
                  matched: report.matched,
                  count: report.differences.length,
                })}
          </Notice>
          {report.differences.length > 0 ? (
            <Card>
              <div className={table.wrap}>
                <table className={table.table} data-testid="reconcile-differences">
                  <thead>
                    <tr>
                      <th className={table.th}>{t('stripe.reconcile.object')}</th>
                      <th className={table.th}>{t('stripe.reconcile.kind')}</th>
                      <th className={`${table.th} text-right`}>
                        {t('stripe.reconcile.stripeAmount')}
                      </th>
                      <th className={`${table.th} text-right`}>
                        {t('stripe.reconcile.ledgerAmount')}
                      </th>
                      <th className={`${table.th} text-right`}>
                        {t('stripe.reconcile.stripeFee')}
                      </th>
                      <th className={`${table.th} text-right`}>
                        {t('stripe.reconcile.ledgerFee')}
                      </th>
                    </tr>
                  </thead>
                  <tbody className={table.body}>
                    {report.differences.map((d) => (
                      <tr key={d.object}>
                        <td className={`${table.td} font-mono text-xs`}>{d.object}</td>
                        <td className={table.td}>{t(`stripe.reconcile.kinds.${d.kind}`)}</td>
                        <td className={`${table.td} text-right tabular-nums`}>
                          {money(d.stripeAmountFen, d.currency)}
                        </td>
                        <td className={`${table.td} text-right tabular-nums`}>
                          {money(d.ledgerAmountFen, d.currency)}
                        </td>
                        <td className={`${table.td} text-right tabular-nums`}>
                          {money(d.stripeFeeFen, d.currency)}
                        </td>
                        <td className={`${table.td} text-right tabular-nums`}>
                          {money(d.ledgerFeeFen, d.currency)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Card>
          ) : null}
          {report.inTransit.length > 0 ? (
            <Card>
              <h2 className="mb-3 text-lg font-semibold">{t('stripe.reconcile.inTransit')}</h2>
              <ul className="divide-y divide-slate-100 text-sm">
                {report.inTransit.map((r) => (
                  <li key={r.object} className="flex flex-wrap justify-between gap-3 py-2">
                    <span className="font-mono text-xs">{r.object}</span>
                    <a href={`/admin/payments/${r.paymentId}`}>{t('stripe.reconcile.payment')}</a>
                    <span className="tabular-nums">{money(r.stripeAmountFen, r.currency)}</span>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
