// Instructions to the custody bank (releases to payees, refunds to payers): those above the
// threshold wait for a second finance admin to approve or reject them (a rejection puts the
// money back in escrow); approved ones wait to be carried out at the bank and marked executed
// with its receipt number; below, the executed and rejected history.
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
import { AdminNav, PaymentsNav, StatusBadge, table } from '~/components/admin-nav.tsx'
import { Button, Card, Field, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { sharesParty } from '~/domains/admin/conflict.server.ts'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { adminRolesAllow } from '~/domains/accounts/permissions.ts'
import { TransitionError } from '~/domains/lifecycle/machine.ts'
import { InstructionSchema } from '~/domains/payments/admin-forms.schema.ts'
import { instructionLists } from '~/domains/payments/admin-queries.server.ts'
import {
  decideInstruction,
  executeInstruction,
} from '~/domains/payments/custody-instructions.server.ts'
// Money reads ¥1,234.50 in either language (formatMoney's default format), never CN¥ or 万.
import { formatMoney } from '~/domains/payments/money.ts'
import { APPROVAL_THRESHOLD_FEN } from '~/domains/payments/payments.schema.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'
import { formatDateTime } from '~/i18n/format.ts'

const PAGE = '/admin/payments/instructions'
const notices = ['approved', 'rejected', 'executed'] as const
type NoticeKey = (typeof notices)[number]

type ActionReply = {
  intent: string
  instructionId: string | null
  result: SubmissionResult<string[]>
}

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:payment:any')
  const [lists, lng] = await Promise.all([instructionLists(), requestLanguage(request)])
  // Instructions moving money of the admin's own organisation are for another admin to approve
  // or execute: the page says so instead of offering the buttons.
  const conflicted = [...lists.awaiting, ...lists.approved]
    .filter((i) => sharesParty(auth, [i.payerOrgId, i.payeeOrgId]))
    .map((i) => i.id)
  return {
    ...lists,
    conflicted,
    canManage: adminRolesAllow(auth.adminRoles, 'manage:payment:any'),
    userId: auth.user.id,
    lng,
    adminRoles: auth.adminRoles,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, 'manage:payment:any')
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const rawId = formData.get('instructionId')
  const instructionId = typeof rawId === 'string' ? rawId : null
  const submission = parseWithZod(formData, { schema: InstructionSchema })
  if (submission.status !== 'success')
    return { intent, instructionId, result: submission.reply() } satisfies ActionReply
  const input = submission.value
  const ip = clientIp(context)
  try {
    await db().transaction((tx) =>
      input.intent === 'execute'
        ? executeInstruction(tx, {
            instructionId: input.instructionId,
            bankReference: input.bankReference,
            actorUserId: auth.user.id,
            ip,
          })
        : decideInstruction(tx, {
            instructionId: input.instructionId,
            action: input.intent,
            reason: input.intent === 'reject' ? input.reason : undefined,
            actorUserId: auth.user.id,
            ip,
          }),
    )
  } catch (error) {
    if (error instanceof TransitionError) {
      const result = submission.reply({ formErrors: ['admin:errors.conflict'] })
      return Response.json({ intent, instructionId, result } satisfies ActionReply, {
        status: 409,
      })
    }
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, instructionId, result } satisfies ActionReply, { status })
  }
  const done: NoticeKey =
    input.intent === 'execute' ? 'executed' : input.intent === 'approve' ? 'approved' : 'rejected'
  return redirect(`${PAGE}?done=${done}`)
}

export const meta: MetaFunction = () => [{ title: '存管指令 · 资金管理 · 众创 Zhongchuang' }]

type Instruction = ReturnType<typeof useLoaderData<typeof loader>>['awaiting'][number]

