// One payment for a finance admin: its facts and quote, its status history, the bank transfers
// and custody instructions that moved it, and its ledger entries with running balances, one
// block per ledger transaction. While its money is held, a finance admin can release part of the
// price to the payee or refund part to the payer.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { eq } from 'drizzle-orm'
import { db } from '../../db/client.server.ts'
import { payments } from '../../db/schema/index.ts'
import { AdminNav, PaymentsNav, StatusBadge, table } from '~/components/admin-nav.tsx'
import {
  Button,
  Card,
  Field,
  FormErrors,
  Notice,
  PageTitle,
  TextareaField,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { notFound, requireAdmin } from '~/domains/accounts/auth.server.ts'
import { adminRolesAllow } from '~/domains/accounts/permissions.ts'
import { audit } from '~/domains/admin/audit.server.ts'
import { assertNoConflict } from '~/domains/admin/conflict.server.ts'
import { isUuid } from '~/domains/admin/queries.server.ts'
import { TransitionError } from '~/domains/lifecycle/machine.ts'
import { MoneyOutSchema } from '~/domains/payments/admin-forms.schema.ts'
import { paymentDetail, paymentExists } from '~/domains/payments/admin-queries.server.ts'
// Money reads ¥1,234.50 in either language (formatMoney's default format), never CN¥ or 万.
import { formatMoney } from '~/domains/payments/money.ts'
import { refundPayment } from '~/domains/payments/refund-payment.server.ts'
import { releasePayment } from '~/domains/payments/release-payment.server.ts'
import { UserError } from '~/domains/problems.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'
import { formatDate, formatDateTime } from '~/i18n/format.ts'
import type { Language } from '~/i18n/config.ts'

const moneyOutIntents = ['release', 'refund'] as const
type MoneyOutIntent = (typeof moneyOutIntents)[number]

type ActionReply = { intent: string; result: SubmissionResult<string[]> }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:payment:any')
  if (!isUuid(params.id)) throw notFound()
  const [detail, lng] = await Promise.all([paymentDetail(params.id), requestLanguage(request)])
  if (!detail) throw notFound()
  return {
    ...detail,
    canManage: adminRolesAllow(auth.adminRoles, 'manage:payment:any'),
    // A fresh key per page view: the same form sent twice is one release, not two.
    operationKey: crypto.randomUUID(),
    lng,
    adminRoles: auth.adminRoles,
  }
}

