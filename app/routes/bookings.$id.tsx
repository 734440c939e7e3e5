// /bookings/:id: one booking, for its booker and for the owner organisation's owners and admins.
// Each side sees what it can do next and nothing of the other side's tools: the owner decides,
// starts, completes (returning or claiming part of the deposit), records a no-show, uploads the
// report; the booker pays, cancels, asks for a retest, answers a deposit claim, reviews.
// Anyone else gets 404, so a booking's existence is not given away.
import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { parseMultipart, tooLargeReply } from '~/domains/uploads/multipart.server.ts'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { MarkTrainedButton } from '~/components/equipment/mark-trained-button.tsx'
import { ReviewForm } from '~/components/equipment/review-form.tsx'
import { Button, Card, ErrorList, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { BookingActionSchema } from '~/domains/equipment/booking-request.schema.ts'
import {
  answerDepositClaim,
  completeBooking,
  markNoShow,
  requestRetest,
  startBooking,
  uploadReport,
  decideRetest,
} from '~/domains/equipment/booking-progress.server.ts'
import { loadBookingView } from '~/domains/equipment/booking-view.server.ts'
import { cancelBooking } from '~/domains/equipment/cancel-booking.server.ts'
import { decideBooking } from '~/domains/equipment/request-booking.server.ts'
import { formatMoney, parseYuan } from '~/domains/payments/money.ts'
import { UserError } from '~/domains/problems.ts'
import { uploadPurposes } from '~/domains/uploads/uploads.schema.ts'
import { replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDate, formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'
import { db } from '../../db/client.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const view = await loadBookingView(
    params.id ?? '',
    auth.user.id,
    auth.memberships.map((m) => m.orgId),
  )
  if (!view) throw notFound()
  const { booking: b, listing, price, deposit, voucher, claim, dispute } = view
  const payment = (p: typeof price) =>
    p
      ? {
          id: p.payment.id,
          status: p.payment.status,
          amountFen: p.payment.amountFen,
          reference: p.payment.reference,
        }
      : null
  return {
    booking: {
      id: b.id,
      status: b.status,
      unitNo: b.unitNo,
      serviceMode: b.serviceMode,
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      holdUntil: b.holdUntil?.toISOString() ?? null,
      purpose: b.purpose,
      reason: b.cancelReason,
      sampleCount: b.sampleCount,
      sampleDescription: b.sampleDescription,
      shippingDetails: b.shippingDetails,
      bookerUserId: b.bookerUserId,
    },
    listing: {
      id: listing.id,
      name: listing.name,
      slug: listing.slug,
      capacity: listing.capacity,
      vouchersAccepted: listing.vouchersAccepted,
    },
    booker: view.booker,
    isBooker: view.isBooker,
    isOwner: view.isOwner,
    actions: view.actions,
    started: view.started,
    quote: price
      ? {
          lines: price.quote.lines,
          subtotalFen: price.quote.subtotalFen,
          feeFen: price.quote.feeFen,
          voucherFen: price.quote.voucherFen,
          payerTotalFen: price.quote.payerTotalFen,
          payeeNetFen: price.quote.payeeNetFen,
        }
      : null,
    pricePayment: payment(price),
    depositPayment: payment(deposit),
    voucher: voucher
      ? {
          status: voucher.use.status,
          amountFen: voucher.use.amountFen,
          issuer: voucher.voucher.issuer,
          reference: voucher.voucher.reference,
        }
      : null,
    claim: claim
      ? {
          status: claim.status,
          keptFen: claim.keptFen,
          reason: claim.reason,
          respondBy: claim.respondBy.toISOString(),
          evidence: claim.evidenceUploadIds,
        }
      : null,
    dispute: dispute
      ? {
          status: dispute.status,
          reason: dispute.reason,
          resolution: dispute.resolution,
          releaseFen: dispute.releaseFen,
          refundFen: dispute.refundFen,
          note: dispute.resolutionNote,
        }
      : null,
    report: view.report
      ? { id: view.report.id, name: view.report.name, size: view.report.size }
      : null,
    review: view.review ? { rating: view.review.rating, body: view.review.body } : null,
    events: view.events.map((e) => ({ ...e, at: e.at.toISOString() })),
    retestOf: view.retestOf,
    retests: view.retests,
    retest: { open: view.retest.open, until: view.retest.until?.toISOString() ?? null },
    trained: view.trained,
  }
}

