// /admin/disputes: money held in escrow that two sides disagree about (a deposit an instrument
// owner wants to keep, later a challenge milestone). A finance admin reads both sides and
// decides: all to the payee, all back to the payer, or a split; the payments layer moves it.
import {
  getFormProps,
  getInputProps,
  getTextareaProps,
  type SubmissionResult,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminNav, StatusBadge } from '~/components/admin-nav.tsx'
import { Button, Card, ErrorList, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { adminRolesAllow } from '~/domains/accounts/permissions.ts'
import { disputeResolutions } from '~/domains/disputes/dispute.machine.ts'
import { listDisputes, loadDispute, resolveDispute } from '~/domains/disputes/disputes.server.ts'
import { formatMoney, parseYuan } from '~/domains/payments/money.ts'
import { UserError } from '~/domains/problems.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { adminOrgIds } from '~/domains/admin/conflict.server.ts'
import { DecideDisputeSchema } from '~/domains/disputes/disputes.schema.ts'

const PAGE = '/admin/disputes'
const filters = ['open', 'resolved', 'all'] as const

type Reply = { disputeId: string | null; result: SubmissionResult<string[]> }

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:payment:any')
  const wanted = new URL(request.url).searchParams.get('show')
  const show = (filters as readonly string[]).includes(wanted ?? '')
    ? (wanted as (typeof filters)[number])
    : 'open'
  const rows = await listDisputes(show)
  // The list is bounded (200) and each dispute's subject is looked up once.
  const details = await Promise.all(rows.map((r) => loadDispute(r.dispute.id)))
  const lng = await requestLanguage(request)
  const mine = await adminOrgIds(auth.user.id)
  return {
    show,
    lng,
    adminRoles: auth.adminRoles,
    canDecide: adminRolesAllow(auth.adminRoles, 'manage:payment:any'),
    disputes: details.flatMap((d) =>
      d
        ? [
            {
              id: d.dispute.id,
              // Either party being the admin's own organisation.
              conflict:
                mine.has(d.payment.payerOrgId ?? '') || mine.has(d.payment.payeeOrgId ?? ''),
              subjectKind: d.dispute.subjectKind,
              status: d.dispute.status,
              amountFen: d.dispute.amountFen,
              reason: d.dispute.reason,
              resolution: d.dispute.resolution,
              releaseFen: d.dispute.releaseFen,
              refundFen: d.dispute.refundFen,
              note: d.dispute.resolutionNote,
              createdAt: d.dispute.createdAt.toISOString(),
              payment: {
                id: d.payment.id,
                reference: d.payment.reference,
                description: d.payment.description,
                currency: d.payment.currency,
              },
              subject: d.subject,
              events: d.events.map((e) => ({
                action: e.action,
                note: e.note,
                at: e.at.toISOString(),
              })),
            },
          ]
        : [],
    ),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, 'manage:payment:any')
  const formData = await request.formData()
  const rawId = formData.get('disputeId')
  const disputeId = typeof rawId === 'string' ? rawId : null
  const submission = parseWithZod(formData, { schema: DecideDisputeSchema })
  if (submission.status !== 'success')
    return { disputeId, result: submission.reply() } satisfies Reply
  const value = submission.value
  try {
    const releaseFen = value.releaseYuan ? parseYuan(value.releaseYuan) : undefined
    if (value.resolution === 'split' && (releaseFen === undefined || releaseFen === null))
      throw new UserError('admin:disputes.errors.split', 'releaseYuan')
    await resolveDispute({
      disputeId: value.disputeId,
      resolution: value.resolution,
      releaseFen: releaseFen ?? undefined,
      note: value.note,
      actorUserId: auth.user.id,
      ip: clientIp(context),
    })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ disputeId, result } satisfies Reply, { status })
  }
  return redirect(`${PAGE}?done=1`)
}

export const meta: MetaFunction = () => [{ title: '争议裁决 · 众创 Zhongchuang' }]

type Dispute = ReturnType<typeof useLoaderData<typeof loader>>['disputes'][number]

