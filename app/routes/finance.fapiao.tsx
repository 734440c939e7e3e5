// The issuer's inbox of 发票 requests: those asked of the organisations whose finances this
// person manages, of them as a paid person, and (for finance admins) of the platform for its
// fees. Each open request shows what to put on the invoice, with a form to issue it (the PDF and
// its number) and one to reject it with a reason; below, the latest decided ones.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { parseMultipart, tooLargeReply } from '~/domains/uploads/multipart.server.ts'
import {
  Form,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  Button,
  Card,
  ErrorList,
  Field,
  FormErrors,
  Notice,
  PageTitle,
  TextareaField,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { TransitionError } from '~/domains/lifecycle/machine.ts'
import { issueFapiao, rejectFapiao } from '~/domains/payments/decide-fapiao.server.ts'
import { issuerInbox } from '~/domains/payments/fapiao-queries.server.ts'
import type { FapiaoStatus } from '~/domains/payments/fapiao.machine.ts'
import { DecideFapiaoSchema } from '~/domains/payments/fapiao.schema.ts'
import { formatMoney } from '~/domains/payments/money.ts'
import { uploadPurposes } from '~/domains/uploads/uploads.schema.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

const notices = ['issued', 'rejected'] as const

type Result = SubmissionResult<string[]>
type ActionReply = { intent: string; requestId: string | null; result: Result }

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  return issuerInbox(auth.user.id)
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  let formData: FormData
  try {
    // Issuing sends a file; rejecting is a plain form.
    formData = await parseMultipart(request, uploadPurposes.fapiao.maxBytes, { files: 1 })
  } catch (error) {
    // Cut off before its parts were read, the form it came from is unknown: above the lists.
    const result = tooLargeReply(error, '', uploadPurposes.fapiao.maxBytes)
    if (!result) throw error
    // Beside the request it was for, when the parser got as far as reading which one.
    const typedId = result.initialValue?.requestId
    const reply: ActionReply = {
      intent: 'issue',
      requestId: typeof typedId === 'string' ? typedId : null,
      result,
    }
    return Response.json(reply, { status: 413 })
  }
  const intent = String(formData.get('intent') ?? '')
  const rawId = formData.get('requestId')
  const requestId = typeof rawId === 'string' ? rawId : null
  const submission = parseWithZod(formData, { schema: DecideFapiaoSchema })
  if (submission.status !== 'success')
    return { intent, requestId, result: submission.reply() } satisfies ActionReply
  const decision = submission.value
  const ip = clientIp(context)
  try {
    if (decision.intent === 'issue') {
      const file = formData.get('invoice')
      await issueFapiao({
        requestId: decision.requestId,
        userId: auth.user.id,
        invoiceNumber: decision.invoiceNumber,
        file: file instanceof File ? file : null,
        ip,
      })
    } else {
      await rejectFapiao({
        requestId: decision.requestId,
        userId: auth.user.id,
        reason: decision.reason,
        ip,
      })
    }
  } catch (error) {
    if (error instanceof TransitionError) {
      const result = submission.reply({ formErrors: ['fapiao:errors.conflict'] })
      return Response.json({ intent, requestId, result } satisfies ActionReply, { status: 409 })
    }
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, requestId, result } satisfies ActionReply, { status })
  }
  return redirect(`/finance/fapiao?done=${decision.intent === 'issue' ? 'issued' : 'rejected'}`)
}

export const meta: MetaFunction = () => [{ title: '待开发票 · 众创 Zhongchuang' }]

type Item = ReturnType<typeof useLoaderData<typeof loader>>['pending'][number]