const REPORT_MAX_BYTES = uploadPurposes['test-report'].maxBytes

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const view = await loadBookingView(
    params.id ?? '',
    auth.user.id,
    auth.memberships.map((m) => m.orgId),
  )
  if (!view) throw notFound()
  let formData: FormData
  try {
    // The report and damage photos come as files; every other intent is a plain form.
    formData = await parseMultipart(request, REPORT_MAX_BYTES)
  } catch (error) {
    const result = tooLargeReply(error, 'report', REPORT_MAX_BYTES)
    if (!result) throw error
    const intent = String(result.initialValue?.intent ?? 'report')
    return Response.json({ intent, result }, { status: 413 })
  }
  const submission = parseWithZod(formData, { schema: BookingActionSchema })
  const intent = String(formData.get('intent') ?? '')
  if (submission.status !== 'success') return { intent, result: submission.reply() }
  const value = submission.value
  const ownerIntents = ['approve', 'decline', 'start', 'no-show', 'complete', 'report']
  // Each intent belongs to one side; the other side is told nothing more than a stranger.
  if (ownerIntents.includes(value.intent) ? !view.isOwner : !view.isBooker) throw notFound()
  const bookingId = view.booking.id
  const actorUserId = auth.user.id
  const isRetest = view.booking.retestOfBookingId !== null
  try {
    switch (value.intent) {
      case 'cancel':
        await db().transaction((tx) =>
          cancelBooking(tx, { bookingId, actorUserId, reason: value.reason }),
        )
        break
      case 'approve':
        if (isRetest) await decideRetest({ bookingId, actorUserId, decision: 'approve' })
        else await decideBooking({ bookingId, actorUserId, decision: 'approve' })
        break
      case 'decline':
        if (isRetest)
          await decideRetest({ bookingId, actorUserId, decision: 'decline', reason: value.reason })
        else
          await decideBooking({ bookingId, actorUserId, decision: 'decline', reason: value.reason })
        break
      case 'start':
        await startBooking({ bookingId, actorUserId })
        break
      case 'no-show':
        await markNoShow({ bookingId, actorUserId })
        break
      case 'complete': {
        const keptFen = value.keptYuan ? parseYuan(value.keptYuan) : 0
        if (keptFen === null) throw new UserError('bookings:errors.keptAmount', 'keptYuan')
        await completeBooking({
          bookingId,
          actorUserId,
          keptFen,
          claimReason: value.claimReason,
          evidence: formData.getAll('evidence').filter((f): f is File => f instanceof File),
        })
        break
      }
      case 'report': {
        const file = formData.get('report')
        await uploadReport({ bookingId, actorUserId, file: file instanceof File ? file : null })
        break
      }
      case 'retest':
        await requestRetest({ bookingId, actorUserId, reason: value.reason })
        break
      case 'accept-claim':
        await answerDepositClaim({ bookingId, actorUserId, answer: 'accept' })
        break
      case 'dispute-claim':
        await answerDepositClaim({
          bookingId,
          actorUserId,
          answer: 'dispute',
          reason: value.reason,
        })
        break
    }
    return { intent, result: submission.reply({ resetForm: true }) }
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, result }, { status })
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `预约 · ${data.listing.name} · 众创 Zhongchuang` : '众创 Zhongchuang' },
]

type Data = ReturnType<typeof useLoaderData<typeof loader>>

const statusTone: Record<string, string> = {
  requested: 'bg-amber-100 text-amber-800',
  approved: 'bg-sky-100 text-sky-800',
  awaiting_payment: 'bg-amber-100 text-amber-800',
  paid: 'bg-green-100 text-green-800',
  in_progress: 'bg-sky-100 text-sky-800',
  completed: 'bg-green-100 text-green-800',
  reviewed: 'bg-green-100 text-green-800',
  declined: 'bg-slate-100 text-slate-700',
  cancelled: 'bg-slate-100 text-slate-700',
  expired: 'bg-slate-100 text-slate-700',
  no_show: 'bg-red-100 text-red-800',
}

