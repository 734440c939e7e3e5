// Transfers into the custody account: a finance admin records one (by the payment's reference,
// for exactly what is owed) after confirming their password; above ¥10,000 it waits for a second
// finance admin to approve or reject it (maker-checker); below, the latest ones recorded.
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
import { db } from '../../db/client.server.ts'
import { now } from '~/clock.server.ts'
import { AdminNav, PaymentsNav, StatusBadge, table } from '~/components/admin-nav.tsx'
import { Button, Card, Field, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { sharesParty } from '~/domains/admin/conflict.server.ts'
import { requireAdmin, requireRecentAuth } from '~/domains/accounts/auth.server.ts'
import { adminRolesAllow } from '~/domains/accounts/permissions.ts'
import { STEP_UP_MS } from '~/domains/accounts/session.server.ts'
import { TransitionError } from '~/domains/lifecycle/machine.ts'
import { TransferSchema } from '~/domains/payments/admin-forms.schema.ts'
import { todayInShanghai } from '~/domains/challenges/beijing-time.ts'
import type { z } from 'zod'
import { transferLists } from '~/domains/payments/admin-queries.server.ts'
import { decideBankTransfer } from '~/domains/payments/decide-bank-transfer.server.ts'
// Money reads ¥1,234.50 in either language (formatMoney's default format), never CN¥ or 万.
import { formatMoney } from '~/domains/payments/money.ts'
import { APPROVAL_THRESHOLD_FEN } from '~/domains/payments/payments.schema.ts'
import { recordBankTransfer } from '~/domains/payments/record-bank-transfer.server.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'
import { formatDate, formatDateTime } from '~/i18n/format.ts'

const PAGE = '/admin/payments/transfers'
const notices = ['recorded', 'awaitingApproval', 'approved', 'rejected'] as const
type NoticeKey = (typeof notices)[number]

type ActionReply = { intent: string; transferId: string | null; result: SubmissionResult<string[]> }

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:payment:any')
  const [lists, lng] = await Promise.all([transferLists(), requestLanguage(request)])
  // Transfers for a payment the admin's own organisation pays or receives are for another
  // admin to approve: the page says so instead of offering the buttons.
  const conflicted = lists.awaiting
    .filter((tr) => sharesParty(auth, [tr.payerOrgId, tr.payeeOrgId]))
    .map((tr) => tr.id)
  return {
    ...lists,
    conflicted,
    canManage: adminRolesAllow(auth.adminRoles, 'manage:payment:any'),
    recentAuth: now().getTime() - auth.session.reauthenticatedAt.getTime() <= STEP_UP_MS,
    userId: auth.user.id,
    // Today in China, where the custody account is: a transfer cannot arrive later than that.
    today: todayInShanghai(now()),
    lng,
    adminRoles: auth.adminRoles,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, 'manage:payment:any')
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const rawId = formData.get('transferId')
  const transferId = typeof rawId === 'string' ? rawId : null
  // Recording money in is the sensitive half: a borrowed, signed-in laptop must not do it.
  if (intent === 'record') await requireRecentAuth(request)
  const submission = parseWithZod(formData, { schema: TransferSchema })
  if (submission.status !== 'success')
    return { intent, transferId, result: submission.reply() } satisfies ActionReply
  const input = submission.value
  const ip = clientIp(context)
  let done: NoticeKey
  try {
    done = await db().transaction(async (tx): Promise<NoticeKey> => {
      if (input.intent === 'record') {
        const transfer = await recordBankTransfer(tx, {
          reference: input.reference,
          amountFen: input.amount,
          currency: 'CNY',
          receivedOn: input.receivedOn,
          payerName: input.payerName,
          actorUserId: auth.user.id,
          ip,
        })
        return transfer.status === 'pending_approval' ? 'awaitingApproval' : 'recorded'
      }
      await decideBankTransfer(tx, {
        transferId: input.transferId,
        action: input.intent,
        reason: input.intent === 'reject' ? input.reason : undefined,
        actorUserId: auth.user.id,
        ip,
      })
      return input.intent === 'approve' ? 'approved' : 'rejected'
    })
  } catch (error) {
    if (error instanceof TransitionError) {
      const result = submission.reply({ formErrors: ['admin:errors.conflict'] })
      return Response.json({ intent, transferId, result } satisfies ActionReply, { status: 409 })
    }
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, transferId, result } satisfies ActionReply, { status })
  }
  return redirect(`${PAGE}?done=${done}`)
}

export const meta: MetaFunction = () => [{ title: '到账登记 · 资金管理 · 众创 Zhongchuang' }]