export default function FapiaoInboxPage() {
  const { t } = useTranslation('fapiao')
  const { pending, done, scope } = useLoaderData<typeof loader>()
  // Replies with a status (Response.json) type as `any`; this is the shape every branch returns.
  const actionData = useActionData<typeof action>() as ActionReply | undefined
  const [searchParams] = useSearchParams()
  const location = useLocation()
  const notice = searchParams.get('done')
  const lng = useRootData()?.locale ?? fallbackLanguage
  const resultFor = (intent: string, requestId: string): Result | undefined =>
    actionData && actionData.intent === intent && actionData.requestId === requestId
      ? actionData.result
      : undefined
  const scopeParts = [
    ...(scope.orgs.length
      ? [t('inbox.scopeOrgs', { names: scope.orgs.join(lng === 'zh-CN' ? '、' : ', ') })]
      : []),
    ...(scope.platform ? [t('inbox.scopePlatform')] : []),
  ]
  return (
    // A new location (the redirect after a decision) remounts the forms, emptying them.
    <div key={location.key} className="mx-auto max-w-4xl space-y-6">
      <PageTitle sub={t('inbox.sub')}>{t('inbox.title')}</PageTitle>
      {scopeParts.length ? (
        <p className="-mt-4 text-sm text-slate-600">{scopeParts.join(' · ')}</p>
      ) : null}
      {notice && (notices as readonly string[]).includes(notice) ? (
        <Notice tone="success">{t(`done.${notice as (typeof notices)[number]}`)}</Notice>
      ) : null}
      {actionData && actionData.requestId === null ? (
        <FormErrors errors={actionData.result.error?.['']} />
      ) : null}

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">
          {t('inbox.pending')}{' '}
          <span className="text-sm font-normal text-slate-500">({pending.length})</span>
        </h2>
        {pending.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">{t('inbox.emptyPending')}</p>
        ) : (
          <ul className="mt-4 space-y-4">
            {pending.map((item) => (
              <li
                key={item.id}
                id={`fapiao-${item.id}`}
                className="rounded-md border border-slate-200 p-3 sm:p-4"
              >
                <RequestSummary item={item} />
                <details className="mt-4" open={actionData?.requestId === item.id}>
                  <summary className="cursor-pointer text-sm font-medium text-brand-700">
                    {t('inbox.decide')}
                  </summary>
                  <div className="mt-3 grid gap-4 md:grid-cols-2">
                    <IssueForm item={item} lastResult={resultFor('issue', item.id)} />
                    <RejectForm item={item} lastResult={resultFor('reject', item.id)} />
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">{t('inbox.done')}</h2>
        {done.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">{t('inbox.emptyDone')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100">
            {done.map((item) => (
              <li key={item.id} className="py-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-slate-900">{item.title}</span>
                  <span>{formatMoney(item.amountFen, item.currency, lng)}</span>
                  <FapiaoStatusBadge status={item.status} />
                </div>
                <p className="mt-1 text-xs text-slate-500">
                  {item.paymentDescription} ·{' '}
                  <span className="font-mono">{item.paymentReference}</span>
                  {item.decidedAt ? ` · ${formatDateTime(item.decidedAt, lng)}` : ''}
                </p>
                {item.status === 'issued' ? (
                  <p className="mt-1">
                    {t('fields.invoiceNumber')}{' '}
                    <span className="font-mono">{item.invoiceNumber}</span>
                    {item.invoiceUploadId ? (
                      <>
                        {' · '}
                        <a
                          href={`/uploads/${item.invoiceUploadId}`}
                          target="_blank"
                          rel="noreferrer"
                        >
                          {t('actions.download')}
                        </a>
                      </>
                    ) : null}
                  </p>
                ) : null}
                {item.status === 'rejected' && item.rejectionReason ? (
                  <p className="mt-1 whitespace-pre-line text-slate-700">
                    {t('request.rejectedBecause', { reason: item.rejectionReason })}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  )
}

/** What goes on the invoice, as the issuer copies it into the tax system, and whose payment. */
function RequestSummary({ item }: { item: Item }) {
  const { t } = useTranslation('fapiao')
  const lng = useRootData()?.locale ?? fallbackLanguage
  const rows: [string, string | null][] = [
    [t('fields.type'), t(`types.${item.type}`)],
    [t('fields.title'), item.title],
    [t('fields.taxId'), item.taxId],
    [t('fields.address'), item.address],
    [t('fields.phone'), item.phone],
    [t('fields.bankName'), item.bankName],
    [t('fields.bankAccount'), item.bankAccount],
    [t('fields.email'), item.email],
  ]
  return (
    <div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-lg font-semibold text-slate-900">
          {formatMoney(item.amountFen, item.currency, lng)}
        </span>
        <span className="text-sm text-slate-700">{t(`what.${item.issuer}`)}</span>
        <FapiaoStatusBadge status={item.status} />
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {item.paymentDescription} · <span className="font-mono">{item.paymentReference}</span> ·{' '}
        {t('inbox.payer', { name: item.payerName })}
        {item.issuer === 'platform' ? ` · ${t('inbox.payee', { name: item.payeeName })}` : ''}
      </p>
      <p className="mt-1 text-xs text-slate-500">
        {t('inbox.requestedBy', {
          name: item.requesterName,
          at: formatDateTime(item.createdAt, lng),
        })}
      </p>
      <dl className="mt-3 grid grid-cols-1 gap-x-3 rounded-md bg-slate-50 p-3 text-sm sm:grid-cols-[9rem_1fr] sm:gap-y-1">
        {rows
          .filter((row): row is [string, string] => Boolean(row[1]))
          .map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-xs text-slate-600 sm:text-sm">{label}</dt>
              <dd className="mb-1.5 break-words text-slate-900 sm:mb-0">{value}</dd>
            </div>
          ))}
      </dl>
    </div>
  )
}

function IssueForm({ item, lastResult }: { item: Item; lastResult?: Result }) {
  const { t } = useTranslation('fapiao')
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: `issue-${item.id}`,
    lastResult,
    validation: checks(() => import('~/domains/payments/fapiao.schema.ts'), 'DecideFapiaoSchema'),
    shouldValidate: 'onSubmit',
  })
  const fileId = `invoice-${item.id}`
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      {...getFormProps(form)}
      className="space-y-3 rounded-md border border-slate-200 bg-white p-3 sm:p-4"
    >
      <input type="hidden" name="intent" value="issue" />
      <input type="hidden" name="requestId" value={item.id} />
      <h3 className="font-medium text-slate-900">{t('actions.issue')}</h3>
      <p className="text-sm text-slate-600">{t('inbox.issueHelp')}</p>
      <FormErrors errors={form.errors} />
      <div>
        <label htmlFor={fileId} className="block text-sm font-medium text-slate-800">
          {t('fields.invoice')}
        </label>
        <input
          id={fileId}
          name="invoice"
          type="file"
          accept="application/pdf"
          aria-describedby={`${fileId}-hint`}
          className="mt-1 block w-full text-sm"
        />
        <p id={`${fileId}-hint`} className="mt-1 text-xs text-slate-500">
          {t('hints.invoice')}
        </p>
        <ErrorList errors={lastResult?.error?.invoice} />
      </div>
      <Field
        label={t('fields.invoiceNumber')}
        field={fields.invoiceNumber}
        inputMode="numeric"
        autoComplete="off"
        hint={t('hints.invoiceNumber')}
      />
      <Button type="submit" disabled={navigation.state === 'submitting'}>
        {t('actions.issueSubmit')}
      </Button>
    </Form>
  )
}

function RejectForm({ item, lastResult }: { item: Item; lastResult?: Result }) {
  const { t } = useTranslation('fapiao')
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: `reject-${item.id}`,
    lastResult,
    validation: checks(() => import('~/domains/payments/fapiao.schema.ts'), 'DecideFapiaoSchema'),
    shouldValidate: 'onSubmit',
  })
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="space-y-3 rounded-md border border-slate-200 bg-white p-3 sm:p-4"
    >
      <input type="hidden" name="intent" value="reject" />
      <input type="hidden" name="requestId" value={item.id} />
      <h3 className="font-medium text-slate-900">{t('actions.reject')}</h3>
      <p className="text-sm text-slate-600">{t('inbox.rejectHelp')}</p>
      <FormErrors errors={form.errors} />
      <TextareaField label={t('fields.reason')} field={fields.reason} hint={t('hints.reason')} />
      <Button type="submit" variant="danger" disabled={navigation.state === 'submitting'}>
        {t('actions.rejectSubmit')}
      </Button>
    </Form>
  )
}

const badgeStyles: Record<FapiaoStatus, string> = {
  requested: 'bg-amber-50 text-amber-900 ring-amber-200',
  issued: 'bg-green-50 text-green-900 ring-green-200',
  rejected: 'bg-red-50 text-red-900 ring-red-200',
  withdrawn: 'bg-slate-100 text-slate-700 ring-slate-300',
}

function FapiaoStatusBadge({ status }: { status: FapiaoStatus }) {
  const { t } = useTranslation('fapiao')
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${badgeStyles[status]}`}
    >
      {t(`status.${status}`)}
    </span>
  )
}