/** One of the page's forms: its intent's errors only, so two forms never show each other's. */
function ActionForm({
  intent,
  children,
  multipart = false,
  className = 'space-y-3',
}: {
  intent: string
  children: (fields: ReturnType<typeof useBookingForm>[1]) => React.ReactNode
  multipart?: boolean
  className?: string
}) {
  const [form, fields] = useBookingForm(intent)
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle' && navigation.formData?.get('intent') === intent
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      encType={multipart ? 'multipart/form-data' : undefined}
      className={className}
      aria-busy={busy}
    >
      <input type="hidden" name="intent" value={intent} />
      {/* A file's own error (too large, not a PDF) is shown with the form's: file inputs have none. */}
      <FormErrors
        errors={[
          ...(form.errors ?? []),
          ...(form.allErrors.report ?? []),
          ...(form.allErrors.evidence ?? []),
        ]}
      />
      {children(fields)}
    </Form>
  )
}

/** A form whose one field is a reason: declining, cancelling, disputing, asking for a retest. */
function ReasonForm({
  intent,
  label,
  button,
  rows = 2,
  variant,
  className = 'space-y-2',
  note,
}: {
  intent: string
  label: string
  button: string
  rows?: number
  variant?: 'secondary' | 'danger'
  className?: string
  note?: React.ReactNode
}) {
  return (
    <ActionForm intent={intent} className={className}>
      {(fields) => (
        <>
          <label htmlFor={fields.reason.id} className="block text-sm font-medium text-slate-800">
            {label}
          </label>
          <textarea
            {...getTextareaProps(fields.reason)}
            rows={rows}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
          {note}
          <Button type="submit" variant={variant}>
            {button}
          </Button>
        </>
      )}
    </ActionForm>
  )
}

function useBookingForm(intent: string) {
  const actionData = useActionData<typeof action>()
  return useForm({
    id: `booking-${intent}`,
    lastResult: actionData?.intent === intent ? actionData.result : undefined,
    validation: checks(
      () => import('~/domains/equipment/booking-request.schema.ts'),
      'BookingActionSchema',
    ),
    shouldValidate: 'onSubmit',
  })
}

function Money({ fen }: { fen: number }) {
  const lng = useRootData()?.locale ?? fallbackLanguage
  return <span className="tabular-nums">{formatMoney(fen, 'CNY', lng)}</span>
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </>
  )
}

function Details({ data }: { data: Data }) {
  const { t } = useTranslation('bookings')
  const lng = useRootData()?.locale ?? fallbackLanguage
  const b = data.booking
  const samples = b.serviceMode === 'sample_testing'
  return (
    <Card>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
        <Row label={t('detail.instrument')}>
          <Link to={`/equipment/${data.listing.slug}`} className="text-brand-700 underline">
            {data.listing.name}
          </Link>
          {!samples && data.listing.capacity > 1 ? ` · ${t('detail.unit', { n: b.unitNo })}` : null}
        </Row>
        <Row label={t('detail.mode')}>{t(`modes.${b.serviceMode}`)}</Row>
        {samples ? (
          <>
            <Row label={t('detail.testDay')}>{formatDate(b.startsAt, lng)}</Row>
            <Row label={t('detail.samples')}>{b.sampleCount}</Row>
            <Row label={t('detail.sampleDescription')}>{b.sampleDescription}</Row>
            <Row label={t('detail.shipping')}>{b.shippingDetails}</Row>
          </>
        ) : (
          <Row label={t('detail.when')}>
            {formatDateTime(b.startsAt, lng)} – {formatDateTime(b.endsAt, lng)}
          </Row>
        )}
        <Row label={t('detail.purpose')}>{b.purpose}</Row>
        <Row label={t('detail.booker')}>
          {data.booker.orgName
            ? t('detail.bookerForOrg', { name: data.booker.name, org: data.booker.orgName })
            : data.booker.name}
          {data.isOwner && data.trained !== null && b.serviceMode === 'self_service' ? (
            <span className="ml-2 inline-block align-middle">
              <MarkTrainedButton
                listingId={data.listing.id}
                userId={b.bookerUserId}
                redirectTo={`/bookings/${b.id}`}
                trained={data.trained}
              />
            </span>
          ) : null}
        </Row>
        {b.holdUntil && ['requested', 'awaiting_payment'].includes(b.status) ? (
          <Row label={t(b.status === 'requested' ? 'detail.decideBy' : 'detail.payBy')}>
            {formatDateTime(b.holdUntil, lng)}
          </Row>
        ) : null}
        {b.reason ? <Row label={t('detail.reasonLabel')}>{b.reason}</Row> : null}
        {data.retestOf ? (
          <Row label={t('detail.retestOf')}>
            <Link to={`/bookings/${data.retestOf.id}`} className="text-brand-700 underline">
              {t('detail.original')}
            </Link>
          </Row>
        ) : null}
        {data.retests.map((r) => (
          <Row key={r.id} label={t('detail.retest')}>
            <Link to={`/bookings/${r.id}`} className="text-brand-700 underline">
              {t(`status.${r.status}`)}
            </Link>
          </Row>
        ))}
      </dl>
    </Card>
  )
}