/** A refusal about how much belongs beside the amount the admin typed. */
function besideAmount(error: unknown): unknown {
  if (error instanceof UserError && !error.field && error.messageKey.endsWith('TooMuch'))
    return new UserError(error.messageKey, 'amount', error.values)
  return error
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, 'manage:payment:any')
  const paymentId = params.id
  if (!isUuid(paymentId) || !(await paymentExists(paymentId))) throw notFound()
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const submission = parseWithZod(formData, { schema: MoneyOutSchema })
  if (submission.status !== 'success')
    return { intent, result: submission.reply() } satisfies ActionReply
  const out = submission.value
  const operationKey = `admin-${out.intent}:${paymentId}:${out.operationKey}`
  const ip = clientIp(context)
  try {
    await db().transaction(async (tx) => {
      const parties = await tx
        .select({ payer: payments.payerOrgId, payee: payments.payeeOrgId })
        .from(payments)
        .where(eq(payments.id, paymentId))
        .then((r) => r[0])
      await assertNoConflict(tx, auth.user.id, [parties?.payer, parties?.payee])
      const moved =
        out.intent === 'release'
          ? (
              await releasePayment(tx, {
                paymentId,
                priceFen: out.amount,
                operationKey,
                actorUserId: auth.user.id,
                memo: out.reason,
              })
            ).released
          : (
              await refundPayment(tx, {
                paymentId,
                amountFen: out.amount,
                operationKey,
                reason: out.reason,
                actorUserId: auth.user.id,
              })
            ).refunded
      // A repeated submit moved nothing, so it leaves no second audit row either.
      if (moved)
        await audit(tx, {
          actorUserId: auth.user.id,
          action: `${out.intent}-payment`,
          entity: 'payment',
          entityId: paymentId,
          data: { amountFen: out.amount, reason: out.reason },
          ip,
        })
    })
  } catch (error) {
    if (error instanceof TransitionError) {
      const result = submission.reply({ formErrors: ['admin:errors.conflict'] })
      return Response.json({ intent, result } satisfies ActionReply, { status: 409 })
    }
    const { status, result } = replyWithError(submission, besideAmount(error))
    return Response.json({ intent, result } satisfies ActionReply, { status })
  }
  return redirect(`/admin/payments/${paymentId}?done=${out.intent}`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.payment.reference} · 资金管理 · 众创 Zhongchuang`
      : '资金管理 · 众创 Zhongchuang',
  },
]

export default function AdminPaymentPage() {
  const { t } = useTranslation('admin')
  const data = useLoaderData<typeof loader>()
  const { payment, quote, schedule, history, transfers, instructions, ledger, lng } = data
  // Replies with a status (Response.json) type as `any`; this is the shape every branch returns.
  const actionData = useActionData<typeof action>() as ActionReply | undefined
  const [searchParams] = useSearchParams()
  // A new location (the redirect after a success) starts the forms afresh; a refusal keeps them.
  const location = useLocation()
  const done = searchParams.get('done')
  const money = (fen: number) => formatMoney(fen, payment.currency)
  const held = payment.status === 'held'
  return (
    <div>
      <AdminNav roles={data.adminRoles} />
      <p className="mb-2 text-sm">
        <Link to="/admin/payments">{t('payments.detail.back')}</Link>
      </p>
      <PageTitle
        sub={
          <span className="inline-flex flex-wrap items-center gap-2">
            <StatusBadge status={payment.status} label={t(`payments.status.${payment.status}`)} />
            <span>{payment.description}</span>
          </span>
        }
      >
        <span className="font-mono">{payment.reference}</span>
      </PageTitle>
      <PaymentsNav />
      {done && (moneyOutIntents as readonly string[]).includes(done) ? (
        <div className="mb-6">
          <Notice tone="success">{t(`payments.detail.done.${done as MoneyOutIntent}`)}</Notice>
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="min-w-0">
          <h2 className="text-lg font-semibold text-slate-900">{t('payments.detail.facts')}</h2>
          <dl className="mt-4 grid grid-cols-1 gap-x-4 gap-y-3 text-sm sm:grid-cols-3">
            <Row label={t('payments.columns.amount')}>
              <span className="font-semibold tabular-nums">{money(payment.amountFen)}</span>
            </Row>
            <Row label={t('payments.detail.escrow')}>
              <span className="tabular-nums">{money(data.escrowFen)}</span>
            </Row>
            <Row label={t('payments.columns.payer')}>
              {data.payerName}
              {data.payerName !== data.payerPerson ? (
                <span className="block text-xs text-slate-500">{data.payerPerson}</span>
              ) : null}
              {data.payerEmail ? (
                <span className="block text-xs text-slate-500 break-all">{data.payerEmail}</span>
              ) : null}
            </Row>
            <Row label={t('payments.columns.payee')}>{data.payeeName}</Row>
            <Row label={t('payments.detail.marketplace')}>
              {t(`payments.marketplace.${payment.marketplace}`)}
            </Row>
            <Row label={t('payments.detail.business')}>
              <span className="font-mono text-xs break-all">
                {payment.businessKind} · {payment.businessId}
              </span>
            </Row>
            <Row label={t('payments.columns.provider')}>
              {t(`payments.provider.${payment.provider}`)}
            </Row>
            <Row label={t('payments.columns.createdAt')}>
              {formatDateTime(payment.createdAt, lng)}
            </Row>
            <Row label={t('payments.detail.updatedAt')}>
              {formatDateTime(payment.updatedAt, lng)}
            </Row>
          </dl>
        </Card>

        <Card className="min-w-0">
          <h2 className="text-lg font-semibold text-slate-900">{t('payments.detail.quote')}</h2>
          <div className={`mt-4 ${table.wrap}`}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th scope="col" className={table.th}>
                    {t('payments.detail.lineColumns.label')}
                  </th>
                  <th scope="col" className={`${table.th} text-right`}>
                    {t('payments.detail.lineColumns.quantity')}
                  </th>
                  <th scope="col" className={`${table.th} text-right`}>
                    {t('payments.detail.lineColumns.unit')}
                  </th>
                  <th scope="col" className={`${table.th} text-right`}>
                    {t('payments.detail.lineColumns.amount')}
                  </th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {quote.lines.map((l, i) => (
                  <tr key={i}>
                    <td className={`${table.td} min-w-32`}>{l.label}</td>
                    <td className={`${table.td} text-right tabular-nums`}>{l.quantity}</td>
                    <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                      {money(l.unitFen)}
                    </td>
                    <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                      {money(l.amountFen)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <dl className="mt-4 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-600">{t('payments.detail.subtotal')}</dt>
            <dd className="text-right tabular-nums">{money(quote.subtotalFen)}</dd>
            <dt className="text-slate-600">
              {t('payments.detail.fee')}
              <span className="block text-xs text-slate-500">
                {t('payments.detail.feeRule', {
                  rate: formatRate(schedule.rateBp, lng),
                  minimum: money(schedule.minimumFen),
                  mode: t(`payments.feeMode.${schedule.mode}`),
                })}
              </span>
            </dt>
            <dd className="text-right tabular-nums">{money(quote.feeFen)}</dd>
            <dt className="text-slate-600">{t('payments.detail.payerTotal')}</dt>
            <dd className="text-right font-semibold tabular-nums">{money(quote.payerTotalFen)}</dd>
            <dt className="text-slate-600">{t('payments.detail.payeeNet')}</dt>
            <dd className="text-right tabular-nums">{money(quote.payeeNetFen)}</dd>
          </dl>
        </Card>
      </div>

      {held && data.canManage ? (
        <Card className="mt-6">
          <h2 className="text-lg font-semibold text-slate-900">{t('payments.detail.moveTitle')}</h2>
          <p className="mt-1 text-sm text-slate-600">
            {t('payments.detail.moveSub', {
              escrow: money(data.escrowFen),
              subtotal: money(quote.subtotalFen),
            })}
          </p>
          <div className="mt-4 grid gap-4 md:grid-cols-2">
            {moneyOutIntents.map((intent) => (
              <MoneyOutForm
                key={`${intent}-${location.key}`}
                intent={intent}
                operationKey={data.operationKey}
                lastResult={actionData?.intent === intent ? actionData.result : undefined}
              />
            ))}
          </div>
        </Card>
      ) : actionData ? (
        // The payment moved on (released in full elsewhere): its forms are gone, so say why here.
        <div className="mt-6">
          <FormErrors errors={actionData.result.error?.['']} />
        </div>
      ) : null}

      <Card className="mt-6">
        <h2 className="text-lg font-semibold text-slate-900">{t('payments.detail.history')}</h2>
        {history.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t('payments.detail.noHistory')}</p>
        ) : (
          <div className={`mt-4 ${table.wrap}`}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th scope="col" className={table.th}>
                    {t('payments.detail.historyColumns.at')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.detail.historyColumns.change')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.detail.historyColumns.actor')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.detail.historyColumns.note')}
                  </th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {history.map((h) => (
                  <tr key={h.id}>
                    <td className={`${table.td} whitespace-nowrap`}>{formatDateTime(h.at, lng)}</td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {t(`payments.status.${h.fromStatus}`, { defaultValue: h.fromStatus })} →{' '}
                      {t(`payments.status.${h.toStatus}`, { defaultValue: h.toStatus })}
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {h.actorName ?? (
                        <span className="text-slate-500">{t('payments.detail.system')}</span>
                      )}
                    </td>
                    <td className={`${table.td} min-w-48 whitespace-pre-line`}>{h.note ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card className="min-w-0">
          <h2 className="text-lg font-semibold text-slate-900">{t('payments.detail.transfers')}</h2>
          {transfers.length === 0 ? (
            <p className="mt-4 text-sm text-slate-600">{t('payments.detail.noTransfers')}</p>
          ) : (
            <ul className="mt-4 divide-y divide-slate-100 text-sm">
              {transfers.map((b) => (
                <li key={b.id} className="py-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-semibold tabular-nums">
                      {formatMoney(b.amountFen, b.currency)}
                    </span>
                    <StatusBadge
                      status={b.status}
                      label={t(`payments.transferStatus.${b.status}`)}
                    />
                  </div>
                  <p className="mt-1 text-slate-700">
                    {t('payments.detail.transferLine', {
                      payer: b.payerName,
                      on: formatDate(b.receivedOn, lng),
                    })}
                  </p>
                  <p className="text-xs text-slate-500">
                    {t('payments.detail.recordedBy', {
                      name: b.recordedBy,
                      at: formatDateTime(b.createdAt, lng),
                    })}
                    {b.fromStatement ? ` · ${t('payments.detail.fromStatement')}` : ''}
                    {b.approvedBy
                      ? ` · ${t('payments.detail.approvedBy', { name: b.approvedBy })}`
                      : ''}
                  </p>
                  {b.rejectionReason ? (
                    <p className="mt-1 text-xs text-red-800">
                      {t('payments.detail.rejectedBecause', { reason: b.rejectionReason })}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card className="min-w-0">
          <h2 className="text-lg font-semibold text-slate-900">
            {t('payments.detail.instructions')}
          </h2>
          {instructions.length === 0 ? (
            <p className="mt-4 text-sm text-slate-600">{t('payments.detail.noInstructions')}</p>
          ) : (
            <ul className="mt-4 divide-y divide-slate-100 text-sm">
              {instructions.map((i) => (
                <li key={i.id} className="py-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span>
                      {t(`payments.instructionKind.${i.kind}`)}{' '}
                      <span className="font-semibold tabular-nums">
                        {formatMoney(i.amountFen, i.currency)}
                      </span>
                    </span>
                    <StatusBadge
                      status={i.status}
                      label={t(`payments.instructionStatus.${i.status}`)}
                    />
                  </div>
                  <p className="mt-1 text-slate-700">
                    {t('payments.detail.to', { name: i.beneficiaryName || '—' })}
                  </p>
                  <p className="text-xs text-slate-500">
                    {formatDateTime(i.createdAt, lng)}
                    {i.bankReference
                      ? ` · ${t('payments.instructions.receipt', { ref: i.bankReference })}`
                      : ''}
                  </p>
                  {i.rejectionReason ? (
                    <p className="mt-1 text-xs text-red-800">
                      {t('payments.detail.rejectedBecause', { reason: i.rejectionReason })}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <p className="mt-3 text-sm">
            <Link to="/admin/payments/instructions">{t('payments.detail.allInstructions')}</Link>
          </p>
        </Card>
      </div>

      <Card className="mt-6">
        <h2 className="text-lg font-semibold text-slate-900">{t('payments.detail.ledger')}</h2>
        <p className="mt-1 text-sm text-slate-600">{t('payments.detail.ledgerSub')}</p>
        {ledger.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t('payments.detail.noLedger')}</p>
        ) : (
          <div className={`mt-4 ${table.wrap}`}>
            <table className={table.table}>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={table.th}>
                    {t('payments.detail.ledgerColumns.account')}
                  </th>
                  <th scope="col" className={`${table.th} text-right`}>
                    {t('payments.detail.ledgerColumns.debit')}
                  </th>
                  <th scope="col" className={`${table.th} text-right`}>
                    {t('payments.detail.ledgerColumns.credit')}
                  </th>
                  <th scope="col" className={`${table.th} text-right`}>
                    {t('payments.detail.ledgerColumns.balance')}
                  </th>
                </tr>
              </thead>
              {ledger.map((g) => (
                <tbody key={g.transactionId} className={table.body}>
                  <tr className="bg-slate-50/60">
                    <th
                      scope="rowgroup"
                      colSpan={4}
                      className={`${table.td} text-left font-normal`}
                    >
                      <span className="font-medium text-slate-900">
                        {t(`payments.ledgerKind.${g.kind}`, { defaultValue: g.kind })}
                      </span>
                      <span className="ml-2 text-xs text-slate-500">
                        {formatDateTime(g.postedAt, lng)}
                      </span>
                      {g.memo ? (
                        <span className="block text-xs text-slate-600">{g.memo}</span>
                      ) : null}
                    </th>
                  </tr>
                  {g.entries.map((e) => (
                    <tr key={e.entryId}>
                      <td className={`${table.td} min-w-52 pl-6`}>
                        <span className="block whitespace-nowrap text-slate-900">
                          {t(`payments.accountKind.${e.accountKind}`, {
                            defaultValue: e.accountKind,
                          })}
                        </span>
                        <span className="block font-mono text-xs text-slate-500 break-all">
                          {e.account}
                        </span>
                      </td>
                      <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                        {e.amount > 0 ? formatMoney(e.amount, e.currency) : ''}
                      </td>
                      <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                        {e.amount < 0 ? formatMoney(-e.amount, e.currency) : ''}
                      </td>
                      <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                        {formatMoney(e.balanceAfter, e.currency)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        )}
      </Card>
    </div>
  )
}

/** Basis points as a percentage: 500 → "5%", 250 → "2.5%". */
function formatRate(rateBp: number, lng: Language): string {
  return new Intl.NumberFormat(lng, { style: 'percent', maximumFractionDigits: 2 }).format(
    rateBp / 10_000,
  )
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="text-slate-900 sm:col-span-2">{children}</dd>
    </>
  )
}

function MoneyOutForm({
  intent,
  operationKey,
  lastResult,
}: {
  intent: MoneyOutIntent
  operationKey: string
  lastResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('admin')
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: `money-${intent}`,
    lastResult,
    validation: checks(() => import('~/domains/payments/admin-forms.schema.ts'), 'MoneyOutSchema'),
    shouldRevalidate: 'onBlur',
  })
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="space-y-3 rounded-md border border-slate-200 p-4"
    >
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="operationKey" value={operationKey} />
      <h3 className="font-medium text-slate-900">{t(`payments.detail.${intent}.title`)}</h3>
      <p className="text-sm text-slate-600">{t(`payments.detail.${intent}.help`)}</p>
      <FormErrors errors={form.errors} />
      <Field
        label={t(`payments.detail.${intent}.amount`)}
        field={fields.amount}
        hint={t('payments.yuanHint')}
        autoComplete="off"
      />
      <TextareaField label={t(`payments.detail.${intent}.reason`)} field={fields.reason} />
      <Button
        type="submit"
        variant={intent === 'refund' ? 'danger' : 'primary'}
        disabled={navigation.state === 'submitting'}
      >
        {t(`payments.detail.${intent}.submit`)}
      </Button>
    </Form>
  )
}
