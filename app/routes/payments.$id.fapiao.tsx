// The 发票 of one payment for the side that asks for them: the payer (or, when the platform's fee
// was deducted from the payee, the payee for that fee). The request form, then every request of
// that side with its status, the invoice to download, and a withdraw button while it waits.
// Anyone who speaks for neither side is told the payment does not exist.
import {
  getCollectionProps,
  getFormProps,
  type FieldMetadata,
  type SubmissionResult,
} from '@conform-to/react'
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
import {
  Button,
  Card,
  ErrorList,
  Field,
  FormErrors,
  Notice,
  PageTitle,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { TransitionError } from '~/domains/lifecycle/machine.ts'
import { withdrawFapiao } from '~/domains/payments/decide-fapiao.server.ts'
import { paymentFapiaoPage } from '~/domains/payments/fapiao-queries.server.ts'
import type { FapiaoStatus } from '~/domains/payments/fapiao.machine.ts'
import { RequestFapiaoSchema, WithdrawFapiaoSchema } from '~/domains/payments/fapiao.schema.ts'
import { formatMoney } from '~/domains/payments/money.ts'
import { fapiaoTypes } from '~/domains/payments/payments.schema.ts'
import { requestFapiao } from '~/domains/payments/request-fapiao.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

const notices = ['requested', 'withdrawn'] as const

type Result = SubmissionResult<string[]>
type ActionReply = { intent: string; requestId: string | null; result: Result }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const page = await paymentFapiaoPage(params.id ?? '', auth.user.id)
  if (!page) throw notFound()
  return page
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const paymentId = params.id ?? ''
  // Whoever may not see it learns nothing, whatever they post (docs/decisions/0021).
  if (!(await paymentFapiaoPage(paymentId, auth.user.id))) throw notFound()
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const back = `/payments/${paymentId}/fapiao`
  const ip = clientIp(context)

  if (intent === 'request') {
    const submission = parseWithZod(formData, { schema: RequestFapiaoSchema })
    if (submission.status !== 'success')
      return { intent, requestId: null, result: submission.reply() } satisfies ActionReply
    try {
      await requestFapiao({ paymentId, userId: auth.user.id, request: submission.value, ip })
    } catch (error) {
      const { status, result } = replyWithError(submission, error)
      return Response.json({ intent, requestId: null, result } satisfies ActionReply, { status })
    }
    return redirect(`${back}?done=requested`)
  }

  if (intent === 'withdraw') {
    const submission = parseWithZod(formData, { schema: WithdrawFapiaoSchema })
    if (submission.status !== 'success') throw new Response('bad request', { status: 400 })
    const requestId = submission.value.requestId
    try {
      await withdrawFapiao({ requestId, userId: auth.user.id, ip })
    } catch (error) {
      if (error instanceof TransitionError) {
        const result = submission.reply({ formErrors: ['fapiao:errors.conflict'] })
        return Response.json({ intent, requestId, result } satisfies ActionReply, { status: 409 })
      }
      throw error
    }
    return redirect(`${back}?done=withdrawn`)
  }

  throw new Response('unknown intent', { status: 400 })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `发票 · ${data.payment.description} · 众创 Zhongchuang`
      : '发票 · 众创 Zhongchuang',
  },
]

type PageData = ReturnType<typeof useLoaderData<typeof loader>>

