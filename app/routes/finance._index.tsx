// A payee's money: for the person and each organisation whose finances they manage, what has
// been paid to them, what is owed and on its way, where payouts go (the payout account), and
// whether Stripe can pay them. The 发票 they have to issue are one click away.
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { PaymentStatus } from '~/components/payment-status.tsx'
import { Button, Card, Field, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { formatMoney } from '~/domains/payments/money.ts'
import { financeOrgs, financeOverview } from '~/domains/payments/payment-queries.server.ts'
import { stripeEnabled } from '~/domains/payments/stripe/client.server.ts'
import { PayoutAccountSchema } from '~/domains/payments/payout-account.schema.ts'
import { savePayoutAccount } from '~/domains/payments/save-payout-account.server.ts'
import { db } from '../../db/client.server.ts'
import { clientIp } from '~/domains/web/request.server.ts'
import { formatDate } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  return { parties: await financeOverview(auth), stripeEnabled: stripeEnabled() }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: PayoutAccountSchema })
  if (submission.status !== 'success') return { result: submission.reply() }
  const { party, ...account } = submission.value
  // Only the person themself, or an owner/admin of the organisation, sets where money goes.
  const target =
    party === 'self'
      ? { userId: auth.user.id }
      : financeOrgs(auth).some((m) => m.orgId === party)
        ? { orgId: party }
        : null
  if (!target) return new Response('forbidden', { status: 403 })
  await db().transaction((tx) =>
    savePayoutAccount(tx, {
      party: target,
      ...account,
      actorUserId: auth.user.id,
      ip: clientIp(context),
    }),
  )
  return redirect('/finance?done=payout')
}

export const meta: MetaFunction = () => [{ title: '收款与结算 · 众创 Zhongchuang' }]

function PayoutForm({
  party,
  current,
}: {
  party: string
  current: { accountName: string; bankName: string; accountNumber: string } | null
}) {
  const { t } = useTranslation('payments')
  const actionData = useActionData<typeof action>()
  const lastResult =
    actionData && 'result' in actionData && actionData.result.initialValue?.party === party
      ? actionData.result
      : undefined
  const [form, fields] = useForm({
    id: `payout-${party}`,
    lastResult,
    defaultValue: current ?? undefined,
    validation: checks(
      () => import('~/domains/payments/payout-account.schema.ts'),
      'PayoutAccountSchema',
    ),
    shouldValidate: 'onBlur',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 grid gap-4 sm:grid-cols-3">
      <input type="hidden" name="party" value={party} />
      <div className="sm:col-span-3">
        <FormErrors errors={form.errors} />
      </div>
      <Field label={t('payout.accountName')} field={fields.accountName} />
      <Field label={t('payout.bankName')} field={fields.bankName} />
      <Field label={t('payout.accountNumber')} field={fields.accountNumber} inputMode="numeric" />
      <div className="sm:col-span-3">
        <Button type="submit" variant="secondary">
          {t('payout.save')}
        </Button>
      </div>
    </Form>
  )
}

export default function FinancePage() {
  const { t } = useTranslation('payments')
  const { parties, stripeEnabled } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? 'zh-CN'
  const [searchParams] = useSearchParams()
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageTitle sub={t('finance.sub')}>{t('finance.title')}</PageTitle>
      {searchParams.get('done') === 'payout' ? (
        <Notice tone="success">{t('payout.saved')}</Notice>
      ) : null}
      <p className="text-sm">
        <Link to="/finance/fapiao">{t('finance.fapiaoInbox')}</Link>
      </p>
      {parties.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t('finance.empty')}</p>
        </Card>
      ) : null}
      {parties.map((p) => {
        const money = (fen: number) => formatMoney(fen, 'CNY', lng)
        return (
          <Card key={p.key}>
            <h2 className="text-lg font-semibold">{p.name}</h2>
            <dl className="mt-3 grid gap-3 sm:grid-cols-3">
              <div className="rounded-md border border-slate-200 p-3">
                <dt className="text-xs text-slate-600">{t('finance.owed')}</dt>
                <dd className="mt-1 text-xl font-semibold tabular-nums">{money(p.owedFen)}</dd>
              </div>
              <div className="rounded-md border border-slate-200 p-3">
                <dt className="text-xs text-slate-600">{t('finance.received')}</dt>
                <dd className="mt-1 text-xl font-semibold tabular-nums">{p.received.length}</dd>
              </div>
              <div className="rounded-md border border-slate-200 p-3">
                <dt className="text-xs text-slate-600">{t('finance.stripe')}</dt>
                <dd className="mt-1 text-sm">
                  {p.stripe?.payoutsEnabled
                    ? t('finance.stripeReady')
                    : p.stripe
                      ? t('finance.stripeIncomplete', { count: p.stripe.currentlyDue.length })
                      : t('finance.stripeNone')}
                </dd>
                {stripeEnabled && !p.stripe?.payoutsEnabled ? (
                  <dd className="mt-1 text-sm">
                    <Link to="/finance/stripe">{t('stripe.connect.open')}</Link>
                  </dd>
                ) : null}
              </div>
            </dl>

            <h3 className="mt-6 font-semibold">{t('finance.payments')}</h3>
            {p.received.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('finance.noPayments')}</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-100">
                {p.received.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                    <div className="min-w-0 flex-1">
                      <Link to={`/payments/${r.id}`}>{r.description}</Link>
                      <p className="text-xs text-slate-600">
                        {t('finance.from', { payer: r.payerName })} · {formatDate(r.createdAt, lng)}{' '}
                        · {t('reference')} {r.reference}
                      </p>
                    </div>
                    <div className="flex items-center gap-3">
                      <span className="text-sm tabular-nums">
                        {t('finance.net', { amount: money(r.payeeNetFen) })}
                      </span>
                      <PaymentStatus status={r.status} />
                    </div>
                  </li>
                ))}
              </ul>
            )}

            {p.payouts.length > 0 ? (
              <>
                <h3 className="mt-6 font-semibold">{t('finance.payouts')}</h3>
                <ul className="mt-2 divide-y divide-slate-100 text-sm">
                  {p.payouts.map((o) => (
                    <li key={o.id} className="flex flex-wrap justify-between gap-3 py-2">
                      <span>
                        {formatDate(o.updatedAt, lng)} · {t(`instructionStatus.${o.status}`)}
                        {o.bankReference ? ` · ${o.bankReference}` : ''}
                      </span>
                      <span className="tabular-nums">{money(o.amountFen)}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}

            <h3 className="mt-6 font-semibold">{t('payout.title')}</h3>
            <p className="mt-1 text-sm text-slate-600">{t('payout.explain')}</p>
            <PayoutForm party={p.orgId ?? 'self'} current={p.payout} />
          </Card>
        )
      })}
    </div>
  )
}