type Transfer = ReturnType<typeof useLoaderData<typeof loader>>['awaiting'][number]

export default function AdminTransfersPage() {
  const { t } = useTranslation('admin')
  const data = useLoaderData<typeof loader>()
  const { awaiting, recent, canManage, lng } = data
  // Replies with a status (Response.json) type as `any`; this is the shape every branch returns.
  const actionData = useActionData<typeof action>() as ActionReply | undefined
  const [searchParams] = useSearchParams()
  const location = useLocation()
  const done = searchParams.get('done')
  const resultFor = (intent: string, id: string | null) =>
    actionData?.intent === intent && actionData.transferId === id ? actionData.result : undefined
  // A decision refused because the transfer moved on: its form is gone, so say why at the top.
  const orphan =
    actionData?.transferId && !awaiting.some((a) => a.id === actionData.transferId)
      ? actionData.result.error?.['']
      : undefined
  return (
    <div>
      <AdminNav roles={data.adminRoles} />
      <PageTitle sub={t('payments.transfers.sub')}>{t('payments.transfers.title')}</PageTitle>
      <PaymentsNav />
      {done && (notices as readonly string[]).includes(done) ? (
        <div className="mb-6">
          <Notice tone="success">{t(`payments.transfers.done.${done as NoticeKey}`)}</Notice>
        </div>
      ) : null}
      {orphan ? (
        <div className="mb-6">
          <FormErrors errors={orphan} />
        </div>
      ) : null}

      {canManage ? (
        <Card className="mb-6">
          <h2 className="text-lg font-semibold text-slate-900">
            {t('payments.transfers.record.title')}
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {t('payments.transfers.record.help', {
              threshold: formatMoney(APPROVAL_THRESHOLD_FEN, 'CNY'),
            })}
          </p>
          <div className="mt-4">
            <Notice tone={data.recentAuth ? 'info' : 'warning'}>
              {t('payments.transfers.record.stepUp')}{' '}
              {data.recentAuth ? null : (
                <Link to={`/confirm-password?redirectTo=${encodeURIComponent(PAGE)}`}>
                  {t('payments.transfers.record.confirmNow')}
                </Link>
              )}
            </Notice>
          </div>
          <RecordForm
            key={location.key}
            today={data.today}
            lastResult={resultFor('record', null)}
          />
        </Card>
      ) : null}

      <Card className="mb-6">
        <h2 className="text-lg font-semibold text-slate-900">
          {t('payments.transfers.awaiting.title')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('payments.transfers.awaiting.sub')}</p>
        {awaiting.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t('payments.transfers.awaiting.empty')}</p>
        ) : (
          <ul className="mt-4 space-y-4">
            {awaiting.map((tr) => (
              <li key={tr.id} className="rounded-md border border-amber-200 p-4">
                <TransferFacts transfer={tr} />
                {!canManage ? null : tr.recordedByUserId === data.userId ? (
                  <div className="mt-3">
                    <Notice tone="info">{t('payments.transfers.awaiting.own')}</Notice>
                  </div>
                ) : data.conflicted.includes(tr.id) ? (
                  <div className="mt-3">
                    <Notice tone="warning">{t('conflict.refused')}</Notice>
                  </div>
                ) : (
                  <Decision
                    key={`${tr.id}-${location.key}`}
                    transfer={tr}
                    approveResult={resultFor('approve', tr.id)}
                    rejectResult={resultFor('reject', tr.id)}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">
          {t('payments.transfers.recent.title')}
        </h2>
        {recent.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t('payments.transfers.recent.empty')}</p>
        ) : (
          <div className={`mt-4 ${table.wrap}`}>
            <table className={table.table}>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.receivedOn')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.reference')}
                  </th>
                  <th scope="col" className={`${table.th} text-right`}>
                    {t('payments.columns.amount')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.payerName')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.status')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.recordedBy')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.decision')}
                  </th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {recent.map((r) => (
                  <tr key={r.id}>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {formatDate(r.receivedOn, lng)}
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      <Link to={`/admin/payments/${r.paymentId}`} className="font-mono">
                        {r.reference}
                      </Link>
                    </td>
                    <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                      {formatMoney(r.amountFen, r.currency)}
                    </td>
                    <td className={`${table.td} min-w-32`}>{r.payerName}</td>
                    <td className={table.td}>
                      <StatusBadge
                        status={r.status}
                        label={t(`payments.transferStatus.${r.status}`)}
                      />
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {r.recordedBy}
                      <span className="block text-xs text-slate-500">
                        {r.fromStatement
                          ? t('payments.detail.fromStatement')
                          : formatDateTime(r.createdAt, lng)}
                      </span>
                    </td>
                    <td className={`${table.td} min-w-40`}>
                      {r.status === 'rejected'
                        ? t('payments.detail.rejectedBecause', { reason: r.rejectionReason ?? '' })
                        : r.approvedBy
                          ? t('payments.detail.approvedBy', { name: r.approvedBy })
                          : r.status === 'recorded'
                            ? t('payments.transfers.recent.belowThreshold')
                            : '—'}
                    </td>
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

function TransferFacts({ transfer: tr }: { transfer: Transfer }) {
  const { t } = useTranslation('admin')
  const { lng } = useLoaderData<typeof loader>()
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0">
        <p className="text-lg font-semibold tabular-nums text-slate-900">
          {formatMoney(tr.amountFen, tr.currency)}
        </p>
        <p className="text-sm">
          <Link to={`/admin/payments/${tr.paymentId}`} className="font-mono">
            {tr.reference}
          </Link>{' '}
          <span className="text-slate-600">{tr.description}</span>
        </p>
        <p className="text-sm text-slate-700">
          {t('payments.detail.transferLine', {
            payer: tr.payerName,
            on: formatDate(tr.receivedOn, lng),
          })}
        </p>
        <p className="text-xs text-slate-500">
          {t('payments.detail.recordedBy', {
            name: tr.recordedBy,
            at: formatDateTime(tr.createdAt, lng),
          })}
          {tr.fromStatement ? ` · ${t('payments.detail.fromStatement')}` : ''}
        </p>
      </div>
      <StatusBadge status={tr.status} label={t(`payments.transferStatus.${tr.status}`)} />
    </div>
  )
}

type RecordFields = Extract<z.input<typeof TransferSchema>, { intent: 'record' }>

function RecordForm({
  today,
  lastResult,
}: {
  today: string
  lastResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('admin')
  const navigation = useNavigation()
  // The record branch of the schema: its defaults name only the day received.
  const [form, fields] = useForm<RecordFields>({
    id: 'record-transfer',
    lastResult,
    defaultValue: { receivedOn: today },
    validation: checks(() => import('~/domains/payments/admin-forms.schema.ts'), 'TransferSchema'),
    shouldRevalidate: 'onBlur',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
      <input type="hidden" name="intent" value="record" />
      <FormErrors errors={form.errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t('payments.transfers.record.reference')}
          field={fields.reference}
          hint={t('payments.transfers.record.referenceHint')}
          autoComplete="off"
        />
        <Field
          label={t('payments.transfers.record.amount')}
          field={fields.amount}
          hint={t('payments.yuanHint')}
          autoComplete="off"
        />
        <Field
          label={t('payments.transfers.record.receivedOn')}
          field={fields.receivedOn}
          type="date"
        />
        <Field
          label={t('payments.transfers.record.payerName')}
          field={fields.payerName}
          hint={t('payments.transfers.record.payerNameHint')}
          autoComplete="off"
        />
      </div>
      <Button type="submit" disabled={navigation.state === 'submitting'}>
        {t('payments.transfers.record.submit')}
      </Button>
    </Form>
  )
}

function Decision({
  transfer,
  approveResult,
  rejectResult,
}: {
  transfer: Transfer
  approveResult?: SubmissionResult<string[]>
  rejectResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('admin')
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: `reject-${transfer.id}`,
    lastResult: rejectResult,
    validation: checks(() => import('~/domains/payments/admin-forms.schema.ts'), 'TransferSchema'),
  })
  const busy = navigation.state === 'submitting'
  return (
    <div className="mt-4 grid gap-4 md:grid-cols-2">
      <Form method="post" className="space-y-3">
        <input type="hidden" name="intent" value="approve" />
        <input type="hidden" name="transferId" value={transfer.id} />
        <FormErrors errors={approveResult?.error?.['']} />
        <p className="text-sm text-slate-600">{t('payments.transfers.awaiting.approveHelp')}</p>
        <Button type="submit" disabled={busy}>
          {t('payments.transfers.awaiting.approve')}
        </Button>
      </Form>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <input type="hidden" name="intent" value="reject" />
        <input type="hidden" name="transferId" value={transfer.id} />
        <FormErrors errors={form.errors} />
        <Field label={t('payments.transfers.awaiting.reason')} field={fields.reason} />
        <Button type="submit" variant="danger" disabled={busy}>
          {t('payments.transfers.awaiting.reject')}
        </Button>
      </Form>
    </div>
  )
}