function Decide({ dispute, lastResult }: { dispute: Dispute; lastResult?: Reply['result'] }) {
  const { t } = useTranslation('admin')
  const [form, fields] = useForm({
    id: `dispute-${dispute.id}`,
    lastResult,
    validation: checks(
      () => import('~/domains/disputes/disputes.schema.ts'),
      'DecideDisputeSchema',
    ),
    shouldValidate: 'onSubmit',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 space-y-3 border-t pt-4">
      <input type="hidden" name="disputeId" value={dispute.id} />
      <FormErrors errors={form.errors} />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">{t('disputes.resolution')}</legend>
        {disputeResolutions.map((r) => (
          <label key={r} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={fields.resolution.name}
              value={r}
              defaultChecked={r === 'split'}
            />
            {t(`disputes.${r}`)}
          </label>
        ))}
      </fieldset>
      <div>
        <label htmlFor={fields.releaseYuan.id} className="block text-sm font-medium">
          {t('disputes.releaseYuan')}
        </label>
        <input
          {...getInputProps(fields.releaseYuan, { type: 'text' })}
          inputMode="decimal"
          className="mt-1 block w-40 rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <ErrorList id={fields.releaseYuan.errorId} errors={fields.releaseYuan.errors} />
      </div>
      <div>
        <label htmlFor={fields.note.id} className="block text-sm font-medium">
          {t('disputes.note')}
        </label>
        <textarea
          {...getTextareaProps(fields.note)}
          rows={3}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
      </div>
      <Button type="submit">{t('disputes.decide')}</Button>
    </Form>
  )
}

export default function AdminDisputesPage() {
  const { t } = useTranslation('admin')
  const data = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const [params] = useSearchParams()
  return (
    <div>
      <AdminNav roles={data.adminRoles} />
      <PageTitle>{t('disputes.title')}</PageTitle>
      {params.get('done') ? (
        <div className="mb-4">
          <Notice tone="success">{t('disputes.resolved')}</Notice>
        </div>
      ) : null}
      <nav className="mb-4 flex gap-3 text-sm" aria-label={t('disputes.title')}>
        {filters.map((f) => (
          <Link
            key={f}
            to={`${PAGE}?show=${f}`}
            aria-current={data.show === f ? 'page' : undefined}
            className={data.show === f ? 'font-semibold text-brand-700' : 'text-slate-600'}
          >
            {t(`disputes.${f}`)}
          </Link>
        ))}
      </nav>
      {data.disputes.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t('disputes.none')}</p>
        </Card>
      ) : (
        <ul className="space-y-4">
          {data.disputes.map((d) => (
            <li key={d.id}>
              <Card>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <h2 className="text-base font-semibold text-slate-900">
                      {t(`disputes.kinds.${d.subjectKind}`, { defaultValue: d.subjectKind })} ·{' '}
                      {d.subject.title}
                    </h2>
                    <p className="text-sm text-slate-600">
                      {t('disputes.payment')}:{' '}
                      <Link to={`/admin/payments/${d.payment.id}`} className="font-mono">
                        {d.payment.reference}
                      </Link>{' '}
                      · {d.payment.description}
                    </p>
                  </div>
                  <StatusBadge
                    status={d.status}
                    label={t(`disputes.${d.status === 'open' ? 'open' : 'resolved'}`)}
                  />
                </div>
                <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
                  <dt className="text-slate-600">{t('disputes.amount')}</dt>
                  <dd className="tabular-nums">{formatMoney(d.amountFen, d.payment.currency)}</dd>
                  <dt className="text-slate-600">{t('disputes.opened')}</dt>
                  <dd>{formatDateTime(d.createdAt, data.lng)}</dd>
                  <dt className="text-slate-600">{t('disputes.claim')}</dt>
                  <dd>
                    {d.subject.claim}
                    {d.subject.evidence.map((id, i) => (
                      <a key={id} href={`/uploads/${id}`} className="ml-2 text-brand-700 underline">
                        {t('disputes.evidence', { n: i + 1 })}
                      </a>
                    ))}
                  </dd>
                  <dt className="text-slate-600">{t('disputes.reason')}</dt>
                  <dd>{d.reason}</dd>
                  {d.resolution ? (
                    <>
                      <dt className="text-slate-600">{t('disputes.resolution')}</dt>
                      <dd>
                        {t('disputes.result', {
                          release: formatMoney(d.releaseFen ?? 0, d.payment.currency),
                          refund: formatMoney(d.refundFen ?? 0, d.payment.currency),
                        })}
                        {d.note ? ` · ${d.note}` : null}
                      </dd>
                    </>
                  ) : null}
                </dl>
                {d.status === 'open' && data.canDecide && d.conflict ? (
                  <p className="mt-4 text-sm text-amber-800">{t('conflict.refused')}</p>
                ) : d.status === 'open' && data.canDecide ? (
                  <Decide
                    dispute={d}
                    lastResult={reply?.disputeId === d.id ? reply.result : undefined}
                  />
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