export default function PaymentFapiaoPage() {
  const { t } = useTranslation('fapiao')
  const data = useLoaderData<typeof loader>()
  // Replies with a status (Response.json) type as `any`; this is the shape every branch returns.
  const actionData = useActionData<typeof action>() as ActionReply | undefined
  const lng = useRootData()?.locale ?? fallbackLanguage
  const [searchParams] = useSearchParams()
  // The redirect after a request is a new location: the form remounts empty for the next one.
  const location = useLocation()
  const done = searchParams.get('done')
  const { payment } = data
  const open = data.options.filter((o) => !o.taken)
  return (
    <div key={location.key} className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to={`/payments/${payment.id}`}>← {t('request.back')}</Link>
      </p>
      <PageTitle sub={payment.description}>{t('request.title')}</PageTitle>
      {done && (notices as readonly string[]).includes(done) ? (
        <Notice tone="success">{t(`done.${done as (typeof notices)[number]}`)}</Notice>
      ) : null}

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">{t('payment.title')}</h2>
        <dl className="mt-3 grid grid-cols-[6.5rem_1fr] gap-x-4 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="text-slate-600">{t('payment.reference')}</dt>
          <dd className="font-mono text-slate-900">{payment.reference}</dd>
          <dt className="text-slate-600">{t('payment.amount')}</dt>
          <dd className="text-slate-900">
            {formatMoney(payment.amountFen, payment.currency, lng)}
          </dd>
          <dt className="text-slate-600">{t('payment.payer')}</dt>
          <dd className="text-slate-900">{payment.payerName}</dd>
          <dt className="text-slate-600">{t('payment.payee')}</dt>
          <dd className="text-slate-900">{payment.payeeName}</dd>
          <dt className="text-slate-600">{t('payment.status')}</dt>
          <dd className="text-slate-900">{t(`paymentStatus.${payment.status}`)}</dd>
        </dl>
      </Card>

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">{t('request.formTitle')}</h2>
        <div className="mt-3">
          {!data.invoiceable ? (
            <Notice tone="info">{t('request.notPaid')}</Notice>
          ) : data.options.length === 0 ? (
            <Notice tone="info">{t('request.nothing')}</Notice>
          ) : open.length === 0 ? (
            <Notice tone="info">{t('request.allRequested')}</Notice>
          ) : (
            <RequestForm
              data={data}
              lastResult={actionData?.intent === 'request' ? actionData.result : undefined}
            />
          )}
          {data.standing.payee ? (
            <p className="mt-3 text-sm text-slate-600">
              {t('request.toIssue')} <Link to="/finance/fapiao">{t('inbox.title')}</Link>
            </p>
          ) : null}
        </div>
      </Card>

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">{t('request.history')}</h2>
        {data.requests.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">{t('request.empty')}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {data.requests.map((r) => (
              <li
                key={r.id}
                id={`fapiao-${r.id}`}
                className="rounded-md border border-slate-200 p-4"
              >
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-slate-900">{t(`what.${r.issuer}`)}</span>
                  <span className="text-slate-900">
                    {formatMoney(r.amountFen, payment.currency, lng)}
                  </span>
                  <FapiaoStatusBadge status={r.status} />
                </div>
                <p className="mt-1 text-sm text-slate-600">
                  {t(`types.${r.type}`)} · {r.title} ·{' '}
                  <span className="font-mono break-all">{r.taxId}</span>
                </p>
                <p className="mt-1 text-xs text-slate-500">
                  {t('fields.requestedAt')} {formatDateTime(r.createdAt, lng)}
                  {r.decidedAt
                    ? ` · ${t('fields.decidedAt')} ${formatDateTime(r.decidedAt, lng)}`
                    : ''}
                </p>
                {r.status === 'issued' ? (
                  <p className="mt-2 text-sm">
                    {t('fields.invoiceNumber')} <span className="font-mono">{r.invoiceNumber}</span>
                    {r.invoiceUploadId ? (
                      <>
                        {' · '}
                        <a href={`/uploads/${r.invoiceUploadId}`} target="_blank" rel="noreferrer">
                          {t('actions.download')}
                        </a>
                      </>
                    ) : null}
                  </p>
                ) : null}
                {r.status === 'rejected' && r.rejectionReason ? (
                  <p className="mt-2 whitespace-pre-line text-sm text-slate-800">
                    {t('request.rejectedBecause', { reason: r.rejectionReason })}
                  </p>
                ) : null}
                {r.canWithdraw ? (
                  <Form method="post" className="mt-3">
                    <input type="hidden" name="intent" value="withdraw" />
                    <input type="hidden" name="requestId" value={r.id} />
                    {actionData?.intent === 'withdraw' && actionData.requestId === r.id ? (
                      <div className="mb-2">
                        <FormErrors errors={actionData.result.error?.['']} />
                      </div>
                    ) : null}
                    <Button type="submit" variant="secondary">
                      {t('actions.withdraw')}
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
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

function RequestForm({ data, lastResult }: { data: PageData; lastResult?: Result }) {
  const { t } = useTranslation('fapiao')
  const lng = useRootData()?.locale ?? fallbackLanguage
  const navigation = useNavigation()
  const open = data.options.filter((o) => !o.taken)
  const [form, fields] = useForm({
    id: 'request-fapiao',
    lastResult,
    defaultValue: {
      issuer: open[0]?.issuer,
      type: 'normal',
      title: data.defaults.title,
      taxId: data.defaults.taxId,
      email: data.defaults.email,
    },
    validation: checks(() => import('~/domains/payments/fapiao.schema.ts'), 'RequestFapiaoSchema'),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  const special = fields.type.value === 'special'
  const issuerOptions = open.map((o) => ({
    value: o.issuer,
    label: t(`option.${o.issuer}`, {
      name: data.payment.payeeName,
      amount: formatMoney(o.amountFen, data.payment.currency, lng),
    }),
  }))
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-5">
      <input type="hidden" name="intent" value="request" />
      <FormErrors errors={form.errors} />
      <RadioField legend={t('fields.issuer')} field={fields.issuer} options={issuerOptions} />
      <RadioField
        legend={t('fields.type')}
        field={fields.type}
        options={fapiaoTypes.map((type) => ({ value: type, label: t(`types.${type}`) }))}
        hint={t('hints.type')}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('fields.title')} field={fields.title} hint={t('hints.title')} />
        <Field
          label={t('fields.taxId')}
          field={fields.taxId}
          hint={t('hints.taxId')}
          autoComplete="off"
        />
      </div>
      <Field
        label={t('fields.email')}
        field={fields.email}
        type="email"
        autoComplete="email"
        hint={t('hints.email')}
      />
      <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-800">
          {t('request.specialLegend')}
        </legend>
        <p className="text-xs text-slate-600">
          {special ? t('request.specialRequired') : t('request.specialHint')}
        </p>
        <Field label={t('fields.address')} field={fields.address} autoComplete="street-address" />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('fields.phone')} field={fields.phone} type="tel" autoComplete="tel" />
          <Field label={t('fields.bankName')} field={fields.bankName} />
        </div>
        <Field
          label={t('fields.bankAccount')}
          field={fields.bankAccount}
          inputMode="numeric"
          autoComplete="off"
        />
      </fieldset>
      <Button
        type="submit"
        className="w-full sm:w-auto"
        disabled={navigation.state === 'submitting'}
      >
        {t('request.submit')}
      </Button>
    </Form>
  )
}

/** A set of radio buttons with its legend and errors; one option is shown as plain text. */
function RadioField({
  legend,
  field,
  options,
  hint,
}: {
  legend: string
  field: FieldMetadata<string | undefined | null>
  options: { value: string; label: string }[]
  hint?: string
}) {
  const [only] = options
  if (options.length === 1 && only) {
    return (
      <div>
        <p className="text-sm font-medium text-slate-800">{legend}</p>
        <p className="mt-1 text-sm text-slate-900">{only.label}</p>
        <input type="hidden" name={field.name} value={only.value} />
        <ErrorList id={field.errorId} errors={field.errors} />
      </div>
    )
  }
  const inputs = getCollectionProps(field, {
    type: 'radio',
    options: options.map((o) => o.value),
  })
  return (
    <fieldset aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-x-6">
        {inputs.map((props, i) => (
          <label key={props.key} className="inline-flex items-center gap-2 text-sm text-slate-900">
            <input {...props} key={props.key} className="h-4 w-4" />
            {options[i]?.label}
          </label>
        ))}
      </div>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  )
}