export default function AdminInstructionsPage() {
  const { t } = useTranslation('admin')
  const data = useLoaderData<typeof loader>()
  const { awaiting, approved, history, canManage, lng } = data
  // Replies with a status (Response.json) type as `any`; this is the shape every branch returns.
  const actionData = useActionData<typeof action>() as ActionReply | undefined
  const [searchParams] = useSearchParams()
  const location = useLocation()
  const done = searchParams.get('done')
  const resultFor = (intent: string, id: string) =>
    actionData?.intent === intent && actionData.instructionId === id ? actionData.result : undefined
  const open = [...awaiting, ...approved]
  // A decision refused because the instruction moved on: its form is gone, so say why at the top.
  const orphan =
    actionData?.instructionId && !open.some((i) => i.id === actionData.instructionId)
      ? actionData.result.error?.['']
      : undefined
  return (
    <div>
      <AdminNav roles={data.adminRoles} />
      <PageTitle
        sub={t('payments.instructions.sub', {
          threshold: formatMoney(APPROVAL_THRESHOLD_FEN, 'CNY'),
        })}
      >
        {t('payments.instructions.title')}
      </PageTitle>
      <PaymentsNav />
      {done && (notices as readonly string[]).includes(done) ? (
        <div className="mb-6">
          <Notice tone="success">{t(`payments.instructions.done.${done as NoticeKey}`)}</Notice>
        </div>
      ) : null}
      {orphan ? (
        <div className="mb-6">
          <FormErrors errors={orphan} />
        </div>
      ) : null}

      <Card className="mb-6">
        <h2 className="text-lg font-semibold text-slate-900">
          {t('payments.instructions.awaiting.title')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('payments.instructions.awaiting.sub')}</p>
        {awaiting.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t('payments.instructions.awaiting.empty')}</p>
        ) : (
          <ul className="mt-4 space-y-4">
            {awaiting.map((i) => (
              <li key={i.id} className="rounded-md border border-amber-200 p-4">
                <InstructionFacts instruction={i} />
                {!canManage ? null : i.createdByUserId === data.userId ? (
                  <div className="mt-3">
                    <Notice tone="info">{t('payments.instructions.awaiting.own')}</Notice>
                  </div>
                ) : data.conflicted.includes(i.id) ? (
                  <div className="mt-3">
                    <Notice tone="warning">{t('conflict.refused')}</Notice>
                  </div>
                ) : (
                  <DecideForms
                    key={`${i.id}-${location.key}`}
                    instruction={i}
                    approveResult={resultFor('approve', i.id)}
                    rejectResult={resultFor('reject', i.id)}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card className="mb-6">
        <h2 id="approved" className="text-lg font-semibold text-slate-900">
          {t('payments.instructions.approved.title')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('payments.instructions.approved.sub')}</p>
        {approved.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t('payments.instructions.approved.empty')}</p>
        ) : (
          <ul className="mt-4 space-y-4">
            {approved.map((i) => (
              <li key={i.id} className="rounded-md border border-sky-200 p-4">
                <InstructionFacts instruction={i} />
                {/* Without an account on the instruction, executing takes the payout account the
                    party has given since, or says that there still is none. */}
                {canManage && data.conflicted.includes(i.id) ? (
                  <div className="mt-3">
                    <Notice tone="warning">{t('conflict.refused')}</Notice>
                  </div>
                ) : canManage ? (
                  <ExecuteForm
                    key={`${i.id}-${location.key}`}
                    instruction={i}
                    lastResult={resultFor('execute', i.id)}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">
          {t('payments.instructions.history.title')}
        </h2>
        {history.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t('payments.instructions.history.empty')}</p>
        ) : (
          <div className={`mt-4 ${table.wrap}`}>
            <table className={table.table}>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.updatedAt')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.kind')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.reference')}
                  </th>
                  <th scope="col" className={`${table.th} text-right`}>
                    {t('payments.columns.amount')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.beneficiary')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.status')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.outcome')}
                  </th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {history.map((i) => (
                  <tr key={i.id}>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {formatDateTime(i.updatedAt, lng)}
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {t(`payments.instructionKind.${i.kind}`)}
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      <Link to={`/admin/payments/${i.paymentId}`} className="font-mono">
                        {i.reference}
                      </Link>
                    </td>
                    <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                      {formatMoney(i.amountFen, i.currency)}
                    </td>
                    <td className={`${table.td} min-w-40`}>{i.beneficiaryName || '—'}</td>
                    <td className={table.td}>
                      <StatusBadge
                        status={i.status}
                        label={t(`payments.instructionStatus.${i.status}`)}
                      />
                    </td>
                    <td className={`${table.td} min-w-48`}>
                      {i.status === 'executed' ? (
                        <>
                          <span className="font-mono text-xs">{i.bankReference}</span>
                          {i.executedBy ? (
                            <span className="block text-xs text-slate-500">
                              {t('payments.instructions.executedBy', { name: i.executedBy })}
                            </span>
                          ) : null}
                        </>
                      ) : (
                        t('payments.detail.rejectedBecause', { reason: i.rejectionReason ?? '' })
                      )}
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

function InstructionFacts({ instruction: i }: { instruction: Instruction }) {
  const { t } = useTranslation('admin')
  const { lng } = useLoaderData<typeof loader>()
  const missingAccount = !i.beneficiaryAccount
  return (
    <div>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm text-slate-600">{t(`payments.instructionKind.${i.kind}`)}</p>
          <p className="text-lg font-semibold tabular-nums text-slate-900">
            {formatMoney(i.amountFen, i.currency)}
          </p>
          <p className="text-sm">
            <Link to={`/admin/payments/${i.paymentId}`} className="font-mono">
              {i.reference}
            </Link>{' '}
            <span className="text-slate-600">{i.description}</span>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {i.aboveThreshold ? (
            <span className="inline-flex items-center whitespace-nowrap rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-900 ring-1 ring-inset ring-red-200">
              {t('payments.instructions.aboveThreshold')}
            </span>
          ) : null}
          <StatusBadge status={i.status} label={t(`payments.instructionStatus.${i.status}`)} />
        </div>
      </div>
      <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-1 rounded-md bg-slate-50 p-3 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-600">{t('payments.instructions.beneficiary.name')}</dt>
        <dd className="text-slate-900">{i.beneficiaryName || '—'}</dd>
        <dt className="text-slate-600">{t('payments.instructions.beneficiary.bank')}</dt>
        <dd className="text-slate-900">{i.beneficiaryBank || '—'}</dd>
        <dt className="text-slate-600">{t('payments.instructions.beneficiary.account')}</dt>
        <dd className="font-mono break-all text-slate-900">{i.beneficiaryAccount || '—'}</dd>
      </dl>
      {missingAccount ? (
        <p className="mt-2 text-sm text-amber-800">{t('payments.instructions.noAccount')}</p>
      ) : null}
      <p className="mt-2 text-xs text-slate-500">
        {t('payments.instructions.createdBy', {
          name: i.createdBy ?? t('payments.detail.system'),
          at: formatDateTime(i.createdAt, lng),
        })}
        {i.approvedBy ? ` · ${t('payments.detail.approvedBy', { name: i.approvedBy })}` : ''}
      </p>
    </div>
  )
}

function DecideForms({
  instruction,
  approveResult,
  rejectResult,
}: {
  instruction: Instruction
  approveResult?: SubmissionResult<string[]>
  rejectResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('admin')
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: `reject-${instruction.id}`,
    lastResult: rejectResult,
    validation: checks(
      () => import('~/domains/payments/admin-forms.schema.ts'),
      'InstructionSchema',
    ),
  })
  const busy = navigation.state === 'submitting'
  return (
    <div className="mt-4 grid gap-4 md:grid-cols-2">
      <Form method="post" className="space-y-3">
        <input type="hidden" name="intent" value="approve" />
        <input type="hidden" name="instructionId" value={instruction.id} />
        <FormErrors errors={approveResult?.error?.['']} />
        <p className="text-sm text-slate-600">{t('payments.instructions.awaiting.approveHelp')}</p>
        <Button type="submit" disabled={busy}>
          {t('payments.instructions.awaiting.approve')}
        </Button>
      </Form>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <input type="hidden" name="intent" value="reject" />
        <input type="hidden" name="instructionId" value={instruction.id} />
        <FormErrors errors={form.errors} />
        <Field
          label={t('payments.instructions.awaiting.reason')}
          field={fields.reason}
          hint={t('payments.instructions.awaiting.rejectHelp')}
        />
        <Button type="submit" variant="danger" disabled={busy}>
          {t('payments.instructions.awaiting.reject')}
        </Button>
      </Form>
    </div>
  )
}

function ExecuteForm({
  instruction,
  lastResult,
}: {
  instruction: Instruction
  lastResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('admin')
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: `execute-${instruction.id}`,
    lastResult,
    validation: checks(
      () => import('~/domains/payments/admin-forms.schema.ts'),
      'InstructionSchema',
    ),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 space-y-3 sm:max-w-md">
      <input type="hidden" name="intent" value="execute" />
      <input type="hidden" name="instructionId" value={instruction.id} />
      <FormErrors errors={form.errors} />
      <Field
        label={t('payments.instructions.approved.bankReference')}
        field={fields.bankReference}
        hint={t('payments.instructions.approved.bankReferenceHint')}
        autoComplete="off"
      />
      <Button type="submit" disabled={navigation.state === 'submitting'}>
        {t('payments.instructions.approved.execute')}
      </Button>
    </Form>
  )
}