function MoneyCard({ data }: { data: Data }) {
  const { t } = useTranslation('bookings')
  const { quote, pricePayment: price, depositPayment: deposit } = data
  if (!quote && !deposit) {
    return data.booking.status === 'paid' || data.retestOf ? (
      <Card>
        <p className="text-sm text-slate-700">{t('detail.noCharge')}</p>
      </Card>
    ) : null
  }
  const td = 'px-2 py-1.5 text-sm'
  // A 发票 is for the price; a deposit is the booker's own money coming back.
  const payLink = (p: NonNullable<Data['pricePayment']>, label: string, invoiced: boolean) =>
    p.status === 'awaiting_payment' && data.isBooker ? (
      <Link
        to={`/payments/${p.id}`}
        className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        {label}
      </Link>
    ) : (
      <span className="flex flex-wrap items-center gap-3 text-sm">
        <span className="rounded bg-slate-100 px-2 py-0.5 text-slate-700">
          {t(`paymentStatus.${p.status}`)}
        </span>
        <Link to={`/payments/${p.id}`} className="text-brand-700 underline">
          {t('detail.receipt', { reference: p.reference })}
        </Link>
        {invoiced && data.isBooker && (p.status === 'held' || p.status === 'settled') ? (
          <Link to={`/payments/${p.id}/fapiao`} className="text-brand-700 underline">
            {t('detail.fapiao')}
          </Link>
        ) : null}
      </span>
    )
  return (
    <Card>
      <h2 className="mb-2 text-base font-semibold text-slate-900">{t('detail.quote')}</h2>
      {quote ? (
        <div className="overflow-x-auto">
          <table className="w-full">
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                <th className={td}>{t('detail.line')}</th>
                <th className={`${td} text-right`}>{t('detail.quantity')}</th>
                <th className={`${td} text-right`}>{t('detail.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {quote.lines.map((l) => (
                <tr key={l.label} className="border-b border-slate-100">
                  <td className={td}>{l.label}</td>
                  <td className={`${td} text-right tabular-nums`}>{l.quantity}</td>
                  <td className={`${td} text-right`}>
                    <Money fen={l.amountFen} />
                  </td>
                </tr>
              ))}
              <tr>
                <td className={td} colSpan={2}>
                  {t('detail.subtotal')}
                </td>
                <td className={`${td} text-right`}>
                  <Money fen={quote.subtotalFen} />
                </td>
              </tr>
              <tr className="text-slate-600">
                <td className={td} colSpan={2}>
                  {quote.payerTotalFen + quote.voucherFen > quote.subtotalFen
                    ? t('detail.feeAdded')
                    : t('detail.feeDeducted')}
                </td>
                <td className={`${td} text-right`}>
                  <Money fen={quote.feeFen} />
                </td>
              </tr>
              {quote.voucherFen > 0 ? (
                <tr className="text-green-800">
                  <td className={td} colSpan={2}>
                    {t('detail.voucherPart', {
                      issuer: data.voucher?.issuer ?? '',
                      reference: data.voucher?.reference ?? '',
                    })}
                  </td>
                  <td className={`${td} text-right`}>
                    − <Money fen={quote.voucherFen} />
                  </td>
                </tr>
              ) : null}
              <tr className="font-semibold">
                <td className={td} colSpan={2}>
                  {t('detail.payNow')}
                </td>
                <td className={`${td} text-right`}>
                  <Money fen={quote.payerTotalFen} />
                </td>
              </tr>
              {data.isOwner ? (
                <tr className="text-slate-700">
                  <td className={td} colSpan={2}>
                    {t('detail.ownerNet')}
                  </td>
                  <td className={`${td} text-right`}>
                    <Money fen={quote.payeeNetFen} />
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="mt-3 space-y-3">
        {price ? payLink(price, t('detail.pay'), true) : null}
        {deposit ? (
          <div className="rounded-md border border-slate-200 p-3">
            <p className="text-sm text-slate-700">
              {t('detail.depositNote')} <Money fen={deposit.amountFen} />
            </p>
            <div className="mt-2">{payLink(deposit, t('detail.payDeposit'), false)}</div>
          </div>
        ) : null}
        {data.voucher ? (
          <p className="text-sm text-slate-600">
            {t('detail.voucherStatus', { status: t(`voucherStatus.${data.voucher.status}`) })}
            {data.isOwner ? (
              <>
                {' '}
                <Link
                  to={`/bookings/${data.booking.id}/packet`}
                  className="text-brand-700 underline"
                >
                  {t('detail.packet')}
                </Link>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
    </Card>
  )
}

function ReportCard({ data }: { data: Data }) {
  const { t } = useTranslation('bookings')
  const lng = useRootData()?.locale ?? fallbackLanguage
  const b = data.booking
  const canUpload = data.isOwner && ['in_progress', 'completed', 'reviewed'].includes(b.status)
  if (!data.report && !canUpload && !data.retest.open) return null
  return (
    <Card>
      <h2 className="mb-2 text-base font-semibold text-slate-900">{t('detail.report')}</h2>
      {data.report ? (
        <p className="text-sm">
          <a
            href={`/uploads/${data.report.id}`}
            className="text-brand-700 underline"
            download={data.report.name}
          >
            {t('detail.download', { name: data.report.name })}
          </a>
        </p>
      ) : (
        <p className="text-sm text-slate-600">{t('detail.noReport')}</p>
      )}
      {canUpload ? (
        <ActionForm intent="report" multipart className="mt-3 space-y-2">
          {() => (
            <>
              <label htmlFor="report-file" className="block text-sm font-medium text-slate-800">
                {t(data.report ? 'detail.replaceReport' : 'detail.uploadReport')}
              </label>
              <input
                id="report-file"
                type="file"
                name="report"
                accept="application/pdf"
                required
                className="block text-sm"
              />
              <Button type="submit">{t('detail.uploadButton')}</Button>
            </>
          )}
        </ActionForm>
      ) : null}
      {data.isBooker && data.retest.open && data.retest.until ? (
        <ReasonForm
          intent="retest"
          label={t('detail.retestReason', { until: formatDate(data.retest.until ?? '', lng) })}
          button={t('detail.requestRetest')}
          rows={2}
          variant="secondary"
          className="mt-4 space-y-2 border-t border-slate-200 pt-3"
        />
      ) : null}
    </Card>
  )
}

function ClaimCard({ data }: { data: Data }) {
  const { t } = useTranslation('bookings')
  const lng = useRootData()?.locale ?? fallbackLanguage
  const claim = data.claim
  if (!claim) return null
  return (
    <Card>
      <h2 className="mb-2 text-base font-semibold text-slate-900">{t('detail.claim')}</h2>
      <p className="text-sm">
        {t('detail.claimText', { status: t(`claimStatus.${claim.status}`) })}{' '}
        <Money fen={claim.keptFen} />
      </p>
      <p className="mt-1 text-sm text-slate-700">{claim.reason}</p>
      {claim.evidence.length ? (
        <ul className="mt-2 flex flex-wrap gap-3 text-sm">
          {claim.evidence.map((id, i) => (
            <li key={id}>
              <a href={`/uploads/${id}`} className="text-brand-700 underline">
                {t('detail.evidence', { n: i + 1 })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {data.dispute ? (
        <Notice tone={data.dispute.status === 'open' ? 'warning' : 'info'}>
          {data.dispute.status === 'open'
            ? t(data.isBooker ? 'detail.disputeOpen' : 'detail.disputeOpenOwner')
            : t('detail.disputeResolved', {
                release: formatMoney(data.dispute.releaseFen ?? 0, 'CNY', lng),
                refund: formatMoney(data.dispute.refundFen ?? 0, 'CNY', lng),
                note: data.dispute.note ?? '',
              })}
        </Notice>
      ) : null}
      {data.isBooker && claim.status === 'proposed' ? (
        <div className="mt-3 space-y-3">
          <p className="text-sm text-slate-600">
            {t('detail.claimRespondBy', { at: formatDateTime(claim.respondBy, lng) })}
          </p>
          <ActionForm intent="accept-claim">
            {() => <Button type="submit">{t('detail.acceptClaim')}</Button>}
          </ActionForm>
          <ReasonForm
            intent="dispute-claim"
            label={t('detail.disputeReason')}
            button={t('detail.disputeClaim')}
            rows={3}
            variant="danger"
            className="space-y-2"
          />
        </div>
      ) : null}
    </Card>
  )
}

function OwnerActions({ data }: { data: Data }) {
  const { t } = useTranslation('bookings')
  const can = (a: string) => data.actions.includes(a as never)
  const decide = can('approve')
  const hasDeposit = data.depositPayment?.status === 'held'
  if (!data.isOwner) return null
  if (!decide && !can('start') && !can('complete') && !can('no-show') && !can('cancel')) return null
  return (
    <Card>
      <h2 className="mb-2 text-base font-semibold text-slate-900">{t('detail.ownerActions')}</h2>
      <div className="space-y-4">
        {decide ? (
          <>
            <ActionForm intent="approve">
              {() => (
                <Button type="submit">
                  {t(data.retestOf ? 'detail.approveRetest' : 'detail.approve')}
                </Button>
              )}
            </ActionForm>
            <ReasonForm
              intent="decline"
              label={t('detail.declineReason')}
              button={t('detail.decline')}
              rows={2}
              variant="danger"
              className="space-y-2"
            />
          </>
        ) : null}
        {can('start') ? (
          <div className="flex flex-wrap gap-3">
            <ActionForm intent="start">
              {() => <Button type="submit">{t('detail.start')}</Button>}
            </ActionForm>
            {data.started ? (
              <ActionForm intent="no-show">
                {() => (
                  <Button type="submit" variant="danger">
                    {t('detail.noShow')}
                  </Button>
                )}
              </ActionForm>
            ) : null}
          </div>
        ) : null}
        {can('complete') ? (
          <ActionForm intent="complete" multipart className="space-y-2">
            {(fields) => (
              <>
                {hasDeposit ? (
                  <>
                    <p className="text-sm text-slate-700">{t('detail.completeDeposit')}</p>
                    <label
                      htmlFor={fields.keptYuan.id}
                      className="block text-sm font-medium text-slate-800"
                    >
                      {t('detail.keptYuan')}
                    </label>
                    <input
                      {...getInputProps(fields.keptYuan, { type: 'text' })}
                      inputMode="decimal"
                      placeholder="0"
                      className="block w-40 rounded-md border border-slate-300 px-3 py-2 text-sm"
                    />
                    <ErrorList id={fields.keptYuan.errorId} errors={fields.keptYuan.errors} />
                    <label
                      htmlFor={fields.claimReason.id}
                      className="block text-sm font-medium text-slate-800"
                    >
                      {t('detail.claimReasonLabel')}
                    </label>
                    <textarea
                      {...getTextareaProps(fields.claimReason)}
                      rows={2}
                      className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                    />
                    <ErrorList id={fields.claimReason.errorId} errors={fields.claimReason.errors} />
                    <label htmlFor="evidence" className="block text-sm font-medium text-slate-800">
                      {t('detail.evidenceLabel')}
                    </label>
                    <input
                      id="evidence"
                      type="file"
                      name="evidence"
                      multiple
                      accept="image/jpeg,image/png,image/webp,application/pdf"
                      className="block text-sm"
                    />
                  </>
                ) : null}
                <Button type="submit">{t('detail.complete')}</Button>
              </>
            )}
          </ActionForm>
        ) : null}
        {can('cancel') && !decide ? <CancelForm ownerSide /> : null}
      </div>
    </Card>
  )
}

function CancelForm({ ownerSide = false }: { ownerSide?: boolean }) {
  const { t } = useTranslation('bookings')
  return (
    <ReasonForm
      intent="cancel"
      label={t('detail.cancelReason')}
      button={t('detail.cancel')}
      rows={2}
      variant="danger"
      className="space-y-2"
      note={
        <p className="text-xs text-slate-600">
          {t(ownerSide ? 'detail.cancelOwnerNote' : 'detail.cancelNote')}
        </p>
      }
    />
  )
}

function History({ data }: { data: Data }) {
  const { t } = useTranslation('bookings')
  const lng = useRootData()?.locale ?? fallbackLanguage
  return (
    <Card>
      <h2 className="mb-2 text-base font-semibold text-slate-900">{t('detail.history')}</h2>
      <ol className="space-y-1 text-sm">
        {data.events.map((e, i) => (
          <li key={i} className="flex flex-wrap gap-x-3">
            <span className="tabular-nums text-slate-500">{formatDateTime(e.at, lng)}</span>
            <span className="text-slate-900">
              {t(`events.${e.action}`, { defaultValue: e.action })}
            </span>
            {e.actorName ? <span className="text-slate-500">{e.actorName}</span> : null}
            {e.note ? <span className="text-slate-600">· {e.note}</span> : null}
          </li>
        ))}
      </ol>
    </Card>
  )
}

export default function BookingPage() {
  const { t } = useTranslation('bookings')
  const data = useLoaderData<typeof loader>()
  const b = data.booking
  const bookerCancels = data.isBooker && data.actions.includes('cancel') && !data.isOwner
  return (
    <div className="space-y-6">
      <PageTitle sub={t('detail.timesNote')}>
        <span className="flex flex-wrap items-center gap-3">
          {t(data.retestOf ? 'detail.retestTitle' : 'detail.title')}
          <span
            className={`rounded-full px-2.5 py-0.5 text-sm font-medium ${statusTone[b.status] ?? ''}`}
          >
            {t(`status.${b.status}`)}
          </span>
        </span>
      </PageTitle>
      {data.isOwner ? <Notice tone="info">{t('detail.ownerView')}</Notice> : null}
      <Details data={data} />
      <MoneyCard data={data} />
      <OwnerActions data={data} />
      <ReportCard data={data} />
      <ClaimCard data={data} />
      {data.isBooker && b.status === 'completed' && !data.review ? (
        <Card>
          <h2 className="mb-2 text-base font-semibold text-slate-900">{t('detail.review')}</h2>
          <ReviewForm bookingId={b.id} redirectTo={`/bookings/${b.id}`} />
        </Card>
      ) : null}
      {data.review ? (
        <Card>
          <h2 className="mb-1 text-base font-semibold text-slate-900">{t('detail.yourReview')}</h2>
          <p className="text-amber-600" aria-label={t('detail.stars', { n: data.review.rating })}>
            {'★'.repeat(data.review.rating)}
            <span className="text-slate-300">{'★'.repeat(5 - data.review.rating)}</span>
          </p>
          {data.review.body ? <p className="mt-1 text-sm">{data.review.body}</p> : null}
        </Card>
      ) : null}
      {bookerCancels ? (
        <Card>
          <CancelForm />
        </Card>
      ) : null}
      <History data={data} />
    </div>
  )
}
